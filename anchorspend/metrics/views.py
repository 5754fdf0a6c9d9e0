"""What the dashboard pages and the report show beside the headlines: trend, coverage, maps, drill-down."""

from __future__ import annotations

import datetime as dt

import duckdb
import polars as pl

from anchorspend import db
from anchorspend.metrics.facts import ensure_fresh
from anchorspend.metrics.scope import Scope, ScopeError
from anchorspend.validate import plausible_range


def _scoped(con: duckdb.DuckDBPyConnection, name: str, scope: Scope, **extra: object) -> pl.DataFrame:
    ensure_fresh(con)
    return db.run_query(con, name, **scope.resolve(con).params(), **extra)


def monthly_trend(con: duckdb.DuckDBPyConnection, scope: Scope) -> pl.DataFrame:
    """Per month and anchor: total_gbp, local_gbp, regional_gbp (incl. local), unknown_gbp, payment_count."""
    return _scoped(con, "metrics_monthly_trend", scope)


def spend_by_district(con: duckdb.DuckDBPyConnection, scope: Scope) -> pl.DataFrame:
    """Per supplier district: district_code, district, tier, amount_gbp, supplier_count."""
    return _scoped(con, "metrics_spend_by_district", scope)


def spend_by_ward(con: duckdb.DuckDBPyConnection, scope: Scope) -> pl.DataFrame:
    """Local spend per ward: ward_code (null: not located to a ward), ward, district_code, amount_gbp,
    supplier_count."""
    return _scoped(con, "metrics_spend_by_ward", scope)


def spend_by_lsoa(con: duckdb.DuckDBPyConnection, scope: Scope) -> pl.DataFrame:
    """Local spend per LSOA: lsoa_code (null = not located), lsoa, imd_decile, amount_gbp, supplier_count."""
    return _scoped(con, "metrics_spend_by_lsoa", scope)


def supplier_table(con: duckdb.DuckDBPyConnection, scope: Scope) -> pl.DataFrame:
    """Per supplier: supplier, amount_gbp, tier, org_type, sic_division/section, location columns, lat/lon,
    anchor_count, anchors, is_shared, is_leaking (individuals never appear)."""
    return _scoped(con, "metrics_supplier_spend", scope, leakage_tier=scope.leakage_tier)


def supplier_points(con: duckdb.DuckDBPyConnection, scope: Scope) -> pl.DataFrame:
    """The suppliers with coordinates, for the map: supplier_table rows where lat/lon are known."""
    return supplier_table(con, scope).filter(pl.col("lat").is_not_null() & pl.col("lon").is_not_null())


def coverage(con: duckdb.DuckDBPyConnection, scope: Scope) -> pl.DataFrame:
    """Anchor × month grid of the period: file_count, files, payment_count, amount_gbp, is_missing."""
    ensure_fresh(con)
    rs = scope.resolve(con)
    date_from, date_to = rs.date_from, rs.date_to
    if scope.date_from is None or scope.date_to is None:
        low, high = db.run_query(con, "metrics_spend_period").row(0)
        low, high = plausible_range(low, high) if low is not None else (low, high)
        date_from = scope.date_from or low or dt.date.today()
        date_to = scope.date_to or high or dt.date.today()
    return db.run_query(
        con, "metrics_coverage", date_from=date_from, date_to=date_to, anchor_ids=rs.anchor_ids
    )


def missing_months(grid: pl.DataFrame) -> list[dict]:
    """The anchor-months of a coverage grid with neither files nor payments."""
    return [
        {"anchor": r["anchor"], "month": r["month"].isoformat()}
        for r in grid.filter(pl.col("is_missing")).to_dicts()
    ]


def payments(
    con: duckdb.DuckDBPyConnection,
    scope: Scope,
    *,
    supplier_ids: list[int] | None = None,
    sic_division: str | None = None,
    tiers: list[str] | None = None,
    org_types: list[str] | None = None,
    anchors: list[str] | None = None,
    show_individuals: bool = False,
    limit: int = 1000,
) -> pl.DataFrame:
    """The in-scope payments behind a number, largest first (individuals' names withheld unless asked)."""
    ensure_fresh(con)
    if anchors:
        narrowed = [a for a in anchors if not scope.anchors or a in scope.anchors]
        if not narrowed:
            raise ScopeError("none of those anchors is in the scope")
        scope = Scope(**{**scope.__dict__, "anchors": tuple(narrowed)})
    params = scope.resolve(con).params()
    filters = {
        "supplier_ids": supplier_ids,
        "sic_division": sic_division,
        "tiers": tiers,
        "org_types": org_types,
    }
    chosen = _largest_not_excluded(con, params, filters, limit)
    return db.run_query(
        con,
        "metrics_payments",
        row_ids=chosen,
        show_individuals=show_individuals,
        all_spend=params["all_spend"],
        local_codes=params["local_codes"],
        regional_codes=params["regional_codes"],
    )


def _largest_not_excluded(
    con: duckdb.DuckDBPyConnection, params: dict, filters: dict, limit: int
) -> list[int]:
    """Row ids of the `limit` largest matching payments the influenceable filter keeps, largest first.

    Asks for more candidates while excluded ones crowd the top (pension and precept payments are among the largest).
    Row ids are stable between the two queries: nothing writes on this connection in between, and no other process
    can write while a reader has the store open.
    """
    candidates = 2 * limit
    while True:
        found = db.run_query(con, "metrics_payments_largest", **params, **filters, candidates=candidates)
        kept = found.filter(~pl.col("is_excluded"))["row_id"].to_list()
        if len(kept) >= limit or found.height < candidates:
            return kept[:limit]
        candidates *= 4


def leakage_drill(sector: str, leakage_tier: str) -> dict:
    """The payments() filters behind one sector's leakage: its SIC division, suppliers outside the tier."""
    return {
        "sic_division": "" if sector == "unknown" else sector,
        "tiers": ["outside"] if leakage_tier == "regional" else ["regional", "outside"],
    }


def opportunity_payments(
    con: duckdb.DuckDBPyConnection, scope: Scope, opportunity: dict, limit: int = 1000
) -> pl.DataFrame:
    """The payments behind one opportunity (or one leakage sector entry), from its drill-down filters."""
    drill = opportunity.get("drill")
    if drill is None and "sector" in opportunity:  # a leakage_by_sector entry
        drill = leakage_drill(str(opportunity["sector"]), scope.leakage_tier)
    if drill is None:
        raise ScopeError("that item has no payments to show")
    return payments(con, scope, limit=limit, **drill)
