"""Where spend leaks, by sector, and what a shift to local suppliers would change."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import plotly.graph_objects as go

from anchorspend.charts.base import (
    GREY,
    PALETTE,
    base_layout,
    empty_figure,
    money_text,
    money_ticks,
    with_alt,
    wrap_label,
)
from anchorspend.present.formats import gbp, number


def addressable_amount(row: Mapping[str, object]) -> float:
    """A sector's addressable leakage in £ (metrics gives £, or a flag meaning all of it)."""
    if row.get("addressable_leakage") is not None:
        return number(row["addressable_leakage"])
    value = row.get("addressable")
    if isinstance(value, bool):
        return number(row.get("leakage") or 0) if value else 0.0
    return number(value or 0)


def _capacity(row: Mapping[str, object]) -> str:
    """'12 local suppliers', '1 local supplier' or 'no local supplier'."""
    count = int(number(row.get("local_suppliers") or 0))
    return "no local supplier" if count == 0 else f"{count} local supplier{'s' if count > 1 else ''}"


def leakage_by_sector(rows: Sequence[Mapping[str, object]], top: int = 15, label_width: int = 32) -> go.Figure:
    """Leakage per sector, split into addressable (local capacity exists) and not; capacity in the labels, each
    sector's name wrapped at label_width characters (on a page's full width, a wider label saves a line)."""
    rows = [r for r in rows if number(r.get("leakage") or 0) > 0]
    if not rows:
        return empty_figure("No leakage in this scope.")
    rows = sorted(rows, key=lambda r: number(r["leakage"]), reverse=True)[:top]
    # the sector's whole name on up to two lines (cut at one, "Computer programming and…" read as a fault)
    names = [f"{wrap_label(str(r.get('label') or r['sector']), label_width, 2)}<br>{_capacity(r)}" for r in rows]
    addressable = [addressable_amount(r) for r in rows]
    other = [number(r["leakage"]) - a for r, a in zip(rows, addressable, strict=True)]
    fig = go.Figure()
    fig.add_bar(
        y=names,
        x=addressable,
        name="Addressable (local suppliers exist)",
        orientation="h",
        marker_color=PALETTE[1],
        customdata=money_text(addressable),
        hovertemplate="%{y}<br>Addressable: %{customdata}<extra></extra>",
    )
    fig.add_bar(
        y=names,
        x=other,
        name="No local capacity found",
        orientation="h",
        marker_color=GREY,
        customdata=money_text(other),
        hovertemplate="%{y}<br>Not addressable: %{customdata}<extra></extra>",
    )
    fig.update_layout(barmode="stack")
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(**money_ticks(number(r["leakage"]) for r in rows))
    alt = (
        "Leakage by sector, largest first: "
        + "; ".join(
            f"{r.get('label') or r['sector']} {gbp(number(r['leakage']))} ({gbp(a)} addressable, "
            f"{int(number(r.get('local_suppliers') or 0))} local suppliers)"
            for r, a in zip(rows, addressable, strict=True)
        )
        + "."
    )
    return with_alt(base_layout(fig, height=max(260, 58 * len(rows) + 100)), alt)


def whatif_bars(before: float, after: float, label: str = "Local share") -> go.Figure:
    """A share before and after the what-if shift."""
    fig = go.Figure(
        go.Bar(
            x=["Now", "After the shift"],
            y=[before, after],
            marker_color=[GREY, PALETTE[0]],
            text=[f"{before:.1%}", f"{after:.1%}"],
            textposition="outside",
            hovertemplate="%{x}: %{y:.1%}<extra></extra>",
        )
    )
    fig.update_yaxes(tickformat=".0%", range=[0, max(after, before, 0.1) * 1.2], title=label)
    alt = f"{label} now {before:.1%}; after the shift {after:.1%}."
    return with_alt(base_layout(fig, height=300), alt)
