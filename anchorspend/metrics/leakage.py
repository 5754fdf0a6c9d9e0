"""Leakage by sector and addressable leakage (sectors with local capacity)."""

from __future__ import annotations

from anchorspend.metrics.sectors import UNKNOWN, section_of, sector_label


def leakage_by_sector(sector_rows: list[dict], capacity_rows: list[dict]) -> list[dict]:
    """One entry per sector with leakage, largest first: leakage, local capacity, addressable or not."""
    capacity = {r["sic_division"]: r["local_suppliers"] for r in capacity_rows}
    sectors: dict[str, dict] = {}
    for row in sector_rows:
        division = row["sic_division"]
        key = division or UNKNOWN
        entry = sectors.setdefault(
            key,
            {
                "sector": key,
                "section": row["sic_section"] or section_of(division),
                "label": sector_label(division),
                "spend": 0.0,
                "local_spend": 0.0,
                "leakage": 0.0,
                "local_suppliers": capacity.get(division, 0) if division else 0,
                "leaking_anchors": [],
            },
        )
        entry["spend"] += row["total_gbp"]
        entry["local_spend"] += row["local_gbp"]
        entry["leakage"] += row["leakage_gbp"]
        if row["leakage_gbp"] > 0:
            entry["leaking_anchors"].append(row["anchor"])
    result = []
    for entry in sectors.values():
        # Addressable: leakage in a sector (same SIC division) where at least one local supplier exists.
        entry["addressable"] = entry["local_suppliers"] > 0
        entry["addressable_leakage"] = entry["leakage"] if entry["addressable"] else 0.0
        if entry["leakage"] != 0:
            result.append(entry)
    return sorted(result, key=lambda e: (-e["leakage"], e["sector"]))


def leakage_totals(sectors: list[dict], tier: str) -> dict:
    """Total and addressable leakage."""
    total = sum(s["leakage"] for s in sectors)
    addressable = sum(s["addressable_leakage"] for s in sectors)
    return {
        "leakage": total,
        "addressable_leakage": addressable,
        "leakage_tier": tier,
    }
