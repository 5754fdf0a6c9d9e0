"""What the figures say when no place is set: which need one, the word printed instead, and how to set one."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

NOT_SET = "Not set"  # a place-dependent figure's value when no place is set: never 0%, which reads as a finding
NO_PLACE = (
    "No place is set, so nothing can count as local and the local figures are not worked out. Set one: choose "
    "the local and regional districts under Place in the dashboard's sidebar, or run "
    "`anchorspend place set --local CODES --regional CODES`."
)

# metrics.compute's figures that mean nothing without a local tier (with none, every supplier is "not local").
PLACE_FIGURES = (
    "local_share",
    "regional_share",
    "lm3",
    "leakage",
    "addressable_leakage",
    "deprived_area_share",
    "located_local_share",
    "located_regional_share",
    "weighted_local_share",
    "unweighted_local_share",
)


def place_set(figures: Mapping[str, Any] | None) -> bool:
    """Whether these figures were worked out for a place (a local tier); figures without a scope are taken as set."""
    scope = figures.get("scope") if figures is not None else None
    return not isinstance(scope, Mapping) or bool(scope.get("local_codes"))
