"""Maps that render with no internet: MapLibre traces on a blank ("white-bg") base, with the data licences."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import plotly.graph_objects as go
import polars as pl

from anchorspend.charts.base import (
    DEPRIVATION_SCALE,
    GREY,
    PALETTE,
    SPEND_SCALE,
    base_layout,
    empty_figure,
    money_text,
    money_ticks,
    with_alt,
)
from anchorspend.present.formats import gbp, number

# A GeoJSON object or feature: nested JSON whose shape the geography loaders write and test, so values are Any.
GeoJSON = Mapping[str, Any]

LICENCE = "Contains OS data © Crown copyright and database right; Contains Royal Mail data; OGL v3.0"
FICTIONAL = "Boundaries and postcodes invented for the fictional demo region: no real geography or licensed data"


def licence_for(is_fictional: bool) -> str:
    """The attribution a map carries: the real boundary and postcode licences, or that the geography is made up."""
    return FICTIONAL if is_fictional else LICENCE
OUTLINE = "#000000"
REGION_LINE = "#4D4D4D"  # dark enough to pick the region out from the shaded districts around it
OTHER = "Other / unknown"
DEPRIVED = PALETTE[1]


def _rings(geometry: GeoJSON) -> Iterable[Sequence[Sequence[float]]]:
    """Outer and inner rings of a GeoJSON Polygon or MultiPolygon."""
    kind, coords = geometry.get("type"), geometry.get("coordinates") or []
    polygons = [coords] if kind == "Polygon" else coords if kind == "MultiPolygon" else []
    for polygon in polygons:
        yield from polygon


def outline(features: Sequence[GeoJSON]) -> tuple[list[float | None], list[float | None]]:
    """Latitudes and longitudes tracing the features' boundaries, rings separated by None."""
    lats: list[float | None] = []
    lons: list[float | None] = []
    for feature in features:
        for ring in _rings(feature["geometry"]):
            lons.extend(float(p[0]) for p in ring)
            lats.extend(float(p[1]) for p in ring)
            lons.append(None)
            lats.append(None)
    return lats, lons


def view_of(features: Sequence[GeoJSON]) -> dict[str, object]:
    """Centre and zoom that fit the features."""
    lats, lons = outline(features)
    ys = [v for v in lats if v is not None]
    xs = [v for v in lons if v is not None]
    if not xs:
        return {"center": {"lat": 54.0, "lon": -2.0}, "zoom": 5}
    span = max(max(xs) - min(xs), (max(ys) - min(ys)) * 1.6, 1e-3)
    # at zoom z the world is 512 x 2^z px wide: -0.3 makes the span about 415 px, most of a 520 px map
    zoom = max(1.0, min(14.0, math.log2(360 / span) - 0.3))
    return {"center": {"lat": (max(ys) + min(ys)) / 2, "lon": (max(xs) + min(xs)) / 2}, "zoom": zoom}


OFFLINE = "white-bg"  # a blank base: renders with no internet, in the browser and in static export
STREETS = "open-street-map"  # tiles fetched from the internet; optional


def _finish(
    fig: go.Figure, features: Sequence[GeoJSON], height: int, style: str, licence: str
) -> go.Figure:
    fig.update_layout(map={"style": style, **view_of(features)})
    base_layout(fig, height=height)
    fig.update_layout(margin={"l": 0, "r": 0, "t": 30, "b": 40})
    return with_licence(fig, licence)


def with_licence(fig: go.Figure, licence: str) -> go.Figure:
    """The map's licence (or the demo's 'invented' note) written under it, left-aligned."""
    fig.add_annotation(
        text=licence,
        showarrow=False,
        xref="paper",
        yref="paper",
        x=0,
        y=-0.02,
        xanchor="left",
        yanchor="top",
        font={"size": 11, "color": "#333333"},
    )
    return fig


def _subset(geojson: GeoJSON, codes: Iterable[str]) -> list[GeoJSON]:
    wanted = set(codes)
    return [f for f in geojson.get("features", []) if f.get("id") in wanted]


def _outline_trace(
    features: Sequence[GeoJSON], name: str, colour: str, width: float
) -> go.Scattermap:
    lats, lons = outline(features)
    return go.Scattermap(
        lat=lats, lon=lons, mode="lines", line={"color": colour, "width": width}, name=name, hoverinfo="skip"
    )


def area_map(
    geojson: GeoJSON,
    spend: pl.DataFrame,
    deprived_codes: Sequence[str],
    colour_by: str = "spend",
    level: str = "ward",
    style: str = OFFLINE,
    licence: str = LICENCE,
) -> go.Figure:
    """Spend by ward or LSOA (code, name, spend_gbp[, imd_decile]) with the most deprived areas outlined."""
    if not geojson.get("features"):
        return empty_figure(f"No {level} boundaries for the local area (import a geography pack).")
    by_imd = colour_by == "imd" and "imd_decile" in spend.columns
    column = "imd_decile" if by_imd else "spend_gbp"
    shown = spend.filter(pl.col(column).is_not_null())
    fig = go.Figure(
        go.Choroplethmap(
            geojson=geojson,
            locations=shown["code"].to_list(),
            z=shown[column].cast(pl.Float64).to_list(),
            customdata=list(
                zip(
                    shown["name"].to_list(),
                    shown[column].to_list() if by_imd else money_text(shown[column].to_list()),
                    strict=True,
                )
            ),
            colorscale=DEPRIVATION_SCALE if by_imd else SPEND_SCALE,
            reversescale=False,
            zmin=1 if by_imd else None,
            zmax=10 if by_imd else None,
            marker_opacity=0.8,
            marker_line_width=0.5,
            marker_line_color=GREY,
            colorbar={"title": "Deprivation,<br>tenths of England<br>(1 = most deprived)"}
            if by_imd
            else {"title": "£ spend", **money_ticks(shown[column].to_list())},
            hovertemplate="%{customdata[0]}<br>"
            + ("Index of Multiple Deprivation 2019: tenth %{customdata[1]} of 10" if by_imd else "%{customdata[1]}")
            + "<extra></extra>",
            name="Deprivation" if by_imd else f"Spend by {level}",
        )
    )
    features = geojson["features"]
    deprived = _subset(geojson, deprived_codes)
    if deprived:
        fig.add_trace(_outline_trace(deprived, "Most deprived fifth of areas in England", DEPRIVED, 2.5))
        fig.update_layout(showlegend=True)  # one line trace alone gets no legend: say what the outline is
    alt = (
        f"Map of {'deprivation' if by_imd else 'spend'} by {level} inside the local area, "
        f"{shown.height} areas; "
        f"{len(deprived)} areas in the most deprived 20% nationally are outlined."
    )
    if not by_imd and not shown.is_empty():
        top = shown.sort("spend_gbp", descending=True).head(3)
        alt += (
            " Most spend: "
            + "; ".join(f"{r['name']} {gbp(float(r['spend_gbp']))}" for r in top.iter_rows(named=True))
            + "."
        )
    return with_alt(_finish(fig, features, 520, style, licence), alt)


def supplier_points_map(
    points: pl.DataFrame,
    colour_by: str,
    boundary: GeoJSON,
    local: Sequence[str],
    colours: Mapping[str, str] | None = None,
    style: str = OFFLINE,
    licence: str = LICENCE,
) -> go.Figure:
    """Suppliers where they are (name, lat, lon, spend_gbp, <colour_by>), sized by spend."""
    points = points.filter(pl.col("lat").is_not_null() & pl.col("lon").is_not_null())
    if points.is_empty():
        return empty_figure("No located suppliers to map in this scope.")
    largest = number(points["spend_gbp"].cast(pl.Float64).max() or 1) or 1.0
    points = points.with_columns(pl.col(colour_by).fill_null("unknown").cast(pl.String))
    if colours is None:
        # Seven distinguishable colours: the largest seven groups by spend keep theirs, the rest are "Other".
        ranked = points.group_by(colour_by).agg(pl.col("spend_gbp").sum()).sort("spend_gbp", descending=True)
        keep = [g for g in ranked[colour_by] if g not in ("unknown", "Unknown")][: len(PALETTE) - 1]
        points = points.with_columns(
            pl.when(pl.col(colour_by).is_in(keep))
            .then(pl.col(colour_by))
            .otherwise(pl.lit("Other / unknown"))
        )
    groups = sorted(set(points[colour_by]))
    named = [g for g in groups if g != "Other / unknown"]
    palette = colours or {g: PALETTE[i % len(PALETTE)] for i, g in enumerate(named)} | {
        "Other / unknown": GREY
    }
    fig = go.Figure()
    local_features = _subset(boundary, local)
    if local_features:
        fig.add_trace(_outline_trace(local_features, "Local boundary", OUTLINE, 3))
    for group in groups:
        sub = points.filter(pl.col(colour_by) == group)
        spend = sub["spend_gbp"].cast(pl.Float64)
        fig.add_trace(
            go.Scattermap(
                lat=sub["lat"].to_list(),
                lon=sub["lon"].to_list(),
                mode="markers",
                name=str(group),
                marker={
                    "size": [max(6.0, 40 * math.sqrt(max(v, 0) / largest)) for v in spend.to_list()],
                    "color": palette.get(group, GREY),
                    "opacity": 0.75,
                },
                text=[f"{n}<br>{gbp(v)}" for n, v in zip(sub["name"], spend.to_list(), strict=True)],
                hovertemplate="%{text}<extra>" + str(group) + "</extra>",
            )
        )
    features = local_features or [
        {
            "geometry": {
                "type": "Polygon",
                "coordinates": [[[x, y] for x, y in zip(points["lon"], points["lat"], strict=True)]],
            }
        }
    ]
    top = points.sort("spend_gbp", descending=True).head(5)
    alt = (
        f"Map of {points.height} suppliers sized by spend and coloured by {colour_by.replace('_', ' ')}. "
        "Largest: "
        + "; ".join(
            f"{r['name']} ({r[colour_by]}) {gbp(float(r['spend_gbp']))}" for r in top.iter_rows(named=True)
        )
        + "."
    )
    fig = _finish(fig, features, 560, style, licence)
    fig.update_layout(legend={"itemsizing": "constant"})  # legend dots one size, not the first supplier's
    return with_alt(fig, alt)
