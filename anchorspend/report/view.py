"""The report's words and formatted numbers: ReportContent and chart images -> the template's context."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from markupsafe import Markup

from anchorspend.report import method
from anchorspend.report.content import ReportContent
from anchorspend.report.headlines import format_value, headline_rows
from anchorspend.report.period import long_date

KIND_LABELS = {
    "council": "council",
    "nhs": "NHS",
    "housing": "housing",
    "education": "education",
    "police": "police",
    "other": "other",
}
TOP = 10
SHARED_TOP = 5  # with the top opportunities, still one page


def gbp(value: object) -> str:
    """£ to the pound."""
    return format_value(None if value is None else float(value), "gbp")  # type: ignore[arg-type]


def pct(value: object) -> str:
    """A share to 0.1%."""
    return format_value(None if value is None else float(value), "share")  # type: ignore[arg-type]


def tier_text(tier: list[tuple[str, str]], short: bool = False) -> str:
    """'Preston (E07000123)'; the short form names at most three districts."""
    if not tier:
        return "not set"
    if short:
        names = [name for _, name in tier]
        return ", ".join(names) if len(names) <= 3 else f"{', '.join(names[:3])} and {len(names) - 3} more"
    return "; ".join(f"{name} ({code})" if name != code else code for code, name in tier)


def lm3_view(metrics: Mapping[str, Any], unknown: str) -> dict[str, str]:
    """LM3's value, band, basis and arithmetic in words (the arithmetic and caveat as metrics writes them)."""
    lm3 = metrics.get("lm3") or {}
    value = lm3.get("value")
    if value is None:
        return {
            "printed": "n/a",
            "band": "",
            "meaning": "not computed for this scope.",
            "basis_note": "",
            "arithmetic": "LM3 could not be computed (no spend in scope).",
            "per_pound": "",
        }
    label = str(lm3.get("label") or "LM3")
    band = f"{lm3['low']:.2f} to {lm3['high']:.2f}" if lm3.get("low") is not None and lm3.get("high") else ""
    per_pound = ""
    if lm3.get("value_per_pound_local") is not None and lm3.get("value_per_pound_nonlocal") is not None:
        per_pound = (
            f"Value per £1: about £{lm3['value_per_pound_local']:.2f} to the local economy when paid to a "
            f"local supplier, £{lm3['value_per_pound_nonlocal']:.2f} when paid to a non-local one."
        )
    return {
        "printed": f"{value:.2f}",
        "band": band,
        "meaning": f"each £1 spent generates about £{value:.2f} for the local economy as it is re-spent.",
        "basis_note": (
            "This is a procurement-only LM3: no payroll was supplied for these anchors."
            if label.startswith("procurement")
            else f"Basis: {lm3.get('basis') or label}."
        ),
        "arithmetic": str(lm3.get("arithmetic") or f"{label} = {value:.2f}")
        + (f"; sensitivity band {band} from the low and high re-spend rates. " if band else ". ")
        + str(
            lm3.get("caveat")
            or f"A lower bound: unknown locations ({unknown} of spend) are not counted as local."
        ),
        "per_pound": per_pound,
    }


TREND_TIERS = ("local_gbp", "rest_of_region_gbp", "outside_gbp", "unknown_gbp")


def trend_row(row: Mapping[str, Any]) -> list[str]:
    """One month of the trend table: spend by where the supplier is, and the month's local share."""
    amounts = [float(row.get(column) or 0) for column in TREND_TIERS]
    total = sum(amounts)
    return [
        f"{row['month']:%b %Y}",
        gbp(total),
        *(gbp(a) for a in amounts),
        pct(amounts[0] / total if total else None),
    ]


def district_rows(content: ReportContent) -> list[dict[str, str]]:
    """The map's numbers as a table: the largest supplier districts, with their tier as metrics gives it."""
    total = sum(float(r.get("spend_gbp") or 0) for r in content.districts)
    tiers = {"local": "local", "regional": "rest of region", "outside": "outside the region"}
    return [
        {
            "name": str(r.get("name") or r["district_code"]),
            "code": str(r["district_code"]),
            "tier": tiers.get(str(r.get("tier")), str(r.get("tier") or "")),
            "spend": gbp(r.get("spend_gbp")),
            "share": pct(float(r.get("spend_gbp") or 0) / total if total else None),
        }
        for r in content.districts[:8]
        if r.get("district_code")
    ]


COMPUTED_LABELS = {
    "local_share": "Local share",
    "weighted_local_share": "Local share, spend-weighted",
    "unweighted_local_share": "Local share, unweighted mean",
    "located_local_share": "Local share of located spend",
    "regional_share": "Regional share",
    "unknown_share": "Location unknown",
    "leakage": "Leakage",
    "type_shares": "Organisation types",
    "deprived_area_share": "Spend in deprived areas",
    "lm3": "LM3",
}


def computed(metrics: Mapping[str, Any]) -> list[dict[str, str]]:
    """How each figure in this report was computed, with its own numbers, as the metrics explain it."""
    given = metrics.get("definitions")
    if not isinstance(given, Mapping):
        return []
    return [
        {"term": COMPUTED_LABELS.get(str(k), str(k).replace("_", " ").capitalize()), "text": str(v)}
        for k, v in given.items()
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
    if lag:
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


def kind_label(kind: str) -> str:
    """An opportunity kind in plain words, as the dashboard names it."""
    from anchorspend.charts.collaboration import kind_label as dashboard_label

    return dashboard_label(kind)


def context(content: ReportContent, images: Mapping[str, Mapping[str, Markup | str]]) -> dict[str, Any]:
    """Everything report.html.j2 prints, as text."""
    m = content.metrics
    period = content.period
    missing: dict[str, list[dt.date]] = {}
    for row in content.months_missing:
        missing.setdefault(row["anchor"], []).append(dt.date.fromisoformat(str(row["month"])[:10]))
    anchors = [
        {
            **a,
            "kind_label": KIND_LABELS.get(a["kind"], a["kind"]),
            "latest": short_date(a["latest_paid_on"]) if a.get("latest_paid_on") else "no payments",
            "rows_loaded": f"{a['rows_loaded']:,}",
            "rows_rejected": f"{a['rows_rejected']:,}",
            "missing": months_text(missing.get(a["anchor"], [])),
        }
        for a in content.anchors
    ]
    unknown = pct(m.get("unknown_share"))
    previous = None
    if content.previous:
        p = content.previous
        previous = {
            "week": p["week"],
            "generated_on": long_date(p["generated_at"].date()),
            "period_label": f"{long_date(p['period_from'])} to {long_date(p['period_to'])}",
            "period_differs": p["period_from"] != period.date_from,
        }
    filters = content.filters
    scope_note = (
        "Influenceable spend only (payments to public bodies, HMRC, pensions, precepts and levies excluded)"
        if not filters.get("all_spend")
        else "All spend, including non-influenceable payments"
    )
    leakage_tier = filters.get("leakage_tier") or "regional"
    place_line = f"{content.place_name} · local: {tier_text(content.local_tier, short=True)}"
    rejected = sum(int(a["rows_rejected"]) for a in content.anchors)
    return {
        "title": f"Anchor Spend weekly report, {content.place_name}, week {period.week}",
        "place": {"name": content.place_name, "is_fictional": content.is_fictional},
        "period": period,
        "previous": previous,
        "running": {
            "place": place_line,
            "period": f"{period.label} · week {period.week}",
            "note": "Fictional demo data"
            if content.is_fictional
            else f"Generated {long_date(content.generated_at.date())}",
        },
        "tiers": {
            "local": tier_text(content.local_tier),
            "regional": tier_text(content.regional_tier),
            "local_short": tier_text(content.local_tier, short=True),
            "regional_short": tier_text(content.regional_tier, short=True),
        },
        "anchors": anchors,
        "scope_note": scope_note
        + (f"; anchors chosen: {', '.join(filters['anchors'])}" if filters.get("anchors") else ""),
        "generated_label": f"{long_date(content.generated_at.date())} at {content.generated_at:%H:%M}",
        "headlines": headline_rows(m, content.previous["figures"] if content.previous else None),
        "lm3": lm3_view(m, unknown),
        "unknown_share": unknown,
        "by_anchor": [
            {
                "anchor": a["anchor"],
                "total_spend": gbp(a.get("total_spend")),
                "local_share": pct(a.get("local_share")),
                "regional_share": pct(a.get("regional_share")),
            }
            for a in m.get("by_anchor") or []
        ],
        "charts": images,
        "trend_columns": [
            "Month",
            "Spend in scope",
            "Local",
            "Rest of region",
            "Outside region",
            "Unknown",
            "Local share",
        ]
        if content.trend
        else [],
        "trend_rows": [trend_row(r) for r in content.trend],
        "districts": district_rows(content),
        "leakage_tier_label": "the local tier" if leakage_tier == "local" else "the regional tier",
        "leakage_rows": [
            {
                "sector": str(r.get("label") or r["sector"]),
                "leakage": gbp(r.get("leakage")),
                "local_suppliers": f"{int(r.get('local_suppliers') or 0):,}",
                "addressable": gbp(r.get("addressable_leakage")),
            }
            for r in sorted(m.get("leakage_by_sector") or [], key=lambda r: -(r.get("leakage") or 0))[:TOP]
        ],
        "leakage_more": max(0, len(m.get("leakage_by_sector") or []) - TOP),
        "opportunities": [
            {
                "kind": kind_label(str(o.get("kind", ""))),
                "title": o.get("title", ""),
                "amount": gbp(o.get("amount")),
            }
            for o in sorted(m.get("opportunities") or [], key=lambda o: -(o.get("amount") or 0))[:TOP]
        ],
        "shared_suppliers": [
            {
                "supplier": s["supplier"],
                "anchors": ", ".join(s["anchors"])
                if isinstance(s.get("anchors"), list)
                else str(s.get("anchors")),
                "spend": gbp(s.get("spend")),
            }
            for s in sorted(m.get("shared_suppliers") or [], key=lambda s: -(s.get("spend") or 0))[
                :SHARED_TOP
            ]
        ],
        "files_loaded": files_loaded(content.files_loaded),
        "quality": {
            "rejected": f"{rejected:,}",
            "unknown": unknown,
            "unknown_individual": pct(m["unknown_individual_share"])
            if m.get("unknown_individual_share") is not None
            else "",
            "missing_note": missing_note(content, missing),
        },
        "computed": computed(m),
        "definitions": [{"term": t, "text": x} for t, x in content.definitions or method.definitions(m)],
        "assumptions": content.assumptions,
        "licences": method.LICENCES + method.LM3_SOURCES,
    }
