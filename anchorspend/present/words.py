"""Sentences around the headlines: their help text, and what a like-for-like change on the year compared."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from anchorspend.present.formats import figure
from anchorspend.present.headlines import Headline, value_at

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def month_span(months: list[str]) -> str:
    """'Apr 2025 to Mar 2026' for a run of ISO month starts, 'May 2025' for one, '' for none."""
    if not months:
        return ""
    days = sorted(dt.date.fromisoformat(m[:10]) for m in months)
    first, last = (f"{MONTHS[d.month - 1]} {d.year}" for d in (days[0], days[-1]))
    return first if first == last else f"{first} to {last}"


def like_for_like_note(m: Mapping[str, Any]) -> str:
    """One sentence on what the change on the year compares, or why there is none; '' when it is the whole scope."""
    baseline = m.get("baseline")
    if not isinstance(baseline, Mapping):
        return ""
    if baseline.get("comparable") is False:
        reasons = "; ".join(baseline.get("warnings") or []) or "the year earlier is not comparable"
        return f"No change on the year is shown: {reasons}."
    lfl = baseline.get("like_for_like")
    if not isinstance(lfl, Mapping) or lfl.get("whole", True):
        return ""
    kept = lfl.get("anchors") or []
    left = [f"{a['anchor']} (no data in one of the years for {month_span(a['months'])})" for a in lfl["left_out"]]
    months = month_span(lfl.get("months_left_out") or [])
    return (
        f"Changes on the year are like for like: {len(kept)} of {len(kept) + len(left)} anchors "
        f"({', '.join(kept)}), {lfl['date_from']} to {lfl['date_to']} against the same months a year earlier"
        + (f"; left out: {'; '.join(left)}" if left else "")
        + (f"; months not in both years: {months}" if months else "")
        + "."
    )


def headline_help(item: Headline, m: Mapping[str, Any]) -> str:
    """A headline's help text: definition, its arithmetic, and the year-earlier figure the change compares with."""
    parts = [item.definition]
    if arithmetic := item.arithmetic(m):
        parts.append(arithmetic)
    baseline = m.get("baseline")
    if isinstance(baseline, Mapping) and isinstance(baseline.get("scope"), Mapping):
        lfl = baseline.get("like_for_like") if isinstance(baseline.get("like_for_like"), Mapping) else None
        if baseline.get("comparable") is False or lfl is None:
            span = baseline["scope"]
            then = figure(item.value(baseline), item.kind, short=True, missing="–")
            parts.append(f"Baseline, {span.get('date_from')} to {span.get('date_to')}: {then}")
        else:
            then = figure(value_at(lfl.get("baseline"), item.key), item.kind, short=True, missing="–")
            parts.append(f"Baseline, {lfl['baseline_from']} to {lfl['baseline_to']}: {then}")
        if note := like_for_like_note(m):
            parts.append(note)
    return "\n\n".join(parts)
