"""Spend by supplier district, drawn as shapes on a plain canvas so that every district carries its name.

A MapLibre map (the other maps) cannot write text offline: its labels need glyphs fetched from the internet.
Shapes on Plotly's own SVG canvas render names and hover anywhere, in the browser and in the PDF's export.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import plotly.graph_objects as go
import polars as pl
from plotly.colors import sample_colorscale

from anchorspend.charts.base import GREY, SPEND_SCALE, base_layout, empty_figure, money_text, money_ticks, with_alt
from anchorspend.charts.maps import LICENCE, OUTLINE, REGION_LINE, GeoJSON, outline, with_licence
from anchorspend.present.formats import gbp

NO_SPEND = "#f7f7f7"  # a district no located supplier is in: paler than the lightest spend
LABELS_MAX = 30  # more names than this on one map overlap: then the local districts and the largest are named
LABELS_LARGEST = 12
DARK_FROM = 0.45  # share of the colour scale from which a fill is dark enough for white text
LABEL_SIZE = 13
MARGIN = 0.08  # of the region's extent, shown around it (neighbouring districts in view, for context)


def label_point(geometry: Mapping[str, Any]) -> tuple[float, float]:
    """(lon, lat) of a point inside a polygon, where its name is written (the PDF's map uses it too)."""
    import shapely.geometry  # shapely: only when a map is drawn

    point = shapely.geometry.shape(dict(geometry)).representative_point()
    return float(point.x), float(point.y)


def _extent(features: Sequence[GeoJSON]) -> tuple[float, float, float, float]:
    """(west, south, east, north) of the features."""
    lats, lons = outline(features)
    xs, ys = [v for v in lons if v is not None], [v for v in lats if v is not None]
    return min(xs), min(ys), max(xs), max(ys)


def _overlaps(feature: GeoJSON, box: tuple[float, float, float, float]) -> bool:
    west, south, east, north = _extent([feature])
    return west <= box[2] and east >= box[0] and south <= box[3] and north >= box[1]


def _named(codes: Sequence[str], spend: Mapping[str, float], local: Sequence[str]) -> set[str]:
    """Which districts get a written name: all when few enough to stay legible, else the local and largest."""
    if len(codes) <= LABELS_MAX:
        return set(codes)
    largest = sorted(codes, key=lambda c: -spend.get(c, 0.0))[:LABELS_LARGEST]
    return set(largest) | (set(local) & set(codes))


def _two_lines(name: str) -> str:
    """A long name broken at its middle space, so a label is no wider than its district."""
    if len(name) <= 14 or " " not in name:
        return name
    middle = min((i for i, c in enumerate(name) if c == " "), key=lambda i: abs(i - len(name) / 2))
    return f"{name[:middle]}<br>{name[middle + 1:]}"


def district_map(
    geojson: GeoJSON,
    spend: pl.DataFrame,
    local: Sequence[str],
    regional: Sequence[str],
    style: str | None = None,  # noqa: ARG001 - the other maps' base style: this one needs no base
    licence: str = LICENCE,
) -> go.Figure:
    """Spend by supplier district (district_code, name, spend_gbp) across the region: each district shaded,
    named where legible and named with its spend on hover; the region and the local boundary outlined."""
    features = [f for f in geojson.get("features") or [] if f.get("geometry")]
    if spend.is_empty() or not features:
        return empty_figure("No district boundaries or located spend to map (import a geography pack).")
    amounts = {
        str(r["district_code"]): float(r["spend_gbp"] or 0)
        for r in spend.select("district_code", "spend_gbp").iter_rows(named=True)
        if r["district_code"] is not None
    }
    regional_features = [f for f in features if f["id"] in set(regional)]
    focus = regional_features or [f for f in features if f["id"] in amounts] or features
    west, south, east, north = _extent(focus)
    pad = max(east - west, north - south) * MARGIN
    box = (west - pad, south - pad, east + pad, north + pad)
    drawn = [f for f in features if _overlaps(f, box)]
    top = max((amounts.get(f["id"], 0.0) for f in drawn), default=0.0) or 1.0
    names = {f["id"]: str((f.get("properties") or {}).get("name") or f["id"]) for f in drawn}

    fig = go.Figure()
    # the largest shapes first, so that a district inside another (an enclave) is drawn on top of it
    for feature in sorted(drawn, key=lambda f: -_area(f)):
        code = feature["id"]
        value = amounts.get(code, 0.0)
        lats, lons = outline([feature])
        money = gbp(value) if value else "no located spend"
        fig.add_scatter(
            x=lons,
            y=lats,
            mode="lines",
            fill="toself",
            fillcolor=sample_colorscale(SPEND_SCALE, [value / top])[0] if value > 0 else NO_SPEND,
            line={"color": GREY, "width": 0.6},
            hoveron="fills",
            name=f"{names[code]}: {money}",
            hoverlabel={"namelength": -1},
            showlegend=False,
        )
    fig.add_trace(_outline(regional_features, "Region", REGION_LINE, 2.5))
    fig.add_trace(_outline([f for f in drawn if f["id"] in set(local)], "Local boundary", OUTLINE, 3.5))
    focus_codes = [f["id"] for f in focus]
    labelled = [f for f in focus if f["id"] in _named(focus_codes, amounts, local)]
    points = [label_point(f["geometry"]) for f in labelled]
    values = [amounts.get(f["id"], 0.0) for f in labelled]
    fig.add_scatter(  # the names, and each district's name and spend on hover at its label
        x=[p[0] for p in points],
        y=[p[1] for p in points],
        mode="text",
        # name and spend both written: a picture (workshop mode, the PDF) has no hover to tell the spend
        text=[
            f"{_two_lines(names[f['id']])}<br>{gbp(v) if v else 'no spend'}"
            for f, v in zip(labelled, values, strict=True)
        ],
        textfont={"size": LABEL_SIZE, "color": ["#ffffff" if v / top >= DARK_FROM else "#000000" for v in values]},
        customdata=list(zip([names[f["id"]] for f in labelled], money_text(values), strict=True)),
        hovertemplate="%{customdata[0]}<br>%{customdata[1]}<extra></extra>",
        showlegend=False,
        name="District names",
    )
    fig.add_scatter(  # the colour scale's key: one invisible point per end of the scale
        x=[box[0], box[0]],
        y=[box[1], box[1]],
        mode="markers",
        marker={
            "color": [0.0, top],
            "colorscale": SPEND_SCALE,
            "showscale": True,
            "opacity": 0,
            "colorbar": {"title": {"text": "£ spend"}, **money_ticks([0.0, top])},
        },
        hoverinfo="skip",
        showlegend=False,
    )
    squash = math.cos(math.radians((box[1] + box[3]) / 2))  # a degree of longitude is shorter than one of latitude
    fig.update_xaxes(visible=False, range=[box[0], box[2]], constrain="domain")
    fig.update_yaxes(visible=False, range=[box[1], box[3]], scaleanchor="x", scaleratio=1 / squash)
    base_layout(fig, height=520)
    fig.update_layout(margin={"l": 0, "r": 0, "t": 30, "b": 40}, hovermode="closest", dragmode="pan")
    with_licence(fig, licence)
    ranked = sorted(focus, key=lambda f: -amounts.get(f["id"], 0.0))
    alt = (
        f"Map of spend by supplier district, {len(focus)} districts, each named; "
        + ("local boundary outlined in black" if local else "no place set, so no local boundary")
        + ". Largest: "
        + "; ".join(f"{names[f['id']]} {gbp(amounts.get(f['id'], 0.0))}" for f in ranked[:5])
        + "."
    )
    return with_alt(fig, alt)


def _area(feature: GeoJSON) -> float:
    west, south, east, north = _extent([feature])
    return (east - west) * (north - south)


def _outline(features: Sequence[GeoJSON], name: str, colour: str, width: float) -> go.Scatter:
    lats, lons = outline(features)
    return go.Scatter(x=lons, y=lats, mode="lines", line={"color": colour, "width": width}, name=name, hoverinfo="skip")
