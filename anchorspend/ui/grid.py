"""How st.dataframe's columns are laid out at a desk: every value whole (long text wrapped onto taller rows), every
column inside the width a 1280 px screen gives the grid, and the columns that still do not fit named, for a chosen
row's detail, rather than cut at the grid's edge."""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import polars as pl
import streamlit as st

from anchorspend.present.columns import is_money, is_percent
from anchorspend.present.columns import label as column_label

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
# px: the narrowest a grid is drawn at a desk. A 1280 px window with the sidebar open gives the page's column 818 px
# and an expander inside it 786 (measured in Chromium); the grid's border takes 2.
GRID_WIDTH_PX = 784
ROW_MARKER_PX = 40  # the tick-box column of a table whose rows can be chosen
FIT_LINES = 8  # when the columns must share the width, a value may wrap onto up to this many lines
NAMED_WIDTHS = {"small": 75, "medium": 200, "large": 400}  # st.column_config's named widths, in px
LONGEST_DATE = "30 Sep 2026"  # "D MMM YYYY", the date format of every table (tables.column_formats)


@dataclass(frozen=True)
class Layout:
    """Widths in px of the columns shown, the row height that shows their values whole (None: one line is
    enough), and the columns left out because the grid has no room for them (shown in a chosen row's detail)."""

    widths: dict[str, int]
    row_height: int | None
    hidden: tuple[str, ...] = ()


def is_text(dtype: Any) -> bool:
    """Whether the grid writes the column as text (which can wrap), not as a number or a date."""
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


def _longest(frame: pl.DataFrame, name: str) -> list[str]:
    """The column's longest values by characters, as the grid writes them (a list joined by ', ')."""
    column = frame[name].head(SAMPLE_ROWS)
    if isinstance(column.dtype, pl.List):
        column = column.list.join(", ")
    texts = pl.DataFrame({"text": column.cast(pl.String)}).drop_nulls()
    return texts.sort(pl.col("text").str.len_chars(), descending=True).head(MEASURED)["text"].to_list()


def widest_text(frame: pl.DataFrame, name: str) -> float:
    """Pixels of the column's widest value as the grid writes it, measured over its longest values."""
    return max((text_px(t) for t in _longest(frame, name)), default=0.0)


def widest_word(frame: pl.DataFrame, name: str) -> float:
    """Pixels of the widest word of the column's longest values: a narrower column breaks it mid-word."""
    return max((text_px(w) for t in _longest(frame, name) for w in t.split()), default=0.0)


def widest_value(frame: pl.DataFrame, name: str) -> float:
    """Pixels of a number's or a date's widest value as tables.column_formats has the grid write it."""
    dtype = frame.schema[name]
    if dtype == pl.Date or isinstance(dtype, pl.Datetime):
        return text_px(LONGEST_DATE)
    if dtype == pl.Boolean:
        return 20.0  # a tick box
    if not dtype.is_numeric():
        return text_px("–")
    sample = frame[name].head(SAMPLE_ROWS).cast(pl.Float64)
    values = [float(v) for v in (sample.min(), sample.max()) if isinstance(v, int | float)]
    if not values:
        return text_px("–")
    if is_money(name, dtype):
        decimals = 2 if "paid_on" in frame.columns else 0
        written = [f"£{v:,.{decimals}f}" for v in values]
    elif is_percent(name, dtype):
        written = [f"{v:.1f}%" for v in values]
    elif dtype.is_integer():
        written = [f"{v:,.0f}" for v in values]
    else:
        written = [f"{v:,.4f}" for v in values]
    return max(text_px(w) for w in written)


def text_layout(frame: pl.DataFrame, headings: dict[str, str] | None = None) -> tuple[dict[str, int], int | None]:
    """Widths in px for the text columns of st.dataframe, and the row height that shows their longest value whole
    (None when one line is enough): a column as wide as its longest value or heading, at most TEXT_WIDTH; a
    longer value wraps, on up to MAX_LINES lines (at WIDE_TEXT_WIDTH when TEXT_WIDTH would need more)."""
    headings = headings or {}
    widths: dict[str, int] = {}
    for name, dtype in frame.schema.items():
        if not is_text(dtype):
            continue
        widest = widest_text(frame, name)
        heading_px = text_px(headings.get(name) or column_label(name)) + HEADER_EXTRA_PX
        width = min(TEXT_WIDTH, max(MIN_TEXT_WIDTH, widest + CELL_PADDING_PX, heading_px))
        if _lines(widest, width) > MAX_LINES:
            width = WIDE_TEXT_WIDTH
        widths[name] = int(width)
    return widths, _row_height(frame, widths, MAX_LINES)


def _lines(widest: float, width: float) -> int:
    """Lines a value widest px long takes in a column width px wide (a wrapped line ends at a word, so it holds
    less than its width: a fifth more lines)."""
    if widest + CELL_PADDING_PX <= width:
        return 1
    return math.ceil(widest * WRAP_SLACK / (width - CELL_PADDING_PX))


def _row_height(frame: pl.DataFrame, widths: dict[str, int], most: int) -> int | None:
    """The row height that shows every text column's widest value at these widths, on at most `most` lines."""
    lines = max((min(most, _lines(widest_text(frame, n), w)) for n, w in widths.items()), default=1)
    return None if lines == 1 else max(WRAP_MIN_ROW_PX, lines * LINE_PX + ROW_PADDING_PX)


def layout(
    frame: pl.DataFrame,
    headings: dict[str, str] | None = None,
    given: dict[str, int] | None = None,
    selectable: bool = False,
    room_px: int = GRID_WIDTH_PX,
) -> Layout:
    """Every column's width so that the grid fits room_px (less the tick-box column of a selectable table): numbers
    and dates as wide as their widest value or heading, text as wide as text_layout makes it, or narrower and
    wrapped onto more lines (up to FIT_LINES) when the columns must share the room; the last columns are left out
    (Layout.hidden) only when even that does not fit. given: widths the page chose (kept as they are)."""
    headings, given = headings or {}, given or {}
    natural, _ = text_layout(frame, headings)
    widths: dict[str, int] = {}
    least: dict[str, int] = {}  # what a column needs whatever its lines: its heading, its longest word
    for name in frame.columns:
        heading_px = text_px(headings.get(name) or column_label(name)) + HEADER_EXTRA_PX
        if name in given:
            widths[name] = least[name] = given[name]
        elif name in natural:
            widths[name] = natural[name]
            word = widest_word(frame, name) + CELL_PADDING_PX
            least[name] = min(widths[name], math.ceil(max(heading_px, MIN_TEXT_WIDTH, word)))
        else:
            widths[name] = least[name] = math.ceil(max(heading_px, widest_value(frame, name) + CELL_PADDING_PX))
    room = room_px - (ROW_MARKER_PX if selectable else 0)
    shrinking = [n for n in frame.columns if n in natural and n not in given]

    def floors(lines: int) -> dict[str, int]:
        """Each column's narrowest width with its longest value on at most `lines` lines."""
        wrapped = {n: math.ceil(widest_text(frame, n) * WRAP_SLACK / lines) + CELL_PADDING_PX for n in shrinking}
        return {n: min(widths[n], max(least[n], wrapped.get(n, 0))) for n in frame.columns}

    # as few lines as lets every column in; with none, the first columns lead and the last go to the row's detail
    lines = next((k for k in range(MAX_LINES, FIT_LINES + 1) if sum(floors(k).values()) <= room), MAX_LINES)
    floor = floors(lines)
    shown = list(frame.columns)
    while len(shown) > 1 and sum(floor[n] for n in shown) > room:
        shown.pop()
    shrinking = [n for n in shrinking if n in shown]
    spare = room - sum(widths[n] for n in shown if n not in shrinking)
    if sum(widths[n] for n in shrinking) > spare:  # share what is left, each text column from its floor up
        extra = max(0, spare - sum(floor[n] for n in shrinking))
        # evenly, the columns wanting least first: what one does not need goes to the others
        for i, n in enumerate(sorted(shrinking, key=lambda n: widths[n] - floor[n])):
            grown = min(widths[n] - floor[n], extra // (len(shrinking) - i))
            widths[n] = floor[n] + grown
            extra -= grown
    kept = {n: widths[n] for n in shown}
    text = {n: w for n, w in kept.items() if n in natural}
    hidden = tuple(n for n in frame.columns if n not in kept)
    return Layout(kept, _row_height(frame, text, max(lines, MAX_LINES)), hidden)
