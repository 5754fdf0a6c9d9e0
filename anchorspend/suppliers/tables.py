"""Read a register or contracts file as published (CSV in any of the usual encodings, or XLSX) into rows."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from decimal import Decimal, InvalidOperation
from pathlib import Path

POSTCODE = re.compile(r"\b([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9][A-Z]{2})\b")
BOMS = ("\ufeff", "ï»¿")  # a real BOM, and a BOM decoded twice (Salford's files)


class FileProblem(ValueError):
    """A file that cannot be read as a register; the message is one line for the user."""


def header_key(text: str) -> str:
    """A header cell reduced to lower-case words: 'ï»¿Company Number ' -> 'company number'."""
    for bom in BOMS:
        text = text.replace(bom, "")
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower()).split())


def decode(raw: bytes) -> str:
    """Text of a CSV file: UTF-8 (with or without BOM), else cp1252 (a `£` as byte 0xA3)."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def read_rows(path: Path) -> list[dict[str, str]]:
    """Rows of the file keyed by header_key of each column; blank rows skipped."""
    if not path.exists():
        raise FileProblem(f"{path}: no such file")
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        header, body = _read_xlsx(path)
    else:
        lines = [row for row in csv.reader(io.StringIO(decode(path.read_bytes()), newline=""))]
        lines = [row for row in lines if any(cell.strip() for cell in row)]
        if not lines:
            raise FileProblem(f"{path.name}: the file is empty")
        header, body = lines[0], lines[1:]
    keys = [header_key(cell) for cell in header]
    return [{k: (row[i].strip() if i < len(row) else "") for i, k in enumerate(keys) if k} for row in body]


def _read_xlsx(path: Path) -> tuple[list[str], list[list[str]]]:
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    rows = [
        ["" if v is None else str(v) for v in row] for row in book.worksheets[0].iter_rows(values_only=True)
    ]
    rows = [row for row in rows if any(cell.strip() for cell in row)]
    if not rows:
        raise FileProblem(f"{path.name}: the first sheet is empty")
    return rows[0], rows[1:]


def find_column(columns: set[str], candidates: tuple[str, ...]) -> str | None:
    """The first candidate header present in columns (headers already reduced by header_key)."""
    return next((c for c in candidates if c in columns), None)


def postcodes_in(text: str) -> list[str]:
    """Full UK postcodes found in text, normalised 'AB1 2CD', in order."""
    return [f"{a} {b}" for a, b in POSTCODE.findall(text.upper())]


def parse_money(text: str) -> Decimal | None:
    """'£1,234.50', '1234.5', '(12.00)' -> Decimal; blank or 'N/A' -> None."""
    value = text.replace("£", "").replace(",", "").strip()
    negative = value.startswith("(") and value.endswith(")")
    try:
        amount = Decimal(value.strip("()"))
    except InvalidOperation:
        return None
    return -amount if negative else amount


def parse_date(text: str) -> dt.date | None:
    """ISO, dd/mm/yyyy, dd/mm/yy, dd-Mon-yy or '3 Apr 2023' -> date; anything else -> None."""
    value = text.strip().split(" 00:00")[0].split("T")[0]
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%d-%b-%y", "%d-%b-%Y", "%d %b %Y", "%d %B %Y"):
        try:
            return dt.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    return None


def parse_flag(text: str) -> bool | None:
    """Yes/No, Y/N, True/False, 1/0 -> bool; anything else -> None."""
    value = text.strip().lower()
    if value in ("yes", "y", "true", "1", "sme"):
        return True
    if value in ("no", "n", "false", "0", "non-sme", "non sme"):
        return False
    return None


def parse_int(text: str) -> int | None:
    """'1,250' -> 1250; blank or words -> None."""
    value = text.replace(",", "").strip()
    return int(float(value)) if re.fullmatch(r"\d+(\.0+)?", value) else None
