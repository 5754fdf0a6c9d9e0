"""Charts drawn once on the server as pictures: workshop mode's, and normal mode's until someone explores one.

A room of people on one link each loading and running Plotly in their browser costs every browser 4.7 MB of
script and about a second of CPU per page (measured with `python -m bench room`); a picture drawn once on the
server, by the exporter the weekly PDF uses, is shared by everyone who asks for the same chart. Maps on MapLibre
(small areas, suppliers) are left interactive: panning and pointing at an area is how they are read; the district
map, drawn as named shapes, is a picture like any chart.
"""

from __future__ import annotations

import logging
import threading

import plotly.graph_objects as go
import plotly.io as pio
import streamlit as st

from anchorspend.charts import alt_text, for_projector, relabel
from anchorspend.present.words import plain_text
from anchorspend.report.svg import RenderError, chart_image, to_svg
from anchorspend.ui.store import CACHE_TTL

# px: the width of a projector's page (1280 wide, sidebar closed) less Streamlit's margins, so that the picture is
# shown at its own size and its 18-20 px text stays 18-20 px; narrower screens scale it down to fit.
WIDTH = 1080
# px: the page's width at a desk (1280 wide, sidebar open) less the sidebar and Streamlit's margins: the picture
# is shown at its own size there, its 14 px text at 14 px.
DESK_WIDTH = 820
# Traces drawn on a tiled map (MapLibre, or the older Mapbox and geo projections): kept interactive.
MAP_TRACES = (
    "choroplethmap", "scattermap", "densitymap", "choroplethmapbox", "scattermapbox", "densitymapbox", "choropleth",
    "scattergeo",
)
log = logging.getLogger(__name__)
_cannot_draw = threading.Event()  # the exporter failed once: stop asking it (each try may wait for its timeout)


def for_room(fig: go.Figure) -> tuple[go.Figure, str]:
    """The figure restyled for a projector in the room's words, and its text alternative in the same words."""
    return for_projector(relabel(fig, plain_text)), plain_text(alt_text(fig))


def is_map(fig: go.Figure) -> bool:
    """Whether the figure is drawn on MapLibre (kept interactive)."""
    return any(trace.type in MAP_TRACES for trace in fig.data)


def still(fig: go.Figure, alt: str, width: int = WIDTH) -> str | None:
    """The figure as an <img> drawn on the server `width` px wide (cached by the figure), or None when it cannot be
    drawn there (no Chromium on this machine: the caller shows the interactive chart instead)."""
    if _cannot_draw.is_set() or is_map(fig):
        return None
    try:
        image = _drawn(fig.to_json(), width, int(fig.layout.height or 450))
    except RenderError as exc:
        _cannot_draw.set()
        log.warning("charts are drawn in the browser instead of as pictures: %s", exc)
        return None
    return str(chart_image(image, alt))


@st.cache_data(ttl=CACHE_TTL, show_spinner=False, max_entries=300)
def _drawn(spec: str, width: int, height: int) -> bytes:
    """SVG of a figure given as Plotly JSON; sessions asking for the same figure at once wait for one drawing."""
    return to_svg(pio.from_json(spec), width, height, scale=1)  # shown at its own size: 20 px text stays 20 px
