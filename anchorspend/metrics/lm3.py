"""LM3 (NEF, The Money Trail) for the local tier: R1, R2, R3, the band, and the value of £1 local or not."""

from __future__ import annotations

from typing import Any

from anchorspend.metrics.shares import ratio

PROCUREMENT_ONLY = "procurement-only"
WITH_PAYROLL = "procurement and payroll"


def default_rate(rates: list[dict], tier: str) -> float:
    """The '*' default re-spend rate for a supplier tier ('local' or 'nonlocal'); 0 when none."""
    row = next(
        (
            r
            for r in rates
            if r["org_type"] == "*" and r["sic_division"] == "*" and r["supplier_tier"] == tier
        ),
        None,
    )
    return float(row["rate"]) if row else 0.0


def payroll_inputs(payroll_rows: list[dict], anchors: list[str], period_days: int) -> dict:
    """Prorated payroll, its local part and re-spend, when every anchor has payroll for the whole period."""
    covered: dict[str, int] = {}
    for row in payroll_rows:
        covered[row["anchor"]] = covered.get(row["anchor"], 0) + row["days_in_period"]
    missing = [a for a in anchors if covered.get(a, 0) < period_days]
    if not anchors or missing:
        note = (
            f"payroll not given for the whole period for: {', '.join(missing)}"
            if missing and covered
            else ("no payroll given")
        )
        return {
            "included": False,
            "note": note,
            "payroll": 0.0,
            "local": 0.0,
            "respent": 0.0,
            "low": 0.0,
            "high": 0.0,
        }
    inputs: dict[str, Any] = {
        "included": True,
        "note": "payroll prorated by days of each financial year in the period",
        "payroll": 0.0,
        "local": 0.0,
        "respent": 0.0,
        "low": 0.0,
        "high": 0.0,
        "rows": [],
    }
    for row in payroll_rows:
        if row["anchor"] not in anchors:
            continue
        pay = float(row["payroll_gbp"]) * row["days_in_period"] / row["days_in_year"]
        local = pay * row["staff_local_share"]
        inputs["payroll"] += pay
        inputs["local"] += local
        inputs["respent"] += local * (row["staff_respend_rate"] or 0.0)
        inputs["low"] += local * (row["staff_respend_low"] or 0.0)
        inputs["high"] += local * (row["staff_respend_high"] or 0.0)
        inputs["rows"].append(
            {
                "anchor": row["anchor"],
                "year_from": str(row["year_from"]),
                "payroll_in_period": pay,
                "staff_local_share": row["staff_local_share"],
                "staff_respend_rate": row["staff_respend_rate"],
                "source": row["source"],
                "staff_rate_source": row["staff_rate_source"],
            }
        )
    return inputs


def lm3(
    total: float,
    local: float,
    respend_rows: list[dict],
    rates: list[dict],
    payroll: dict,
) -> dict:
    """LM3 = (R1 + R2 + R3) ÷ R1, with its band and value per £1 (explained in anchorspend.present)."""
    local_rows = [r for r in respend_rows if r["supplier_tier"] == "local"]
    nonlocal_rows = [r for r in respend_rows if r["supplier_tier"] == "nonlocal"]
    local_supplier_spend = sum(r["amount_gbp"] for r in local_rows)
    respent = sum(r["respent_gbp"] for r in local_rows)
    nonlocal_spend = sum(r["amount_gbp"] for r in nonlocal_rows)
    # r_local: spend-weighted mean rate of the local suppliers (the default when there are none)
    r_local = ratio(respent, local_supplier_spend)
    r_local = default_rate(rates, "local") if r_local is None else r_local
    r_nonlocal = ratio(sum(r["respent_gbp"] for r in nonlocal_rows), nonlocal_spend)
    r_nonlocal = default_rate(rates, "nonlocal") if r_nonlocal is None else r_nonlocal
    r1 = total + payroll["payroll"]
    r2 = local + payroll["local"]
    r3 = respent + payroll["respent"]
    r3_low = sum(r["respent_low_gbp"] for r in local_rows) + payroll["low"]
    r3_high = sum(r["respent_high_gbp"] for r in local_rows) + payroll["high"]
    value = ratio(r1 + r2 + r3, r1)
    basis = WITH_PAYROLL if payroll["included"] else PROCUREMENT_ONLY
    label = "LM3" if payroll["included"] else "procurement-only LM3"
    return {
        "r1": r1,
        "r2": r2,
        "r3": r3,
        "value": value,
        "low": ratio(r1 + r2 + r3_low, r1),
        "high": ratio(r1 + r2 + r3_high, r1),
        "basis": basis,
        "label": label,
        "r_local": r_local,
        "r_nonlocal": r_nonlocal,
        "value_per_pound_local": 1 + r_local,
        "value_per_pound_nonlocal": r_nonlocal,
        "payroll": {k: v for k, v in payroll.items() if k != "included"},
        "assumptions": [
            {
                "supplier_tier": r["supplier_tier"],
                "rate_from": r["rate_from"],
                "source": r["source"],
                "spend": r["amount_gbp"],
                "rate": ratio(r["respent_gbp"], r["amount_gbp"]),
                "suppliers": r["supplier_count"],
            }
            for r in respend_rows
        ],
    }


def shifted_lm3(result: dict, shifted: float) -> float | None:
    """LM3 after `shifted` £ moves from non-local to local suppliers re-spending at r_local."""
    r1 = result["r1"]
    return ratio(r1 + result["r2"] + shifted + result["r3"] + shifted * result["r_local"], r1)
