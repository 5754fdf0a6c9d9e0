"""The report's tables: files summarised per anchor when many; missing months apart from publication lag."""

from __future__ import annotations

import datetime as dt

from anchorspend.report.content import ReportContent
from anchorspend.report.period import report_period
from anchorspend.report.tables import files_loaded, missing_note


def file_row(anchor: str, month: int, rows: int, rejected: int) -> dict:
    return {
        "anchor": anchor,
        "file_name": f"{anchor[:3]}-2026-{month:02d}.csv",
        "period_from": dt.date(2026, month, 1),
        "period_to": dt.date(2026, month, 28),
        "rows_loaded": rows,
        "rows_rejected": rejected,
        "loaded_at": dt.datetime(2026, 11, 20, 9, month),
    }


def test_a_few_files_are_listed_one_by_one() -> None:
    rows = files_loaded([file_row("Council", 10, 1200, 3)])
    assert rows == [
        {
            "anchor": "Council",
            "what": "Cou-2026-10.csv",
            "dates": "01 Oct 2026 to 28 Oct 2026",
            "rows_loaded": "1,200",
            "rows_rejected": "3",
            "loaded_on": "20 Nov 2026",
        }
    ]


def test_many_files_are_summed_per_anchor() -> None:
    files = [file_row("Council", m, 1000, 1) for m in range(1, 11)] + [
        file_row("Trust", m, 10, 0) for m in (4, 5, 6)
    ]
    rows = {r["anchor"]: r for r in files_loaded(files)}
    assert rows["Council"]["what"] == "10\u00a0files"
    assert rows["Council"]["rows_loaded"] == "10,000" and rows["Council"]["rows_rejected"] == "10"
    assert rows["Council"]["dates"] == "01 Jan 2026 to 28 Oct 2026"
    assert rows["Trust"]["rows_loaded"] == "30"


def content_with(anchors: list[dict]) -> ReportContent:
    return ReportContent(
        period=report_period("2026-W47"),
        generated_at=dt.datetime(2026, 11, 23, 6, 30),
        filters={},
        place_name="P",
        is_fictional=False,
        local_tier=[],
        regional_tier=[],
        metrics={},
        previous=None,
        anchors=anchors,
        months_missing=[],
        files_loaded=[],
    )


def test_months_after_the_latest_payment_are_publication_lag_not_gaps() -> None:
    anchors = [
        {"anchor": "Council", "latest_paid_on": dt.date(2026, 10, 30)},
        {"anchor": "Trust", "latest_paid_on": dt.date(2026, 9, 30)},
    ]
    missing = {"Council": [dt.date(2026, 11, 1)], "Trust": [dt.date(2026, 6, 1), dt.date(2026, 11, 1)]}
    note = missing_note(content_with(anchors), missing)
    assert note.startswith("1 anchor-month(s) up to the latest loaded month have no payments")  # Trust, June
    assert "2 anchor-month(s) after the latest payment loaded (30 October 2026) are not loaded yet" in note
    assert missing_note(content_with(anchors), {}).startswith("every anchor has payments loaded")


def test_no_change_on_the_year_against_a_baseline_that_is_not_like_for_like() -> None:
    from anchorspend.report.headlines import headline_rows

    metrics = {
        "total_spend": 1000.0, "local_share": 0.5, "lm3": {"value": 1.5},
        "baseline": {"total_spend": 400.0, "local_share": 0.25, "lm3": {"value": 1.2}, "comparable": False},
    }
    rows = {r["key"]: r for r in headline_rows(metrics, None)}
    # nothing printed from a year that is not like for like (the page says why, once), never a mixed change
    assert rows["total_spend"]["baseline_printed"] == "n/a"
    assert rows["total_spend"]["since_baseline"] == "n/a"
    metrics["baseline"]["comparable"] = True
    assert {r["key"]: r for r in headline_rows(metrics, None)}["total_spend"]["since_baseline"] == "+£600"
