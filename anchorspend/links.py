"""Shared links: the sidebar's choices as short codes a person can read and edit in the URL, and back.

?period=2024-25 (financial year) | 2024-Q3 (third quarter of financial year 2024-25, Oct-Dec 2024) |
2024-07 (a month) | 2024-04-01..2024-06-30 (custom dates); anchor=1,3 (anchor ids); local=E07000123 and
regional=E07000117,E07000123 (GSS codes, only when they differ from the stored place); spend=all (the
influenceable toggle off); mode=workshop. Links written before these codes (labels such as
period=Month&month=May+2024, anchor names, "Name (E07000123)") are still read.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from anchorspend.view import MONTHS, fy_start_year, month_end, period_options

GSS = re.compile(r"\b[EWSN]\d{8}\b")
FY_CODE = re.compile(r"^(\d{4})\s*[-/]\s*(\d{2})$")
QUARTER_CODE = re.compile(r"^(?:FY\s*)?(\d{4})(?:\s*[-/]\s*\d{2})?\s*-?\s*Q([1-4])\b", re.IGNORECASE)
CUSTOM_CODE = re.compile(r"^(\d{4}-\d{2}-\d{2})\s*\.\.\s*(\d{4}-\d{2}-\d{2})$")
MONTH_LABEL = re.compile(r"^([A-Za-z]{3})[a-z]*\s+(\d{4})$")
# Keys the sidebar owns in the URL: current codes, and the label-based ones of older links.
OWN_KEYS = ("period", "anchor", "local", "regional", "spend", "mode")
LEGACY_KEYS = ("fy", "quarter", "month", "dates", "influenceable", "workshop")


@dataclass(frozen=True)
class Period:
    """One period the sidebar can show: its kind ('fy', 'quarter', 'month', 'custom') and its days."""

    kind: str
    start: date
    end: date

    @property
    def code(self) -> str:
        """The URL code: 2024-25, 2024-Q3, 2024-07 or 2024-04-01..2024-06-30."""
        if self.kind == "fy":
            return f"{self.start.year}-{(self.start.year + 1) % 100:02d}"
        if self.kind == "quarter":
            return f"{fy_start_year(self.start)}-Q{(self.start.month - 4) % 12 // 3 + 1}"
        if self.kind == "month":
            return f"{self.start.year}-{self.start.month:02d}"
        return f"{self.start.isoformat()}..{self.end.isoformat()}"


def financial_year(start_year: int) -> Period:
    """April start_year to March of the next year."""
    return Period("fy", date(start_year, 4, 1), date(start_year + 1, 3, 31))


def financial_quarter(start_year: int, number: int) -> Period:
    """Quarter 1-4 of the financial year starting in April start_year (Q1 = Apr-Jun)."""
    month = (number - 1) * 3 + 4
    year = start_year + (month > 12)
    month = (month - 1) % 12 + 1
    return Period("quarter", date(year, month, 1), month_end(year, month + 2))


def calendar_month(year: int, month: int) -> Period:
    """One calendar month."""
    return Period("month", date(year, month, 1), month_end(year, month))


def parse_period(text: str) -> Period:
    """A period from its URL code (or an older link's label); ValueError with a plain reason if unreadable."""
    text = text.strip()
    if found := CUSTOM_CODE.match(text):
        start, end = (date.fromisoformat(found.group(i)) for i in (1, 2))
        if start > end:
            raise ValueError(f"period {text}: the first date is after the second")
        return Period("custom", start, end)
    if found := QUARTER_CODE.match(text):
        return financial_quarter(int(found.group(1)), int(found.group(2)))
    if found := FY_CODE.match(text):
        year, tail = int(found.group(1)), int(found.group(2))
        # 2024-25 is a financial year; any other two digits are a month (only 2000-2011 are ambiguous)
        if tail == (year + 1) % 100:
            return financial_year(year)
        if 1 <= tail <= 12:
            return calendar_month(year, tail)
    if found := MONTH_LABEL.match(text):  # older links: "May 2024"
        names = [m.lower() for m in MONTHS]
        if found.group(1).lower() in names:
            return calendar_month(int(found.group(2)), names.index(found.group(1).lower()) + 1)
    raise ValueError(
        f"period '{text}' is not one of 2024-25 (financial year), 2024-Q3, 2024-07 or 2024-04-01..2024-06-30"
    )


def period_choices(kind: str, first: date, last: date) -> dict[str, str]:
    """The periods of one kind touching [first, last], newest first: code -> label."""
    return {
        Period(kind, start, end).code: label
        for label, (start, end) in period_options(kind, first, last).items()
    }


@dataclass
class LinkView:
    """What a link asks for; None or empty means "the default". `problems` says what could not be read."""

    period: Period | None = None
    anchors: tuple[str, ...] = ()
    local: tuple[str, ...] = ()
    regional: tuple[str, ...] = ()
    all_spend: bool = False
    workshop: bool = False
    problems: list[str] = field(default_factory=list)


def _values(params: Mapping[str, Sequence[str] | str], key: str) -> list[str]:
    """Every comma-separated value given for key, whether repeated (?a=1&a=2) or joined (?a=1,2)."""
    raw = params.get(key)
    if raw is None:
        return []
    items = [raw] if isinstance(raw, str) else list(raw)
    return [part.strip() for item in items for part in str(item).split(",") if part.strip()]


def _legacy_values(params: Mapping[str, Sequence[str] | str], key: str) -> list[str]:
    """Values of an older label-based key: labels may hold commas, so only repeats separate them."""
    raw = params.get(key)
    if raw is None:
        return []
    return [str(item).strip() for item in ([raw] if isinstance(raw, str) else raw) if str(item).strip()]


def _legacy_period(params: Mapping[str, Sequence[str] | str], kind_label: str) -> str | None:
    """The period text an older link gave: period=Month&month=May+2024 and the like."""
    kind = {"financial year": "fy", "quarter": "quarter", "month": "month", "custom dates": "custom"}.get(
        kind_label.strip().lower(), kind_label.strip().lower()
    )
    if kind == "custom":
        dates = _legacy_values(params, "dates")
        return f"{dates[0]}..{dates[-1]}" if dates else None
    chosen = _legacy_values(params, kind)
    return chosen[0] if chosen else None


def read(params: Mapping[str, Sequence[str] | str], anchor_ids: Mapping[int, str]) -> LinkView:
    """The view a URL's query parameters ask for; anchor_ids maps each anchor's id to its name."""
    view = LinkView()
    periods = _values(params, "period")
    period = periods[0] if periods else None
    if period and not (FY_CODE.match(period) or QUARTER_CODE.match(period) or CUSTOM_CODE.match(period)):
        period = _legacy_period(params, period) or period
    if period:
        try:
            view.period = parse_period(period)
        except ValueError as exc:
            view.problems.append(str(exc))
    names = {name.lower(): name for name in anchor_ids.values()}
    anchors: list[str] = []
    for value in _legacy_values(params, "anchor"):
        # an older link named the anchor (names may hold commas); a current one lists ids
        parts = value.split(",") if re.fullmatch(r"[\d,\s]+", value) else [value]
        for part in (p.strip() for p in parts if p.strip()):
            name = anchor_ids.get(int(part)) if part.isdigit() else names.get(part.lower())
            if name is None:
                view.problems.append(f"anchor {part} is not loaded")
            elif name not in anchors:
                anchors.append(name)
    view.anchors = tuple(anchors)
    view.local = tuple(dict.fromkeys(GSS.findall(" ".join(_legacy_values(params, "local")))))
    view.regional = tuple(dict.fromkeys(GSS.findall(" ".join(_legacy_values(params, "regional")))))
    spend = (_values(params, "spend") or [""])[0].lower()
    influenceable = (_values(params, "influenceable") or [""])[0].lower()
    view.all_spend = spend == "all" or influenceable in ("false", "0", "no", "off")
    mode = (_values(params, "mode") or [""])[0].lower()
    workshop = (_values(params, "workshop") or [""])[0].lower()
    view.workshop = mode == "workshop" or workshop in ("true", "1", "yes", "on")
    return view


def write(
    period: Period | None,
    anchors: Sequence[str],
    anchor_ids: Mapping[str, int],
    local: Sequence[str] = (),
    regional: Sequence[str] = (),
    all_spend: bool = False,
    workshop: bool = False,
) -> dict[str, str]:
    """The sidebar's query parameters for a view (defaults left out, so links stay short)."""
    params: dict[str, str] = {}
    if period is not None:
        params["period"] = period.code
    ids = [str(anchor_ids[name]) for name in anchors if name in anchor_ids]
    if ids:
        params["anchor"] = ",".join(ids)
    if local:
        params["local"] = ",".join(local)
    if regional:
        params["regional"] = ",".join(regional)
    if all_spend:
        params["spend"] = "all"
    if workshop:
        params["mode"] = "workshop"
    return params
