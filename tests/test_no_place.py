"""No place set: the Overview, `metrics --json` and the weekly PDF say so in the same words, not "Local share 0.0%"."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import app_store
import pytest
from cli_process import run_cli
from report_store import build_store

from anchorspend import db

HOW = "anchorspend place set --local CODES --regional CODES"  # how to set one, as the user must read it


def forget_place(path: Path) -> Path:
    """The store with its place removed, as a user who loaded files but never chose one has it."""
    with db.connect(path) as con:
        con.execute("delete from place_districts")
        con.execute("delete from place")
        from anchorspend.metrics import refresh

        refresh(con)
    return path


@pytest.fixture(scope="module")
def report_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return forget_place(build_store(tmp_path_factory.mktemp("noplace") / "store.duckdb"))


def test_metrics_json_says_not_set_instead_of_zero(report_store: Path) -> None:
    result = run_cli("metrics", "--json", "--db", str(report_store), "--from", "2026-04-01", "--to", "2026-11-22")
    assert result.returncode == 0, result.stderr
    m = json.loads(result.stdout)
    assert m["scope"]["local_codes"] == []
    for key in ("local_share", "regional_share", "leakage", "addressable_leakage", "deprived_area_share"):
        assert m.get(key) is None, key
    assert m["lm3"]["value"] is None
    assert "No place is set" in m["place"] and HOW in m["place"]
    assert m["definitions"]["local_share"].startswith("Not set: No place is set")
    # what does not need a place is still there: 247,000 + 85,000 in scope (tests/report_store.py)
    assert m["total_spend"] == 332_000
    assert m["unknown_share"] is not None


def test_a_store_with_a_place_still_prints_its_shares(tmp_path: Path) -> None:
    store = build_store(tmp_path / "placed.duckdb")
    result = run_cli("metrics", "--json", "--db", str(store), "--from", "2026-04-01", "--to", "2026-11-22")
    m = json.loads(result.stdout)
    assert "place" not in m
    assert round(m["local_share"] * 100, 1) == 37.7  # 125,000 / 332,000, by hand in test_report_pdf.py


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) not installed")
def test_weekly_pdf_says_not_set_and_how(report_store: Path) -> None:
    out = report_store.parent / "week47.pdf"
    result = run_cli("report", "--db", str(report_store), "--week", "2026-W47", "--out", str(out), timeout=300)
    assert result.returncode == 0, result.stderr
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True).stdout
    first = " ".join(text.split("\f")[0].split())
    # the big figures: Local share, LM3, Spend in scope
    assert "Local share Local multiplier (LM3) Spend in scope Not set Not set £332k" in first
    assert "No place is set" in first and HOW in first
    rows = [line.strip() for line in text[text.index("Each headline with its change") :].splitlines()]
    for label in ("Local share", "Regional share", "LM3 (local multiplier)", "Spend in deprived areas"):
        row = next(r for r in rows if r.startswith(label))
        assert row[len(label) :].split()[:2] == ["Not", "set"], row
    assert next(r for r in rows if r.startswith("Spend in scope")).split()[3] == "£332,000"
    assert "0.0%" not in " ".join(r for r in rows if r.startswith("Local share"))


def test_overview_cards_say_not_set_and_the_page_says_how(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = forget_place(app_store.build(tmp_path / "app.duckdb"))
    monkeypatch.setenv("ANCHORSPEND_DB", str(store))
    monkeypatch.delenv("ANCHORSPEND_LOCK_WORKSHOP", raising=False)
    at = app_store.open_page(store, "overview")
    assert not at.exception, [e.value for e in at.exception]
    cards = {m.label: m.value for m in at.metric}
    for label in ("Local share", "Regional share", "LM3 (local multiplier)", "Spend in deprived areas"):
        assert cards[label] == "Not set", (label, cards[label])
    assert cards["Spend in scope"].startswith("£")
    warnings = " ".join(w.value for w in at.warning)
    assert "No place is set" in warnings and HOW in warnings
    assert not any("0.0% local" in c.value for c in at.caption)
