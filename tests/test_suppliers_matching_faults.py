"""Faults found trying the resolver as a new user would: order, people and companies, numbers, long names."""

from __future__ import annotations

import random
import time
from pathlib import Path

import pytest
from suppliers_reference import supplier_names
from suppliers_store import add_anchor, add_payee

from anchorspend import db
from anchorspend.suppliers import payee_kind, resolve
from anchorspend.suppliers.matching import cluster_names
from anchorspend.suppliers.normalise import normalise_name

REFERENCE = Path(__file__).resolve().parents[1] / ".." / "shared" / "reference"


def add_names(con, names: list[str]) -> None:  # noqa: ANN001 - a DuckDB connection
    """Payee spellings as ingest leaves them (unresolved), inserted in the order given, in one statement."""
    import polars as pl

    con.register("names_frame", pl.DataFrame({"position": range(len(names)), "raw_name": names}))
    con.execute("insert into supplier_aliases (raw_name) select raw_name from names_frame order by position")
    con.unregister("names_frame")


def organisations_and_review(path: Path, names: list[str]) -> tuple[set[frozenset[str]], set[tuple[str, frozenset]]]:
    """Load names in the order given into a new store, resolve once; organisations and review pairs by name."""
    with db.connect(path) as con:
        add_names(con, names)
        with db.transaction(con):
            resolve(con)
        members: dict[int, set[str]] = {}
        for supplier_id, raw_name in con.execute(
            "select supplier_id, raw_name from supplier_aliases where supplier_id is not null"
        ).fetchall():
            members.setdefault(supplier_id, set()).add(raw_name)
        review = {
            (spelling, frozenset(members[candidate]))
            for spelling, candidate in con.execute(
                "select a.raw_name, q.candidate_supplier_id from review_queue q "
                "join supplier_aliases a using (alias_id)"
            ).fetchall()
        }
    return {frozenset(m) for m in members.values()}, review


@pytest.mark.reference
def test_same_names_in_any_order_give_the_same_organisations_and_review_queue(tmp_path: Path) -> None:
    names = sorted(supplier_names(REFERENCE))
    assert len(names) > 3000
    shuffled = names[:]
    random.Random(7).shuffle(shuffled)
    first = organisations_and_review(tmp_path / "a.duckdb", names)
    second = organisations_and_review(tmp_path / "b.duckdb", shuffled)
    assert first[0] == second[0]
    assert first[1] == second[1] and first[1]  # the review queue is not empty, and the same


def test_cluster_names_does_not_depend_on_order() -> None:
    names = ["Civica", "Civica UK Ltd", "Civica Services Limited", "ACME CLEANING", "Acme Cleaning Ltd", "Acme Clean"]
    expected = None
    for seed in range(6):
        order = names[:]
        random.Random(seed).shuffle(order)
        found = dict(zip(order, cluster_names(order, [normalise_name(n) for n in order]), strict=True))
        groups = frozenset(frozenset(n for n in names if found[n] == found[m]) for m in names)
        assert expected is None or groups == expected
        expected = groups


@pytest.mark.parametrize(
    "name",
    ["E.ON", "E.ON UK", "W H Smith", "WH Smith", "J Sainsbury", "Dr Martens", "A J Taxis", "M & J Builders"],
)
def test_trading_names_with_initials_are_organisations(name: str) -> None:
    assert payee_kind(name) is None


@pytest.mark.parametrize(
    "name",
    [
        "Mr J K S Patel",
        "Mr & Mrs Smith",
        "Mr and Mrs J Smith",
        "Dr A Khan",
        "Miss P R Jones",
        "MRS J BLOGGS",
        "Rev P Ward",
    ],
)
def test_titled_names_are_people(name: str) -> None:
    assert payee_kind(name) == "person"


def test_a_payee_with_a_company_number_is_an_organisation(con) -> None:  # noqa: ANN001 - the conftest store
    anchor = add_anchor(con, "Council")
    add_payee(con, anchor, "J W PRICE", company="01234567")
    add_payee(con, anchor, "F G ROWLAND")
    with db.transaction(con):
        resolve(con)
    rows = dict(con.execute("select raw_name, is_individual from supplier_aliases").fetchall())
    assert rows == {"J W PRICE": False, "F G ROWLAND": True}


def test_names_that_differ_only_by_a_number_stay_apart(con) -> None:  # noqa: ANN001
    add_names(con, [f"Supplier {i:05d} Ltd" for i in range(1, 20000)])
    with db.transaction(con):
        resolve(con)
    assert con.execute("select count(distinct supplier_id) from supplier_aliases").fetchone()[0] == 19999
    # A store or branch number written after the name is still one organisation.
    assert normalise_name("Tesco Store 2617") == normalise_name("TESCO STORE 4410")


def test_two_registered_companies_are_not_merged_through_a_short_name(con) -> None:  # noqa: ANN001
    anchor = add_anchor(con, "Council")
    for name in ("Civica", "Civica UK Ltd", "Civica Services Limited", "CIVICA SERVICES LTD"):
        add_payee(con, anchor, name)
    with db.transaction(con):
        resolve(con)
    owner = dict(con.execute("select raw_name, supplier_id from supplier_aliases").fetchall())
    assert owner["Civica UK Ltd"] != owner["Civica Services Limited"]
    assert owner["Civica Services Limited"] == owner["CIVICA SERVICES LTD"]


def test_a_million_character_name_resolves_quickly(con) -> None:  # noqa: ANN001
    anchor = add_anchor(con, "Council")
    add_payee(con, anchor, "Acme Cleaning Ltd")
    add_payee(con, anchor, "Z" * 1_000_000)
    add_payee(con, anchor, "Acmeclean " * 100_000 + "Ltd")
    started = time.perf_counter()
    with db.transaction(con):
        summary = resolve(con)
    # Not a speed assertion: a quadratic resolver takes hours here, a linear one well under a second.
    assert time.perf_counter() - started < 60
    assert summary["records"] == 3
    assert len(normalise_name("Z" * 1_000_000)) == 200


def organisations_after_loads(path: Path, loads: list[str]) -> tuple[set[frozenset[str]], set[tuple[str, frozenset]]]:
    """Load reference files one at a time in the order given, refreshing after each; organisations and review."""
    from anchorspend import pipeline
    from anchorspend.ingest.api import ingest_file
    from anchorspend.suppliers.contracts import import_contracts

    with db.connect(path) as con:
        for name in loads:
            if name.startswith("contracts/"):
                import_contracts(con, REFERENCE / name, anchor="Salford City Council")
            else:
                ingest_file(con, REFERENCE / name, "Salford City Council", "council")
            pipeline.refresh(con)
        members: dict[int, set[str]] = {}
        for supplier_id, raw_name in con.execute(
            "select supplier_id, raw_name from supplier_aliases where supplier_id is not null "
            "union select supplier_id, supplier_raw from contracts where supplier_id is not null"
        ).fetchall():
            members.setdefault(supplier_id, set()).add(raw_name)
        review = {
            (spelling, frozenset(members[candidate]))
            for spelling, candidate in con.execute(
                "select a.raw_name, q.candidate_supplier_id from review_queue q "
                "join supplier_aliases a using (alias_id)"
            ).fetchall()
        }
    return {frozenset(m) for m in members.values()}, review


@pytest.mark.reference
def test_files_loaded_in_either_order_across_refreshes_give_the_same_organisations_and_review(
    tmp_path: Path,
) -> None:
    files = [
        "spend/greater_manchester/salford/salford_2022-05_clean.csv",
        "contracts/salford_contracts_register_2022-07_clean.csv",
        "spend/greater_manchester/manchester/manchester_2022-03_clean.csv",
        "spend/greater_manchester/salford/salford_2022-06_clean.csv",
    ]
    forward = organisations_after_loads(tmp_path / "forward.duckdb", files)
    backward = organisations_after_loads(tmp_path / "backward.duckdb", files[::-1])
    assert len(forward[0]) > 1500 and forward[1]  # thousands of payees, and a review queue to compare
    assert forward[0] == backward[0]
    assert forward[1] == backward[1]
