"""A room of users: N headless-Chromium sessions at once over the dashboard's pages, on the demo region.

The app is served on 127.0.0.1 (`streamlit run app.py`, as `make run` does). Every session opens a shared link
with its own filters (period and anchors differ between sessions) at the same moment, then moves through the
analysis pages by the sidebar's links, as people in a workshop would. A page view is timed from the click (or
the link) until Streamlit's script run has finished, the page's title is drawn and every chart has drawn its
SVG. Reports p50 / p95 per page, failures (an error on the page or no page within TIMEOUT_S), and the server's
CPU seconds per page view (/proc/<pid>/stat of the server, over the whole run).

Half the sessions open the same link (the one on the projector), the other half each a view of their own.
Bounded: at most MAX_SESSIONS sessions, one pass each, every wait capped at TIMEOUT_S; loopback only (any
request to another host is refused and counted). Sessions: ROOM_SESSIONS="1,10,20" (default). The demo store is
built once into bench/out/room-demo.duckdb (`anchorspend demo`, default seed and scale: 40,000 payments).
Targets (issue 16): 10 sessions p95 under 8 s, 20 sessions no failure.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
MAX_SESSIONS = 30
TIMEOUT_S = 180
# (nav label, page heading): the pages everyone in a room uses, in the order they are shown.
PAGES = (
    ("Overview", "Overview"),
    ("Local multiplier", "Local multiplier (LM3)"),
    ("Leakage", "Leakage"),
    ("Collaboration", "Collaboration opportunities"),
    ("Map", "Map"),
)
FAILURE_TEXT = ("Traceback", "could not be shown", "StreamlitAPIException")


def _store() -> Path:
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


def _cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a process so far (its threads included)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def _session(browser, url: str, query: str, timings: dict, failures: dict, outside: list) -> None:
    """One person: open the shared link, then every page by the sidebar's links."""
    import re

    sys.path.insert(0, str(ROOT / "tests"))
    from browser_app import SCRIPT_DONE, page_ready

    context = await browser.new_context(viewport={"width": 1280, "height": 720})

    async def only_loopback(route) -> None:
        if (urlsplit(route.request.url).hostname or "") in ("127.0.0.1", "localhost") or route.request.url.startswith(
            ("data:", "blob:")
        ):
            await route.continue_()
        else:
            outside.append(route.request.url)
            await route.abort()

    await context.route("**/*", only_loopback)
    page = await context.new_page()
    try:
        for n, (nav, heading) in enumerate(PAGES):
            started = time.perf_counter()
            try:
                if n == 0:
                    await page.goto(f"{url}/?{query}", wait_until="commit", timeout=TIMEOUT_S * 1000)
                else:
                    link = page.locator("[data-testid='stSidebarNavLink']").filter(has_text=re.compile(rf"{nav}\s*$"))
                    await link.click(timeout=TIMEOUT_S * 1000)
                await page.wait_for_function(f"({SCRIPT_DONE}) && ({page_ready(heading)})", timeout=TIMEOUT_S * 1000)
                text = await page.locator("[data-testid='stMain']").inner_text()
                if any(f in text for f in FAILURE_TEXT):
                    raise RuntimeError(next(f for f in FAILURE_TEXT if f in text))
                timings[nav].append(time.perf_counter() - started)
            except Exception as exc:  # a timeout or an error on the page: counted, the session goes on
                failures[nav].append(str(exc).splitlines()[0][:120])
    finally:
        await context.close()


async def _room(url: str, queries: list[str], timings: dict, failures: dict, outside: list) -> None:
    from playwright.async_api import async_playwright

    sys.path.insert(0, str(ROOT / "tests"))
    from browser_app import ARGS, CHROMIUM

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            await asyncio.gather(*(_session(browser, url, q, timings, failures, outside) for q in queries))
        finally:
            await browser.close()


def measure(store: Path, sessions: int, log: Path) -> list[dict]:
    """Serve the app, run `sessions` people through it at once; one row per page and a summary row."""
    sys.path.insert(0, str(ROOT / "tests"))
    from browser_app import serve

    sessions = min(sessions, MAX_SESSIONS)
    server: list[subprocess.Popen] = []
    timings: dict[str, list[float]] = defaultdict(list)
    failures: dict[str, list[str]] = defaultdict(list)
    outside: list[str] = []
    with serve(store, log, started=server.append) as url:
        cpu_before = _cpu_seconds(server[0].pid)
        started = time.perf_counter()
        asyncio.run(_room(url, _views(store, sessions), timings, failures, outside))
        wall_s = time.perf_counter() - started
        cpu_s = _cpu_seconds(server[0].pid) - cpu_before
    rows = []
    for nav, _heading in PAGES:
        times = sorted(timings[nav])
        rows.append(
            {
                "sessions": sessions,
                "page": nav,
                "views": len(times),
                "failures": len(failures[nav]),
                "p50_s": round(statistics.median(times), 2) if times else None,
                "p95_s": round(times[max(0, round(0.95 * len(times)) - 1)], 2) if times else None,
                "first_failure": failures[nav][0] if failures[nav] else "",
            }
        )
    views = sum(len(t) for t in timings.values()) + sum(len(f) for f in failures.values())
    every = sorted(t for ts in timings.values() for t in ts)
    rows.append(
        {
            "sessions": sessions,
            "page": "all pages",
            "views": views,
            "failures": sum(len(f) for f in failures.values()),
            "p50_s": round(statistics.median(every), 2) if every else None,
            "p95_s": round(every[max(0, round(0.95 * len(every)) - 1)], 2) if every else None,
            "server_cpu_s_per_view": round(cpu_s / views, 2) if views else None,
            "wall_s": round(wall_s, 1),
            "requests_off_machine": len(outside),
            "load_per_core": round(os.getloadavg()[0] / (os.cpu_count() or 1), 2),
        }
    )
    return rows


def run(args) -> list[dict]:
    """Every room size in ROOM_SESSIONS, each against a freshly started server (cold caches)."""
    store = _store()
    sizes = [int(n) for n in os.environ.get("ROOM_SESSIONS", "1,10,20").split(",") if n.strip()]
    results: list[dict] = []
    for size in sizes:
        results += measure(store, size, OUT / f"room-{size}.log")
    return results
