"""The scope every number is computed over: period, anchors, place tiers and the influenceable filter."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import overload

import duckdb

# An open-ended period still needs bounds to bind; these cover any date a spend file can hold.
EARLIEST = dt.date(1900, 1, 1)
LATEST = dt.date(2999, 12, 31)
LEAKAGE_TIERS = ("local", "regional")


class ScopeError(ValueError):
    """A scope that cannot be computed (unknown anchor, bad dates, no place)."""


@dataclass(frozen=True)
class Scope:
    """Period x anchors x (influenceable only); tiers default to the stored place."""

    date_from: dt.date | None = None
    date_to: dt.date | None = None
    anchors: tuple[str, ...] = ()  # anchor names; empty means every anchor
    local_codes: tuple[str, ...] | None = None  # None: the stored place's local tier
    regional_codes: tuple[str, ...] | None = None  # None: the stored place's regional tier
    influenceable_only: bool = True
    leakage_tier: str = "regional"

    def __post_init__(self) -> None:
        if self.leakage_tier not in LEAKAGE_TIERS:
            raise ScopeError(
                f"leakage tier must be one of {', '.join(LEAKAGE_TIERS)}, not {self.leakage_tier!r}"
            )
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise ScopeError(f"the period starts ({self.date_from}) after it ends ({self.date_to})")

    def baseline(self) -> Scope:
        """The same scope a year earlier (29 February becomes 28 February)."""
        return replace(self, date_from=year_earlier(self.date_from), date_to=year_earlier(self.date_to))

    def check_codes(self, con: duckdb.DuckDBPyConnection) -> None:
        """Refuse tier codes given for this scope that no imported district has: a typo would count nothing
        as local and print "local share 0.0%". (A store with no districts at all cannot check, and the
        analyses say no place is located instead.)"""
        given = set(self.local_codes or ()) | set(self.regional_codes or ())
        if not given:
            return
        known = {r[0] for r in con.execute("select district_code from districts").fetchall()}
        unknown = sorted(given - known) if known else []
        if unknown:
            named = ", ".join(unknown[:5]) + (f" and {len(unknown) - 5} more" if len(unknown) > 5 else "")
            raise ScopeError(f"no imported district has the code {named}: check --local/--regional")

    def resolve(self, con: duckdb.DuckDBPyConnection) -> ResolvedScope:
        """Bind the scope to the store: anchor ids, concrete tiers, concrete dates."""
        anchor_ids = None
        if self.anchors:
            rows = dict(con.execute("select name, anchor_id from anchors").fetchall())
            missing = [name for name in self.anchors if name not in rows]
            if missing:
                known = ", ".join(sorted(rows)) or "none loaded"
                raise ScopeError(f"unknown anchor {missing[0]!r} (known: {known})")
            anchor_ids = sorted(rows[name] for name in self.anchors)
        stored = dict.fromkeys(("local", "regional"), ())
        for tier, codes in con.execute(
            "select tier, list(district_code order by district_code) from place_districts group by tier"
        ).fetchall():
            stored[tier] = tuple(codes)
        self.check_codes(con)
        local = tuple(self.local_codes) if self.local_codes is not None else stored["local"]
        regional = tuple(self.regional_codes) if self.regional_codes is not None else stored["regional"]
        # The regional tier always includes the local one.
        regional = tuple(sorted(set(regional) | set(local)))
        return ResolvedScope(
            scope=self,
            date_from=self.date_from or EARLIEST,
            date_to=self.date_to or LATEST,
            anchor_ids=anchor_ids,
            local_codes=list(local),
            regional_codes=list(regional),
        )


@dataclass(frozen=True)
class ResolvedScope:
    """A scope with everything the queries bind."""

    scope: Scope
    date_from: dt.date
    date_to: dt.date
    anchor_ids: list[int] | None
    local_codes: list[str]
    regional_codes: list[str]

    def params(self) -> dict[str, object]:
        """The $params every scoped query takes."""
        return {
            "date_from": self.date_from,
            "date_to": self.date_to,
            "anchor_ids": self.anchor_ids,
            "all_spend": not self.scope.influenceable_only,
            "local_codes": self.local_codes,
            "regional_codes": self.regional_codes,
        }

    @property
    def leakage_codes(self) -> list[str]:
        """Districts inside the tier that leakage is measured against."""
        return self.local_codes if self.scope.leakage_tier == "local" else self.regional_codes

    def describe(self) -> dict[str, object]:
        """The scope as printed beside the numbers."""
        scope = self.scope
        return {
            "date_from": scope.date_from.isoformat() if scope.date_from else None,
            "date_to": scope.date_to.isoformat() if scope.date_to else None,
            "anchors": list(scope.anchors) or "all",
            "local_codes": self.local_codes,
            "regional_codes": self.regional_codes,
            "influenceable_only": scope.influenceable_only,
            "leakage_tier": scope.leakage_tier,
        }


@overload
def year_earlier(day: dt.date) -> dt.date: ...
@overload
def year_earlier(day: None) -> None: ...
def year_earlier(day: dt.date | None) -> dt.date | None:
    """The same calendar day a year before (None stays None)."""
    if day is None:
        return None
    if day.year == dt.MINYEAR:  # a stored 0001-01-01 has no year before it
        return dt.date.min
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def parse_date(text: str | None, what: str) -> dt.date | None:
    """A YYYY-MM-DD date from the command line, or a clear error."""
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ScopeError(f"{what} must be a date YYYY-MM-DD, not {text!r}") from None


def parse_codes(text: str | None) -> tuple[str, ...] | None:
    """Comma-separated GSS district codes, or None when not given."""
    if text is None:
        return None
    codes = tuple(code.strip().upper() for code in text.split(",") if code.strip())
    if not codes:
        raise ScopeError("a tier needs at least one district code")
    return codes
