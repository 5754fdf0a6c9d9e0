"""The report's tables as rows of text: monthly trend, supplier districts, files loaded, missing months."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from anchorspend.present.formats import figure
from anchorspend.present.place import NOT_SET, place_set, where
from anchorspend.report.content import ReportContent
from anchorspend.report.period import long_date

TREND_TIERS = ("local_gbp", "rest_of_region_gbp", "outside_gbp", "unknown_gbp")
TREND_COLUMNS = ["Month", "Spend in scope", "Local", "Rest of region", "Outside region", "Unknown", "Local share"]
# With no place no supplier is local, regional or outside: only whether its location is known.
TREND_COLUMNS_NO_PLACE = ["Month", "Spend in scope", "Location known", "Location unknown", "Local share"]


def trend_row(row: Mapping[str, Any], placed: bool = True) -> list[str]:
    """One month of the trend table: spend by where the supplier is, and the month's local share; with no place,
    spend located or not and NOT_SET (TREND_COLUMNS_NO_PLACE)."""
    amounts = [float(row.get(column) or 0) for column in TREND_TIERS]
    total = sum(amounts)
    if not placed:
        located = figure(sum(amounts[:3]), "gbp")
        return [f"{row['month']:%b %Y}", figure(total, "gbp"), located, figure(amounts[3], "gbp"), NOT_SET]
    return [
        f"{row['month']:%b %Y}",
        figure(total, "gbp"),
        *(figure(a, "gbp") for a in amounts),
        figure(amounts[0] / total if total else None, "share") if placed else NOT_SET,
    ]


def district_rows(content: ReportContent) -> list[dict[str, str]]:
    """The map's numbers as a table: the largest supplier districts, with their tier as metrics gives it."""
    total = sum(float(r.get("spend_gbp") or 0) for r in content.districts)
    placed = place_set(content.metrics)
    return [
        {
            "name": str(r.get("name") or r["district_code"]),
            "code": str(r["district_code"]),
            "tier": where(r.get("tier"), placed),
            "spend": figure(r.get("spend_gbp"), "gbp"),
            "share": figure(float(r.get("spend_gbp") or 0) / total if total else None, "share"),
        }
        for r in content.districts[:8]
        if r.get("district_code")
    ]


FILES_LISTED = 12  # above this, files are summarised per anchor


def files_loaded(files: list[dict[str, Any]]) -> list[dict[str, str]]:
    """The files loaded since the previous report: each one when few, else one line per anchor."""

    def dates(first: Any, last: Any) -> str:
        return f"{first:%d %b %Y} to {last:%d %b %Y}" if first and last else "no dated payments"

    if len(files) <= FILES_LISTED:
        return [
            {
                "anchor": f["anchor"],
                "what": f["file_name"],
                "dates": dates(f["period_from"], f["period_to"]),
                "rows_loaded": f"{f['rows_loaded']:,}",
                "rows_rejected": f"{f['rows_rejected']:,}",
                "loaded_on": short_date(f["loaded_at"].date()),
            }
            for f in files
        ]
    by_anchor: dict[str, list[dict[str, Any]]] = {}
    for f in files:
        by_anchor.setdefault(f["anchor"], []).append(f)
    rows = []
    for anchor, group in by_anchor.items():
        starts = [f["period_from"] for f in group if f.get("period_from")]
        ends = [f["period_to"] for f in group if f.get("period_to")]
        loaded = [f["loaded_at"].date() for f in group]
        rows.append(
            {
                "anchor": anchor,
                "what": f"{len(group)}\u00a0files",
                "dates": dates(min(starts) if starts else None, max(ends) if ends else None),
                "rows_loaded": f"{sum(f['rows_loaded'] for f in group):,}",
                "rows_rejected": f"{sum(f['rows_rejected'] for f in group):,}",
                "loaded_on": short_date(max(loaded))
                if min(loaded) == max(loaded)
                else f"{short_date(min(loaded))} to {short_date(max(loaded))}",
            }
        )
    return rows


def missing_note(content: ReportContent, missing: Mapping[str, list[dt.date]]) -> str:
    """What the missing months mean: gaps in the data, or the latest months not published yet."""
    if not missing:
        return "every anchor has payments loaded for every month of the period."
    latest = max((a["latest_paid_on"] for a in content.anchors if a.get("latest_paid_on")), default=None)
    newest = dt.date(latest.year, latest.month, 1) if latest else None
    gaps = sum(1 for months in missing.values() for m in months if newest is None or m <= newest)
    lag = sum(len(months) for months in missing.values()) - gaps
    parts = []
    if gaps:
        parts.append(
            f"{gaps} anchor-month(s) up to the latest loaded month have no payments (listed above): "
            "figures and comparisons for those months are incomplete."
        )
    if lag and latest:  # lag counts months after the latest payment, so there is one
        parts.append(
            f"{lag} anchor-month(s) after the latest payment loaded ({long_date(latest)}) are not "
            "loaded yet; spend files are usually published a month or more after the payments, "
            "so the latest weeks of the period are not in these figures."
        )
    return " ".join(parts)


def short_date(day: dt.date) -> str:
    """'22 Nov 2026', for tables."""
    return f"{day.day} {day:%b %Y}"


def months_text(months: list[dt.date]) -> str:
    """'Apr 2026, May 2026' or 'none'."""
    return ", ".join(f"{m:%b %Y}" for m in months) if months else "none"
