"""Small hand-made files: postcode normalisation, the publishers' quirks, detection and rejected rows."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from anchorspend import cli
from anchorspend.geo import GeoFileError, import_files, normalise_postcode, outward_code, read_geo_file
from anchorspend.geo.detect import detect


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("HX4 0DZ", "HX4 0DZ"),
        ("hx40dz", "HX4 0DZ"),
        ("  HX4   0DZ ", "HX4 0DZ"),
        ("EC1A 1BB", "EC1A 1BB"),
        ("M1 1AE", "M1 1AE"),
        ("HX4", None),
        ("N/A", None),
        ("", None),
        (None, None),
        ("HX4 0D", None),
    ],
)
def test_normalise_postcode(raw: object, expected: str | None) -> None:
    assert normalise_postcode(raw) == expected


def test_outward_code() -> None:
    assert [outward_code(t) for t in ("HX4 0DZ", "ec1a1bb", "PR1", "nonsense")] == [
        "HX4",
        "EC1A",
        "PR1",
        None,
    ]


def test_imd_file_one_quirks(tmp_path: Path) -> None:
    # Double-encoded BOM, CRLF, ranks quoted with thousands separators, a bad decile and a repeated LSOA.
    text = (
        "\u00ef\u00bb\u00bfLSOA code (2011),LSOA name (2011),Local Authority District code (2019),"
        "Local Authority District name (2019),Index of Multiple Deprivation (IMD) Rank,"
        "Index of Multiple Deprivation (IMD) Decile\r\n"
        'E01000001,City of London 001A,E09000001,City of London,"29,199",9\r\n'
        'E01000002,City of London 001B,E09000001,City of London,"1,000",11\r\n'
        'E01000001,City of London 001A,E09000001,City of London,"29,199",9\r\n'
    )
    path = tmp_path / "imd.csv"
    path.write_text(text, encoding="utf-8")
    parsed = read_geo_file(path)
    assert parsed.kind == "deprivation"
    assert parsed.frame.select("lsoa_code", "imd_rank", "imd_decile").rows() == [("E01000001", 29199, 9)]
    assert dict(parsed.report.rejected) == {"rank or decile out of range": 1, "LSOA repeated in the file": 1}


def test_nspl_rows_without_a_grid_reference_and_pseudo_codes(tmp_path: Path) -> None:
    path = tmp_path / "nspl.csv"
    path.write_text(
        "pcd,pcds,doterm,laua,ward,lsoa11,lat,long\n"
        '"GY1 1AA","GY1 1AA","","L99999999","L99999999","L99999999",99.999999,0.000000\n'
        '"NOT VALID","NOT VALID","","E08000033","E05001386","E01010994",53.7,-1.8\n',
        encoding="utf-8",
    )
    parsed = read_geo_file(path)
    assert parsed.frame.select("postcode", "district_code", "lat").rows() == [("GY1 1AA", None, None)]
    assert dict(parsed.report.rejected) == {"not a UK postcode": 1}


def test_a_county_in_a_district_file_is_skipped(tmp_path: Path) -> None:
    ring = [[-2.0, 53.0], [-1.0, 53.0], [-1.0, 54.0], [-2.0, 54.0], [-2.0, 53.0]]
    features = ",".join(
        f'{{"type":"Feature","properties":{{"ons_code":"{code}","council_name":"{name}"}},'
        f'"geometry":{{"type":"Polygon","coordinates":[{ring}]}}}}'.replace("'", "")
        for code, name in (("E07000123", "Preston"), ("E10000017", "Lancashire"))
    )
    path = tmp_path / "councils.geojson"
    path.write_text('{"meta": {"x": 1}, "type": "FeatureCollection", "features": [' + features + "]}")
    parsed = read_geo_file(path)
    assert parsed.kind == "districts"
    assert parsed.frame["code"].to_list() == ["E07000123"]
    assert parsed.report.notes == ["E10000017 Lancashire is a county, not a district: skipped"]


def test_files_that_are_not_geography(tmp_path: Path, capsys) -> None:
    spend = tmp_path / "spend.csv"
    spend.write_text("Supplier,Amount\nAcme,10\n")
    with pytest.raises(GeoFileError, match="not a boundary, postcode, centroid or IMD file"):
        detect(spend)
    archive = tmp_path / "nspl.zip"
    archive.write_bytes(b"PK\x03\x04rest")
    with pytest.raises(GeoFileError, match="zip archive"):
        detect(archive)
    code = cli.main(
        ["geo", "import", "--db", str(tmp_path / "s.duckdb"), str(spend), str(tmp_path / "none.csv")]
    )
    lines = capsys.readouterr().err.splitlines()  # one line per file that failed, then what was kept
    assert code == 1 and len(lines) == 3
    assert "spend.csv" in lines[0] and "none.csv" in lines[1] and lines[2].endswith("kept: none")


def test_a_bad_file_imports_nothing(con, tmp_path: Path) -> None:  # noqa: ANN001 (the conftest store)
    good = tmp_path / "outcodes.csv"
    good.write_text("outcode,latitude,longitude\nAA1,53.5,-1.5\n")
    bad = tmp_path / "bad.geojson"
    bad.write_text(
        '{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"x": 1}, '
        '"geometry": null}]}'
    )
    with pytest.raises(GeoFileError):
        import_files(con, [good, bad])
    assert con.execute("select count(*) from outcode_centroids").fetchone()[0] == 0


def test_import_command_reports_each_file_as_json(tmp_path: Path, capsys) -> None:
    from tests.geo_helpers import write_small_pack

    files = [str(p) for p in write_small_pack(tmp_path / "pack")]
    assert cli.main(["geo", "import", "--db", str(tmp_path / "s.duckdb"), "--json", *files]) == 0
    reports = {r["file"]: r for r in json.loads(capsys.readouterr().out)["files"]}
    assert {name: (r["kind"], r["rows_loaded"]) for name, r in reports.items()} == {
        "lad.geojson": ("districts", 2),
        "nspl.csv": ("postcodes", 3),
        "outcodes.csv": ("outcode_centroids", 3),
    }
    assert reports["outcodes.csv"]["notes"] == ["1 not inside any imported district (yet)"]  # DD1, far north


def test_shapes_for_maps(con, tmp_path: Path) -> None:  # noqa: ANN001 (the conftest store)
    import shapely

    from anchorspend.geo.shapes import shapes, shapes_geojson
    from tests.geo_helpers import write_small_pack

    import_files(con, write_small_pack(tmp_path / "pack"))
    frame = shapes(con, "district")
    assert list(frame["code"]) == ["E07000901", "E07000902"] and frame.crs.to_epsg() == 4326
    assert shapely.area(frame.geometry.to_numpy()).round(6).tolist() == [1.0, 1.0]  # one-degree squares
    assert all(shapely.is_ccw(g.exterior) for g in frame.geometry)  # GeoJSON order, though drawn clockwise
    assert not any(shapely.is_ccw(g.exterior) for g in shapes(con, "district", clockwise=True).geometry)
    collection = shapes_geojson(con, "district", codes=["E07000902"])
    assert [f["id"] for f in collection["features"]] == ["E07000902"]
    with pytest.raises(ValueError, match="level must be one of"):
        shapes(con, "county")
