"""Local multiplier (LM3): the three rounds, the assumptions and their sources, the band and the caveat."""

import polars as pl
import streamlit as st

from anchorspend import charts, ui
from anchorspend.metrics.lm3 import PROCUREMENT_ONLY
from anchorspend.present.explain import lm3_arithmetic
from anchorspend.present.place import NOT_SET
from anchorspend.view import gbp, literal, lm3_assumptions_in_words, pct

# Workshop mode: what each figure is, in a sentence.
PLAIN_LM3 = (
    "What each £1 these organisations spend is worth to the local economy once local suppliers and staff spend it "
    "again locally: at least £1 (the £1 itself), at most £3."
)
PLAIN_BAND = "The local multiplier again with every guess about local re-spending at its lowest and at its highest."
PLAIN_PER_POUND = "The £1 itself plus what a local supplier spends again locally, on average."


def main() -> None:
    filters = ui.filters()
    ui.page_header("Local multiplier (LM3)", filters, plain="How far our money travels locally")
    if filters.date_from is None:
        st.info("No payments loaded yet.")
        return
    numbers = ui.compute(filters)
    placed = not ui.no_place(numbers)
    lm3 = numbers.get("lm3") or {}
    # with no place nothing is local, so the multiplier is not 1.00 but not worked out
    value, low, high = (lm3.get("value"), lm3.get("low"), lm3.get("high")) if placed else (None, None, None)
    room = ui.workshop()  # the same figures in a room's words
    left, middle, right = st.columns(3)
    left.metric(
        str(lm3.get("label") or "LM3") if not ui.workshop() else "Local multiplier",
        (NOT_SET if not placed else "–") if value is None else f"{value:.2f}",
        border=True,
        help=PLAIN_LM3 if room else "LM3 = (R1 + R2 + R3) ÷ R1, between 1 and 3 (NEF, The Money Trail).",
    )
    middle.metric(
        "Range" if room else "Sensitivity band",
        (NOT_SET if not placed else "–") if low is None else f"{low:.2f} – {high:.2f}",
        help=PLAIN_BAND if room else "LM3 with every re-spend rate at its low and at its high assumption.",
        border=True,
    )
    local_value, _ = _value_per_pound(numbers)
    right.metric(
        "£1 with a local supplier is worth",
        "–" if local_value is None else f"£{local_value:.2f}",
        border=True,
        help=PLAIN_PER_POUND
        if room
        else "1 + r_local: the £1 itself plus what the supplier re-spends locally.",
    )
    if placed:
        _rounds(numbers, lm3, value, room)
    st.subheader("What £1 is worth")
    local, non_local = _value_per_pound(numbers)
    ui.chart(charts.value_per_pound(local, non_local), key="per_pound")
    if ui.workshop():  # "on what assumptions?" answered on the projector, in words
        st.subheader("On what assumptions?")
        shown = lm3 if placed else {**lm3, "low": None, "high": None}  # no range of a figure not worked out
        st.markdown("\n".join(f"- {literal(line)}" for line in lm3_assumptions_in_words(shown)))
        return
    st.subheader("Assumptions and their sources")
    if lm3.get("assumptions"):
        st.markdown(
            "Re-spend rates applied to the spend in scope (survey returns where suppliers gave them):"
        )
        ui.table(pl.DataFrame(lm3["assumptions"], infer_schema_length=None), "lm3_assumptions_applied")
    rates = ui.query("ui_respend_rates")
    payroll = ui.query("ui_anchor_payroll")
    survey = ui.query("ui_survey_returns")
    st.markdown("Local re-spend rates by supplier type and sector (the most specific row wins; * = any):")
    ui.table(
        rates,
        "respend_rates",
        column_config={
            "low": st.column_config.NumberColumn("Low", format="percent"),
            "high": st.column_config.NumberColumn("High", format="percent"),
        },
    )
    st.markdown("Payroll and staff living locally, per anchor:")
    if payroll.is_empty():  # a statement: Streamlit's "magic" would write a conditional expression's value
        st.caption("No payroll entered.")
    else:
        ui.table(payroll.drop("anchor_id", strict=False), "anchor_payroll")
    if not survey.is_empty():
        st.markdown("Supplier survey returns (override the defaults for these suppliers):")
        ui.table(survey, "survey_returns")
    with st.expander("Edit the assumptions"):
        ui.editor(
            "respend_rates",
            "ui_respend_rates",
            "Rates are fractions between 0 and 1; say where each comes from.",
        )
        ui.editor("anchor_payroll", "ui_anchor_payroll", "year_from is the first day of the financial year.")


def _rounds(numbers: dict, lm3: dict, value: float | None, room: bool) -> None:
    """What the multiplier means, that it is a lower bound, its arithmetic and its three rounds."""
    if room:
        st.markdown(
            f"Every £1 these organisations spend is worth about **£{value or 0:.2f}** to the local economy "
            "once suppliers and staff spend it again locally."
        )
    st.warning(
        f"{'The local multiplier' if room else 'LM3'} is a **lower bound**: {pct(numbers.get('unknown_share'))} of "
        "spend goes to suppliers whose "
        "location is "
        "unknown, and none of it is counted as local. Locating more suppliers can only raise it."
    )
    if (arithmetic := lm3_arithmetic(lm3)) and not ui.workshop():
        st.caption(f"How it was computed: {literal(arithmetic)}.")
    procurement_only = lm3.get("basis") == PROCUREMENT_ONLY  # not "procurement and payroll"
    if procurement_only:
        st.info(
            "No payroll is entered for these anchors, so this is a procurement-only LM3. "
            "Add payroll and the share of staff living locally below to include staff spending."
        )
    ui.chart(charts.lm3_rounds(lm3), key="lm3")
    if lm3.get("r1"):
        st.markdown(
            f"**Round 1** {gbp(lm3['r1'])}: spend in scope{'' if procurement_only else ' plus payroll'}. "
            f"**Round 2** {gbp(lm3['r2'])}: what went to local suppliers (and local staff). "
            f"**Round 3** {gbp(lm3['r3'])}: what those local suppliers and staff re-spent locally."
        )


def _value_per_pound(numbers: dict) -> tuple[float | None, float | None]:
    """Value of £1 to a local and to a non-local supplier, as metrics reports it."""
    lm3 = numbers.get("lm3") or {}
    for source in (lm3, numbers):
        per = source.get("value_per_pound")
        if isinstance(per, dict):
            return per.get("local"), per.get("non_local", per.get("nonlocal"))
        if "value_per_pound_local" in source:
            return source.get("value_per_pound_local"), source.get("value_per_pound_nonlocal")
    return None, None


ui.run(main)
