"""Cell values to typed ones, column at a time: amounts, dates (with their order), bounds, redaction labels.

Each parser tries the common plain form on the whole column first and runs the slower clean-ups only on the
cells that form did not fit; dates are parsed once per distinct text, so a two-million-row file costs a few
column passes, not a regex per format. Every importer reads money and dates through parse_amounts and
parse_dates, and every bound a payment row must keep is here, so that one rule holds everywhere.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

import polars as pl

AMOUNT = pl.Decimal(18, 2)
# A number as published: sign, digits with or without thousands commas, optional decimals or exponent.
NUMBER = r"^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?(?:[eE][+-]?\d+)?$"
EXCEL_EPOCH = dt.date(1899, 12, 30)  # Excel's day 0 (after its 1900 leap-year bug)

# Bounds a payment row must keep (issue 16): a value outside them is a typo or an attack, never a payment,
# and one such date or amount stored would break every page that lists years or sums.
EARLIEST_PAYMENT = dt.date(1990, 1, 1)
LATEST_AHEAD_DAYS = 366  # a payment dated more than a year after the load is not a payment yet
AMOUNT_CEILING = 10_000_000_000  # £10bn a line
TEXT_LIMIT = 1000  # characters in any one cell of a payment row
NO_VALUE = ("n/a", "na", "#n/a", "-", "null", "none", "nil")  # fillers in a cell, meaning "none given"

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
# Labels written in other words: a cell made only of redaction vocabulary ('Name withheld - personal data',
# 'Supplier name redacted', 'Redacted under Section 40', 'GDPR') with at least one word that says so. A firm's
# name always has a word outside this list ('Personal Touch Care Ltd', 'Data Protection Services').
REDACTION_VOCABULARY = (
    r"(?i)^[^A-Za-z0-9]*(?:(?:redacted|redaction|redact|withheld|withhold|personal|private|data|information|info"
    r"|details?|removed|names?|supplier|payee|vendor|individuals?|not|non|disclosed|disclosable|gdpr|protection"
    r"|act|confidential|sensitive|exempt|exemption|section|s40|40|under|for|reasons?|of|due|to|the|a|and|by)"
    r"\b[^A-Za-z0-9]*)+$"
)
REDACTION_SAYS = (
    r"(?i)\b(?:redact\w*|withheld|withhold|personal|individuals?|confidential|gdpr|not\s+disclosed|non\W*disclosable"
    r"|exempt\w*|removed|private)\b"
)
# A name masked out with a run of one character: '*****', 'XXXXXXXX', '####'.
REDACTION_MASK = r"^\s*(?:\*{3,}|[xX]{3,}|#{3,})\s*$"

TIME_OF_DAY = r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s*[AaPp][Mm])?(?:\s*Z|\s*[+-]\d{2}:?\d{2})?)?"
# Year first is always year-month-day, whatever the separator: 2022-03-01, 2022/03/01, 2022.03.01.
ISO_DATE = r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})" + TIME_OF_DAY + "$"
# Day and month as numbers, in an order the file does not say: 31/10/2020, 9/30/2020, 03-04-23, 1.2.2021.
NUMERIC_DATE = r"^(\d{1,2})([/.\-])(\d{1,2})[/.\-](\d{4}|\d{2})" + TIME_OF_DAY + "$"
# (guard regex with the part to parse as group 1, strptime format) for the forms whose order is fixed.
NAMED_FORMS: tuple[tuple[str, str], ...] = (
    (r"^(\d{1,2} [A-Za-z]{3,9} \d{4})$", "%d %B %Y"),
    (r"^(\d{1,2} [A-Za-z]{3,9} \d{2})$", "%d %B %y"),
    (r"^([A-Za-z]{3,9} \d{1,2} \d{4})$", "%B %d %Y"),  # 'Mar 1, 2022', 'March 01 2022' (US, month named)
    (r"^(\d{8})$", "%Y%m%d"),
)
ORDERS = ("dmy", "mdy")


@dataclass
class DateReading:
    """A date column read: the dates, the day/month order used for each shape of value, and what to tell."""

    dates: pl.Series
    orders: dict[str, str] = field(default_factory=dict)  # shape such as '1/2/4' -> 'dmy' or 'mdy'
    order: str | None = None  # the order of values that did not decide their own (None: no such values)
    decided_by: str = ""  # 'content', 'given', 'remembered' or 'default'
    warnings: list[str] = field(default_factory=list)

    @property
    def order_used(self) -> str | None:
        """The one order of the file, or 'mixed' when its shapes were read in different orders."""
        used = set(self.orders.values()) | ({self.order} if self.order else set())
        return used.pop() if len(used) == 1 else ("mixed" if used else None)


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
    """The slow path: '£1,234.56', '(1,234.56)', '£(1,234.56)', '688.83-', '12 CR', '12 DR', '−12' (a Unicode
    minus), quoted; null when not a number. A credit is bracketed, or carries a minus or CR anywhere."""
    frame = pl.DataFrame({"v": cells})
    # Currency marks and spaces go first, so that a sign or bracket outside the '£' is seen: '£(12)', '- £12'.
    v = pl.col("v").str.replace_all(r"Â£|£|(?i:GBP)|[\s\"']", "").str.replace(r"^[\u2212\u2013]", "-")
    negative = v.str.contains(r"^\(.*\)$|\d(?i:CR|-)$")
    body = v.str.replace(r"^\((.*)\)$|^(.*\d)(?i:CR|DR|-)$", "$1$2")
    parsed = body.str.replace_all(",", "").cast(AMOUNT, strict=False)
    ok = body.str.contains(NUMBER) & body.str.contains(r"\d")
    return frame.select(pl.when(ok).then(pl.when(negative).then(-parsed).otherwise(parsed)).alias("amount")).to_series()


# Pence after a comma ('1.234,56', '507,00', '(12,5)'), and after a point ('1,234.56', '507.00'): a column that
# writes the first and never the second, nor a comma before three digits ('1,234'), uses decimal commas (a
# European-locale export), whose '1.234' is 1234.
COMMA_PENCE = r"\d,\d{1,2}\)?\s*(?i:CR|DR|-)?$"
POINT_PENCE = r"\d\.\d{1,2}\)?\s*(?i:CR|DR|-)?$"
COMMA_THOUSANDS = r"\d,\d{3}\b"


def parse_amounts(cells: pl.Series) -> pl.Series:
    """Decimal(18,2) amounts from trimmed text (half-even rounding to pence); null where not a number.

    A column written with decimal commas ('1.234,56') is read as such, whole (see COMMA_PENCE)."""
    plain = cells.cast(AMOUNT, strict=False)
    todo = plain.is_null() & cells.is_not_null()
    if not todo.any():
        return plain.rename(cells.name)
    if (
        cells.dtype == pl.String
        and cells.filter(todo).str.contains(COMMA_PENCE).any()
        and not (cells.str.contains(POINT_PENCE).any() or cells.str.contains(COMMA_THOUSANDS).any())
    ):
        swapped = cells.str.replace_all(".", "", literal=True).str.replace(",", ".", literal=True)
        plain = swapped.cast(AMOUNT, strict=False)
        todo = plain.is_null() & swapped.is_not_null()
        return _fill(plain, todo, _clean_amount(swapped.filter(todo))).rename(cells.name)
    return _fill(plain, todo, _clean_amount(cells.filter(todo))).rename(cells.name)


def _iso_text(year: pl.Expr, month: pl.Expr, day: pl.Expr) -> pl.Expr:
    return pl.format("{}-{}-{}", year, month, day).str.strptime(pl.Date, "%Y-%m-%d", strict=False)


def _full_year(year: pl.Expr) -> pl.Expr:
    """'20' -> 2020, '99' -> 1999 (the strptime %y pivot), '2020' -> 2020."""
    number = year.cast(pl.Int32, strict=False)
    return (
        pl.when(year.str.len_chars() == 4).then(number).when(number < 69).then(number + 2000).otherwise(number + 1900)
    )


def decide_orders(
    first: pl.Series, second: pl.Series, shapes: pl.Series, weights: pl.Series
) -> tuple[dict[str, str], dict[str, tuple[int, int]]]:
    """Each shape's order where its values decide it, and the (dmy, mdy) evidence counted per shape.

    A first field above 12 can only be a day (day-first); a second field above 12 only a day (month-first).
    Values are grouped by shape (digits per field, separator, year length) because one file can append rows
    written by another system: '31/10/2020' and '9/30/2020' in one column are each read right.
    """
    frame = pl.DataFrame({"a": first, "b": second, "shape": shapes, "n": weights})
    evidence = frame.group_by("shape").agg(
        pl.col("n").filter((pl.col("a") > 12) & (pl.col("b") <= 12)).sum().alias("dmy"),
        pl.col("n").filter((pl.col("b") > 12) & (pl.col("a") <= 12)).sum().alias("mdy"),
    )
    decided, counts = {}, {}
    for shape, dmy, mdy in evidence.iter_rows():
        counts[shape] = (int(dmy or 0), int(mdy or 0))
        if dmy or mdy:
            decided[shape] = "dmy" if (dmy or 0) >= (mdy or 0) else "mdy"
    return decided, counts


def _numeric_dates(
    uniq: pl.Series, counts: pl.Series, order: str | None, fallback: str | None, reading: DateReading
) -> pl.Series:
    """Day/month numeric dates among the distinct texts, read in the order decided per shape."""
    parts = uniq.str.extract_groups(NUMERIC_DATE)
    a = parts.struct.field("1").cast(pl.Int32, strict=False)
    b = parts.struct.field("3").cast(pl.Int32, strict=False)
    year = parts.struct.field("4")
    found = a.is_not_null()
    if not found.any():
        return pl.Series(uniq.name, [None] * len(uniq), dtype=pl.Date)
    shapes = (
        pl.DataFrame({"a": parts.struct.field("1"), "s": parts.struct.field("2"), "b": parts.struct.field("3")})
        .select(
            pl.format(
                "{}{}{}{}{}", pl.col("a").str.len_chars(), "s", pl.col("b").str.len_chars(), "s", year.str.len_chars()
            )
        )
        .to_series()
    )
    weights = counts.filter(found)
    if order in ORDERS:
        orders = dict.fromkeys(shapes.filter(found).unique().to_list(), order)
        reading.order, reading.decided_by = order, "given"
    else:
        decided, evidence = decide_orders(a.filter(found), b.filter(found), shapes.filter(found), weights)
        orders = dict(decided)
        for shape, (dmy, mdy) in evidence.items():
            if dmy and mdy:
                reading.warnings.append(
                    f"dates shaped like {shape_example(shape)} are written both day-first ({dmy:,}) and "
                    f"month-first ({mdy:,}); read {'day' if orders[shape] == 'dmy' else 'month'}-first, "
                    "so the others are rejected"
                )
        undecided = [shape for shape in evidence if shape not in decided]
        nearest = {shape: _nearest_order(shape, decided) for shape in undecided}
        orders.update({shape: found_order for shape, found_order in nearest.items() if found_order})
        undecided = [shape for shape in undecided if not nearest[shape]]
        reading.decided_by = "content"
        if undecided:
            if fallback in ORDERS:
                reading.order, reading.decided_by = fallback, "remembered"
            else:
                reading.order, reading.decided_by = "dmy", "default"
            rows = sum(int(weights.filter(shapes.filter(found) == s).sum()) for s in undecided)
            how = "as remembered for this layout" if reading.decided_by == "remembered" else "the default"
            reading.warnings.append(
                f"{rows:,} dates such as {shape_example(undecided[0])} read the same day-first or "
                f"month-first; read {'day' if reading.order == 'dmy' else 'month'}-first ({how}); "
                "pass --date-order dmy or mdy if that is wrong"
            )
            orders.update(dict.fromkeys(undecided, reading.order))
    reading.orders = orders
    order_of = shapes.replace_strict(pl.Series(list(orders)), pl.Series(list(orders.values())), default=None)
    frame = pl.DataFrame({"a": a, "b": b, "y": year, "o": order_of})
    day = pl.when(pl.col("o") == "mdy").then(pl.col("b")).otherwise(pl.col("a"))
    month = pl.when(pl.col("o") == "mdy").then(pl.col("a")).otherwise(pl.col("b"))
    return frame.select(_iso_text(_full_year(pl.col("y")), month, day).alias(uniq.name)).to_series()


def _nearest_order(shape: str, decided: dict[str, str]) -> str | None:
    """The order of the decided shapes nearest in style (fewest fields padded differently), if they agree.

    '1/1/4' values (9/3/2020) take the order of '1/2/4' ones (9/30/2020) before that of '2/2/4' (31/10/2020).
    """
    if not decided:
        return None
    distance = {other: sum(a != b for a, b in zip(shape, other, strict=True)) for other in decided}
    closest = min(distance.values())
    orders = {decided[other] for other, d in distance.items() if d == closest}
    return orders.pop() if len(orders) == 1 else None


def shape_example(shape: str) -> str:
    """'2/2/4' -> 'nn/nn/yyyy', for messages."""
    a, sep, b, y = shape[0], shape[1], shape[2], shape[4]
    return f"{'n' * int(a)}{sep}{'n' * int(b)}{sep}{'y' * int(y)}"


def _unique_dates(uniq: pl.Series, counts: pl.Series, order: str | None, fallback: str | None) -> DateReading:
    """Parse each distinct text once: ISO, numeric day/month in the decided order, named months, serials."""
    reading = DateReading(dates=pl.Series())
    iso = uniq.str.extract_groups(ISO_DATE)
    frame = pl.DataFrame({"y": iso.struct.field("1"), "m": iso.struct.field("2"), "d": iso.struct.field("3")})
    result = frame.select(_iso_text(pl.col("y"), pl.col("m"), pl.col("d"))).to_series()
    todo = result.is_null()
    if todo.any():
        numeric = _numeric_dates(uniq.filter(todo), counts.filter(todo), order, fallback, reading)
        result = _fill(result, todo, numeric)
        todo = result.is_null()
    for pattern, fmt in NAMED_FORMS:
        if not todo.any():
            break
        left = uniq.filter(todo)
        if "%B" in fmt:
            # 'Tuesday, 1st March 2022' -> '1 March 2022': weekday and ordinal suffix say nothing more.
            left = (
                left.str.replace(r"(?i)^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+", "")
                .str.replace(r"(?i)(\d)(?:st|nd|rd|th)\b", "$1")
                .str.replace_all(r"[\s\-/.,]+", " ")
                .str.replace(r"(?i)\bsept\b", "Sep")
            )
        result = _fill(result, todo, left.str.extract(pattern, 1).str.strptime(pl.Date, fmt, strict=False))
        todo = result.is_null()
    if todo.any():
        serial = uniq.filter(todo).str.extract(r"^(\d{5})(?:\.\d+)?$", 1).cast(pl.Int32, strict=False)
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
    reading.dates = result
    return reading


def read_dates(cells: pl.Series, *, order: str | None = None, fallback: str | None = None) -> DateReading:
    """The column's dates with the day/month order decided from the whole column (see decide_orders).

    order ('dmy' or 'mdy') overrides what the values say; fallback is used, with a warning, for values that
    read the same either way when no other value of the column decides (else day-first, also warned).
    """
    if cells.dtype == pl.Date:
        return DateReading(dates=cells)
    counted = cells.drop_nulls().value_counts(name="__n")
    uniq, counts = counted[cells.name or ""] if cells.name else counted.to_series(0), counted["__n"]
    reading = _unique_dates(uniq, counts, order, fallback)
    parsed = reading.dates
    reading.dates = cells.replace_strict(uniq, parsed, default=None, return_dtype=pl.Date).rename(cells.name)
    return reading


def order_named(header: str | None) -> str | None:
    """The day/month order a header spells out ('Date (MM/DD/YYYY)' -> 'mdy', 'Date dd/mm/yy' -> 'dmy'), else None."""
    text = (header or "").lower()
    if re.search(r"\bd{1,2}[/.\-]m{1,2}[/.\-]y{2,4}\b", text):
        return "dmy"
    if re.search(r"\bm{1,2}[/.\-]d{1,2}[/.\-]y{2,4}\b", text):
        return "mdy"
    return None


def parse_dates(cells: pl.Series, *, order: str | None = None, fallback: str | None = None) -> pl.Series:
    """Dates from ISO, dd/mm/yyyy or m/d/yyyy (order read from the column), '3 Apr 2023', '26-Apr-23',
    yyyymmdd and Excel serials; null where not a date. See read_dates for the order and its warnings."""
    return read_dates(cells, order=order, fallback=fallback).dates


def far_dates_warning(dates: pl.Series, rows: pl.Series) -> str | None:
    """A warning naming dates more than a year outside the span of most of the column, else None."""
    present = dates.drop_nulls()
    if len(present) < 10:
        return None
    ordered = present.sort()
    trim = max(1, int(0.05 * len(ordered)))  # the span of the middle rows: at least one left out at each end
    low, high = ordered[trim], ordered[len(ordered) - 1 - trim]
    year = dt.timedelta(days=365)
    far = (dates < low - year) | (dates > high + year)
    if not far.any():
        return None
    frame = pl.DataFrame({"d": dates, "r": rows}).filter(far).sort("d")
    first = frame.row(0)
    return (
        f"{frame.height:,} date(s) lie more than a year outside {low} to {high}, where the other rows are "
        f"(e.g. row {first[1]}: {first[0]}); check they are not typos"
    )


def sign_warning(amounts: pl.Series) -> str | None:
    """A warning when most amounts are negative: a ledger export that writes payments as credits would
    otherwise be stored as refunds, and every total would come out below zero."""
    present = amounts.drop_nulls()
    negative = int((present < 0).sum())
    if len(present) < 20 or negative <= 0.8 * len(present):
        return None
    return (
        f"{negative:,} of {len(present):,} amounts are negative: if the file writes payments as negative "
        "numbers, they were stored as credits; check the file and load a corrected one"
    )


def date_bound(dates: pl.Expr, today: dt.date | None = None) -> pl.Expr:
    """True where a payment date lies outside the plausible window (before 1990, or over a year ahead)."""
    latest = (today or dt.date.today()) + dt.timedelta(days=LATEST_AHEAD_DAYS)
    return (dates < EARLIEST_PAYMENT) | (dates > latest)


def amount_bound(amounts: pl.Expr) -> pl.Expr:
    """True where an amount is beyond the ceiling of a plausible payment line (£10bn either way)."""
    return amounts.abs() > AMOUNT_CEILING


# A calendar month with no day: 'Mar-22', 'March 2022', 'Mar 2022', '2022-03', '03/2022'.
MONTH_NAMED = r"^([A-Za-z]{3,9})[\s\-/.,']+(\d{4}|\d{2})$"
MONTH_NUMBERED = r"^(?:(\d{4})[-/.](\d{1,2})|(\d{1,2})[-/.](\d{4}))$"


def fiscal_period_starts(cells: pl.Series) -> pl.Series:
    """First day of a period a file gives instead of a date: a UK fiscal period 'YYYYPP' (P1 = April:
    '202205' -> 2022-08-01) or a calendar month ('Mar-22', 'March 2022', '2022-03' -> 2022-03-01); else null."""
    parts = cells.str.extract_groups(r"^(\d{4})(\d{2})$")
    frame = pl.DataFrame(
        {
            "year": parts.struct.field("1").cast(pl.Int32, strict=False),
            "period": parts.struct.field("2").cast(pl.Int32, strict=False),
        }
    )
    period, year = pl.col("period"), pl.col("year")
    fiscal = frame.select(
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
    return fiscal.fill_null(_month_starts(cells))


def _month_starts(cells: pl.Series) -> pl.Series:
    """First day of a calendar month written without a day; null for anything else."""
    named = cells.str.extract_groups(MONTH_NAMED)
    numbered = cells.str.extract_groups(MONTH_NUMBERED)
    name = named.struct.field("1").str.to_lowercase().str.slice(0, 3)
    month_of_name = name.replace_strict(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"],
        list(range(1, 13)),
        default=None,
        return_dtype=pl.Int32,
    )
    full = named.struct.field("1").str.to_lowercase()
    known = full.str.contains(
        r"^(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?"
        r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)$"
    )
    frame = pl.DataFrame(
        {
            "m": month_of_name,
            "ok": known.fill_null(False),
            "ny": named.struct.field("2"),
            "y1": numbered.struct.field("1"),
            "m1": numbered.struct.field("2").cast(pl.Int32, strict=False),
            "m2": numbered.struct.field("3").cast(pl.Int32, strict=False),
            "y2": numbered.struct.field("4"),
        }
    )
    named_year = _full_year(pl.col("ny"))
    month = pl.when(pl.col("ok")).then(pl.col("m")).otherwise(pl.coalesce("m1", "m2"))
    year = pl.when(pl.col("ok")).then(named_year).otherwise(pl.coalesce("y1", "y2").cast(pl.Int32, strict=False))
    return frame.select(
        pl.when(month.is_between(1, 12) & year.is_not_null()).then(pl.date(year, month, 1)).alias(cells.name)
    ).to_series()


def is_redaction(supplier: pl.Expr) -> pl.Expr:
    """True where the text is a label written in place of a redacted payee's name (null where it is null)."""
    return (
        supplier.str.contains(REDACTION)
        | (supplier.str.contains(REDACTION_VOCABULARY) & supplier.str.contains(REDACTION_SAYS))
        | supplier.str.contains(REDACTION_MASK)
    )


def redaction_flags(supplier: pl.Series) -> pl.Series:
    """True where the supplier text is a redaction label, not a payee's name."""
    return pl.select(is_redaction(pl.lit(supplier)).fill_null(False)).to_series().rename(supplier.name)
