"""ONS boundary GeoJSON (LAD, ward, LSOA 2011) and LAD attribute tables, read into rows with WGS84 WKB."""

from __future__ import annotations

import re
from pathlib import Path

import geopandas as gpd
import numpy as np
import polars as pl
import pyogrio
import shapely

from anchorspend import validate
from anchorspend.geo.codes import DISTRICT_PREFIXES, LSOA_2011, NOT_DISTRICT, WARD_PREFIXES
from anchorspend.geo.csvfile import read_csv_text
from anchorspend.geo.report import GeoFileError, LoadReport

LAD_CODE = re.compile(r"^lad\d\dcd$", re.I)
LAD_NAME = re.compile(r"^lad\d\dnm$", re.I)
WARD_CODE = re.compile(r"^wd\d\dcd$", re.I)
WARD_NAME = re.compile(r"^wd\d\dnm$", re.I)
LSOA_CODE = re.compile(r"^lsoa11cd$", re.I)
LSOA_NAME = re.compile(r"^lsoa11nm$", re.I)
NAME_FIELDS = ("council_name", "name", "NAME")


def _field(fields: list[str], pattern: re.Pattern[str]) -> str | None:
    return next((f for f in fields if pattern.match(f)), None)


def boundary_fields(fields: list[str], codes: list[str]) -> tuple[str, str | None, str | None] | None:
    """(kind, code field, name field) of a boundary layer from its fields and a sample of code values."""
    if code := _field(fields, LSOA_CODE):
        return "small_areas", code, _field(fields, LSOA_NAME)
    if code := _field(fields, WARD_CODE):
        return "wards", code, _field(fields, WARD_NAME)
    if code := _field(fields, LAD_CODE):
        return "districts", code, _field(fields, LAD_NAME)
    name = next((f for f in NAME_FIELDS if f in fields), None)
    if "ons_code" in fields:  # files re-published with a generic code field: the codes say what they are
        wards = sum(c.startswith(WARD_PREFIXES) for c in codes)
        districts = sum(c.startswith(DISTRICT_PREFIXES) for c in codes)
        if wards or districts:
            return ("wards" if wards > districts else "districts"), "ons_code", name
    if lad_name := _field(fields, LAD_NAME):
        return "district_names", None, lad_name
    if name is not None and (fields == [name] or any(f.lower() == "kind" for f in fields)):
        return "district_names", None, name
    return None


def _wgs84(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The layer in WGS84 longitude/latitude (British National Grid files are reprojected)."""
    if frame.crs is None:
        minx, _, maxx, _ = frame.total_bounds
        frame = frame.set_crs(27700 if max(abs(minx), abs(maxx)) > 180 else 4326)
    return frame if frame.crs.is_geographic else frame.to_crs(4326)


def polygon_wkb(geometries: np.ndarray) -> np.ndarray:
    """Valid polygons as WKB, exteriors anticlockwise (RFC 7946); None where nothing polygonal remains."""
    geometries = np.where(shapely.is_valid(geometries), geometries, shapely.make_valid(geometries))
    polygonal = shapely.get_type_id(geometries)
    mixed = polygonal == 7  # make_valid can return a collection: keep its polygons only
    if mixed.any():
        geometries[mixed] = [
            shapely.union_all([g for g in shapely.get_parts(c) if g.geom_type.endswith("Polygon")])
            for c in geometries[mixed]
        ]
    ok = np.isin(shapely.get_type_id(geometries), (3, 6)) & ~shapely.is_empty(geometries)
    wkb = np.full(len(geometries), None, dtype=object)
    if ok.any():
        wkb[ok] = shapely.to_wkb(
            shapely.orient_polygons(geometries[ok], exterior_cw=False), output_dimension=2
        )
    return wkb


def read_layer(path: Path) -> gpd.GeoDataFrame:
    """A GeoJSON layer in WGS84 (extra top-level members such as `meta`, and old `crs` members, are fine)."""
    try:
        return _wgs84(pyogrio.read_dataframe(path))
    except pyogrio.errors.DataSourceError as exc:
        raise GeoFileError(f"{path.name}: not readable as GeoJSON ({str(exc).splitlines()[0]})") from exc


def read_boundaries(path: Path) -> tuple[str, pl.DataFrame, LoadReport]:
    """Read a LAD, ward or LSOA boundary file into rows: code, name, WKB geometry, centroid."""
    layer = read_layer(path)
    fields = [c for c in layer.columns if c != "geometry"]
    sample = [str(v) for v in layer["ons_code"].head(50)] if "ons_code" in layer else []
    detected = boundary_fields(fields, sample)
    if detected is None:
        raise GeoFileError(f"{path.name}: no LAD, ward or LSOA code field among {', '.join(fields)}")
    kind, code_field, name_field = detected
    report = LoadReport(path.name, kind, rows_read=len(layer))
    labels = [str(v) for v in layer[code_field or name_field]] if (code_field or name_field) else []
    shapes = layer.geometry.to_numpy()
    repaired = [label for label, ok in zip(labels, shapely.is_valid(shapes), strict=True) if not ok]
    if repaired:  # self-intersecting rings and the like: make_valid below mends them, and the report says so
        report.notes.append(f"{len(repaired)} invalid polygon(s) repaired ({named(repaired)})")
    wkb = polygon_wkb(shapes)
    outside = [not validate.bounds_in_uk(*box) for box in shapely.bounds(shapes)]
    if any(outside):  # latitude 1000, or a layer in another projection: never a UK area
        report.reject(f"outside the UK ({named([a for a, out in zip(labels, outside, strict=True) if out])})",
                      sum(outside))
        wkb[np.array(outside)] = None
    centroids = shapely.centroid(layer.geometry.to_numpy())
    frame = pl.DataFrame(
        {
            "code": [str(v).strip() if v is not None else "" for v in layer[code_field]]
            if code_field
            else None,
            "name": [str(v).strip() if v is not None else "" for v in layer[name_field]]
            if name_field
            else None,
            "geometry_wkb": pl.Series(list(wkb), dtype=pl.Binary),
            "centroid_lat": shapely.get_y(centroids),
            "centroid_lon": shapely.get_x(centroids),
        }
    )
    if {"LAT", "LONG"} <= set(fields):  # ONS LAD files carry their own label point: prefer it
        frame = frame.with_columns(
            centroid_lat=pl.Series(layer["LAT"].astype(float).to_numpy()),
            centroid_lon=pl.Series(layer["LONG"].astype(float).to_numpy()),
        )
    frame = frame.with_columns(pl.lit(path.name).alias("source"))
    unusable = frame.filter(pl.col("geometry_wkb").is_null()).height - sum(outside)
    if unusable:
        no_polygon = [a for a, w, out in zip(labels, wkb, outside, strict=True) if w is None and not out]
        report.reject(f"no polygon geometry ({named(no_polygon)})", unusable)
    frame = frame.filter(pl.col("geometry_wkb").is_not_null())
    frame = _keep_codes(kind, frame, report)
    report.rows_loaded = frame.height
    return kind, frame, report


def named(labels: list[str], shown: int = 3) -> str:
    """The first few features' codes for a report line, and how many more."""
    more = len(labels) - shown
    return ", ".join(labels[:shown]) + (f" and {more} more" if more > 0 else "")


def _keep_codes(kind: str, frame: pl.DataFrame, report: LoadReport) -> pl.DataFrame:
    """Drop rows whose code is not of the layer's kind (a county in a district file), and repeats."""
    if kind == "district_names":
        before = frame.height
        frame = frame.filter(pl.col("name") != "").unique("name", keep="first", maintain_order=True)
        report.reject("blank or repeated name", before - frame.height)
        return frame
    prefixes = DISTRICT_PREFIXES if kind == "districts" else WARD_PREFIXES
    singular = {"districts": "district", "wards": "ward", "small_areas": "LSOA 2011"}[kind]
    keep = []
    for code, name in frame.select("code", "name").iter_rows():
        ok = bool(LSOA_2011.match(code)) if kind == "small_areas" else code.startswith(prefixes)
        if not ok and kind == "districts" and code[:3] in NOT_DISTRICT:
            what = NOT_DISTRICT[code[:3]]
            report.reject(f"{what}, not a district")
            report.notes.append(f"{code} {name} is a {what}, not a district: skipped")
        elif not ok:
            report.reject(f"not a {singular} code")
        keep.append(ok)
    frame = frame.filter(pl.Series(keep, dtype=pl.Boolean))
    before = frame.height
    frame = frame.unique("code", keep="first", maintain_order=True)
    report.reject("code repeated in the file", before - frame.height)
    return frame


def read_district_attributes(path: Path) -> tuple[pl.DataFrame, LoadReport]:
    """Read an ONS LAD attribute table (LADxxCD, LADxxNM, LAT, LONG; no geometry) into district rows."""
    header, rows = read_csv_text(path)
    code_at = next((i for i, c in enumerate(header) if LAD_CODE.match(c)), None)
    name_at = next((i for i, c in enumerate(header) if LAD_NAME.match(c)), None)
    upper = [c.upper() for c in header]
    if code_at is None or name_at is None or "LAT" not in upper or "LONG" not in upper:
        raise GeoFileError(f"{path.name}: a LAD attribute table needs LADxxCD, LADxxNM, LAT and LONG")
    lat_at, lon_at = upper.index("LAT"), upper.index("LONG")
    report = LoadReport(path.name, "district_centroids", rows_read=len(rows))
    kept: dict[str, tuple[str, float | None, float | None]] = {}
    for row in rows:
        code = row[code_at].strip() if len(row) > code_at else ""
        if not code.startswith(DISTRICT_PREFIXES):
            report.reject("not a district code")
        elif code in kept:
            report.reject("code repeated in the file")
        else:
            lat: float | None
            lon: float | None
            try:
                lat, lon = float(row[lat_at]), float(row[lon_at])
            except (ValueError, IndexError):
                lat = lon = None
            if lat is not None and lon is not None and not validate.in_uk(lat, lon):
                report.reject("latitude/longitude outside the UK")
                continue
            kept[code] = (row[name_at].strip(), lat, lon)
    frame = pl.DataFrame(
        {
            "code": list(kept),
            "name": [v[0] for v in kept.values()],
            "centroid_lat": [v[1] for v in kept.values()],
            "centroid_lon": [v[2] for v in kept.values()],
        },
        schema={"code": pl.String, "name": pl.String, "centroid_lat": pl.Float64, "centroid_lon": pl.Float64},
    ).with_columns(pl.lit(path.name).alias("source"))
    report.rows_loaded = frame.height
    return frame, report
