"""Each report remembers the figures it printed; the next report for the same filters compares with them."""

from __future__ import annotations

import datetime as dt

import duckdb

from anchorspend.present.formats import change
from anchorspend.report.headlines import headline_rows, printed_figures
from anchorspend.report.memory import previous_report, record_report
from anchorspend.report.period import report_period

FILTERS = {"anchors": [], "local": [], "regional": [], "all_spend": False, "leakage_tier": "regional"}


def test_previous_report_is_the_latest_earlier_week_with_the_same_filters(
    con: duckdb.DuckDBPyConnection,
) -> None:
    at = dt.datetime(2026, 11, 16, 7, 0)
    record_report(con, report_period("2026-W45"), FILTERS, {"local_share": 0.30}, "a.pdf", at)
    record_report(con, report_period("2026-W46"), FILTERS, {"local_share": 0.31}, "b.pdf", at)
    record_report(
        con, report_period("2026-W46"), {**FILTERS, "all_spend": True}, {"local_share": 0.9}, "c.pdf", at
    )
    record_report(con, report_period("2026-W47"), FILTERS, {"local_share": 0.99}, "same-week.pdf", at)
    previous = previous_report(con, FILTERS, "2026-W47")
    assert previous is not None
    assert previous["week"] == "2026-W46"
    assert previous["figures"] == {"local_share": 0.31}
    assert previous_report(con, FILTERS, "2026-W45") is None
    assert previous_report(con, {**FILTERS, "anchors": ["Someone"]}, "2026-W47") is None


def test_change_since_previous_report_in_points_pounds_and_lm3() -> None:
    metrics = {
        "total_spend": 1_250_000.0,
        "local_share": 0.4123,
        "lm3": {"value": 1.57},
        "baseline": {"total_spend": 1_000_000.0, "local_share": 0.40, "lm3": {"value": 1.50}},
    }
    previous = {"total_spend": 1_200_000.4, "local_share": 0.4, "lm3": {"value": 1.55}}
    rows = {row["key"]: row for row in headline_rows(metrics, previous)}
    assert rows["total_spend"]["printed"] == "£1,250,000"
    assert rows["total_spend"]["since_previous"] == "+£50,000"
    assert rows["total_spend"]["since_baseline"] == "+£250,000"
    assert rows["local_share"]["printed"] == "41.2%"
    assert rows["local_share"]["since_previous"] == "+1.2 pts"  # 41.23% - 40.00%
    assert rows["lm3.value"]["since_previous"] == "+0.02"
    assert rows["lm3.value"]["since_baseline"] == "+0.07"
    assert rows["sme_share"]["printed"] == "n/a"
    # What this report stores is what the next one reads back.
    assert printed_figures(headline_rows(metrics, None))["lm3"] == {"value": 1.57}
    assert change(0.4 - 0.4, "share") == "no change"
    assert change(-5.0 - 10.0, "gbp") == "-£15"


def test_leakage_headline_sums_the_sectors() -> None:
    metrics = {"leakage_by_sector": [{"sector": "F", "leakage": 100.0}, {"sector": "J", "leakage": 25.5}]}
    rows = {row["key"]: row for row in headline_rows(metrics, None)}
    assert rows["leakage"]["printed"] == "£126"
    assert rows["leakage"]["since_previous"] == "first report"


def test_a_baseline_year_without_data_is_not_a_change() -> None:
    metrics = {
        "total_spend": 500.0,
        "local_share": 0.5,
        "baseline": {"total_spend": 0.0, "local_share": None},
    }
    rows = {row["key"]: row for row in headline_rows(metrics, None)}
    assert rows["total_spend"]["baseline_printed"] == "no data"
    assert rows["total_spend"]["since_baseline"] == "n/a"  # not "+£500"
