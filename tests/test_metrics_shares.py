"""Shares, types, deprivation, leakage and change on small hand-made stores."""

from __future__ import annotations

import datetime as dt

import pytest
from metrics_store import build, pay

from anchorspend import db
from anchorspend.metrics import Scope, compute

YEAR = Scope(date_from=dt.date(2024, 4, 1), date_to=dt.date(2025, 3, 31))
SUPPLIERS = {
    "Local Ltd": {"district": "L1", "org_type": "sme", "division": "43", "lsoa": "LS1"},
    "Local Charity": {"district": "L1", "org_type": "vcse", "division": "88"},
    "County Ltd": {"district": "R1", "org_type": "sme", "division": "43"},
    "Far plc": {"district": "Z9", "org_type": "large", "division": "43"},
    "Far Food plc": {"district": "Z9", "org_type": "large", "division": "56"},
    "Nowhere Ltd": {"org_type": "unknown", "division": "62"},
    "Other Council": {"district": "L1", "org_type": "public"},
}


def fill(con):
    build(
        con,
        [
            pay("A", "Local Ltd", 100),
            pay("A", "Local Ltd", -20),  # a credit: net 80
            pay("A", "Local Charity", 40),
            pay("A", "County Ltd", 60),
            pay("A", "Far plc", 150),
            pay("A", "Far Food plc", 50),
            pay("A", "Nowhere Ltd", 30),  # supplier without a location
            pay("A", "Redacted Personal Information", 25, redacted=True),
            pay("A", "J Smith", 15),  # a named individual
            pay("A", "Unresolved payee", 10),  # no supplier yet
            pay("A", "Other Council", 500),  # public body: not influenceable
            pay("A", "Far plc", 70, expense_type="Precept payment"),  # excluded by its expense type
            pay("B", "Local Ltd", 200),
            pay("B", "Far plc", 100),
            pay("B", "Far plc", 999, "2023-05-10"),  # outside the period
        ],
        SUPPLIERS,
        individuals=["J Smith"],
        deprivation={"LS1": 2},
    )


@pytest.fixture
def store(con):
    fill(con)
    return con


@pytest.fixture(scope="module")
def shared(tmp_path_factory):
    con = db.open_store(tmp_path_factory.mktemp("shares") / "store.duckdb")
    fill(con)
    yield con
    con.close()


@pytest.fixture(scope="module")
def r(shared):
    return compute(shared, YEAR, baseline=False)


def test_local_regional_unknown_shares(shared, r) -> None:
    # A: 80 + 40 + 60 + 150 + 50 + 30 + 25 + 15 + 10 = 460; B: 300
    assert r["total_spend"] == pytest.approx(760)
    assert r["local_share"] == pytest.approx((80 + 40 + 200) / 760)
    assert r["regional_share"] == pytest.approx((80 + 40 + 60 + 200) / 760)
    assert r["unknown_share"] == pytest.approx((30 + 25 + 15 + 10) / 760)
    assert r["unknown_individual_share"] == pytest.approx((25 + 15) / 760)
    assert r["located_local_share"] == pytest.approx(320 / (760 - 80))
    a, b = sorted(r["by_anchor"], key=lambda x: x["anchor"])
    assert a["local_share"] == pytest.approx(120 / 460) and b["local_share"] == pytest.approx(200 / 300)
    assert r["weighted_local_share"] == pytest.approx(320 / 760)
    assert r["unweighted_local_share"] == pytest.approx((120 / 460 + 200 / 300) / 2)
    # A's only file covers May 2024, B's May 2023 to May 2024: the rest of the year is reported missing
    assert len([m for m in r["missing_months"] if m["anchor"] == "A"]) == 11
    assert [m["month"] for m in r["missing_months"] if m["anchor"] == "B"][0] == "2024-06-01"
    assert len([m for m in r["missing_months"] if m["anchor"] == "B"]) == 10


def test_all_spend_switches_the_filter_off(shared) -> None:
    r = compute(shared, Scope(**{**YEAR.__dict__, "influenceable_only": False}), baseline=False)
    assert r["total_spend"] == pytest.approx(760 + 500 + 70)
    assert r["type_shares"]["public"] == pytest.approx(500 / 1330)


def test_rules_are_data(store) -> None:
    # disabling the org_type rule brings the public body back; a new rule excludes food (defaults: seeded with
    # the store)
    store.execute("update influenceable_rules set enabled = false where applies_to = 'org_type'")
    store.execute(
        "insert into influenceable_rules (applies_to, pattern, reason) values "
        "('supplier_name', '^far food', 'national framework')"
    )
    r = compute(store, YEAR, baseline=False)
    assert r["total_spend"] == pytest.approx(760 + 500 - 50)


def test_type_shares_add_up_with_unknown_and_individual(shared, r) -> None:
    t = r["type_shares"]
    assert sum(t.values()) == pytest.approx(1)
    assert t["individual"] == pytest.approx(40 / 760)
    assert t["unknown"] == pytest.approx((30 + 10) / 760)
    assert r["sme_share"] == pytest.approx((80 + 60 + 200) / 760)
    assert r["vcse_share"] == pytest.approx(40 / 760)
    assert r["sme_unknown_share"] == pytest.approx(40 / 760)


def test_deprived_area_share_of_local_spend(shared, r) -> None:
    # local spend 320: Local Ltd (LSOA decile 2) 280, Local Charity (no small area) 40
    assert r["deprived_area_share"] == pytest.approx(280 / 320)
    assert r["deprived_area_unknown_share"] == pytest.approx(40 / 320)


def test_leakage_by_sector_and_addressable(shared, r) -> None:
    by = {s["sector"]: s for s in r["leakage_by_sector"]}
    # outside the regional tier: Far plc 150 + 100 in 43 (local capacity: Local Ltd); Far Food 50 in 56 (none)
    assert by["43"]["leakage"] == pytest.approx(250) and by["43"]["addressable"] is True
    assert by["43"]["local_suppliers"] == 1
    assert by["56"]["leakage"] == pytest.approx(50) and by["56"]["addressable"] is False
    assert r["leakage"] == pytest.approx(300) and r["addressable_leakage"] == pytest.approx(250)
    local_tier = compute(shared, Scope(**{**YEAR.__dict__, "leakage_tier": "local"}), baseline=False)
    by = {s["sector"]: s for s in local_tier["leakage_by_sector"]}
    assert by["43"]["leakage"] == pytest.approx(250 + 60)


def test_tier_override(shared) -> None:
    r = compute(
        shared, Scope(**{**YEAR.__dict__, "local_codes": ("Z9",), "regional_codes": ("Z9",)}), baseline=False
    )
    assert r["local_share"] == pytest.approx((150 + 50 + 100) / 760)
    assert r["regional_share"] == r["local_share"]


def test_partial_months_count_by_day(shared) -> None:
    # 2024-05-15 is the day of every in-period payment: a period ending on the 14th holds none of them
    r = compute(shared, Scope(date_from=dt.date(2024, 5, 1), date_to=dt.date(2024, 5, 14)), baseline=False)
    assert r["total_spend"] == 0 and r["local_share"] is None
    r = compute(shared, Scope(date_from=dt.date(2024, 5, 15), date_to=dt.date(2024, 5, 20)), baseline=False)
    assert r["total_spend"] == pytest.approx(760)


def test_change_against_the_year_before_is_like_for_like(shared) -> None:
    r = compute(shared, YEAR)
    assert r["baseline"]["total_spend"] == pytest.approx(999)  # the whole year earlier, as it was
    assert r["baseline"]["local_share"] == 0
    # Only B paid in May of both years (A has nothing a year earlier): the change compares B's May with B's May.
    lfl = r["baseline"]["like_for_like"]
    assert lfl["anchors"] == ["B"] and [a["anchor"] for a in lfl["left_out"]] == ["A"]
    assert (lfl["date_from"], lfl["date_to"]) == ("2024-05-01", "2024-05-31")
    assert r["baseline"]["comparable"] is True
    assert r["change"]["total_spend_gbp"] == pytest.approx(300 - 999)  # never 760 (A and B) - 999 (B alone)
    assert r["change"]["local_share_points"] == pytest.approx(200 / 300 * 100)
    assert any("compare 1 of 2 anchors" in w and "left out: A" in w for w in r["warnings"])


def test_new_payments_and_removed_files_show_without_a_manual_refresh(store) -> None:
    compute(store, YEAR, baseline=False)
    with db.transaction(store):  # every write goes through one, which is what marks the summary stale
        store.execute(
            "insert into payments (payment_id, anchor_id, file_id, row_number, paid_on, amount_gbp, alias_id, "
            "supplier_raw) values (100, 2, 2, 9, date '2024-06-01', 40, 1, 'Local Ltd')"
        )
    assert compute(store, YEAR, baseline=False)["total_spend"] == pytest.approx(800)
    with db.transaction(store):
        store.execute("update source_files set status = 'removed' where file_id = 2")
    assert compute(store, YEAR, baseline=False)["total_spend"] == pytest.approx(460)


def test_read_only_connection_rebuilds_in_temporary_tables(store, store_path) -> None:
    compute(store, YEAR, baseline=False)
    with db.transaction(store):
        store.execute(
            "insert into payments (payment_id, anchor_id, file_id, row_number, paid_on, amount_gbp, alias_id, "
            "supplier_raw) values (100, 2, 2, 9, date '2024-06-01', 40, 1, 'Local Ltd')"
        )
    store.close()
    with db.connect(store_path, read_only=True) as reader:
        assert compute(reader, YEAR, baseline=False)["total_spend"] == pytest.approx(800)


def test_unknown_anchor_is_a_clear_error(shared) -> None:
    from anchorspend.metrics import ScopeError

    with pytest.raises(ScopeError, match="unknown anchor 'C'"):
        compute(shared, Scope(anchors=("C",)))


def test_a_merge_moves_spend_without_a_manual_refresh(store) -> None:
    compute(store, YEAR, baseline=False)
    # the unresolved payee turns out to be Local Ltd
    with db.transaction(store):
        store.execute(
            "update supplier_aliases set supplier_id = (select supplier_id from suppliers where name = "
            "'Local Ltd') where raw_name = 'Unresolved payee'"
        )
    r = compute(store, YEAR, baseline=False)
    assert r["local_share"] == pytest.approx((320 + 10) / 760)


def test_rule_changes_make_the_summary_stale_until_it_is_rebuilt(store, tmp_path) -> None:
    """An imported or edited text rule marks the summary stale (and asks for pipeline.refresh); the next metric
    on a writable connection rebuilds it in the store, so readers need not."""
    import polars as pl

    from anchorspend import edits
    from anchorspend.metrics import import_assumptions, refresh
    from anchorspend.metrics.facts import is_fresh

    with db.transaction(store):
        refresh(store)
    rules = tmp_path / "rules.toml"
    rules.write_text(
        '[[influenceable_rule]]\napplies_to = "supplier_name"\npattern = "^far food"\nreason = "framework"\n'
    )
    assert is_fresh(store)
    import_assumptions(store, rules)
    assert not is_fresh(store) and db.refresh_pending(store)
    assert compute(store, YEAR, baseline=False)["total_spend"] == pytest.approx(760 - 50)
    assert is_fresh(store)
    before = db.run_query(store, "ui_influenceable_rules")
    after = before.with_columns(
        pl.when(pl.col("pattern") == "^far food").then(False).otherwise(pl.col("enabled")).alias("enabled")
    )
    assert edits.save_table(store, "influenceable_rules", before, after, "tester") == 1
    assert not is_fresh(store)
    assert compute(store, YEAR, baseline=False)["total_spend"] == pytest.approx(760)
    assert is_fresh(store)


@pytest.mark.parametrize(
    ("first", "last"),
    [
        ("2024-04-01", "2024-06-30"),  # whole months: all from the summary
        ("2024-04-10", "2024-06-20"),  # a part month at each end
        ("2024-04-01", "2024-05-30"),  # whole first month, part last
        ("2024-04-02", "2024-06-30"),  # part first month, whole last
        ("2024-05-03", "2024-05-28"),  # inside one month
        ("2024-05-31", "2024-06-01"),  # across a month end, one day each side
        ("2024-02-29", "2024-03-01"),  # a leap day
    ],
)
def test_any_period_counts_exactly_its_days(con, first: str, last: str) -> None:
    """Spend for a period equals the plain sum of the payments dated inside it, whatever its edges."""
    days = [
        dt.date(2024, 2, 28) + dt.timedelta(days=n) for n in range(0, 130, 3)
    ] + [dt.date(2024, 2, 29), dt.date(2024, 3, 1), dt.date(2024, 5, 31), dt.date(2024, 6, 1), dt.date(2024, 6, 30)]
    payments = [pay("A", "Local Ltd", 100 + n, day.isoformat()) for n, day in enumerate(days)]
    build(con, payments, {"Local Ltd": {"district": "L1", "org_type": "sme"}})
    start, end = dt.date.fromisoformat(first), dt.date.fromisoformat(last)
    expected = sum(100 + n for n, day in enumerate(days) if start <= day <= end)
    r = compute(con, Scope(date_from=start, date_to=end), baseline=False)
    assert r["total_spend"] == pytest.approx(expected)
    assert r["payment_count"] == sum(1 for day in days if start <= day <= end)


def test_an_older_store_gets_the_current_macros(tmp_path) -> None:
    """A version-1 store written by an earlier build (other macro text) is migrated on the next writable open; a
    read-only reader of it still gets the numbers."""
    path = tmp_path / "old.duckdb"
    con = db.open_store(path)
    fill(con)
    con.execute(
        "create or replace macro metrics_scoped_rows(date_from, date_to, anchor_ids, all_spend) as table "
        "select anchor_id, date_trunc('month', paid_on)::date as month, null::integer as supplier_id, "
        "false as is_individual, amount_gbp, 1 as payment_count from payments where false"
    )
    con.execute("delete from schema_version where version > 1")
    con.close()
    reader = db.open_store(path, read_only=True)
    assert compute(reader, YEAR, baseline=False)["total_spend"] == 0  # the stale macro answers, no error
    reader.close()
    con = db.open_store(path)
    assert db.schema_version(con) == db.SCHEMA_VERSION
    assert compute(con, YEAR, baseline=False)["total_spend"] == pytest.approx(760)  # upgraded on opening
    con.close()


def test_changes_on_the_year_leave_out_anchors_without_last_years_data(con) -> None:
    """One anchor lacking last year's files is left out of the change (and named); the others still compare;
    a baseline overlapping the period gives no change at all."""
    # anchor A has a file and payments every month from April 2023 to March 2025; B starts in April 2024
    payments = [
        pay("A", "Local Ltd", 100, f"{2023 + (m + 3) // 12}-{(m + 3) % 12 + 1:02d}-15") for m in range(24)
    ] + [pay("B", "Far plc", 50, f"{2024 + (m + 3) // 12}-{(m + 3) % 12 + 1:02d}-15") for m in range(12)]
    build(con, payments, {"Local Ltd": {"district": "L1", "org_type": "sme"}, "Far plc": {"district": "Z9"}})
    only_a = compute(con, Scope(**{**YEAR.__dict__, "anchors": ("A",)}))
    assert only_a["baseline"]["comparable"] is True and only_a["baseline"]["warnings"] == []
    assert only_a["baseline"]["like_for_like"]["whole"] is True
    both = compute(con, YEAR)
    assert both["total_spend"] == pytest.approx(1200 + 600)  # the period itself keeps every anchor
    assert both["baseline"]["comparable"] is True
    assert len(both["baseline"]["missing_months"]) == 12  # B's twelve months before it started
    lfl = both["baseline"]["like_for_like"]
    assert lfl["anchors"] == ["A"] and lfl["left_out"][0]["anchor"] == "B" and len(lfl["left_out"][0]["months"]) == 12
    # Like for like, A's 1,200 against A's 1,200: no change; B's 600 is not counted as growth (it was +600 mixed).
    assert both["change"]["total_spend_gbp"] == pytest.approx(0)
    assert both["change"]["local_share_points"] == pytest.approx(0)  # A was 100% local in both years
    assert lfl["current"]["local_share"] == pytest.approx(1) and both["local_share"] == pytest.approx(1200 / 1800)
    assert "left out: B (12 months without data in one year)" in both["warnings"][-1]
    two_years = compute(con, Scope(date_from=dt.date(2023, 4, 1), date_to=dt.date(2025, 3, 31)))
    assert two_years["baseline"]["overlap_days"] == 366  # April 2023 - March 2024 is in both
    assert two_years["baseline"]["comparable"] is False
    assert set(two_years["change"].values()) == {None}  # no change printed from an overlapping baseline
    assert any("overlaps the period by 366 days" in w for w in two_years["warnings"])
