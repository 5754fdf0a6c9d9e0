"""Small CSV files as published: byte-order marks (even double-encoded ones), CRLF, cp1252."""

from __future__ import annotations

import csv
import io
from pathlib import Path

# A UTF-8 byte-order mark decoded as cp1252 and re-encoded ("ï»¿"), which utf-8-sig does not strip.
DOUBLE_BOM = "\u00ef\u00bb\u00bf"


def decode(data: bytes) -> str:
    """Text of a published file: UTF-8 (with or without a BOM), else cp1252."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    while text.startswith((DOUBLE_BOM, "\ufeff")):
        text = text.removeprefix(DOUBLE_BOM).removeprefix("\ufeff")
    return text


def clean_header(cells: list[str]) -> list[str]:
    """Header cells without BOMs or surrounding spaces."""
    return [cell.replace("\ufeff", "").replace(DOUBLE_BOM, "").strip() for cell in cells]


def read_header(path: Path, size: int = 65536) -> list[str]:
    """The first row of a CSV file, cleaned; [] when there is none."""
    with path.open("rb") as handle:
        head = handle.read(size)
    lines = decode(head).splitlines()
    if not lines:
        return []
    return clean_header(next(csv.reader([lines[0]]), []))


def read_first_rows(path: Path, count: int = 20, size: int = 65536) -> list[list[str]]:
    """The first few data rows after the header (for content sniffing)."""
    with path.open("rb") as handle:
        head = handle.read(size)
    lines = decode(head).splitlines()[1 : count + 1]
    return list(csv.reader(lines))


def read_csv_text(path: Path) -> tuple[list[str], list[list[str]]]:
    """Header and data rows of a small CSV file; wholly blank rows dropped."""
    rows = list(csv.reader(io.StringIO(decode(path.read_bytes()), newline="")))
    if not rows:
        return [], []
    return clean_header(rows[0]), [row for row in rows[1:] if any(cell.strip() for cell in row)]
