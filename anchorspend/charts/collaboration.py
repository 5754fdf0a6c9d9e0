"""Where anchors could act together: opportunities, shared suppliers, contracts ending together."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import plotly.graph_objects as go
import polars as pl

from anchorspend.charts.base import PALETTE, SPEND_SCALE, base_layout, empty_figure, money, with_alt

KIND_LABELS = {
    "shared_supplier": "Shared supplier",
    "common_leaking_category": "Common leaking category",
    "local_supplier_intelligence": "Local supplier intelligence",
    "aligned_reprocurement": "Aligned re-procurement",
    "fragmentation": "Fragmentation",
}


def kind_label(kind: str) -> str:
    """Plain name of an opportunity kind."""
    return KIND_LABELS.get(kind, kind.replace("_", " ").capitalize())


def kind_colours(kinds: Sequence[str]) -> dict[str, str]:
    """One Okabe-Ito colour per opportunity kind, stable across charts."""
    known = list(KIND_LABELS)
    ordered = known + sorted(set(kinds) - set(known))
    return {k: PALETTE[i % len(PALETTE)] for i, k in enumerate(ordered)}


def opportunities_bar(opportunities: Sequence[Mapping[str, object]], top: int = 10) -> go.Figure:
    """The top opportunities by £ at stake, coloured by kind."""
    if not opportunities:
        return empty_figure("No collaboration opportunities found in this scope.")
    rows = sorted(opportunities, key=lambda o: float(o.get("amount") or 0), reverse=True)[:top]  # type: ignore[arg-type]
    colours = kind_colours([str(o["kind"]) for o in rows])
    fig = go.Figure()
    for kind in dict.fromkeys(str(o["kind"]) for o in rows):
        sub = [o for o in rows if o["kind"] == kind]
        fig.add_bar(
            y=[str(o["title"])[:60] for o in sub],
            x=[float(o["amount"]) for o in sub],  # type: ignore[arg-type]
            name=kind_label(kind),
            orientation="h",
            marker_color=colours[kind],
            hovertemplate="%{y}<br>£%{x:,.0f}<extra></extra>",
        )
    fig.update_yaxes(
        autorange="reversed", categoryorder="array", categoryarray=[str(o["title"])[:60] for o in rows]
    )
    fig.update_xaxes(tickprefix="£", exponentformat="B")
    alt = (
        "Top collaboration opportunities by £ at stake: "
        + "; ".join(f"{o['title']} ({kind_label(str(o['kind']))}, {money(float(o['amount']))})" for o in rows)
        + "."
    )  # type: ignore[arg-type]
    return with_alt(base_layout(fig, height=max(260, 34 * len(rows) + 100)), alt)


def shared_supplier_matrix(pairs: pl.DataFrame) -> go.Figure:
    """Anchor × anchor heatmap of suppliers both pay (cell text: count and £ with the shared suppliers)."""
    if pairs.is_empty():
        return empty_figure("No supplier is paid by two anchors in this scope.")
    anchors = sorted(set(pairs["anchor_a"]) | set(pairs["anchor_b"]))
    index = {a: i for i, a in enumerate(anchors)}
    counts = [[None] * len(anchors) for _ in anchors]
    text = [[""] * len(anchors) for _ in anchors]
    for row in pairs.iter_rows(named=True):
        i, j = index[row["anchor_a"]], index[row["anchor_b"]]
        for a, b in ((i, j), (j, i)):
            counts[a][b] = row["shared_suppliers"]
            text[a][b] = f"{row['shared_suppliers']}<br>{money(float(row['spend_gbp']))}"
    fig = go.Figure(
        go.Heatmap(
            z=counts,
            x=anchors,
            y=anchors,
            text=text,
            texttemplate="%{text}",
            colorscale=SPEND_SCALE,
            colorbar={"title": "Shared<br>suppliers"},
            hovertemplate="%{y} and %{x}: %{z} shared suppliers<extra></extra>",
            xgap=2,
            ygap=2,
        )
    )
    fig.update_yaxes(autorange="reversed")
    top = pairs.sort("spend_gbp", descending=True).head(5)
    alt = (
        "Matrix of suppliers shared between anchors. Largest pairs: "
        + "; ".join(
            f"{r['anchor_a']} and {r['anchor_b']} share {r['shared_suppliers']} suppliers "
            f"({money(float(r['spend_gbp']))})"
            for r in top.iter_rows(named=True)
        )
        + "."
    )
    return with_alt(base_layout(fig, height=max(320, 60 * len(anchors) + 120)), alt)


def reprocurement_timeline(contracts: pl.DataFrame) -> go.Figure:
    """Contracts ending in the window, one bar per contract from start to expiry, grouped by sector."""
    if contracts.is_empty():
        return empty_figure("No contracts register loaded, or no contracts ending in the next 24 months.")
    contracts = contracts.sort(["sector", "end_on"])
    anchors = sorted(set(contracts["anchor"].fill_null("unknown")))
    colours = {a: PALETTE[i % len(PALETTE)] for i, a in enumerate(anchors)}
    fig = go.Figure()
    for anchor in anchors:
        sub = contracts.filter(pl.col("anchor").fill_null("unknown") == anchor)
        starts = [s or e for s, e in zip(sub["start_on"], sub["end_on"], strict=True)]
        fig.add_bar(
            base=[s.isoformat() for s in starts],
            x=[(e - s).days * 86_400_000 for s, e in zip(starts, sub["end_on"], strict=True)],
            y=[f"{sec} · {t[:40]}" for sec, t in zip(sub["sector"], sub["title"].fill_null(""), strict=True)],
            orientation="h",
            name=anchor,
            marker_color=colours[anchor],
            hovertemplate="%{y}<br>ends %{customdata}<extra>" + anchor + "</extra>",
            customdata=[e.isoformat() for e in sub["end_on"]],
        )
    fig.update_xaxes(type="date")
    fig.update_yaxes(autorange="reversed")
    alt = (
        f"Timeline of {contracts.height} contracts ending within 24 months, by sector: "
        + "; ".join(
            f"{r['sector']}: {r['title']} ({r['anchor']}) ends {r['end_on']:%b %Y}"
            for r in contracts.head(12).iter_rows(named=True)
        )
        + "."
    )
    return with_alt(base_layout(fig, height=max(260, 28 * contracts.height + 100)), alt)
