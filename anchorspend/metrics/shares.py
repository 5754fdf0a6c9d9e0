"""Local, regional, unknown and individual shares, pooled weighted and unweighted; types; deprivation."""

from __future__ import annotations

import duckdb

from anchorspend import db
from anchorspend.metrics.scope import ResolvedScope

TYPES = ("public", "vcse", "individual", "sme", "large", "unknown")
DEPRIVED_DECILES = (1, 2)


def ratio(part: float, whole: float) -> float | None:
    """part ÷ whole, or None when there is nothing to divide by."""
    return part / whole if whole else None


def scoped(con: duckdb.DuckDBPyConnection, name: str, rs: ResolvedScope, **extra: object) -> list[dict]:
    """Rows of a scoped query, amounts as floats."""
    rows = db.run_query(con, name, **rs.params(), **extra).to_dicts()
    return [
        {k: float(v) if k.endswith("_gbp") and v is not None else v for k, v in row.items()} for row in rows
    ]


def anchor_shares(row: dict) -> dict:
    """One anchor's shares from its spend_by_anchor row."""
    total = row["total_gbp"]
    return {
        "anchor": row["anchor"],
        "total_spend": total,
        "local_spend": row["local_gbp"],
        "regional_spend": row["regional_gbp"],
        "unknown_spend": row["unknown_gbp"],
        "local_share": ratio(row["local_gbp"], total),
        "regional_share": ratio(row["regional_gbp"], total),
        "unknown_share": ratio(row["unknown_gbp"], total),
    }


def pooled_shares(rows: list[dict]) -> dict:
    """Headline shares pooled over anchors: spend-weighted, beside the unweighted mean of their shares."""
    total = sum(r["total_gbp"] for r in rows)
    local = sum(r["local_gbp"] for r in rows)
    regional = sum(r["regional_gbp"] for r in rows)
    unknown = sum(r["unknown_gbp"] for r in rows)
    individual = sum(r["individual_gbp"] for r in rows)
    by_anchor = [anchor_shares(r) for r in rows]
    anchor_local = [a["local_share"] for a in by_anchor if a["local_share"] is not None]
    unweighted = sum(anchor_local) / len(anchor_local) if anchor_local else None
    figures = {
        "total_spend": total,
        "local_spend": local,
        "regional_spend": regional,
        "unknown_spend": unknown,
        "local_share": ratio(local, total),
        "regional_share": ratio(regional, total),
        "unknown_share": ratio(unknown, total),
        "unknown_individual_share": ratio(individual, total),
        "located_local_share": ratio(local, total - unknown),
        "located_regional_share": ratio(regional, total - unknown),
        "weighted_local_share": ratio(local, total),
        "unweighted_local_share": unweighted,
        "payment_count": sum(r["payment_count"] for r in rows),
        "by_anchor": by_anchor,
    }
    return figures


def type_shares(rows: list[dict], total: float) -> dict:
    """Spend share by organisation type, every type listed, adding up to 1 (unknown, individual included)."""
    by_type = {t: 0.0 for t in TYPES}
    for row in rows:
        by_type[row["org_type"]] = by_type.get(row["org_type"], 0.0) + row["amount_gbp"]
    shares = {t: ratio(amount, total) for t, amount in by_type.items()}
    return {
        "type_shares": shares,
        "type_spend": by_type,
        "sme_share": shares["sme"],
        "vcse_share": shares["vcse"],
        # SME and VCSE shares are each shown with the share whose type is unknown
        "sme_unknown_share": shares["unknown"],
        "vcse_unknown_share": shares["unknown"],
    }


def deprived_shares(rows: list[dict]) -> dict:
    """Of local spend: the share with suppliers in IMD deciles 1-2, and the share not in a small area."""
    local = sum(r["local_gbp"] for r in rows)
    deprived = sum(r["local_gbp"] for r in rows if r["imd_decile"] in DEPRIVED_DECILES)
    unknown = sum(r["local_gbp"] for r in rows if r["imd_decile"] is None)
    return {
        "deprived_area_spend": deprived,
        "deprived_area_share": ratio(deprived, local),
        "deprived_area_unknown_share": ratio(unknown, local),
        "deprived_area_local_spend": local,
        "deprived_area_unlocated_spend": unknown,
    }
