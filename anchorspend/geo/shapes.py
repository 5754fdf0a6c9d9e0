"""Boundaries for maps: districts, wards or small areas (with IMD decile) as a GeoDataFrame or GeoJSON."""

from __future__ import annotations

from collections.abc import Iterable

import duckdb
import geopandas as gpd
import shapely

from anchorspend import db

LEVELS = {
    "district": "geo_shapes_districts",
    "ward": "geo_shapes_wards",
    "small_area": "geo_shapes_small_areas",
}


def shapes(
    con: duckdb.DuckDBPyConnection,
    level: str,
    codes: Iterable[str] | None = None,
    within: Iterable[str] | None = None,
    *,
    clockwise: bool = False,
) -> gpd.GeoDataFrame:
    """Polygons of one level ('district', 'ward', 'small_area') in WGS84, one row per area, `code` first.

    codes picks areas by their own codes; within picks wards or small areas by district code. Small areas
    carry imd_rank and imd_decile. Exteriors are anticlockwise (GeoJSON); clockwise=True suits Plotly's
    geo subplots (go.Choropleth), which fill the world otherwise.
    """
    if level not in LEVELS:
        raise ValueError(f"level must be one of {', '.join(LEVELS)}, not {level!r}")
    rows = db.run_query(
        con,
        LEVELS[level],
        codes=None if codes is None else list(codes),
        within=None if within is None else list(within),
    )
    geometry = shapely.from_wkb(rows["geometry_wkb"].to_numpy())  # vectorised: one call for every shape
    if clockwise:
        geometry = shapely.orient_polygons(geometry, exterior_cw=True)
    frame = rows.drop("geometry_wkb").to_pandas()
    return gpd.GeoDataFrame(frame, geometry=geometry, crs="EPSG:4326")


def shapes_geojson(
    con: duckdb.DuckDBPyConnection,
    level: str,
    codes: Iterable[str] | None = None,
    within: Iterable[str] | None = None,
) -> dict:
    """The same areas as a GeoJSON FeatureCollection dict (feature id = code), for Plotly's geojson=."""
    frame = shapes(con, level, codes, within)
    return frame.set_index("code", drop=False).__geo_interface__
