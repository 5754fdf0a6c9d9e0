"""Tables as the pages show them: readable headings and formats, individuals masked, CSV and XLSX downloads."""

from __future__ import annotations

import sys
from typing import Any

import polars as pl
import streamlit as st

from anchorspend import downloads
from anchorspend.present.columns import is_money, is_percent
from anchorspend.present.columns import label as column_label
from anchorspend.present.formats import gbp, pct
from anchorspend.present.words import plain_text
from anchorspend.ui import grid
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
    # A table of single payments (a date paid on each row) shows pence, as the ledger it is checked against does;
    # totals and summaries stay to the pound.
    money = "£%,.2f" if "paid_on" in frame.columns else "£%,.0f"
    for name, dtype in frame.schema.items():
        label = column_label(name)
        if is_money(name, dtype):
            formats[name] = st.column_config.NumberColumn(label.removesuffix(" (£)"), format=money)
        elif is_percent(name, dtype):
            # shown as percentage points with one decimal (table() multiplies by 100): Streamlit's "percent"
            # format drops trailing zeros, so 56% stood beside 16.28% in one column
            formats[name] = st.column_config.NumberColumn(label, format="%.1f%%")
        elif dtype == pl.Date or (dtype == pl.Datetime and ("_from" in name or "_on" in name)):
            formats[name] = st.column_config.DateColumn(label, format="D MMM YYYY")
        else:
            formats[name] = st.column_config.Column(label)
    return formats


def _heading(config: dict[str, Any], name: str) -> str | None:
    """The heading a page gave a column in its column_config, if any."""
    given = config.get(name)
    label = given.get("label") if isinstance(given, dict) else given
    return label if isinstance(label, str) else None


def _sized(
    frame: pl.DataFrame, dataframe_args: dict[str, Any], room_px: int = grid.GRID_WIDTH_PX
) -> tuple[dict[str, Any], tuple[str, ...]]:
    """st.dataframe's arguments with every column sized to fit a desk's 1280 px screen (grid.layout; widths the
    page set kept) and rows tall enough to wrap the longest value; and the columns left out for want of room."""
    config = dict(dataframe_args.get("column_config") or {})
    shown = frame.drop([n for n in frame.columns if n in config and config[n] is None])  # the page hides these
    headings = {n: h for n in shown.columns if (h := _heading(config, n))}
    widths = {n: c.get("width") if isinstance(c := config.get(n), dict) else None for n in shown.columns}
    named = {n: grid.NAMED_WIDTHS.get(str(w), w) for n, w in widths.items()}
    given: dict[str, int] = {n: w for n, w in named.items() if isinstance(w, int)}  # the page's own widths stay
    selectable = dataframe_args.get("on_select", "ignore") != "ignore"
    fitted = grid.layout(shown, headings, given, selectable, room_px)
    if fitted.hidden and not selectable:  # the rows become choosable, to show what is left out: room for the ticks
        fitted = grid.layout(shown, headings, given, True, room_px)
        dataframe_args = {**dataframe_args, "on_select": "rerun", "selection_mode": "single-row"}
    for name, width in fitted.widths.items():
        given_config = config.get(name)
        if isinstance(given_config, dict):
            config[name] = {**given_config, "width": width}
        else:
            config[name] = st.column_config.Column(given_config if isinstance(given_config, str) else None, width=width)
    for name in fitted.hidden:
        config[name] = None
    sized = {**dataframe_args, "column_config": config}
    if fitted.row_height is not None and dataframe_args.get("row_height") is None:
        sized["row_height"] = fitted.row_height
        if dataframe_args.get("height", "auto") == "auto":
            sized["height"] = min(frame.height, grid.TALL_ROWS_SHOWN) * fitted.row_height + grid.HEADER_PX
    return sized, fitted.hidden


def editor_layout(frame: pl.DataFrame, column_config: dict[str, Any]) -> dict[str, Any]:
    """st.data_editor's column widths and row height, sized like a table's (an editor keeps every column, so one
    that cannot fit a desk's screen scrolls sideways rather than leave a column out)."""
    sized, left_out = _sized(frame, {"column_config": column_config})
    everything = _sized(frame, {"column_config": column_config}, room_px=sys.maxsize)[0]  # none left out
    config = {**sized["column_config"], **{n: everything["column_config"][n] for n in left_out}}
    return {"column_config": config, "row_height": sized.get("row_height")}


def _cell(value: Any, name: str, dtype: Any) -> str:
    """One value as Markdown, as the projector table writes it: £ to the pound, shares as percentages, dates in
    words, text in a room's words."""
    if isinstance(value, str | list):
        return literal(plain_text(written(value, name, dtype)))  # cells are Markdown; a room reads no codes
    return written(value, name, dtype)


def written(value: Any, name: str, dtype: Any) -> str:
    """One value as a person reads it (plain text, not Markdown): £ to the pound, shares as percentages, dates in
    words, yes or no."""
    if value is None:
        return "–"
    if is_money(name, dtype):
        return gbp(float(value), short=False)
    if is_percent(name, dtype):
        return pct(float(value))
    if dtype == pl.Date or isinstance(dtype, pl.Datetime):
        return f"{value:%-d %b %Y}"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        return f"{value:,}"
    return ", ".join(map(str, value)) if isinstance(value, list) else str(value)


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


def _grid(shown: pl.DataFrame, values: pl.DataFrame, dataframe_args: dict[str, Any], downloads: bool) -> Any:
    """st.dataframe sized to a desk's screen; the columns it has no room for are named under it, and shown for the
    row chosen. values: the rows as shown, their shares as fractions."""
    sized, hidden = _sized(shown, dataframe_args)
    event = st.dataframe(shown, **sized)
    if hidden:
        config = dataframe_args.get("column_config") or {}
        labels = {n: _heading(config, n) or column_label(n) for n in hidden}
        st.caption(
            f"No room here for {literal(', '.join(labels.values()))}: choose a row to see them"
            + ("; the downloads have every column." if downloads else ".")
        )
        rows = event.selection.rows if hasattr(event, "selection") else []
        if rows:  # the chosen row, named by its first column, with what the grid had no room for
            row = values.row(rows[0], named=True)
            words = {n: written(row[n], n, values.schema[n]) for n in [values.columns[0], *hidden]}
            st.markdown(
                f"**{literal(words[values.columns[0]])}**: "
                + " · ".join(f"{literal(labels[n])} **{literal(words[n])}**" for n in hidden)
            )
    return event


def frame_table(frame: pl.DataFrame, **dataframe_args: Any) -> Any:
    """A table without downloads: st.dataframe, or in workshop mode the projector's large wrapping text."""
    if workshop():
        projector_table(frame, dataframe_args.get("column_config"))
        return None
    return _grid(frame, frame, dataframe_args, downloads=False)


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
        shown = downloadable.with_columns(pl.col(c) * 100 for c in percents)
        event = _grid(shown, downloadable, {"hide_index": True, "key": f"table_{name}", **dataframe_args}, True)
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
