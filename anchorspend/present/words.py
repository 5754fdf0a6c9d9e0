"""Sentences around the headlines: their help text, and what a like-for-like change on the year compared."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from anchorspend.present.formats import figure, gbp
from anchorspend.present.headlines import Headline, comparable, value_at
from anchorspend.present.place import NO_PLACE

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
    if item.unset(m):
        return f"{NO_PLACE}\n\n{item.definition}"
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


# ---------------------------------------------------------------- workshop mode: plain words for a room

# Written by other parts in their own terms (sector labels, opportunity titles): the room's words instead.
_CODE = re.compile(r"(?<![\w£$.,:/-])\d{2} · ")  # a SIC division's number before its name: '41 · Construction'
_PLAIN = (
    (re.compile(r"\bthe regional tier\b", re.IGNORECASE), "the region"),
    (re.compile(r"\bthe local tier\b", re.IGNORECASE), "the local area"),
    (re.compile(r"\bregional tier\b", re.IGNORECASE), "region"),
    (re.compile(r"\blocal tier\b", re.IGNORECASE), "local area"),
)


def plain_text(text: str) -> str:
    """Text for a room: classification codes dropped ('41 · Construction' -> 'Construction'), tiers as places."""
    text = _CODE.sub("", text)
    for pattern, words in _PLAIN:
        text = pattern.sub(words, text)
    return text


def _money(value: object) -> str:
    return gbp(None if value is None else float(str(value)))


def _sum_in_words(key: str, m: Mapping[str, Any]) -> str:
    """How a headline is worked out, in a sentence with its own numbers and no codes."""
    total = _money(m.get("total_spend"))
    outside = "the local area" if m.get("leakage_tier") == "local" else "the region"
    spend = m.get("type_spend") or {}
    lm3 = m.get("lm3") or {}
    pay = lm3.get("payroll") or {} if isinstance(lm3, Mapping) else {}
    staff = bool(pay.get("payroll"))
    sums = {
        "total_spend": f"{total} in {int(m.get('payment_count') or 0):,} payments to suppliers; money paid back "
        "to these organisations is taken off.",
        "local_share": f"{_money(m.get('local_spend'))} of the {total} went to suppliers based in the local area.",
        "regional_share": f"{_money(m.get('regional_spend'))} of the {total} went to suppliers based in the region, "
        "the local area included.",
        "unknown_share": f"For {_money(m.get('unknown_spend'))} of the {total} we cannot yet say where the supplier "
        "is; it counts in the total but never as local.",
        "lm3": f"Round one is the {_money(lm3.get('r1'))} spent"
        + (" and paid to staff" if staff else "")
        + f"; round two the {_money(lm3.get('r2'))} of it that went to local suppliers"
        + (" and staff living locally" if staff else "")
        + f"; round three the {_money(lm3.get('r3'))} they spent again locally. Adding the three rounds and "
        "dividing by round one gives the multiplier.",
        "leakage": f"The money paid to suppliers outside {outside}. Where we cannot say where a supplier is, its "
        "money is not counted here.",
        "addressable_leakage": "The part of the money leaving the area that is in kinds of work at least one local "
        "firm already does.",
        "sme_share": f"{_money(spend.get('sme'))} of the {total} went to small and medium-sized firms; for "
        f"{_money(spend.get('unknown'))} we do not yet know the kind of organisation.",
        "vcse_share": f"{_money(spend.get('vcse'))} of the {total} went to charities, community groups and social "
        f"enterprises; for {_money(spend.get('unknown'))} we do not yet know the kind of organisation.",
        "deprived_area_share": f"{_money(m.get('deprived_area_spend'))} of the "
        f"{_money(m.get('deprived_area_local_spend'))} spent locally went to suppliers in the fifth of "
        "neighbourhoods in England with the most deprivation; for "
        f"{_money(m.get('deprived_area_unlocated_spend'))} we do not know the neighbourhood.",
    }
    return sums.get(key, "") if m.get("total_spend") is not None else ""


def plain_help(item: Headline, m: Mapping[str, Any]) -> str:
    """A headline's help in workshop mode: what it is, how it is worked out, and the figure a year earlier."""
    if item.unset(m):
        return f"{NO_PLACE}\n\n{item.meaning}"
    parts = [item.meaning]
    if worked := _sum_in_words(item.key.split(".")[0], m):
        parts.append(worked)
    baseline = m.get("baseline")
    if isinstance(baseline, Mapping) and isinstance(baseline.get("scope"), Mapping) and comparable(m):
        lfl = baseline.get("like_for_like") if isinstance(baseline.get("like_for_like"), Mapping) else None
        then = value_at(lfl.get("baseline"), item.key) if lfl else item.value(baseline)
        parts.append(f"The same months a year earlier: {figure(then, item.kind, short=True, missing='–')}.")
    elif isinstance(baseline, Mapping):
        parts.append("There is no fair comparison with a year earlier: not every organisation has both years.")
    return "\n\n".join(parts)
