"""A room of users: N headless-Chromium sessions at once over the dashboard's pages, on the demo region.

The app is served on 127.0.0.1 (`streamlit run serve.py`, as `make run` does). Every session opens a shared link
with its own filters (period and anchors differ between sessions) as it arrives, then moves through the analysis
pages by the sidebar's links, as people in a workshop would. A page view is timed from the click (or the link) until
Streamlit's script run has finished, the page's title is drawn and every chart has drawn its SVG. Reports p50 / p95
per page, failures (an error on the page or no page within TIMEOUT_S), and the server's CPU seconds per page view
(the server process and its own children, such as the Chromium that draws workshop pictures, over the whole run)
beside the browsers' (every other process the bench started, sampled). Beside each room, the same number of people
open a bare Streamlit page at once (cold, a new browser each, then warm): what Streamlit and the browsers alone cost
here.

Half the sessions open the same link (the one on the projector), the other half each a view of their own. Bounded:
at most MAX_SESSIONS sessions, one pass each (two for one person alone: cold, then warm), every wait capped at
TIMEOUT_S; loopback only (any request to another host is refused and counted).

Settings (environment): ROOM_SESSIONS="1,10,20" room sizes; ROOM_MODES="workshop,normal" the links' mode (a
workshop's link on the projector is in workshop mode; normal is a room of officers); ROOM_ARRIVALS="0,30" how many
seconds the room takes to arrive: 0 is everyone in the same instant (the worst case), 30 is people opening the
projector's link over half a minute (each at a seeded random moment; a view is timed from that person's arrival);
ROOM_LOOK_S="0,10" how long each person looks at a page before clicking the next (a seeded 0.5-1.5 x this; 0 is
clicking on the moment a page is drawn, the stress case; 10 is a person reading the page, as in a workshop);
ROOM_SETTLE_S=15 seconds at least between the server's start and the room's arrival, and with serve.py (as `make
run` starts it) never before its log says the default view is warmed (at most ROOM_WARM_WAIT_S=180 s): a
facilitator opens the link on the projector before the room comes in, by which time the server has warmed. The
summary row says how long the warming took (`server_warm_s`). The demo store is built once into
bench/out/room-demo.duckdb (`anchorspend demo`, default seed and scale: 40,000 payments). Targets (issue 16): 10
sessions p95 under 8 s, 20 sessions no failure."""

from __future__ import annotations

import asyncio
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
MAX_SESSIONS = 30
# The server's entry, as `make run` starts it; ROOM_APP=app.py measures the app without warming at start.
APP_ENTRY = os.environ.get("ROOM_APP", "serve.py")
TIMEOUT_S = 180
sys.path.insert(0, str(ROOT / "tests"))
from browser_app import PAGES as APP_PAGES  # noqa: E402 - the tests' one list of the app's pages

IN_A_ROOM = ("Overview", "Local multiplier", "Leakage", "Collaboration", "Map")
# (nav label, page heading): the pages everyone in a room uses, in the order they are shown ...
PAGES = tuple((nav, title) for _path, nav, title, _plain in APP_PAGES if nav in IN_A_ROOM)
# ... their headings in workshop mode (plain words) ...
WORKSHOP_PAGES = tuple((nav, plain or title) for _path, nav, title, plain in APP_PAGES if nav in IN_A_ROOM)
# ... and the others, which bench_browser_pages times too (every page of the app).
OTHER_PAGES = tuple((nav, title) for _path, nav, title, _plain in APP_PAGES if nav not in IN_A_ROOM)
SEED = 16  # the arrival moments and looking times: the same room every run
# Loopback only, kept by the browser itself: every other host goes to a proxy on a closed port and fails. (Routing
# every request through Playwright, as before, paused each one until the bench's own Python answered: in a room of
# ten that cost more than the page (all pages p95 17.5 s with it, 12.6 s without, the app unchanged).)
OFFLINE = ["--proxy-server=127.0.0.1:9"]
# ms between checks that a page is drawn (Playwright's default checks on every animation frame, 60 times a second
# in every waiting tab, which is the bench's work, not the app's).
POLL_MS = 100
# Seconds between the server answering and the room arriving: `make run` warms the default view (numbers and the
# workshop pictures) as it starts, which a workshop's server has long finished when people come in.
SETTLE_S = float(os.environ.get("ROOM_SETTLE_S", "15"))
WARM_WAIT_S = float(os.environ.get("ROOM_WARM_WAIT_S", "180"))
WARMED = "warmed the default view"  # anchorspend.ui.warm's line in the server's log
FAILURE_TEXT = ("Traceback", "could not be shown", "StreamlitAPIException")
BARE = "bare Streamlit page (baseline)"
BARE_SCRIPT = "import streamlit as st\n\nst.title('Bare')\n"
BARE_READY = "document.querySelector('h1') !== null"


def demo_store() -> Path:
    """The demo region, built once (about a minute)."""
    path = OUT / "room-demo.duckdb"
    if not path.exists():
        OUT.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory() as folder:
            subprocess.run(
                [sys.executable, "-m", "anchorspend", "demo", "--db", str(path), "--folder", folder],
                check=True,
                capture_output=True,
            )
    return path


def _views(store: Path, sessions: int) -> list[str]:
    """Each session's link query: a period and anchors of its own (different filters: different cache keys)."""
    from anchorspend import db

    with db.connect(store, read_only=True) as con:
        anchors = [r[0] for r in con.execute("select anchor_id from anchors order by anchor_id").fetchall()]
        last = con.execute("select max(paid_on) from payments").fetchone()[0]
    fy = last.year if last.month >= 4 else last.year - 1
    periods = [f"{fy}-{(fy + 1) % 100:02d}", f"{fy - 1}-{fy % 100:02d}", f"{fy}-Q1", f"{fy - 1}-Q3"]
    queries = []
    for i in range(sessions):
        if i % 2 == 0:  # half the room follows the link on the screen: the same view
            queries.append(f"period={periods[0]}")
            continue
        chosen = [a for j, a in enumerate(anchors) if (i >> j) & 1]  # the other half: a view of their own
        query = f"period={periods[i // 2 % len(periods)]}" + (f"&anchor={','.join(map(str, chosen))}" if chosen else "")
        queries.append(query)
    return queries


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a process and its live children so far (their threads included)."""
    import psutil

    total = 0.0
    process = psutil.Process(pid)
    for each in [process, *process.children(recursive=True)]:
        try:
            times = each.cpu_times()
            total += times.user + times.system
        except psutil.Error:
            continue
    return total


class BrowserCPU:
    """CPU seconds the browsers (every process this one started, but the server and its children) spend while the
    block runs:
    sampled twice a second, because a closed tab's process takes its count with it."""

    def __init__(self, server_pid: int) -> None:
        self.server_pid, self.seen, self._stop = server_pid, {}, threading.Event()

    def _sample(self) -> None:
        import psutil

        try:
            server = {self.server_pid} | {p.pid for p in psutil.Process(self.server_pid).children(recursive=True)}
        except psutil.Error:
            server = {self.server_pid}
        for process in psutil.Process().children(recursive=True):
            try:
                if process.pid in server:  # the server's own (its exporter's Chromium): counted as the server's
                    continue
                times = process.cpu_times()
                self.seen[(process.pid, process.create_time())] = times.user + times.system
            except psutil.Error:
                continue

    def _run(self) -> None:
        while not self._stop.wait(0.5):
            self._sample()

    def __enter__(self) -> BrowserCPU:
        self._sample()
        self.before = sum(self.seen.values())
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self._sample()
        self.seconds = sum(self.seen.values()) - self.before


async def _context(browser, outside: list):
    """A new browser context (its own cache, as a new person's browser); any request for another host is counted
    (the browser's proxy, see OFFLINE, refuses it)."""
    context = await browser.new_context(viewport={"width": 1280, "height": 720})

    def count_outside(request) -> None:
        if (urlsplit(request.url).hostname or "") not in ("127.0.0.1", "localhost") and not request.url.startswith(
            ("data:", "blob:")
        ):
            outside.append(request.url)

    context.on("request", count_outside)
    return context


async def session(
    browser,
    url: str,
    query: str,
    timings: dict,
    failures: dict,
    outside: list,
    passes: int = 1,
    pages: tuple[tuple[str, str], ...] = PAGES,
    arrives_s: float = 0.0,
    looks_s: float = 0.0,
    also: list[float] | None = None,
) -> None:
    """One person: arrive after arrives_s, open the shared link, then every page by the sidebar's links (`passes`
    times: the first is cold, later ones warm; timings are keyed by page name, "(warm)" added after the first
    pass, and each also appended to `also`), looking at each page for a seeded 0.5-1.5 x looks_s seconds before
    the next click."""
    import re

    sys.path.insert(0, str(ROOT / "tests"))
    from browser_app import SCRIPT_DONE, page_ready

    chance = random.Random(f"{SEED}:{query}:{arrives_s}")  # a string seed: the same looks in every run
    await asyncio.sleep(arrives_s)
    context = await _context(browser, outside)
    page = await context.new_page()
    try:
        for attempt in range(passes):
            for n, (nav, heading) in enumerate(pages):
                name = nav if attempt == 0 else f"{nav} (warm)"
                if n or attempt:
                    await asyncio.sleep(chance.uniform(0.5, 1.5) * looks_s)  # reading the page before moving on
                started = time.perf_counter()
                try:
                    if n == 0 and attempt == 0:
                        await page.goto(f"{url}/?{query}", wait_until="commit", timeout=TIMEOUT_S * 1000)
                    else:
                        links = page.locator("[data-testid='stSidebarNavLink']")
                        link = links.filter(has_text=re.compile(rf"{nav}\s*$"))
                        sidebar = page.locator("[data-testid='stSidebar']")
                        if await sidebar.get_attribute("data-collapsed") == "true":  # workshop: closed; open it
                            await page.locator("[data-testid='stExpandSidebarButton']").click(timeout=TIMEOUT_S * 1000)
                        await link.click(timeout=TIMEOUT_S * 1000)
                    await page.wait_for_function(
                        f"({SCRIPT_DONE}) && ({page_ready(heading)})", timeout=TIMEOUT_S * 1000, polling=POLL_MS
                    )
                    text = await page.locator("[data-testid='stMain']").inner_text()
                    if any(f in text for f in FAILURE_TEXT):
                        raise RuntimeError(next(f for f in FAILURE_TEXT if f in text))
                    timings[name].append(time.perf_counter() - started)
                    if also is not None:
                        also.append(timings[name][-1])
                except Exception as exc:  # a timeout or an error on the page: counted, the session goes on
                    failures[name].append(str(exc).splitlines()[0][:120])
    finally:
        await context.close()


async def bare_session(browser, url: str, timings: dict, failures: dict, outside: list, arrives_s: float = 0.0) -> None:
    """One person opening the bare page: cold (a new browser, the frontend's files not yet cached), then again."""
    sys.path.insert(0, str(ROOT / "tests"))
    from browser_app import SCRIPT_DONE

    await asyncio.sleep(arrives_s)
    context = await _context(browser, outside)
    page = await context.new_page()
    try:
        for name in (BARE, f"{BARE} (warm)"):
            started = time.perf_counter()
            try:
                await page.goto(url, wait_until="commit", timeout=TIMEOUT_S * 1000)
                await page.wait_for_function(
                    f"({SCRIPT_DONE}) && ({BARE_READY})", timeout=TIMEOUT_S * 1000, polling=POLL_MS
                )
                timings[name].append(time.perf_counter() - started)
            except Exception as exc:
                failures[name].append(str(exc).splitlines()[0][:120])
    finally:
        await context.close()


async def room(people: list) -> None:
    """Run people (each a coroutine function of the browser) at once in one headless Chromium."""
    from playwright.async_api import async_playwright

    sys.path.insert(0, str(ROOT / "tests"))
    from browser_app import ARGS, CHROMIUM

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS + OFFLINE)
        try:
            await asyncio.gather(*(person(browser) for person in people))
        finally:
            await browser.close()


def arrivals(sessions: int, over_s: float) -> list[float]:
    """When each person arrives, in seconds from the start: all at 0, or seeded random moments within over_s."""
    chance = random.Random(SEED)
    return [0.0 if over_s <= 0 else round(chance.uniform(0, over_s), 2) for _ in range(sessions)]


def bare_room(
    sessions: int, log: Path, over_s: float = 0.0
) -> tuple[dict[str, list[float]], dict[str, list[str]], float]:
    """The baseline: `sessions` people opening a Streamlit page that only writes a title, at once, cold and
    warm, served and driven the same way as the app (what Streamlit and the browsers cost on this machine);
    with the browsers' CPU seconds."""
    sys.path.insert(0, str(ROOT / "tests"))
    from browser_app import serve

    timings: dict[str, list[float]] = defaultdict(list)
    failures: dict[str, list[str]] = defaultdict(list)
    outside: list[str] = []
    server: list[subprocess.Popen] = []
    with tempfile.TemporaryDirectory() as folder:
        script = Path(folder) / "bare.py"
        script.write_text(BARE_SCRIPT)
        with serve(demo_store(), log.with_suffix(".bare.log"), started=server.append, script=str(script)) as url:
            people = [
                lambda browser, at=at: bare_session(browser, url, timings, failures, outside, at)
                for at in arrivals(sessions, over_s)
            ]
            with BrowserCPU(server[0].pid) as browsers:
                asyncio.run(room(people))
    return timings, failures, browsers.seconds


def summary(times: list[float]) -> dict:
    """p50 and p95 of some page views, in seconds."""
    times = sorted(times)
    return {
        "p50_s": round(statistics.median(times), 2) if times else None,
        "p95_s": round(times[max(0, round(0.95 * len(times)) - 1)], 2) if times else None,
    }


def measure(
    store: Path, sessions: int, log: Path, mode: str = "normal", over_s: float = 0.0, looks_s: float = 0.0
) -> list[dict]:
    """Serve the app, run `sessions` people through it at once (arriving over over_s seconds, their links in
    `mode`, looking at each page for about looks_s seconds); one row per page, the bare page's rows (the same
    number of people, arriving the same way) and a summary row."""
    sys.path.insert(0, str(ROOT / "tests"))
    from browser_app import serve

    sessions = min(sessions, MAX_SESSIONS)
    passes = 2 if sessions == 1 else 1  # one person alone also goes round again: the pages warm
    server: list[subprocess.Popen] = []
    timings: dict[str, list[float]] = defaultdict(list)
    failures: dict[str, list[str]] = defaultdict(list)
    outside: list[str] = []
    with serve(store, log, started=server.append, script=APP_ENTRY) as url:
        answered = time.perf_counter()
        warm_s = wait_for_warming(log) if APP_ENTRY == "serve.py" else None
        # the app was started before the room came in: SETTLE_S at least, counting any wait for the warming
        time.sleep(max(SETTLE_S - (time.perf_counter() - answered), 0.0))
        cpu_before = cpu_seconds(server[0].pid)
        started = time.perf_counter()
        pages = WORKSHOP_PAGES if mode == "workshop" else PAGES
        extra = "&mode=workshop" if mode == "workshop" else ""
        views_asked = _views(store, sessions)
        # the projector's link (everyone on it shares one cache entry) and views of their own (each computed)
        by_link: dict[str, list[float]] = {"the shared link": [], "views of their own": []}
        people = [
            lambda browser, q=q, at=at: session(
                browser,
                url,
                q + extra,
                timings,
                failures,
                outside,
                passes,
                pages,
                at,
                looks_s,
                by_link["the shared link" if q == views_asked[0] else "views of their own"],
            )
            for q, at in zip(views_asked, arrivals(sessions, over_s), strict=True)
        ]
        with BrowserCPU(server[0].pid) as browsers:
            asyncio.run(room(people))
        wall_s = time.perf_counter() - started
        cpu_s = cpu_seconds(server[0].pid) - cpu_before
    views = sum(len(t) for t in timings.values()) + sum(len(f) for f in failures.values())
    bare_times, bare_failures, bare_browser_s = bare_room(sessions, log, over_s)
    rows = []
    names = [n for n, _ in PAGES] + [f"{n} (warm)" for n, _ in PAGES if f"{n} (warm)" in timings]
    for name, times, failed in [(n, timings[n], failures[n]) for n in names] + [
        (n, bare_times[n], bare_failures[n]) for n in (BARE, f"{BARE} (warm)")
    ]:
        rows.append(
            {
                "sessions": sessions,
                "mode": mode,
                "arrive_over_s": over_s,
                "looks_s": looks_s,
                "page": name,
                "views": len(times),
                "failures": len(failed),
                **summary(times),
                "first_failure": failed[0] if failed else "",
            }
        )
    rows[-1]["browser_cpu_s_per_view"] = round(bare_browser_s / (2 * sessions), 2)  # both bare visits
    for link, times in by_link.items():
        if times and sessions > 1:
            rows.append(
                {
                    "sessions": sessions,
                    "mode": mode,
                    "arrive_over_s": over_s,
                    "looks_s": looks_s,
                    "page": f"all pages, {link}",
                    "views": len(times),
                    **summary(times),
                }
            )
    rows.append(
        {
            "sessions": sessions,
            "mode": mode,
            "arrive_over_s": over_s,
            "looks_s": looks_s,
            "page": "all pages",
            "views": views,
            "failures": sum(len(f) for f in failures.values()),
            **summary([t for ts in timings.values() for t in ts]),
            "server_cpu_s_per_view": round(cpu_s / views, 2) if views else None,
            "browser_cpu_s_per_view": round(browsers.seconds / views, 2) if views else None,
            "wall_s": round(wall_s, 1),
            "requests_off_machine": len(outside),
            "load_per_core": round(os.getloadavg()[0] / (os.cpu_count() or 1), 2),
            "server_warm_s": warm_s,
        }
    )
    return rows


def wait_for_warming(log: Path) -> float | None:
    """Seconds until the server's log says the default view is warmed (None if it has not said so within
    WARM_WAIT_S: the room then comes in on a server still warming, as it would)."""
    started = time.perf_counter()
    while time.perf_counter() - started < WARM_WAIT_S:
        if WARMED in log.read_text(errors="replace"):
            return round(time.perf_counter() - started, 1)
        time.sleep(0.5)
    return None


def _setting(name: str, default: str) -> list[str]:
    return [value.strip() for value in os.environ.get(name, default).split(",") if value.strip()]


def run(args) -> list[dict]:
    """Every room size in ROOM_SESSIONS x mode in ROOM_MODES x arrival in ROOM_ARRIVALS x looking time in
    ROOM_LOOK_S, each against a freshly started server (cold caches); one person alone only once per mode
    (arrival and looking make no difference), and looking only in rooms that arrive over time (everyone in the same
    instant, clicking on at once, is the stress case)."""
    store = demo_store()
    results: list[dict] = []
    for mode in _setting("ROOM_MODES", "workshop,normal"):
        for size in [int(n) for n in _setting("ROOM_SESSIONS", "1,10,20")]:
            for over_s in [float(s) for s in _setting("ROOM_ARRIVALS", "0,30")]:
                for looks_s in [float(s) for s in _setting("ROOM_LOOK_S", "0,10")]:
                    if (size == 1 and (over_s > 0 or looks_s > 0)) or (over_s <= 0 and looks_s > 0):
                        continue
                    log = OUT / f"room-{mode}-{size}-{over_s:g}-{looks_s:g}.log"
                    results += measure(store, size, log, mode, over_s, looks_s)
    return results
