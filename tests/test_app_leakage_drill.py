"""The Leakage page traced down to payments: choose a sector, see the payments its leakage is made of."""

from __future__ import annotations

from pathlib import Path

import app_store
import pytest
from app_store import open_page, problems
from streamlit.testing.v1 import AppTest

LEAKAGE = "pages/leakage.py"


@pytest.fixture
def store(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    store = app_store.build(tmp_path_factory.mktemp("leakage") / "store.duckdb")
    monkeypatch.setenv("ANCHORSPEND_DB", str(store))
    return store


def choose_sector(at: AppTest, division: str) -> AppTest:
    """Tick the leakage table's row for one SIC division."""
    sectors = next(d.value for d in at.dataframe if "label" in d.value.columns)
    row = next(i for i, label in enumerate(sectors["label"]) if str(label).startswith(division))
    at.session_state["leakage_table"] = {"selection": {"rows": [row], "columns": [], "cells": []}}
    return at.run()


def payments_shown(at: AppTest):
    return next(d.value for d in at.dataframe if "amount_gbp" in d.value.columns)


def test_a_sectors_leakage_opens_on_the_payments_behind_it(store: Path) -> None:
    at = open_page(store, LEAKAGE)
    assert not problems(at)
    assert any("Choose a sector" in c.value for c in at.caption)  # the page says the table opens
    at = choose_sector(at, "41")
    assert not problems(at)
    # By hand (tests/app_store.py): outside the region only Gamma Construction PLC (SIC 41) is paid, £2,000 a month
    # by the council and £1,500 by the trust, April to September 2024: 12 payments, £21,000.
    paid = payments_shown(at)
    assert len(paid) == 12 and float(paid["amount_gbp"].sum()) == 21_000
    assert set(paid["supplier"] if "supplier" in paid.columns else paid["payee"]) == {"Gamma Construction PLC"}
    assert any("12 payments, largest first" in c.value and "outside the region" in c.value for c in at.caption)


def test_leakage_from_the_local_area_opens_on_the_regions_payments_too(store: Path) -> None:
    at = open_page(store, LEAKAGE)
    at.segmented_control(key="leakage_tier").set_value("local").run()
    at = choose_sector(at, "56")
    assert not problems(at)
    # Beta Catering CIC is in the region but not the local area: the council's £500 a month, April to September.
    paid = payments_shown(at)
    assert len(paid) == 6 and float(paid["amount_gbp"].sum()) == 3_000
    assert any("outside the local area" in c.value for c in at.caption)
