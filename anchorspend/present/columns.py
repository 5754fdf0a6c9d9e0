"""Table columns as people read them: heading, kind of number, and definition (screen tables and downloads)."""

from __future__ import annotations

import re
from typing import Any

from anchorspend.present.headlines import HEADLINES, LABELS

MONEY = re.compile(r"(_gbp|^amount|^spend|^leakage|_spend|_leakage|^payroll)")
RATE = re.compile(r"(^rate$|_rate$)")
# Column names as people read them; others are spelled out from the name (label).
COLUMN_LABELS = {
    **LABELS,
    "org_type": "Organisation type",
    "sic_division": "SIC division",
    "sic_section": "Sector (SIC section)",
    "rate_from": "Rate from",
    "staff_local_share": "Staff living locally",
    "year_from": "Financial year from",
    "is_local": "Local?",
    "relocalisation_candidate": "Re-localisation candidate?",
}
ACRONYMS = {"sic": "SIC", "lsoa": "LSOA", "imd": "IMD", "sme": "SME", "vcse": "VCSE", "lm3": "LM3"}
DEFINITIONS = {
    **{h.key.split(".")[0]: h.definition for h in HEADLINES},
    "local_spend": "Spend with suppliers located in the local tier.",
    "regional_spend": "Spend with suppliers located in the regional tier (which includes the local one).",
    "unknown_spend": "Spend with suppliers whose location is unknown, including redacted and individual payees.",
    "local_suppliers": "Known suppliers located in the local tier in the same SIC division (local capacity).",
    # the Collaboration page's ranked sectors (present.collaboration.table_rows)
    "spend_a_year": "The anchors' spend in the sector at the period's daily rate, times 365.25 days.",
    "spend_in_period": "The anchors' spend in the sector in the period.",
    "leaking_a_year": "Spend in the sector with suppliers located outside the leakage tier (the region unless "
    "switched to the local area), at the period's daily rate, times 365.25 days. The list is ranked by it.",
    "leaking_share": "Spend in the sector with suppliers outside the leakage tier ÷ the anchors' spend in it.",
    "unknown_location_share": "Spend in the sector with suppliers whose location is unknown ÷ the anchors' spend.",
    "current_contracts": "Contracts in the sector, from the contracts registers loaded, ending after the period.",
    "ways_to_act_together": "The kinds of collaboration opportunity found in the sector: a shared supplier, "
    "common leakage, local supplier intelligence, aligned re-procurement, fragmentation.",
}


def label(name: str) -> str:
    """A column's heading: 'payroll_gbp' -> 'Payroll (£)', 'supplier_tier' -> 'Supplier tier'."""
    if name in COLUMN_LABELS:
        return COLUMN_LABELS[name]
    words = name.removesuffix("_gbp").split("_")
    text = " ".join(ACRONYMS.get(w.lower(), w) for w in words if w)
    text = text[:1].upper() + text[1:]
    return f"{text} (£)" if name.endswith("_gbp") else text


def is_money(name: str, dtype: Any) -> bool:
    """Whether a column holds pounds."""
    return bool(dtype.is_numeric() and MONEY.search(name))


def is_percent(name: str, dtype: Any) -> bool:
    """Whether a column holds a share or a rate (a fraction)."""
    return bool(dtype.is_numeric() and (name.endswith("_share") or RATE.search(name)))


def definition(name: str) -> str | None:
    """What a column holds, when it is one of the defined figures."""
    return DEFINITIONS.get(name.removesuffix("_gbp"))
