"""Legacy Excel workbooks (.xls: BIFF records in an OLE2 compound file): each sheet's name and extent, read from
the file's own records before any reader sees it.

The .xls reader builds every sheet of a workbook as a dense rectangle as soon as it opens the file (measured:
a 6 KB .xls whose four sheets each hold cells at A1 and IV65536 took 2.1 GB), so limits.py bounds the sum of
the rectangles from here, as it bounds an .xlsx from its XML. The rectangle runs from the first to the last
row and column holding a value (blank formatted cells do not count, as they do not for the reader), which also
gives the spreadsheet row number of the reader's first row.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

from anchorspend.files.errors import FileRefused

OLE_MAGIC = bytes.fromhex("d0cf11e0a1b11ae1")
LAST_SECTOR = 0xFFFFFFFA  # sector numbers above it mark the end of a chain, a free or a FAT sector
# Records that hold a cell's value, each starting with its row and column: FORMULA, RSTRING, LABELSST,
# NUMBER, LABEL, BOOLERR, RK; MULRK holds a run of columns, its last one in its final two bytes.
VALUE_RECORDS = {0x0006, 0x00D6, 0x00FD, 0x0203, 0x0204, 0x0205, 0x027E}
MULRK = 0x00BD
BOF, EOF, BOUNDSHEET = 0x0809, 0x000A, 0x0085
WORKSHEET = 0  # BOUNDSHEET's sheet type: 0 a worksheet (charts, macros and dialogs hold no cells to read)


@dataclass(frozen=True)
class SheetExtent:
    """One worksheet: its name, the rectangle of its values (0 x 0 when it has none), its first row's number."""

    name: str
    rows: int
    columns: int
    first_row: int  # spreadsheet row number (from 1) of the first row holding a value


def is_ole(data: bytes) -> bool:
    """True for an OLE2 compound file (a legacy .xls, .doc, ...)."""
    return data[:8] == OLE_MAGIC


def _damaged(book: str, why: str) -> FileRefused:
    return FileRefused(f"could not open the workbook {book}: it is a damaged .xls ({why}); save it again from Excel")


def workbook_stream(data: bytes, book: str) -> bytes:
    """The 'Workbook' (BIFF8) or 'Book' (BIFF5) stream of an OLE2 compound file."""
    if len(data) < 512 or not is_ole(data):
        raise _damaged(book, "no compound-file header")
    shift, mini_shift = struct.unpack_from("<HH", data, 0x1E)
    if shift not in (9, 12) or mini_shift != 6:
        raise _damaged(book, "unknown sector size")
    size = 1 << shift
    sectors = (len(data) - size) // size + 1  # a chain longer than the file has sectors is a loop

    def sector(number: int) -> bytes:
        start = (number + 1) * size
        if number >= sectors or start >= len(data):
            raise _damaged(book, f"sector {number} is past the end of the file")
        return data[start : start + size].ljust(size, b"\0")  # a last sector written short

    fat_count, directory_start = struct.unpack_from("<II", data, 0x2C)
    cutoff, mini_fat_start, _, difat_start, difat_count = struct.unpack_from("<IIIII", data, 0x38)
    fat_sectors = [n for n in struct.unpack_from("<109I", data, 0x4C) if n <= LAST_SECTOR]
    per_sector = size // 4
    for _ in range(min(difat_count, sectors)):
        if difat_start > LAST_SECTOR:
            break
        listed = struct.unpack(f"<{per_sector}I", sector(difat_start))
        fat_sectors += [n for n in listed[:-1] if n <= LAST_SECTOR]
        difat_start = listed[-1]
    fat: list[int] = []
    for number in fat_sectors[: min(max(fat_count, 1), sectors // per_sector + 1)]:  # no more than the file needs
        fat += struct.unpack(f"<{per_sector}I", sector(number))

    def chain(start: int, table: list[int], limit: int) -> list[int]:
        found: list[int] = []
        while start <= LAST_SECTOR:
            if start >= len(table) or len(found) > limit:
                raise _damaged(book, "a broken sector chain")
            found.append(start)
            start = table[start]
        return found

    directory = b"".join(sector(n) for n in chain(directory_start, fat, sectors))
    entries = [directory[i : i + 128] for i in range(0, len(directory) - 127, 128)]
    if not entries:
        raise _damaged(book, "no directory")
    named: dict[str, bytes] = {}
    for entry in entries:
        length = min(struct.unpack_from("<H", entry, 0x40)[0], 64)
        name = entry[: max(length - 2, 0)].decode("utf-16-le", errors="replace")
        if entry[0x42] == 2:  # a stream
            named.setdefault(name, entry)
    workbook = named.get("Workbook") or named.get("Book")
    if workbook is None:
        raise FileRefused(f"{book} is an Office file but not an Excel workbook (no Workbook stream): refused")
    start, length = struct.unpack_from("<II", workbook, 0x74)
    if length >= cutoff:
        stream = b"".join(sector(n) for n in chain(start, fat, sectors))
    else:  # a small stream lives in the mini stream, in 64-byte pieces listed by the mini FAT
        root_start = struct.unpack_from("<I", entries[0], 0x74)[0]
        mini_stream = b"".join(sector(n) for n in chain(root_start, fat, sectors))
        mini_fat: list[int] = []
        for number in chain(mini_fat_start, fat, sectors):
            mini_fat += struct.unpack(f"<{per_sector}I", sector(number))
        pieces = chain(start, mini_fat, len(mini_stream) // 64 + 1)
        stream = b"".join(mini_stream[n * 64 : n * 64 + 64] for n in pieces)
    if len(stream) < length:
        raise _damaged(book, "the workbook stream is cut short")
    return stream[:length]


def _sheet_name(payload: bytes, biff8: bool) -> str:
    """A BOUNDSHEET record's sheet name (after its 6 bytes of position, visibility and type)."""
    count = payload[6] if len(payload) > 6 else 0
    if not biff8:
        return payload[7 : 7 + count].decode("cp1252", errors="replace")
    wide = len(payload) > 7 and payload[7] & 1
    raw = payload[8 : 8 + count * (2 if wide else 1)]
    return raw.decode("utf-16-le" if wide else "latin-1", errors="replace")


def sheet_extents(data: bytes, book: str) -> list[SheetExtent]:
    """Each worksheet of a legacy .xls, in order, with the rectangle its values span."""
    stream = workbook_stream(data, book)
    view = memoryview(stream)
    biff8 = len(stream) >= 6 and struct.unpack_from("<H", stream, 4)[0] == 0x0600
    sheets: list[tuple[str, int]] = []
    position = 0
    while position + 4 <= len(stream):  # the globals: one BOUNDSHEET per sheet, up to the first EOF
        kind, size = struct.unpack_from("<HH", stream, position)
        payload = bytes(view[position + 4 : position + 4 + size])
        position += 4 + size
        if kind == BOUNDSHEET and len(payload) >= 6 and payload[5] == WORKSHEET:
            sheets.append((_sheet_name(payload, biff8), struct.unpack_from("<I", payload, 0)[0]))
        elif kind == EOF:
            break
    return [_extent(stream, name, offset) for name, offset in sheets]


def _extent(stream: bytes, name: str, offset: int) -> SheetExtent:
    """The rectangle of one sheet's values: its records run from its BOF to the matching EOF."""
    top = left = 1 << 20
    bottom = right = -1
    depth, position, end = 0, offset, len(stream)
    unpack = struct.unpack_from
    while position + 4 <= end:
        kind, size = unpack("<HH", stream, position)
        body = position + 4
        position = body + size
        if kind in VALUE_RECORDS and size >= 4:
            row, column = unpack("<HH", stream, body)
            last = column
        elif kind == MULRK and size >= 6:
            row, column = unpack("<HH", stream, body)
            last = unpack("<H", stream, position - 2)[0]
        else:
            if kind == BOF:
                depth += 1
            elif kind == EOF:
                depth -= 1
                if depth <= 0:
                    break
            continue
        top, bottom = min(top, row), max(bottom, row)
        left, right = min(left, column), max(right, last)
    if bottom < 0:
        return SheetExtent(name, 0, 0, 1)
    return SheetExtent(name, bottom - top + 1, right - left + 1, top + 1)
