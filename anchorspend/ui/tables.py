"""Tables as the pages show them: readable headings and formats, individuals masked, CSV and XLSX downloads."""

from __future__ import annotations

from typing import Any

import polars as pl
import streamlit as st

from anchorspend import downloads
from anchorspend.table_labels import column_label, is_money, is_percent
from anchorspend.ui.mode import workshop
from anchorspend.view import mask_individuals, shareable


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


def table(frame: pl.DataFrame, name: str, caption: str | None = None, **dataframe_args: Any) -> Any:
    """A table with CSV and XLSX downloads (formula injection neutralised; individuals masked)."""
    dataframe_args["column_config"] = {**column_formats(frame), **dataframe_args.get("column_config", {})}
    downloadable = shareable(frame, workshop())  # what the table and both downloads show; fractions stay fractions
    percents = [c for c, dtype in downloadable.schema.items() if is_percent(c, dtype)]
    event = st.dataframe(
        downloadable.with_columns(pl.col(c) * 100 for c in percents), hide_index=True, **dataframe_args
    )
    buttons = st.container(horizontal=True)  # sized to their labels: never cut off on a small screen
    buttons.download_button(
        "Download CSV",
        lambda: downloads.to_csv(downloadable),  # built on click, not on every run
        f"{name}.csv",
        "text/csv",
        key=f"csv_{name}",
        icon=":material/download:",
        on_click="ignore",
    )
    buttons.download_button(
        "Download XLSX",
        lambda: downloads.to_xlsx(downloadable, name, caption),
        f"{name}.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=f"xlsx_{name}",
        icon=":material/download:",
        on_click="ignore",
    )
    return event
