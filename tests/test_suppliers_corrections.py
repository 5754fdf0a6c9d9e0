"""Correcting a supplier by hand: rename, a merge that keeps the chosen name, postcode/sector/type set by hand."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from suppliers_store import add_anchor, add_payee, supplier_of

from anchorspend import db
from anchorspend.cli import main


@pytest.fixture
def store(store_path: Path) -> Path:
    """One council paying a misspelt organisation, its right spelling, and an unrelated one."""
    with db.connect(store_path) as con:
        council = add_anchor(con, "Salford")
        add_payee(con, council, "Brightwater Clening Ltd", amount=900)  # the most-paid spelling, misspelt
        add_payee(con, council, "Harbour Catering Services", amount=300)
        add_payee(con, council, "Northgate Stationery", amount=50)
    with db.connect(store_path) as con:
        from anchorspend import pipeline

        pipeline.refresh(con)  # the one entry holds its own transaction
    return store_path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def listed(capsys: pytest.CaptureFixture[str], store: Path) -> dict[int, dict]:
    code, out, _ = run(capsys, "suppliers", "list", "--json", "--db", str(store))
    assert code == 0
    return {row["id"]: row for row in json.loads(out)}


def ids(store: Path, *names: str) -> list[int]:
    with db.connect(store, read_only=True) as con:
        return [supplier_of(con, n) for n in names]


def log_actions(store: Path) -> list[tuple[str, str, str | None, str]]:
    with db.connect(store, read_only=True) as con:
        return con.execute(
            "select action, target, old_value, new_value from change_log where action like 'suppliers.%' "
            "and action <> 'suppliers.resolve' order by change_id"
        ).fetchall()


def add_spelling_and_refresh(store: Path, raw_name: str) -> None:
    """A later load: another council's file with another spelling, then the refresh every load runs."""
    from anchorspend import pipeline

    with db.connect(store) as con:
        add_payee(con, add_anchor(con, f"Council {raw_name}"), raw_name, amount=5000)
        pipeline.refresh(con)  # the one entry holds its own transaction


def test_rename_lasts_and_is_logged(store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (bright,) = ids(store, "Brightwater Clening Ltd")
    assert listed(capsys, store)[bright]["name"] == "Brightwater Clening Ltd"
    assert run(capsys, "suppliers", "rename", str(bright), "Brightwater Cleaning Ltd", "--db", str(store))[0] == 0
    assert listed(capsys, store)[bright]["name"] == "Brightwater Cleaning Ltd"
    assert log_actions(store) == [
        ("suppliers.rename", str(bright), "Brightwater Clening Ltd", "Brightwater Cleaning Ltd")
    ]
    # A later file pays the same organisation under a spelling with far more spend: the chosen name stays.
    add_spelling_and_refresh(store, "BRIGHTWATER CLENING LIMITED")
    assert ids(store, "BRIGHTWATER CLENING LIMITED") == [bright]
    assert listed(capsys, store)[bright]["name"] == "Brightwater Cleaning Ltd"


def test_merge_keeps_the_name_chosen(store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bright, harbour = ids(store, "Brightwater Clening Ltd", "Harbour Catering Services")
    code, _, err = run(
        capsys, "suppliers", "merge", str(harbour), str(bright), "--name", "Brightwater Group", "--db", str(store)
    )
    assert code == 0, err
    rows = listed(capsys, store)
    assert harbour not in rows and rows[bright]["name"] == "Brightwater Group"
    assert sorted(rows[bright]["aliases"]) == ["Brightwater Clening Ltd", "Harbour Catering Services"]
    assert [a for a, *_ in log_actions(store)] == ["suppliers.merge", "suppliers.rename"]


def test_set_postcode_sector_and_type_by_hand(store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (northgate,) = ids(store, "Northgate Stationery")
    args = ["--postcode", "m5 4wt", "--sector", "47", "--type", "SME", "--db", str(store)]
    assert run(capsys, "suppliers", "set", str(northgate), *args)[0] == 0
    row = listed(capsys, store)[northgate]
    assert (row["postcode"], row["sector"], row["sector_section"], row["sector_source"]) == (
        "M5 4WT",
        "47",
        "G",
        "manual",
    )
    assert row["type"] == "sme" and row["type_rule"].startswith("manual")
    assert sorted(a for a, *_ in log_actions(store)) == [
        "suppliers.set_postcode",
        "suppliers.set_sector",
        "suppliers.set_type",
    ]
    # Kept when the store is refreshed again after another load.
    add_spelling_and_refresh(store, "NORTHGATE STATIONERY LTD")
    row = listed(capsys, store)[northgate]
    assert (row["postcode"], row["sector"], row["type"]) == ("M5 4WT", "47", "sme")


def test_a_manual_choice_follows_a_merge(store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bright, northgate = ids(store, "Brightwater Clening Ltd", "Northgate Stationery")
    assert run(capsys, "suppliers", "set", str(northgate), "--type", "vcse", "--db", str(store))[0] == 0
    assert run(capsys, "suppliers", "merge", str(northgate), str(bright), "--db", str(store))[0] == 0
    assert listed(capsys, store)[bright]["type"] == "vcse"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["rename", "{id}", "   "], "a supplier name must be"),
        (["rename", "{id}", "x" * 201], "a supplier name must be"),
        (["rename", "{id}", "two\nlines"], "a supplier name must be"),
        (["set", "{id}", "--postcode", "NOT A POSTCODE"], "is not a full UK postcode"),
        (["set", "{id}", "--sector", "00"], "is not a SIC 2007 division"),
        (["set", "{id}", "--type", "huge"], "is not a supplier type"),
        (["set", "{id}", "--sector", "86", "--type", "huge"], "is not a supplier type"),
        (["set", "{id}"], "say what to set"),
        (["rename", "99999", "Anything"], "no supplier with id 99999"),
        (["merge", "{id}", "{id}", "--name", ""], "a supplier name must be"),
    ],
)
def test_bad_corrections_are_refused_whole(
    store: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    (northgate,) = ids(store, "Northgate Stationery")
    before = listed(capsys, store)
    code, _, err = run(capsys, "suppliers", *[a.format(id=northgate) for a in args], "--db", str(store))
    assert code != 0
    assert message in err and len(err.strip().splitlines()) == 1
    assert listed(capsys, store) == before and log_actions(store) == []
