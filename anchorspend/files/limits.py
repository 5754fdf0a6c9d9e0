"""What a file must be before anything reads it: a regular file of bounded size, and a workbook of bounded extent.

A 1.5 KB XLSX whose cells sit at A1 and XFD1048576 makes the XLSX reader allocate the whole rectangle between
them (512 GB) and abort the process, as does a 500-byte ODS whose one cell is repeated a billion times; a FIFO or
a device blocks a read for ever; a 6 KB legacy .xls can ask for 2 GB the moment it is opened (see biff.py). All
are refused here, from the file's metadata and from the workbook's own zip
and XML, before the bytes reach a reader.
"""

from __future__ import annotations

import re
import stat
import zipfile
from pathlib import Path
from typing import IO
from xml.etree import ElementTree

from anchorspend.files import biff
from anchorspend.files.errors import FileRefused

MAX_FILE_BYTES = 2 << 30  # 2 GiB: a two-million-row spend CSV is about 250 MB, a national postcode list 1.3 GB
MAX_UNCOMPRESSED_BYTES = 1 << 30  # a workbook's members together, once unzipped
MAX_SHEET_CELLS = 20_000_000  # rows x columns of a sheet's rectangle: about 640 MB in the reader
MAX_SHEET_COLUMNS = 1_000
CHUNK = 1 << 22

FIRST_CELL_REF = re.compile(rb'<c r="([A-Z]{1,3})(\d+)"')
CELL_REF = re.compile(rb"<(?:\w+:)?c\b[^>]*?\sr=\"([A-Z]{1,3})(\d+)\"")
PREFIXED_CELL = re.compile(rb"<\w+:c[\s/>]")
DIMENSION = re.compile(rb"<(?:\w+:)?dimension\b[^>]*?\sref=\"([^\"]+)\"")
REF = re.compile(r"^\$?([A-Z]{1,3})\$?(\d+)$")


def _size(limit: int) -> str:
    return f"{limit / (1 << 30):g} GiB" if limit >= 1 << 30 else f"{limit / (1 << 20):g} MB"


def check_file(path: Path, limit: int = MAX_FILE_BYTES) -> int:
    """The size of a regular file no larger than limit; a one-line FileRefused for anything else."""
    try:
        info = path.stat()  # follows a symlink to what it names
    except FileNotFoundError:
        raise FileRefused(f"{path.name}: no such file") from None
    except OSError as exc:
        raise FileRefused(f"cannot read {path.name}: {exc.strerror or exc}") from exc
    if stat.S_ISDIR(info.st_mode):
        raise FileRefused(f"{path.name} is a folder, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise FileRefused(f"{path.name} is not a regular file (a pipe, socket or device): refused before reading")
    if info.st_size > limit:
        raise FileRefused(f"{path.name} is {info.st_size:,} bytes, over the limit of {_size(limit)} for one file")
    return info.st_size


def read_file(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a regular file within the size limit."""
    check_file(path, limit)
    try:
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise FileRefused(f"cannot read {path.name}: {exc.strerror or exc}") from exc
    if len(data) > limit:  # it grew since it was checked
        raise FileRefused(f"{path.name} is over the limit of {_size(limit)} for one file")
    return data


def column_number(letters: str | bytes) -> int:
    """'A' -> 1, 'XFD' -> 16384."""
    number = 0
    for char in letters.decode() if isinstance(letters, bytes) else letters:
        number = number * 26 + ord(char) - 64
    return number


def _declared(ref: str) -> tuple[int, int] | None:
    """(rows, columns) of a dimension such as 'A1:H2000', counted from A1; None if it does not parse."""
    corner = ref.split(":")[-1].strip().upper()
    match = REF.match(corner)
    return (int(match[2]), column_number(match[1])) if match else None


def _refuse_extent(book: str, sheet: str, rows: int, columns: int, what: str) -> None:
    if columns > MAX_SHEET_COLUMNS:
        raise FileRefused(
            f"{book}: sheet {sheet!r} {what} {columns:,} columns, over the limit of {MAX_SHEET_COLUMNS:,}: "
            "refused before reading"
        )
    if rows * columns > MAX_SHEET_CELLS:
        raise FileRefused(
            f"{book}: sheet {sheet!r} {what} {rows:,} rows x {columns:,} columns, over the limit of "
            f"{MAX_SHEET_CELLS:,} cells: refused before reading"
        )


def _cell_count(data: bytes) -> int:
    # bytes.count is many times faster than a regex per cell; a namespace prefix on cells is rare.
    prefixed = len(PREFIXED_CELL.findall(data)) if b":c" in data else 0
    return data.count(b"<c ") + data.count(b"<c>") + data.count(b"<c/>") + prefixed


def _scan_sheet(stream: IO[bytes], book: str, sheet: str) -> None:
    """Stream one sheet's XML: its declared dimension, the furthest row and column of its cells, its cell count."""
    max_row = max_column = cells = referenced = rows = 0
    tail = b""
    first = True
    while chunk := stream.read(CHUNK):
        data = tail + chunk
        cut = data.rfind(b">") + 1  # scan whole tags only; the rest waits for the next chunk
        data, tail = data[:cut], data[cut:]
        if first:  # the dimension comes before the sheet's data
            found = DIMENSION.search(data)
            declared = _declared(found[1].decode(errors="replace")) if found else None
            if declared:
                _refuse_extent(book, sheet, *declared, "declares")
            first = False
        here = _cell_count(data)
        refs = FIRST_CELL_REF.findall(data)  # Excel and most writers put r first: a literal prefix, fast
        if len(refs) < here:
            refs = CELL_REF.findall(data)
        cells, referenced, rows = cells + here, referenced + len(refs), rows + data.count(b"<row")
        if refs:
            letters, numbers = zip(*refs, strict=True)  # unique values first: a column letter repeats every row
            max_column = max(max_column, max(map(column_number, set(letters))))
            max_row = max(max_row, max(map(int, set(numbers))))
        _refuse_extent(book, sheet, max_row, max_column, "has cells over")
        if cells > MAX_SHEET_CELLS:
            raise FileRefused(f"{book}: sheet {sheet!r} holds over {MAX_SHEET_CELLS:,} cells: refused before reading")
    if cells > referenced:
        # Cells without a reference follow on from the one before (and rows without one likewise): bound the
        # rectangle by the counts.
        width = max(max_column, 1) + cells - referenced
        _refuse_extent(book, sheet, max(max_row, 1) + rows, width, "has cells over")


TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"


def _repeat(element: ElementTree.Element, what: str) -> int:
    try:
        return max(1, int(element.get(f"{TABLE}number-{what}-repeated", "1")))
    except ValueError:
        return 1


def _scan_ods(stream: IO[bytes], book: str) -> None:
    """Stream an OpenDocument sheet's content.xml: a cell or row written once with a repeat count (LibreOffice's
    run-length form) stands for that many, so 500 bytes can ask for billions of cells; the rectangle up to the
    last cell holding a value is what the reader allocates."""
    sheet, rows, height, width, row_width, last_valued = "", 0, 0, 0, 0, 0
    for event, element in ElementTree.iterparse(stream, events=("start", "end")):
        tag = element.tag
        if event == "start":
            if tag == f"{TABLE}table":
                sheet, rows, height, width = element.get(f"{TABLE}name", ""), 0, 0, 0
            elif tag == f"{TABLE}table-row":
                row_width, last_valued = 0, 0
            continue
        if tag in (f"{TABLE}table-cell", f"{TABLE}covered-table-cell"):
            row_width += _repeat(element, "columns")
            if element.get(f"{OFFICE}value-type") or len(element):
                last_valued = row_width
            element.clear()
        elif tag == f"{TABLE}table-row":
            rows += _repeat(element, "rows")
            if last_valued:
                height, width = rows, max(width, last_valued)
                _refuse_extent(book, sheet, height, width, "has cells over")
            element.clear()


def check_xls(path: Path) -> list[biff.SheetExtent]:
    """A legacy .xls within the limits (see _check_xls); its sheets' extents, read once for the reader too."""
    data = read_file(path)
    if not biff.is_ole(data):
        raise FileRefused(f"could not open the workbook {path.name}: it is not a legacy .xls; save it again")
    return _check_xls(data, path.name)


def _check_xls(data: bytes, book: str) -> list[biff.SheetExtent]:
    """A legacy .xls: each sheet within the limits, and all of them together, since its reader builds every
    sheet's rectangle at once when it opens the file."""
    total = 0
    extents = biff.sheet_extents(data, book)
    for sheet in extents:
        _refuse_extent(book, sheet.name, sheet.rows, sheet.columns, "has cells over")
        total += sheet.rows * sheet.columns
        if total > MAX_SHEET_CELLS:
            raise FileRefused(
                f"{book}: its sheets up to {sheet.name!r} span {total:,} cells together, over the limit of "
                f"{MAX_SHEET_CELLS:,} for a legacy .xls (read whole when opened): refused before reading"
            )
    return extents


def check_workbook(path: Path) -> None:
    """Refuse a workbook whose sheets would make the reader allocate more than the limits allow."""
    check_file(path)
    book = path.name
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        data = path.read_bytes()
        if biff.is_ole(data):
            _check_xls(data, book)
            return
        raise FileRefused(
            f"could not open the workbook {book}: it is damaged or not really {path.suffix.lower() or '.xlsx'} "
            "(neither a zip file nor a legacy .xls); save it again"
        ) from None
    with archive:
        members = archive.infolist()
        total = sum(member.file_size for member in members)
        if total > MAX_UNCOMPRESSED_BYTES:
            raise FileRefused(
                f"{book} unzips to {total:,} bytes, over the limit of {_size(MAX_UNCOMPRESSED_BYTES)} "
                "(a zip bomb?): refused before reading"
            )
        for member in members:
            name = member.filename
            if name == "content.xml":  # an OpenDocument spreadsheet (.ods): every sheet is in this one member
                try:
                    with archive.open(member) as stream:
                        _scan_ods(stream, book)
                except (zipfile.BadZipFile, OSError, EOFError, ElementTree.ParseError) as exc:
                    raise FileRefused(f"{book}: {name} cannot be read ({exc}): the spreadsheet is damaged") from None
                continue
            if not (name.startswith("xl/worksheets/") and name.endswith(".xml")):
                continue
            sheet = name.rsplit("/", 1)[-1].removesuffix(".xml")
            try:
                with archive.open(member) as stream:
                    _scan_sheet(stream, book, sheet)
            except (zipfile.BadZipFile, OSError, EOFError) as exc:
                raise FileRefused(f"{book}: {name} cannot be unzipped ({exc}): the workbook is damaged") from None
