"""Report: preview the weekly report and download its PDF (the same builder as `anchorspend report`)."""

from __future__ import annotations

import datetime as dt

import polars as pl
import streamlit as st

from anchorspend import db, ui
from anchorspend.report.build import gather, pdf_bytes
from anchorspend.report.headlines import headline_rows
from anchorspend.report.period import PeriodError, default_week, report_period

st.title("Weekly report")
st.caption(
    "The PDF that is e-mailed every Monday: the financial year to date as of a week, compared with the same "
    "period a year earlier and with the previous report. Preview it here, or download it."
)

path = ui.database_path()
week = st.text_input(
    "Week (ISO, YYYY-Www)", value=default_week(), help="The report covers 1 April to this week's Sunday."
)
all_spend = st.toggle("Include non-influenceable spend", value=False)
try:
    period = report_period(week)
except PeriodError as exc:
    st.error(str(exc))
    st.stop()
filters = {"anchors": [], "local": [], "regional": [], "all_spend": all_spend, "leakage_tier": "regional"}


@st.cache_resource(show_spinner="Gathering the report's figures…", ttl="10m")
def content_for(store: str, stamp: int, week: str, all_spend: bool):  # noqa: ANN201 (a ReportContent)
    """The report's content, read-only, cached until the store changes."""
    with db.connect(store, read_only=True, wait_s=30) as con:
        return gather(con, report_period(week), dict(filters, all_spend=all_spend))


try:
    content = content_for(path, ui.store_stamp(path), week, all_spend)
except FileNotFoundError:
    st.info("The store is empty. Load spend files or build the demo with `anchorspend demo`.")
    st.stop()

st.subheader(f"{content.place_name}: {period.label}")
if content.is_fictional:
    st.warning("Fictional demo data.")
rows = headline_rows(content.metrics, content.previous["figures"] if content.previous else None)
st.dataframe(
    pl.DataFrame(
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
    ),
    hide_index=True,
    use_container_width=True,
)
for name, title in (("trend", "Monthly trend"), ("leakage", "Leakage by sector"), ("map", "Map")):
    if name in content.figures:
        st.markdown(f"**{title}**")
        st.plotly_chart(content.figures[name], use_container_width=True, key=f"report_{name}")
if content.months_missing:
    st.caption(
        "Months with no payments loaded: "
        + "; ".join(f"{r['anchor']} {r['month']}" for r in content.months_missing)
    )

if st.button("Make the PDF", type="primary"):
    with st.spinner("Drawing the charts and the PDF…"):
        st.session_state["report_pdf"] = (week, pdf_bytes(content))
if st.session_state.get("report_pdf", (None,))[0] == week:
    st.download_button(
        "Download the PDF",
        st.session_state["report_pdf"][1],
        mime="application/pdf",
        file_name=f"anchorspend-report_{week}_{dt.date.today().isoformat()}.pdf",
    )
