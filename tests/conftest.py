"""Shared fixtures: a fresh store per test, the real reference files (required in CI), no derived refresh."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from anchorspend import db
from anchorspend.config import Settings

REFERENCE = Settings.from_env().reference_dir
FILES = Path(__file__).resolve().parent / "files"


def reference_required() -> bool:
    """CI sets ANCHORSPEND_REQUIRE_REFERENCE=1 so that missing reference files fail instead of skipping."""
    return os.environ.get("ANCHORSPEND_REQUIRE_REFERENCE", "") not in ("", "0")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Under `pytest -n` (make test), hand out the modules with slow tests first.

    Each module's tests run on one worker (--dist loadscope, pyproject), in this order (--no-loadscope-reorder):
    slow modules first, so that a 100 s test never starts last while the other worker has nothing left to do.
    Without -n the order stays the files' order.
    """
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        return
    slow = {item.path for item in items if item.get_closest_marker("slow")}
    items.sort(key=lambda item: item.path not in slow)  # stable: the files' order otherwise


@pytest.fixture(scope="session")
def reference() -> Path:
    """The folder of real published files (../shared/reference); skipped when absent, unless required."""
    if not (REFERENCE / "SOURCES.md").exists():
        message = f"reference files not found at {REFERENCE} (set ANCHORSPEND_REFERENCE)"
        if reference_required():
            pytest.fail(message + "; ANCHORSPEND_REQUIRE_REFERENCE is set, so this is a failure")
        pytest.skip(message)
    return REFERENCE


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    """A path for a fresh store file."""
    return tmp_path / "store.duckdb"


@pytest.fixture
def con(store_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A fresh, empty store with the schema created."""
    connection = db.open_store(store_path)
    yield connection
    connection.close()


@pytest.fixture
def no_refresh(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Skip the derived-table refresh (other areas' work, tested there); record that it was asked for."""
    calls: list[object] = []
    monkeypatch.setattr("anchorspend.pipeline.refresh", calls.append)
    return calls
