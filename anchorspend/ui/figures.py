"""The figures a page draws from its cached reads: one recipe for the page and the warming thread, so what is
warmed is what the page then shows (the same figures, so the same pictures)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from anchorspend.present.place import place_set
from anchorspend.ui import reads
from anchorspend.view import Filters, trend_frame

if TYPE_CHECKING:
    import plotly.graph_objects as go


def overview(filters: Filters, numbers: dict[str, Any]) -> dict[str, go.Figure]:
    """The Overview's charts for these filters and their numbers: the months, the anchors side by side and the
    types of organisation, each drawn as a place set (or none) requires."""
    from anchorspend import charts  # Plotly, imported when a chart is first drawn

    placed = place_set(numbers)
    return {
        "trend": charts.monthly_trend(trend_frame(reads.monthly_trend(filters), placed)),
        "anchors": charts.anchors_compare(numbers.get("by_anchor", []), placed),
        "types": charts.type_shares(numbers.get("type_shares", {})),
    }
