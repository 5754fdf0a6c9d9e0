"""The demo's geography pack in the published formats: ONS boundary GeoJSON, an NSPL CSV, IMD 2019 File 1."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import shapely
from pyproj import Transformer
from shapely.geometry import mapping
from shapely.geometry.base import BaseGeometry

from anchorspend.demo.geography import Geography

NSPL_HEADER = [
    "pcd",
    "pcd2",
    "pcds",
    "dointr",
    "doterm",
    "usertype",
    "oseast1m",
    "osnrth1m",
    "osgrdind",
    "oa11",
    "cty",
    "ced",
    "laua",
    "ward",
    "hlthau",
    "nhser",
    "ctry",
    "rgn",
    "pcon",
    "eer",
    "teclec",
    "ttwa",
    "pct",
    "itl",
    "park",
    "lsoa11",
    "msoa11",
    "wz11",
    "ccg",
    "bua11",
    "buasd11",
    "ru11ind",
    "oac11",
    "lat",
    "long",
    "lep1",
    "lep2",
    "pfa",
    "imd",
    "calncv",
    "stp",
]
IMD_HEADER = [
    "LSOA code (2011)",
    "LSOA name (2011)",
    "Local Authority District code (2019)",
    "Local Authority District name (2019)",
    "Index of Multiple Deprivation (IMD) Rank",
    "Index of Multiple Deprivation (IMD) Decile",
]
NOTE = "Fictional demo region: generated, not a real place"


def _feature_collection(name: str, features: list[dict]) -> str:
    """GeoJSON as ONS hub downloads look: a name, a CRS84 member, one feature per line."""
    head = {
        "type": "FeatureCollection",
        "name": name,
        "description": NOTE,
        "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:OGC:1.3:CRS84"}},
    }
    body = ",\n".join(json.dumps(f, separators=(",", ":")) for f in features)
    return json.dumps(head)[:-1] + ',\n"features": [\n' + body + "\n]\n}\n"


def _geometry(polygon: BaseGeometry) -> dict:
    """A polygon rounded to 6 dp (about 10 cm), exterior anticlockwise as RFC 7946 asks."""
    rounded = shapely.set_precision(shapely.orient_polygons(polygon, exterior_cw=False), 1e-6)
    return mapping(rounded)


def _feature(properties: dict[str, object], polygon: BaseGeometry) -> dict:
    """One boundary feature: its ONS properties, flagged FICTIONAL for anyone who opens the file."""
    return {"type": "Feature", "properties": properties | {"FICTIONAL": True}, "geometry": _geometry(polygon)}


def write_boundaries(folder: Path, geo: Geography) -> list[Path]:
    """LAD, ward and LSOA 2011 boundary files with ONS property names."""
    centroids = {d.code: d.geometry.representative_point() for d in geo.districts}
    district_name = {d.code: d.name for d in geo.districts}
    lads = [
        _feature(
            {
                "LAD23CD": d.code,
                "LAD23NM": d.name,
                "LAD23NMW": " ",
                "LONG": round(centroids[d.code].x, 6),
                "LAT": round(centroids[d.code].y, 6),
            },
            d.geometry,
        )
        for d in geo.districts
    ]
    wards = [
        _feature(
            {
                "WD23CD": w.code,
                "WD23NM": w.name,
                "LAD23CD": w.district_code,
                "LAD23NM": district_name[w.district_code],
            },
            w.geometry,
        )
        for w in geo.wards
    ]
    lsoas = [_feature({"LSOA11CD": a.code, "LSOA11NM": a.name}, a.geometry) for a in geo.small_areas]
    paths = []
    for name, features in (
        ("LAD_DEC_2023_DOGGER_VALE_FICTIONAL", lads),
        ("WD_DEC_2023_DOGGER_VALE_FICTIONAL", wards),
        ("LSOA_2011_DOGGER_VALE_FICTIONAL", lsoas),
    ):
        path = folder / f"{name.lower()}.geojson"
        path.write_text(_feature_collection(name, features), encoding="utf-8")
        paths.append(path)
    return paths


def write_nspl(folder: Path, geo: Geography) -> Path:
    """An NSPL-style postcode directory: 41 columns, pseudo codes where a field does not apply."""
    to_bng = Transformer.from_crs(4326, 27700, always_xy=True)
    imd_rank = {a.code: a.imd_rank for a in geo.small_areas}
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_NONNUMERIC, lineterminator="\r\n")
    writer.writerow(NSPL_HEADER)
    for pc in sorted(geo.postcodes.values(), key=lambda p: p.postcode):
        outward, inward = pc.postcode.split(" ")
        east, north = to_bng.transform(pc.lon, pc.lat)
        oa = f"E00{999_000 + int(pc.lsoa_code[-3:])}" if pc.lsoa_code else "E99999999"
        row = {name: "" for name in NSPL_HEADER} | {
            "pcd": f"{outward:<4}{inward}",
            "pcd2": f"{outward:<4} {inward}",
            "pcds": pc.postcode,
            "dointr": "198001",
            "doterm": "202301" if pc.terminated else "",
            "usertype": "0",
            "oseast1m": f"{east:.0f}",
            "osnrth1m": f"{north:.0f}",
            "osgrdind": "1",
            "oa11": oa,
            "cty": "E99999999",
            "ced": "E99999999",
            "laua": pc.district_code,
            "ward": pc.ward_code,
            "ctry": "E92000001",
            "lsoa11": pc.lsoa_code,
            "imd": str(imd_rank.get(pc.lsoa_code, "")),
            "park": "E99999999",
            "ru11ind": "C1",
        }
        values: list[object] = [row[name] for name in NSPL_HEADER]
        values[NSPL_HEADER.index("lat")] = round(pc.lat, 6)
        values[NSPL_HEADER.index("long")] = round(pc.lon, 6)
        writer.writerow(values)
    path = folder / "NSPL_DEMO_FICTIONAL_ZX_ZY_postcodes.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def write_imd(folder: Path, geo: Geography) -> Path:
    """IMD 2019 File 1 as published: UTF-8 BOM, CRLF, ranks quoted with thousands separators."""
    names = {d.code: d.name for d in geo.districts}
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(IMD_HEADER)
    for area in geo.small_areas:
        writer.writerow(
            [
                area.code,
                area.name,
                area.district_code,
                names[area.district_code],
                f"{area.imd_rank:,}",
                area.imd_decile,
            ]
        )
    path = folder / "IMD2019_File_1_DEMO_FICTIONAL.csv"
    path.write_bytes(b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8"))
    return path


def write_geography(folder: Path, geo: Geography) -> list[Path]:
    """Every file of the geography pack, in the order an importer wants them."""
    folder.mkdir(parents=True, exist_ok=True)
    return [*write_boundaries(folder, geo), write_nspl(folder, geo), write_imd(folder, geo)]
