"""What the figures say when no place is set: which need one, the word printed instead, and how to set one."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

NOT_SET = "Not set"  # a place-dependent figure's value when no place is set: never 0%, which reads as a finding
NO_PLACE_NAME = "Place not set"  # the place's name on the report's cover and running line when none is stored
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


# Where a supplier is, against the place's tiers (metrics' tier column); with no place, a located supplier is in
# no tier at all, so it reads PLACE_NOT_SET rather than "outside the region".
WHERE = {"local": "local area", "regional": "rest of the region", "outside": "outside the region"}
WHERE_UNKNOWN = "location unknown"
PLACE_NOT_SET = "place not set"
# Where a sentence would say how much money leaves the place (leakage): it is not worked out with no place.
LEAVING_NOT_SET = "How much of it leaves the area is not worked out, as no place is set."
# What the collaboration list is ranked by with no place: money to located suppliers, none of it local or leaving.
RANKED_NOT_SET = "suppliers whose location is known (no place is set, so none of it can count as local or as leaving)"
# Under the Overview's anchors side by side with no place: why no share is drawn, and what is drawn instead.
ANCHORS_NOT_SET = (
    f"Local and regional shares: {NOT_SET.lower()}, as no place is set. Each anchor's spend is shown by whether its "
    "suppliers' location is known."
)
LEAKAGE_NOT_SET = "Not worked out: with no place set, no supplier is inside or outside the area."


def where(tier: object, placed: bool = True) -> str:
    """A supplier's or a district's tier in words: 'local area', 'rest of the region', 'outside the region',
    'location unknown'; a located one reads 'place not set' when no place is set."""
    words = WHERE.get(str(tier))
    if words is None:
        return WHERE_UNKNOWN
    return words if placed else PLACE_NOT_SET
