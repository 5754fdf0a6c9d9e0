"""The headline panel: which figures the report prints, how it writes them, and their change."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class HeadlineSpec:
    """One headline: where its value is in the metrics object, its label and its kind of number."""

    key: str  # a key of metrics.compute's result; 'a.b' reaches into a nested object
    label: str
    kind: str  # 'gbp', 'share' or 'ratio'
    note: str = ""


HEADLINES = (
    HeadlineSpec("total_spend", "Spend in scope", "gbp"),
    HeadlineSpec("local_share", "Local share (spend-weighted)", "share", "the headline local share"),
    HeadlineSpec(
        "unweighted_local_share",
        "Local share, mean of anchors",
        "share",
        "unweighted: each anchor counts the same",
    ),
    HeadlineSpec("located_local_share", "Local share of located spend", "share"),
    HeadlineSpec("regional_share", "Regional share", "share"),
    HeadlineSpec("unknown_share", "Location unknown", "share", "never counted as non-local"),
    HeadlineSpec("leakage", "Leakage outside the region", "gbp"),
    HeadlineSpec("lm3.value", "Local multiplier (LM3)", "ratio", "a lower bound"),
    HeadlineSpec("sme_share", "SME share", "share"),
    HeadlineSpec("vcse_share", "VCSE share", "share"),
    HeadlineSpec(
        "deprived_area_share", "Spend in deprived areas", "share", "of local spend; IMD 2019 deciles 1-2"
    ),
)


# The unknown share printed beside a headline, as PRODUCT.md asks ("each with its unknown share").
UNKNOWN_BESIDE = {
    "sme_share": ("sme_unknown_share", "type unknown"),
    "vcse_share": ("vcse_unknown_share", "type unknown"),
    "deprived_area_share": ("deprived_area_unknown_share", "not located to a small area"),
    "unknown_share": ("unknown_individual_share", "of which redacted/individual"),
}


def note_for(spec: HeadlineSpec, metrics: dict[str, Any]) -> str:
    """The headline's note, with its own unknown share when metrics gives one."""
    key, words = UNKNOWN_BESIDE.get(spec.key, ("", ""))
    unknown = value_at(metrics, key) if key else None
    extra = f"{words}: {format_value(unknown, 'share')}" if unknown is not None else ""
    return "; ".join(part for part in (spec.note, extra) if part)


def value_at(figures: dict[str, Any] | None, key: str) -> float | None:
    """The number at a dotted key, or None when absent; 'leakage' sums the leakage by sector."""
    if figures is None:
        return None
    if key == "leakage" and "leakage" not in figures and "leakage_by_sector" in figures:
        return float(sum(row["leakage"] or 0 for row in figures["leakage_by_sector"]))
    value: Any = figures
    for part in key.split("."):
        if not isinstance(value, dict) or value.get(part) is None:
            return None
        value = value[part]
    return float(value) if isinstance(value, int | float) else None


def format_value(value: float | None, kind: str) -> str:
    """How the report prints a figure: £ to the pound, shares to 0.1%, LM3 to two decimals."""
    if value is None:
        return "n/a"
    if kind == "gbp":
        return f"-£{-value:,.0f}" if value < 0 else f"£{value:,.0f}"
    if kind == "share":
        return f"{value * 100:.1f}%"
    return f"{value:.2f}"


def format_change(now: float | None, then: float | None, kind: str) -> str:
    """A change in £, in percentage points or in LM3 units, signed; n/a when either side is missing."""
    if now is None or then is None:
        return "n/a"
    delta = now - then
    if kind == "gbp":
        rounded = round(delta)
        return "no change" if rounded == 0 else f"{'+' if rounded > 0 else '-'}£{abs(rounded):,.0f}"
    if kind == "share":
        points = round(delta * 100, 1)
        return "no change" if points == 0 else f"{points:+.1f} pts"
    step = round(delta, 2)
    return "no change" if step == 0 else f"{step:+.2f}"


def headline_rows(
    metrics: dict[str, Any], previous: dict[str, Any] | None
) -> list[dict[str, str | float | None]]:
    """One row per headline: printed value, change since the previous report, change since the baseline."""
    baseline = metrics.get("baseline")
    # A baseline with no spend at all is a year with no files loaded, not a year when nothing was spent.
    has_baseline = bool(value_at(baseline, "total_spend"))
    # months missing from the baseline, or a baseline overlapping the period: the year-earlier figures are printed
    # but no change is worked out from them (the headlines section says why)
    not_comparable = has_baseline and (baseline or {}).get("comparable") is False
    rows = []
    for spec in HEADLINES:
        now = value_at(metrics, spec.key)
        then = value_at(baseline, spec.key) if has_baseline else None
        before = value_at(previous, spec.key)
        rows.append(
            {
                "key": spec.key,
                "label": spec.label,
                "note": note_for(spec, metrics),
                "value": now,
                "printed": format_value(now, spec.kind),
                "since_previous": format_change(now, before, spec.kind)
                if previous is not None
                else "first report",
                "baseline_printed": format_value(then, spec.kind) if has_baseline else "no data",
                "since_baseline": "not like for like" if not_comparable else format_change(now, then, spec.kind),
            }
        )
    return rows


def printed_figures(rows: list[dict]) -> dict[str, float | None]:
    """What a report stores for the next one: each headline's value under its key (nested for dotted keys)."""
    figures: dict[str, Any] = {}
    for row in rows:
        head, _, tail = str(row["key"]).partition(".")
        if tail:
            figures.setdefault(head, {})[tail] = row["value"]
        else:
            figures[head] = row["value"]
    return figures
