"""The report's words and formatted numbers: ReportContent and chart images -> the template's context."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from markupsafe import Markup

from anchorspend.charts.maps import licence_for
from anchorspend.present.explain import definitions, lm3_arithmetic, lm3_caveat
from anchorspend.present.formats import figure
from anchorspend.present.words import like_for_like_note
from anchorspend.report import method
from anchorspend.report.content import ReportContent
from anchorspend.report.headlines import headline_rows
from anchorspend.report.period import long_date
from anchorspend.report.tables import (
    district_rows,
    files_loaded,
    missing_note,
    months_text,
    short_date,
    trend_row,
)

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
        "arithmetic": lm3_arithmetic(lm3)
        + (f"; sensitivity band {band} from the low and high re-spend rates. " if band else ". ")
        + lm3_caveat(metrics.get("unknown_share")),
        "per_pound": per_pound,
    }


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
    given = definitions(metrics) if metrics.get("total_spend") is not None else {}
    return [
        {"term": COMPUTED_LABELS.get(str(k), str(k).replace("_", " ").capitalize()), "text": str(v)}
        for k, v in given.items()
    ]


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
    unknown = figure(m.get("unknown_share"), "share")
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
        "baseline_note": like_for_like_note(m),
        "lm3": lm3_view(m, unknown),
        "unknown_share": unknown,
        "by_anchor": [
            {
                "anchor": a["anchor"],
                "total_spend": figure(a.get("total_spend"), "gbp"),
                "local_share": figure(a.get("local_share"), "share"),
                "regional_share": figure(a.get("regional_share"), "share"),
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
                "leakage": figure(r.get("leakage"), "gbp"),
                "local_suppliers": f"{int(r.get('local_suppliers') or 0):,}",
                "addressable": figure(r.get("addressable_leakage"), "gbp"),
            }
            for r in sorted(m.get("leakage_by_sector") or [], key=lambda r: -(r.get("leakage") or 0))[:TOP]
        ],
        "leakage_more": max(0, len(m.get("leakage_by_sector") or []) - TOP),
        "opportunities": [
            {
                "kind": kind_label(str(o.get("kind", ""))),
                "title": o.get("title", ""),
                "amount": figure(o.get("amount"), "gbp"),
            }
            for o in sorted(m.get("opportunities") or [], key=lambda o: -(o.get("amount") or 0))[:TOP]
        ],
        "shared_suppliers": [
            {
                "supplier": s["supplier"],
                "anchors": ", ".join(s["anchors"])
                if isinstance(s.get("anchors"), list)
                else str(s.get("anchors")),
                "spend": figure(s.get("spend"), "gbp"),
            }
            for s in sorted(m.get("shared_suppliers") or [], key=lambda s: -(s.get("spend") or 0))[
                :SHARED_TOP
            ]
        ],
        "files_loaded": files_loaded(content.files_loaded),
        "quality": {
            "rejected": f"{rejected:,}",
            "unknown": unknown,
            "unknown_individual": figure(m["unknown_individual_share"], "share")
            if m.get("unknown_individual_share") is not None
            else "",
            "missing_note": missing_note(content, missing),
        },
        "computed": computed(m),
        "definitions": [{"term": t, "text": x} for t, x in content.definitions or method.definitions(m)],
        "assumptions": content.assumptions,
        "licences": method.LICENCES + method.LM3_SOURCES,
        "map_licence": licence_for(content.is_fictional),
    }
