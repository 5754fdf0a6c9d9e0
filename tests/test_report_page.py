"""The app's Report page: previews the weekly report's headline figures for the sidebar's scope."""

from __future__ import annotations

from pathlib import Path

import pytest
from report_store import build_store

PAGE = str(Path(__file__).resolve().parent.parent / "pages" / "report.py")


def test_report_page_previews_the_headlines(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from streamlit.testing.v1 import AppTest

    store = build_store(tmp_path / "store.duckdb")
    monkeypatch.setenv("ANCHORSPEND_DB", str(store))
    at = AppTest.from_file(PAGE, default_timeout=120)
    at.run()
    at.text_input[0].set_value("2026-W47").run()
    assert not at.exception, at.exception
    table = at.dataframe[0].value
    values = dict(zip(table["Measure"], table["This period"], strict=True))
    # By hand from report_store.py: 332,000 in scope, 125,000 of it local.
    assert values["Spend in scope"] == "£332,000"
    assert values["Local share"] == "37.7%"
    assert any("Fictional demo data" in w.value for w in at.warning)
    assert [b.label for b in at.button] == ["Make the PDF"]
