"""Leakage: where spend leaves the place, by sector; what is addressable; and the what-if shift."""

import polars as pl
import streamlit as st

from anchorspend import charts, ui
from anchorspend.charts.leakage import addressable_amount
from anchorspend.metrics.views import leakage_drill
from anchorspend.metrics.whatif import shift_leakage
from anchorspend.present.headlines import by_key
from anchorspend.present.words import plain_text
from anchorspend.view import gbp, literal, pct

DRILL_LIMIT = 500  # payments shown under a chosen sector (as the Collaboration page)


def main() -> None:
    filters = ui.filters()
    ui.page_header("Leakage", filters, plain="Where our money leaves the area")
    if filters.date_from is None:
        st.info("No payments loaded yet.")
        return
    tier = (
        st.segmented_control(
            "Leakage means spend outside the",
            ["regional", "local"],
            default="regional",
            format_func={"regional": "region", "local": "local area"}.get,
            key="leakage_tier",
            bind="query-params",
        )
        or "regional"
    )
    numbers = ui.compute(filters, leakage_tier=tier)
    sectors = numbers.get("leakage_by_sector") or []
    for column, key in zip(st.columns(2), ("leakage", "addressable_leakage"), strict=True):
        ui.headline(column, by_key(key), numbers)  # the totals metrics computed, never re-added here
    if ui.no_place(numbers):  # with no place every located supplier would read as leaking: show none of it
        return
    if ui.workshop():
        st.markdown(
            "Money paid to suppliers outside the area, and how much of it is in sectors where local firms "
            "already do the same work."
        )
    ui.chart(charts.leakage_by_sector(sectors), key="leakage")
    if not ui.workshop():
        frame = pl.DataFrame(sectors, infer_schema_length=None)
        shown = ["label", "leakage", "addressable_leakage", "local_suppliers", "spend", "local_spend"]
        event = ui.table(
            frame.select([c for c in shown if c in frame.columns]),
            "leakage_by_sector",
            column_config={"label": st.column_config.Column("Sector (SIC division · section)")},
            on_select="rerun",
            selection_mode="single-row",
            key="leakage_table",
        )
        rows = event.selection.rows if event is not None and hasattr(event, "selection") else []
        _payments_behind(filters, sectors[rows[0]] if rows else None, tier)
    _what_if(sectors, numbers)


def _payments_behind(filters, sector: dict | None, tier: str) -> None:
    """The payments behind one sector's leakage, largest first: the number traced down to what was paid."""
    if sector is None:
        st.caption("Choose a sector (tick its row) to see the payments behind its leakage.")
        return
    paid = ui.opportunity_payments(
        filters, opportunity={"drill": leakage_drill(str(sector["sector"]), tier)}, limit=DRILL_LIMIT
    )
    st.markdown(f"**Payments behind the leakage in {literal(sector.get('label') or sector['sector'])}**")
    st.caption(
        f"{paid.height:,} payments, largest first"
        + (f" (the largest {DRILL_LIMIT:,}; the download has the same)" if paid.height >= DRILL_LIMIT else "")
        + f", to suppliers located outside the {'region' if tier == 'regional' else 'local area'}."
    )
    ui.table(paid.drop([c for c in paid.columns if c.endswith("_id")]), "leakage_payments")


def _what_if(sectors: list[dict], numbers: dict) -> None:
    """Move x% of addressable leakage in chosen sectors to local suppliers (metrics.whatif.shift_leakage)."""
    st.subheader("What if we moved some of it to local suppliers?")
    room = ui.workshop()  # the same figures in a room's words
    share = st.slider(
        "Share moved to local suppliers (%)" if room else "Share of addressable leakage moved (%)",
        0,
        50,
        10,
        step=1,
        key="shift",
        bind="query-params",
    )
    addressable = [r for r in sectors if addressable_amount(r) > 0]
    labels = {str(r["sector"]): str(r.get("label") or r["sector"]) for r in addressable}
    if room:
        labels = {sector: plain_text(label) for sector, label in labels.items()}
    chosen = st.multiselect(
        "In these sectors",
        list(labels),
        format_func=labels.get,
        key="whatif_sectors",
        placeholder="All addressable sectors",
    )
    # The shift is arithmetic on the numbers already computed (what `anchorspend whatif` does after its queries),
    # so the slider answers at once even on millions of payments.
    result = shift_leakage(numbers, share / 100, chosen)
    lm3 = (numbers.get("lm3") or {}).get("value")
    cols = st.columns(4)
    cols[0].metric(
        "Kept locally",
        gbp(result.get("shifted")),
        border=True,
        help="That share of the money that could be bought locally, in the sectors chosen."
        if room
        else "Shifted £ = share × addressable leakage in the chosen sectors.",
    )
    cols[1].metric(
        "New local share",
        pct(result.get("new_local_share")),
        border=True,
        help="Out of every £1, how much would go to local suppliers after the move."
        if room
        else "(Local spend + shifted £) ÷ all spend in scope.",
        delta=None
        if result.get("new_local_share") is None
        else f"{(result['new_local_share'] - numbers['local_share']) * 100:+.1f} pts",
    )
    cols[2].metric(
        "New local multiplier" if room else "New LM3",
        "–" if result.get("new_lm3") is None else f"{result['new_lm3']:.2f}",
        border=True,
        delta=None if result.get("new_lm3") is None or lm3 is None else f"{result['new_lm3'] - lm3:+.2f}",
        help="What each £1 spent would be worth to the local economy after the move."
        if room
        else "LM3 recomputed with the shifted £ as local spend.",
    )
    cols[3].metric(
        "Extra local value",
        gbp(result.get("extra_local_value")),
        border=True,
        help="What moving that money adds to the local economy once local suppliers spend it again locally."
        if room
        else "Shifted £ × (1 + r_local − r_nonlocal): what the shift adds to the local economy.",
    )
    if result.get("new_local_share") is not None:
        ui.chart(
            charts.whatif_bars(float(numbers["local_share"]), float(result["new_local_share"])), key="whatif"
        )


ui.run(main)
