"""Spend over time, anchors side by side, and shares by organisation type."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import plotly.graph_objects as go
import polars as pl

from anchorspend.charts.base import (
    GREY,
    PALETTE,
    TIER_COLOURS,
    base_layout,
    empty_figure,
    money_text,
    money_ticks,
    with_alt,
    wrap_label,
)
from anchorspend.present.anchor_names import short_names
from anchorspend.present.formats import gbp, number
from anchorspend.present.place import NOT_SET

# Columns of the monthly frame and the tier each stacks as.
TREND_TIERS = {
    "local_gbp": "Local",
    "rest_of_region_gbp": "Rest of region",
    "outside_gbp": "Outside region",
    "located_gbp": "Location known (no place set)",  # view.trend_frame with no place: not local, not outside
    "unknown_gbp": "Unknown location",
}


def monthly_trend(months: pl.DataFrame, place: str = "") -> go.Figure:
    """Stacked monthly spend by where the supplier is; one row per month with the TREND_TIERS columns."""
    if months.is_empty():
        return empty_figure("No payments in this period.")
    months = months.sort("month")
    labels = [m.strftime("%b %Y") for m in months["month"]]
    fig = go.Figure()
    columns = [c for c in TREND_TIERS if c in months.columns]
    for column in columns:
        tier = TREND_TIERS[column]
        amounts = months[column].cast(pl.Float64).to_list()
        fig.add_bar(
            x=labels,
            y=amounts,
            customdata=money_text(amounts),
            name=tier,
            marker_color=TIER_COLOURS[tier],
            hovertemplate="%{x}<br>" + tier + ": %{customdata}<extra></extra>",
        )
    fig.update_layout(barmode="relative", yaxis_title="£ spend", xaxis_title=None)
    # stacked: the axis runs from the largest month's refunds to its largest month's payments
    ups = months.select(sum(pl.col(c).cast(pl.Float64).clip(lower_bound=0).fill_null(0) for c in columns))
    downs = months.select(sum(pl.col(c).cast(pl.Float64).clip(upper_bound=0).fill_null(0) for c in columns))
    fig.update_yaxes(**money_ticks([*ups.to_series().to_list(), *downs.to_series().to_list()]))
    totals = months.select(sum(pl.col(c).cast(pl.Float64) for c in columns)).to_series()
    local = months["local_gbp"].cast(pl.Float64) if "local_gbp" in months.columns else totals * 0
    shares = [lo / t for lo, t in zip(local.to_list(), totals.to_list(), strict=True) if t]
    alt = (
        f"Stacked bar chart of monthly spend{' in ' + place if place else ''} by supplier location, "
        f"{labels[0]} to {labels[-1]} ({len(labels)} months). Total {gbp(number(totals.sum()))}; "
    )
    if shares and "local_gbp" in months.columns:
        alt += f"the local share ranged from {min(shares):.0%} to {max(shares):.0%} a month."
    return with_alt(base_layout(fig, height=360), alt)


def anchors_compare(by_anchor: Sequence[Mapping[str, object]], placed: bool = True) -> go.Figure:
    """Each anchor's local and regional share side by side, with its total spend; with no place set (no share can
    be worked out), each anchor's spend split by whether its suppliers' location is known instead."""
    if not by_anchor:
        return empty_figure("No anchors in scope.")
    rows = sorted(by_anchor, key=lambda r: number(r.get("total_spend") or 0))
    short = short_names(str(r["anchor"]) for r in rows)  # the full name is in the hover and the alt text
    names = [wrap_label(f"{short[str(r['anchor'])]} ({gbp(number(r.get('total_spend') or 0))})", 30) for r in rows]
    if not placed:
        return _anchors_located(rows, names)
    fig = go.Figure()
    for key, label, colour in (
        ("local_share", "Local share", PALETTE[0]),
        ("regional_share", "Regional share", PALETTE[5]),
    ):
        values = [number(r.get(key) or 0) for r in rows]
        fig.add_bar(
            y=names,
            x=values,
            name=label,
            orientation="h",
            marker_color=colour,
            text=[f"{v:.0%}" for v in values],
            textposition="outside",
            customdata=[str(r["anchor"]) for r in rows],
            hovertemplate="%{customdata}<br>" + label + ": %{x:.1%}<extra></extra>",
        )
    fig.update_layout(barmode="group")
    fig.update_xaxes(tickformat=".0%", range=[0, 1.1])
    alt = "Bar chart comparing anchors. " + "; ".join(
        f"{r['anchor']}: {number(r.get('local_share') or 0):.0%} local, "
        f"{number(r.get('regional_share') or 0):.0%} regional of {gbp(number(r.get('total_spend') or 0))}"
        for r in reversed(rows)
    )
    return with_alt(base_layout(fig, height=max(240, 70 * len(rows) + 80)), alt + ".")


def _anchors_located(rows: Sequence[Mapping[str, object]], names: list[str]) -> go.Figure:
    """Each anchor's spend stacked by whether its suppliers' location is known (the tiers of the monthly trend with
    no place), never a 0% local share that reads as a finding."""
    located = [number(r.get("total_spend") or 0) - number(r.get("unknown_spend") or 0) for r in rows]
    unknown = [number(r.get("unknown_spend") or 0) for r in rows]
    fig = go.Figure()
    for tier, values in (("Location known (no place set)", located), ("Unknown location", unknown)):
        fig.add_bar(
            y=names,
            x=values,
            name=tier,
            orientation="h",
            marker_color=TIER_COLOURS[tier],
            customdata=[[str(r["anchor"]), text] for r, text in zip(rows, money_text(values), strict=True)],
            hovertemplate="%{customdata[0]}<br>" + tier + ": %{customdata[1]}<extra></extra>",
        )
    fig.update_layout(barmode="relative")
    totals = [a + u for a, u in zip(located, unknown, strict=True)]
    fig.update_xaxes(title="£ spend", **money_ticks([*located, *unknown, *totals]))
    alt = (
        f"Bar chart of each anchor's spend by whether its suppliers' location is known; local and regional shares "
        f"{NOT_SET.lower()}, as no place is set. "
    ) + "; ".join(
        f"{r['anchor']}: {gbp(a)} with a known location, {gbp(u)} unknown, of {gbp(number(r.get('total_spend') or 0))}"
        for r, a, u in reversed(list(zip(rows, located, unknown, strict=True)))
    )
    return with_alt(base_layout(fig, height=max(240, 70 * len(rows) + 80)), alt + ".")


def type_shares(shares: Mapping[str, float]) -> go.Figure:
    """Share of spend by organisation type (the shares add up to 1, unknown included)."""
    if not shares:
        return empty_figure("No spend by type.")
    order = ["sme", "vcse", "large", "public", "individual", "unknown"]
    keys = sorted(shares, key=lambda k: order.index(k) if k in order else len(order))
    labels = {  # the acronyms spelled out: a councillor reads these on a projector
        "sme": "Small and medium firms (SME)",
        "vcse": "Charities and social enterprises (VCSE)",
        "large": "Large firms",
        "public": "Public bodies",
        "individual": "Individuals (not named)",
        "unknown": "Unknown",
    }
    colours = [GREY if k == "unknown" else PALETTE[i % len(PALETTE)] for i, k in enumerate(keys)]
    values = [float(shares[k] or 0) for k in keys]
    fig = go.Figure(
        go.Bar(
            x=values,
            y=[labels.get(k, k) for k in keys],
            orientation="h",
            marker_color=colours,
            text=[f"{v:.0%}" for v in values],
            textposition="outside",
            hovertemplate="%{y}: %{x:.1%}<extra></extra>",
        )
    )
    fig.update_xaxes(tickformat=".0%", range=[0, max(values + [0.1]) * 1.2])
    fig.update_yaxes(autorange="reversed")
    alt = (
        "Share of spend by organisation type: "
        + ", ".join(f"{labels.get(k, k)} {v:.0%}" for k, v in zip(keys, values, strict=True))
        + "."
    )
    return with_alt(base_layout(fig, height=260), alt)
