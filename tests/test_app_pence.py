"""Tables that list single payments show pence, as the ledger they are reconciled with; totals stay to the pound."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import app_store
import pytest
from app_store import open_page, problems
from streamlit.testing.v1 import AppTest

from anchorspend import db

PENCE = Decimal("2000.45")  # one of Gamma's council payments, as a ledger has it


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The hand-made store with one payment in pounds and pence (Gamma's council payment of April 2024)."""
    path = app_store.build(tmp_path / "store.duckdb")
    with db.connect(path) as con:
        con.execute(
            "update payments set amount_gbp = $a where supplier_raw = 'Gamma Construction PLC' "
            "and anchor_id = 1 and paid_on = date '2024-04-15'",
            {"a": str(PENCE)},
        )
        app_store._refresh_metrics(con)
    monkeypatch.setenv("ANCHORSPEND_DB", str(path))
    monkeypatch.delenv("ANCHORSPEND_LOCK_WORKSHOP", raising=False)
    return path


def printed(value: float | Decimal, fmt: str) -> str:
    """A number as the grid prints it with a format such as '£%,.2f' (printf with a thousands separator)."""
    found = re.fullmatch(r"(.*)%,\.(\d)f", fmt)
    assert found, fmt
    return f"{found[1]}{value:,.{int(found[2])}f}"


def formats(frame_element) -> dict[str, str]:  # noqa: ANN001 - AppTest's Dataframe element
    """Column -> the number format the grid is given."""
    config = json.loads(frame_element.proto.columns or "{}")
    return {c: v.get("type_config", {}).get("format", "") for c, v in config.items()}


def test_a_suppliers_payments_show_pence_and_its_totals_pounds(store: Path) -> None:
    at: AppTest = open_page(store, "pages/suppliers.py")
    at.text_input(key="supplier_q").set_value("gamma").run()
    at.session_state["supplier_table_0"] = {"selection": {"rows": [0], "columns": [], "cells": []}}
    at.run()
    assert not problems(at)
    payments = next(d for d in at.dataframe if "paid_on" in d.value.columns)
    amounts = payments.value["amount_gbp"].tolist()
    assert PENCE in amounts
    assert printed(PENCE, formats(payments)["amount_gbp"]) == "£2,000.45"
    by_anchor = next(d for d in at.dataframe if "payments" in d.value.columns and "anchor" in d.value.columns)
    # a total, £12,000.45 (six months of £2,000 and the 45p), to the pound
    council = by_anchor.value.set_index("anchor")["amount_gbp"][app_store.COUNCIL]
    assert printed(council, formats(by_anchor)["amount_gbp"]) == "£12,000"
