"""Suppliers: who was paid (spellings resolved to organisations), their sector, type and registers."""

from anchorspend.suppliers.classify import classify
from anchorspend.suppliers.contracts import import_contracts
from anchorspend.suppliers.decisions import DecisionError, accept, keep_apart, merge, split
from anchorspend.suppliers.individuals import payee_kind
from anchorspend.suppliers.normalise import normalise_charity_number, normalise_company_number, normalise_name
from anchorspend.suppliers.overrides import checked_value, set_field
from anchorspend.suppliers.register import import_register
from anchorspend.suppliers.resolve import resolve

__all__ = [
    "DecisionError",
    "accept",
    "checked_value",
    "classify",
    "import_contracts",
    "import_register",
    "keep_apart",
    "merge",
    "normalise_charity_number",
    "normalise_company_number",
    "normalise_name",
    "payee_kind",
    "resolve",
    "set_field",
    "split",
]
