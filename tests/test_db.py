"""The store: schema creation, versions, bound queries and waiting for another process's lock."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from anchorspend import db


def test_new_store_records_schema_version(con: duckdb.DuckDBPyConnection) -> None:
    assert con.execute("select max(version) from schema_version").fetchone()[0] == db.SCHEMA_VERSION
    tables = {row[0] for row in con.execute("select table_name from information_schema.tables").fetchall()}
    assert {"anchors", "source_files", "payments", "rejected_rows", "suppliers", "place"} <= tables


def test_reopening_does_not_recreate(store_path: Path) -> None:
    with db.connect(store_path) as con:
        con.execute("insert into anchors (name, kind) values ('Preston City Council', 'council')")
    with db.connect(store_path) as con:
        assert con.execute("select count(*) from anchors").fetchone()[0] == 1
        assert con.execute("select count(*) from schema_version").fetchone()[0] == 1


def test_transaction_rolls_back_and_bumps_version(con: duckdb.DuckDBPyConnection) -> None:
    with db.transaction(con):
        con.execute("insert into anchors (name, kind) values ('A', 'council')")
    assert db.store_version(con) == 1
    with pytest.raises(RuntimeError), db.transaction(con):
        con.execute("insert into anchors (name, kind) values ('B', 'nhs')")
        raise RuntimeError("boom")
    assert con.execute("select list(name) from anchors").fetchone()[0] == ["A"]
    assert db.store_version(con) == 1


def test_query_params_ignore_comments_and_literals() -> None:
    sql = "-- Params: $start DATE\nselect * from t where a = $start and b = $end_date and c = '$1'"
    assert db.query_params(sql) == {"start", "end_date"}


def test_run_query_checks_parameter_names(con: duckdb.DuckDBPyConnection, monkeypatch, tmp_path) -> None:
    (tmp_path / "anchors_by_kind.sql").write_text(
        "-- One row per anchor of a kind.\nselect name from anchors where kind = $kind"
    )
    monkeypatch.setattr(db, "QUERIES", tmp_path)
    db.load_query.cache_clear()
    con.execute("insert into anchors (name, kind) values ('Trust', 'nhs'), ('Council', 'council')")
    assert db.run_query(con, "anchors_by_kind", kind="nhs")["name"].to_list() == ["Trust"]
    with pytest.raises(ValueError, match=r"takes \['kind'\]"):
        db.run_query(con, "anchors_by_kind", knd="nhs")
    db.load_query.cache_clear()


# Another process: opens the store (taking DuckDB's file lock), says so, then holds it for argv[2] seconds.
HOLDER = (
    "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('locked', flush=True); "
    "time.sleep(float(sys.argv[2]))"
)


def hold_lock(store_path: Path, seconds: float) -> subprocess.Popen:
    """Start a process holding the store's lock for `seconds`; return once it holds it."""
    db.open_store(store_path).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(store_path), str(seconds)], stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout.readline().strip() == "locked"
    return holder


def test_writer_waits_for_another_process(store_path: Path) -> None:
    holder = hold_lock(store_path, 1.5)
    started = time.monotonic()
    with db.connect(store_path, wait_s=30) as con:
        con.execute("insert into anchors (name, kind) values ('Late', 'other')")
    assert time.monotonic() - started > 0.5  # it really waited for the other process
    holder.wait(timeout=30)
    holder.stdout.close()


def test_gives_up_with_a_clear_error(store_path: Path) -> None:
    holder = hold_lock(store_path, 5)
    try:
        with pytest.raises(db.StoreBusy, match="stayed locked"):
            db.open_store(store_path, wait_s=0.3)
    finally:
        holder.kill()
        holder.wait()
        holder.stdout.close()
