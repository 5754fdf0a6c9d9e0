"""The headline numbers as people read them: label, plain words, definition, arithmetic."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from anchorspend.view import gbp, pct

Metrics = Mapping[str, object]


def _num(m: Metrics, key: str) -> float | None:
    value = m.get(key)
    return None if value is None else float(value)  # type: ignore[arg-type]  # metrics JSON: a number here


def _lm3(m: Metrics) -> float | None:
    lm3 = m.get("lm3")
    return float(lm3["value"]) if isinstance(lm3, Mapping) and lm3.get("value") is not None else None


@dataclass(frozen=True)
class Headline:
    """One headline: how to read it from the metrics object and how to explain it."""

    key: str
    label: str
    plain_label: str  # workshop wording
    meaning: str  # one sentence of what it means, for a councillor
    definition: str
    value: Callable[[Metrics], float | None]
    kind: str = "share"  # share | gbp | ratio
    arithmetic: Callable[[Metrics], str] | None = None
    lower_is_better: bool = False

    def formatted(self, m: Metrics) -> str:
        """The value as shown."""
        value = self.value(m)
        if self.kind == "gbp":
            return gbp(value)
        if self.kind == "ratio":
            return "–" if value is None else f"{value:.2f}"
        return pct(value)

    def change(self, m: Metrics) -> str | None:
        """Change against the baseline as metrics reports it (points, £ or LM3 units); None without one, or when
        the baseline is not like for like (months missing, or overlapping the period): the page says why."""
        change = m.get("change")
        baseline = m.get("baseline")
        if not isinstance(change, Mapping) or (isinstance(baseline, Mapping) and baseline.get("comparable") is False):
            return None
        if self.kind == "ratio":
            value = change.get(self.key)
            return None if value is None else f"{float(value):+.2f} vs baseline"
        if self.kind == "gbp":
            value = change.get(f"{self.key}_gbp")
            return (
                None if value is None else f"{'+' if value >= 0 else '-'}{gbp(abs(float(value)))} vs baseline"
            )
        value = change.get(f"{self.key}_points")
        return None if value is None else f"{float(value):+.1f} pts vs baseline"


def _share_of_total(key: str, what: str) -> Callable[[Metrics], str]:
    def explain(m: Metrics) -> str:
        total, share = _num(m, "total_spend"), _num(m, key)
        if total is None or share is None:
            return ""
        return f"{gbp(share * total, short=False)} {what} ÷ {gbp(total, short=False)} in scope = {pct(share)}"

    return explain


def _lm3_arithmetic(m: Metrics) -> str:
    lm3 = m.get("lm3")
    if not isinstance(lm3, Mapping) or lm3.get("r1") in (None, 0):
        return ""
    r1, r2, r3 = (float(lm3[k]) for k in ("r1", "r2", "r3"))
    return (
        f"({gbp(r1)} + {gbp(r2)} + {gbp(r3)}) ÷ {gbp(r1)} = {(r1 + r2 + r3) / r1:.2f}; "
        f"band {float(lm3.get('low') or 0):.2f}–{float(lm3.get('high') or 0):.2f} ({lm3.get('basis', '')})"
    )


HEADLINES = (
    Headline(
        "total_spend",
        "Spend in scope",
        "Money spent",
        "All the money these organisations paid to suppliers in the period shown.",
        "Sum of net payments in the period by the chosen anchors (influenceable spend only unless "
        "switched off); "
        "credits reduce it.",
        lambda m: _num(m, "total_spend"),
        "gbp",
    ),
    Headline(
        "local_share",
        "Local share",
        "Stays local",
        "Out of every £1, this much went to firms and charities based in the local area.",
        "Spend with suppliers located in the local tier ÷ all spend in scope (spend-weighted across "
        "anchors). "
        "Unknown locations count in the total but not as local.",
        lambda m: _num(m, "local_share"),
        arithmetic=_share_of_total("local_share", "with local suppliers"),
    ),
    Headline(
        "regional_share",
        "Regional share",
        "Stays in the region",
        "Out of every £1, this much went to suppliers in the wider region (including the local area).",
        "Spend with suppliers located in the regional tier ÷ all spend in scope.",
        lambda m: _num(m, "regional_share"),
        arithmetic=_share_of_total("regional_share", "with regional suppliers"),
    ),
    Headline(
        "unknown_share",
        "Unknown location",
        "Where it went is unknown",
        "For this much of the money we cannot yet say where the supplier is, including payments to people.",
        "Spend with suppliers whose location is unknown (including redacted and individual payees) "
        "÷ all spend.",
        lambda m: _num(m, "unknown_share"),
        arithmetic=_share_of_total("unknown_share", "with unknown location"),
        lower_is_better=True,
    ),
    Headline(
        "lm3",
        "LM3 (local multiplier)",
        "Local multiplier",
        "Each £1 spent generates this much for the local economy as it is spent and re-spent "
        "(a lower bound).",
        "LM3 = (R1 + R2 + R3) ÷ R1 (NEF, The Money Trail): R1 spend in scope (+ payroll), R2 spent locally, "
        "R3 re-spent locally by local suppliers and staff. Unknown locations are not counted as local.",
        _lm3,
        "ratio",
        _lm3_arithmetic,
    ),
    Headline(
        "sme_share",
        "SME share",
        "Small firms",
        "Out of every £1, this much went to small and medium-sized businesses.",
        "Spend with suppliers typed SME ÷ all spend in scope.",
        lambda m: _num(m, "sme_share"),
        arithmetic=_share_of_total("sme_share", "with SMEs"),
    ),
    Headline(
        "vcse_share",
        "VCSE share",
        "Charities and social enterprises",
        "Out of every £1, this much went to charities, community and social enterprises.",
        "Spend with suppliers typed VCSE ÷ all spend in scope.",
        lambda m: _num(m, "vcse_share"),
        arithmetic=_share_of_total("vcse_share", "with VCSE organisations"),
    ),
    Headline(
        "deprived_area_share",
        "Spend in deprived areas",
        "Poorest neighbourhoods",
        "Of the money spent locally, this much went to suppliers in the most deprived fifth of "
        "areas nationally.",
        "Local spend with suppliers located by full postcode in LSOAs of IMD 2019 deciles 1-2 ÷ local spend; "
        "local suppliers not placed in a small area are its unknown share.",
        lambda m: _num(m, "deprived_area_share"),
    ),
)


def by_key(key: str) -> Headline:
    """The headline with this key."""
    return next(h for h in HEADLINES if h.key == key)
