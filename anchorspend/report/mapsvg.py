"""The report's map as a vector image drawn from the boundaries: every district named, with its spend."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

from markupsafe import escape

from anchorspend.charts.districts import label_point
from anchorspend.present.formats import gbp
from anchorspend.report.svg import PRINT_MIN_PT, PRINT_TEXT_PT, print_px

SHADES = ("#deebf7", "#9ecae1", "#4292c6", "#2171b5", "#08306b")  # light to dark: more spend
NO_SPEND = "#ffffff"
WIDTH, HEIGHT, MARGIN, LEGEND = 900, 620, 20, 60
# drawn WIDTH px across the page: names at the body's 10 pt, the key at 9 pt (report.svg's print sizes)
LABEL_PX, KEY_PX = round(print_px(PRINT_TEXT_PT, WIDTH)), round(print_px(PRINT_MIN_PT, WIDTH))


def _rings(geometry: Mapping[str, Any]) -> list[list[tuple[float, float]]]:
    """Every exterior and hole of a Polygon or MultiPolygon, as (lon, lat) lists."""
    coords = geometry.get("coordinates") or []
    polygons = [coords] if geometry.get("type") == "Polygon" else coords
    return [[(float(x), float(y)) for x, y, *_ in ring] for polygon in polygons for ring in polygon]


def _shade(value: float, top: float) -> str:
    if value <= 0 or top <= 0:
        return NO_SPEND
    return SHADES[min(len(SHADES) - 1, int(len(SHADES) * value / top))]


def district_map(
    geojson: Mapping[str, Any],
    districts: Sequence[Mapping[str, Any]],
    local: Sequence[str],
    regional: Sequence[str],
) -> tuple[bytes, str]:
    """The region's districts shaded by spend with their suppliers, each labelled; the local tier outlined.

    districts: rows with district_code, name, spend_gbp. Returns the SVG and its text alternative (the page
    prints the map's licence under it).
    """
    spend = {str(r["district_code"]): float(r.get("spend_gbp") or 0) for r in districts if r.get("district_code")}
    wanted = set(regional) or set(spend)
    features = [f for f in geojson.get("features") or [] if f.get("id") in wanted and f.get("geometry")]
    if not features:
        return b"", "No district boundaries to map (import a geography pack)."
    points = [p for f in features for ring in _rings(f["geometry"]) for p in ring]
    west, east = min(p[0] for p in points), max(p[0] for p in points)
    south, north = min(p[1] for p in points), max(p[1] for p in points)
    squash = math.cos(math.radians((south + north) / 2))  # keeps shapes true at this latitude
    drawn_h = HEIGHT - 2 * MARGIN - LEGEND
    scale = min((WIDTH - 2 * MARGIN) / max((east - west) * squash, 1e-9), drawn_h / max(north - south, 1e-9))

    def xy(lon: float, lat: float) -> str:
        return f"{MARGIN + (lon - west) * squash * scale:.1f},{MARGIN + (north - lat) * scale:.1f}"

    top = max((spend.get(f["id"], 0.0) for f in features), default=0.0)
    shapes, outlines, labels = [], [], []
    for f in features:
        code = f["id"]
        path = " ".join("M" + " L".join(xy(*p) for p in ring) + " Z" for ring in _rings(f["geometry"]))
        name = str((f.get("properties") or {}).get("name") or code)
        value = spend.get(code, 0.0)
        shapes.append(f'<path d="{path}" fill="{_shade(value, top)}" stroke="#6e6e6e" stroke-width="0.8"/>')
        if code in local:
            outlines.append(f'<path d="{path}" fill="none" stroke="#000" stroke-width="3.5"/>')
        x, y = (float(v) for v in xy(*label_point(f["geometry"])).split(","))
        dark = _shade(value, top) in SHADES[2:]
        labels.append(
            f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="middle" font-size="{LABEL_PX}" font-weight="bold" '
            f'fill="{"#fff" if dark else "#000"}">{escape(name)}'
            f'<tspan x="{x:.1f}" dy="{LABEL_PX * 1.2:.0f}" font-weight="normal">{escape(gbp(value))}</tspan></text>'
        )
    legend_y = HEIGHT - LEGEND + 10
    keys = "".join(
        f'<rect x="{MARGIN + i * 70}" y="{legend_y}" width="70" height="14" fill="{c}" stroke="#6e6e6e"/>'
        for i, c in enumerate(SHADES)
    )
    legend = (
        f'{keys}<text x="{MARGIN}" y="{legend_y + 34}" font-size="{KEY_PX}">less spend</text>'
        f'<text x="{MARGIN + 350}" y="{legend_y + 34}" font-size="{KEY_PX}" text-anchor="end">more spend '
        f"(up to {escape(gbp(top))})</text>"
        f'<line x1="{MARGIN + 400}" y1="{legend_y + 7}" x2="{MARGIN + 440}" y2="{legend_y + 7}" stroke="#000" '
        f'stroke-width="3.5"/><text x="{MARGIN + 450}" y="{legend_y + 13}" font-size="{KEY_PX}">local area</text>'
    )
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" font-family="DejaVu Sans, Arial, sans-serif">'
        + "".join(shapes + outlines + labels)
        + legend
        + "</svg>"
    )
    ranked = sorted(features, key=lambda f: -spend.get(f["id"], 0.0))
    alt = (
        f"Map of the region's {len(features)} districts shaded by spend with suppliers located in each; the local "
        "area outlined in black. "
        + "; ".join(
            f"{(f.get('properties') or {}).get('name') or f['id']} {gbp(spend.get(f['id'], 0.0))}" for f in ranked
        )
        + "."
    )
    return svg.encode("utf-8"), alt
