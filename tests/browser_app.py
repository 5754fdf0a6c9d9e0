"""The app under `streamlit run` in headless Chromium: serve, wait, shoot (for test_browser and look.py)."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
# Every page of the app: (url path, nav label, title, title in workshop mode or None when workshop mode closes
# the page).
PAGES = [
    ("", "Overview", "Overview", "How much of our spend stays local"),
    ("multiplier", "Local multiplier", "Local multiplier (LM3)", "How far our money travels locally"),
    ("leakage", "Leakage", "Leakage", "Where our money leaves the area"),
    ("collaboration", "Collaboration", "Collaboration opportunities", "Where we could act together"),
    ("map", "Map", "Map", "Where the money goes"),
    ("suppliers", "Suppliers", "Suppliers", None),
    ("data", "Data", "Data", None),
    ("report", "Report", "Weekly report", "The weekly report"),
]
# The script has finished its run (the attribute Streamlit's own e2e tests read) and every element is drawn:
# Streamlit loads some element kinds (metrics, charts) lazily and shows skeletons until they arrive.
SCRIPT_DONE = (
    "document.querySelector('[data-testid=\"stApp\"]')?.dataset.testScriptState === 'notRunning'"
    " && !document.querySelector('[data-testid^=\"stSkeleton\"]')"
)
# Every Plotly chart on the page has drawn its SVG (maps draw theirs around the MapLibre canvas).
CHARTS_DRAWN = (
    "[...document.querySelectorAll('[data-testid=\"stPlotlyChart\"]')]"
    ".every(c => c.querySelector('.main-svg'))"
)


# Every chart drawn as a picture on the server (workshop mode) has loaded.
PICTURES_DRAWN = (
    "[...document.querySelectorAll('[data-testid=\"stMain\"] img.chart')].every(i => i.complete && i.naturalWidth > 0)"
)


# A chart is drawn where the user can see it (not in a hidden tab).
VISIBLE_CHART = (
    "[...document.querySelectorAll('[data-testid=\"stPlotlyChart\"]')]"
    ".some(c => c.offsetParent !== null && c.querySelector('.main-svg'))"
)


def timeout_ms(base_s: float = 45) -> int:
    """A wait that grows with the load per core (x1 on an idle machine, up to x4 under heavy load)."""
    load_per_core = os.getloadavg()[0] / (os.cpu_count() or 1)
    return int(base_s * 1000 * min(4.0, max(1.0, load_per_core)))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def serve(
    store: Path,
    log_path: Path,
    started: Callable[[subprocess.Popen], None] | None = None,
    script: str = "app.py",
) -> Iterator[str]:
    """`streamlit run app.py` on store; yields its base URL once it answers, stops it afterwards.

    started(process) is called with the server process once it answers (a benchmark reads its CPU time); script
    is another entry point to serve instead of app.py (a benchmark's bare page)."""
    env = {**os.environ, "ANCHORSPEND_DB": str(store), "ANCHORSPEND_LOCK_WORKSHOP": ""}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # else the server recompiles every import it makes
    port = _free_port()
    command = [sys.executable, "-m", "streamlit", "run", script, "--server.headless", "true"]
    command += ["--server.address", "127.0.0.1", "--server.port", str(port)]
    command += ["--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"]
    url = f"http://127.0.0.1:{port}"
    with log_path.open("wb") as log:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + timeout_ms(30) / 1000
            while not _healthy(url):
                if process.poll() is not None:
                    raise RuntimeError(f"streamlit exited: {log_path.read_text()[-2000:]}")
                if time.monotonic() > deadline:
                    raise RuntimeError("streamlit did not answer /_stcore/health in time")
                time.sleep(0.2)
            if started is not None:
                started(process)
            yield url
        finally:
            process.terminate()
            process.wait(timeout=30)


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def settle(page, until: str = "true") -> None:
    """Wait until the app's script run has finished and `until` (a JS expression) holds."""
    page.wait_for_function(f"({SCRIPT_DONE}) && ({until})", timeout=timeout_ms())


def heading_is(title: str) -> str:
    """JS: the page's title heading reads `title`."""
    headings = "[...document.querySelectorAll('[data-testid=\"stMain\"] h1')]"
    return f"{headings}.some(h => h.innerText.trim() === {title!r})"


def page_ready(title: str) -> str:
    """JS: the page titled `title` is drawn, charts (and workshop mode's chart pictures) included."""
    return f"{heading_is(title)} && {CHARTS_DRAWN} && {PICTURES_DRAWN}"


def click_nav(page, nav: str) -> None:
    """Click a page's link in the sidebar navigation (its text ends with the page's name, after the icon)."""
    page.locator("[data-testid='stSidebarNavLink']").filter(has_text=re.compile(rf"{nav}\s*$")).click()


def screenshot_whole(page, path: Path) -> None:
    """The whole page as a PNG: Streamlit scrolls inside its main area, so grow the viewport to fit first."""
    size = page.viewport_size
    height = page.evaluate(
        "Math.max(...['stMain', 'stSidebarContent', 'stAppViewContainer'].map(id => "
        'document.querySelector(`[data-testid="${id}"]`)?.scrollHeight || 0))'
    )
    if height > size["height"]:
        page.set_viewport_size({"width": size["width"], "height": height})
        settle(page, CHARTS_DRAWN)
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size(size)


# Text cut short on screen, as "text" (at most 60 characters): any run of text inside `root` that reaches past the
# box of the element holding it or of any ancestor that clips (overflow other than visible: Streamlit clips a
# card's label in a parent, so measuring the text's own element misses it). A scroll box clips across only (one
# scrolls down a page, never sideways on a projector). Text not drawn (a closed expander, another tab), in charts
# (checked as pictures) and in canvas tables is left out, and so is what a scroll box's ancestors hide (the page's
# own scroll box holds everything below the fold).
CLIPPED_TEXT = """((selector) => {
  const slack = 1;  // subpixel rounding
  const skip = 'svg, canvas, img, script, style, [data-testid="stDataFrame"], [data-testid="stPlotlyChart"]';
  const out = [];
  for (const root of document.querySelectorAll(selector)) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent.trim();
      const holder = node.parentElement;
      if (!text || !holder || holder.closest(skip) || !holder.checkVisibility({visibilityProperty: true})) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const rects = [...range.getClientRects()].filter(r => r.width > 0 && r.height > 0);
      if (!rects.length) continue;
      const left = Math.min(...rects.map(r => r.left)), right = Math.max(...rects.map(r => r.right));
      const top = Math.min(...rects.map(r => r.top)), bottom = Math.max(...rects.map(r => r.bottom));
      let cut = false;
      for (let box = holder; box && box !== document.documentElement && !cut; box = box.parentElement) {
        const style = getComputedStyle(box);
        const across = style.overflowX !== 'visible', down = ['hidden', 'clip'].includes(style.overflowY);
        if (!across && !down) continue;
        // The page's scroll box (or a table's): what lies beyond it scrolls into view, so look no further out.
        const scrolls = [style.overflowX, style.overflowY].some(o => o === 'auto' || o === 'scroll');
        const edge = box.getBoundingClientRect();
        const inner = {left: edge.left + box.clientLeft, top: edge.top + box.clientTop};
        inner.right = inner.left + box.clientWidth;
        inner.bottom = inner.top + box.clientHeight;
        cut = (across && (left < inner.left - slack || right > inner.right + slack))
          || (down && (top < inner.top - slack || bottom > inner.bottom + slack));
        if (scrolls) break;
      }
      if (cut) out.push(text.slice(0, 60));
    }
  }
  return out;
})"""


# Grids (st.dataframe, drawn on a canvas the cut-text check cannot read) whose columns reach past their box, so
# that the last ones are cut at its edge until scrolled sideways; as "width in box px". Grids not drawn (another
# tab) are left out. GRIDS_SEEN: how many grids were drawn, so that a check can say it looked at real ones.
GRIDS = """[...document.querySelectorAll('[data-testid="stMain"] [data-testid="stDataFrame"]')]
  .filter(g => g.checkVisibility()).map(g => g.querySelector('.dvn-scroller')).filter(s => s)"""
GRIDS_CUT = GRIDS + ".filter(s => s.scrollWidth > s.clientWidth + 1).map(s => `${s.scrollWidth} in ${s.clientWidth}`)"
GRIDS_SEEN = f"{GRIDS}.length"


# The summaries of the closed expanders in the page's main area (their content is drawn only when opened).
# No expander is still animating (an opening one clips its content while it grows).
EXPANDERS_STILL = (
    "[...document.querySelectorAll('details')].every(d => d.getAnimations({subtree: true}).length === 0)"
)
CLOSED_EXPANDERS = '[data-testid="stMain"] [data-testid="stExpander"] details:not([open]) > summary'


def open_expanders(page, selector: str = CLOSED_EXPANDERS, most: int = 60) -> int:
    """Open every closed expander (an expander that reruns the page when opened is waited for), so that what is
    inside is drawn and can be checked; how many were opened."""
    opened = 0
    while opened < most and page.locator(selector).count():
        page.locator(selector).first.click()
        opened += 1
        if page.locator('[data-testid="stApp"]').count():  # the app: wait for a rerun the expander started
            settle(page)
    page.wait_for_function(EXPANDERS_STILL, timeout=timeout_ms())  # opened all the way: none still sliding open
    return opened


def clipped(page, selector: str = '[data-testid="stMain"]') -> list[str]:
    """The text cut short on the page inside the elements `selector` picks (CLIPPED_TEXT)."""
    return page.evaluate(f"{CLIPPED_TEXT}({selector!r})")
