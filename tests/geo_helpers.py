"""Helpers for the geography tests (no fixtures here): the reference files and a hand-made supplier."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb

GEOJSON = (
    "geo/lad/lad_england_may2024_buc_with_lad23cd.geojson",
    "geo/lad/lad_england_may2024_buc_names_only.geojson",
    "geo/lad/lancashire_15_councils_lad_cty_bsc.geojson",
    "geo/wards/preston_E07000123_wards_dec2025_bsc.geojson",
    "geo/wards/hyndburn_E07000120_wards_dec2025_bsc.geojson",
    "geo/wards/liverpool_E08000012_wards_2013.geojson",
    "geo/wards/manchester_E08000003_wards_2013.geojson",
    "geo/lsoa/liverpool_E08000012_lsoa2011.geojson",
    "geo/lsoa/preston_E07000123_lsoa2011.geojson",
)
LOOKUPS = (
    "lookups/NSPL_NOV_2021_UK_HX_postcodes.csv",
    "lookups/NSPL_NOV_2021_UK_WN_postcodes.csv",
    "lookups/uk_outcode_centroids_academe.csv",
    "lookups/LAD_Dec2023_UK_BFC_centroids_attributes.csv",
    "deprivation/IMD2019_File_1_Index_of_Multiple_Deprivation_LSOA.csv",
    "deprivation/IoD2019_File_2_Domains_of_Deprivation_LSOA.csv",
)


def reference_files(reference: Path) -> list[Path]:
    """Every reference geography, lookup and deprivation file the importer takes."""
    return [reference / name for name in GEOJSON + LOOKUPS]


def add_supplier(
    con: duckdb.DuckDBPyConnection,
    name: str,
    branch: list[str] | None = None,
    office: str | None = None,
    contract: str | None = None,
) -> int:
    """A supplier with, optionally, a register entry (branch/office postcodes) and a contract postcode."""
    supplier_id = con.execute(
        "insert into suppliers (name, name_key) values ($n, upper($n)) returning supplier_id", {"n": name}
    ).fetchone()[0]
    if branch is not None or office is not None:
        con.execute(
            "insert into register_entries (source_file, source_sha256, name, branch_postcodes,"
            " registered_postcode, supplier_id) values ('register.csv', 'x', $n, $b, $o, $s)",
            {"n": name, "b": branch, "o": office, "s": supplier_id},
        )
    if contract is not None:
        con.execute(
            "insert into contracts (source_file, source_sha256, supplier_raw, supplier_id, supplier_postcode)"
            " values ('contracts.csv', 'x', $n, $s, $p)",
            {"n": name, "s": supplier_id, "p": contract},
        )
    return supplier_id


def location(con: duckdb.DuckDBPyConnection, supplier_id: int) -> tuple:
    """(postcode, evidence, district, ward, lsoa) of one supplier."""
    return con.execute(
        "select postcode, location_evidence, district_code, ward_code, lsoa_code from suppliers"
        " where supplier_id = $s",
        {"s": supplier_id},
    ).fetchone()


def square(west: float, south: float, east: float, north: float) -> dict:
    """A GeoJSON polygon (exterior clockwise on purpose: the importer must orient it)."""
    ring = [[west, south], [west, north], [east, north], [east, south], [west, south]]
    return {"type": "Polygon", "coordinates": [ring]}


def alpha_beta_districts(prefix: str) -> list[dict]:
    """Two square districts side by side, Alpha (E07000901) west of Beta, named in `prefix`CD/NM fields."""
    return [
        {
            "type": "Feature",
            "properties": {f"{prefix}CD": code, f"{prefix}NM": name},
            "geometry": square(west, 53.0, west + 1.0, 54.0),
        }
        for code, name, west in (("E07000901", "Alpha", -2.0), ("E07000902", "Beta", -1.0))
    ]


NSPL_HEADER = "pcd,pcd2,pcds,dointr,doterm,laua,ward,lsoa11,lat,long"


def write_small_pack(folder: Path) -> list[Path]:
    """Two square districts side by side (Alpha west of Beta), a postcode directory and outcode centroids."""
    folder.mkdir(parents=True, exist_ok=True)
    districts = {"type": "FeatureCollection", "features": alpha_beta_districts("LAD24")}
    (folder / "lad.geojson").write_text(json.dumps(districts), encoding="utf-8")
    nspl = [
        NSPL_HEADER,
        '"AA1 1AA","AA1  1AA","AA1 1AA","199001","","E07000901","E05000901","E01000901",53.5,-1.5',
        '"AA1 1AB","AA1  1AB","AA1 1AB","199001","201504","E07000902","E05000902","E01000902",53.5,-0.5',
        '"BB1 1AA","BB1  1AA","BB1 1AA","199001","","E07000902","E05000902","E01000902",53.6,-0.6',
    ]
    (folder / "nspl.csv").write_text("\r\n".join(nspl) + "\r\n", encoding="utf-8")
    outcodes = ["outcode,latitude,longitude", "AA1,53.5,-1.5", "CC1,53.5,-0.5", "DD1,58.0,-3.0"]
    (folder / "outcodes.csv").write_text("\n".join(outcodes) + "\n", encoding="utf-8")
    return [folder / "lad.geojson", folder / "nspl.csv", folder / "outcodes.csv"]
