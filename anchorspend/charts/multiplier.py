"""LM3: the three rounds of spend, and the value of £1 spent locally and elsewhere."""

from __future__ import annotations

from collections.abc import Mapping

import plotly.graph_objects as go

from anchorspend.charts.base import GREY, PALETTE, base_layout, empty_figure, money_text, money_ticks, with_alt
from anchorspend.present.formats import gbp, number


def _with_payroll(lm3: Mapping[str, object]) -> bool:
    """Whether round 1 holds the anchors' payroll as well as their spend."""
    payroll = lm3.get("payroll")
    return isinstance(payroll, Mapping) and number(payroll.get("payroll") or 0) > 0


def lm3_rounds(lm3: Mapping[str, object]) -> go.Figure:
    """R1, R2, R3 as a waterfall adding up to R1 + R2 + R3, with LM3 in the title."""
    try:
        r1, r2, r3 = (number(lm3[k]) for k in ("r1", "r2", "r3"))
    except (KeyError, TypeError, ValueError):
        return empty_figure("LM3 is not available for this scope.")
    value = number(lm3.get("value") or ((r1 + r2 + r3) / r1 if r1 else 0))
    fig = go.Figure(
        go.Waterfall(
            x=[  # on short lines, never rotated: a rotated label takes half the chart's height
                "Round 1:<br>spend in scope" + ("<br>+ payroll" if _with_payroll(lm3) else ""),
                "Round 2:<br>spent with<br>local suppliers",
                "Round 3:<br>re-spent locally",
                "Total",
            ],
            y=[r1, r2, r3, 0],
            measure=["absolute", "relative", "relative", "total"],
            text=[gbp(r1), gbp(r2), gbp(r3), gbp(r1 + r2 + r3)],
            textposition="outside",
            increasing={"marker": {"color": PALETTE[0]}},
            totals={"marker": {"color": PALETTE[2]}},
            decreasing={"marker": {"color": PALETTE[1]}},
            connector={"line": {"color": GREY}},
            customdata=money_text([r1, r2, r3, r1 + r2 + r3]),
            hovertemplate="%{x}: %{customdata}<extra></extra>",
        )
    )
    fig.update_yaxes(**money_ticks([r1, r1 + r2, r1 + r2 + r3]))
    fig.update_xaxes(tickangle=0)
    title = f"Local multiplier (LM3) = (round 1 + round 2 + round 3) ÷ round 1 = {value:.2f}"
    alt = (
        f"Waterfall of the local multiplier: round 1 {gbp(r1)}, round 2 {gbp(r2)}, round 3 {gbp(r3)}; "
        f"total {gbp(r1 + r2 + r3)}, so LM3 = {value:.2f}."
    )
    return with_alt(base_layout(fig, title=title, height=400), alt)


def value_per_pound(local: float | None, non_local: float | None) -> go.Figure:
    """What £1 is worth to the local economy when paid to a local and to a non-local supplier."""
    if local is None or non_local is None:
        return empty_figure("Value per £1 needs re-spend rates.")
    labels = ["£1 to a local supplier", "£1 to a non-local supplier"]
    values = [float(local), float(non_local)]
    fig = go.Figure(
        go.Bar(
            x=values,
            y=labels,
            orientation="h",
            marker_color=[PALETTE[0], PALETTE[1]],
            text=[f"£{v:.2f}" for v in values],
            textposition="outside",
            hovertemplate="%{y}: %{text}<extra></extra>",
        )
    )
    top = max(values + [1.0]) * 1.25
    fig.update_xaxes(range=[0, top], **money_ticks([0, top * 0.99]))
    fig.update_yaxes(autorange="reversed")
    alt = (
        f"Each £1 paid to a local supplier is worth £{values[0]:.2f} to the local economy; "
        f"each £1 paid to a non-local supplier £{values[1]:.2f}."
    )
    return with_alt(base_layout(fig, height=220), alt)
