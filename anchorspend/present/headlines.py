"""The one list of headline figures: label, plain words, meaning, definition and format, for app, PDF and downloads."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from anchorspend.present import explain
from anchorspend.present.formats import change as format_change
from anchorspend.present.formats import figure
from anchorspend.present.place import NOT_SET, PLACE_FIGURES, place_set

Metrics = Mapping[str, Any]


def value_at(figures: Metrics | None, key: str) -> float | None:
    """The number at a dotted key ('lm3.value'), or None when absent."""
    if figures is None:
        return None
    if key == "leakage" and "leakage" not in figures and "leakage_by_sector" in figures:
        return float(sum(row["leakage"] or 0 for row in figures["leakage_by_sector"]))
    value: Any = figures
    for part in key.split("."):
        if not isinstance(value, Mapping) or value.get(part) is None:
            return None
        value = value[part]
    return float(value) if isinstance(value, int | float) else None


@dataclass(frozen=True)
class Headline:
    """One headline: where its value is in metrics.compute's result, and how it is named and written."""

    key: str  # a key of metrics.compute's result; 'a.b' reaches into a nested object
    label: str
    plain_label: str  # workshop wording
    meaning: str  # one sentence of what it means, for a councillor
    definition: str
    kind: str = "share"  # share | gbp | ratio
    lower_is_better: bool = False
    on_overview: bool = True  # a card on the Overview (the others have their own page)
    unknown: tuple[str, str] | None = None  # the unknown share printed beside it: (key, words)

    @property
    def change_key(self) -> str:
        """Its key in metrics' `change` block: points for shares, £ for amounts, units for LM3."""
        head = self.key.split(".")[0]
        return {"gbp": f"{head}_gbp", "share": f"{head}_points"}.get(self.kind, head)

    @property
    def needs_place(self) -> bool:
        """Whether it means anything without a place (place.PLACE_FIGURES)."""
        return self.key.split(".")[0] in PLACE_FIGURES

    def unset(self, m: Metrics | None) -> bool:
        """Whether this figure needs a place and none is set."""
        return self.needs_place and not place_set(m)

    def value(self, m: Metrics | None) -> float | None:
        """The number, or None (also when it needs a place and none is set)."""
        return None if self.unset(m) else value_at(m, self.key)

    def formatted(self, m: Metrics | None, short: bool = True, missing: str = "–") -> str:
        """The value as shown: short £ on screen, to the pound in print; NOT_SET when it needs a place."""
        if self.unset(m):
            return NOT_SET
        return figure(self.value(m), self.kind, short=short, missing=missing)

    def change(self, m: Metrics, plain: bool = False) -> str | None:
        """The like-for-like change on the year as the app shows it (in a room's words if plain); None when there
        is none to show."""
        delta = yearly_change(m, self)
        if delta is None:
            return None
        return f"{format_change(delta, self.kind, short=True)} {'on a year earlier' if plain else 'vs baseline'}"

    def arithmetic(self, m: Metrics) -> str:
        """How this figure was computed, with its numbers."""
        return explain.definitions(m).get(self.key.split(".")[0], "") if m.get("total_spend") is not None else ""

    def beside(self, m: Metrics) -> str:
        """The unknown share printed beside it ('type unknown: 4.0%'), or ''."""
        if self.unknown is None or self.unset(m):
            return ""
        key, words = self.unknown
        share = value_at(m, key)
        return "" if share is None else f"{words}: {figure(share, 'share')}"


def comparable(m: Metrics) -> bool:
    """Whether metrics found a like-for-like baseline: some anchors and months with data in both years."""
    baseline = m.get("baseline")
    return not (isinstance(baseline, Mapping) and baseline.get("comparable") is False)


def yearly_change(m: Metrics, item: Headline) -> float | None:
    """The change on the year as metrics worked it out (over the like-for-like anchors and months).

    A fraction for shares (metrics gives points), £ for amounts, units for LM3; None without a comparable baseline.
    """
    changes = m.get("change")
    if not comparable(m) or not isinstance(changes, Mapping):
        return None
    delta = None if item.unset(m) else changes.get(item.change_key)
    if delta is None:
        return None
    return float(delta) / 100 if item.kind == "share" else float(delta)


HEADLINES = (
    Headline(
        "total_spend",
        "Spend in scope",
        "Money spent",
        "All the money these organisations paid to suppliers in the period shown.",
        "Sum of net payments in the period by the chosen anchors (influenceable spend only unless switched "
        "off); credits reduce it.",
        "gbp",
    ),
    Headline(
        "local_share",
        "Local share",
        "Stays local",
        "Out of every £1, this much went to firms and charities based in the local area.",
        "Spend with suppliers located in the local tier ÷ all spend in scope (spend-weighted across anchors). "
        "Unknown locations count in the total but not as local.",
    ),
    Headline(
        "regional_share",
        "Regional share",
        "Stays in the region",
        "Out of every £1, this much went to suppliers in the wider region (including the local area).",
        "Spend with suppliers located in the regional tier ÷ all spend in scope.",
    ),
    Headline(
        "unknown_share",
        "Unknown location",
        "Where it went is unknown",
        "For this much of the money we cannot yet say where the supplier is, including payments to people.",
        "Spend with suppliers whose location is unknown (including redacted and individual payees) ÷ all spend. "
        "Never counted as non-local.",
        lower_is_better=True,
        unknown=("unknown_individual_share", "of which redacted/individual"),
    ),
    Headline(
        "lm3.value",
        "LM3 (local multiplier)",
        "Local multiplier",
        "Each £1 spent generates this much for the local economy as it is spent and re-spent (a lower bound).",
        "LM3 = (R1 + R2 + R3) ÷ R1 (NEF, The Money Trail): R1 spend in scope (+ payroll), R2 spent locally, "
        "R3 re-spent locally by local suppliers and staff. Unknown locations are not counted as local.",
        "ratio",
    ),
    Headline(
        "leakage",
        "Leakage",
        "Spent outside the area",
        "Money paid to suppliers outside the area.",
        "Spend in scope with suppliers located outside the regional tier (or the local tier, when chosen); "
        "unknown locations are not counted as leakage.",
        "gbp",
        lower_is_better=True,
        on_overview=False,
    ),
    Headline(
        "addressable_leakage",
        "Addressable leakage",
        "Could be bought locally",
        "Money leaving the area in sectors where local firms already do the same work.",
        "Leakage in sectors where at least one known supplier is located in the local tier in the same SIC "
        "division (local capacity exists).",
        "gbp",
        lower_is_better=True,
        on_overview=False,
    ),
    Headline(
        "sme_share",
        "SME share",
        "Small firms",
        "Out of every £1, this much went to small and medium-sized businesses.",
        "Spend with suppliers typed SME ÷ all spend in scope.",
        unknown=("sme_unknown_share", "type unknown"),
    ),
    Headline(
        "vcse_share",
        "VCSE share",
        "Charities and social enterprises",
        "Out of every £1, this much went to charities, community and social enterprises.",
        "Spend with suppliers typed VCSE ÷ all spend in scope.",
        unknown=("vcse_unknown_share", "type unknown"),
    ),
    Headline(
        "deprived_area_share",
        "Spend in deprived areas",
        "Poorest neighbourhoods",
        "Of the money spent locally, this much went to suppliers in the most deprived fifth of areas nationally.",
        "Local spend with suppliers located by full postcode in LSOAs of IMD 2019 deciles 1-2 ÷ local spend; "
        "local suppliers not placed in a small area are its unknown share.",
        unknown=("deprived_area_unknown_share", "not located to a small area"),
    ),
)

OVERVIEW = tuple(h for h in HEADLINES if h.on_overview)

# Other figures downloads and tables name; the headlines' labels are added below.
LABELS = {
    "weighted_local_share": "Local share, spend-weighted",
    "unweighted_local_share": "Local share, mean of anchors",
    "located_local_share": "Local share of located spend",
    "located_regional_share": "Regional share of located spend",
    "unknown_individual_share": "Of which redacted/individual",
    "local_spend": "Local spend",
    "regional_spend": "Regional spend",
    "unknown_spend": "Spend, location unknown",
    "type_shares": "Organisation types",
    "payment_count": "Payments",
}
LABELS.update({h.key.split(".")[0]: h.label for h in HEADLINES})


def by_key(key: str) -> Headline:
    """The headline with this key ('lm3' finds 'lm3.value')."""
    return next(h for h in HEADLINES if key in (h.key, h.key.split(".")[0]))
