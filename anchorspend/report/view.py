"""The report's words and formatted numbers: ReportContent and chart images -> the template's context."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from markupsafe import Markup

from anchorspend.charts.maps import licence_for
from anchorspend.present import collaboration
from anchorspend.present.explain import definitions
from anchorspend.present.formats import day, figure, gbp_about, pct
from anchorspend.present.headlines import LABELS
from anchorspend.present.labels import ANCHOR_KINDS
from anchorspend.present.place import LEAKAGE_NOT_SET, NOT_SET, place_set
from anchorspend.present.summary import summary
from anchorspend.present.words import like_for_like_note
from anchorspend.report import method
from anchorspend.report.content import ReportContent
from anchorspend.report.headlines import headline_rows
from anchorspend.report.period import long_date
from anchorspend.report.tables import (
    TREND_COLUMNS,
    TREND_COLUMNS_NO_PLACE,
    district_rows,
    files_loaded,
    missing_note,
    months_text,
    short_date,
    trend_row,
)

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


def per_pound(metrics: Mapping[str, Any]) -> str:
    """What £1 is worth locally, paid to a local or a non-local supplier (printed under the LM3 definition)."""
    lm3 = metrics.get("lm3") or {}
    if lm3.get("value_per_pound_local") is None or lm3.get("value_per_pound_nonlocal") is None:
        return ""
    return (
        f"Value per £1: about £{lm3['value_per_pound_local']:.2f} to the local economy when paid to a "
        f"local supplier, £{lm3['value_per_pound_nonlocal']:.2f} when paid to a non-local one."
    )


def appendix(metrics: Mapping[str, Any], terms: list[tuple[str, str]]) -> list[dict[str, Any]]:
    """Each definition once, with this report's figures it defines and how they were computed (LM3's included)."""
    worked = definitions(metrics) if metrics.get("total_spend") is not None else {}
    return [
        {
            "term": term,
            "text": text,
            "computed": [
                # "Not set" alone: the first page says why and how, once (not once per figure)
                {"label": LABELS.get(key, key), "text": NOT_SET if worked[key].startswith(NOT_SET) else worked[key]}
                for key in method.COMPUTED_UNDER.get(term, ())
                if worked.get(key)
            ],
        }
        for term, text in terms
    ]


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
            "kind_label": ANCHOR_KINDS.get(a["kind"], a["kind"]),
            "latest": short_date(a["latest_paid_on"]) if a.get("latest_paid_on") else "no payments",
            "rows_loaded": f"{a['rows_loaded']:,}",
            "rows_rejected": f"{a['rows_rejected']:,}",
            "missing": months_text(missing.get(a["anchor"], [])),
        }
        for a in content.anchors
    ]
    unknown = figure(m.get("unknown_share"), "share")
    placed = place_set(m)
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
        "lm3": {"per_pound": per_pound(m)},
        "unknown_share": unknown,
        "by_anchor": [
            {
                "anchor": a["anchor"],
                "total_spend": figure(a.get("total_spend"), "gbp"),
                "local_share": figure(a.get("local_share"), "share") if placed else NOT_SET,
                "regional_share": figure(a.get("regional_share"), "share") if placed else NOT_SET,
            }
            for a in m.get("by_anchor") or []
        ],
        "charts": images,
        "trend_columns": (TREND_COLUMNS if placed else TREND_COLUMNS_NO_PLACE) if content.trend else [],
        "trend_rows": [trend_row(r, placed) for r in content.trend],
        "districts": district_rows(content),
        "placed": placed,
        "leakage_not_set": LEAKAGE_NOT_SET,
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
                "sector": e["label"],
                "anchors": ", ".join(collaboration.anchor_name(a) for a in e["anchors"]),
                "spend": gbp_about(e["spend_per_year"]),
                "leaving": f"{gbp_about(e['leakage_per_year'])} ({pct(e.get('leakage_share'), 0)})"
                if placed
                else NOT_SET,
                "ends": day(e["first_end"]) if e.get("first_end") else "–",
            }
            for e in collaboration.sectors(m)[:TOP]
        ],
        "opportunities_more": max(0, len(collaboration.sectors(m)) - TOP),
        "opportunities_rule": collaboration.ranking_rule(m),
        "opportunities_outside": collaboration.outside(m),
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
        "definitions": appendix(m, content.definitions or method.definitions(m)),
        "summary": summary(m, tier_text(content.local_tier, short=True)),
        "baseline_whole": ((m.get("baseline") or {}).get("like_for_like") or {}).get("whole", True),
        "assumptions": content.assumptions,
        "licences": method.LICENCES + method.LM3_SOURCES,
        "map_licence": licence_for(content.is_fictional),
    }
