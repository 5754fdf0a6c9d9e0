"""The store: schema creation, versions, bound queries and waiting for another process's lock."""

from __future__ import annotations

import subprocess
import sys
import time
from decimal import Decimal
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


# The schema of the previous release (commit 249d086), as its stores were made: schema.sql at version 1.
PREVIOUS_SCHEMA = Path(__file__).resolve().parent / "files" / "schema_249d086.sql"


def catalog(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple]]:
    """Everything the schema defines: columns with types and defaults, constraints, sequences, indexes, macros."""
    return {
        "columns": con.execute(
            "select table_name, column_name, data_type, column_default, is_nullable "
            "from information_schema.columns order by all"
        ).fetchall(),
        "constraints": con.execute(
            "select table_name, constraint_type, constraint_text from duckdb_constraints() order by all"
        ).fetchall(),
        "sequences": con.execute("select sequence_name from duckdb_sequences() order by all").fetchall(),
        "indexes": con.execute("select index_name, sql from duckdb_indexes() order by all").fetchall(),
        "macros": con.execute(
            "select function_name, parameters, macro_definition from duckdb_functions() "
            "where function_type in ('macro', 'table_macro') and not internal order by all"
        ).fetchall(),
    }


def previous_release_store(path: Path) -> None:
    """A store as the previous release left it, with a file's worth of rows in it."""
    con = duckdb.connect(str(path))
    con.execute(PREVIOUS_SCHEMA.read_text(encoding="utf-8"))
    con.execute("insert into schema_version (version) values (1)")
    con.execute("insert into store_meta values ('version', '7'), ('metrics_section', '0123456789abcdef')")
    con.execute("insert into anchors (name, kind) values ('Preston City Council', 'council')")
    con.execute(
        "insert into source_files (anchor_id, name, sha256, rows_read, rows_loaded, rows_rejected, blank_rows, "
        "amount_total, amount_basis) values (1, 'spend.csv', 'abc', 2, 2, 0, 0, 150.25, 'gross')"
    )
    con.execute("insert into supplier_aliases (raw_name) values ('Acme Ltd')")
    con.execute(
        "insert into payments (anchor_id, file_id, alias_id, sheet, row_number, paid_on, amount_gbp, supplier_raw) "
        "values (1, 1, 1, '', 2, '2024-05-01', 100.00, 'Acme Ltd'), (1, 1, 1, '', 3, '2024-05-02', 50.25, 'Acme Ltd')"
    )
    con.close()


def test_migrations_are_numbered_once_each_from_two() -> None:
    assert sorted(db.migrations()) == list(range(2, db.SCHEMA_VERSION + 1))


def test_a_previous_release_store_is_upgraded_to_the_new_schema(tmp_path: Path) -> None:
    old = tmp_path / "old.duckdb"
    previous_release_store(old)
    with db.connect(old) as con:
        assert db.schema_version(con) == db.SCHEMA_VERSION
        upgraded = catalog(con)
        kept = con.execute(
            "select a.name, f.name, count(*), sum(p.amount_gbp) from payments p join source_files f using (file_id) "
            "join anchors a on a.anchor_id = p.anchor_id group by all"
        ).fetchall()
        applied = [row[0] for row in con.execute("select version from schema_version order by version").fetchall()]
    assert kept == [("Preston City Council", "spend.csv", 2, Decimal("150.25"))]  # the data survives
    assert applied == list(range(1, db.SCHEMA_VERSION + 1))  # every step recorded
    with db.connect(tmp_path / "new.duckdb") as con:
        fresh = catalog(con)
    for part, rows in fresh.items():  # a migration missing (or differing from schema.sql) shows here
        assert upgraded[part] == rows, part


def test_a_failed_migration_leaves_the_store_at_its_version(tmp_path: Path, monkeypatch) -> None:
    old = tmp_path / "old.duckdb"
    previous_release_store(old)
    folder = tmp_path / "migrations"
    folder.mkdir()
    (folder / "002_broken.sql").write_text("create table half_done (x integer);\nselect * from no_such_table;")
    monkeypatch.setattr(db, "MIGRATIONS", folder)
    monkeypatch.setattr(db, "SCHEMA_VERSION", 2)
    with pytest.raises(duckdb.CatalogException, match="no_such_table"):
        db.open_store(old)
    with duckdb.connect(str(old)) as con:
        assert db.schema_version(con) == 1
        assert con.execute("select count(*) from duckdb_tables() where table_name = 'half_done'").fetchone()[0] == 0


def test_a_store_newer_than_the_program_is_refused(store_path: Path) -> None:
    with db.connect(store_path) as con:
        con.execute("insert into schema_version (version) values ($v)", {"v": db.SCHEMA_VERSION + 1})
    with pytest.raises(RuntimeError, match="newer than this program"):
        db.open_store(store_path)


def test_a_new_store_starts_with_the_default_rules_and_rates_once(store_path: Path) -> None:
    with db.connect(store_path) as con:
        rules = con.execute("select count(*) from influenceable_rules").fetchone()[0]
        rates = con.execute("select count(*) from respend_rates").fetchone()[0]
        expected = [con.execute(f"select count(*) from ({db.load_query(q)})").fetchone()[0] for _, q in db.DEFAULTS]
        assert [rules, rates] == expected and rules > 0 and rates > 0
        con.execute("delete from influenceable_rules")  # a user's choice, which reopening must not undo
    with db.connect(store_path) as con:
        assert con.execute("select count(*) from influenceable_rules").fetchone()[0] == 0


def test_a_write_says_whether_derived_tables_go_stale_and_whether_a_refresh_must_follow(
    con: duckdb.DuckDBPyConnection,
) -> None:
    with db.transaction(con):
        assert db.store_version(con) == 1  # the block sees the version it commits as
    assert (db.derived_changed(con), db.refresh_pending(con)) == (1, 0)
    with db.transaction(con, changes_derived=False):
        pass
    assert (db.store_version(con), db.derived_changed(con), db.refresh_pending(con)) == (2, 1, 0)
    with db.transaction(con, needs_refresh=True):
        pass
    assert (db.derived_changed(con), db.refresh_pending(con)) == (3, 3)
    with pytest.raises(RuntimeError), db.transaction(con, needs_refresh=True):
        raise RuntimeError("boom")
    assert (db.store_version(con), db.refresh_pending(con)) == (3, 3)
    db.refresh_done(con)
    assert db.refresh_pending(con) == 0


def test_version_of_a_path_follows_every_commit(store_path: Path) -> None:
    assert db.version_of(store_path) == 0  # no store yet
    for version in (1, 2):
        with db.connect(store_path) as con, db.transaction(con):
            pass
        assert db.version_of(store_path) == version
    assert db.version_of(store_path) == 2



# DuckDB switches its progress bar on when stdout is a pipe, as it is for a command whose output a program reads,
# and draws it for a query slower than progress_bar_time (2 s; 0 here, so that any query is slow enough).
SLOW_QUERY = (
    "import sys; from anchorspend import db; con = db.open_store(sys.argv[1], read_only=True); "
    "con.execute('set progress_bar_time = 0'); "
    "print(con.execute('select count(*) from range(10000000) where range % 7 = 3').fetchone()[0])"
)


def test_a_slow_query_draws_no_progress_bar_on_stdout(store_path: Path) -> None:
    """Under load a query took over 2 s and DuckDB's bar landed in the middle of `metrics --json`."""
    db.open_store(store_path).close()
    out = subprocess.run(
        [sys.executable, "-c", SLOW_QUERY, str(store_path)], stdout=subprocess.PIPE, text=True, check=True
    ).stdout
    assert out == "1428571\n"  # the answer alone
