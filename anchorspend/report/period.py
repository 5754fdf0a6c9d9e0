"""The weekly report's period: an ISO week, the financial year to date as of it, and its baseline."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from anchorspend.metrics.scope import year_earlier

WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
FY_START_MONTH = 4  # UK public bodies' financial year runs April to March


class PeriodError(ValueError):
    """A week or date the report cannot use; the message is one line for the user."""


@dataclass(frozen=True)
class ReportPeriod:
    """What one report covers: its week, the period to date, and the same period a year earlier."""

    week: str
    date_from: dt.date
    date_to: dt.date
    baseline_from: dt.date
    baseline_to: dt.date

    @property
    def label(self) -> str:
        """'1 April 2026 to 22 November 2026'."""
        return f"{long_date(self.date_from)} to {long_date(self.date_to)}"

    @property
    def baseline_label(self) -> str:
        """The baseline period in words."""
        return f"{long_date(self.baseline_from)} to {long_date(self.baseline_to)}"


def long_date(day: dt.date) -> str:
    """'22 November 2026' (no leading zero)."""
    return f"{day.day} {day:%B %Y}"


def parse_week(text: str) -> tuple[int, int]:
    """'2026-W47' -> (2026, 47); a clear error for anything else."""
    match = WEEK.match(text.strip())
    if not match:
        raise PeriodError(f"--week must look like 2026-W47, not {text!r}")
    year, week = int(match.group(1)), int(match.group(2))
    last_week = dt.date(year, 12, 28).isocalendar().week  # 28 December is always in the year's last ISO week
    if not 1 <= week <= last_week:
        raise PeriodError(f"{year} has ISO weeks 1 to {last_week}, not {week}")
    return year, week


def week_of(day: dt.date) -> str:
    """The ISO week a day falls in, as 'YYYY-Www'."""
    iso = day.isocalendar()
    return f"{iso.year}-W{iso.week:02d}"


def default_week(today: dt.date | None = None) -> str:
    """The last complete ISO week: a Monday run reports on the week that ended the day before."""
    today = today or dt.date.today()
    return week_of(today - dt.timedelta(days=today.isoweekday()))


def week_end(week: str) -> dt.date:
    """The Sunday that ends an ISO week."""
    year, number = parse_week(week)
    return dt.date.fromisocalendar(year, number, 7)


def financial_year_start(day: dt.date) -> dt.date:
    """1 April on or before the day."""
    year = day.year if day.month >= FY_START_MONTH else day.year - 1
    return dt.date(year, FY_START_MONTH, 1)


def parse_day(text: str, option: str) -> dt.date:
    """A YYYY-MM-DD option value, or a one-line error naming the option."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise PeriodError(f"{option} must be a date like 2026-04-01, not {text!r}") from None


def default_period(data_end: dt.date | None, today: dt.date | None = None) -> ReportPeriod:
    """The one default period of the Overview, the Report page and `anchorspend report`: the financial year to
    date as of the last complete week, or as of the last payment loaded when that is earlier."""
    return report_period(today=today, data_end=data_end)


def report_period(
    week: str | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    baseline_from: dt.date | None = None,
    baseline_to: dt.date | None = None,
    today: dt.date | None = None,
    data_end: dt.date | None = None,
) -> ReportPeriod:
    """The period a report covers: the financial year to date as of its week (or as of the last payment,
    `data_end`, when that is earlier), unless dates are given."""
    week = week or default_week(today)
    end = date_to or (min(week_end(week), data_end) if data_end else week_end(week))
    start = date_from or financial_year_start(end)
    if start > end:
        raise PeriodError(f"the period starts ({start}) after it ends ({end})")
    base_from = baseline_from or year_earlier(start)
    base_to = baseline_to or year_earlier(end)
    if base_from > base_to:
        raise PeriodError(f"the baseline starts ({base_from}) after it ends ({base_to})")
    return ReportPeriod(week, start, end, base_from, base_to)
