"""Any table as CSV or XLSX, safe to open in a spreadsheet (formula injection neutralised, numbers kept) and
with the names of payees who may be people masked unless names are asked for."""

from __future__ import annotations

import io
import re
from datetime import date, datetime
from decimal import Decimal

import polars as pl
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from anchorspend.view import INDIVIDUAL_LABEL

# Columns that hold a payee's name as written, in the frames the app and the CLI download.
PAYEE_COLUMNS = ("supplier", "payee", "supplier_raw", "supplier_name", "spelling", "candidate_name")
# Words that join two people's names without making them a firm ("Mr & Mrs Smith", "Mr and Mrs Smith").
CONNECTIVES = {"AND", "OF", "THE", "FOR", "CO", "TA", "UK"}

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


def may_be_person(name: str | None) -> bool:
    """Whether a payee's name may be a person's: one ingest took for a person, or one with a title (Mr, Mrs,
    Dr...) and no word that only an organisation's name holds. "Mr & Mrs Smith" is a couple, not a firm."""
    from anchorspend.suppliers.individuals import ORGANISATION_WORDS, TITLES, payee_kind
    from anchorspend.suppliers.normalise import fold

    if not name:
        return False
    if payee_kind(name) is not None:
        return True
    words = set(re.findall(r"[A-Z0-9]+", fold(name).upper()))
    return bool(words & TITLES) and not words & (ORGANISATION_WORDS - CONNECTIVES)


def mask_people(frame: pl.DataFrame, columns: tuple[str, ...] = PAYEE_COLUMNS) -> pl.DataFrame:
    """The frame with every name that may be a person's (may_be_person) in `columns` replaced by a label."""
    present = [c for c in columns if c in frame.columns and frame.schema[c] == pl.String]
    if not present or frame.is_empty():
        return frame
    return frame.with_columns(
        pl.when(pl.col(c).map_elements(may_be_person, return_dtype=pl.Boolean))
        .then(pl.lit(INDIVIDUAL_LABEL))
        .otherwise(pl.col(c))
        .alias(c)
        for c in present
    )


def _flatten(frame: pl.DataFrame) -> pl.DataFrame:
    """Lists and structs as text, so both formats can hold them."""
    lists = [n for n, t in frame.schema.items() if isinstance(t, (pl.List, pl.Array))]
    structs = [n for n, t in frame.schema.items() if isinstance(t, pl.Struct)]
    return frame.with_columns(
        *(pl.col(n).cast(pl.List(pl.String)).list.join(", ") for n in lists),
        *(pl.col(n).struct.json_encode() for n in structs),
    )


def to_csv(frame: pl.DataFrame, names: bool = False, bom: bool = True) -> bytes:
    """UTF-8 CSV with a byte-order mark (so Excel reads £ correctly); names=True keeps payees' names."""
    text = neutralise(_flatten(frame if names else mask_people(frame))).write_csv()
    return (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")


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


def to_xlsx(frame: pl.DataFrame, sheet: str = "data", note: str | None = None, names: bool = False) -> bytes:
    """An .xlsx workbook with one sheet; text cells are written as text, never as formulas; names=True keeps
    payees' names."""
    workbook = Workbook()
    worksheet = workbook.worksheets[0]  # a new workbook has one sheet
    worksheet.title = sheet_title(sheet)
    safe = neutralise(_flatten(frame if names else mask_people(frame)))
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
