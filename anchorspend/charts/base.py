"""The palette, the common layout and the text alternative every figure carries."""

from __future__ import annotations

import math
import textwrap
from collections.abc import Callable, Iterable
from typing import Any

import plotly.graph_objects as go

from anchorspend.present.formats import gbp, gbp_ticks

# Okabe-Ito, ordered so the first colours have at least 3:1 contrast on white; yellow last.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442")
GREY = "#6E6E6E"  # 5:1 on white: unknown and "other"
TIER_COLOURS = {
    "Local": "#0072B2",
    "Rest of region": "#56B4E9",
    "Outside region": "#D55E00",
    "Unknown location": GREY,
    "Location known (no place set)": "#009E73",
}
# Single-hue sequential scales read in greyscale and by every colour-vision type.
# Starts at a visible light blue so the smallest value still stands out from the blank base map.
SPEND_SCALE = [[0.0, "#c6dbef"], [0.5, "#4292c6"], [1.0, "#08306b"]]
DEPRIVATION_SCALE = "Cividis"
FONT = "Source Sans Pro, Arial, sans-serif"


# A small template built once: the stock "plotly_white" is deep-copied into every figure, which cost
# about half a second per chart.
_GRID = {"gridcolor": "#E5E5E5", "zerolinecolor": "#BDBDBD", "linecolor": "#BDBDBD", "automargin": True}
# Sky blue and orange have under 3:1 contrast on white (WCAG's minimum for chart marks): a thin dark
# outline on every bar keeps each bar's edge visible whatever its fill.
TEMPLATE = go.layout.Template(
    data={"bar": [go.Bar(marker_line_color="rgba(31, 31, 31, 0.7)", marker_line_width=0.75)]},
    layout={
        "paper_bgcolor": "white",
        "plot_bgcolor": "white",
        "xaxis": _GRID,
        "yaxis": _GRID,
        "hoverlabel": {"font": {"family": FONT}},
    }
)


def base_layout(fig: go.Figure, title: str | None = None, height: int = 380) -> go.Figure:
    """Plain white layout with readable type, shared by every chart."""
    fig.update_layout(
        title=title,
        template=TEMPLATE,
        font={"family": FONT, "size": 14, "color": "#1f1f1f"},
        colorway=list(PALETTE),
        height=height,
        margin={"l": 10, "r": 10, "t": 50 if title else 20, "b": 10},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
    )
    return fig


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """About `count` round tick values (steps of 1, 2, 2.5 or 5 times a power of ten) covering low..high and 0."""
    low, high = min(low, 0.0), max(high, 0.0)
    span = (high - low) or abs(high) or 1.0
    raw = span / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw * (1 - 1e-9))
    first, last = math.floor(low / step + 1e-9), math.ceil(high / step - 1e-9)
    return [round(i * step, 10) for i in range(first, last + 1)]


def money_ticks(values: Iterable[float | None]) -> dict[str, list[Any]]:
    """tickvals and ticktext for a £ axis or colour bar over these values, written as formats.gbp_ticks writes
    them (£2.5bn, £250m, £40k), not Plotly's SI exponents (£2.5B, £250M)."""
    known = [float(v) for v in values if v is not None and math.isfinite(float(v))]
    ticks = nice_ticks(min(known, default=0.0), max(known, default=0.0))
    return {"tickvals": ticks, "ticktext": gbp_ticks(ticks)}


def money_text(values: Iterable[float | None]) -> list[str]:
    """Each amount as hover text, by the one money formatter (formats.gbp: £2.51bn, £250.3m, £40k, £9,500)."""
    return [gbp(None if v is None else float(v)) for v in values]


def with_alt(fig: go.Figure, text: str) -> go.Figure:
    """Attach a text alternative (what a screen reader or the PDF's alt text says)."""
    meta = fig.layout.meta if isinstance(fig.layout.meta, dict) else {}
    fig.update_layout(meta={**meta, "alt": text})
    return fig


def alt_text(fig: go.Figure) -> str:
    """The text alternative attached to a figure, or a generic one."""
    meta = fig.layout.meta
    if isinstance(meta, dict) and meta.get("alt"):
        return str(meta["alt"])
    return "Chart (no description available)."


def empty_figure(message: str) -> go.Figure:
    """A blank figure that says why it is blank."""
    fig = go.Figure()
    fig.add_annotation(
        text=message,
        showarrow=False,
        font={"size": 16, "color": GREY},
        x=0.5,
        y=0.5,
        xref="paper",
        yref="paper",
    )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return with_alt(base_layout(fig, height=200), message)


def wrap_label(title: str, width: int = 45, lines: int = 2) -> str:
    """A long axis label on at most `lines` short lines, so the axis never cuts it off mid-word."""
    parts = textwrap.wrap(title, width)
    if len(parts) > lines:
        parts = parts[:lines]
        parts[-1] = parts[-1][: width - 1].rstrip(" ,:·") + "…"
    return "<br>".join(parts)


PROJECTOR_TEXT = 20  # px: every label on a projector, read from the back of a room
PROJECTOR_MIN = 18  # px: nothing on a projected chart is drawn smaller (Plotly shrinks bar text to fit)


def with_text_size(fig: go.Figure, text: float, minimum: float) -> go.Figure:
    """Every tick, legend, annotation, bar and cell text of the figure at `text` px, and none under `minimum`.

    The layout's font reaches ticks, axis titles and hover labels; legends, annotations, colour bars and a trace's
    own text carry their own sizes, so each is raised here (never lowered)."""
    fig.update_layout(
        font={"size": text},
        legend={"font": {"size": text}},
        title={"font": {"size": text + 4}},
        hoverlabel={"font": {"size": text}},
        uniformtext={"minsize": minimum, "mode": "show"},  # bar text never auto-shrinks below the minimum
    )
    for note in fig.layout.annotations or ():
        note.font.size = max(note.font.size or 0, text)
    for axis in fig.select_xaxes(selector={"type": "date"}):  # "Jul 2027" in large type: fewer dates, or they touch
        axis.nticks = 6
    for trace in fig.data:
        if "textfont" in trace:
            trace.textfont.size = max(trace.textfont.size or 0, text)
        # only a trace that draws a colour scale: touching a bar's marker.colorbar makes Plotly draw an empty one
        if "colorbar" in trace and "z" in trace:
            trace.colorbar.tickfont.size = minimum
            trace.colorbar.title.font.size = minimum
        elif "marker" in trace and trace.marker.showscale:  # a scale drawn by markers (the district map's key)
            trace.marker.colorbar.tickfont.size = minimum
            trace.marker.colorbar.title.font.size = minimum
    return fig


def for_projector(fig: go.Figure) -> go.Figure:
    """The figure restyled for a projector: every tick, legend, annotation, bar and cell text at least 18 px."""
    with_text_size(fig, PROJECTOR_TEXT, PROJECTOR_MIN)
    if fig.layout.height:
        fig.update_layout(height=int(fig.layout.height * 1.4))
    return fig


def relabel(fig: go.Figure, words: Callable[[str], str]) -> go.Figure:
    """Every label a reader sees (titles, ticks, categories, legend names, bar text, notes) rewritten by `words`;
    hover details, ids and locations are left as they are."""

    def each(values: Any) -> Any:
        if isinstance(values, str):
            return words(values)
        if isinstance(values, list | tuple):
            return [each(v) for v in values]
        return values

    layout = fig.layout
    if layout.title.text:
        layout.title.text = words(layout.title.text)
    for axis in [*fig.select_xaxes(), *fig.select_yaxes()]:
        if axis.title.text:
            axis.title.text = words(axis.title.text)
        if axis.ticktext is not None:
            axis.ticktext = each(list(axis.ticktext))
        if axis.categoryarray is not None:
            axis.categoryarray = each(list(axis.categoryarray))
    for note in layout.annotations or ():
        if note.text:
            note.text = words(note.text)
    for trace in fig.data:
        if trace.name:
            trace.name = words(trace.name)
        for field in ("x", "y", "text"):
            if field in trace and trace[field] is not None:
                trace[field] = each(trace[field] if isinstance(trace[field], str) else list(trace[field]))
        if "colorbar" in trace and trace.colorbar.title.text:
            trace.colorbar.title.text = words(trace.colorbar.title.text)
    return fig
