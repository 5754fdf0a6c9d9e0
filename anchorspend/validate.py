"""Bounds on what the store accepts from a person or a file: one home for each rule, each failure one line."""

from __future__ import annotations

import datetime as dt
import math
import re
from decimal import Decimal
from pathlib import Path

ANCHOR_NAME_MAX = 200
MESSAGE_MAX = 300  # a message longer than this is cut: a 65 KB cell must not become a 65 KB error
# Control characters (C0 and C1, tab included): a name holding one prints as garbage or breaks a line.
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
# The UK and its waters with a margin (Shetland to the Scillies, Rockall's longitude to the North Sea):
# a coordinate outside it is a typo or a swapped pair, never a UK place.
# The fictional demo region lies on the Dogger Bank, inside UK waters at about 3.6°E.
UK_LATITUDE = (49.0, 61.5)
UK_LONGITUDE = (-14.5, 4.5)
# Payments a spend file can plausibly hold: anything earlier, or well beyond today, is a typo (0001, 9999).
EARLIEST_PLAUSIBLE = dt.date(1990, 1, 1)
MONEY_LIMIT = Decimal(10) ** 16  # DECIMAL(18,2) holds 16 digits before the point


class InvalidValue(ValueError):
    """A value the store refuses; the message is one line naming the value."""


def shown(value: object, limit: int = 60) -> str:
    """A value as it appears in a message: repr, cut to `limit` characters."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def one_line(text: str, limit: int = MESSAGE_MAX) -> str:
    """A message as one line of at most `limit` characters (the first line, cut with a count of what went)."""
    first = text.strip().splitlines()[0] if text.strip() else ""
    if len(first) <= limit:
        return first
    return f"{first[:limit]}... ({len(first) - limit:,} more characters)"


def anchor_name(text: str) -> str:
    """An anchor's name, trimmed; refused when empty, over 200 characters or holding control characters."""
    name = (text or "").strip()
    if not name:
        raise InvalidValue("an anchor name cannot be empty")
    if CONTROL.search(name):
        raise InvalidValue(f"an anchor name cannot hold control characters or line breaks: {shown(name)}")
    if len(name) > ANCHOR_NAME_MAX:
        raise InvalidValue(f"an anchor name is at most {ANCHOR_NAME_MAX} characters, not {len(name):,}")
    return name


def place_name(text: str) -> str:
    """A place's name, trimmed: the same bounds as an anchor's (it heads every page and the report)."""
    try:
        return anchor_name(text)
    except InvalidValue as exc:
        raise InvalidValue(str(exc).replace("an anchor name", "a place name")) from None


def no_nul(text: str, what: str) -> str:
    """The text unchanged; refused when it holds a NUL byte (it truncates the text in other programs)."""
    if "\x00" in text:
        raise InvalidValue(f"{what} holds a NUL byte: {shown(text)}")
    return text


def finite(value: float, what: str) -> float:
    """A number that is neither NaN nor infinite."""
    if not math.isfinite(value):
        raise InvalidValue(f"{what} must be a finite number, not {value}")
    return value


def in_uk(latitude: float, longitude: float) -> bool:
    """Whether a WGS84 point lies inside the UK's bounding box."""
    return UK_LATITUDE[0] <= latitude <= UK_LATITUDE[1] and UK_LONGITUDE[0] <= longitude <= UK_LONGITUDE[1]


def bounds_in_uk(min_lon: float, min_lat: float, max_lon: float, max_lat: float) -> bool:
    """Whether a shape's bounding box lies inside the UK's (NaN, for an empty shape, is not)."""
    return in_uk(min_lat, min_lon) and in_uk(max_lat, max_lon)


def latest_plausible(today: dt.date | None = None) -> dt.date:
    """The last payment date a file loaded today can plausibly hold (a year ahead: scheduled payments)."""
    today = today or dt.date.today()
    return today.replace(year=today.year + 1, day=min(today.day, 28))


def plausible_range(first: dt.date, last: dt.date, today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """[first, last] moved inside the plausible window (first <= last), for lists built from stored dates."""
    low, high = EARLIEST_PLAUSIBLE, latest_plausible(today)
    first, last = min(max(first, low), high), min(max(last, low), high)
    return (first, last) if first <= last else (last, first)


def is_store(path: Path) -> bool:
    """Whether a file is an Anchor Spend store (a DuckDB database with its schema_version table)."""
    import duckdb

    try:
        with path.open("rb") as handle:
            if handle.read(12)[8:12] != b"DUCK":  # DuckDB's magic bytes: no need to open anything else
                return False
        with duckdb.connect(str(path), read_only=True) as con:
            row = con.execute(
                "select count(*) from information_schema.tables where table_name = 'schema_version'"
            ).fetchone()
            return bool(row and row[0])
    except (OSError, duckdb.Error):
        return False


def money(value: Decimal | None, what: str) -> Decimal | None:
    """An amount that fits DECIMAL(18,2) (under £10 trillion): NaN, infinity and 1E+20 are refused by name."""
    if value is None:
        return None
    if not value.is_finite() or abs(value) >= MONEY_LIMIT:
        raise InvalidValue(f"{what} {shown(str(value))} is not an amount the store can hold")
    return value
