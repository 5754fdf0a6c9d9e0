"""What the dashboard shows, without Streamlit: filters, periods, formats and masking."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, cast

import polars as pl

from anchorspend.present.formats import gbp, pct  # noqa: F401  (the pages' formats live in anchorspend.present)
from anchorspend.present.place import NOT_SET
from anchorspend.validate import plausible_range

if TYPE_CHECKING:
    import pandas as pd

INDIVIDUAL_LABEL = "Individual (not shown)"
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True)
class Filters:
    """The sidebar's choices: one scope for every page, hashable so it can key a cache."""

    date_from: date | None = None
    date_to: date | None = None
    anchors: tuple[str, ...] = ()  # empty: every anchor
    influenceable_only: bool = True
    local: tuple[str, ...] = ()  # empty: the stored place
    regional: tuple[str, ...] = ()
    period_label: str = "all loaded months"

    def describe(self, plain: bool = False) -> str:
        """One line for captions and downloads: period, anchors, spend basis (in plain words if asked)."""
        anchors = ", ".join(self.anchors) if self.anchors else "all anchors"
        basis = "influenceable spend" if self.influenceable_only else "all spend"
        if plain:
            anchors = ", ".join(self.anchors) if self.anchors else "all our organisations"
            basis = "spend we can influence" if self.influenceable_only else "all spend"
        return f"{self.period_label} · {anchors} · {basis}"


# ---------------------------------------------------------------- periods


def fy_start_year(day: date) -> int:
    """The calendar year in which the financial year (April-March) holding `day` starts."""
    return day.year if day.month >= 4 else day.year - 1


def month_end(year: int, month: int) -> date:
    """Last day of a month."""
    first_next = date(year + (month == 12), month % 12 + 1, 1)
    return first_next - timedelta(days=1)


def financial_years(first: date, last: date) -> dict[str, tuple[date, date]]:
    """Financial years touching [first, last], newest first, labelled '2024-25'."""
    years = range(fy_start_year(last), fy_start_year(first) - 1, -1)
    return {f"{y}-{str(y + 1)[-2:]}": (date(y, 4, 1), date(y + 1, 3, 31)) for y in years}


def quarters(first: date, last: date) -> dict[str, tuple[date, date]]:
    """Financial quarters touching [first, last], newest first, labelled '2024-25 Q1 (Apr-Jun 2024)'."""
    out: dict[str, tuple[date, date]] = {}
    start = date(last.year, (last.month - 1) // 3 * 3 + 1, 1)
    while start >= date(first.year, (first.month - 1) // 3 * 3 + 1, 1):
        end = month_end(start.year, start.month + 2)
        fy = fy_start_year(start)
        q = (start.month - 4) % 12 // 3 + 1
        label = f"{fy}-{str(fy + 1)[-2:]} Q{q} ({MONTHS[start.month - 1]}-{MONTHS[end.month - 1]} {start.year})"
        out[label] = (start, end)
        start = date(start.year - (start.month == 1), (start.month - 4) % 12 + 1, 1)
    return out


def months(first: date, last: date) -> dict[str, tuple[date, date]]:
    """Months touching [first, last], newest first, labelled 'May 2024'."""
    out: dict[str, tuple[date, date]] = {}
    year, month = last.year, last.month
    while (year, month) >= (first.year, first.month):
        out[f"{MONTHS[month - 1]} {year}"] = (date(year, month, 1), month_end(year, month))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return out


PERIOD_KINDS = {"fy": "Financial year", "quarter": "Quarter", "month": "Month", "custom": "Custom dates"}


def period_options(kind: str, first: date, last: date) -> dict[str, tuple[date, date]]:
    """The choices for one kind of period over the loaded data."""
    first, last = plausible_range(first, last)  # one payment dated 0001 or 9999 must not break the list
    return {"fy": financial_years, "quarter": quarters, "month": months}[kind](first, last)


# ---------------------------------------------------------------- metrics scope


def scope_kwargs(filters: Filters, field_names: set[str]) -> dict[str, object]:
    """Keyword arguments for metrics.Scope from the filters, under whichever names Scope uses."""
    wanted = {
        ("date_from", "start", "period_from", "from_date"): filters.date_from,
        ("date_to", "end", "period_to", "to_date"): filters.date_to,
        ("anchors", "anchor_names"): tuple(filters.anchors) or None,
        ("local", "local_codes"): tuple(filters.local) or None,
        ("regional", "regional_codes"): tuple(filters.regional) or None,
        ("influenceable_only", "influenceable"): filters.influenceable_only,
        ("all_spend",): not filters.influenceable_only,
    }
    kwargs: dict[str, object] = {}
    for names, value in wanted.items():
        for name in names:
            if name in field_names:
                kwargs[name] = value
                break
    return kwargs


def make_scope(scope_cls: type, filters: Filters, **extra: object) -> object:
    """Build a metrics.Scope (a dataclass) from the dashboard filters plus extra fields it has."""
    names = {f.name for f in dataclasses.fields(scope_cls)}
    kwargs = scope_kwargs(filters, names)
    kwargs.update({k: v for k, v in extra.items() if k in names})
    return scope_cls(**{k: v for k, v in kwargs.items() if v is not None})


# ---------------------------------------------------------------- the LM3 in words (workshop mode)


def _pence(rate: float) -> str:
    return f"{round(float(rate) * 100)}p"


def lm3_assumptions_in_words(lm3: dict) -> list[str]:
    """The assumptions behind an LM3 (metrics' lm3 object) as sentences for a room: rates, payroll, the band."""
    lines = []
    for item in lm3.get("assumptions") or []:
        who = "local suppliers" if item.get("supplier_tier") == "local" else "suppliers outside the area"
        spend = f"{gbp(item.get('spend'))} of the spend, {int(item.get('suppliers') or 0):,} suppliers"
        if item.get("rate_from") == "survey":
            lines.append(
                f"{int(item.get('suppliers') or 0):,} {who} told us in a survey that they re-spend about "
                f"{_pence(item.get('rate') or 0)} of each £1 locally ({gbp(item.get('spend'))} of the spend)."
            )
        else:
            lines.append(
                f"We assume {who} re-spend about {_pence(item.get('rate') or 0)} of each £1 locally ({spend}); "
                f"source: {str(item.get('source') or 'not given').rstrip('.')}."  # sources end in a full stop
            )
    pay = lm3.get("payroll") or {}
    if pay.get("payroll"):
        lines.append(
            f"Staff pay counts too: {gbp(pay.get('payroll'))} of pay, {gbp(pay.get('local'))} of it to staff living "
            f"locally, who re-spend {gbp(pay.get('respent'))} of it locally."
        )
    elif lm3.get("r1"):
        lines.append("No payroll is entered, so staff spending is left out and the multiplier is lower than it is.")
    if lm3.get("low") is not None and lm3.get("high") is not None:
        lines.append(
            f"Moving each rate within its range moves the multiplier between {float(lm3['low']):.2f} and "
            f"{float(lm3['high']):.2f}."
        )
    return lines


# ---------------------------------------------------------------- text from users and files

# Everything Streamlit's Markdown gives a meaning to: CommonMark punctuation, GFM autolinks and tables, LaTeX ($),
# Streamlit's :color[...] and :material/icon: directives, and HTML's < > &.
WORD_JOINER = "\u2060"
WWW = re.compile(r"www(?=\.)", re.IGNORECASE)
MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#!|~:$&])")
# A list item, heading underline or numbered item when at the start of a line ("- x", "= x", "1. x", "1) x").
LINE_START = re.compile(r"^([-+=]|\d+(?=[.)]))")


def literal(value: object, lines: bool = False) -> str:
    """Any value (a payee, an anchor or file name, a URL parameter, an error) as Markdown that shows it as typed:
    never a link, an image, an icon, formula or formatting. Line breaks become spaces unless lines=True."""
    if value is None:
        return ""
    if lines:
        return "  \n".join(literal(line) for line in str(value).splitlines())
    escaped = MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(str(value).split()))
    escaped = LINE_START.sub(
        lambda found: found.group(0) + "\\" if found.group(0)[0].isdigit() else "\\" + found.group(0), escaped
    )
    # GFM turns bare http://…, www.… and name@host text into links whatever the escapes: an invisible word joiner
    # after each colon, before each @ and after www breaks those patterns and leaves the text as it reads.
    escaped = escaped.replace("\\:", "\\:" + WORD_JOINER).replace("@", WORD_JOINER + "@")
    return WWW.sub(lambda found: found.group(0) + WORD_JOINER, escaped)


# ---------------------------------------------------------------- privacy


def mask_individuals(frame: pl.DataFrame, name_column: str, flag_column: str = "is_individual") -> pl.DataFrame:
    """Replace the names of individual or redacted payees by a neutral label (workshop mode, downloads)."""
    if frame.is_empty() or name_column not in frame.columns or flag_column not in frame.columns:
        return frame
    return frame.with_columns(
        pl.when(pl.col(flag_column).fill_null(False))
        .then(pl.lit(INDIVIDUAL_LABEL))
        .otherwise(pl.col(name_column))
        .alias(name_column)
    )


NAME_COLUMNS = ("supplier", "name", "payee", "supplier_raw")  # where a table names a payee


def shareable(frame: pl.DataFrame, workshop: bool) -> pl.DataFrame:
    """A table as shown and downloaded: in workshop mode individuals' names masked in every name column; the
    is_individual flag itself left out."""
    shown = frame
    if workshop:
        for column in NAME_COLUMNS:
            shown = mask_individuals(shown, column)
    return shown.drop([c for c in ("is_individual",) if c in shown.columns])


def missing_months(grid: pl.DataFrame) -> dict[str, list[str]]:
    """For each anchor, the months of a coverage grid (anchor, month, is_missing) with nothing loaded."""
    if grid.is_empty():
        return {}
    out: dict[str, list[str]] = {}
    for row in grid.filter(pl.col("is_missing")).sort("anchor", "month").iter_rows(named=True):
        out.setdefault(row["anchor"], []).append(f"{MONTHS[row['month'].month - 1]} {row['month'].year}")
    return out


def _frame(result: object) -> pl.DataFrame:
    """A polars frame from a frame, a list of dicts or a dict of lists."""
    if isinstance(result, pl.DataFrame):
        return result
    if hasattr(result, "to_dict") and not isinstance(result, (list, dict)):
        return pl.from_pandas(cast("pd.DataFrame", result))  # st.cache_data hands frames back as pandas
    return pl.DataFrame(cast("list | dict", result), infer_schema_length=None) if result else pl.DataFrame()


def trend_frame(result: object, placed: bool = True) -> pl.DataFrame:
    """Monthly spend by tier (month, local_gbp, rest_of_region_gbp, outside_gbp, unknown_gbp), anchors summed; with
    no place set (no tier holds anything), month, located_gbp and unknown_gbp instead.

    result: metrics.monthly_trend rows (month, anchor, total_gbp, local_gbp, regional_gbp, unknown_gbp).
    """
    frame = _frame(result)
    if frame.is_empty():
        return pl.DataFrame()
    sums = frame.group_by("month").agg(
        pl.col(c).cast(pl.Float64).sum() for c in ("total_gbp", "local_gbp", "regional_gbp", "unknown_gbp")
    )
    if not placed:
        located = (pl.col("total_gbp") - pl.col("unknown_gbp")).alias("located_gbp")
        return sums.select(pl.col("month").cast(pl.Date), located, "unknown_gbp").sort("month")
    return sums.select(
        pl.col("month").cast(pl.Date),
        "local_gbp",
        (pl.col("regional_gbp") - pl.col("local_gbp")).alias("rest_of_region_gbp"),
        (pl.col("total_gbp") - pl.col("regional_gbp") - pl.col("unknown_gbp")).alias("outside_gbp"),
        "unknown_gbp",
    ).sort("month")


# An anchor's figures that need a place (metrics.shares.anchor_shares): with none they are not worked out.
ANCHOR_PLACE_COLUMNS = ("local_spend", "regional_spend", "local_share", "regional_share")


def anchor_rows(by_anchor: object, placed: bool = True) -> pl.DataFrame:
    """The anchors side by side as a table (metrics' by_anchor rows); with no place set, the figures that need one
    read present.place.NOT_SET, never £0 and 0.0%."""
    frame = _frame(by_anchor)
    if placed or frame.is_empty():
        return frame
    return frame.with_columns(pl.lit(NOT_SET).alias(c) for c in ANCHOR_PLACE_COLUMNS if c in frame.columns)


def shared_pairs(shared_suppliers: list[dict]) -> pl.DataFrame:
    """Anchor pairs with how many suppliers (and their combined £) each pair shares."""
    pairs: dict[tuple[str, str], list[float]] = {}
    for row in shared_suppliers:
        anchors = sorted(set(row.get("anchors") or []))
        for i, a in enumerate(anchors):
            for b in anchors[i + 1 :]:
                entry = pairs.setdefault((a, b), [0, 0.0])
                entry[0] += 1
                entry[1] += float(row.get("spend") or 0)
    return pl.DataFrame(
        [
            {"anchor_a": a, "anchor_b": b, "shared_suppliers": int(n), "spend_gbp": s}
            for (a, b), (n, s) in pairs.items()
        ],
        schema={
            "anchor_a": pl.String,
            "anchor_b": pl.String,
            "shared_suppliers": pl.Int64,
            "spend_gbp": pl.Float64,
        },
    )
