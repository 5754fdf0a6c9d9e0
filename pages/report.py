"""Report: preview the weekly report and download its PDF (the same builder as `anchorspend report`)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import polars as pl
import streamlit as st

from anchorspend import db, ui
from anchorspend.report.build import gather, pdf_bytes
from anchorspend.report.headlines import headline_rows
from anchorspend.report.memory import filters_key
from anchorspend.report.period import PeriodError, default_period, report_period
from anchorspend.view import literal

SECTIONS = (("trend", "Monthly trend"), ("leakage", "Leakage by sector"), ("map", "Map"))


@st.cache_resource(show_spinner="Gathering the report's figures…", ttl="10m", max_entries=8)
def report_content(path: str, stamp: int, week: str, filters_json: str, data_end: dt.date | None) -> Any:
    """The report's content for these filters, read-only, cached until the store changes."""
    with db.connect(path, read_only=True, wait_s=30) as con:
        return gather(con, report_period(week, data_end=data_end), json.loads(filters_json))


def report_filters(filters: Any) -> dict[str, Any]:
    """The sidebar's anchors, tiers and spend basis as the report's filters (its period is the week's)."""
    return {
        "anchors": sorted(filters.anchors),
        "local": sorted(filters.local),
        "regional": sorted(filters.regional),
        "all_spend": not filters.influenceable_only,
        "leakage_tier": "regional",
    }


def _missing_months(rows: list[dict[str, Any]]) -> str:
    """'Oct 2026: Alpha Council; Nov 2026: Alpha Council, Beta Trust' from (anchor, month) rows."""
    by_month: dict[dt.date, list[str]] = {}
    for row in rows:
        by_month.setdefault(dt.date.fromisoformat(str(row["month"])[:10]), []).append(str(row["anchor"]))
    return "; ".join(f"{month:%b %Y}: {', '.join(names)}" for month, names in sorted(by_month.items()))


def _data_end() -> dt.date | None:
    """The last payment loaded: a report's period stops there, on this page as in `anchorspend report`."""
    span = ui.query("ui_data_range") if ui.has_store() else pl.DataFrame()
    return span["last_paid_on"][0] if not span.is_empty() else None


def main() -> None:
    filters = ui.filters()
    ui.page_header("Weekly report", filters, plain="The weekly report")
    st.caption(
        "The PDF that is e-mailed every Monday: the financial year to date as of a week, compared with "
        "the same period a year earlier and with the previous report. It uses the sidebar's anchors, "
        "place and spend basis; its period comes from the week."
    )
    data_end = _data_end()
    week = st.text_input(
        "Week (like 2026-W44)" if ui.workshop() else "Week (ISO, YYYY-Www)",
        value=default_period(data_end).week,  # the same default as `anchorspend report` and the Overview
        help="Covers 1 April to that week's Sunday, or to the last payment loaded when that is earlier.",
    )
    try:
        period = report_period(week, data_end=data_end)
    except PeriodError as exc:
        st.error(literal(exc))
        return
    path = ui.database_path()
    with ui.guard("The report"):
        wanted = report_filters(filters)
        content = report_content(path, ui.store_stamp(path), week, filters_key(wanted), data_end)
        st.subheader(f"{literal(content.place_name)}: {period.label}")
        if content.is_fictional:
            st.warning("Fictional demo data.")
        rows = headline_rows(content.metrics, content.previous["figures"] if content.previous else None)
        headlines = pl.DataFrame(
            [
                {
                    "Measure": r["label"],
                    "This period": r["printed"],
                    "Since previous report": r["since_previous"],
                    "A year earlier": r["baseline_printed"],
                    "Since a year earlier": r["since_baseline"],
                }
                for r in rows
            ]
        )
        ui.frame_table(headlines, hide_index=True, height="content")  # every headline in view, as in the PDF
        for name, title in SECTIONS:
            if name in content.figures:
                st.markdown(f"**{title}**")
                ui.chart(content.figures[name], key=f"report_{name}")
        if content.months_missing:
            st.caption(f"Months with no payments loaded: {literal(_missing_months(content.months_missing))}.")
        if st.button("Make the PDF", type="primary"):
            with st.spinner("Drawing the charts and the PDF…"):
                st.session_state["report_pdf"] = (week, wanted, pdf_bytes(content))
        made = st.session_state.get("report_pdf")
        if made and made[0] == week and made[1] == wanted:
            name = f"anchorspend-report_{week}_{dt.date.today().isoformat()}.pdf"
            st.download_button("Download the PDF", made[2], mime="application/pdf", file_name=name)


ui.run(main)
