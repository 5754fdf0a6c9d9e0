"""`anchorspend suppliers ...` from the command line, as a procurement lead runs them."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from suppliers_store import add_anchor, add_payee, supplier_of

from anchorspend import db
from anchorspend.cli import main


@pytest.fixture
def store(store_path: Path) -> Path:
    """A store with two councils paying one organisation under three spellings, and a redacted payee."""
    with db.connect(store_path) as con:
        manchester, salford = add_anchor(con, "Manchester"), add_anchor(con, "Salford")
        add_payee(con, manchester, "ACME CLEANING LTD", amount=1000, expense="Cleaning")
        add_payee(con, manchester, "Acme Cleaning Limited", amount=250)
        add_payee(con, salford, "Acme Cleaning Ltd.", amount=500)
        add_payee(con, salford, "Redacted Data", amount=75, is_individual=True)
        add_payee(con, salford, "St Mary's Primary School", amount=10)
        add_payee(con, salford, "St Mark's Primary School", amount=20)
    return store_path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_plain_list_names_its_columns_and_writes_pounds(store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The table a person reads in a terminal: a heading line, then £ with separators (1,000 + 250 + 500)."""
    assert run(capsys, "suppliers", "resolve", "--db", str(store))[0] == 0
    code, out, _ = run(capsys, "suppliers", "list", "--db", str(store))
    heading, *lines = out.splitlines()
    assert code == 0 and heading.split() == ["id", "paid", "(£)", "type", "SIC", "name"]
    acme = next(line for line in lines if "acme" in line.lower())
    assert acme.split()[1:4] == ["1,750.00", "unknown", "81"]


def test_list_json_after_resolve(store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "suppliers", "resolve", "--db", str(store))[0] == 0
    code, out, _ = run(capsys, "suppliers", "list", "--json", "--db", str(store))
    assert code == 0
    rows = json.loads(out)
    acme = next(r for r in rows if "Acme" in r["name"] or "ACME" in r["name"])
    assert sorted(acme["aliases"]) == ["ACME CLEANING LTD", "Acme Cleaning Limited", "Acme Cleaning Ltd."]
    assert acme["anchors"] == ["Manchester", "Salford"]
    assert float(acme["spend"]) == 1750.0
    assert acme["sector"] == "81" and acme["type"] == "unknown" and acme["location_evidence"] == "unknown"
    assert {
        "id",
        "name",
        "aliases",
        "anchors",
        "spend",
        "location_evidence",
        "district",
        "sector",
        "type",
    } <= set(acme)
    # Individuals are never organisations.
    assert not any("Redacted" in a for r in rows for a in r["aliases"])
    assert len(rows) == 3


def test_list_csv(store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "suppliers", "resolve", "--db", str(store))
    code, out, _ = run(capsys, "suppliers", "list", "--csv", "--db", str(store))
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and len(rows) == 3
    assert rows[0]["aliases"] == "ACME CLEANING LTD | Acme Cleaning Limited | Acme Cleaning Ltd."


def test_review_merge_and_split(store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "suppliers", "resolve", "--db", str(store))
    code, out, _ = run(capsys, "suppliers", "review", "--db", str(store))
    assert code == 0 and "St Mark's Primary School" in out and "1 open pairs" in out
    with db.connect(store) as con:
        mary, mark = (
            supplier_of(con, "St Mary's Primary School"),
            supplier_of(con, "St Mark's Primary School"),
        )
    assert run(capsys, "suppliers", "merge", str(mark), str(mary), "--db", str(store))[0] == 0
    with db.connect(store) as con:
        assert supplier_of(con, "St Mark's Primary School") == mary
    assert run(capsys, "suppliers", "split", "St Mark's Primary School", "--db", str(store))[0] == 0
    with db.connect(store) as con:
        assert supplier_of(con, "St Mark's Primary School") != mary
        assert con.execute("select count(*) from supplier_decisions").fetchone()[0] == 2


def test_bad_input_is_one_line(store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("Postcode\nM5 4WT\n", encoding="utf-8")
    code, _, err = run(capsys, "suppliers", "import", str(bad), "--db", str(store))
    assert code == 1 and err.count("\n") == 1 and "no supplier name column" in err
    code, _, err = run(capsys, "suppliers", "merge", "999", "1", "--db", str(store))
    assert code == 1 and "no supplier with id 999" in err
    code, _, err = run(capsys, "suppliers", "import", str(tmp_path / "missing.csv"), "--db", str(store))
    assert code == 1 and "no such file" in err and err.count("\n") == 1
