"""Any table as CSV or XLSX, safe to open in a spreadsheet (formula injection neutralised, numbers kept) and
with the names of payees who may be people masked unless names are asked for."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

import polars as pl

from anchorspend.present import columns as columns_
from anchorspend.view import INDIVIDUAL_LABEL

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

# openpyxl is imported where a workbook is written (on a download's click): every page with a table imports this
# module, and importing openpyxl took longer than drawing a page (2 of the 3.3 s the app's first run spent
# importing anchorspend.ui).

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
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    # Control characters (from a badly exported file) cannot be stored in a workbook: leave them out.
    return ILLEGAL_CHARACTERS_RE.sub("", str(value))


def sheet_title(name: str) -> str:
    """A name Excel accepts for a sheet: at most 31 characters, none of []:*?/\\."""
    return re.sub(r"[\[\]:*?/\\]", "_", name)[:31] or "data"


def _write(worksheet: Worksheet, safe: pl.DataFrame) -> None:
    """The header and rows of an already neutralised frame."""
    worksheet.append([_cell(neutralise_text(name)) for name in safe.columns])
    for row in safe.iter_rows():
        worksheet.append([_cell(v) for v in row])


def _text_as_text(worksheet: Worksheet) -> None:
    """Every text cell stored as text: openpyxl would otherwise store "=..." as a formula."""
    for column in worksheet.iter_cols():
        for cell in column:
            if isinstance(cell.value, str):
                cell.data_type = "s"


def to_xlsx(frame: pl.DataFrame, sheet: str = "data", note: str | None = None, names: bool = False) -> bytes:
    """An .xlsx workbook with one sheet; text cells are written as text, never as formulas; names=True keeps
    payees' names."""
    from openpyxl import Workbook

    workbook = Workbook()
    worksheet = workbook.worksheets[0]  # a new workbook has one sheet
    worksheet.title = sheet_title(sheet)
    safe = neutralise(_flatten(frame if names else mask_people(frame)))
    if note:
        worksheet.append([_cell(neutralise_text(note))])
    _write(worksheet, safe)
    _text_as_text(worksheet)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# ---------------------------------------------------------------- spreadsheet-ready downloads (for people)

MONEY_FORMAT = '"£"#,##0.00;-"£"#,##0.00'
PERCENT_FORMAT = "0.0%"
DATE_FORMAT = "dd/mm/yyyy"
COUNT_FORMAT = "#,##0"


@dataclass(frozen=True)
class About:
    """What a download covers, printed on its first sheet (XLSX) or first lines (CSV)."""

    table: str
    period: str
    filters: str
    store_version: int | None
    generated: datetime

    def rows(self, columns: list[str]) -> list[tuple[str, str]]:
        """(heading, text) pairs: the scope, then each defined column's definition."""
        head = [
            ("Table", self.table),
            ("Period", self.period),
            ("Filters", self.filters),
            ("Store version", "unknown" if self.store_version is None else str(self.store_version)),
            ("Generated", f"{self.generated:%d %b %Y %H:%M}"),
            ("Money", "£ net of VAT where the file says so (rounded to the penny)"),
            ("Shares", "percentages of spend in scope (XLSX: formatted fractions; CSV: percentage numbers)"),
        ]
        defined = [(columns_.label(c), text) for c in columns if (text := columns_.definition(c))]
        return head + defined


def file_name(table: str, date_from: date | None, date_to: date | None, ext: str) -> str:
    """'suppliers_2026-04-01_to_2026-10-30.csv': the table and its period, safe on any file system."""
    stem = re.sub(r"[^A-Za-z0-9_-]+", "-", table).strip("-") or "table"
    period = f"_{date_from.isoformat()}_to_{date_to.isoformat()}" if date_from and date_to else ""
    return f"{stem}{period}.{ext}"


def for_people(frame: pl.DataFrame, percent_as_number: bool) -> pl.DataFrame:
    """Money to the penny, shares as percentages (numbers ×100 for CSV), headings a person reads."""
    out = frame.with_columns(
        pl.col(n).cast(pl.Float64).round(2) for n, t in frame.schema.items() if columns_.is_money(n, t)
    )
    if percent_as_number:
        out = out.with_columns(
            (pl.col(n).cast(pl.Float64) * 100).round(2) for n, t in frame.schema.items() if columns_.is_percent(n, t)
        )
    names = {}
    for name, dtype in frame.schema.items():
        heading = columns_.label(name)
        if columns_.is_money(name, dtype) and not heading.endswith("(£)"):
            heading += " (£)"
        elif columns_.is_percent(name, dtype) and percent_as_number:
            heading += " (%)"
        names[name] = heading
    # two columns that read the same would collide: keep the second's own name
    seen: set[str] = set()
    for name in list(names):
        if names[name] in seen:
            names[name] = name
        seen.add(names[name])
    return out.rename(names)


def people_csv(frame: pl.DataFrame, about: About, names: bool = False) -> bytes:
    """The table as a spreadsheet-ready CSV, its scope and definitions in '#' lines above the header; payees
    who may be people masked unless names=True."""
    frame = frame if names else mask_people(frame)
    lines = io.StringIO()
    # one quoted cell per line, starting with '#': a comma in a filter never makes a second (formula) cell
    writer = csv.writer(lines, lineterminator="\n")
    for key, value in about.rows(frame.columns):
        writer.writerow([f"# {key}: {value}"])
    body = neutralise(_flatten(for_people(frame, percent_as_number=True))).write_csv()
    return b"\xef\xbb\xbf" + (lines.getvalue() + body).encode("utf-8")


def people_xlsx(frame: pl.DataFrame, about: About, names: bool = False) -> bytes:
    """An 'About' sheet (scope, store version, definitions) then the table with £, % and date formats; payees
    who may be people masked unless names=True."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    frame = frame if names else mask_people(frame)
    workbook = Workbook()
    cover = workbook.worksheets[0]
    cover.title = "About"
    for key, value in about.rows(frame.columns):
        cover.append([_cell(neutralise_text(key)), _cell(neutralise_text(value))])
    cover.column_dimensions["A"].width = 24
    cover.column_dimensions["B"].width = 100
    data = workbook.create_sheet(sheet_title(about.table))
    shaped = for_people(frame, percent_as_number=False)
    _write(data, neutralise(_flatten(shaped)))
    for index, (name, dtype) in enumerate(frame.schema.items(), start=1):
        number_format = (
            MONEY_FORMAT
            if columns_.is_money(name, dtype)
            else PERCENT_FORMAT
            if columns_.is_percent(name, dtype)
            else DATE_FORMAT
            if dtype in (pl.Date, pl.Datetime)
            else COUNT_FORMAT
            if dtype.is_integer()
            else None
        )
        letter = get_column_letter(index)
        data.column_dimensions[letter].width = max(12, min(50, len(shaped.columns[index - 1]) + 2))
        if number_format:
            for cell in data[letter][1:]:
                cell.number_format = number_format
    for cell in data[1]:
        cell.font = Font(bold=True)
    data.freeze_panes = "A2"
    for sheet in (cover, data):
        _text_as_text(sheet)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
