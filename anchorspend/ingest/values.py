"""Cell values to typed ones, as column expressions: amounts, dates, fiscal periods, redaction labels."""

from __future__ import annotations

import datetime as dt

import polars as pl

AMOUNT = pl.Decimal(18, 2)
# A number as published: optional sign, digits with or without thousands commas, optional decimals or exponent.
NUMBER = r"^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?(?:[eE][+-]?\d+)?$"
EXCEL_EPOCH = dt.date(1899, 12, 30)  # Excel's day 0 (after its 1900 leap-year bug)

# Labels publishers write instead of a person's name. Anchored at the start so that a company such as
# "Redactive Publishing Limited" is not one ('redacted' must be a whole word).
REDACTION = (
    r"(?i)^\s*(?:"
    r"redacted\b.*"  # Redacted Personal Information / Redacted Data / REDACTED - Personal Information / ...
    r"|(?:personal|private)\s+(?:data|information|details)(?:\s+(?:redacted|withheld|removed))?"
    r"|withheld\b.*|name\s+withheld|data\s+protection(?:\s+act)?|private\s+individual|individual"
    r"|removed\s+-?\s*personal.*|not\s+disclosed|\*+\s*redacted\s*\*+"
    r")\s*$"
)


def text(column: str | None) -> pl.Expr:
    """A text cell with outer spaces trimmed; empty becomes null."""
    if column is None:
        return pl.lit(None, dtype=pl.String)
    stripped = pl.col(column).str.strip_chars()
    return pl.when(stripped != "").then(stripped)


def amount_parts(raw: pl.Expr) -> tuple[pl.Expr, pl.Expr]:
    """(amount as Decimal(18,2) or null, is_number) for '£1,234.56', '(1,234.56)', '688.83-', '12 CR', '-5'."""
    value = raw.str.strip_chars()
    negative = (
        value.str.contains(r"^\(.*\)$")
        | value.str.contains(r"(?i)\s*CR$")
        | value.str.contains(r"\d\s*-$")
    )
    body = (
        value.str.replace_all(r"^\((.*)\)$", "$1")
        .str.replace(r"(?i)\s*CR$", "")
        .str.replace(r"(\d)\s*-$", "$1")
        .str.replace_all(r"Â£|£|GBP|[\s\"']", "")
    )
    is_number = body.str.contains(NUMBER) & body.str.contains(r"\d")
    parsed = body.str.replace_all(",", "").cast(AMOUNT, strict=False)
    amount = pl.when(is_number).then(pl.when(negative).then(-parsed).otherwise(parsed))
    return amount, is_number & parsed.is_not_null()


def _dmy(raw: pl.Expr, pattern: str, fmt: str) -> pl.Expr:
    """Parse the part of raw that matches pattern's first group with fmt, where it matches."""
    part = raw.str.extract(pattern, 1)
    return part.str.strptime(pl.Date, fmt, strict=False)


def parse_date(raw: pl.Expr) -> pl.Expr:
    """A date from ISO, dd/mm/yyyy, dd/mm/yy, '3 Apr 2023', '26-Apr-23', yyyymmdd or an Excel serial; else null."""
    value = raw.str.strip_chars()
    numeric_dmy = value.str.replace_all(r"[.\-]", "/")
    named = value.str.replace_all(r"[\s\-/.,]+", " ").str.replace(r"(?i)\bsept\b", "Sep")
    serial = value.str.extract(r"^(\d{5})(?:\.0+)?$", 1).cast(pl.Int32, strict=False)
    return pl.coalesce(
        _dmy(value, r"^(\d{4}-\d{1,2}-\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$", "%Y-%m-%d"),
        _dmy(numeric_dmy, r"^(\d{1,2}/\d{1,2}/\d{4})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$", "%d/%m/%Y"),
        _dmy(numeric_dmy, r"^(\d{1,2}/\d{1,2}/\d{2})$", "%d/%m/%y"),
        _dmy(named, r"^(\d{1,2} [A-Za-z]{3,9} \d{4})$", "%d %B %Y"),
        _dmy(named, r"^(\d{1,2} [A-Za-z]{3,9} \d{2})$", "%d %B %y"),
        _dmy(value, r"^(\d{8})$", "%Y%m%d"),
        pl.when(serial.is_between(20000, 80000)).then(
            pl.lit(EXCEL_EPOCH) + pl.duration(days=serial)
        ).cast(pl.Date),
    )


def fiscal_period_start(raw: pl.Expr) -> pl.Expr:
    """First day of a UK fiscal period 'YYYYPP' (P1 = April): '202205' -> 2022-08-01; else null."""
    value = raw.str.strip_chars()
    year = value.str.extract(r"^(\d{4})(\d{2})$", 1).cast(pl.Int32, strict=False)
    period = value.str.extract(r"^(\d{4})(\d{2})$", 2).cast(pl.Int32, strict=False)
    valid = period.is_between(1, 12)
    month = pl.when(period <= 9).then(period + 3).otherwise(period - 9)
    start_year = pl.when(period <= 9).then(year).otherwise(year + 1)
    return pl.when(valid).then(pl.date(start_year, month, 1))


def is_redaction(supplier: pl.Expr) -> pl.Expr:
    """True where the supplier text is a redaction label, not a payee's name."""
    return supplier.str.contains(REDACTION).fill_null(False)
