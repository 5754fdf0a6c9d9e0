"""Dashboard figures as vector images for the PDF, restyled to read in black-and-white print."""

from __future__ import annotations

import atexit
import base64
import contextlib
import copy
import logging
import os
import re
import shutil
import threading
import time

import plotly.graph_objects as go
from markupsafe import Markup, escape

PATTERNS = ("", "/", ".", "x", "\\", "+", "-", "|")
DASHES = ("solid", "dash", "dot", "dashdot", "longdash", "longdashdot")
SYMBOLS = ("circle", "square", "diamond", "triangle-up", "x", "cross")
QUOTED_URL = re.compile(rb"url\('(#[^']+)'\)")
GRADIENT = re.compile(rb"<linearGradient\b.*?</linearGradient>", re.S)
SVG_OPEN = re.compile(rb"<svg\b[^>]*>")
FONT = "DejaVu Sans, Arial, sans-serif"
# A chart image spans the A4 page between its margins (report.css: 210 mm - 2 x 16 mm = 178 mm = 504.6 pt), so a
# chart exported W px wide prints at 504.6 / W pt a pixel. Its text is set in points on paper: the body's 10 pt,
# nothing under 9 pt (the page's smallest notes are 8.5 pt; a chart is read, not glanced at).
PAGE_WIDTH_PT = 178 / 25.4 * 72
PRINT_TEXT_PT, PRINT_MIN_PT = 10.0, 9.0


def print_px(points: float, width: int) -> float:
    """Pixels of a chart exported `width` px wide that print `points` pt on the page."""
    return points * width / PAGE_WIDTH_PT

# Chromium that fails to start leaves kaleido waiting forever; every export gets this long, then fails in a line.
TIMEOUT_ENV = "ANCHORSPEND_RENDER_TIMEOUT_S"
DEFAULT_TIMEOUT_S = 90.0

_lock = threading.Lock()
_started = False


class RenderError(RuntimeError):
    """A chart could not be drawn (Chromium missing, failing or too slow); the message is one line."""


def timeout_s() -> float:
    """Seconds an export may take: $ANCHORSPEND_RENDER_TIMEOUT_S, else 90."""
    try:
        return max(float(os.environ.get(TIMEOUT_ENV, DEFAULT_TIMEOUT_S)), 0.1)
    except ValueError:
        return DEFAULT_TIMEOUT_S


def _server_thread() -> threading.Thread | None:
    # kaleido keeps its browser session in a thread that ends when Chromium fails to start, after which every
    # request would wait forever; there is no public way to ask, so look at its singleton defensively.
    import kaleido

    server = getattr(kaleido, "_global_server", None)
    return getattr(server, "_thread", None) if server is not None and server.is_running() else None


def _bounded(work, what: str):  # noqa: ANN001, ANN202 - a zero-argument callable and its result
    """Run work in a thread; fail in one line if Chromium died or it takes longer than timeout_s()."""
    result: dict[str, object] = {}

    def run() -> None:
        try:
            result["value"] = work()
        except BaseException as exc:  # noqa: BLE001 - handed to the caller below
            result["error"] = exc

    worker = threading.Thread(target=run, name=f"kaleido-{what}", daemon=True)
    worker.start()
    limit = timeout_s()
    deadline = time.monotonic() + limit
    browser = shutil.which(os.environ.get("BROWSER_PATH", "")) or os.environ.get("BROWSER_PATH", "chromium")
    while worker.is_alive():
        worker.join(0.1)
        server = _server_thread()
        if worker.is_alive() and server is not None and not server.is_alive():
            raise RenderError(f"charts cannot be drawn: Chromium ({browser}) did not start")
        if worker.is_alive() and time.monotonic() > deadline:
            raise RenderError(f"charts cannot be drawn: Chromium ({browser}) did not answer within {limit:g} s")
    if "error" in result:
        error = result["error"]
        text = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise RenderError(f"charts cannot be drawn: {text}") from None
    return result["value"]


def _export(spec: dict, opts: dict) -> bytes:
    """One figure through kaleido, time-limited."""
    start_exporter()
    import kaleido

    return _bounded(lambda: kaleido.calc_fig_sync(spec, opts=opts), "export")


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
        logging.getLogger("choreographer").setLevel(logging.ERROR)  # its warnings duplicate RenderError's line
        if not getattr(threading.excepthook, "quiet_kaleido", False):
            threading.excepthook = _quiet_browser_failure(threading.excepthook)
        kaleido.start_sync_server(mathjax=False, silence_warnings=True)
        atexit.register(stop_exporter)
        _started = True


def _quiet_browser_failure(previous):  # noqa: ANN001, ANN202 - threading.excepthook's type
    """An excepthook that keeps kaleido's dying server thread from printing a traceback: the export that
    waited on it reports the failure in one line (RenderError)."""

    def hook(args: threading.ExceptHookArgs) -> None:
        module = type(args.exc_value).__module__ if args.exc_value is not None else ""
        if module.startswith(("choreographer", "kaleido")):
            return
        previous(args)

    hook.quiet_kaleido = True  # type: ignore[attr-defined]  # a marker, so the hook is installed once
    return hook


def warm_up() -> threading.Thread:
    """Start Chromium and load Plotly into it in the background, while the caller reads the store."""

    def run() -> None:
        with contextlib.suppress(RenderError):  # the report's own exports meet the same failure and say so
            _export({"data": [{"type": "bar", "x": [0], "y": [0]}], "layout": {}}, {"format": "svg"})

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

        try:
            _bounded(lambda: kaleido.stop_sync_server(silence_warnings=True), "stop")
        except RenderError:
            # A Chromium that never answered: forget the server, or kaleido's own exit hook waits for it forever.
            server = getattr(kaleido, "_global_server", None)
            if server is not None:
                server._initialized = False
        _started = False


def for_print(fig: go.Figure, title: str | None = None, width: int = 900) -> go.Figure:
    """A copy of a dashboard figure that survives grey printing (patterns, dashes, markers and black text) and
    reads at print size when exported `width` px wide: every text at 10 pt on the page, none under 9 pt."""
    from anchorspend.charts.base import with_text_size

    fig = go.Figure(copy.deepcopy(fig.to_dict()))
    for index, trace in enumerate(fig.data):
        if trace.type == "bar":
            trace.update(
                marker_pattern_shape=PATTERNS[index % len(PATTERNS)],
                marker_pattern_fgcolor="black",
                marker_line_color="black",
                marker_line_width=0.8,
            )
        elif trace.type == "scatter" and not trace.fill:  # a filled shape (a district) keeps its plain edge
            trace.update(line_dash=DASHES[index % len(DASHES)], marker_symbol=SYMBOLS[index % len(SYMBOLS)])
            if trace.mode in (None, "lines"):
                trace.update(mode="lines+markers")
    with_text_size(fig, round(print_px(PRINT_TEXT_PT, width)), round(print_px(PRINT_MIN_PT, width)))
    fig.update_layout(
        font={"family": FONT, "color": "black"},
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
    # Straight to kaleido: plotly's to_image passes options the running server ignores, with a warning.
    image = _export(fig.to_dict(), {"format": "svg", "width": width, "height": height, "scale": 2})
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
    return _export(fig.to_dict(), {"format": "png", "width": width, "height": height, "scale": 2})


def chart_image(image: bytes, alt: str, mime: str = "image/svg+xml") -> Markup:
    """An <img> holding the image inline, with its text alternative (the tagged PDF carries it)."""
    data = base64.b64encode(image).decode("ascii")
    return Markup(f'<img class="chart" src="data:{mime};base64,{data}" alt="{escape(alt)}">')
