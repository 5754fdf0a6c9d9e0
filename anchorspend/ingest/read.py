"""Read a published spend file into sheets of text cells: CSV here, workbooks and PDFs through anchorspend.files."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import polars as pl

from anchorspend.files.biff import is_ole
from anchorspend.files.errors import FileRefused
from anchorspend.files.limits import read_file
from anchorspend.files.pdf import read_pdf_cells
from anchorspend.files.sheets import RawSheet, file_kind, read_excel_sheets, read_markup_sheets
from anchorspend.files.text import sniff_delimiter, to_utf8
from anchorspend.ingest.errors import IngestError

__all__ = ["RawSheet", "read_sheets", "read_spend_file", "to_utf8"]


def read_spend_file(path: Path) -> bytes:
    """The bytes of a spend file, refused in one line (as IngestError) if it is no regular file or too big."""
    try:
        return read_file(path)
    except FileRefused as exc:
        raise IngestError(str(exc)) from None


def sample_width(head: str, delimiter: str) -> int:
    """The most fields in any record of the first part of a file."""
    reader = csv.reader(io.StringIO(head, newline=""), delimiter=delimiter)
    widths = [len(record) for _, record in zip(range(200), reader, strict=False)]
    return max(widths, default=1)


def read_csv_cells(data: bytes) -> pl.DataFrame:
    """Parse UTF-8 CSV bytes into String columns, keeping empty lines as all-null rows so row numbers hold."""
    head = data[:65536].decode("utf-8", errors="ignore")
    delimiter = sniff_delimiter(head)
    width = sample_width(head, delimiter) + 1
    while True:
        try:
            return pl.read_csv(
                data,
                has_header=False,
                infer_schema=False,
                schema={f"c{i}": pl.String for i in range(width)},
                missing_columns="insert",  # short rows are padded with nulls
                separator=delimiter,
                quote_char='"',
                raise_if_empty=False,
            )
        except pl.exceptions.ComputeError as exc:
            # A record further down has more fields than the sample did: read again, wider.
            if "more fields" not in str(exc) or width > 4096:
                raise IngestError(f"could not read the CSV: {str(exc).splitlines()[0]}") from exc
            width *= 2


def read_sheets(path: Path, data: bytes, sheet: str | None = None) -> tuple[list[RawSheet], str]:
    """The file's sheets as text cells, and the encoding read ('xlsx' or 'xls' for workbooks, 'pdf')."""
    try:
        return _sheets(path, data, sheet)
    except FileRefused as exc:  # the shared reader's refusals are this load's failure
        raise IngestError(str(exc)) from None


def _sheets(path: Path, data: bytes, sheet: str | None) -> tuple[list[RawSheet], str]:
    kind = file_kind(path, data)  # a web page or a CSV saved as .xls is read as what it is
    if kind == "workbook":
        return read_excel_sheets(path, sheet), "xls" if is_ole(data) else "xlsx"
    if kind == "markup":
        sheets, encoding = read_markup_sheets(path, data, sheet)
        return sheets, f"html ({encoding})"
    if sheet is not None:
        raise IngestError(f"--sheet applies to workbooks, and {path.name} is not one")
    if path.suffix.lower() == ".pdf" or data[:5] == b"%PDF-":
        return [RawSheet(name="", cells=read_pdf_cells(path), first_row=1)], "pdf"
    utf8, encoding = to_utf8(data)
    return [RawSheet(name="", cells=read_csv_cells(utf8), first_row=1)], encoding
