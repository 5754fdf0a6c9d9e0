"""A register or contracts file as rows, read by the one reader (anchorspend.files), and its values."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import polars as pl

from anchorspend.files import values
from anchorspend.files.errors import FileRefused
from anchorspend.files.sheets import read_table
from anchorspend.files.text import named

POSTCODE = re.compile(r"\b([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9][A-Z]{2})\b")
BOMS = ("\ufeff", "ï»¿")  # a real BOM, and a BOM decoded twice (Salford's files)


class FileProblem(ValueError):
    """A file that cannot be read as a register; the message is one line for the user."""


def header_key(text: str) -> str:
    """A header cell reduced to lower-case words: 'ï»¿Company Number ' -> 'company number'."""
    for bom in BOMS:
        text = text.replace(bom, "")
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower()).split())


def read_rows(path: Path) -> list[dict[str, str]]:
    """Rows of the file keyed by header_key of each column; blank rows skipped (the one reader's rules)."""
    try:
        header, body = read_table(path)
    except FileRefused as exc:
        raise FileProblem(named(path, exc)) from None
    if not header:
        raise FileProblem(f"{path.name}: the file is empty")
    keys = [header_key(cell) for cell in header]
    return [{k: (row[i].strip() if i < len(row) else "") for i, k in enumerate(keys) if k} for row in body]


def find_column(columns: set[str], candidates: tuple[str, ...]) -> str | None:
    """The first candidate header present in columns (headers already reduced by header_key)."""
    return next((c for c in candidates if c in columns), None)


def postcodes_in(text: str) -> list[str]:
    """Full UK postcodes found in text, normalised 'AB1 2CD', in order."""
    return [f"{a} {b}" for a, b in POSTCODE.findall(text.upper())]


def amounts(texts: list[str]) -> list[Decimal | None]:
    """'£1,234.50', '(12.00)' -> Decimal, blank or words -> None: the spend files' money rules (values.py)."""
    cells = pl.Series(texts, dtype=pl.String).str.strip_chars()
    return values.parse_amounts(cells.replace("", None)).to_list()


def dates(texts: list[str]) -> list[dt.date | None]:
    """Dates as the spend files' date rules read them (values.py); blank or unrecognised -> None."""
    cells = pl.Series(texts, dtype=pl.String).str.strip_chars()
    return values.parse_dates(cells.replace("", None)).to_list()


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
