"""Collaboration as a decision list: the top five sectors as sentences, each with the contracts (or suppliers)
behind it beside it, then every ranked sector for officers, with the payments behind the one chosen."""

from collections.abc import Mapping
from typing import Any

import polars as pl
import streamlit as st

from anchorspend import charts, ui
from anchorspend.downloads import mask_people
from anchorspend.metrics.sectors import sector_label
from anchorspend.present import collaboration as words
from anchorspend.present.empty import NO_COLLABORATION, NO_PAYMENTS
from anchorspend.present.formats import gbp_about
from anchorspend.present.place import place_set, where
from anchorspend.view import literal, shared_pairs

DRILL_LIMIT = 500


def main() -> None:
    filters = ui.filters()
    ui.page_header("Collaboration opportunities", filters, plain="Where we could act together")
    if filters.date_from is None:
        st.info(NO_PAYMENTS)
        return
    numbers = ui.compute(filters)
    ui.no_place(numbers)  # the list still stands (sectors, spend, contracts); only what leaves is not known
    top = words.top(numbers)
    ranked = words.sectors(numbers)
    if not top:
        st.info(NO_COLLABORATION)
        return
    st.subheader(f"The {len(top):d} sectors where the anchors could do most together")
    st.caption(literal(words.ranking_short(numbers)))
    for item in top:
        _entry(item, numbers)
    st.caption(f"**How this list is made.** {literal(words.ranking_rule(numbers))}")
    if ui.workshop():
        every = st.expander(f"All {len(ranked):,} sectors, ranked (for officers)", key="all_sectors_open",
                            on_change="rerun")
        with every:
            if every.open:
                ui.table(pl.DataFrame(words.table_rows(numbers), infer_schema_length=None), "collaboration_sectors")
        return
    _officers(filters, numbers, ranked)


def _entry(item: Mapping[str, Any], numbers: Mapping[str, Any]) -> None:
    """One top sector: its sentence, and the contracts or suppliers behind it right beside it."""
    entry = item["entry"]
    with st.container(border=True):
        st.markdown(f"**{entry['rank']:d}. {literal(item['what'])}:** {literal(item['text'])}")
        contracts = _contracts(entry)
        label = (
            f"The {contracts.height} contract{'s' if contracts.height != 1 else ''} behind it"
            if contracts.height
            else f"The {len(entry.get('suppliers') or [])} largest suppliers behind it"
        )
        # The table is drawn when its reader opens it: five grids in closed expanders cost every browser a fifth
        # of a second on a cold page at a desk, and five projector tables (1,900 page nodes) 0.7 s in a workshop.
        behind = st.expander(label, key=opened(entry), on_change="rerun")
        with behind:
            st.caption(literal(_behind(entry)))
            if behind.open:
                frame = contracts if contracts.height else _suppliers(entry, place_set(numbers))
                ui.frame_table(  # large type on a projector
                    frame, hide_index=True, column_config=ui.column_formats(frame), key=f"behind_{entry['sector']}"
                )


def opened(entry: Mapping[str, Any]) -> str:
    """The session-state key that says whether the table behind a top sector is open (normal mode)."""
    return f"behind_{entry['sector']}_open"


def _anchor(name: str) -> str:
    """An anchor in a table: its short name on a projector, its full name at a desk."""
    return words.anchor_name(name) if ui.workshop() else name


def _behind(entry: Mapping[str, Any]) -> str:
    """What the table behind an entry lists, in a line."""
    held = entry.get("contracts") or []
    if held:
        value = sum(float(c.get("value_gbp") or 0) for c in held)
        anchors = len({c.get("anchor") for c in held})
        return (
            f"Contracts in this sector still running after the period, soonest end first: {len(held):,} at "
            f"{anchors:,} anchors, worth about {gbp_about(value)} a year together (from the contracts registers)."
        )
    return (
        "No contract in this sector runs past the period in the registers loaded: its largest suppliers in the "
        "period instead, with who pays them and where they are."
    )


def _contracts(entry: Mapping[str, Any]) -> pl.DataFrame:
    """The contracts behind a sector: title, supplier, anchor, value a year, end date (people's names masked in
    workshop mode)."""
    frame = pl.DataFrame(
        [
            {
                "contract": c.get("title") or "untitled",
                "supplier": c.get("supplier"),
                "anchor": _anchor(str(c.get("anchor"))),
                "value_a_year_gbp": c.get("value_gbp"),
                "ends_on": c.get("ends_on"),
            }
            for c in entry.get("contracts") or []
        ],
        schema={
            "contract": pl.String,
            "supplier": pl.String,
            "anchor": pl.String,
            "value_a_year_gbp": pl.Float64,
            "ends_on": pl.String,
        },
    ).with_columns(pl.col("ends_on").str.to_date(strict=False))
    return mask_people(frame) if ui.workshop() else frame


def _suppliers(entry: Mapping[str, Any], placed: bool) -> pl.DataFrame:
    """The largest suppliers behind a sector with no contracts loaded: who, paid by whom, how much, where."""
    frame = pl.DataFrame(
        [
            {
                "supplier": s.get("supplier"),
                "paid_by": ", ".join(_anchor(a) for a in s.get("anchors") or []),
                "spend_gbp": s.get("spend"),
                "where": where(s.get("tier"), placed),
            }
            for s in entry.get("suppliers") or []
        ],
        schema={"supplier": pl.String, "paid_by": pl.String, "spend_gbp": pl.Float64, "where": pl.String},
    )
    return mask_people(frame) if ui.workshop() else frame


def _officers(filters, numbers: Mapping[str, Any], ranked: list[dict]) -> None:
    """Every ranked sector, with what is behind the one chosen, then the shared suppliers and contract timeline."""
    st.subheader(f"All {len(ranked):,} sectors, ranked")
    st.caption(
        "Choose a row to see the contracts (or suppliers) and the payments behind it. Amounts a year are the "
        "period's spend at its daily rate."
    )
    event = ui.table(
        pl.DataFrame(words.table_rows(numbers), infer_schema_length=None),
        "collaboration_sectors",
        caption="Collaboration opportunities by sector, ranked",
        on_select="rerun",
        selection_mode="single-row",
        key="sector_table",
    )
    rows = event.selection.rows if event is not None and hasattr(event, "selection") else []
    if rows:
        chosen = ranked[rows[0]]
        st.markdown(f"**Behind {literal(chosen['label'])}**")
        contracts = _contracts(chosen)
        if contracts.height:
            ui.frame_table(contracts, hide_index=True, column_config=ui.column_formats(contracts))
        else:
            suppliers = _suppliers(chosen, place_set(numbers))
            ui.frame_table(suppliers, hide_index=True, column_config=ui.column_formats(suppliers))
        paid = ui.opportunity_payments(filters, opportunity=chosen, limit=DRILL_LIMIT)
        st.caption(f"The payments behind it, largest first (at most {DRILL_LIMIT}).")
        ui.table(
            paid.drop([c for c in paid.columns if c.endswith("_id")]),  # the payment as published, no store keys
            "collaboration_payments",
            caption=f"Largest {DRILL_LIMIT} payments in {chosen['label']} at {', '.join(chosen['anchors'])}",
        )
    shared = numbers.get("shared_suppliers") or []
    st.subheader("Suppliers the anchors share")
    ui.chart(charts.shared_supplier_matrix(shared_pairs(shared)), key="matrix")
    ui.table(
        pl.DataFrame(
            [
                {
                    "supplier": s.get("supplier"),
                    "paid_by": ", ".join(s.get("anchors") or []),
                    "spend_gbp": s.get("spend"),
                    "where": where(s.get("tier"), place_set(numbers)),
                    "sector": sector_label(s.get("sector")),
                    "relocalisation_candidate": s.get("relocalisation_candidate") if place_set(numbers) else None,
                }
                for s in shared
            ],
            infer_schema_length=None,
        ),
        "shared_suppliers",
    )
    _timeline(filters)


def _timeline(filters) -> None:
    """Every contract of the registers loaded ending 6 to 24 months after the period, on one time line."""
    from datetime import timedelta

    st.subheader("Contracts ending together")
    end = filters.date_to
    contracts = ui.query(
        "ui_contracts_ending", ends_after=end + timedelta(days=183), ends_before=end + timedelta(days=730)
    )
    contracts = contracts.with_columns(pl.col("sector").map_elements(sector_label, return_dtype=pl.String))
    st.caption(
        f"Contracts ending 6 to 24 months after {end:%d %b %Y} (the end of the period), from the contracts "
        "registers loaded."
    )
    ui.chart(charts.reprocurement_timeline(contracts), key="timeline")


ui.run(main)
