"""The dashboard's pure parts: periods, trend frames, shared pairs, missing months, masking, edits."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from anchorspend import db, edits
from anchorspend.present.headlines import by_key
from anchorspend.view import (
    INDIVIDUAL_LABEL,
    Filters,
    financial_years,
    make_scope,
    mask_individuals,
    missing_months,
    months,
    quarters,
    shared_pairs,
    trend_frame,
)


def test_periods_follow_the_financial_year() -> None:
    first, last = date(2023, 2, 10), date(2024, 5, 3)
    assert financial_years(first, last) == {
        "2024-25": (date(2024, 4, 1), date(2025, 3, 31)),
        "2023-24": (date(2023, 4, 1), date(2024, 3, 31)),
        "2022-23": (date(2022, 4, 1), date(2023, 3, 31)),
    }
    q = quarters(date(2024, 1, 5), date(2024, 5, 3))
    assert list(q) == ["2024-25 Q1 (Apr-Jun 2024)", "2023-24 Q4 (Jan-Mar 2024)"]
    assert q["2023-24 Q4 (Jan-Mar 2024)"] == (date(2024, 1, 1), date(2024, 3, 31))
    assert list(months(date(2023, 12, 31), date(2024, 2, 1))) == ["Feb 2024", "Jan 2024", "Dec 2023"]
    assert months(date(2024, 2, 1), date(2024, 2, 1))["Feb 2024"] == (date(2024, 2, 1), date(2024, 2, 29))


def test_trend_frame_sums_anchors_and_splits_tiers() -> None:
    rows = pl.DataFrame(
        {
            "month": [date(2024, 4, 1)] * 2,
            "anchor": ["A", "B"],
            "total_gbp": [100.0, 50.0],
            "local_gbp": [30.0, 10.0],
            "regional_gbp": [50.0, 20.0],
            "unknown_gbp": [5.0, 5.0],
        }
    )
    out = trend_frame(rows).row(0, named=True)
    assert out == {
        "month": date(2024, 4, 1),
        "local_gbp": 40.0,
        "rest_of_region_gbp": 30.0,
        "outside_gbp": 150.0 - 70.0 - 10.0,
        "unknown_gbp": 10.0,
    }


def test_shared_pairs_count_each_pair() -> None:
    pairs = shared_pairs(
        [
            {"supplier": "X", "anchors": ["A", "B", "C"], "spend": 10.0},
            {"supplier": "Y", "anchors": ["B", "A"], "spend": 5.0},
        ]
    )
    got = {
        (r["anchor_a"], r["anchor_b"]): (r["shared_suppliers"], r["spend_gbp"])
        for r in pairs.iter_rows(named=True)
    }
    assert got == {("A", "B"): (2, 15.0), ("A", "C"): (1, 10.0), ("B", "C"): (1, 10.0)}


def test_missing_months_from_the_coverage_grid() -> None:
    grid = pl.DataFrame(
        {
            "anchor": ["A", "A", "B"],
            "month": [date(2024, 4, 1), date(2024, 5, 1), date(2024, 4, 1)],
            "is_missing": [False, True, False],
        }
    )
    assert missing_months(grid) == {"A": ["May 2024"]}


def test_individuals_are_masked() -> None:
    frame = pl.DataFrame({"supplier": ["John Smith", "Acme"], "is_individual": [True, False]})
    assert mask_individuals(frame, "supplier")["supplier"].to_list() == [INDIVIDUAL_LABEL, "Acme"]


def test_scope_built_from_filters() -> None:
    from anchorspend.metrics import Scope

    scope = make_scope(
        Scope, Filters(date(2024, 4, 1), date(2024, 9, 30), ("A",), False), leakage_tier="local"
    )
    assert scope == Scope(
        date_from=date(2024, 4, 1),
        date_to=date(2024, 9, 30),
        anchors=("A",),
        influenceable_only=False,
        leakage_tier="local",
    )


def test_headline_change_comes_from_metrics() -> None:
    numbers = {
        "local_share": 0.276,
        "local_spend": 276.0,
        "total_spend": 1000.0,
        "change": {"local_share_points": 10.74},
    }
    assert by_key("local_share").formatted(numbers) == "27.6%"
    assert by_key("local_share").change(numbers) == "+10.7 pts vs baseline"
    assert "= £276 ÷ £1,000 = 27.6%" in by_key("local_share").arithmetic(numbers)


def test_edits_apply_the_difference_and_log_it(con) -> None:
    con.execute("delete from influenceable_rules")  # not the defaults a new store starts with: one rule of our own
    con.execute("delete from change_log")
    con.execute(
        "insert into influenceable_rules (applies_to, pattern, reason) values ('org_type', 'public', 'x')"
    )
    before = db.run_query(con, "ui_influenceable_rules")
    after = pl.concat(
        [
            before.with_columns(pl.lit(False).alias("enabled")),
            pl.DataFrame(
                {
                    "rule_id": [None],
                    "applies_to": ["expense_type"],
                    "pattern": ["(?i)pension"],
                    "reason": ["pensions"],
                    "enabled": [True],
                },
                schema=before.schema,
            ),
        ]
    )
    assert edits.save_table(con, "influenceable_rules", before, after, "app:test") == 2
    rules = con.execute("select pattern, enabled from influenceable_rules order by rule_id").fetchall()
    assert rules == [("public", False), ("(?i)pension", True)]
    log = con.execute("select changed_by, action from change_log order by change_id").fetchall()
    assert log == [("app:test", "influenceable_rules.update"), ("app:test", "influenceable_rules.add")]
    with pytest.raises(ValueError, match="no reason"):
        edits.save_table(
            con, "influenceable_rules", after, after.with_columns(pl.lit(None).alias("reason")), "x"
        )


def test_workshop_tables_and_their_downloads_name_no_individual() -> None:
    """ui.table shows and downloads view.shareable(frame, workshop): every name column masked for individuals."""
    from anchorspend.view import INDIVIDUAL_LABEL, shareable

    frame = pl.DataFrame(
        {
            "supplier": ["Acme Ltd", "John Smith"],
            "payee": ["Acme Ltd", "Jane Doe"],
            "supplier_raw": ["ACME LTD", "SMITH J"],
            "amount_gbp": [10.0, 20.0],
            "is_individual": [False, True],
        }
    )
    masked = shareable(frame, workshop=True)
    assert masked.columns == ["supplier", "payee", "supplier_raw", "amount_gbp"]
    assert masked.row(1) == (INDIVIDUAL_LABEL, INDIVIDUAL_LABEL, INDIVIDUAL_LABEL, 20.0)
    assert masked.row(0) == ("Acme Ltd", "Acme Ltd", "ACME LTD", 10.0)
    assert shareable(frame, workshop=False)["supplier"].to_list() == ["Acme Ltd", "John Smith"]
