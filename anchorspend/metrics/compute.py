"""Every number of the `metrics --json` object, computed for one scope and its baseline."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal
from typing import overload

import duckdb
import polars as pl

from anchorspend import db
from anchorspend.metrics import collaboration as collab
from anchorspend.metrics.baseline import like_for_like, scopes
from anchorspend.metrics.facts import ensure_fresh
from anchorspend.metrics.leakage import leakage_by_sector, leakage_totals
from anchorspend.metrics.lm3 import lm3, payroll_inputs
from anchorspend.metrics.scope import ResolvedScope, Scope
from anchorspend.metrics.shares import deprived_shares, pooled_shares, scoped, type_shares
from anchorspend.metrics.whatif import shift_leakage
from anchorspend.validate import plausible_range

# The headline keys compared with the baseline: shares change in points, amounts in £.
HEADLINE_SHARES = (
    "local_share",
    "regional_share",
    "unknown_share",
    "located_local_share",
    "weighted_local_share",
    "unweighted_local_share",
    "sme_share",
    "vcse_share",
    "deprived_area_share",
    "deprived_area_unknown_share",
)
HEADLINE_AMOUNTS = ("total_spend", "local_spend", "leakage", "addressable_leakage")
OPPORTUNITIES_SHOWN = 100


def with_data_period(con: duckdb.DuckDBPyConnection, scope: Scope) -> Scope:
    """An open-ended period closed at the first and last month with spend, so that a baseline exists."""
    if scope.date_from and scope.date_to:
        return scope
    low, high = db.run_query(con, "metrics_spend_period").row(0)
    if low is None:
        return scope
    low, high = plausible_range(low, high)  # a stored 0001-01-01 or 9999-12-31 must not become the period
    return replace(scope, date_from=scope.date_from or low, date_to=scope.date_to or high)


def headlines(con: duckdb.DuckDBPyConnection, rs: ResolvedScope) -> dict:
    """Shares, types, deprivation, LM3 and leakage for a resolved scope (no opportunities)."""
    anchor_rows = scoped(con, "metrics_spend_by_anchor", rs)
    figures = pooled_shares(anchor_rows)
    figures.update(type_shares(scoped(con, "metrics_spend_by_type", rs), figures["total_spend"]))
    figures.update(deprived_shares(scoped(con, "metrics_deprived_spend", rs)))

    rates = db.run_query(con, "metrics_respend_rates").to_dicts()
    period_days = (rs.date_to - rs.date_from).days + 1
    payroll_rows = db.run_query(
        con, "metrics_payroll", date_from=rs.date_from, date_to=rs.date_to, anchor_ids=rs.anchor_ids
    ).to_dicts()
    payroll = payroll_inputs(payroll_rows, [r["anchor"] for r in anchor_rows], period_days)
    figures["lm3"] = lm3(
        figures["total_spend"],
        figures["local_spend"],
        scoped(con, "metrics_respend_by_source", rs),
        rates,
        payroll,
    )

    sector_rows = scoped(con, "metrics_sector_anchor_spend", rs, leakage_tier=rs.scope.leakage_tier)
    capacity_rows = db.run_query(con, "metrics_local_capacity", local_codes=rs.local_codes).to_dicts()
    figures["leakage_by_sector"] = leakage_by_sector(sector_rows, capacity_rows)
    figures.update(leakage_totals(figures["leakage_by_sector"], rs.scope.leakage_tier))
    figures["_sector_rows"] = sector_rows
    figures["_capacity"] = {r["sic_division"]: r["local_suppliers"] for r in capacity_rows}
    return figures


def opportunities(con: duckdb.DuckDBPyConnection, rs: ResolvedScope, figures: dict) -> dict:
    """Shared suppliers and the ranked collaboration opportunities."""
    supplier_rows = scoped(con, "metrics_supplier_spend", rs, leakage_tier=rs.scope.leakage_tier)
    shared = collab.shared_suppliers(supplier_rows, figures["_capacity"])
    fragments = scoped(con, "metrics_fragmentation", rs, small_gbp=collab.SMALL_SUPPLIER_GBP)
    end = rs.date_to if rs.scope.date_to else dt.date.today()
    # every contract still running after the period (one read): aligned re-procurement takes those ending 6 to
    # 24 months after it, the sector list all of them
    current = db.run_query(
        con,
        "metrics_aligned_contracts",
        anchor_ids=rs.anchor_ids,
        window_from=end + dt.timedelta(days=1) if end < dt.date.max else end,
        window_to=dt.date.max,
    ).to_dicts()
    window = (add_months(end, 6), add_months(end, 24))
    ranked = collab.rank(
        collab.shared_opportunities(shared),
        collab.common_leaking(figures["_sector_rows"], rs.scope.leakage_tier),
        collab.local_intelligence(figures["_sector_rows"], supplier_rows),
        collab.aligned_reprocurement([c for c in current if window[0] <= c["ends_on"] <= window[1]]),
        collab.fragmentation(fragments),
    )
    counts: dict[str, int] = {}
    for item in ranked:
        counts[item["kind"]] = counts.get(item["kind"], 0) + 1
    registers = {
        r["anchor"]: r["contracts"]
        for r in db.run_query(con, "collab_contract_anchors", anchor_ids=rs.anchor_ids).to_dicts()
    }
    sectors = collab.sector_list(
        figures["_sector_rows"],
        supplier_rows,
        figures["_capacity"],
        ranked,
        current,
        registers,
        (rs.date_to - rs.date_from).days + 1,
    )
    return {
        "shared_suppliers": shared,
        "opportunities": ranked[:OPPORTUNITIES_SHOWN],
        "opportunity_counts": counts,
        "collaboration": {
            "sectors": sectors,
            "period_days": (rs.date_to - rs.date_from).days + 1,
            "contracts_loaded": sorted(registers),
        },
    }


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (clamped to the month's end)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    if not dt.MINYEAR <= year <= dt.MAXYEAR:  # a stored 9999-12-31 must not break the page that adds to it
        return dt.date.max if months > 0 else dt.date.min
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def headline_subset(figures: dict) -> dict:
    """The headline keys, for the baseline and for change."""
    keys = HEADLINE_AMOUNTS + HEADLINE_SHARES
    subset = {k: figures[k] for k in keys}
    subset["lm3"] = {k: figures["lm3"][k] for k in ("r1", "r2", "r3", "value", "low", "high", "basis")}
    return subset


def change(current: dict, base: dict) -> dict:
    """Each headline against the baseline: shares in percentage points, amounts in £, LM3 in units."""
    result: dict[str, float | None] = {}
    for key in HEADLINE_SHARES:
        now, then = current.get(key), base.get(key)
        result[f"{key}_points"] = None if now is None or then is None else (now - then) * 100
    for key in HEADLINE_AMOUNTS:
        result[f"{key}_gbp"] = current[key] - base[key]
    now, then = current["lm3"]["value"], base["lm3"]["value"]
    result["lm3"] = None if now is None or then is None else now - then
    return result


def compute(con: duckdb.DuckDBPyConnection, scope: Scope, baseline: Scope | bool | None = None) -> dict:
    """The `metrics --json` object: headlines, LM3, leakage, types, opportunities, and change vs the baseline.

    baseline: None = the same period a year earlier; a Scope = that period; False = none.
    """
    ensure_fresh(con)
    scope = with_data_period(con, scope)
    rs = scope.resolve(con)
    figures = headlines(con, rs)
    figures.update(opportunities(con, rs, figures))
    for private in ("_sector_rows", "_capacity"):
        figures.pop(private)
    result = {"scope": rs.describe(), **figures, "warnings": warnings(con, rs)}
    result["missing_months"] = missing_months(con, rs) if scope.date_from and scope.date_to else []
    if result["missing_months"]:
        result["warnings"].append(f"{len(result['missing_months'])} anchor-months in the period have no file")
    if baseline is not False:
        base_scope = baseline if isinstance(baseline, Scope) else scope.baseline()
        result["baseline"], result["change"] = compare(con, rs, base_scope.resolve(con), figures)
        result["warnings"].extend(result["baseline"]["warnings"])
    return to_json(result)


def missing_months(con: duckdb.DuckDBPyConnection, rs: ResolvedScope) -> list[dict]:
    """The chosen anchors' months in a period with neither a file nor a payment."""
    gaps = db.run_query(
        con, "metrics_coverage", date_from=rs.date_from, date_to=rs.date_to, anchor_ids=rs.anchor_ids
    ).filter(pl.col("is_missing"))
    return [{"anchor": r["anchor"], "month": r["month"]} for r in gaps.to_dicts()]


def compare(con: duckdb.DuckDBPyConnection, rs: ResolvedScope, base_rs: ResolvedScope, figures: dict) -> tuple:
    """The baseline block and the change on the year, like for like: over the anchors and months with data in
    both years (the rest said, never mixed in). No change at all when nothing is comparable or the baseline
    overlaps the period: a change against months the period also holds misleads."""
    base = headlines(con, base_rs)
    lfl = like_for_like(con, rs, base_rs)
    overlap = (min(rs.date_to, base_rs.date_to) - max(rs.date_from, base_rs.date_from)).days + 1
    said = f"the baseline ({base_rs.date_from} to {base_rs.date_to})"
    found = []
    if not base["payment_count"]:
        found.append(f"{said} has no payments: there is nothing to compare with")
    elif not lfl.comparable:
        found.append(f"{said}: {lfl.reason}, so no change on the year is shown")
    elif not lfl.whole:
        left = [f"{a['anchor']} ({len(a['months'])} months without data in one year)" for a in lfl.left_out]
        found.append(
            f"changes on the year compare {len(lfl.anchors)} of {len(lfl.all_anchors)} anchors from "
            f"{lfl.date_from} to {lfl.date_to} with the same months a year earlier"
            + (f"; left out: {', '.join(left)}" if left else "")
            + (f"; months no anchor has in both years: {', '.join(lfl.months_left_out)}" if lfl.months_left_out else "")
        )
    if overlap > 0:
        found.append(f"{said} overlaps the period by {overlap} days: compare periods of a year or less")
    comparable = lfl.comparable and overlap <= 0 and bool(base["payment_count"])
    block = {"scope": base_rs.describe(), **headline_subset(base)}
    if comparable and not lfl.whole:
        now_rs, then_rs = scopes(con, rs, base_rs, lfl)
        current, earlier = headlines(con, now_rs), headlines(con, then_rs)
    else:
        current, earlier = figures, base
    block["like_for_like"] = {
        **lfl.describe(),
        "current": headline_subset(current),
        "baseline": headline_subset(earlier),
    }
    block.update(
        {
            "missing_months": missing_months(con, base_rs),
            "overlap_days": max(overlap, 0),
            "comparable": comparable,
            "warnings": found,
        }
    )
    changes = change(current, earlier)
    return block, changes if comparable else dict.fromkeys(changes)


def warnings(con: duckdb.DuckDBPyConnection, rs: ResolvedScope) -> list[str]:
    """What a reader must know before trusting the numbers: no place set, or tier codes no district has (a typo
    counts nothing as local, silently)."""
    found = []
    if not rs.local_codes:
        found.append(
            "no place is set: the local tier is empty, so nothing counts as local (anchorspend place set)"
        )
    known = {r[0] for r in con.execute("select district_code from districts").fetchall()}
    unknown = sorted((set(rs.local_codes) | set(rs.regional_codes)) - known) if known else []
    if unknown:
        found.append(f"no district has the code {', '.join(unknown)}: check the tiers (anchorspend place show)")
    return found


def what_if(
    con: duckdb.DuckDBPyConnection, scope: Scope, shift: float, sectors: list[str] | None = None
) -> dict:
    """Shift `shift` of addressable leakage in `sectors` (divisions or sections; all when empty) to local."""
    ensure_fresh(con)
    scope = with_data_period(con, scope)
    rs = scope.resolve(con)
    figures = headlines(con, rs)
    return to_json({"scope": rs.describe(), **shift_leakage(figures, shift, sectors)})


@overload
def to_json(value: dict) -> dict: ...
@overload
def to_json(value: object) -> object: ...
def to_json(value: object) -> object:
    """Decimals to floats and dates to ISO text, at the edge."""
    if isinstance(value, dict):
        return {k: to_json(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_json(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    return value
