"""How every number is written, in the app, the PDF and the downloads: £, percentages, points and LM3."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

KINDS = ("gbp", "share", "ratio")


def number(value: object) -> float:
    """A metric's value from its JSON-like row (int, float, Decimal or numeric text) as a float; TypeError otherwise."""
    if isinstance(value, int | float | Decimal | str):
        return float(value)
    raise TypeError(f"not a number: {value!r}")


def _unit(size: float) -> tuple[float, str, int]:
    """How a short amount of this size is written: (divisor, suffix, decimals); £9,500 reads better whole."""
    if size >= 1e9:
        return 1e9, "bn", 2
    if size >= 1e6:
        return 1e6, "m", 1
    if size >= 1e4:
        return 1e3, "k", 0
    return 1.0, "", 0


def gbp(amount: float | None, *, short: bool = True, missing: str = "–") -> str:
    """£ with thousands separators, to the pound; £1.2m / £350k when short."""
    if amount is None:
        return missing
    amount = float(amount)
    sign = "-" if amount < 0 else ""
    value = abs(amount)
    divisor, suffix, decimals = _unit(value) if short else (1.0, "", 0)
    return f"{sign}£{value / divisor:,.{decimals}f}{suffix}"


def gbp_ticks(values: Sequence[float]) -> list[str]:
    """A money axis's tick labels in gbp's units, one unit for the whole axis (that of its largest tick) and the
    fewest decimals that write every tick exactly: £0, £0.5bn, £1.0bn; £250m; £40k; £2,000; £0.50."""
    size = max((abs(float(v)) for v in values), default=0.0)
    divisor, suffix, _ = _unit(size)
    scaled = [float(v) / divisor for v in values]
    decimals = next((d for d in range(3) if all(abs(round(s, d) - s) < 1e-6 for s in scaled)), 2)
    return [
        "£0" if s == 0 else f"{'-' if s < 0 else ''}£{abs(s):,.{decimals}f}{suffix}" for s in scaled
    ]


def pct(share: float | None, digits: int = 1, missing: str = "–") -> str:
    """A fraction as a percentage: 0.2764 -> '27.6%'."""
    return missing if share is None else f"{float(share) * 100:.{digits}f}%"


def ratio(value: float | None, missing: str = "–") -> str:
    """An LM3 or a value per £1, to two decimals."""
    return missing if value is None else f"{float(value):.2f}"


def figure(value: float | None, kind: str, *, short: bool = False, missing: str = "n/a") -> str:
    """A headline figure by its kind: £ (to the pound unless short), a share to 0.1%, an LM3 to 0.01."""
    if kind == "gbp":
        return gbp(value, short=short, missing=missing)
    if kind == "share":
        return pct(value, missing=missing)
    return ratio(value, missing=missing)


def change(delta: float | None, kind: str, *, short: bool = False, missing: str = "n/a") -> str:
    """A signed change: '+£50,000', '-1.2 pts', '+0.02'; 'no change' when it rounds to nothing.

    delta: £ for amounts, a difference of fractions for shares (0.012 = 1.2 points), LM3 units for ratios.
    """
    if delta is None:
        return missing
    if kind == "gbp":
        rounded = round(delta)
        return "no change" if rounded == 0 else f"{'+' if rounded > 0 else '-'}{gbp(abs(rounded), short=short)}"
    if kind == "share":
        points = round(delta * 100, 1)
        return "no change" if points == 0 else f"{points:+.1f} pts"
    step = round(delta, 2)
    return "no change" if step == 0 else f"{step:+.2f}"


def gbp_about(amount: float | None, missing: str = "–") -> str:
    """£ to two significant figures, for estimates such as a year's spend worked out from part of one: £48m,
    £4.3m, £350k, £4,300."""
    if amount is None:
        return missing
    value = float(amount)
    if value == 0:
        return "£0"
    rounded = float(f"{value:.2g}")
    sign, size = ("-" if rounded < 0 else ""), abs(rounded)
    for unit, suffix in ((1e9, "bn"), (1e6, "m"), (1e3, "k")):
        if size >= unit and (unit > 1e3 or size >= 1e4):
            return f"{sign}£{size / unit:.{1 if size < unit * 10 else 0}f}{suffix}"
    return f"{sign}£{size:,.0f}"


def day(value: date | str) -> str:
    """A date as people write it: '7 Sep 2027' (no leading zero); ISO text is read first."""
    when = date.fromisoformat(value[:10]) if isinstance(value, str) else value
    return f"{when.day} {when:%b %Y}"


def month(value: date | str) -> str:
    """A date's month as people write it: 'Sep 2027'; ISO text is read first."""
    return day(value).split(" ", 1)[1]


def span(first: date | str, last: date | str) -> str:
    """A period in words: '1 Apr to 31 Oct 2026', '1 Nov 2024 to 31 Oct 2026'."""
    start, end = day(first), day(last)
    if start[-4:] == end[-4:]:
        start = start[:-5]
    return f"{start} to {end}"
