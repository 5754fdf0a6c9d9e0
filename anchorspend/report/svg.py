"""Dashboard figures as vector images for the PDF, restyled to read in black-and-white print."""

from __future__ import annotations

import atexit
import base64
import copy
import os
import re
import shutil
import threading

import plotly.graph_objects as go
from markupsafe import Markup, escape

PATTERNS = ("", "/", ".", "x", "\\", "+", "-", "|")
DASHES = ("solid", "dash", "dot", "dashdot", "longdash", "longdashdot")
SYMBOLS = ("circle", "square", "diamond", "triangle-up", "x", "cross")
QUOTED_URL = re.compile(rb"url\('(#[^']+)'\)")
GRADIENT = re.compile(rb"<linearGradient\b.*?</linearGradient>", re.S)
SVG_OPEN = re.compile(rb"<svg\b[^>]*>")
FONT = "DejaVu Sans, Arial, sans-serif"

_lock = threading.Lock()
_started = False


def start_exporter() -> None:
    """Start one Chromium for every export of this process (about 2 s once, then a fraction per figure)."""
    global _started
    with _lock:
        if _started:
            return
        import kaleido  # heavy: only when a report is drawn

        # Use the system Chromium; kaleido.get_chrome() would download one, which this product never does.
        if not os.environ.get("BROWSER_PATH"):
            found = (
                shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
            )
            if found:
                os.environ["BROWSER_PATH"] = found
        kaleido.start_sync_server(mathjax=False, silence_warnings=True)
        atexit.register(stop_exporter)
        _started = True


def warm_up() -> threading.Thread:
    """Start Chromium and load Plotly into it in the background, while the caller reads the store."""

    def run() -> None:
        start_exporter()
        import kaleido

        kaleido.calc_fig_sync(
            {"data": [{"type": "bar", "x": [0], "y": [0]}], "layout": {}}, opts={"format": "svg"}
        )

    thread = threading.Thread(target=run, name="kaleido-warm-up", daemon=True)
    thread.start()
    return thread


def stop_exporter() -> None:
    """Close the Chromium; explicitly, because at interpreter exit its profile folder goes too early."""
    global _started
    with _lock:
        if not _started:
            return
        import kaleido

        kaleido.stop_sync_server(silence_warnings=True)
        _started = False


def for_print(fig: go.Figure, title: str | None = None) -> go.Figure:
    """A copy of a dashboard figure that survives grey printing: patterns, dashes, markers and black text."""
    fig = go.Figure(copy.deepcopy(fig.to_dict()))
    for index, trace in enumerate(fig.data):
        if trace.type == "bar":
            trace.update(
                marker_pattern_shape=PATTERNS[index % len(PATTERNS)],
                marker_pattern_fgcolor="black",
                marker_line_color="black",
                marker_line_width=0.8,
            )
        elif trace.type == "scatter":
            trace.update(line_dash=DASHES[index % len(DASHES)], marker_symbol=SYMBOLS[index % len(SYMBOLS)])
            if trace.mode in (None, "lines"):
                trace.update(mode="lines+markers")
    fig.update_layout(
        font={"family": FONT, "color": "black", "size": 12},
        paper_bgcolor="white",
        plot_bgcolor="white",
        title=None if title is None else {"text": title},
        margin={"l": 10, "r": 10, "t": 40 if title else 10, "b": 10},
    )
    fig.update_xaxes(linecolor="black", tickcolor="black", gridcolor="#d0d0d0", automargin=True)
    fig.update_yaxes(linecolor="black", tickcolor="black", gridcolor="#d0d0d0", automargin=True)
    return fig


def to_svg(fig: go.Figure, width: int = 900, height: int = 420) -> bytes:
    """Export a figure as SVG through kaleido and the system Chromium."""
    start_exporter()
    import kaleido

    # Straight to kaleido: plotly's to_image passes options the running server ignores, with a warning.
    image = kaleido.calc_fig_sync(
        fig.to_dict(), opts={"format": "svg", "width": width, "height": height, "scale": 2}
    )
    return weasyprint_friendly(image)


def weasyprint_friendly(image: bytes) -> bytes:
    """Plotly's SVG adjusted for WeasyPrint's SVG reader, which ignores two things Plotly does."""
    # It follows url(#id) but not the quoted url('#id') Plotly writes for gradient fills ...
    image = QUOTED_URL.sub(rb"url(\1)", image)
    # ... and finds gradients only at the top of <defs>, not in Plotly's <g class="gradients">.
    gradients = b"".join(GRADIENT.findall(image))
    if gradients:
        image = GRADIENT.sub(b"", image)
        image = SVG_OPEN.sub(lambda m: m.group(0) + b"<defs>" + gradients + b"</defs>", image, count=1)
    return image


def to_png(fig: go.Figure, width: int = 900, height: int = 420) -> bytes:
    """Export a figure as a PNG at twice its size (for maps: their tiles are raster anyway, and
    WeasyPrint drops the SVG gradient of Plotly's colour bar)."""
    start_exporter()
    import kaleido

    return kaleido.calc_fig_sync(
        fig.to_dict(), opts={"format": "png", "width": width, "height": height, "scale": 2}
    )


def chart_image(image: bytes, alt: str, mime: str = "image/svg+xml") -> Markup:
    """An <img> holding the image inline, with its text alternative (the tagged PDF carries it)."""
    data = base64.b64encode(image).decode("ascii")
    return Markup(f'<img class="chart" src="data:{mime};base64,{data}" alt="{escape(alt)}">')
