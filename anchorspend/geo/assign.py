"""Which imported district a point or an area lies in (point-in-polygon with an STRtree)."""

from __future__ import annotations

import duckdb
import numpy as np
import polars as pl
import shapely

from anchorspend import db

# A point outside every imported polygon stays unknown rather than going to the nearest district: with only
# some districts imported, or generalised coastlines, the nearest one is often wrong (Welsh border outcodes
# went to English districts when tried).


NAMED_LSOA_DISTRICTS = """
    update small_areas set district_code = d.district_code
    from (select lower(name) as key, min(district_code) as district_code
          from districts group by lower(name) having count(*) = 1) as d
    where small_areas.district_code is null
        and lower(regexp_replace(small_areas.name, ' [0-9]{3}[A-Z]$', '')) = d.key"""


class DistrictFinder:
    """The imported district polygons, indexed once for many look-ups."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        rows = db.run_query(con, "geo_district_polygons")
        self.codes = rows["district_code"].to_numpy()
        self.tree = shapely.STRtree(shapely.from_wkb(rows["geometry_wkb"].to_numpy()))

    def __bool__(self) -> bool:
        return len(self.codes) > 0

    def of_points(self, points: np.ndarray) -> list[str | None]:
        """The district containing each point (None when none does)."""
        found = np.full(len(points), None, dtype=object)
        if not self or len(points) == 0:
            return list(found)
        point_at, district_at = self.tree.query(points, predicate="within")
        found[point_at[::-1]] = self.codes[district_at[::-1]]  # on a shared border the first district wins
        return list(found)

    def of_areas(self, areas: np.ndarray) -> list[str | None]:
        """The district each area overlaps most (generalised boundaries make a point inside unreliable)."""
        found = np.full(len(areas), None, dtype=object)
        if not self or len(areas) == 0:
            return list(found)
        area_at, district_at = self.tree.query(areas, predicate="intersects")
        if len(area_at):
            overlap = shapely.area(shapely.intersection(areas[area_at], self.tree.geometries[district_at]))
            best: dict[int, tuple[int, float]] = {}
            for a, d, size in zip(area_at, district_at, overlap, strict=True):
                if size > best.get(a, (-1, 0.0))[1]:
                    best[a] = (d, size)
            for a, (d, _) in best.items():
                found[a] = self.codes[d]
        return list(found)

    def of_coordinates(self, lats: list[float | None], lons: list[float | None]) -> list[str | None]:
        """The district of each latitude/longitude pair."""
        lat = np.array([np.nan if v is None else v for v in lats], dtype=float)
        lon = np.array([np.nan if v is None else v for v in lons], dtype=float)
        points = np.asarray(shapely.points(lon, lat))
        points[np.isnan(lat) | np.isnan(lon)] = None
        return self.of_points(points)


def _update(con: duckdb.DuckDBPyConnection, table: str, key: str, codes: list[str], districts: list) -> int:
    """Set district_code for the given keys of a geography table; return how many were placed."""
    frame = pl.DataFrame(
        {"code": codes, "district_code": districts}, schema={"code": pl.String, "district_code": pl.String}
    )
    con.register("placed_rows", frame.filter(pl.col("district_code").is_not_null()))
    try:
        # table and key come from the fixed list in assign_districts, never from input
        con.execute(
            f"update {table} set district_code = p.district_code"
            f" from placed_rows p where {table}.{key} = p.code"
        )
    finally:
        con.unregister("placed_rows")
    return sum(d is not None for d in districts)


def assign_districts(con: duckdb.DuckDBPyConnection, *, recompute: bool = False) -> dict[str, int]:
    """Give wards, small areas and outcode centroids without a district the one they lie in.

    With recompute (after new district boundaries) every outcode centroid is placed again.
    """
    finder = DistrictFinder(con)
    if not finder:
        return {}
    placed: dict[str, int] = {}
    # An LSOA 2011 is named after its district ("Preston 013A"): more reliable than overlapping a generalised
    # district boundary, which can put a border LSOA in the neighbour.
    con.execute(NAMED_LSOA_DISTRICTS)
    areas = db.run_query(con, "geo_unplaced_areas")
    for (level,), rows in areas.group_by(["level"]):
        shapes = shapely.from_wkb(rows["geometry_wkb"].to_numpy())
        key = "ward_code" if level == "wards" else "lsoa_code"
        placed[str(level)] = _update(con, str(level), key, rows["code"].to_list(), finder.of_areas(shapes))
    if recompute:
        con.execute("update outcode_centroids set district_code = null")
    points = db.run_query(con, "geo_outcode_points", everything=recompute)
    if points.height:
        districts = finder.of_coordinates(points["lat"].to_list(), points["lon"].to_list())
        placed["outcode_centroids"] = _update(
            con, "outcode_centroids", "outcode", points["outcode"].to_list(), districts
        )
    return placed
