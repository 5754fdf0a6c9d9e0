"""Overview: the headline numbers against the baseline, the monthly trend, the anchors side by side."""

import streamlit as st

from anchorspend import ui
from anchorspend.present.empty import NO_PAYMENTS
from anchorspend.present.headlines import OVERVIEW
from anchorspend.present.place import ANCHORS_NOT_SET
from anchorspend.present.words import like_for_like_note
from anchorspend.ui import figures
from anchorspend.view import anchor_rows, literal, missing_months, pct


def main() -> None:
    filters = ui.filters()
    ui.page_header("Overview", filters, plain="How much of our spend stays local")
    if filters.date_from is None:
        st.info(NO_PAYMENTS)
        return
    numbers = ui.compute(filters)
    _coverage_warning(filters)
    placed = not ui.no_place(numbers)  # the cards read "Not set"; say why and how, once
    if note := like_for_like_note(numbers):  # what the changes compare, or why there are none
        (st.warning if (numbers.get("baseline") or {}).get("comparable") is False else st.info)(literal(note))
    size = 2 if ui.workshop() else 4  # room for plain words and a sentence under each on a projector
    for row in (OVERVIEW[i : i + size] for i in range(0, len(OVERVIEW), size)):
        for column, item in zip(st.columns(len(row)), row, strict=True):
            ui.headline(column, item, numbers)
    if not ui.workshop() and placed:
        st.caption(
            f"Pooled across anchors, spend-weighted: {pct(numbers.get('weighted_local_share'))} local. "
            f"Unweighted mean of the anchors' own shares: {pct(numbers.get('unweighted_local_share'))}. "
            f"Of spend whose location is known: {pct(numbers.get('located_local_share'))} local. "
            f"Unknown location {pct(numbers.get('unknown_share'))}, of which redacted/individual payees "
            f"{pct(numbers.get('unknown_individual_share'))}. Local suppliers not placed in a small area "
            f"(unknown for "
            f"the deprived-area share): {pct(numbers.get('deprived_area_unknown_share'))}. "
            f"Baseline: the same period a year earlier."
        )
    st.subheader("Month by month" if not ui.workshop() else "Each month")
    drawn = figures.overview(filters, numbers)  # what the warming thread drew for a new visitor
    ui.chart(drawn["trend"], key="trend")
    st.subheader("Anchors side by side")
    if not placed:
        st.caption(ANCHORS_NOT_SET)
    ui.chart(drawn["anchors"], key="anchors")
    if not ui.workshop():
        ui.table(anchor_rows(numbers.get("by_anchor", []), placed), "anchors")
    st.subheader("Who is paid, by type of organisation")
    ui.chart(drawn["types"], key="types")


def _coverage_warning(filters) -> None:
    """Say which anchors have months with no payments in the period (a comparison would mislead)."""
    gaps = missing_months(ui.coverage(filters))
    if gaps:
        lines = "\n".join(
            f"- **{literal(anchor)}**: no payments loaded for {', '.join(months)}" for anchor, months in gaps.items()
        )
        st.warning(f"Some months are missing in this period, so totals and comparisons are incomplete:\n\n{lines}")


ui.run(main)
