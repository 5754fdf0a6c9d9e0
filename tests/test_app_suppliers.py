"""The Suppliers page through AppTest: find a supplier, its evidence; merge, split and review, signed in."""

from __future__ import annotations

from pathlib import Path

import app_store
import pytest
from app_store import open_page, problems, rows, sign_in
from streamlit.testing.v1 import AppTest

from anchorspend import db, suppliers
from anchorspend.view import gbp, pct

SUPPLIERS = "pages/suppliers.py"
PASSWORD = "correct horse"


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return app_store.add_evidence(app_store.build(tmp_path_factory.mktemp("suppliers") / "store.duckdb"))


@pytest.fixture
def store(template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh copy of the hand-made store per test (these tests change it), its facts backed by registers."""
    return app_store.use_copy(template, tmp_path, monkeypatch)


def select(at: AppTest, table: str, row: int) -> AppTest:
    """Click a row of a selectable table."""
    at.session_state[table] = {"selection": {"rows": [row], "columns": [], "cells": []}}
    return at.run()


def supplier_table(at: AppTest) -> str:
    """The search table's key: a new one after each merge or split, so no stale row stays ticked."""
    return f"supplier_table_{at.session_state.get('_supplier_round', 0)}"


def find(at: AppTest, text: str) -> AppTest:
    """Search, then select the first supplier found."""
    at.text_input(key="supplier_q").set_value(text).run()
    return select(at, supplier_table(at), 0)


def headline(at: AppTest, label: str) -> str:
    at.switch_page(app_store.page("overview")).run()
    return {m.label: m.value for m in at.metric}[label]


def test_a_suppliers_payments_spellings_and_location(store: Path) -> None:
    at = find(open_page(store, SUPPLIERS), "gamma")
    assert not problems(at)
    assert at.subheader[0].value == "Gamma Construction PLC"
    values = {app_store.shown(m.label): m.value for m in at.metric}
    # By hand: the council pays £2,000 and the trust £1,500 a month, April to September 2024; the council also
    # £2,000 a month April to September 2023 (tests/app_store.py).
    assert values["Paid, 2024-25 (to 15 Sep 2024)"] == gbp(21_000) and values["Anchors paying it"] == "2 of 2"
    assert values["Paid, all loaded months"] == gbp(33_000)
    by_anchor = at.dataframe[1].value.set_index("anchor")
    assert by_anchor["amount_gbp"].to_dict() == {app_store.COUNCIL: 12_000, app_store.TRUST: 9_000}
    assert by_anchor["payments"].to_dict() == {app_store.COUNCIL: 6, app_store.TRUST: 6}
    spellings = at.dataframe[2].value
    assert sorted(spellings["raw_name"]) == ["GAMMA CONSTRUCTION PLC", "Gamma Construction PLC"]
    facts = " ".join(m.value for m in at.markdown)
    assert values["Located by"] == "register branch"
    assert "**Postcode** GA1 1AA" in facts and "**District** Gamma" in facts
    # The evidence behind it: the register's branch postcode, and the two anchors' contracts with it.
    evidence = next(d.value for d in at.dataframe if "branch_postcodes" in d.value.columns)
    assert sorted(zip(evidence["source"], evidence["branch_postcodes"].fillna(""), strict=True)) == [
        ("contracts", ""),
        ("contracts", ""),
        ("register", "GA1 1AA"),
    ]


def test_merge_and_split_need_sign_in_and_move_the_numbers(store: Path) -> None:
    before = headline(open_page(store, "pages/overview.py"), "Local share")
    assert before == pct(10_200 / 36_900)
    at = find(open_page(store, SUPPLIERS, password=PASSWORD), "unknown co")
    assert not any(b.key and b.key.startswith("merge_go") for b in at.button)  # no merging before sign-in
    sign_in(at, "wrong", form="sign_in_suppliers")
    assert any("not right" in app_store.shown(e.value) for e in at.error)
    assert not any(b.key and b.key.startswith("merge_go") for b in at.button)
    sign_in(at, PASSWORD, form="sign_in_suppliers")
    (unknown,) = rows(store, "select supplier_id from suppliers where name = 'Unknown Co Ltd'")[0]
    at.selectbox(key=f"merge_into_{unknown}").set_value(1).run()  # Local Builders Ltd
    at.button(key=f"merge_go_{unknown}").click().run()
    assert not problems(at)
    assert app_store.shown(at.success[0].value).startswith(
        "Done: Unknown Co Ltd and Local Builders Ltd are now one organisation"
    )
    assert at.text_input(key="supplier_q").value == "Local Builders Ltd"  # shows where it went
    assert rows(store, "select count(*) from suppliers where name = 'Unknown Co Ltd'") == [(0,)]
    (merge,) = rows(store, "select changed_by, old_value, new_value from change_log where action = 'suppliers.merge'")
    assert merge[0] == "app:admin" and "unknown co" in merge[1].lower() and "local builders" in merge[2].lower()
    # Unknown Co's £300 a month now counts as local on the Overview: 10,200 + 1,800 of 36,900.
    assert headline(at, "Local share") == pct(12_000 / 36_900)
    # Split the spelling back out: a different organisation after all, and the share goes back.
    at.switch_page(app_store.page(SUPPLIERS)).run()
    select(at, supplier_table(at), 0)
    at.selectbox(key="split_1").set_value("Unknown Co Ltd").run()
    at.button(key="split_go_1").click().run()
    assert not problems(at)
    assert app_store.shown(at.success[0].value).startswith("Done: 'Unknown Co Ltd' split from Local Builders Ltd")
    assert headline(at, "Local share") == before
    assert [
        r[0]
        for r in rows(store, "select action from change_log where action in ('suppliers.merge', 'suppliers.split')")
    ] == [
        "suppliers.merge",
        "suppliers.split",
    ]


def test_splitting_a_suppliers_own_name_says_why_not(store: Path) -> None:
    at = find(open_page(store, SUPPLIERS), "gamma")
    at.selectbox(key="split_3").set_value("Gamma Construction PLC").run()
    at.button(key="split_go_3").click().run()
    assert not at.exception
    assert app_store.shown(at.error[0].value).startswith("Not done:") and "main name" in app_store.shown(
        at.error[0].value
    )
    assert "main name of this supplier" in app_store.shown(
        at.error[0].value
    )  # not 'of supplier 3': ids mean nothing here


def test_review_queue_accept_behind_sign_in(store: Path) -> None:
    at = open_page(store, SUPPLIERS, password=PASSWORD)
    queue = at.dataframe[-1].value
    assert list(queue["spelling"]) == ["GAMMA CONSTRUCTION PLC"] and list(queue["candidate"]) == ["Unknown Co Ltd"]
    # No ids: the spelling, the supplier it is filed under now (Gamma), the one it looks like, and why.
    assert list(queue.columns) == ["spelling", "current_supplier", "candidate", "score", "reason"]
    assert list(queue["current_supplier"]) == ["Gamma Construction PLC"]
    select(at, "review_table_0", 0)
    assert not any(b.key == "review_accept" for b in at.button)
    sign_in(at, PASSWORD, form="sign_in_review")
    at.button(key="review_accept").click().run()
    assert not problems(at)
    assert any(
        app_store.shown(s.value).startswith("Done: 'GAMMA CONSTRUCTION PLC' is Unknown Co Ltd") for s in at.success
    )
    assert any("Nothing to review" in app_store.shown(i.value) for i in at.info)
    # The spelling is Gamma's own name, so Gamma folds into Unknown Co, which gets Gamma's register entry
    # and its postcode: only the individuals' £150 a month stays of unknown location (900 of 36,900).
    assert headline(at, "Unknown location") == pct(900 / 36_900)
    assert rows(store, "select changed_by from change_log where action = 'suppliers.merge'") == [("app:admin",)]


def test_review_queue_reject_keeps_them_apart(store: Path) -> None:
    before = headline(open_page(store, "pages/overview.py"), "Unknown location")
    at = open_page(store, SUPPLIERS)
    select(at, "review_table_0", 0)
    at.button(key="review_reject").click().run()
    assert not problems(at)
    assert rows(store, "select status from review_queue") == [("rejected",)]
    assert rows(store, "select action from supplier_decisions") == [("keep_apart",)]
    assert rows(store, "select changed_by from change_log where action = 'suppliers.keep_apart'") == [("app:local",)]
    assert headline(at, "Unknown location") == before == pct(2_700 / 36_900)


def test_accepting_another_spelling_moves_only_that_spelling(store: Path) -> None:
    """A queue item whose spelling is not its organisation's own name: only the spelling moves."""
    with db.connect(store) as con:
        con.execute("insert into supplier_aliases (alias_id, raw_name, supplier_id) values (300, 'LB Ltd', 3)")
        con.execute("insert into review_queue values (300, 1, 0.7, 'similar name', 'open')")
        suppliers.accept(con, 300, 1, by="app:test")
        moved = con.execute("select alias_id, supplier_id from supplier_aliases where alias_id in (3, 103, 300)")
        assert sorted(moved.fetchall()) == [(3, 3), (103, 3), (300, 1)]
        assert con.execute("select status from review_queue where alias_id = 300").fetchall() == [("accepted",)]


def test_no_stray_values_on_the_pages(store: Path) -> None:
    """A conditional expression as a statement made Streamlit's "magic" write its value (a crash here)."""
    at = find(open_page(store, SUPPLIERS), "gamma")
    at.switch_page(app_store.page("multiplier")).run()
    assert not problems(at) and not at.get("help")


def test_search_results_put_the_money_first_and_name_districts(store: Path) -> None:
    at = open_page(store, SUPPLIERS)
    at.text_input(key="supplier_q").set_value("gamma").run()
    found = at.dataframe[0].value
    assert list(found.columns)[:2] == ["name", "paid_all_months_gbp"] and "supplier_id" not in found.columns
    # Gamma Construction over every loaded month: the council's £2,000 a month for twelve months and the
    # trust's £1,500 for six; in the district named Gamma; a large firm.
    gamma = found.set_index("name").loc["Gamma Construction PLC"]
    assert (gamma["paid_all_months_gbp"], gamma["district"], gamma["type"]) == (33_000, "Gamma", "large")
    assert gamma["located_by"] == "register branch"


def test_a_suppliers_payments_leave_out_what_every_row_repeats(store: Path) -> None:
    at = find(open_page(store, SUPPLIERS), "gamma")
    payments = next(d.value for d in at.dataframe if "paid_on" in d.value.columns)
    assert not {"supplier_id", "payment_id", "payee", "org_type", "sic_division"} & set(payments.columns)
    assert payments["amount_gbp"].sum() == 21_000 and len(payments) == 12
    spellings = at.dataframe[2].value
    assert "alias_id" not in spellings.columns


def test_after_a_merge_the_joined_organisation_is_listed_whichever_name_it_keeps(store: Path) -> None:
    """Merging the registered Local Builders into Unknown Co: the result is found, not 'No supplier matches'."""
    with db.connect(store) as con:  # a name no payment spells, as a register gives ('Ltd' written 'Limited')
        con.execute("update suppliers set name = 'Unknown Company Limited' where supplier_id = 4")
    at = find(open_page(store, SUPPLIERS), "local builders")
    at.selectbox(key="merge_into_1").set_value(4).run()  # Unknown Co Ltd
    at.button(key="merge_go_1").click().run()
    assert not problems(at) and not any("No supplier matches" in app_store.shown(i.value) for i in at.info)
    found = at.dataframe[0].value
    # One organisation with both suppliers' payments over every month, by hand from tests/app_store.py:
    # Local Builders 6 x 1,000 + 6 x 500 (council) + 6 x 400 (trust), Unknown Co 12 x 300 (council).
    assert len(found) == 1 and found["paid_all_months_gbp"][0] == 6_000 + 3_000 + 2_400 + 3_600


def test_merge_candidates_are_told_apart_by_district_and_spend(store: Path) -> None:
    at = find(open_page(store, SUPPLIERS), "gamma")
    options = at.selectbox(key="merge_into_3").options
    # Local Builders: in Alpha, paid 6 x 1,000 + 6 x 500 + 6 x 400 over every month; Unknown Co not placed.
    assert f"Local Builders Ltd · Alpha · {gbp(11_400)} all months" in options
    assert f"Unknown Co Ltd · place unknown · {gbp(3_600)} all months" in options
    assert not any(o.startswith("Gamma Construction PLC") for o in options)  # not into itself


def test_a_suppliers_detail_says_its_period_and_shows_every_month_beside_it(store: Path) -> None:
    at = find(open_page(store, SUPPLIERS), "gamma")
    at.selectbox(key="period").set_value("month").run()
    at.selectbox(key="month").set_value("2023-04").run()
    assert not problems(at)
    values = {app_store.shown(m.label): m.value for m in at.metric}
    # April 2023: only the council paid Gamma (£2,000); over every loaded month £33,000 from both anchors.
    assert values["Paid, Apr 2023"] == gbp(2_000) and values["Anchors paying it"] == "1 of 2"
    assert values["Paid, all loaded months"] == gbp(33_000)
    assert any("Figures for Apr 2023" in app_store.shown(c.value) for c in at.caption)


def add_register_twins(store: Path) -> None:
    """Two Companies House entries Unknown Co Ltd may be (one name, two companies), waiting for a person."""
    with db.connect(store) as con:
        for number, name in (("08000001", "UNKNOWN CO LIMITED"), ("08000002", "UNKNOWN CO (UK) LTD")):
            con.execute(
                "insert into register_companies_house (entity_id, name, name_key, postcode, status, is_active,"
                " category, org_kind, accounts_category, sic_codes, company_number)"
                " values ($e, $n, register_name_key($n), 'GA1 1AA', 'Active', true, 'Private Limited Company',"
                " 'ltd', 'SMALL', ['62020'], $e)",
                {"e": number, "n": name},
            )
            con.execute(
                "insert into supplier_register_links (supplier_id, register, entity_id, method, score, evidence,"
                " status) values (4, 'companies_house', $e, 'exact_name', 1.0, 'the same name', 'review')",
                {"e": number},
            )


def test_choosing_the_register_entry_a_supplier_is(store: Path) -> None:
    add_register_twins(store)
    at = open_page(store, SUPPLIERS)
    matches = next(d.value for d in at.dataframe if "entry_number" in d.value.columns)
    assert list(matches["entry_number"]) == ["08000001", "08000002"]
    assert set(matches["supplier"]) == {"Unknown Co Ltd"} and set(matches["register"]) == {"Companies House"}
    select(at, "register_table_0", 0)
    assert any("Is **Unknown Co Ltd** the Companies House entry" in app_store.shown(m.value) for m in at.markdown)
    at.button(key="register_accept").click().run()
    assert not problems(at)
    assert any(
        app_store.shown(s.value).startswith("Done: Unknown Co Ltd is Companies House UNKNOWN CO LIMITED (08000001")
        for s in at.success
    )
    # Kept as the person's decision, logged with who decided, and no longer asked.
    assert rows(
        store, "select entity_id, method, status from supplier_register_links where supplier_id = 4"
        " and status = 'accepted'"
    ) == [("08000001", "manual", "accepted")]
    assert rows(store, "select changed_by from change_log where action = 'registers.accept'") == [("app:local",)]
    remaining = [d.value for d in at.dataframe if "entry_number" in d.value.columns]
    assert not remaining or "08000001" not in list(remaining[0]["entry_number"])
    # The entry's registered office (GA1 1AA, district Gamma) now places the supplier: only the individuals' £150 a
    # month stays of unknown location (900 of 36,900; before, Unknown Co's too: 2,700).
    assert headline(at, "Unknown location") == pct(900 / 36_900)
