"""The real reference geography files: each imports with counts checked by a separate simple reader."""

from __future__ import annotations

import csv
import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
import shapely

from anchorspend import db
from anchorspend.geo import GeoFileError, LoadReport, import_files
from anchorspend.geo.detect import detect
from anchorspend.geo.locate import locate
from anchorspend.geo.place import PlaceError, get_place, set_place
from anchorspend.geo.shapes import shapes
from tests.geo_helpers import add_supplier, location, reference_files

pytestmark = pytest.mark.reference


def features(path: Path) -> list[dict]:
    """A GeoJSON file's features, read with the json module."""
    return json.loads(path.read_text(encoding="utf-8"))["features"]


def csv_rows(path: Path) -> list[dict]:
    """A CSV file's rows, read with the csv module (BOM stripped)."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def imported(reference: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple]:
    """One store with every reference geography file imported, and the load reports by file name."""
    con = db.open_store(tmp_path_factory.mktemp("geo") / "store.duckdb")
    reports = {r.file: r for r in import_files(con, reference_files(reference))}
    yield con, reports
    con.close()


@pytest.fixture
def store(imported: tuple) -> duckdb.DuckDBPyConnection:
    """The store with the reference geography."""
    return imported[0]


@pytest.fixture
def reports(imported: tuple) -> dict[str, LoadReport]:
    """The load report of each reference file."""
    return imported[1]


def test_each_file_is_detected_from_its_content(reference: Path, tmp_path: Path) -> None:
    expected = {
        "lad_england_may2024_buc_with_lad23cd.geojson": "districts",
        "lad_england_may2024_buc_names_only.geojson": "district_names",
        "lancashire_15_councils_lad_cty_bsc.geojson": "districts",
        "preston_E07000123_wards_dec2025_bsc.geojson": "wards",
        "liverpool_E08000012_wards_2013.geojson": "wards",
        "preston_E07000123_lsoa2011.geojson": "small_areas",
        "NSPL_NOV_2021_UK_WN_postcodes.csv": "postcodes",
        "uk_outcode_centroids_academe.csv": "outcode_centroids",
        "LAD_Dec2023_UK_BFC_centroids_attributes.csv": "district_centroids",
        "IMD2019_File_1_Index_of_Multiple_Deprivation_LSOA.csv": "deprivation",
        "IoD2019_File_2_Domains_of_Deprivation_LSOA.csv": "deprivation",
    }
    by_name = {p.name: p for p in reference_files(reference)}
    for name, kind in expected.items():
        renamed = tmp_path / "data.bin"  # the name says nothing: the content decides
        renamed.write_bytes(by_name[name].read_bytes())
        assert detect(renamed) == kind, name


def test_district_files(store: duckdb.DuckDBPyConnection, reports: dict, reference: Path) -> None:
    coded = features(reference / "geo/lad/lad_england_may2024_buc_with_lad23cd.geojson")
    lancashire = features(reference / "geo/lad/lancashire_15_councils_lad_cty_bsc.geojson")
    attributes = csv_rows(reference / "lookups/LAD_Dec2023_UK_BFC_centroids_attributes.csv")
    assert reports["lad_england_may2024_buc_with_lad23cd.geojson"].rows_loaded == len(coded) == 296
    assert reports["LAD_Dec2023_UK_BFC_centroids_attributes.csv"].rows_loaded == len(attributes) == 361
    # Lancashire: 15 councils, of which the county council is not a district.
    lanc = reports["lancashire_15_councils_lad_cty_bsc.geojson"]
    districts = [f for f in lancashire if f["properties"]["council_tier"] != "county"]
    assert (lanc.rows_read, lanc.rows_loaded, lanc.rows_rejected) == (15, len(districts), 1)
    assert (
        store.execute("select count(*) from districts where district_code = 'E10000017'").fetchone()[0] == 0
    )
    # Every England LAD has a polygon; the rest of the UK is known by code and centroid only.
    england = {f["properties"]["LAD23CD"] for f in coded}
    with_polygon = {
        r[0]
        for r in store.execute(
            "select district_code from districts where geometry_wkb is not null"
        ).fetchall()
    }
    assert with_polygon == england
    assert store.execute("select count(*) from districts").fetchone()[0] == len(attributes)
    coverage = {row[0]: row[1:] for row in db.run_query(store, "geo_coverage").iter_rows()}
    assert coverage["districts"] == (len(attributes), len(england))
    name = store.execute("select name from districts where district_code = 'E07000123'").fetchone()[0]
    assert name == "Preston"


def test_names_only_lads_take_codes_from_the_attribute_table(reports: dict, reference: Path) -> None:
    names = [
        f["properties"]["name"]
        for f in features(reference / "geo/lad/lad_england_may2024_buc_names_only.geojson")
    ]
    known = {
        r["LAD23NM"] for r in csv_rows(reference / "lookups/LAD_Dec2023_UK_BFC_centroids_attributes.csv")
    }
    report = reports["lad_england_may2024_buc_names_only.geojson"]
    assert report.kind == "district_names"
    assert report.rows_loaded == sum(n in known for n in names) == 296


def test_names_only_lads_alone_fail_naming_what_is_missing(
    con: duckdb.DuckDBPyConnection, reference: Path
) -> None:
    with pytest.raises(ValueError, match="names but no codes.*LAD23CD"):
        import_files(con, [reference / "geo/lad/lad_england_may2024_buc_names_only.geojson"])
    assert con.execute("select count(*) from districts").fetchone()[0] == 0


def test_polygons_are_wgs84_valid_and_anticlockwise(store: duckdb.DuckDBPyConnection) -> None:
    for table in ("districts", "wards", "small_areas"):
        wkb = [
            r[0]
            for r in store.execute(
                f"select geometry_wkb from {table} where geometry_wkb is not null"
            ).fetchall()
        ]
        geometries = shapely.from_wkb(wkb)
        assert shapely.is_valid(geometries).all(), table
        minx, miny, maxx, maxy = shapely.total_bounds(geometries)
        assert minx > -7 and maxx < 2 and miny > 49 and maxy < 56, table  # England in degrees, not metres
        rings = [ring for g in geometries for p in shapely.get_parts(g) for ring in [p.exterior]]
        assert all(shapely.is_ccw(ring) for ring in rings), table


def test_wards_and_small_areas(store: duckdb.DuckDBPyConnection, reference: Path) -> None:
    for name, code_field, district in (
        ("geo/wards/preston_E07000123_wards_dec2025_bsc.geojson", "ons_code", "E07000123"),
        ("geo/wards/hyndburn_E07000120_wards_dec2025_bsc.geojson", "ons_code", "E07000120"),
        ("geo/wards/liverpool_E08000012_wards_2013.geojson", "WD13CD", "E08000012"),
        ("geo/wards/manchester_E08000003_wards_2013.geojson", "WD13CD", "E08000003"),
        ("geo/lsoa/liverpool_E08000012_lsoa2011.geojson", "LSOA11CD", "E08000012"),
        ("geo/lsoa/preston_E07000123_lsoa2011.geojson", "LSOA11CD", "E07000123"),
    ):
        codes = [f["properties"][code_field] for f in features(reference / name)]
        table, key = ("small_areas", "lsoa_code") if code_field == "LSOA11CD" else ("wards", "ward_code")
        stored = store.execute(
            f"select district_code, count(*) from {table} where {key} in (select unnest($c)) group by 1",
            {"c": codes},
        ).fetchall()
        # The file name says which district; the importer worked it out from the polygons and names.
        assert stored == [(district, len(codes))], name


def test_postcode_directory(store: duckdb.DuckDBPyConnection, reference: Path) -> None:
    rows = csv_rows(reference / "lookups/NSPL_NOV_2021_UK_HX_postcodes.csv") + csv_rows(
        reference / "lookups/NSPL_NOV_2021_UK_WN_postcodes.csv"
    )
    assert store.execute("select count(*) from postcodes").fetchone()[0] == len(rows) == 7442 + 9235
    terminated = sum(bool(r["doterm"]) for r in rows)
    assert (
        store.execute("select count(*) from postcodes where terminated_on is not null").fetchone()[0]
        == terminated
    )
    sample = rows[1]  # HX1 1AB, terminated in 2015
    stored = store.execute(
        "select district_code, ward_code, lsoa_code, lat, lon, terminated_on from postcodes"
        " where postcode = $p",
        {"p": sample["pcds"]},
    ).fetchone()
    assert stored[:3] == (sample["laua"], sample["ward"], sample["lsoa11"])
    assert stored[3:5] == (float(sample["lat"]), float(sample["long"]))
    assert str(stored[5]) == f"{sample['doterm'][:4]}-{sample['doterm'][4:]}-01"


def test_outcode_centroids_placed_by_point_in_polygon(
    store: duckdb.DuckDBPyConnection, reference: Path
) -> None:
    rows = csv_rows(reference / "lookups/uk_outcode_centroids_academe.csv")
    assert store.execute("select count(*) from outcode_centroids").fetchone()[0] == len(rows) == 2848
    placed = dict(store.execute("select outcode, district_code from outcode_centroids").fetchall())
    assert placed["PR1"] == "E07000123"  # Preston
    assert placed["HX4"] == "E08000033"  # Calderdale: the HX4 district's centroid, not every HX4 postcode
    assert placed["WN1"] == "E08000010"  # Wigan
    # No Scottish boundaries are imported, so Scottish outcodes stay unknown rather than guessed, except the
    # TD ones the file itself says are in Northumberland (postcode area TD is Scottish; TD12, TD15 are not).
    scottish = {r["postcode"]: r["county"] for r in rows if r["country_name"] == "Scotland"}
    expected = {o: "E06000057" if county == "Northumberland" else None for o, county in scottish.items()}
    assert {o: placed[o] for o in scottish} == expected


def test_deprivation_files(store: duckdb.DuckDBPyConnection, reference: Path) -> None:
    rows = csv_rows(reference / "deprivation/IMD2019_File_1_Index_of_Multiple_Deprivation_LSOA.csv")
    assert store.execute("select count(*) from deprivation").fetchone()[0] == len(rows) == 32844
    first = rows[0]  # rank written "29,199"
    rank = int(first["Index of Multiple Deprivation (IMD) Rank"].replace(",", ""))
    stored = store.execute(
        "select imd_rank, imd_decile from deprivation where lsoa_code = $c", {"c": first["LSOA code (2011)"]}
    ).fetchone()
    assert stored == (rank, int(first["Index of Multiple Deprivation (IMD) Decile"])) == (29199, 9)
    deciles = Counter(int(r["Index of Multiple Deprivation (IMD) Decile"]) for r in rows)
    assert (
        dict(store.execute("select imd_decile, count(*) from deprivation group by 1").fetchall()) == deciles
    )


def test_reimport_replaces_the_same_codes(store: duckdb.DuckDBPyConnection, reference: Path) -> None:
    before = store.execute("select count(*), count(geometry_wkb) from wards").fetchone()
    versions = db.store_version(store)
    import_files(store, [reference / "geo/wards/preston_E07000123_wards_dec2025_bsc.geojson"])
    assert store.execute("select count(*), count(geometry_wkb) from wards").fetchone() == before
    assert db.store_version(store) == versions + 1  # one transaction for the file
    assert (
        store.execute("select count(*) from geo_files where name like 'preston_E07000123_wards%'").fetchone()[
            0
        ]
        == 1
    )


def test_hx4_0dz_is_in_kirklees_not_calderdale(store: duckdb.DuckDBPyConnection, reference: Path) -> None:
    nspl = {r["pcds"]: r["laua"] for r in csv_rows(reference / "lookups/NSPL_NOV_2021_UK_HX_postcodes.csv")}
    assert nspl["HX4 0DZ"] == "E08000034"  # the publisher's own file says Kirklees
    assert Counter(nspl.values()).most_common(1)[0][0] == "E08000033"  # though most of HX is Calderdale
    supplier = add_supplier(store, "Kirklees Joinery Ltd", office="hx4 0dz")
    locate(store, None)
    postcode, evidence, district, ward, lsoa = location(store, supplier)
    assert (postcode, evidence, district) == ("HX4 0DZ", "registered_office", "E08000034")
    assert lsoa == "E01011070" and ward is not None


def test_outcode_only_falls_back_to_the_district_centroid(store: duckdb.DuckDBPyConnection) -> None:
    supplier = add_supplier(
        store, "Preston Printers Ltd", office="PR1 8ZZ"
    )  # PR postcodes are not in this NSPL
    locate(store, None)
    assert location(store, supplier) == ("PR1 8ZZ", "district_centroid", "E07000123", None, None)


def test_preston_place_validated_against_imported_boundaries(store: duckdb.DuckDBPyConnection) -> None:
    lancashire = "E07000117,E07000118,E07000119,E07000120,E07000121,E07000122,E07000124,E07000125,E07000126"
    place = set_place(store, "E07000123", lancashire + ",E07000127,E07000128,E06000008,E06000009", "Preston")
    assert place.local == ("E07000123",)
    assert "E07000123" in place.regional and len(place.regional) == 14
    assert any("added the local code E07000123" in note for note in place.notes)
    assert get_place(store) == place
    with pytest.raises(PlaceError, match="E07999999"):
        set_place(store, "E07000123", "E07999999")
    with pytest.raises(PlaceError, match="E10000017 \\(a county, not a district\\)"):
        set_place(store, "E07000123", "E10000017")
    assert get_place(store) == place  # a rejected place leaves the stored one alone


def test_small_area_shapes_carry_imd_deciles(store: duckdb.DuckDBPyConnection, reference: Path) -> None:
    preston = features(reference / "geo/lsoa/preston_E07000123_lsoa2011.geojson")
    imd = {
        r["LSOA code (2011)"]: int(r["Index of Multiple Deprivation (IMD) Decile"])
        for r in csv_rows(reference / "deprivation/IMD2019_File_1_Index_of_Multiple_Deprivation_LSOA.csv")
    }
    frame = shapes(store, "small_area", within=["E07000123"])
    assert len(frame) == len(preston) == 86 and frame.crs.to_epsg() == 4326
    assert dict(zip(frame["code"], frame["imd_decile"], strict=True)) == {
        f["properties"]["LSOA11CD"]: imd[f["properties"]["LSOA11CD"]] for f in preston
    }
    districts = shapes(store, "district", codes=["E07000123", "E08000034"])
    assert list(districts["name"]) == ["Preston", "Kirklees"]


@pytest.mark.parametrize(
    "name",
    ["SIC07_CH_condensed_list_en.csv", "ods_etr_nhs_trusts.csv", "icb_names_codes_dec_2024.csv"],
)
def test_other_lookups_are_refused_in_one_line(reference: Path, name: str) -> None:
    with pytest.raises(GeoFileError, match=f"^{name}: not a boundary, postcode, centroid or IMD file"):
        detect(reference / "lookups" / name)
