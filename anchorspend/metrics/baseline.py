"""Like-for-like change on the year: the anchors and months with data in both the period and its baseline."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

import duckdb

from anchorspend import db
from anchorspend.metrics.scope import ResolvedScope


@dataclass(frozen=True)
class LikeForLike:
    """What a change on the year may compare: the anchors kept, the months kept, and what was left out."""

    anchors: tuple[str, ...]  # kept, by name
    all_anchors: tuple[str, ...]  # every chosen anchor
    date_from: dt.date
    date_to: dt.date
    baseline_from: dt.date
    baseline_to: dt.date
    left_out: tuple[dict, ...]  # {anchor, months: [period months with no data in one year or the other]}
    months_left_out: tuple[str, ...]  # period months no anchor has in both years
    reason: str = ""  # why nothing can be compared, when nothing can

    @property
    def comparable(self) -> bool:
        """Whether any anchor and month has data in both years."""
        return bool(self.anchors) and not self.reason

    @property
    def whole(self) -> bool:
        """Whether nothing was left out (the change covers the whole scope)."""
        return not self.left_out and not self.months_left_out

    def describe(self) -> dict:
        """As printed in the `baseline` block."""
        return {
            "anchors": list(self.anchors),
            "left_out": list(self.left_out),
            "months_left_out": list(self.months_left_out),
            "date_from": self.date_from.isoformat(),
            "date_to": self.date_to.isoformat(),
            "baseline_from": self.baseline_from.isoformat(),
            "baseline_to": self.baseline_to.isoformat(),
            "whole": self.whole,
        }


def _grid(con: duckdb.DuckDBPyConnection, rs: ResolvedScope) -> tuple[list[dt.date], dict[str, set[dt.date]]]:
    """The period's months, and for each chosen anchor the months holding a file or a payment."""
    rows = db.run_query(
        con, "metrics_coverage", date_from=rs.date_from, date_to=rs.date_to, anchor_ids=rs.anchor_ids
    ).to_dicts()
    months = sorted({r["month"] for r in rows})
    held: dict[str, set[dt.date]] = {}
    for r in rows:
        held.setdefault(r["anchor"], set())
        if not r["is_missing"]:
            held[r["anchor"]].add(r["month"])
    return months, held


def _month_end(month: dt.date) -> dt.date:
    return (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)


def like_for_like(con: duckdb.DuckDBPyConnection, rs: ResolvedScope, base_rs: ResolvedScope) -> LikeForLike:
    """The like-for-like set: months at the period's edges that no anchor holds in both years are left out,
    then every anchor without data in both years for each remaining month. The i-th month of the period is
    compared with the i-th month of the baseline."""
    months, now = _grid(con, rs)
    base_months, then = _grid(con, base_rs)
    names = tuple(sorted(now))
    full = LikeForLike(
        (), names, rs.date_from, rs.date_to, base_rs.date_from, base_rs.date_to, (), (), ""
    )
    if len(months) != len(base_months):
        return replace(full, reason="the baseline has a different number of months from the period")
    both = {a: {i for i, (m, b) in enumerate(zip(months, base_months, strict=True))
                if m in now.get(a, set()) and b in then.get(a, set())} for a in names}
    covered = sorted(set().union(*both.values())) if both else []
    if not covered:
        return replace(full, reason="no anchor has data for the same months in both years")
    first, last = covered[0], covered[-1]
    kept_months = range(first, last + 1)
    kept = tuple(a for a in names if all(i in both[a] for i in kept_months))
    left_out = tuple(
        {"anchor": a, "months": [months[i].isoformat() for i in kept_months if i not in both[a]]}
        for a in names
        if a not in kept
    )
    dropped = tuple(months[i].isoformat() for i in range(len(months)) if i not in kept_months)
    return LikeForLike(
        kept,
        names,
        max(rs.date_from, months[first]),
        min(rs.date_to, _month_end(months[last])),
        max(base_rs.date_from, base_months[first]),
        min(base_rs.date_to, _month_end(base_months[last])),
        left_out,
        dropped,
        "" if kept else "no anchor has data for every month compared in both years",
    )


def scopes(
    con: duckdb.DuckDBPyConnection, rs: ResolvedScope, base_rs: ResolvedScope, lfl: LikeForLike
) -> tuple[ResolvedScope, ResolvedScope]:
    """The period and the baseline narrowed to the like-for-like anchors and months."""
    now = replace(rs.scope, date_from=lfl.date_from, date_to=lfl.date_to, anchors=lfl.anchors)
    then = replace(base_rs.scope, date_from=lfl.baseline_from, date_to=lfl.baseline_to, anchors=lfl.anchors)
    return now.resolve(con), then.resolve(con)
