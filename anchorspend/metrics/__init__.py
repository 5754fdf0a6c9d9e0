"""The numbers: local share, LM3, leakage, what-if and collaboration opportunities (PRODUCT.md)."""

from anchorspend.metrics.assumptions import import_assumptions
from anchorspend.metrics.compute import compute, what_if
from anchorspend.metrics.facts import ensure_fresh, refresh
from anchorspend.metrics.scope import Scope, ScopeError
from anchorspend.metrics.views import (
    coverage,
    missing_months,
    monthly_trend,
    opportunity_payments,
    payments,
    spend_by_district,
    spend_by_lsoa,
    spend_by_ward,
    supplier_points,
    supplier_table,
)

__all__ = [
    "Scope",
    "ScopeError",
    "compute",
    "coverage",
    "ensure_fresh",
    "import_assumptions",
    "missing_months",
    "monthly_trend",
    "opportunity_payments",
    "payments",
    "refresh",
    "spend_by_district",
    "spend_by_lsoa",
    "spend_by_ward",
    "supplier_points",
    "supplier_table",
    "what_if",
]
