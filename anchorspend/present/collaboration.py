"""Collaboration as a decision list: the top sectors as sentences a councillor can act on, the ranking rule in
words, and the full ranked table for officers (the app's Collaboration page and the PDF's first page)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from anchorspend.present.anchor_names import short_name, short_names
from anchorspend.present.formats import gbp_about, month, pct, span
from anchorspend.present.place import LEAVING_NOT_SET, RANKED_NOT_SET, place_set

TOP = 5
# What the ranking does, in words; tests/test_collaboration_decisions.py checks the order against it.
RANKING_RULE = (
    "One entry per sector, where two or more of the anchors buy and at least one way of acting together was found "
    "(a supplier they share, money leaving from two or more of them, a local supplier one of them already uses, "
    "contracts ending at about the same time, or many small suppliers). A sector ranks higher the more money a "
    "year its anchors pay to {measure}. Sectors with equal amounts rank by the anchors' total spend in them."
)
LEAVING = "suppliers outside {outside}: the money that buying together could bring back"
WAYS = {
    "shared_supplier": "a supplier they share",
    "common_leaking_category": "money leaving from two or more anchors",
    "local_supplier_intelligence": "a local supplier one of them already uses",
    "aligned_reprocurement": "contracts ending together",
    "fragmentation": "many small suppliers",
}


def outside(m: Mapping[str, Any]) -> str:
    """Where leaked money goes, in words: 'the region' or 'the local area' (the leakage tier); 'the area' when no
    place is set (nothing can be said to leave it)."""
    if not place_set(m):
        return "the area"
    return "the local area" if m.get("leakage_tier") == "local" else "the region"


def _measure(m: Mapping[str, Any]) -> str:
    """What the list is ranked by: the money leaving the place, or with no place the money to located suppliers."""
    return LEAVING.format(outside=outside(m)) if place_set(m) else RANKED_NOT_SET


def ranking_rule(m: Mapping[str, Any]) -> str:
    """The ranking rule as the page and the PDF state it."""
    return RANKING_RULE.format(measure=_measure(m))


def ranking_short(m: Mapping[str, Any]) -> str:
    """The ranking rule in one line, above the list (the whole rule follows it)."""
    if not place_set(m):
        return f"Ranked by the money a year the anchors pay to {RANKED_NOT_SET}; one sector per entry."
    return f"Ranked by the money a year the anchors pay to suppliers outside {outside(m)}, one sector per entry."


def sectors(m: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The ranked sector entries of a `metrics --json` object (empty when it has none)."""
    block = m.get("collaboration")
    return list(block.get("sectors") or []) if isinstance(block, Mapping) else []


def anchor_name(name: str) -> str:
    """An anchor as a projected table names it: its short name (present.anchor_names)."""
    return short_name(name)


def listing(names: Sequence[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    names = list(names)
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def anchors_text(anchors: Sequence[str], in_scope: Sequence[str]) -> str:
    """Which anchors, by their short names (unique among the anchors in scope): 'all 6 anchors' when every anchor
    in scope is one of them, 'all anchors but X' rather than a list of four or more."""
    short = short_names([*in_scope, *anchors])
    others = [a for a in in_scope if a not in set(anchors)]
    if len(in_scope) >= 3 and not others:
        return f"all {len(anchors)} anchors"
    if len(anchors) >= 4 and len(others) == 1:
        return f"all anchors but {short[others[0]]}"
    return listing([short[a] for a in anchors])


def _contracts(entry: Mapping[str, Any], m: Mapping[str, Any]) -> str:
    """When the sector's contracts end, from the contracts registers loaded."""
    block = m.get("collaboration") or {}
    if not block.get("contracts_loaded"):
        return "No contract dates loaded."
    missing = [anchor_name(a) for a in entry.get("without_register") or []]
    note = f" (no register loaded for {listing(missing)})" if missing else ""
    held = entry.get("contracts") or []
    if not held:
        return f"None of their contracts in the registers loaded runs past the period{note}."
    if len(held) == 1:
        only = held[0]
        return f"Their one contract, at {anchor_name(only['anchor'])}, ends in {month(only['ends_on'])}{note}."
    first, last = entry["first_end"], entry["last_end"]
    when = f"in {month(first)}" if month(first) == month(last) else f"between {month(first)} and {month(last)}"
    aligned = entry.get("aligned_anchors") or []
    together = (
        f"; {len(aligned)} anchors have one ending 6 to 24 months after the period, in time to buy together"
        if "aligned_reprocurement" in (entry.get("kinds") or []) and len(aligned) >= 2
        else ""
    )
    return f"Their {len(held)} contracts end {when}{note}{together}."


def _action(entry: Mapping[str, Any], placed: bool = True) -> str:
    """What else the anchors could do, from the kinds of opportunity found in the sector (the strongest one); with
    no place set, nothing about local suppliers or money leaving (neither is known)."""
    kinds = set(entry.get("kinds") or [])
    local = int(entry.get("local_suppliers") or 0)
    users = entry.get("local_users") or []
    if placed and "local_supplier_intelligence" in kinds and users:
        text = (
            f"{listing([anchor_name(u) for u in users])} already {'buys' if len(users) == 1 else 'buy'} it mostly "
            "from local suppliers the others could use"
        )
    elif placed and local and entry.get("leakage"):
        text = f"{local} known local supplier{'s' if local != 1 else ''} could bid"
    elif placed and entry.get("leakage"):
        text = "no local supplier is known yet: a local market the anchors could grow together"
    elif entry.get("shared_suppliers"):
        n = int(entry["shared_suppliers"])
        text = f"they share {n} supplier{'s' if n != 1 else ''} and could negotiate as one buyer"
    elif "fragmentation" in kinds and entry.get("small_suppliers"):
        text = f"{entry['small_suppliers']} small suppliers share it: one joint framework could replace many"
    else:
        return ""
    return text[:1].upper() + text[1:] + "."


def share_words(share: float | None) -> str:
    """'85% of it', 'all of it' when it rounds to 100%, 'some of it' when there is no share (net spend of 0)."""
    if share is None:
        return "some of it"
    return "all of it" if round(share * 100) >= 100 else f"{pct(share, 0)} of it"


def sentence(entry: Mapping[str, Any], m: Mapping[str, Any]) -> dict[str, str]:
    """One sector as a decision: what, which anchors, how much a year (and in the period), how much of it leaves,
    when the contracts end, and what the anchors could do. {'what': ..., 'text': ...}; 'what' leads the sentence."""
    scope = m.get("scope") or {}
    in_scope = [str(a.get("anchor")) for a in m.get("by_anchor") or []]
    period = span(scope["date_from"], scope["date_to"]) if scope.get("date_from") and scope.get("date_to") else ""
    anchors = anchors_text(entry["anchors"], in_scope)
    spend = f"{anchors[:1].upper() + anchors[1:]} spend about {gbp_about(entry['spend_per_year'])} a year on it" + (
        f" ({gbp_about(entry['spend'])} from {period})" if period else ""
    )
    leak = float(entry.get("leakage") or 0)
    placed = place_set(m)
    if leak > 0:
        leaves = (
            f"{share_words(entry.get('leakage_share'))} (about {gbp_about(entry['leakage_per_year'])} a year) with "
            f"suppliers outside {outside(m)}"
        )
    else:
        leaves = f"none of it with suppliers outside {outside(m)}"
    unknown = entry.get("unknown_share")
    if placed and unknown is not None and unknown >= 0.05:
        leaves += f" ({pct(unknown, 0)} with suppliers whose location is unknown)"
    first = f"{spend}, {leaves}." if placed else f"{spend}. {LEAVING_NOT_SET}"
    parts = [first, _contracts(entry, m), _action(entry, placed)]
    return {"what": str(entry.get("title") or entry.get("label")), "text": " ".join(p for p in parts if p)}


def top(m: Mapping[str, Any], n: int = TOP) -> list[dict[str, Any]]:
    """The top n sectors, each with its sentence: {'entry': ..., 'what': ..., 'text': ...}."""
    return [{"entry": e, **sentence(e, m)} for e in sectors(m)[:n]]


def plain(item: Mapping[str, str]) -> str:
    """An entry's sentence as one line of text: 'What: text'."""
    return f"{item['what']}: {item['text']}"


def ways(entry: Mapping[str, Any]) -> str:
    """The kinds of opportunity found in a sector, in words."""
    return "; ".join(WAYS.get(k, k) for k in entry.get("kinds") or [])


def table_rows(m: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Every ranked sector as a row for officers, the figures first and the long lists last: headings from
    present.columns, money in £, shares as fractions, the first contract's end as a date; with no place set the
    figures that need one are empty."""
    placed = place_set(m)
    return [
        {
            "rank": e["rank"],
            "sector": e["label"],
            "leaking_a_year_gbp": e["leakage_per_year"] if placed else None,  # none with no place: not 0
            "leaking_share": e.get("leakage_share") if placed else None,
            "spend_a_year_gbp": e["spend_per_year"],
            "spend_in_period_gbp": e["spend"],
            "first_contract_ends": date.fromisoformat(str(e["first_end"])[:10]) if e.get("first_end") else None,
            "current_contracts": len(e.get("contracts") or []),
            "local_suppliers": e.get("local_suppliers", 0) if placed else None,
            "unknown_location_share": e.get("unknown_share"),
            "anchors": ", ".join(e["anchors"]),
            "ways_to_act_together": ways(e),
        }
        for e in sectors(m)
    ]
