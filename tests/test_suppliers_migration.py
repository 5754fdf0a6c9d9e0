"""A store made before the registers (schema version 1) migrates to this version with its suppliers kept."""

from __future__ import annotations

from pathlib import Path

import duckdb

from anchorspend import db

SCHEMA_V1 = Path(__file__).resolve().parent / "files" / "schema_249d086.sql"  # version 1, as released


def test_a_version_1_store_migrates_and_keeps_its_suppliers(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute(SCHEMA_V1.read_text(encoding="utf-8"))
        con.execute("insert into schema_version (version) values (1)")
        con.execute(
            "insert into suppliers (name, name_key, org_type, location_evidence) "
            "values ('Acme Ltd', 'ACME', 'sme', 'registered_office')"
        )
    with db.connect(path) as con:
        assert con.execute("select max(version) from schema_version").fetchone()[0] == db.SCHEMA_VERSION
        assert con.execute("select supplier_id, name, org_type, location_evidence from suppliers").fetchall() == [
            (1, "Acme Ltd", "sme", "registered_office")
        ]
        # The new kinds of evidence and the new tables are there, and new ids follow on from the old ones.
        new_id = con.execute(
            "insert into suppliers (name, name_key, location_evidence, sector_source) "
            "values ('Food Bank', 'FOOD BANK', 'charity_address', 'manual') returning supplier_id"
        ).fetchone()[0]
        assert new_id == 2
        assert con.execute("select count(*) from register_entities").fetchone()[0] == 0
        assert con.execute("select register_name_key('The Acme (UK) Ltd.')").fetchone()[0] == "ACME"
