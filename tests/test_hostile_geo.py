"""Hostile input to `geo import`, `geo fetch` and `place`: coordinates outside the UK, broken polygons, ranks out
of range, unknown codes; each refused or rejected by name, never stored silently."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import duckdb
import pytest

from tests.geo_helpers import NSPL_HEADER, square
from tests.hostile import ALPHA, BETA, assert_one_line, assert_refused, checksums, run, seed, store  # noqa: F401 (fixtures)


def districts_file(folder: Path, features: list[tuple[str, str, dict]]) -> Path:
    path = folder / "lad.geojson"
    collection = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": {"LAD24CD": code, "LAD24NM": name}, "geometry": geometry}
            for code, name, geometry in features
        ],
    }
    path.write_text(json.dumps(collection), encoding="utf-8")
    return path


def query(store: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(store), read_only=True) as con:
        return con.execute(sql).fetchall()


@pytest.mark.parametrize(
    ("geometry", "where"),
    [
        (square(-2.0, 999.0, -1.0, 1000.0), "latitude 1000"),
        (square(150.0, -34.0, 151.0, -33.0), "Sydney"),
        (square(-2.0, 53.0, 40.0, 54.0), "reaching Russia"),
    ],
    ids=["lat-1000", "sydney", "too-wide"],
)
def test_a_district_outside_the_uk_is_rejected_by_name(store: Path, tmp_path: Path, geometry: dict, where: str) -> None:
    path = districts_file(tmp_path, [("E07000903", "Nowhere", geometry)])
    result = run("geo", "import", path, "--db", store)
    assert result.code == 0, result.err
    assert "1 rejected (1 outside the UK (E07000903))" in result.out
    assert query(store, "select count(*) from districts where district_code = 'E07000903'") == [(0,)]


def test_a_self_intersecting_polygon_is_repaired_and_said_so(store: Path, tmp_path: Path) -> None:
    bowtie = {"type": "Polygon", "coordinates": [[[-2, 53], [-1, 54], [-1, 53], [-2, 54], [-2, 53]]]}
    path = districts_file(tmp_path, [("E07000904", "Bowtie", bowtie)])
    result = run("geo", "import", path, "--db", store)
    assert result.code == 0 and "1 invalid polygon(s) repaired (E07000904)" in result.out
    rows = query(store, "select geometry_wkb from districts where district_code = 'E07000904'")
    import shapely

    shape = shapely.from_wkb(rows[0][0])
    assert shape.is_valid and shape.area == pytest.approx(0.5)  # both triangles of the bow tie kept


def test_a_feature_with_no_polygon_is_rejected_by_name(store: Path, tmp_path: Path) -> None:
    path = districts_file(
        tmp_path, [("E07000905", "Line", {"type": "LineString", "coordinates": [[-2, 53], [-1, 54]]})]
    )
    result = run("geo", "import", path, "--db", store)
    assert "no polygon geometry (E07000905)" in result.out


@pytest.mark.parametrize(
    ("name", "body", "table", "reason"),
    [
        (
            "outcodes.csv",
            "outcode,latitude,longitude\nZZ1,1000,-1.5\n",
            "outcode_centroids",
            "latitude/longitude outside the UK",
        ),
        (
            "outcodes.csv",
            "outcode,latitude,longitude\nZZ1,0,0\n",
            "outcode_centroids",
            "latitude/longitude outside the UK",
        ),
        ("outcodes.csv", "outcode,latitude,longitude\nZZ1,north,-1.5\n", "outcode_centroids", "no latitude/longitude"),
        (
            "lad_attributes.csv",
            f"LAD23CD,LAD23NM,LAT,LONG\n{ALPHA},Alpha,1000,-1.5\n",
            "districts",
            "latitude/longitude outside the UK",
        ),
    ],
    ids=["outcode-lat-1000", "outcode-null-island", "outcode-words", "centroid-lat-1000"],
)
def test_points_outside_the_uk_are_rejected(
    store: Path, tmp_path: Path, name: str, body: str, table: str, reason: str
) -> None:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    before = checksums(store)
    result = run("geo", "import", path, "--db", store)
    assert result.code == 0 and f"1 rejected (1 {reason}" in result.out
    assert checksums(store)[table] == before[table]


def test_a_postcode_placed_outside_the_uk_keeps_no_position(store: Path, tmp_path: Path) -> None:
    path = tmp_path / "nspl.csv"
    path.write_text(
        NSPL_HEADER + f'\n"AA1 9ZZ","AA1  9ZZ","AA1 9ZZ","199001","","{ALPHA}","E05000901","E01000901",80.0,-1.5\n',
        encoding="utf-8",
    )
    assert run("geo", "import", path, "--db", store).code == 0
    assert query(store, "select district_code, lat, lon from postcodes where postcode = 'AA1 9ZZ'") == [
        (ALPHA, None, None)
    ]


IMD = (
    "LSOA code (2011),LSOA name (2011),Local Authority District code (2019),Local Authority District name (2019),"
    "Index of Multiple Deprivation (IMD) Rank,Index of Multiple Deprivation (IMD) Decile\n"
)


@pytest.mark.parametrize(
    ("rank", "decile"),
    [("0", "1"), ("40000", "5"), ("100", "11"), ("100", "0"), ("abc", "3"), ("-5", "3")],
    ids=["rank-0", "rank-40000", "decile-11", "decile-0", "rank-words", "rank-negative"],
)
def test_deprivation_out_of_range_is_rejected(store: Path, tmp_path: Path, rank: str, decile: str) -> None:
    path = tmp_path / "imd.csv"
    path.write_text(IMD + f"E01000901,Alpha 001A,{ALPHA},Alpha,{rank},{decile}\n", encoding="utf-8")
    before = checksums(store)
    result = run("geo", "import", path, "--db", store)
    assert result.code == 0 and "1 rejected (1 rank or decile out of range)" in result.out
    assert checksums(store)["deprivation"] == before["deprivation"]


@pytest.mark.parametrize(
    ("name", "body", "pattern"),
    [
        ("spend.csv", "Supplier,Amount\nAcme,10\n", r"spend\.csv: not a boundary, postcode, centroid or IMD file"),
        ("nspl.zip", b"PK\x03\x04rest", r"nspl\.zip.*zip archive"),
        ("missing.geojson", None, r"missing\.geojson"),
        ("broken.geojson", '{"type": "FeatureCollection", "features": [', r"broken\.geojson"),
    ],
    ids=["spend-file", "zip", "missing", "truncated-json"],
)
def test_files_that_are_not_geography_are_refused(
    store: Path, tmp_path: Path, name: str, body: str | bytes | None, pattern: str
) -> None:
    path = tmp_path / name
    if body is not None:
        (path.write_bytes if isinstance(body, bytes) else path.write_text)(body)
    assert_refused(store, pattern, "geo", "import", path, "--db", store)


def test_several_geography_files_report_each_and_keep_the_good(store: Path, tmp_path: Path) -> None:
    good = tmp_path / "outcodes.csv"
    good.write_text("outcode,latitude,longitude\nEE1,53.2,-1.2\n", encoding="utf-8")
    bad = tmp_path / "spend.csv"
    bad.write_text("Supplier,Amount\nAcme,10\n", encoding="utf-8")
    result = run("geo", "import", bad, good, "--db", store)
    assert result.code == 1 and len(result.lines) == 2
    assert "spend.csv" in result.lines[0]
    assert result.lines[1].endswith("kept: outcodes.csv") and "1 of 2 file(s) failed" in result.lines[1]
    assert "outcodes.csv: outcode_centroids — 1 read, 1 loaded" in result.out
    assert query(store, "select count(*) from outcode_centroids where outcode = 'EE1'") == [(1,)]


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.parametrize(
    ("argv", "pattern", "code"),
    [
        (("--url", "nokind"), r"KIND=URL", 1),
        (("--url", "planets=http://127.0.0.1/x"), r"planets", 1),
        (("--sources", "/nonexistent/sources.json"), r"sources\.json", 1),
        (("--timeout", "soon"), r"invalid float value: 'soon'", 2),
    ],
    ids=["url-without-kind", "unknown-kind", "missing-sources", "timeout-words"],
)
def test_geo_fetch_refusals(store: Path, tmp_path: Path, argv: tuple[str, ...], pattern: str, code: int) -> None:
    assert_refused(store, pattern, "geo", "fetch", "--db", store, "--dir", tmp_path / "geo", *argv, code=code)


def test_geo_fetch_from_a_server_that_is_not_there_fails_in_one_line(store: Path, tmp_path: Path) -> None:
    url = f"districts=http://127.0.0.1:{closed_port()}/lad.geojson"
    assert_refused(
        store,
        r"127\.0\.0\.1",
        "geo",
        "fetch",
        "--db",
        store,
        "--dir",
        tmp_path / "geo",
        "--kind",
        "districts",
        "--url",
        url,
        "--timeout",
        "2",
    )


@pytest.mark.parametrize(
    ("argv", "pattern"),
    [
        (("--local", "E07999999"), r"unknown district code E07999999"),
        (("--local", "NOTACODE"), r"'NOTACODE' is not a GSS district code"),
        (("--local", ","), r"no local district codes given"),
        (("--local", ALPHA, "--regional", "E08000099"), r"unknown district code E08000099"),
        (("--local", ALPHA, "--name", "Two\nLines"), r"--name: a place name cannot hold control characters"),
        (("--local", ALPHA, "--name", "   "), r"--name: a place name cannot be empty"),
        (("--local", ALPHA, "--name", "P" * 300), r"--name: a place name is at most 200 characters"),
        (("--local", "E07000901'; drop table districts; --"), r"is not a GSS district code"),
    ],
    ids=["unknown", "not-gss", "empty", "unknown-regional", "name-newline", "name-blank", "name-300", "injection"],
)
def test_place_set_refusals(store: Path, argv: tuple[str, ...], pattern: str) -> None:
    assert_refused(store, pattern, "place", "set", "--db", store, *argv)


def test_place_show_without_a_store_or_place(tmp_path: Path) -> None:
    assert_one_line(run("place", "show", "--db", tmp_path / "none.duckdb"), r"no store at .*none\.duckdb")


def test_place_name_is_trimmed(store: Path) -> None:
    assert run("place", "set", "--db", store, "--local", ALPHA, "--regional", BETA, "--name", "  Alphaland ").code == 0
    assert "place: Alphaland" in run("place", "show", "--db", store).out
