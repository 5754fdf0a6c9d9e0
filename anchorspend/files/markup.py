"""A web page or Excel 2003 XML saved under a workbook's name (a council site's "Excel export" is often an HTML
table or SpreadsheetML in a file called .xls): its table rows as text cells, in the order they appear.

Every table of the page is read, one below another, as rows of one sheet: a title table above the payments is
then a title block like any other, found and skipped by the header search.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import polars as pl

from anchorspend.files import limits
from anchorspend.files.errors import FileRefused

# What says a file is markup holding a table, in its first few KB whatever its name.
MARKUP = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|table|head|body|meta|style"
    rb"|\?mso-application|workbook|ss:workbook)\b",
    re.IGNORECASE | re.DOTALL,
)
SHEET_TAGS = {"worksheet", "ss:worksheet"}  # SpreadsheetML's sheets; an HTML page is one sheet
ROW_TAGS = {"tr", "row", "ss:row"}
CELL_TAGS = {"td", "th", "cell", "ss:cell"}
SKIPPED = {"script", "style", "head", "title"}
MAX_SPAN = 256  # a colspan or a cell index further than this is a hostile page, not a table


def is_markup(data: bytes) -> bool:
    """True for an HTML page or an Excel 2003 XML workbook (from its first bytes, byte-order mark skipped)."""
    head = data[:4096].removeprefix(b"\xef\xbb\xbf")
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = data[:8192].decode("utf-16", errors="ignore").encode("utf-8", errors="ignore")
    return bool(MARKUP.match(head))


class _Rows(HTMLParser):
    """Collects each table row's cells as text; a cell spanning columns leaves blanks after it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.sheets: list[tuple[str, list[list[str]]]] = [("", [])]
        self.rows = self.sheets[0][1]
        self.row: list[str] | None = None
        self.cell: list[str] | None = None
        self.span = 1
        self.skipping = 0
        self.spreadsheet = False  # Excel 2003 XML keeps a cell's spaces as written; a web page shows runs as one
        self.cells = 0  # cells so far, blanks a span or an index leaves included: bounded like a workbook's

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        if tag in SKIPPED:
            self.skipping += 1
        elif tag in ("workbook", "ss:workbook"):
            self.spreadsheet = True
        elif tag in SHEET_TAGS:
            self._end_row()
            self.rows = []
            if not self.sheets[0][1] and not self.sheets[0][0]:
                self.sheets.pop(0)  # nothing came before the first worksheet
            self.sheets.append((named.get("ss:name") or f"Sheet{len(self.sheets) + 1}", self.rows))
        elif tag in ROW_TAGS:
            self._end_row()
            self.row = []
        elif tag in CELL_TAGS:
            self._end_cell()
            if self.row is None:
                self.row = []
            index = _number(named.get("ss:index"))  # SpreadsheetML skips empty cells by giving the next one's column
            if index and index - 1 > len(self.row):
                self.row.extend([""] * min(index - 1 - len(self.row), MAX_SPAN))
            across = _number(named.get("colspan")) or 1 + (_number(named.get("ss:mergeacross")) or 0)
            self.span = max(1, min(across, MAX_SPAN))
            self.cell = []
        elif tag == "br" and self.cell is not None:
            self.cell.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag in CELL_TAGS:
            self._end_cell()
        elif tag in ROW_TAGS or tag in ("table", "ss:table"):
            self._end_row()

    def handle_data(self, data: str) -> None:
        if self.cell is not None and not self.skipping:
            self.cell.append(data)

    def _end_cell(self) -> None:
        if self.cell is not None and self.row is not None:
            self.cells += self.span
            if self.cells > limits.MAX_SHEET_CELLS or len(self.row) + self.span > limits.MAX_SHEET_COLUMNS:
                raise FileRefused(
                    f"its tables hold over {limits.MAX_SHEET_CELLS:,} cells, or a row over "
                    f"{limits.MAX_SHEET_COLUMNS:,} columns: refused"
                )
            text = "".join(self.cell)
            self.row.append(text if self.spreadsheet else " ".join(text.replace("\xa0", " ").split()))
            self.row.extend([""] * (self.span - 1))
        self.cell, self.span = None, 1

    def _end_row(self) -> None:
        self._end_cell()
        if self.row is not None:
            self.rows.append(self.row)
        self.row = None


def _number(text: str | None) -> int | None:
    return int(text) if text and text.strip().isdigit() else None


def markup_sheets(text: str) -> list[tuple[str, list[list[str]]]]:
    """Each sheet's table rows, in order, as text cells: one sheet ('') for an HTML page."""
    parser = _Rows()
    parser.feed(text)
    parser.close()
    parser._end_row()
    return parser.sheets


def cells_frame(rows: list[list[str]]) -> pl.DataFrame:
    """Rows of text cells as String columns c0..cN (an empty cell null), one frame row per row."""
    width = max((len(row) for row in rows), default=0)
    columns = {f"c{i}": [(row[i] or None) if i < len(row) else None for row in rows] for i in range(width)}
    return pl.DataFrame(columns, schema={c: pl.String for c in columns})


def read_markup(text: str, name: str) -> list[tuple[str, pl.DataFrame]]:
    """(sheet name, cells) of each sheet of the page holding a value; refused in one line when none does."""
    try:
        found = markup_sheets(text)
    except FileRefused as exc:
        raise FileRefused(f"{name} is a web page, not a workbook, and {exc}") from None
    sheets = [(sheet, rows) for sheet, rows in found if any(any(row) for row in rows)]
    if not sheets:
        raise FileRefused(f"{name} is a web page, not a workbook, and holds no table: save the data as CSV or XLSX")
    return [(sheet, cells_frame(rows)) for sheet, rows in sheets]
