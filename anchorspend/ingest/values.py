"""Cell values to typed ones, column at a time: amounts, dates, fiscal periods, redaction labels.

Each parser tries the common plain form on the whole column first and runs the slower clean-ups only on the
cells that form did not fit, so a two-million-row file costs a few column passes, not a regex per format.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

AMOUNT = pl.Decimal(18, 2)
# A number as published: sign, digits with or without thousands commas, optional decimals or exponent.
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

# (guard regex with the part to parse as group 1, strptime format), tried in order on the cells left unparsed.
DATE_FORMS: tuple[tuple[str, str], ...] = (
    (r"^(\d{4}-\d{1,2}-\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$", "%Y-%m-%d"),
    (r"^(\d{1,2}/\d{1,2}/\d{4})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$", "%d/%m/%Y"),
    (r"^(\d{1,2}/\d{1,2}/\d{2})$", "%d/%m/%y"),
    (r"^(\d{1,2} [A-Za-z]{3,9} \d{4})$", "%d %B %Y"),
    (r"^(\d{1,2} [A-Za-z]{3,9} \d{2})$", "%d %B %y"),
    (r"^(\d{8})$", "%Y%m%d"),
)


def text(column: str | None) -> pl.Expr:
    """A text cell with outer spaces trimmed; empty becomes null."""
    if column is None:
        return pl.lit(None, dtype=pl.String)
    stripped = pl.col(column).str.strip_chars()
    return pl.when(stripped != "").then(stripped)


def _fill(result: pl.Series, todo: pl.Series, values: pl.Series) -> pl.Series:
    """result with the positions where todo is true set to values (in order)."""
    positions = todo.arg_true()
    return result.scatter(positions, values) if len(positions) else result


def _clean_amount(cells: pl.Series) -> pl.Series:
    """The slow path: '£1,234.56', '(1,234.56)', '688.83-', '12 CR', quoted; null when not a number."""
    frame = pl.DataFrame({"v": cells})
    v = pl.col("v")
    negative = v.str.contains(r"^\(.*\)$|\d\s*(?i:CR|-)$")
    body = v.str.replace(r"^\((.*)\)$|^(.*\d)\s*(?i:CR|-)$", "$1$2").str.replace_all(r"Â£|£|GBP|[\s\"']", "")
    parsed = body.str.replace_all(",", "").cast(AMOUNT, strict=False)
    ok = body.str.contains(NUMBER) & body.str.contains(r"\d")
    return frame.select(
        pl.when(ok).then(pl.when(negative).then(-parsed).otherwise(parsed)).alias("amount")
    ).to_series()


def parse_amounts(cells: pl.Series) -> pl.Series:
    """Decimal(18,2) amounts from trimmed text (half-even rounding to pence); null where not a number."""
    plain = cells.cast(AMOUNT, strict=False)
    todo = plain.is_null() & cells.is_not_null()
    if not todo.any():
        return plain.rename(cells.name)
    return _fill(plain, todo, _clean_amount(cells.filter(todo))).rename(cells.name)


def _date_pass(cells: pl.Series, pattern: str, fmt: str) -> pl.Series:
    return cells.str.extract(pattern, 1).str.strptime(pl.Date, fmt, strict=False)


def parse_dates(cells: pl.Series) -> pl.Series:
    """Dates from ISO, dd/mm/yyyy, dd/mm/yy, '3 Apr 2023', '26-Apr-23', yyyymmdd, Excel serials; else null."""
    result = cells.str.strptime(pl.Date, "%Y-%m-%d", strict=False)  # the common ISO form, in one pass
    todo = cells.is_not_null() & result.is_null()
    for pattern, fmt in DATE_FORMS:
        if not todo.any():
            return result
        left = cells.filter(todo)
        if "/" in fmt:
            left = left.str.replace_all(r"[.\-]", "/")  # 03-04-2023 and 03.04.2023 read as 03/04/2023
        elif "%B" in fmt:
            left = left.str.replace_all(r"[\s\-/.,]+", " ").str.replace(r"(?i)\bsept\b", "Sep")
        parsed = _date_pass(left, pattern, fmt)
        result = _fill(result, todo, parsed)
        todo = todo & result.is_null()
    if todo.any():
        serial = cells.filter(todo).str.extract(r"^(\d{5})(?:\.0+)?$", 1).cast(pl.Int32, strict=False)
        days = (
            pl.DataFrame({"n": serial})
            .select(
                pl.when(pl.col("n").is_between(20000, 80000))
                .then(pl.lit(EXCEL_EPOCH) + pl.duration(days=pl.col("n")))
                .cast(pl.Date)
            )
            .to_series()
        )
        result = _fill(result, todo, days)
    return result


def fiscal_period_starts(cells: pl.Series) -> pl.Series:
    """First day of a UK fiscal period 'YYYYPP' (P1 = April): '202205' -> 2022-08-01; else null."""
    parts = cells.str.extract_groups(r"^(\d{4})(\d{2})$")
    frame = pl.DataFrame(
        {
            "year": parts.struct.field("1").cast(pl.Int32, strict=False),
            "period": parts.struct.field("2").cast(pl.Int32, strict=False),
        }
    )
    period, year = pl.col("period"), pl.col("year")
    return frame.select(
        pl.when(period.is_between(1, 12))
        .then(
            pl.date(
                pl.when(period <= 9).then(year).otherwise(year + 1),
                pl.when(period <= 9).then(period + 3).otherwise(period - 9),
                1,
            )
        )
        .alias(cells.name)
    ).to_series()


def redaction_flags(supplier: pl.Series) -> pl.Series:
    """True where the supplier text is a redaction label, not a payee's name."""
    return supplier.str.contains(REDACTION).fill_null(False)
