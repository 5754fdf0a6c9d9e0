"""Tables as the pages show them: readable headings and formats, individuals masked, CSV and XLSX downloads."""

from __future__ import annotations

import math
from functools import cache
from pathlib import Path
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
# st.dataframe draws 14 px Source Sans on a canvas that cuts a cell at its edge. Text columns are sized to their
# longest value up to TEXT_WIDTH px, and longer values wrap onto taller rows (the grid wraps only when a row is
# taller than 4rem = 64 px), so every value reads whole without widening the table past the page.
CHAR_PX = 7.5  # a generous average glyph width of the grid's 14 px font, when the font itself cannot be read
MEASURED = 20  # values measured in the font: a column's longest by characters
CELL_PADDING_PX = 24  # the grid's cell padding and a margin
HEADER_EXTRA_PX = 28  # a heading's sort arrow and menu
MIN_TEXT_WIDTH, TEXT_WIDTH, WIDE_TEXT_WIDTH = 80, 320, 480  # wide: a value MAX_LINES at TEXT_WIDTH cannot hold
LINE_PX, ROW_PADDING_PX, WRAP_MIN_ROW_PX, MAX_LINES, WRAP_SLACK = 20, 12, 65, 4, 1.2
# taller rows would show fewer of them in the grid's default height: it grows to show this many (and its header)
TALL_ROWS_SHOWN, HEADER_PX = 6, 40
SAMPLE_ROWS = 20_000  # enough to find the longest value of any table a page shows; bounds the work on big ones


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


def _is_text(dtype: Any) -> bool:
    return dtype in (pl.String, pl.Categorical) or (isinstance(dtype, pl.List) and dtype.inner == pl.String)


@cache
def _grid_font() -> Any:
    """The grid's font (Source Sans, 14 px) from Streamlit's own files, to measure text as the browser draws it;
    None when it cannot be read (text is then measured at a generous CHAR_PX a character)."""
    try:
        from PIL import ImageFont

        path = next((Path(st.__file__).parent / "static").rglob("SourceSansVF-Upright*.woff2"))
        return ImageFont.truetype(str(path), 14)
    except (ImportError, OSError, StopIteration):
        return None


def text_px(text: str) -> float:
    """Pixels text takes in the grid's 14 px font."""
    font = _grid_font()
    return float(font.getlength(text)) if font is not None else len(text) * CHAR_PX


def _widest(frame: pl.DataFrame, name: str) -> float:
    """Pixels of the column's widest value as the grid writes it (a list joined by ', '), measured over its
    longest values by characters."""
    column = frame[name].head(SAMPLE_ROWS)
    if isinstance(column.dtype, pl.List):
        column = column.list.join(", ")
    texts = pl.DataFrame({"text": column.cast(pl.String)}).drop_nulls()
    longest = texts.sort(pl.col("text").str.len_chars(), descending=True).head(MEASURED)["text"]
    return max((text_px(t) for t in longest), default=0.0)


def text_layout(frame: pl.DataFrame, headings: dict[str, str] | None = None) -> tuple[dict[str, int], int | None]:
    """Widths in px for the text columns of st.dataframe, and the row height that shows their longest value whole
    (None when one line is enough): a column as wide as its longest value or heading, at most TEXT_WIDTH; a
    longer value wraps, on up to MAX_LINES lines (at WIDE_TEXT_WIDTH when TEXT_WIDTH would need more)."""
    headings = headings or {}
    widths: dict[str, int] = {}
    lines = 1
    for name, dtype in frame.schema.items():
        if not _is_text(dtype):
            continue
        widest = _widest(frame, name)
        heading_px = text_px(headings.get(name) or column_label(name)) + HEADER_EXTRA_PX
        width = min(TEXT_WIDTH, max(MIN_TEXT_WIDTH, widest + CELL_PADDING_PX, heading_px))
        # a wrapped line ends at a word, so it holds less than its width: a fifth more lines
        needed = math.ceil(widest * WRAP_SLACK / (width - CELL_PADDING_PX))
        if needed > MAX_LINES:
            width = WIDE_TEXT_WIDTH
            needed = math.ceil(widest * WRAP_SLACK / (width - CELL_PADDING_PX))
        widths[name] = int(width)
        if widest + CELL_PADDING_PX > width:
            lines = max(lines, min(MAX_LINES, needed))
    return widths, None if lines == 1 else max(WRAP_MIN_ROW_PX, lines * LINE_PX + ROW_PADDING_PX)


def _sized(frame: pl.DataFrame, dataframe_args: dict[str, Any]) -> dict[str, Any]:
    """st.dataframe's arguments with every text column sized (unless the page set its width) and rows tall
    enough to wrap the longest value."""
    config = dict(dataframe_args.get("column_config") or {})

    def heading(name: str) -> str | None:
        given = config.get(name)
        label = given.get("label") if isinstance(given, dict) else given
        return label if isinstance(label, str) else None

    widths, row_height = text_layout(frame, {n: h for n in frame.columns if (h := heading(n))})
    for name, width in widths.items():
        given = config.get(name)
        if name in config and given is None:  # the page hides this column
            continue
        if isinstance(given, dict):
            config[name] = given if given.get("width") else {**given, "width": width}
        else:
            config[name] = st.column_config.Column(given if isinstance(given, str) else None, width=width)
    sized = {**dataframe_args, "column_config": config}
    if row_height is not None and dataframe_args.get("row_height") is None:
        sized["row_height"] = row_height
        if dataframe_args.get("height", "auto") == "auto":
            sized["height"] = min(frame.height, TALL_ROWS_SHOWN) * row_height + HEADER_PX
    return sized


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
    return st.dataframe(frame, **_sized(frame, dataframe_args))


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
        event = st.dataframe(shown, hide_index=True, **_sized(shown, dataframe_args))
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
