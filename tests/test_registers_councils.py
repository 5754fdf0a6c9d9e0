"""The ONS lists of councils as a register of public bodies: payees that are councils typed public, with evidence."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from suppliers_store import add_anchor, add_payee

from anchorspend import db, pipeline
from anchorspend.suppliers.registers.imports import RegisterError, import_register_files

LADS = (
    Path(__file__).resolve().parents[1]
    / ".."
    / "shared"
    / "reference"
    / "lookups"
    / ("LAD_Dec2023_UK_BFC_centroids_attributes.csv")
)


def test_the_ons_district_list_loads_every_council(con) -> None:  # noqa: ANN001 - a DuckDB connection
    with LADS.open(encoding="utf-8-sig", newline="") as handle:
        published = {row["LAD23CD"]: row["LAD23NM"] for row in csv.DictReader(handle)}
    assert len(published) == 361  # SOURCES.md: 361 UK LADs
    loaded = import_register_files(con, "councils", [LADS])
    assert (loaded["entries"], loaded["rejected"]) == (361, 0)
    rows = dict(con.execute("select entity_id, name from register_councils").fetchall())
    assert rows == published
    kinds = con.execute("select distinct org_kind, is_active from register_councils").fetchall()
    assert kinds == [("public", True)]


def test_councils_in_a_spend_file_are_typed_public_with_their_evidence(con) -> None:  # noqa: ANN001
    council = add_anchor(con, "Wigan")
    payees = {
        "Salford City Council": "E08000006",
        "WIGAN COUNCIL": "E08000010",
        "London Borough of Camden": "E09000007",
        "Bristol City Council": "E06000023",  # ONS writes "Bristol, City of"
        "Kingston upon Hull City Council": "E06000010",
        "Rhondda Cynon Taf County Borough Council": "W06000016",
        "Salford Plumbing Supplies Ltd": None,
    }
    for name in payees:
        add_payee(con, council, name)
    import_register_files(con, "councils", [LADS])
    pipeline.refresh(con)
    rows = {r["aliases"][0]: r for r in db.run_query(con, "suppliers_list").iter_rows(named=True) if r["aliases"]}
    for name, code in payees.items():
        links = [(g["register"], g["id"], g["method"], g["status"]) for g in rows[name]["registers"]]
        if code is None:
            assert links == [] and rows[name]["type"] != "public"
            continue
        assert links == [("councils", code, "council_name", "accepted")], name
        assert rows[name]["type"] == "public" and f"councils {code}" in rows[name]["type_rule"], name
    evidence = con.execute("select evidence from supplier_register_links where entity_id = 'E06000023'").fetchone()[0]
    assert evidence == "name Bristol City Council = Bristol City Council (Bristol, City of, E06000023)"


@pytest.mark.parametrize(
    "header",
    [
        "LAD21CD,LAD21NM,LAD21NMW,FID",  # another edition's year
        "CTYUA23CD,CTYUA23NM,CTYUA23NMW,ObjectId",  # counties and unitary authorities
    ],
)
def test_any_editions_header_is_read_by_its_pattern(con, tmp_path: Path, header: str) -> None:  # noqa: ANN001
    path = tmp_path / "names_and_codes.csv"
    path.write_text(f"{header}\nE10000017,Lancashire,,1\nbad code,Nowhere,,2\n", encoding="utf-8")
    loaded = import_register_files(con, "councils", [path])
    assert (loaded["entries"], loaded["rejected"]) == (1, 1)
    assert "no GSS code" in loaded["first_rejected"]


def test_a_file_that_is_not_a_council_list_is_refused_in_one_line(con, tmp_path: Path) -> None:  # noqa: ANN001
    path = tmp_path / "other.csv"
    path.write_text("WD23CD,WD23NM\nE05000001,Somewhere\n", encoding="utf-8")
    with pytest.raises(RegisterError, match=r"^other.csv: not an ONS names and codes list of councils") as caught:
        import_register_files(con, "councils", [path])
    assert "\n" not in str(caught.value)
