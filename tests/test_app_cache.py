"""The app's cached reads (anchorspend.ui.store): one cache per function, one computation per key, new data seen."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import duckdb
import pytest

from anchorspend import db
from anchorspend.ui.store import cached_read


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "cache.duckdb"
    with db.connect(path) as con:
        con.execute("create table numbers (n integer)")
        con.execute("insert into numbers values (1), (2), (3)")
    monkeypatch.setenv("ANCHORSPEND_DB", str(path))
    return path


def test_each_wrapped_function_has_its_own_cache(store: Path) -> None:
    def total(con: duckdb.DuckDBPyConnection, offset: int) -> int:
        return con.execute("select sum(n) + $o from numbers", {"o": offset}).fetchone()[0]

    def largest(con: duckdb.DuckDBPyConnection, offset: int) -> int:
        return con.execute("select max(n) + $o from numbers", {"o": offset}).fetchone()[0]

    # Same module, same arguments: Streamlit would share one cache if the wrappers' names were alike.
    assert (cached_read(total)(10), cached_read(largest)(10)) == (16, 13)


def test_sessions_asking_at_once_share_one_computation(store: Path) -> None:
    calls: list[int] = []

    def slow_count(con: duckdb.DuckDBPyConnection, tag: str) -> int:
        calls.append(1)
        time.sleep(0.3)  # long enough that every thread asks while the first computes
        return con.execute("select count(*) from numbers").fetchone()[0]

    read = cached_read(slow_count)
    results: list[int] = []
    threads = [threading.Thread(target=lambda: results.append(read("same"))) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [3] * 6 and len(calls) == 1


def test_a_write_to_the_store_is_seen_on_the_next_read(store: Path) -> None:
    def count(con: duckdb.DuckDBPyConnection) -> int:
        return con.execute("select count(*) from numbers").fetchone()[0]

    read = cached_read(count)
    assert read() == 3
    with db.connect(store) as con, db.transaction(con):  # every write goes through one: it bumps the version
        con.execute("insert into numbers values (4)")
    assert read() == 4
