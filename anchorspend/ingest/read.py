"""Read a published spend file into sheets of text cells: encodings, line endings, CSV, XLSX and PDF."""

from __future__ import annotations

import codecs
import csv
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO
from xml.etree import ElementTree

import polars as pl

from anchorspend.ingest.errors import IngestError
from anchorspend.ingest.limits import check_file, check_workbook, read_file
from anchorspend.ingest.pdf import read_pdf_cells

# A UTF-8 byte-order mark, and the same mark decoded as cp1252 and encoded again ("ï»¿"), which
# `utf-8-sig` does not strip. Some files carry both, or the double one twice.
BOMS = (b"\xef\xbb\xbf", b"\xc3\xaf\xc2\xbb\xc2\xbf")
EXCEL_SUFFIXES = (".xlsx", ".xlsm", ".xls")
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
# One non-ASCII character written in UTF-8: a lead byte and its continuation bytes.
UTF8_CHAR = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


@dataclass
class RawSheet:
    """One sheet (or the one table of a CSV) as text cells, one frame row per spreadsheet row."""

    name: str  # '' for a CSV
    cells: pl.DataFrame  # String columns c0..cN; null for an empty cell
    first_row: int  # the spreadsheet row number of cells' first row


def to_utf8(data: bytes) -> tuple[bytes, str]:
    """The file as UTF-8 bytes, byte-order marks stripped and lone CRs made newlines; and its encoding.

    UTF-8 (with or without byte-order marks), Windows-1252 and UTF-16 are read. Nothing is replaced: a byte
    that is text in none of them, or a file whose accented letters are UTF-8 in one place and Windows-1252
    in another, is refused with the line where it happens, since guessing would turn names into mojibake.
    """
    utf16 = _utf16(data)
    if utf16:
        try:
            data = data.decode(utf16).lstrip("\ufeff").encode("utf-8")
        except UnicodeDecodeError as exc:
            raise IngestError(f"the file is UTF-16 text but byte {exc.start:,} is not: save it as CSV UTF-8") from exc
        return _one_newline(data), "utf-16"
    if b"\x00" in data[:8192]:
        raise IngestError("this is not a text CSV file (it holds binary data): save it as CSV or XLSX")
    stripped = True
    while stripped:
        stripped = False
        for bom in BOMS:
            if data.startswith(bom):
                data, stripped = data[len(bom) :], True
    if is_utf8(data):
        return _one_newline(data), "utf-8"  # the fast path keeps the bytes as they are
    return _one_newline(_from_cp1252(data)), "cp1252"


def _utf16(data: bytes) -> str | None:
    """'utf-16' for a byte-order mark, 'utf-16-le'/'-be' for text whose every other byte is NUL; else None."""
    if data.startswith(UTF16_BOMS):  # Excel's "Unicode text" export
        return "utf-16"
    head = data[:4096]
    if len(head) >= 4 and b"\x00" in head:
        even, odd = head[0::2], head[1::2]
        if odd.count(0) > 0.9 * len(odd) and even.count(0) < 0.1 * len(even):
            return "utf-16-le"
        if even.count(0) > 0.9 * len(even) and odd.count(0) < 0.1 * len(odd):
            return "utf-16-be"
    return None


def _line_of(data: bytes, position: int) -> str:
    line = data.count(b"\n", 0, position) + 1
    return f"line {line:,}"


def _from_cp1252(data: bytes) -> bytes:
    """Windows-1252 bytes as UTF-8; refused if some of the file is UTF-8 or a byte is no character in it."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad = exc.start
    utf8 = UTF8_CHAR.search(data)
    if utf8:
        raise IngestError(
            f"the file mixes encodings: {_line_of(data, utf8.start())} has UTF-8 text "
            f"({utf8.group().decode()!r}) but {_line_of(data, bad)} has byte 0x{data[bad]:02X}, which is not "
            "UTF-8: save the file as CSV UTF-8 and load it again"
        )
    try:
        return data.decode("cp1252").encode("utf-8")
    except UnicodeDecodeError as exc:  # bytes cp1252 leaves undefined: 0x81, 0x8D, 0x8F, 0x90, 0x9D
        raise IngestError(
            f"byte 0x{data[exc.start]:02X} on {_line_of(data, exc.start)} is not a character in UTF-8 or "
            "Windows-1252: save the file as CSV UTF-8 and load it again"
        ) from None


def decode_text(data: bytes) -> tuple[str, str]:
    """A small text file's bytes as text (see to_utf8), and the encoding read."""
    utf8, encoding = to_utf8(data)
    return utf8.decode("utf-8"), encoding


def _one_newline(data: bytes) -> bytes:
    """Some exports mix CR and CRLF line endings; the CSV reader only splits on LF."""
    if data.count(b"\r") != data.count(b"\r\n"):
        data = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    return data


def is_utf8(data: bytes, chunk: int = 1 << 24) -> bool:
    """True if the bytes are valid UTF-8, checked a chunk at a time so a big file is not copied into a str."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    view = memoryview(data)
    try:
        for start in range(0, len(view), chunk):
            decoder.decode(view[start : start + chunk])
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def sniff_delimiter(head: str) -> str:
    """The field separator: a comma unless the first lines plainly use semicolons, tabs or pipes."""
    lines = [line for line in head.splitlines()[:20] if line.strip()]
    counts = {sep: sum(line.count(sep) for line in lines) for sep in (",", ";", "\t", "|")}
    best = max(counts, key=lambda sep: counts[sep])
    return best if counts[best] > counts[","] else ","


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


def read_excel_sheets(path: Path, sheet: str | None) -> list[RawSheet]:
    """Every sheet of a workbook (or the one asked for) as text cells."""
    import fastexcel

    check_workbook(path)  # before fastexcel: a hostile extent makes it allocate without bound and abort
    try:
        reader = fastexcel.read_excel(str(path))
    except Exception as exc:  # fastexcel raises its own error types for corrupt or locked files
        raise IngestError(f"could not open the workbook: {str(exc).splitlines()[0]}") from exc
    names = list(reader.sheet_names)
    if sheet is not None:
        if sheet not in names:
            raise IngestError(f"no sheet named {sheet!r}; the workbook has {', '.join(map(repr, names))}")
        names = [sheet]
    sheets = []
    starts = first_used_rows(path)
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
            targets = {
                item.get("Id"): item.get("Target", "").lstrip("/").removeprefix("xl/")
                for item in ElementTree.fromstring(book.read("xl/_rels/workbook.xml.rels"))
            }
            for sheet in ElementTree.fromstring(book.read("xl/workbook.xml")).iter(f"{main}sheet"):
                with book.open("xl/" + targets[sheet.get(rel)]) as stream:
                    found[sheet.get("name", "")] = _first_row_with_value(stream, main)
    except (KeyError, zipfile.BadZipFile, ElementTree.ParseError):
        return {}  # not an OOXML workbook (e.g. .xls): fastexcel's rows then count from row 1
    return found


def _first_row_with_value(stream: IO[bytes], main: str) -> int:
    """Stream a sheet's XML up to its first row whose cells hold a value."""
    for _, element in ElementTree.iterparse(stream, events=("end",)):
        if element.tag == f"{main}row":
            if any((cell.findtext(f"{main}v") or "".join(cell.itertext())).strip() for cell in element):
                return int(element.get("r", "1"))
            element.clear()
    return 1


def read_sheets(path: Path, data: bytes, sheet: str | None = None) -> tuple[list[RawSheet], str]:
    """The file's sheets as text cells, and the encoding read ('xlsx' for workbooks)."""
    if path.suffix.lower() in EXCEL_SUFFIXES or data[:4] == b"PK\x03\x04":
        return read_excel_sheets(path, sheet), "xlsx"
    if sheet is not None:
        raise IngestError(f"--sheet applies to workbooks, and {path.name} is not one")
    if path.suffix.lower() == ".pdf" or data[:5] == b"%PDF-":
        return [RawSheet(name="", cells=read_pdf_cells(path), first_row=1)], "pdf"
    utf8, encoding = to_utf8(data)
    return [RawSheet(name="", cells=read_csv_cells(utf8), first_row=1)], encoding


def clean_header(cells: list[str]) -> list[str]:
    """Header cells without byte-order marks (even double-encoded ones) or surrounding spaces."""
    return [cell.replace("\ufeff", "").replace("\u00ef\u00bb\u00bf", "").strip() for cell in cells]


def _text_rows(text: str) -> list[list[str]]:
    delimiter = sniff_delimiter(text[:65536])
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


def read_table(path: Path) -> tuple[list[str], list[list[str]]]:
    """Header and non-blank rows of a small table (a CSV, or a workbook's first sheet that holds values).

    What the register, contract and geography importers read: the same encodings, limits and workbook
    guard as spend files, every cell as text ('' when empty).
    """
    data = read_file(path)
    if path.suffix.lower() in EXCEL_SUFFIXES or data[:4] == b"PK\x03\x04":
        sheets = [raw for raw in read_excel_sheets(path, None) if raw.cells.height]
        rows = [["" if v is None else str(v) for v in row] for row in sheets[0].cells.rows()] if sheets else []
    else:
        rows = _text_rows(decode_text(data)[0])
    rows = [row for row in rows if any(cell.strip() for cell in row)]
    if not rows:
        return [], []
    return clean_header(rows[0]), rows[1:]


def read_head(path: Path, size: int = 65536) -> list[list[str]]:
    """The first rows of a CSV from its first size bytes (whole lines only): for telling what a file is."""
    check_file(path)
    with path.open("rb") as handle:
        head = handle.read(size)
        if handle.read(1):  # more follows: keep whole lines, so no character is cut in two
            head = head[: head.rfind(b"\n") + 1] or head
    rows = _text_rows(decode_text(head)[0])
    return [clean_header(rows[0])] + rows[1:] if rows else []


def named(path: Path, problem: Exception) -> str:
    """A reader's one-line problem, led by the file's name once."""
    text = str(problem)
    return text if text.startswith(path.name) else f"{path.name}: {text}"
