"""Small geography CSV files as published, read by the one reader (anchorspend.ingest.read)."""

from __future__ import annotations

from pathlib import Path

from anchorspend.files.errors import FileRefused
from anchorspend.files.sheets import read_table
from anchorspend.files.text import named, read_head
from anchorspend.geo.report import GeoFileError


def read_header(path: Path, size: int = 65536) -> list[str]:
    """The first row of a CSV file, cleaned; [] when there is none."""
    try:
        rows = read_head(path, size)
    except FileRefused as exc:
        raise GeoFileError(named(path, exc)) from None
    return rows[0] if rows else []


def read_first_rows(path: Path, count: int = 20, size: int = 65536) -> list[list[str]]:
    """The first few data rows after the header (for content sniffing)."""
    try:
        return read_head(path, size)[1 : count + 1]
    except FileRefused as exc:
        raise GeoFileError(named(path, exc)) from None


def read_csv_text(path: Path) -> tuple[list[str], list[list[str]]]:
    """Header and data rows of a small CSV file; wholly blank rows dropped."""
    try:
        return read_table(path)
    except FileRefused as exc:
        raise GeoFileError(named(path, exc)) from None
