"""A store with nothing loaded yet: every analysis page says so and what to do, in the same words."""

from __future__ import annotations

from pathlib import Path

import app_store
import pytest

from anchorspend import db

HOW = ("Data page", "anchorspend ingest", "anchorspend demo")  # what a new user can do next


@pytest.fixture(scope="module")
def empty_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("empty") / "store.duckdb"
    with db.connect(path):  # the schema and its defaults, no payments
        pass
    return path


@pytest.mark.parametrize("page", ["overview", "multiplier", "leakage", "collaboration", "map"])
def test_an_empty_store_says_how_to_load_payments(
    empty_store: Path, monkeypatch: pytest.MonkeyPatch, page: str
) -> None:
    monkeypatch.setenv("ANCHORSPEND_DB", str(empty_store))
    monkeypatch.delenv("ANCHORSPEND_LOCK_WORKSHOP", raising=False)
    at = app_store.open_page(empty_store, page)
    assert not app_store.problems(at), app_store.problems(at)
    notes = [app_store.shown(i.value) for i in at.info if "No payments loaded yet" in i.value]
    assert notes, [i.value for i in at.info]
    assert all(how in notes[0] for how in HOW), notes[0]
