"""Linking to the national registers is incremental: a refresh links only the organisations that changed."""

from __future__ import annotations

from pathlib import Path

import pytest
from suppliers_store import add_anchor, add_payee
from test_registers_import import COMPANIES, write_companies_house

from anchorspend import db, pipeline
from anchorspend.suppliers.registers.imports import import_register_files

LINK_QUERIES = {"registers_link_numbers", "registers_link_names", "registers_fuzzy_candidates"}


@pytest.fixture
def queries_run(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the queries run through db.run_query, in order (what a refresh read)."""
    seen: list[str] = []
    run_query = db.run_query

    def spy(con, name, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202 - as db.run_query
        seen.append(name)
        return run_query(con, name, *args, **kwargs)

    monkeypatch.setattr(db, "run_query", spy)
    return seen


def links(con) -> list[tuple]:  # noqa: ANN001 - a DuckDB connection
    """Every link with the time it was made (a link made again has a later time)."""
    return con.execute(
        "select a.raw_name, l.register, l.entity_id, l.method, l.status, l.linked_at from supplier_register_links l "
        "join supplier_aliases a on a.supplier_id = l.supplier_id order by all"
    ).fetchall()


def linked_now(con) -> int:  # noqa: ANN001
    return pipeline.refresh(con)["resolve"]["register_links"]["organisations_linked"]


def test_a_second_refresh_links_nothing_and_reads_no_register(con, tmp_path: Path, queries_run: list[str]) -> None:  # noqa: ANN001
    council = add_anchor(con, "Wigan")
    for name in ("Wigan Window Cleaners Ltd", "Greenshots Comunity Gardens", "Nobody Known Anywhere"):
        add_payee(con, council, name)
    companies = write_companies_house(tmp_path / "ch.csv", COMPANIES)
    import_register_files(con, "companies_house", [companies])
    assert linked_now(con) == 3
    made = links(con)
    assert [(n, e, m) for n, _, e, m, _, _ in made] == [
        ("Greenshots Comunity Gardens", "SC123456", "fuzzy"),
        ("Wigan Window Cleaners Ltd", "01234567", "exact_name"),
    ]
    queries_run.clear()
    assert linked_now(con) == 0
    assert not LINK_QUERIES & set(queries_run)  # no register was read for matching
    assert links(con) == made  # the same links, not made again

    # A new payee: only its organisation is linked.
    add_payee(con, council, "Bigbuild Construction PLC")
    queries_run.clear()
    assert linked_now(con) == 1
    new = [row[:5] for row in links(con) if row not in made]
    assert new == [("Bigbuild Construction PLC", "companies_house", "00445566", "exact_name", "accepted")]
    assert set(made) <= set(links(con))

    # A register imported again (a newer file without Wigan Window Cleaners): every organisation linked again.
    newer = write_companies_house(tmp_path / "ch2.csv", [c for c in COMPANIES if c[1] != "01234567"])
    import_register_files(con, "companies_house", [newer])
    assert linked_now(con) == 4
    assert [(row[0], row[2]) for row in links(con)] == [
        ("Bigbuild Construction PLC", "00445566"),
        ("Greenshots Comunity Gardens", "SC123456"),
    ]
