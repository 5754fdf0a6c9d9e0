"""Tables as the pages show them: readable headings and formats, individuals masked, CSV and XLSX downloads."""

from __future__ import annotations

from typing import Any

import polars as pl
import streamlit as st

from anchorspend import downloads
from anchorspend.present.columns import is_money, is_percent
from anchorspend.present.columns import label as column_label
from anchorspend.present.formats import gbp, pct
from anchorspend.present.words import plain_text
from anchorspend.ui.mode import workshop
from anchorspend.ui.page import place_label
from anchorspend.ui.store import database_path
from anchorspend.view import Filters, literal, mask_individuals, shareable

PROJECTOR_ROWS = 20  # a projected table longer than this is read from the download, not the wall
PROJECTOR_COLUMNS = 6  # wider, and 20 px text no longer fits a 1280 px projector: the first columns lead


def private(frame: pl.DataFrame, name_column: str, flag_column: str = "is_individual") -> pl.DataFrame:
    """Hide individual payees' names in workshop mode (they never show in totals by name anyway)."""
    return mask_individuals(frame, name_column, flag_column) if workshop() else frame


def column_formats(frame: pl.DataFrame) -> dict[str, Any]:
    """Readable headings; £ with separators for money, percentages for shares and rates, dates as dates."""
    formats: dict[str, Any] = {}
    for name, dtype in frame.schema.items():
        label = column_label(name)
        if is_money(name, dtype):
            formats[name] = st.column_config.NumberColumn(label.removesuffix(" (£)"), format="£%,.0f")
        elif is_percent(name, dtype):
            # shown as percentage points with one decimal (table() multiplies by 100): Streamlit's "percent"
            # format drops trailing zeros, so 56% stood beside 16.28% in one column
            formats[name] = st.column_config.NumberColumn(label, format="%.1f%%")
        elif dtype == pl.Date or (dtype == pl.Datetime and ("_from" in name or "_on" in name)):
            formats[name] = st.column_config.DateColumn(label, format="D MMM YYYY")
        else:
            formats[name] = st.column_config.Column(label)
    return formats


def _cell(value: Any, name: str, dtype: Any) -> str:
    """One value as the projector table writes it: £ to the pound, shares as percentages, dates in words, text in
    a room's words."""
    if value is None:
        return "–"
    if is_money(name, dtype):
        return gbp(float(value), short=False)
    if is_percent(name, dtype):
        return pct(float(value))
    if dtype == pl.Date or isinstance(dtype, pl.Datetime):
        return f"{value:%-d %b %Y}"
    if isinstance(value, int | float) and not isinstance(value, bool):
        return f"{value:,}"
    text = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
    return literal(plain_text(text))  # cells are Markdown; a room reads no classification codes


def projector_table(frame: pl.DataFrame, headings: dict[str, Any] | None = None, downloads: bool = False) -> None:
    """A table as HTML text (large type that wraps, never a scrolling canvas at 14 px): workshop mode's tables.

    headings: column -> a column_config (its label is the heading) or a heading; others read column_label."""
    headings = headings or {}

    def heading(name: str) -> str:
        given = headings.get(name)
        given = given.get("label") if isinstance(given, dict) else given
        return literal(plain_text(given or column_label(name).removesuffix(" (£)")))

    hidden = [name for name in frame.columns if name in headings and headings[name] is None]
    kept = frame.drop(hidden)
    shown = kept.select(kept.columns[:PROJECTOR_COLUMNS]).head(PROJECTOR_ROWS)
    cells = {
        heading(name): [_cell(v, name, dtype) for v in shown[name].to_list()] for name, dtype in shown.schema.items()
    }
    st.table(pl.DataFrame(cells, schema=dict.fromkeys(cells, pl.String)), hide_index=True, border="horizontal")
    if frame.height > PROJECTOR_ROWS or kept.width > PROJECTOR_COLUMNS:
        st.caption(
            f"The first {min(frame.height, PROJECTOR_ROWS):,} of {frame.height:,} rows and "
            f"{min(kept.width, PROJECTOR_COLUMNS):,} of {kept.width:,} columns"
            + ("; the download below has them all." if downloads else "; normal mode shows them all.")
        )


def frame_table(frame: pl.DataFrame, **dataframe_args: Any) -> Any:
    """A table without downloads: st.dataframe, or in workshop mode the projector's large wrapping text."""
    if workshop():
        projector_table(frame, dataframe_args.get("column_config"))
        return None
    return st.dataframe(frame, **dataframe_args)


def _about(name: str, caption: str | None, current: Filters) -> downloads.About:
    """What a download covers: the sidebar's period and filters, and the store version it was read from."""
    from datetime import datetime

    from anchorspend import db

    with db.connect(database_path(), read_only=True, wait_s=10) as con:
        version = db.store_version(con)
    return downloads.About(
        caption or column_label(name),
        current.period_label,
        f"{place_label(current)} · {current.describe()}",
        version,
        datetime.now().replace(microsecond=0),
    )


def table(frame: pl.DataFrame, name: str, caption: str | None = None, **dataframe_args: Any) -> Any:
    """A table with CSV and XLSX downloads (formula injection neutralised; individuals masked)."""
    dataframe_args["column_config"] = {**column_formats(frame), **dataframe_args.get("column_config", {})}
    downloadable = shareable(frame, workshop())  # what the table and both downloads show; fractions stay fractions
    percents = [c for c, dtype in downloadable.schema.items() if is_percent(c, dtype)]
    if workshop():  # large type on a projector; no selection to make there
        projector_table(downloadable, dataframe_args["column_config"], downloads=True)
        event = None
    else:
        event = st.dataframe(
            downloadable.with_columns(pl.col(c) * 100 for c in percents), hide_index=True, **dataframe_args
        )
    buttons = st.container(horizontal=True)  # sized to their labels: never cut off on a small screen
    current = st.session_state.get("filters")
    current = current if isinstance(current, Filters) else Filters()
    buttons.download_button(
        "Download CSV",
        lambda: downloads.people_csv(downloadable, _about(name, caption, current)),  # built on click only
        downloads.file_name(name, current.date_from, current.date_to, "csv"),
        "text/csv",
        key=f"csv_{name}",
        icon=":material/download:",
        on_click="ignore",
    )
    buttons.download_button(
        "Download XLSX",
        lambda: downloads.people_xlsx(downloadable, _about(name, caption, current)),
        downloads.file_name(name, current.date_from, current.date_to, "xlsx"),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=f"xlsx_{name}",
        icon=":material/download:",
        on_click="ignore",
    )
    return event
