"""Plotly figures shared by the dashboard and the PDF report; they never call Streamlit.

Every figure carries a text alternative in layout.meta["alt"]; read it with alt_text(fig).
"""

from __future__ import annotations

from anchorspend.charts.base import PALETTE, TIER_COLOURS, alt_text, for_projector, relabel, with_alt
from anchorspend.charts.collaboration import opportunities_bar, reprocurement_timeline, shared_supplier_matrix
from anchorspend.charts.districts import district_map
from anchorspend.charts.leakage import leakage_by_sector, whatif_bars
from anchorspend.charts.maps import area_map, supplier_points_map
from anchorspend.charts.multiplier import lm3_rounds, value_per_pound
from anchorspend.charts.trend import anchors_compare, monthly_trend, type_shares

__all__ = [
    "PALETTE",
    "TIER_COLOURS",
    "alt_text",
    "for_projector",
    "relabel",
    "with_alt",
    "monthly_trend",
    "anchors_compare",
    "type_shares",
    "lm3_rounds",
    "value_per_pound",
    "leakage_by_sector",
    "whatif_bars",
    "shared_supplier_matrix",
    "reprocurement_timeline",
    "opportunities_bar",
    "district_map",
    "area_map",
    "supplier_points_map",
]
