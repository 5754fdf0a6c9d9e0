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


def test_overview_report_page_and_command_line_share_one_default_period(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The Report page's default week and the Overview's default period end where `anchorspend report` ends."""
    import datetime as dt
    import subprocess
    import sys

    from streamlit.testing.v1 import AppTest

    from anchorspend.report.period import report_period

    store = build_store(tmp_path / "store.duckdb")
    monkeypatch.setenv("ANCHORSPEND_DB", str(store))
    # What the command line does without --week: its period is in the PDF's file name and text; asked directly
    # here through the same arguments it parses (the last payment in report_store.py is on 30 November 2026).
    cli = report_period(data_end=dt.date(2026, 11, 30))
    page = AppTest.from_file(PAGE, default_timeout=120).run()
    assert not page.exception, page.exception
    assert page.text_input[0].value == cli.week
    assert any(cli.label in s.value for s in page.subheader)
    overview = AppTest.from_file(str(Path(PAGE).parent.parent / "app.py"), default_timeout=120).run()
    assert not overview.exception, overview.exception
    captions = [c.value.replace("\\", "") for c in overview.caption]  # as shown: Markdown escapes removed
    assert any(f"(to {cli.date_to:%d %b %Y})" in c for c in captions), captions
    out = subprocess.run(
        [sys.executable, "-m", "anchorspend", "report", "--db", str(store), "--no-record", "--out",
         str(tmp_path / "r.pdf")],
        capture_output=True, text=True, timeout=300,
    )
    assert out.returncode == 0, out.stderr
    text = subprocess.run(["pdftotext", str(tmp_path / "r.pdf"), "-"], capture_output=True, text=True).stdout
    assert cli.label in " ".join(text.split())
