"""Collaboration: opportunities ranked by £ at stake, shared suppliers, contracts ending together."""

from datetime import timedelta

import polars as pl
import streamlit as st

from anchorspend import charts, ui
from anchorspend.charts.collaboration import kind_label
from anchorspend.metrics.sectors import sector_label
from anchorspend.view import gbp, literal, shared_pairs

DRILL_LIMIT = 500


def main() -> None:
    filters = ui.filters()
    ui.page_header("Collaboration opportunities", filters, plain="Where we could act together")
    if filters.date_from is None:
        st.info("No payments loaded yet.")
        return
    numbers = ui.compute(filters)
    opportunities = sorted(numbers.get("opportunities") or [], key=lambda o: -float(o.get("amount") or 0))
    # No total: opportunities overlap (one sector can be common leakage, aligned contracts and a shared supplier
    # at once), so adding them up would count the same money several times.
    counts = numbers.get("opportunity_counts") or {}
    left, right = st.columns(2)
    left.metric(
        "Largest opportunity",
        gbp(float(opportunities[0].get("amount") or 0)) if opportunities else "–",
        border=True,
        help=(literal(opportunities[0].get("title")) if opportunities else "No opportunities in this scope.")
        + " Opportunities overlap, so they are ranked, never added up.",
    )
    right.metric(
        "Opportunities found",
        f"{sum(counts.values()):,}",
        border=True,
        help=", ".join(f"{kind_label(k)}: {n:,}" for k, n in counts.items()) or "None in this scope.",
    )
    if ui.workshop():
        st.markdown(
            "Each bar is something two or more of our organisations could do together, "
            "sized by the money involved."
        )
    ui.chart(charts.opportunities_bar(opportunities), key="opportunities")
    ranked = pl.DataFrame(
        [
            {
                "rank": i + 1,
                "kind": kind_label(str(o.get("kind"))),
                "opportunity": o.get("title"),
                "amount_gbp": float(o.get("amount") or 0),
            }
            for i, o in enumerate(opportunities)
        ],
        schema={"rank": pl.Int64, "kind": pl.String, "opportunity": pl.String, "amount_gbp": pl.Float64},
    )
    st.subheader("Ranked by £ at stake")
    event = ui.table(ranked, "opportunities", on_select="rerun", selection_mode="single-row", key="opp_table")
    shared = numbers.get("shared_suppliers") or []
    st.subheader("Suppliers the anchors share")
    ui.chart(charts.shared_supplier_matrix(shared_pairs(shared)), key="matrix")
    if not ui.workshop():
        ui.table(
            pl.DataFrame(
                [
                    {**s, "anchors": ", ".join(s.get("anchors") or []), "sector": sector_label(s.get("sector"))}
                    for s in shared
                ],
                infer_schema_length=None,
            ).drop("supplier_id", strict=False),
            "shared_suppliers",
        )
    st.subheader("Contracts ending together")
    end = filters.date_to
    contracts = ui.query(
        "ui_contracts_ending", ends_after=end + timedelta(days=183), ends_before=end + timedelta(days=730)
    )
    contracts = contracts.with_columns(pl.col("sector").map_elements(sector_label, return_dtype=pl.String))
    st.caption(
        f"Contracts ending 6 to 24 months after {end:%d %b %Y} (the end of the period), from the contracts "
        "registers loaded; sectors with two or more anchors are aligned re-procurement opportunities above."
    )
    ui.chart(charts.reprocurement_timeline(contracts), key="timeline")
    if not ui.workshop():
        _drill_down(filters, opportunities, event)


def _drill_down(filters, opportunities: list[dict], event) -> None:
    """The payments behind the selected opportunity."""
    rows = event.selection.rows if event is not None and hasattr(event, "selection") else []
    st.subheader("The payments behind an opportunity")
    if not rows:
        st.caption("Select an opportunity in the table above to see its payments.")
        return
    chosen = opportunities[rows[0]]
    st.markdown(
        f"**{literal(chosen.get('title'))}** ({kind_label(str(chosen.get('kind')))}, {gbp(chosen.get('amount'))})"
    )
    payments = ui.opportunity_payments(filters, opportunity=chosen, limit=DRILL_LIMIT)
    ui.table(
        payments, "opportunity_payments", caption=f"Largest {DRILL_LIMIT} payments for {chosen.get('title')}"
    )


ui.run(main)
