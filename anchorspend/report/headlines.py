"""The report's headline rows: each registry headline printed with its change since the last report and the year."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from anchorspend.present.formats import change, figure, pct
from anchorspend.present.headlines import HEADLINES, Headline, value_at


def _note(item: Headline, metrics: Mapping[str, Any]) -> str:
    """What is printed under a headline's label: its unknown share, and beside the local share its other poolings."""
    if item.unset(metrics):
        return ""
    parts = [item.beside(metrics)]
    if item.key == "local_share":
        parts.append(
            f"spend-weighted; mean of anchors {pct(value_at(metrics, 'unweighted_local_share'), missing='n/a')}, "
            f"of located spend {pct(value_at(metrics, 'located_local_share'), missing='n/a')}"
        )
    if item.key == "leakage":
        parts.append(f"outside the {metrics.get('leakage_tier') or 'regional'} tier")
    return "; ".join(p for p in parts if p)


def year_earlier(metrics: Mapping[str, Any], item: Headline) -> tuple[float | None, float | None, bool]:
    """(the year-earlier figure, the change on the year, whether there is a baseline at all), like for like.

    Both come from the same anchors and months (metrics' like-for-like set); nothing when it is not comparable.
    """
    baseline = metrics.get("baseline")
    if item.unset(metrics):  # no place: no figure now, so none a year earlier either
        return None, None, isinstance(baseline, Mapping)
    # A baseline with no spend at all is a year with no files loaded, not a year when nothing was spent.
    if not isinstance(baseline, Mapping) or not value_at(baseline, "total_spend"):
        return None, None, False
    if baseline.get("comparable") is False:
        return None, None, True
    pair = baseline.get("like_for_like")
    now, then = (
        (value_at(pair.get("current"), item.key), value_at(pair.get("baseline"), item.key))
        if isinstance(pair, Mapping)
        else (item.value(metrics), item.value(baseline))
    )
    return then, None if now is None or then is None else now - then, True


def headline_rows(
    metrics: Mapping[str, Any], previous: Mapping[str, Any] | None
) -> list[dict[str, str | float | None]]:
    """One row per headline: printed value, change since the previous report, like-for-like change on the year."""
    rows = []
    for item in HEADLINES:
        now = item.value(metrics)
        before = value_at(previous, item.key)
        then, delta, has_baseline = year_earlier(metrics, item)
        rows.append(
            {
                "key": item.key,
                "label": item.label,
                "note": _note(item, metrics),
                "value": now,
                "printed": item.formatted(metrics, short=False, missing="n/a"),
                "since_previous": change(None if now is None or before is None else now - before, item.kind)
                if previous is not None
                else "first report",
                "baseline_printed": figure(then, item.kind) if has_baseline else "no data",
                "since_baseline": change(delta, item.kind),
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
