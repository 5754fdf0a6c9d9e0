"""Dashboard figures as vector images for the PDF, restyled to read in black-and-white print."""

from __future__ import annotations

import asyncio
import atexit
import base64
import concurrent.futures
import contextlib
import copy
import logging
import os
import re
import shutil
import threading
from typing import Any

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
# Tabs drawing at once, one renderer process each: two sessions' pictures are drawn side by side, not queued.
TABS = 2
# kaleido reloads a tab's page (and its 4 MB of plotly.js) after every figure: 0.2 s of CPU around a drawing of
# 0.02 s (measured: 0.23 s against 0.023 s of CPU a figure). Plotly.toImage draws in a detached node it removes,
# so a tab is reloaded only after this many figures, which still bounds whatever a page might accumulate.
RELOAD_EVERY = 100

_lock = threading.Lock()
_exporter: _Exporter | None = None


class RenderError(RuntimeError):
    """A chart could not be drawn (Chromium missing, failing or too slow); the message is one line."""


def timeout_s() -> float:
    """Seconds an export may take: $ANCHORSPEND_RENDER_TIMEOUT_S, else 90."""
    try:
        return max(float(os.environ.get(TIMEOUT_ENV, DEFAULT_TIMEOUT_S)), 0.1)
    except ValueError:
        return DEFAULT_TIMEOUT_S


def _browser() -> str:
    """The Chromium the exporter runs, as a message names it."""
    return shutil.which(os.environ.get("BROWSER_PATH", "")) or os.environ.get("BROWSER_PATH", "chromium")


def _one_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


class _Exporter:
    """One Chromium with TABS kaleido tabs, driven by an event loop in its own thread. Each export waits on its
    own future, so callers in different threads get their own pictures (kaleido's sync server answers everyone
    from one shared queue) and up to TABS are drawn at once."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, name="kaleido", daemon=True)
        self.thread.start()
        self.kaleido: Any = None
        self.started = False
        try:  # a browser that is missing or fails to open leaves no loop thread or process behind
            self.kaleido = self._run(_new_kaleido(), starting=True)
            self._run(self.kaleido.open(), starting=True)
        except RenderError:
            self.close()
            raise
        self.started = True

    def _run(self, work, starting: bool = False):  # noqa: ANN001, ANN202 - a coroutine, its result
        """Run a coroutine on the exporter's loop; fail in one line if it errs or outlasts timeout_s()."""
        future = asyncio.run_coroutine_threadsafe(_settled(work), self.loop)
        limit = timeout_s()
        try:
            ok, value = future.result(limit)
        except concurrent.futures.CancelledError:
            raise RenderError("charts cannot be drawn: the exporter was stopped") from None
        except concurrent.futures.TimeoutError:
            future.cancel()
            raise RenderError(
                f"charts cannot be drawn: Chromium ({_browser()}) did not answer within {limit:g} s"
            ) from None
        if ok:
            return value
        if starting:
            raise RenderError(f"charts cannot be drawn: Chromium ({_browser()}) did not start") from None
        raise RenderError(f"charts cannot be drawn: {_one_line(value)}") from None

    def export(self, spec: dict, opts: dict) -> bytes:
        """One figure drawn in the next free tab."""
        return self._run(self.kaleido.calc_fig(spec, opts=opts))

    def close(self) -> None:
        """Close Chromium (killed if it does not answer, or never started) and stop the loop."""
        if self.started:
            with contextlib.suppress(RenderError):
                self._run(self.kaleido.close())
        process = getattr(self.kaleido, "subprocess", None)
        if process is not None and process.poll() is None:
            with contextlib.suppress(OSError):
                process.kill()
        # The browser's watchdog and readers are tasks on this loop: end them, or the interpreter's exit prints
        # "Task was destroyed but it is pending" under the report's one-line failure.
        with contextlib.suppress(RenderError):
            self._run(_cancel_others())
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(5)
        if not self.thread.is_alive():
            self.loop.close()


async def _settled(work):  # noqa: ANN001, ANN202 - a coroutine, and (finished, its result or its error)
    """Await work and hand back its error rather than raise it: a task whose caller gave up (timed out) would
    otherwise end in an error nobody reads, which the interpreter prints at exit."""
    try:
        return True, await work
    except BaseException as exc:  # noqa: BLE001 - handed to the caller; choreographer turns cancels into errors
        return False, exc


async def _cancel_others() -> None:
    """Cancel every other task on the running loop and wait for them to end."""
    tasks = [task for task in asyncio.all_tasks() if task is not asyncio.current_task()]
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)


async def _new_kaleido():  # noqa: ANN202 - kaleido's class is imported here, not at module level (heavy)
    """A kaleido with TABS tabs that reloads a tab every RELOAD_EVERY figures rather than after each (not open)."""
    import kaleido

    class Reusing(kaleido.Kaleido):
        async def _return_kaleido_tab(self, tab) -> None:  # noqa: ANN001 - kaleido's private tab type
            # kaleido's own method reloads the tab, then queues it; queue it as it is most of the time.
            uses = getattr(tab, "anchorspend_uses", 0) + 1
            tab.anchorspend_uses = uses
            if uses % RELOAD_EVERY == 0:
                await super()._return_kaleido_tab(tab)
            else:
                await self.tabs_ready.put(tab)

    return Reusing(n=TABS, mathjax=False, timeout=None)  # made on the loop: it builds asyncio objects


def _export(spec: dict, opts: dict) -> bytes:
    """One figure through the shared exporter, time-limited."""
    start_exporter()
    exporter = _exporter
    if exporter is None:  # stopped by another thread between the two lines
        raise RenderError("charts cannot be drawn: the exporter was stopped")
    return exporter.export(spec, opts)


def start_exporter() -> None:
    """Start one Chromium for every export of this process (about 2 s once, then a fraction per figure)."""
    global _exporter
    with _lock:
        if _exporter is not None:
            return
        # Use the system Chromium; kaleido.get_chrome() would download one, which this product never does.
        if not os.environ.get("BROWSER_PATH"):
            found = (
                shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
            )
            if found:
                os.environ["BROWSER_PATH"] = found
        logging.getLogger("choreographer").setLevel(logging.ERROR)  # its warnings duplicate RenderError's line
        logging.getLogger("kaleido").setLevel(logging.ERROR)
        if not getattr(threading.excepthook, "quiet_kaleido", False):
            threading.excepthook = _quiet_browser_failure(threading.excepthook)
        _exporter = _Exporter()
        atexit.unregister(stop_exporter)  # once, however often the exporter is started again
        atexit.register(stop_exporter)


def _quiet_browser_failure(previous):  # noqa: ANN001, ANN202 - threading.excepthook's type
    """An excepthook that keeps a dying browser thread of kaleido's from printing a traceback: the export that
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
    global _exporter
    with _lock:
        exporter, _exporter = _exporter, None
    if exporter is not None:
        exporter.close()


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


def to_svg(fig: go.Figure, width: int = 900, height: int = 420, scale: float = 2) -> bytes:
    """Export a figure as SVG through kaleido and the system Chromium (its size on the page: width x scale)."""
    # Straight to kaleido: plotly's to_image passes options the running server ignores, with a warning.
    image = _export(fig.to_dict(), {"format": "svg", "width": width, "height": height, "scale": scale})
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
