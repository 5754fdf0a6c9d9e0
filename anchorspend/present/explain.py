"""How each figure was computed, in words with its own numbers (metrics gives the numbers only)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from anchorspend.present.formats import gbp, number, pct
from anchorspend.present.place import NO_PLACE, NOT_SET, PLACE_FIGURES, place_set

Metrics = Mapping[str, Any]


def _pounds(value: object) -> str:
    return gbp(number(value or 0), short=False)


def lm3_arithmetic(lm3: Mapping[str, Any]) -> str:
    """R1, R2, R3 and the LM3 from them, each round with its supplier and payroll parts."""
    if not lm3 or lm3.get("r1") is None:
        return ""
    pay = lm3.get("payroll") or {}
    r1, r2, r3 = (float(lm3[k] or 0) for k in ("r1", "r2", "r3"))
    payroll, local_pay, respent_pay = (float(pay.get(k) or 0) for k in ("payroll", "local", "respent"))
    label = str(lm3.get("label") or "LM3")
    value = lm3.get("value")
    return (
        f"R1 = {_pounds(r1 - payroll)} supplier spend + {_pounds(payroll)} payroll = {_pounds(r1)}; "
        f"R2 = {_pounds(r2 - local_pay)} local supplier spend + {_pounds(local_pay)} local staff pay "
        f"= {_pounds(r2)}; R3 = {_pounds(r3 - respent_pay)} re-spent by local suppliers + "
        f"{_pounds(respent_pay)} by local staff = {_pounds(r3)}; {label} = (R1 + R2 + R3) ÷ R1 = "
        + (f"{float(value):.2f}" if value is not None else "n/a (no spend)")
    )


def lm3_caveat(unknown_share: float | None) -> str:
    """Why LM3 is a lower bound, with the unknown share."""
    unknown = pct(unknown_share, missing="no")
    return (
        f"A lower bound: spend whose supplier location is unknown ({unknown} of spend) is not counted as local."
    )


def definitions(m: Metrics) -> dict[str, str]:
    """Each figure of metrics.compute's result and how it was computed, with its numbers."""
    total = float(m.get("total_spend") or 0)
    local = float(m.get("local_spend") or 0)
    regional = float(m.get("regional_spend") or 0)
    unknown = float(m.get("unknown_spend") or 0)
    individual = float(m.get("unknown_individual_share") or 0) * total
    by_anchor = m.get("by_anchor") or []
    with_share = [a for a in by_anchor if a.get("local_share") is not None]
    spend = m.get("type_spend") or {}
    out = {
        "total_spend": f"Σ net amounts of {int(m.get('payment_count') or 0):,} in-scope payments "
        f"(credits negative) = {_pounds(total)}",
        "local_share": "spend with suppliers located in the local tier ÷ all spend in scope "
        f"= {_pounds(local)} ÷ {_pounds(total)} = {pct(m.get('local_share'))}",
        "regional_share": "spend with suppliers located in the regional tier (incl. local) ÷ all spend in scope "
        f"= {_pounds(regional)} ÷ {_pounds(total)} = {pct(m.get('regional_share'))}",
        "unknown_share": f"spend whose supplier location is unknown ÷ all spend = {_pounds(unknown)} ÷ "
        f"{_pounds(total)} = {pct(m.get('unknown_share'))}; of which redacted/individual payees "
        f"{_pounds(individual)}",
        "located_local_share": f"local spend ÷ spend with a known location = {_pounds(local)} ÷ "
        f"{_pounds(total - unknown)}",
        "weighted_local_share": f"pooled, spend-weighted: Σ local ÷ Σ total over {len(by_anchor)} anchors "
        f"= {_pounds(local)} ÷ {_pounds(total)}",
        "unweighted_local_share": f"unweighted mean of {len(with_share)} anchors' local shares "
        "(each anchor counts the same whatever its size)",
        "type_shares": "spend with each organisation type ÷ all spend; the types add up to 1 (unknown and "
        "individual included)",
    }
    for kind, label in (("sme", "SMEs"), ("vcse", "VCSE organisations")):
        out[f"{kind}_share"] = (
            f"spend with {label} ÷ all spend = {_pounds(spend.get(kind))} ÷ {_pounds(total)} "
            f"= {pct(m.get(kind + '_share'))}; "
            f"type unknown for {_pounds(spend.get('unknown'))}"
        )
    out["deprived_area_share"] = (
        "local spend with suppliers located by full postcode in LSOAs of IMD 2019 deciles 1-2 ÷ local spend = "
        f"{_pounds(m.get('deprived_area_spend'))} ÷ {_pounds(m.get('deprived_area_local_spend'))} = "
        f"{pct(m.get('deprived_area_share'))}; not located "
        f"to a small area: {_pounds(m.get('deprived_area_unlocated_spend'))}"
    )
    lm3 = m.get("lm3")
    if isinstance(lm3, Mapping):
        out["lm3"] = lm3_arithmetic(lm3)
    tier = m.get("leakage_tier") or "regional"
    out["leakage"] = (
        f"spend in scope with suppliers located outside the {tier} tier, by SIC division; addressable where at "
        "least one known supplier in the same division is located in the local tier (paid by any anchor, or "
        "in the register)"
    )
    if not place_set(m):
        out.update(dict.fromkeys((k for k in PLACE_FIGURES if k in out), f"{NOT_SET}: {NO_PLACE}"))
    return out


def whatif_arithmetic(result: Mapping[str, Any]) -> str:
    """The what-if's shifted £ and extra local value, worked."""
    shifted, extra = _pounds(result.get("shifted")), _pounds(result.get("extra_local_value"))
    return (
        f"shifted = {float(result['shift']):.0%} × {_pounds(result.get('addressable_leakage'))} addressable "
        f"leakage = {shifted}; extra local value = {shifted} × (1 + {float(result['r_local']):.2f} − "
        f"{float(result['r_nonlocal']):.2f}) = {extra}"
    )


def explained(result: dict[str, Any]) -> dict[str, Any]:
    """metrics.compute's result with its words added, as `metrics --json` prints it."""
    out = dict(result)
    if "total_spend" in out:
        out["definitions"] = definitions(out)
    if isinstance(out.get("lm3"), Mapping):
        out["lm3"] = {
            **out["lm3"],
            "caveat": lm3_caveat(out.get("unknown_share")),
            "arithmetic": lm3_arithmetic(out["lm3"]),
        }
    if "shifted" in out and "shift" in out:
        out["arithmetic"] = whatif_arithmetic(out)
    if "total_spend" in out and not place_set(out):
        out = _without_place(out)
    return out


def _without_place(out: dict[str, Any]) -> dict[str, Any]:
    """No place set: each figure that needs one is null (the app and the PDF print NOT_SET), never 0%, and why."""
    out["place"] = NO_PLACE
    for key in PLACE_FIGURES:
        if isinstance(out.get(key), Mapping):  # LM3: its value and range, with the reason as its arithmetic
            out[key] = {**out[key], "value": None, "low": None, "high": None, "arithmetic": f"{NOT_SET}: {NO_PLACE}"}
        elif key in out:
            out[key] = None
    return out
