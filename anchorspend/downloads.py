"""Any table as CSV or XLSX, safe to open in a spreadsheet (formula injection neutralised, numbers kept)."""

from __future__ import annotations

import io
import re
from datetime import date, datetime
from decimal import Decimal

import polars as pl
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

# A spreadsheet runs a cell that starts with one of these as a formula (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_text(value: str | None) -> str | None:
    """Prefix an apostrophe to text a spreadsheet would read as a formula."""
    if value is not None and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def neutralise(frame: pl.DataFrame) -> pl.DataFrame:
    """The frame with every text cell neutralised; numeric, date and boolean columns untouched."""
    text_columns = [
        name
        for name, dtype in frame.schema.items()
        if dtype == pl.String or isinstance(dtype, (pl.Categorical, pl.Enum))  # an Enum is text too
    ]
    return frame.with_columns(
        pl.when(pl.col(name).cast(pl.String).str.contains(r"^[=+\-@\t\r]"))
        .then(pl.lit("'") + pl.col(name).cast(pl.String))
        .otherwise(pl.col(name).cast(pl.String))
        .alias(name)
        for name in text_columns
    )


def _flatten(frame: pl.DataFrame) -> pl.DataFrame:
    """Lists and structs as text, so both formats can hold them."""
    lists = [n for n, t in frame.schema.items() if isinstance(t, (pl.List, pl.Array))]
    structs = [n for n, t in frame.schema.items() if isinstance(t, pl.Struct)]
    return frame.with_columns(
        *(pl.col(n).cast(pl.List(pl.String)).list.join(", ") for n in lists),
        *(pl.col(n).struct.json_encode() for n in structs),
    )


def to_csv(frame: pl.DataFrame) -> bytes:
    """UTF-8 CSV with a byte-order mark, so Excel reads £ correctly."""
    return b"\xef\xbb\xbf" + neutralise(_flatten(frame)).write_csv().encode("utf-8")


def _cell(value: object) -> object:
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, (int, float, bool, date, datetime)) or value is None:
        return value
    # Control characters (from a badly exported file) cannot be stored in a workbook: leave them out.
    return ILLEGAL_CHARACTERS_RE.sub("", str(value))


def sheet_title(name: str) -> str:
    """A name Excel accepts for a sheet: at most 31 characters, none of []:*?/\\."""
    return re.sub(r"[\[\]:*?/\\]", "_", name)[:31] or "data"


def to_xlsx(frame: pl.DataFrame, sheet: str = "data", note: str | None = None) -> bytes:
    """An .xlsx workbook with one sheet; text cells are written as text, never as formulas."""
    workbook = Workbook()
    worksheet = workbook.worksheets[0]  # a new workbook has one sheet
    worksheet.title = sheet_title(sheet)
    safe = neutralise(_flatten(frame))
    if note:
        worksheet.append([_cell(neutralise_text(note))])
    worksheet.append([_cell(neutralise_text(name)) for name in safe.columns])
    for row in safe.iter_rows():
        worksheet.append([_cell(v) for v in row])
    for column in worksheet.iter_cols():
        for cell in column:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # openpyxl would otherwise store "=..." as a formula
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
