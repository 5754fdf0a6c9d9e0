"""Bytes to text, the same for every importer: encodings found and never replaced, byte-order marks, line ends.

UTF-8 (with or without byte-order marks, even double-encoded ones), Windows-1252 and UTF-16 are read; a byte that
is text in none of them, or a file that mixes UTF-8 and Windows-1252, is refused with the line where it happens.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from pathlib import Path

from anchorspend.files.errors import FileRefused
from anchorspend.files.limits import check_file

# A UTF-8 byte-order mark, and the same mark decoded as cp1252 and encoded again ("ï»¿"), which
# `utf-8-sig` does not strip. Some files carry both, or the double one twice.
BOMS = (b"\xef\xbb\xbf", b"\xc3\xaf\xc2\xbb\xc2\xbf")
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
# One non-ASCII character written in UTF-8: a lead byte and its continuation bytes.
UTF8_CHAR = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


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
            raise FileRefused(f"the file is UTF-16 text but byte {exc.start:,} is not: save it as CSV UTF-8") from exc
        return _one_newline(data), "utf-16"
    if b"\x00" in data[:8192]:
        raise FileRefused("this is not a text CSV file (it holds binary data): save it as CSV or XLSX")
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
        raise FileRefused(
            f"the file mixes encodings: {_line_of(data, utf8.start())} has UTF-8 text "
            f"({utf8.group().decode()!r}) but {_line_of(data, bad)} has byte 0x{data[bad]:02X}, which is not "
            "UTF-8: save the file as CSV UTF-8 and load it again"
        )
    try:
        return data.decode("cp1252").encode("utf-8")
    except UnicodeDecodeError as exc:  # bytes cp1252 leaves undefined: 0x81, 0x8D, 0x8F, 0x90, 0x9D
        raise FileRefused(
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


def clean_header(cells: list[str]) -> list[str]:
    """Header cells without byte-order marks (even double-encoded ones) or surrounding spaces."""
    return [cell.replace("\ufeff", "").replace("\u00ef\u00bb\u00bf", "").strip() for cell in cells]


def _text_rows(text: str) -> list[list[str]]:
    delimiter = sniff_delimiter(text[:65536])
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


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
