"""Names of the things figures are broken down by: opportunity kinds and anchor kinds."""

from __future__ import annotations

OPPORTUNITY_KINDS = {
    "shared_supplier": "Shared supplier",
    "common_leaking_category": "Common leaking category",
    "local_supplier_intelligence": "Local supplier intelligence",
    "aligned_reprocurement": "Aligned re-procurement",
    "fragmentation": "Fragmentation",
}
ANCHOR_KINDS = {
    "council": "council",
    "nhs": "NHS",
    "housing": "housing",
    "education": "education",
    "police": "police",
    "other": "other",
}


def kind_label(kind: str) -> str:
    """Plain name of an opportunity kind."""
    return OPPORTUNITY_KINDS.get(kind, kind.replace("_", " ").capitalize())
