"""Resolution on small hand-made stores with known answers: spellings, numbers, look-alikes, individuals."""

from __future__ import annotations

import duckdb
from suppliers_store import add_anchor, add_payee, supplier_of

from anchorspend import pipeline
from anchorspend.suppliers import merge, resolve, split
from anchorspend.suppliers.decisions import keep_apart


def test_spellings_across_anchors_are_one_organisation(con: duckdb.DuckDBPyConnection) -> None:
    manchester, salford = add_anchor(con, "Manchester"), add_anchor(con, "Salford")
    for name in ("ACME LTD", "Acme Limited", "ACME (UK) LTD", "The Acme Ltd."):
        add_payee(con, manchester, name)
    add_payee(con, salford, "ACME Ltd", amount=50)
    resolve(con)
    ids = {
        supplier_of(con, n)
        for n in ("ACME LTD", "Acme Limited", "ACME (UK) LTD", "The Acme Ltd.", "ACME Ltd")
    }
    assert len(ids) == 1 and None not in ids
    assert con.execute("select count(*) from suppliers").fetchone()[0] == 1


def test_ids_are_stable_and_new_spellings_attach(con: duckdb.DuckDBPyConnection) -> None:
    anchor = add_anchor(con, "Manchester")
    add_payee(con, anchor, "Bolton Chamber of Commerce")
    add_payee(con, anchor, "Zeta Cleaning Services Ltd")
    resolve(con)
    before = {n: supplier_of(con, n) for n in ("Bolton Chamber of Commerce", "Zeta Cleaning Services Ltd")}
    # A second month arrives with a new spelling of one and a new organisation; nothing is renumbered.
    add_payee(con, anchor, "ZETA CLEANING SERVICES LIMITED")
    add_payee(con, anchor, "Omega Roofing Ltd")
    resolve(con)
    assert {n: supplier_of(con, n) for n in before} == before
    assert supplier_of(con, "ZETA CLEANING SERVICES LIMITED") == before["Zeta Cleaning Services Ltd"]
    assert supplier_of(con, "Omega Roofing Ltd") not in before.values()
    method = con.execute(
        "select match_method from supplier_aliases where raw_name = 'ZETA CLEANING SERVICES LIMITED'"
    )
    assert method.fetchone()[0] == "exact_name"


def test_company_numbers_decide_identity(con: duckdb.DuckDBPyConnection) -> None:
    anchor = add_anchor(con, "Calderdale")
    add_payee(con, anchor, "Underwater Diving Services Ltd", company="2535986")
    add_payee(con, anchor, "UDS (Diving)", company="02535986")  # other name, same number
    add_payee(con, anchor, "Northern Builders Ltd", company="01111111")
    add_payee(con, anchor, "Northern Builders Ltd", company="02222222")  # same name, different companies
    resolve(con)
    diving = supplier_of(con, "Underwater Diving Services Ltd")
    assert supplier_of(con, "UDS (Diving)") == diving
    number = con.execute(
        "select company_number from suppliers where supplier_id = $s", {"s": diving}
    ).fetchone()[0]
    assert number == "02535986"
    builders = con.execute(
        "select count(distinct supplier_id) from supplier_aliases where raw_name = 'Northern Builders Ltd'"
    ).fetchone()[0]
    assert builders == 2


def test_look_alikes_stay_apart(con: duckdb.DuckDBPyConnection) -> None:
    anchor = add_anchor(con, "Manchester")
    pairs = [
        ("St Mary's Primary School", "St Mark's Primary School"),
        ("Bolton Chamber of Commerce", "Bury Chamber of Trade"),
        ("Little Explorers Day Nursery", "Little Foot Day Nursery"),
        ("Cheadle Primary School", "Gatley Primary School"),
        ("Deans Court Chambers", "Field Court Chambers"),
        ("18 St John Street Chambers", "39 Essex Street Chambers"),
    ]
    for a, b in pairs:
        add_payee(con, anchor, a)
        add_payee(con, anchor, b)
    resolve(con)
    for a, b in pairs:
        assert supplier_of(con, a) != supplier_of(con, b), (a, b)
    # The closest of them is not silently dropped: a person is asked.
    queued = con.execute(
        "select count(*) from review_queue q join supplier_aliases a using (alias_id) "
        "where a.raw_name = 'St Mark''s Primary School'"
    ).fetchone()[0]
    assert queued == 1


def test_individuals_never_get_a_supplier(con: duckdb.DuckDBPyConnection) -> None:
    anchor = add_anchor(con, "Hyndburn")
    add_payee(con, anchor, "Redacted Personal Information", is_individual=True)
    add_payee(con, anchor, "REDACTED - Personal Information")  # not flagged by ingest: the resolver knows it
    add_payee(con, anchor, "Mr John Barrett")
    add_payee(con, anchor, "2022:06VI Visual Impairment")
    add_payee(con, anchor, "Redactive Publishing Limited")
    resolve(con)
    rows = dict(
        con.execute(
            "select raw_name, is_individual from supplier_aliases where supplier_id is null"
        ).fetchall()
    )
    assert rows == {
        "Redacted Personal Information": True,
        "REDACTED - Personal Information": True,
        "Mr John Barrett": True,
        "2022:06VI Visual Impairment": True,
    }
    names = [r[0] for r in con.execute("select name from suppliers").fetchall()]
    assert names == ["Redactive Publishing Limited"]


def _reload(con: duckdb.DuckDBPyConnection, anchor: int, names: list[str]) -> None:
    """What a re-load does to the store: the spellings come back as new, unresolved rows."""
    con.execute("delete from payments")
    con.execute("delete from review_queue")
    con.execute("delete from supplier_aliases")
    for name in names:
        add_payee(con, anchor, name)


def test_merge_survives_a_reload(con: duckdb.DuckDBPyConnection) -> None:
    anchor = add_anchor(con, "Salford")
    names = [
        "Network Rail",
        "Network Rail Infrastructure Ltd",
        "Capita Business Services Ltd",
        "Capita Business Services Ltd TA Knowledgepool",
    ]
    for name in names:
        add_payee(con, anchor, name)
    resolve(con)
    # A name inside a longer one is only a candidate: a person decides.
    assert supplier_of(con, "Network Rail") != supplier_of(con, "Network Rail Infrastructure Ltd")
    # "X Ltd TA Y" is X trading as Y: the legal name is the organisation.
    capita = supplier_of(con, "Capita Business Services Ltd")
    assert supplier_of(con, "Capita Business Services Ltd TA Knowledgepool") == capita
    rail = supplier_of(con, "Network Rail")
    merge(con, supplier_of(con, "Network Rail Infrastructure Ltd"), rail)
    assert supplier_of(con, "Network Rail Infrastructure Ltd") == rail

    _reload(con, anchor, names)
    pipeline.refresh(con)
    assert supplier_of(con, "Network Rail") == supplier_of(con, "Network Rail Infrastructure Ltd") == rail
    assert supplier_of(con, "Capita Business Services Ltd") == capita
    actions = [r[0] for r in con.execute("select action from change_log order by change_id").fetchall()]
    assert "suppliers.merge" in actions and "suppliers.resolve" in actions


def test_split_is_replayed_after_a_reload(con: duckdb.DuckDBPyConnection) -> None:
    anchor = add_anchor(con, "Gateshead")
    names = ["GAINFORD CARE HOMES LTD", "GAINFORD CARE HOME LTD"]
    for name in names:
        add_payee(con, anchor, name)
    resolve(con)
    assert supplier_of(con, names[0]) == supplier_of(con, names[1])
    home = supplier_of(con, names[0])
    new_id = split(con, "GAINFORD CARE HOME LTD")
    assert supplier_of(con, "GAINFORD CARE HOME LTD") == new_id != home

    _reload(con, anchor, names)
    resolve(con)
    assert supplier_of(con, "GAINFORD CARE HOMES LTD") != supplier_of(con, "GAINFORD CARE HOME LTD")
    assert supplier_of(con, "GAINFORD CARE HOMES LTD") == home


def test_rejected_review_pair_is_kept_apart(con: duckdb.DuckDBPyConnection) -> None:
    anchor = add_anchor(con, "Manchester")
    add_payee(con, anchor, "St Mary's Primary School")
    alias = add_payee(con, anchor, "St Mark's Primary School")
    resolve(con)
    mary = supplier_of(con, "St Mary's Primary School")
    keep_apart(con, alias, mary)
    status = con.execute("select status from review_queue where alias_id = $a", {"a": alias}).fetchone()[0]
    assert status == "rejected"
    _reload(con, anchor, ["St Mary's Primary School", "St Mark's Primary School"])
    resolve(con)
    assert con.execute("select count(*) from review_queue").fetchone()[0] == 0


def test_a_number_given_later_folds_the_same_name(con: duckdb.DuckDBPyConnection) -> None:
    manchester, calderdale = add_anchor(con, "Manchester"), add_anchor(con, "Calderdale")
    add_payee(con, manchester, "EQUANS Regeneration Limited")
    resolve(con)
    early = supplier_of(con, "EQUANS Regeneration Limited")
    # Calderdale's file names the company under its old and new names, with its number.
    add_payee(con, calderdale, "Engie Regeneration Ltd", company="01738371")
    add_payee(con, calderdale, "Equans Regeneration Ltd", company="1738371")
    resolve(con)
    company = supplier_of(con, "Engie Regeneration Ltd")
    assert supplier_of(con, "Equans Regeneration Ltd") == company
    assert supplier_of(con, "EQUANS Regeneration Limited") == company
    assert con.execute("select count(*) from suppliers where supplier_id = $s", {"s": early}).fetchone()[
        0
    ] == (1 if early == company else 0)
    assert con.execute("select count(*) from suppliers").fetchone()[0] == 1
