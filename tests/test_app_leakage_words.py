"""The Leakage page as a councillor reads it: the what-if's amounts say their period, and each meaning is said once."""

from __future__ import annotations

from pathlib import Path

import app_store
import pytest


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return app_store.build(tmp_path_factory.mktemp("leakage_words") / "store.duckdb")


@pytest.mark.parametrize("workshop", [False, True])
def test_what_if_amounts_say_their_period(store: Path, monkeypatch: pytest.MonkeyPatch, workshop: bool) -> None:
    monkeypatch.setenv("ANCHORSPEND_DB", str(store))
    monkeypatch.delenv("ANCHORSPEND_LOCK_WORKSHOP", raising=False)
    at = app_store.open_page(store, "leakage", workshop=workshop)
    assert not app_store.problems(at), app_store.problems(at)
    cards = {m.label: m.value for m in at.metric}
    # 10% of the addressable leakage (tests/app_store.py): Gamma Construction, outside the region in SIC 41 where
    # Local Builders is local, £2,000 + £1,500 a month for six months = £21,000
    assert cards["Kept locally"] == "£2,100"
    notes = [app_store.shown(c.value) for c in at.caption]
    assert any(n.startswith("Amounts are for the period shown, 2024-25 (to 15 Sep 2024)") for n in notes), notes


def test_workshop_says_what_leakage_means_once(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ANCHORSPEND_DB", str(store))
    monkeypatch.delenv("ANCHORSPEND_LOCK_WORKSHOP", raising=False)
    at = app_store.open_page(store, "leakage", workshop=True)
    said = [m.value for m in at.markdown if m.value.startswith("Money paid to suppliers outside the area")]
    assert said == ["Money paid to suppliers outside the area."], said  # under its card, not again below both


def test_workshop_what_if_sectors_in_plain_words(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ANCHORSPEND_DB", str(store))
    monkeypatch.delenv("ANCHORSPEND_LOCK_WORKSHOP", raising=False)
    at = app_store.open_page(store, "leakage", workshop=True)
    chooser = at.multiselect(key="whatif_sectors")
    assert chooser.proto.placeholder == "All sectors where local firms already do the work"  # not "addressable"
    assert chooser.options == ["Construction of buildings"]  # the one sector with local capacity, in plain words
