"""Values that made it into the store must not break a page: every page renders over a store holding payments
dated 0001-01-01 and 9999-12-31 (inserted in SQL, as if they had got past every check)."""

from __future__ import annotations

from pathlib import Path

import app_store
import duckdb
import pytest

PAGES = ("overview", "multiplier", "leakage", "collaboration", "map", "suppliers", "data", "report")


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = app_store.build(tmp_path_factory.mktemp("hostile_app") / "store.duckdb")
    with duckdb.connect(str(path)) as con:
        for offset, day in ((1000, "9999-12-31"), (2000, "0001-01-01")):
            con.execute(
                f"insert into payments select * replace (payment_id + {offset} as payment_id, "
                f"date '{day}' as paid_on) from payments where payment_id = (select min(payment_id) from payments)"
            )
    return path


@pytest.mark.parametrize("page", PAGES)
def test_every_page_survives_extreme_stored_dates(store: Path, page: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ANCHORSPEND_DB", str(store))
    at = app_store.open_page(store, page)
    assert app_store.problems(at) == []
