"""Where anchors could act together: opportunities, shared suppliers, contracts ending together."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import plotly.graph_objects as go
import polars as pl

from anchorspend.charts.base import (
    PALETTE,
    SPEND_SCALE,
    base_layout,
    empty_figure,
    money_text,
    money_ticks,
    with_alt,
    wrap_label,
)
from anchorspend.present.anchor_names import short_names
from anchorspend.present.formats import gbp, number
from anchorspend.present.labels import OPPORTUNITY_KINDS, kind_label


def kind_colours(kinds: Sequence[str]) -> dict[str, str]:
    """One Okabe-Ito colour per opportunity kind, stable across charts."""
    known = list(OPPORTUNITY_KINDS)
    ordered = known + sorted(set(kinds) - set(known))
    return {k: PALETTE[i % len(PALETTE)] for i, k in enumerate(ordered)}


def opportunities_bar(opportunities: Sequence[Mapping[str, object]], top: int = 10) -> go.Figure:
    """The top opportunities by £ at stake, coloured by kind."""
    if not opportunities:
        return empty_figure("No collaboration opportunities found in this scope.")
    rows = sorted(opportunities, key=lambda o: number(o.get("amount") or 0), reverse=True)[:top]
    colours = kind_colours([str(o["kind"]) for o in rows])
    # numbered as in the ranked table, which also keeps two similar titles apart on the axis
    labels = {id(o): wrap_label(f"{rank}. {o['title']}") for rank, o in enumerate(rows, start=1)}
    fig = go.Figure()
    for kind in dict.fromkeys(str(o["kind"]) for o in rows):
        sub = [o for o in rows if o["kind"] == kind]
        amounts = [number(o["amount"]) for o in sub]
        fig.add_bar(
            y=[labels[id(o)] for o in sub],
            x=amounts,
            customdata=[[str(o["title"]), m] for o, m in zip(sub, money_text(amounts), strict=True)],
            name=kind_label(kind),
            orientation="h",
            marker_color=colours[kind],
            hovertemplate="%{customdata[0]}<br>%{customdata[1]}<extra></extra>",
        )
    fig.update_yaxes(autorange="reversed", categoryorder="array", categoryarray=list(labels.values()))
    fig.update_xaxes(**money_ticks(number(o["amount"]) for o in rows))
    alt = (
        "Top collaboration opportunities by £ at stake: "
        + "; ".join(f"{o['title']} ({kind_label(str(o['kind']))}, {gbp(number(o['amount']))})" for o in rows)
        + "."
    )
    return with_alt(base_layout(fig, height=max(260, 52 * len(rows) + 100)), alt)


def shared_supplier_matrix(pairs: pl.DataFrame) -> go.Figure:
    """Anchor × anchor heatmap of suppliers both pay (cell text: count and £ with the shared suppliers)."""
    if pairs.is_empty():
        return empty_figure("No supplier is paid by two anchors in this scope.")
    anchors = sorted(set(pairs["anchor_a"]) | set(pairs["anchor_b"]))
    short = short_names(anchors)  # short on the axes, full in the hover and the alt text
    index = {a: i for i, a in enumerate(anchors)}
    counts = [[None] * len(anchors) for _ in anchors]
    text = [[""] * len(anchors) for _ in anchors]
    both = [[f"{a} and {b}" for b in anchors] for a in anchors]
    for row in pairs.iter_rows(named=True):
        i, j = index[row["anchor_a"]], index[row["anchor_b"]]
        for a, b in ((i, j), (j, i)):
            counts[a][b] = row["shared_suppliers"]
            text[a][b] = f"{row['shared_suppliers']}<br>{gbp(float(row['spend_gbp']))}"
    fig = go.Figure(
        go.Heatmap(
            z=counts,
            x=[wrap_label(short[a], 10, 4) for a in anchors],  # a word a line (a column is narrow), never rotated
            y=[short[a] for a in anchors],
            text=text,
            texttemplate="%{text}",
            customdata=both,
            colorscale=SPEND_SCALE,
            colorbar={"title": "Shared<br>suppliers"},
            hovertemplate="%{customdata}: %{z} shared suppliers<extra></extra>",
            xgap=2,
            ygap=2,
        )
    )
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(tickangle=0, side="bottom")
    top = pairs.sort("spend_gbp", descending=True).head(5)
    alt = (
        "Matrix of suppliers shared between anchors. Largest pairs: "
        + "; ".join(
            f"{r['anchor_a']} and {r['anchor_b']} share {r['shared_suppliers']} suppliers "
            f"({gbp(float(r['spend_gbp']))})"
            for r in top.iter_rows(named=True)
        )
        + "."
    )
    return with_alt(base_layout(fig, height=max(320, 60 * len(anchors) + 120)), alt)


def reprocurement_timeline(contracts: pl.DataFrame) -> go.Figure:
    """When contracts end, one row per sector, a dot per contract (colour: anchor, size: value).

    Sectors where two or more anchors have contracts ending come first: those are the aligned re-procurements.
    """
    if contracts.is_empty():
        return empty_figure("No contracts register loaded, or no contracts ending in the next 24 months.")
    contracts = contracts.with_columns(
        pl.col("anchor").fill_null("unknown"),
        pl.col("sector").fill_null("no sector"),
        pl.col("value_gbp").cast(pl.Float64).fill_null(0.0),
    )
    by_sector = (
        contracts.group_by("sector")
        .agg(pl.col("anchor").n_unique().alias("anchors"), pl.col("value_gbp").sum())
        .sort(["anchors", "value_gbp"], descending=True)
    )
    order = by_sector["sector"].to_list()
    anchors = sorted(set(contracts["anchor"]))
    short = short_names(anchors)  # the legend's names; the full name is in the hover
    colours = {a: PALETTE[i % len(PALETTE)] for i, a in enumerate(anchors)}
    biggest = max(number(contracts["value_gbp"].max() or 0), 1.0)
    fig = go.Figure()
    for anchor in anchors:
        sub = contracts.filter(pl.col("anchor") == anchor)
        fig.add_scatter(
            x=[e.isoformat() for e in sub["end_on"]],
            y=sub["sector"].to_list(),
            mode="markers",
            name=short[anchor],
            marker={
                "color": colours[anchor],
                "size": [8 + 22 * (v / biggest) ** 0.5 for v in sub["value_gbp"]],
                "line": {"color": "white", "width": 1},
                "opacity": 0.85,
            },
            customdata=[
                [t or "", s or "", gbp(v)]
                for t, s, v in zip(sub["title"], sub["supplier"], sub["value_gbp"], strict=True)
            ],
            hovertemplate="%{y}<br>%{customdata[0]} (%{customdata[1]})<br>ends %{x|%d %b %Y}, "
            "%{customdata[2]}<extra>" + anchor + "</extra>",
        )
    fig.update_xaxes(type="date", title="Contract ends")
    fig.update_yaxes(categoryorder="array", categoryarray=order, autorange="reversed")
    alt = (
        f"{contracts.height} contracts ending within 24 months, by sector, "
        "sectors where most anchors have contracts ending first: "
        + "; ".join(
            f"{r['sector']}: {r['anchors']} anchor(s), {gbp(r['value_gbp'])}"
            for r in by_sector.head(12).iter_rows(named=True)
        )
        + "."
    )
    return with_alt(base_layout(fig, height=max(260, 34 * len(order) + 140)), alt)
