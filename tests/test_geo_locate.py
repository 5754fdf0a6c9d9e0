"""Locating suppliers on a small hand-made geography: every kind of evidence, the order, and unknown."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from anchorspend import pipeline
from anchorspend.geo import import_files
from anchorspend.geo.locate import locate
from anchorspend.geo.place import set_place
from tests.geo_helpers import add_supplier, location, write_small_pack

ALPHA, BETA = "E07000901", "E07000902"


@pytest.fixture
def geo(con: duckdb.DuckDBPyConnection, tmp_path: Path) -> duckdb.DuckDBPyConnection:
    """A store with the small hand-made geography imported."""
    import_files(con, write_small_pack(tmp_path / "pack"))
    return con


def test_register_branch_beats_registered_office(geo: duckdb.DuckDBPyConnection) -> None:
    supplier = add_supplier(geo, "Branchy Ltd", branch=["AA1 1AA"], office="BB1 1AA")
    locate(geo, None)
    assert location(geo, supplier) == ("AA1 1AA", "register_branch", ALPHA, "E05000901", "E01000901")


def test_registered_office_written_loosely(geo: duckdb.DuckDBPyConnection) -> None:
    supplier = add_supplier(geo, "Office Ltd", office=" bb11aa ")
    locate(geo, None)
    assert location(geo, supplier) == ("BB1 1AA", "registered_office", BETA, "E05000902", "E01000902")


def test_contracts_register_and_terminated_postcodes(geo: duckdb.DuckDBPyConnection) -> None:
    supplier = add_supplier(geo, "Old Address Ltd", contract="AA1 1AB")  # terminated in 2015, still real
    locate(geo, None)
    assert location(geo, supplier) == ("AA1 1AB", "contracts_register", BETA, "E05000902", "E01000902")


def test_office_beats_contracts_register(geo: duckdb.DuckDBPyConnection) -> None:
    supplier = add_supplier(geo, "Both Ltd", office="AA1 1AA", contract="BB1 1AA")
    locate(geo, None)
    assert location(geo, supplier)[1:3] == ("registered_office", ALPHA)


def test_unknown_postcode_falls_back_to_its_outcode_centroid(geo: duckdb.DuckDBPyConnection) -> None:
    supplier = add_supplier(geo, "Centroid Ltd", office="CC1 9ZZ")  # not in the directory; CC1 lies in Beta
    locate(geo, None)
    postcode, evidence, district, ward, lsoa = location(geo, supplier)
    assert (postcode, evidence, district, ward, lsoa) == ("CC1 9ZZ", "district_centroid", BETA, None, None)
    lat, lon = geo.execute(
        "select lat, lon from suppliers where supplier_id = $s", {"s": supplier}
    ).fetchone()
    assert (lat, lon) == (53.5, -0.5)


def test_a_better_source_that_does_not_locate_gives_way(geo: duckdb.DuckDBPyConnection) -> None:
    supplier = add_supplier(geo, "Typo Ltd", branch=["ZZ9 9ZZ"], office="AA1 1AA")
    locate(geo, None)
    assert location(geo, supplier)[:3] == ("AA1 1AA", "registered_office", ALPHA)


def test_unknown_keeps_the_postcode_it_could_not_place(geo: duckdb.DuckDBPyConnection) -> None:
    outside = add_supplier(geo, "Far Away Ltd", office="DD1 1AA")  # DD1's centroid is in no imported district
    garbled = add_supplier(geo, "Garbled Ltd", office="not a postcode")
    nothing = add_supplier(geo, "Nothing Known Ltd")
    counts = locate(geo, None)
    assert location(geo, outside) == ("DD1 1AA", "unknown", None, None, None)
    assert location(geo, garbled) == (None, "unknown", None, None, None)
    assert location(geo, nothing) == (None, "unknown", None, None, None)
    assert counts == {"unknown": 3}


def test_a_branch_in_the_place_wins_among_branches(geo: duckdb.DuckDBPyConnection) -> None:
    supplier = add_supplier(geo, "Two Branches Ltd", branch=["BB1 1AA", "AA1 1AA"])
    locate(geo, None)
    assert location(geo, supplier)[:3] == ("BB1 1AA", "register_branch", BETA)  # no place: the first given
    set_place(geo, ALPHA, BETA)  # "based or branched" in Alpha makes it local to Alpha
    pipeline.refresh(geo)
    assert location(geo, supplier)[:3] == ("AA1 1AA", "register_branch", ALPHA)


def test_locate_is_a_pipeline_step_and_repeatable(geo: duckdb.DuckDBPyConnection) -> None:
    supplier = add_supplier(geo, "Moving Ltd", office="AA1 1AA")
    assert pipeline.refresh(geo)["locate"] == {"registered_office": 1}
    geo.execute("update register_entries set registered_postcode = 'BB1 1AA'")
    assert pipeline.refresh(geo)["locate"] == {"registered_office": 1}
    assert location(geo, supplier)[2] == BETA
    geo.execute("delete from register_entries")
    pipeline.refresh(geo)
    assert location(geo, supplier) == (None, "unknown", None, None, None)
