"""`geo import`: detect each file's kind, read it, then write it in one transaction with its load report."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import duckdb
import polars as pl

from anchorspend import db
from anchorspend.geo.deprivation import read_deprivation
from anchorspend.geo.postcodes import read_nspl, read_outcode_centroids
from anchorspend.geo.report import GeoFileError, LoadReport

# Upserts by kind: re-importing a file replaces the rows with the same codes and leaves the others.
# A centroid table never wipes a boundary, and a boundary keeps a centroid it did not bring.
WRITES = {
    "districts": """
        insert into districts
            (district_code, name, geometry_wkb, centroid_lat, centroid_lon, is_fictional, source)
        select code, name, geometry_wkb, centroid_lat, centroid_lon, false, source from incoming
        on conflict (district_code) do update set name = excluded.name, geometry_wkb = excluded.geometry_wkb,
            centroid_lat = coalesce(excluded.centroid_lat, districts.centroid_lat),
            centroid_lon = coalesce(excluded.centroid_lon, districts.centroid_lon),
            is_fictional = false, source = excluded.source""",
    "district_centroids": """
        insert into districts (district_code, name, centroid_lat, centroid_lon, is_fictional, source)
        select code, name, centroid_lat, centroid_lon, false, source from incoming
        on conflict (district_code) do update set name = excluded.name,
            centroid_lat = excluded.centroid_lat, centroid_lon = excluded.centroid_lon""",
    "wards": """
        insert into wards (ward_code, name, district_code, geometry_wkb, source)
        select code, coalesce(name, code), null, geometry_wkb, source from incoming
        on conflict (ward_code) do update set name = excluded.name, district_code = null,
            geometry_wkb = excluded.geometry_wkb, source = excluded.source""",
    "small_areas": """
        insert into small_areas (lsoa_code, name, district_code, geometry_wkb, source)
        select code, name, null, geometry_wkb, source from incoming
        on conflict (lsoa_code) do update set name = excluded.name, district_code = null,
            geometry_wkb = excluded.geometry_wkb, source = excluded.source""",
    "outcode_centroids": """
        insert into outcode_centroids (outcode, lat, lon, district_code, source)
        select outcode, lat, lon, null, source from incoming
        on conflict (outcode) do update set lat = excluded.lat, lon = excluded.lon, district_code = null,
            source = excluded.source""",
    "deprivation": """
        insert into deprivation (lsoa_code, imd_rank, imd_decile, source)
        select lsoa_code, imd_rank, imd_decile, source from incoming
        on conflict (lsoa_code) do update set imd_rank = excluded.imd_rank, imd_decile = excluded.imd_decile,
            source = excluded.source""",
}
# Millions of NSPL rows: delete-then-insert is much quicker than an upsert row by row.
POSTCODE_WRITES = (
    "delete from postcodes where postcode in (select postcode from incoming)",
    """insert into postcodes (postcode, district_code, ward_code, lsoa_code, lat, lon, terminated_on, source)
       select postcode, district_code, ward_code, lsoa_code, lat, lon, terminated_on, source from incoming""",
)


@dataclass
class ParsedFile:
    """A geography file read and checked, not yet written."""

    path: Path
    kind: str
    frame: pl.DataFrame
    report: LoadReport


def read_geo_file(path: Path) -> ParsedFile:
    """Detect a file's kind from its content and read it (slow work done before the store is opened)."""
    # Imported here: geopandas, pyogrio and shapely cost about a second, and every command imports this package.
    from anchorspend.geo.boundaries import read_boundaries, read_district_attributes
    from anchorspend.geo.detect import detect

    kind = detect(path)
    if kind in ("districts", "district_names", "wards", "small_areas"):
        kind, frame, report = read_boundaries(path)
    else:
        reader = {
            "district_centroids": read_district_attributes,
            "postcodes": read_nspl,
            "outcode_centroids": read_outcode_centroids,
            "deprivation": read_deprivation,
        }[kind]
        frame, report = reader(path)
    return ParsedFile(path, kind, frame, report)


def _codes_for_names(con: duckdb.DuckDBPyConnection, parsed: ParsedFile) -> pl.DataFrame:
    """Give a names-only LAD file the codes of imported districts with the same names."""
    known = con.execute("select lower(trim(name)) as key, district_code from districts").pl()
    if known.is_empty():
        raise GeoFileError(
            f"{parsed.path.name}: LAD boundaries with names but no codes; import a LAD table with codes "
            "first (e.g. LAD_Dec2023_UK_BFC_centroids_attributes.csv: LAD23CD, LAD23NM)"
        )
    counts = known.group_by("key").len()
    unique = known.join(counts.filter(pl.col("len") == 1), on="key").select(
        "key", pl.col("district_code").alias("code")
    )
    frame = parsed.frame.drop("code", strict=False).with_columns(
        pl.col("name").str.strip_chars().str.to_lowercase().alias("key")
    )
    frame = frame.join(unique, on="key", how="left")
    unmatched = frame.filter(pl.col("code").is_null())
    parsed.report.reject("name not among the imported districts' names (or shared by two)", unmatched.height)
    if unmatched.height:
        parsed.report.notes.append("unmatched names: " + ", ".join(unmatched["name"].head(10).to_list()))
    parsed.report.rows_loaded -= unmatched.height
    # The imported name list gave the code; its centroid is kept (coalesce prefers the incoming one).
    return frame.filter(pl.col("code").is_not_null()).with_columns(
        pl.lit(None, dtype=pl.Float64).alias("centroid_lat"),
        pl.lit(None, dtype=pl.Float64).alias("centroid_lon"),
    )


def write_geo_file(con: duckdb.DuckDBPyConnection, parsed: ParsedFile) -> LoadReport:
    """Write one parsed file into the store (the caller holds the transaction)."""
    frame, kind = parsed.frame, parsed.kind
    if kind == "district_names":
        frame, kind = _codes_for_names(con, parsed), "districts"
    con.register("incoming", frame)
    try:
        for sql in POSTCODE_WRITES if kind == "postcodes" else (WRITES[kind],):
            con.execute(sql)
    finally:
        con.unregister("incoming")
    from anchorspend.geo.assign import assign_districts  # shapely: only when geography is written

    assign_districts(con, recompute=kind == "districts")
    if kind in ("wards", "small_areas", "outcode_centroids"):
        unplaced = db.run_query(con, "geo_unplaced_count", level=kind, source=parsed.report.file)["unplaced"][
            0
        ]
        if unplaced:
            parsed.report.notes.append(f"{unplaced} not inside any imported district (yet)")
    return parsed.report


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def record_import(con: duckdb.DuckDBPyConnection, parsed: ParsedFile) -> None:
    """Keep the file's load report in geo_files and the change log."""
    report = parsed.report
    con.execute(
        "insert or replace into geo_files"
        " (name, kind, sha256, rows_read, rows_loaded, rows_rejected, report_json)"
        " values ($name, $kind, $sha, $read, $loaded, $rejected, $json)",
        {
            "name": report.file,
            "kind": report.kind,
            "sha": _sha256(parsed.path),
            "read": report.rows_read,
            "loaded": report.rows_loaded,
            "rejected": report.rows_rejected,
            "json": json.dumps(report.as_dict()),
        },
    )
    db.log_change(con, "geo.import", report.file, None, f"{report.kind}: {report.rows_loaded} rows loaded")


def import_files(con: duckdb.DuckDBPyConnection, paths: Iterable[Path | str]) -> list[LoadReport]:
    """Import geography files of any kind, code lists first; one transaction per file."""
    from anchorspend.geo.detect import KINDS

    parsed = sorted((read_geo_file(Path(p)) for p in paths), key=lambda f: KINDS.index(f.kind))
    return [write_parsed(con, one) for one in parsed]


def write_parsed(con: duckdb.DuckDBPyConnection, parsed: ParsedFile) -> LoadReport:
    """Write one parsed file and its report in one transaction."""
    with db.transaction(con, changes_derived=False, needs_refresh=True):  # locate reads it
        report = write_geo_file(con, parsed)
        record_import(con, parsed)
        db.pause_point("geo_commit")
    return report
