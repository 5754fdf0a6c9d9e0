"""The report's period: ISO weeks, the financial year to date as of the week, the baseline a year earlier."""

from __future__ import annotations

import datetime as dt

import pytest

from anchorspend.report.period import PeriodError, default_week, report_period, week_end


def test_week_in_november_covers_april_to_its_sunday() -> None:
    period = report_period("2026-W47")
    # ISO week 47 of 2026 runs Monday 16 to Sunday 22 November (checked on a calendar).
    assert (period.date_from, period.date_to) == (dt.date(2026, 4, 1), dt.date(2026, 11, 22))
    assert (period.baseline_from, period.baseline_to) == (dt.date(2025, 4, 1), dt.date(2025, 11, 22))
    assert period.label == "1 April 2026 to 22 November 2026"


def test_week_in_february_belongs_to_the_financial_year_started_the_april_before() -> None:
    period = report_period("2027-W05")  # Monday 1 to Sunday 7 February 2027
    assert (period.date_from, period.date_to) == (dt.date(2026, 4, 1), dt.date(2027, 2, 7))


def test_week_that_straddles_the_financial_year_end_starts_the_new_year() -> None:
    period = report_period("2026-W14")  # Monday 30 March to Sunday 5 April 2026
    assert (period.date_from, period.date_to) == (dt.date(2026, 4, 1), dt.date(2026, 4, 5))


def test_baseline_of_a_leap_day_is_the_28th() -> None:
    period = report_period("2028-W09")  # Monday 28 February to Sunday 5 March 2028
    assert period.date_to == dt.date(2028, 3, 5)
    period = report_period(date_from=dt.date(2027, 4, 1), date_to=dt.date(2028, 2, 29), week="2028-W09")
    assert period.baseline_to == dt.date(2027, 2, 28)


def test_iso_week_53_and_year_boundaries() -> None:
    assert week_end("2026-W53") == dt.date(2027, 1, 3)  # 2026 has 53 ISO weeks
    assert week_end("2025-W01") == dt.date(2025, 1, 5)  # week 1 of 2025 starts on 30 December 2024


def test_default_week_is_the_last_complete_week() -> None:
    assert default_week(dt.date(2026, 11, 23)) == "2026-W47"  # a Monday run reports the week just ended
    assert default_week(dt.date(2026, 11, 22)) == "2026-W46"  # on Sunday, week 47 is not over yet


@pytest.mark.parametrize("text", ["2026-47", "2026W47", "W47", "2025-W53", "2026-W00", "next week"])
def test_bad_weeks_are_one_line_errors(text: str) -> None:
    with pytest.raises(PeriodError) as error:
        report_period(text)
    assert "\n" not in str(error.value)


def test_explicit_dates_override_the_financial_year() -> None:
    period = report_period("2026-W47", date_from=dt.date(2026, 10, 1), date_to=dt.date(2026, 10, 31))
    assert (period.baseline_from, period.baseline_to) == (dt.date(2025, 10, 1), dt.date(2025, 10, 31))
    with pytest.raises(PeriodError):
        report_period("2026-W47", date_from=dt.date(2026, 11, 1), date_to=dt.date(2026, 10, 1))


def test_the_period_stops_at_the_last_payment_like_the_dashboard() -> None:
    """Data to Friday 30 October, report for the week ending Sunday 1 November: both periods end on the 30th."""
    period = report_period(week="2026-W44", data_end=dt.date(2026, 10, 30))
    assert (period.date_from, period.date_to) == (dt.date(2026, 4, 1), dt.date(2026, 10, 30))
    assert period.baseline_to == dt.date(2025, 10, 30)
    # data beyond the week change nothing; explicit dates win
    assert report_period(week="2026-W44", data_end=dt.date(2026, 11, 20)).date_to == dt.date(2026, 11, 1)
    assert report_period(week="2026-W44", date_to=dt.date(2026, 10, 31), data_end=dt.date(2026, 10, 30)).date_to == (
        dt.date(2026, 10, 31)
    )
