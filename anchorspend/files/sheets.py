"""Workbooks and small tables as text cells, for every importer: sheets read by fastexcel after the guard; a
web page or a CSV saved under a workbook's name (as council sites often publish '.xls') read as what it is."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO
from xml.etree import ElementTree

import polars as pl

from anchorspend.files import biff, markup
from anchorspend.files.errors import FileRefused
from anchorspend.files.limits import check_file, check_workbook, check_xls, read_file
from anchorspend.files.text import _text_rows, _utf16, clean_header, decode_text

EXCEL_SUFFIXES = (".xlsx", ".xlsm", ".xls")


@dataclass
class RawSheet:
    """One sheet (or the one table of a CSV) as text cells, one frame row per spreadsheet row."""

    name: str  # '' for a CSV
    cells: pl.DataFrame  # String columns c0..cN; null for an empty cell
    first_row: int  # the spreadsheet row number of cells' first row


def file_kind(path: Path, data: bytes) -> str:
    """What a file named as a spreadsheet holds: 'workbook' (a zip, or a legacy .xls), 'markup' (a web page or
    Excel 2003 XML), 'text' (a CSV or tab-separated export) or 'other' (a file not named as a spreadsheet)."""
    if data[:4] == b"PK\x03\x04" or biff.is_ole(data):
        return "workbook"
    if path.suffix.lower() not in EXCEL_SUFFIXES:
        return "other"
    if markup.is_markup(data):
        return "markup"
    head = data[:8192]
    if b"\x00" in head and not _utf16(head):  # what the text reader calls binary
        return "workbook"  # binary, yet no workbook: the guard refuses it as damaged, in one line
    return "text"


def select_sheets(names: list[str], sheet: str | None) -> list[str]:
    """The sheets to read: every one, or the one asked for (refused in one line if there is none of that name)."""
    if sheet is None:
        return names
    if sheet not in names:
        raise FileRefused(f"no sheet named {sheet!r}; the workbook has {', '.join(map(repr, names))}")
    return [sheet]


def read_markup_sheets(path: Path, data: bytes, sheet: str | None) -> tuple[list[RawSheet], str]:
    """The tables of a web page (or Excel 2003 XML) saved as a workbook, as sheets; and the text's encoding."""
    text, encoding = decode_text(data)
    found = dict(markup.read_markup(text, path.name))
    return [RawSheet(name=name, cells=found[name], first_row=1) for name in select_sheets(list(found), sheet)], encoding


def read_excel_sheets(path: Path, sheet: str | None) -> list[RawSheet]:
    """Every sheet of a workbook (or the one asked for) as text cells."""
    import fastexcel

    check_file(path)  # a regular file (a pipe would block the read below) within the size limit
    with path.open("rb") as handle:
        legacy = biff.is_ole(handle.read(8))
    # Before fastexcel: a hostile extent makes it allocate without bound and abort. Where each sheet starts is
    # read from the .xls's own records on the way, or from an .xlsx's XML.
    if legacy:
        starts = {extent.name: extent.first_row for extent in check_xls(path)}
    else:
        check_workbook(path)
        starts = first_used_rows(path)
    try:
        reader = fastexcel.read_excel(str(path))
    except Exception as exc:  # fastexcel raises its own error types for corrupt or locked files
        raise FileRefused(f"could not open the workbook {path.name}: {str(exc).splitlines()[0]}") from exc
    names = select_sheets(list(reader.sheet_names), sheet)
    sheets = []
    for name in names:
        loaded = reader.load_sheet(name, header_row=None, dtypes="string")
        frame = loaded.to_polars()
        frame = frame.rename({old: f"c{i}" for i, old in enumerate(frame.columns)})
        sheets.append(RawSheet(name=name, cells=frame, first_row=starts.get(name, 1)))
    return sheets


def first_used_rows(path: Path) -> dict[str, int]:
    """Each sheet's first row holding a value: fastexcel starts there; row numbers count from row 1."""
    main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    rel = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    found: dict[str, int] = {}
    try:
        with zipfile.ZipFile(path) as book:
            if "content.xml" in book.namelist():  # an OpenDocument spreadsheet (.ods)
                with book.open("content.xml") as stream:
                    return _ods_first_rows(stream)
            targets = {
                item.get("Id"): item.get("Target", "").lstrip("/").removeprefix("xl/")
                for item in ElementTree.fromstring(book.read("xl/_rels/workbook.xml.rels"))
            }
            for sheet in ElementTree.fromstring(book.read("xl/workbook.xml")).iter(f"{main}sheet"):
                with book.open("xl/" + targets[sheet.get(rel)]) as stream:
                    found[sheet.get("name", "")] = _first_row_with_value(stream, main)
    except (KeyError, zipfile.BadZipFile, ElementTree.ParseError):
        return {}  # not an OOXML workbook (a legacy .xls: see check_xls): fastexcel's rows then count from row 1
    return found


def _ods_first_rows(stream: IO[bytes]) -> dict[str, int]:
    """Each ODS table's first row holding a value, counting rows written once with a repeat count."""
    table = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
    office = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
    found: dict[str, int] = {}
    name, row, valued = "", 0, False
    for event, element in ElementTree.iterparse(stream, events=("start", "end")):
        if event == "start":
            if element.tag == f"{table}table":
                name, row = element.get(f"{table}name", ""), 0
            elif element.tag == f"{table}table-row":
                valued = False
            continue
        if element.tag == f"{table}table-cell":
            valued = valued or bool(element.get(f"{office}value-type"))
        elif element.tag == f"{table}table-row":
            if valued and name not in found:
                found[name] = row + 1
            repeat = element.get(f"{table}number-rows-repeated", "1")
            row += int(repeat) if repeat.isdigit() else 1
            element.clear()
    return found


def _first_row_with_value(stream: IO[bytes], main: str) -> int:
    """Stream a sheet's XML up to its first row whose cells hold a value."""
    for _, element in ElementTree.iterparse(stream, events=("end",)):
        if element.tag == f"{main}row":
            if any((cell.findtext(f"{main}v") or "".join(cell.itertext())).strip() for cell in element):
                return int(element.get("r", "1"))
            element.clear()
    return 1


def read_table(path: Path) -> tuple[list[str], list[list[str]]]:
    """Header and non-blank rows of a small table (a CSV, or a workbook's first sheet that holds values).

    What the register, contract and geography importers read: the same encodings, limits and workbook
    guard as spend files, every cell as text ('' when empty).
    """
    data = read_file(path)
    kind = file_kind(path, data)
    if kind in ("workbook", "markup"):
        found = read_markup_sheets(path, data, None)[0] if kind == "markup" else read_excel_sheets(path, None)
        sheets = [raw for raw in found if raw.cells.height]
        rows = [["" if v is None else str(v) for v in row] for row in sheets[0].cells.rows()] if sheets else []
    else:
        rows = _text_rows(decode_text(data)[0])
    rows = [row for row in rows if any(cell.strip() for cell in row)]
    if not rows:
        return [], []
    return clean_header(rows[0]), rows[1:]
