"""What-if: move a share of addressable leakage in chosen sectors to local suppliers."""

from __future__ import annotations

from anchorspend.metrics.lm3 import shifted_lm3
from anchorspend.metrics.sectors import section_of
from anchorspend.metrics.shares import ratio


class WhatIfError(ValueError):
    """A what-if that cannot be computed, said in one line."""


def extra_local_value(shifted: float, r_local: float, r_nonlocal: float) -> float:
    """£ of extra local value: each £ moved is worth 1 + r_local locally instead of r_nonlocal."""
    return shifted * (1 + r_local - r_nonlocal)


def matches(sector: dict, chosen: list[str]) -> bool:
    """Whether a leakage entry is a chosen sector (a division such as '43' or a section letter 'F')."""
    if not chosen:
        return True
    return sector["sector"] in chosen or (sector["section"] or section_of(sector["sector"])) in chosen


def shift_leakage(figures: dict, shift: float, sectors: list[str] | None = None) -> dict:
    """Shift `shift` (a fraction) of addressable leakage in the chosen sectors of compute()'s figures."""
    if not 0 <= shift <= 1:
        raise WhatIfError(f"the shift is a fraction between 0 and 1 (0.1 = 10%), not {shift}")
    chosen = [s.strip().upper() if s.strip().isalpha() else s.strip().zfill(2) for s in (sectors or [])]
    known = {s["sector"] for s in figures["leakage_by_sector"]} | {
        s["section"] for s in figures["leakage_by_sector"]
    }
    unknown = [s for s in chosen if s not in known]
    if unknown:
        raise WhatIfError(f"no leakage in sector {unknown[0]!r} in this scope")
    picked = [s for s in figures["leakage_by_sector"] if matches(s, chosen)]
    base = sum(s["addressable_leakage"] for s in picked)
    if chosen and not any(s["addressable"] for s in picked):
        raise WhatIfError(
            f"no local suppliers in {', '.join(chosen)}, so none of its leakage is addressable: nothing to shift"
        )
    shifted = shift * base
    lm3 = figures["lm3"]
    total = figures["total_spend"]
    extra = extra_local_value(shifted, lm3["r_local"], lm3["r_nonlocal"])
    return {
        "shift": shift,
        "sectors": [s["sector"] for s in picked if s["addressable"]],
        "addressable_leakage": base,
        "shifted": shifted,
        "local_share": figures["local_share"],
        "new_local_share": ratio(figures["local_spend"] + shifted, total),
        "lm3": lm3["value"],
        "new_lm3": shifted_lm3(lm3, shifted),
        "r_local": lm3["r_local"],
        "r_nonlocal": lm3["r_nonlocal"],
        "extra_local_value": extra,
    }
