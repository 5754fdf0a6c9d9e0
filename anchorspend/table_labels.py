"""How a table's columns read on screen: headings from column names, and which columns hold money or shares."""

from __future__ import annotations

import re

import polars as pl

MONEY = re.compile(r"(_gbp|^amount|^spend|^leakage|_spend|_leakage|^payroll)")
RATE = re.compile(r"(^rate$|_rate$)")
# Column names as people read them; others are spelled out from the name (column_label).
COLUMN_LABELS = {
    "total_spend": "Spend in scope",
    "unknown_spend": "Spend, location unknown",
    "unknown_share": "Location unknown",
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


def column_label(name: str) -> str:
    """A column's heading as shown: 'payroll_gbp' -> 'Payroll (£)', 'supplier_tier' -> 'Supplier tier'."""
    if name in COLUMN_LABELS:
        return COLUMN_LABELS[name]
    words = name.removesuffix("_gbp").split("_")
    text = " ".join(ACRONYMS.get(w.lower(), w) for w in words if w)
    text = text[:1].upper() + text[1:]
    return f"{text} (£)" if name.endswith("_gbp") else text


def is_money(name: str, dtype: pl.DataType) -> bool:
    """Whether a column holds an amount in pounds."""
    return dtype.is_numeric() and bool(MONEY.search(name))


def is_percent(name: str, dtype: pl.DataType) -> bool:
    """Whether a column holds a share or a rate (a fraction)."""
    return dtype.is_numeric() and (name.endswith("_share") or bool(RATE.search(name)))
