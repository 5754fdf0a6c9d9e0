"""The Collaboration page as people see it: no internal id anywhere, no person's name in workshop mode, and the
contracts (or the suppliers) behind each of the top entries beside it."""

from __future__ import annotations

import re
from pathlib import Path

import app_store
import polars as pl
import pytest
from streamlit.testing.v1 import AppTest

from anchorspend import db

PERSON = "Mr John Doe"  # a sole trader holding a contract: an organisation to officers, a person in the room
# Text a reader would take for a database key: "supplier_id", "anchor id 3", "org-id", "#12".
ID_TEXT = re.compile(r"\b(?:anchor|supplier|payment|contract|org|alias|file|entry)[ _-]?ids?\b|#\d+", re.I)
# Whole-number columns a table may hold, each a count or a position a reader can check, never a key.
COUNTS = {"rank", "local_suppliers", "current_contracts", "row_number"}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = app_store.build(tmp_path_factory.mktemp("collab_page") / "store.duckdb")
    with db.connect(path) as con, db.transaction(con):
        con.execute(
            "insert into contracts (anchor_id, source_file, source_sha256, title, supplier_raw, sic_division,"
            " annual_value_gbp, start_on, end_on) values"
            " (2, 't.csv', 'y', 'Minor works', $person, '41', 12000, '2023-01-01', '2025-12-31')",
            {"person": PERSON},
        )
    return path


def open_collaboration(
    store: Path, monkeypatch: pytest.MonkeyPatch, workshop: bool, open_behind: bool = True
) -> AppTest:
    monkeypatch.setenv("ANCHORSPEND_DB", str(store))
    monkeypatch.delenv("ANCHORSPEND_LOCK_WORKSHOP", raising=False)
    at = AppTest.from_file(app_store.APP, default_timeout=60)
    if workshop:
        at.query_params["mode"] = "workshop"
    at.run()
    at.switch_page(app_store.page("collaboration")).run()
    if open_behind:  # every table behind a top sector opened: what the checks below read
        app_store.open_behind(at)
    assert not app_store.problems(at), app_store.problems(at)
    return at


def texts(at: AppTest) -> list[str]:
    """Every piece of text on the page a reader sees, tables' headings and cells included."""
    found = [app_store.shown(str(e.value)) for e in (*at.markdown, *at.caption, *at.subheader, *at.title)]
    found += [e.label for e in at.expander]
    for table in at.dataframe:
        frame = table.value
        found += [str(c) for c in frame.columns]
        found += [str(v) for c in frame.columns for v in frame[c].to_list()]
    return found


def assert_no_ids(at: AppTest) -> None:
    for text in texts(at):
        assert not ID_TEXT.search(text), text
    for table in at.dataframe:
        frame = pl.from_pandas(table.value) if not isinstance(table.value, pl.DataFrame) else table.value
        for name, dtype in frame.schema.items():
            assert not str(name).lower().endswith("id"), name
            if dtype.is_integer():
                assert name in COUNTS, f"an integer column that is not a count: {name}"


def test_no_internal_id_anywhere_even_with_a_sector_opened(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = open_collaboration(store, monkeypatch, workshop=False)
    assert_no_ids(at)
    at.session_state["sector_table"] = {"selection": {"rows": [0], "columns": [], "cells": []}}
    at.run()
    assert not app_store.problems(at)
    shown = " ".join(texts(at))
    assert "The payments behind it, largest first" in shown  # the chosen sector's payments are on the page
    payments = at.dataframe[-2].value  # the last table is the shared suppliers'
    assert len(payments) > 0 and "payee" in payments.columns
    assert_no_ids(at)


def test_the_contracts_behind_the_first_entry_sit_beside_it(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = open_collaboration(store, monkeypatch, workshop=False)
    assert at.expander[0].label == "The 3 contracts behind it"
    contracts = at.dataframe[0].value
    assert list(contracts.columns) == ["contract", "supplier", "anchor", "value_a_year_gbp", "ends_on"]
    # soonest end first: the register's two construction contracts (Jun, Sep 2025), then the sole trader's (Dec)
    assert list(contracts["contract"]) == ["Highways maintenance", "Estates works", "Minor works"]
    assert PERSON in list(contracts["supplier"])  # officers see who holds it
    # a year's worth: 250,000 over 3.25 years + 180,000 over 2.75 years + 12,000 a year = £154,378 -> about £150k
    assert any("3 at 2 anchors, worth about £150k a year together" in c.value for c in at.caption)


def test_at_a_desk_the_table_behind_an_entry_is_drawn_when_opened(
    store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = open_collaboration(store, monkeypatch, workshop=False, open_behind=False)
    entries = [e for e in at.expander if " behind it" in e.label]
    assert entries and all(len(e.dataframe) == 0 and len(e.caption) == 1 for e in entries)  # its summary line only
    app_store.open_behind(at)
    entries = [e for e in at.expander if " behind it" in e.label]
    assert all(len(e.dataframe) == 1 for e in entries)
    assert list(entries[0].dataframe[0].value["contract"]) == ["Highways maintenance", "Estates works", "Minor works"]


def test_workshop_mode_names_no_person(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = open_collaboration(store, monkeypatch, workshop=True, open_behind=False)
    assert len(at.table) == 0  # closed: the projector's tables are drawn when opened (1,900 page nodes otherwise)
    app_store.open_behind(at)
    shown = " ".join(texts(at))
    assert PERSON not in shown and "John Smith" not in shown and "Redacted" not in shown
    # on a projector the table behind an entry is large text (ui.frame_table), its cells written as Markdown
    assert "Individual (not shown)" in [app_store.shown(v) for v in at.table[0].value["Supplier"]]
    assert_no_ids(at)


def test_the_pdf_first_page_prints_the_page_s_top_five(
    store: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """One list, one wording: what the page shows is what the weekly PDF's first page prints (same period)."""
    import subprocess

    from anchorspend.report.build import gather, pdf_bytes
    from anchorspend.report.period import default_period

    at = open_collaboration(store, monkeypatch, workshop=False)
    entries = [app_store.shown(m.value).replace("**", "") for m in at.markdown if re.match(r"\*\*\d+\. ", m.value)]
    assert len(entries) == 2  # this store has two sectors where both anchors buy (construction, care)
    with db.connect(store, read_only=True) as con:
        last = con.execute("select max(paid_on) from payments").fetchone()[0]
        pdf = tmp_path / "report.pdf"
        pdf.write_bytes(pdf_bytes(gather(con, default_period(last), {})))
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    first_page = " ".join(text.split("\f")[0].split())
    for entry in entries:
        assert " ".join(entry.split()) in first_page, entry
