"""Every page in the browser: from navigation to fully drawn, cold and warm, beside a bare Streamlit page.

One person in headless Chromium (bench_room's driver, one session): a freshly started server, the default view,
every page of the app by the sidebar's links (cold: the server's caches empty for that page, the first page
also loads the frontend), then every page again (warm). The bare page (a script that only writes a title) is
served and opened the same way in the same run, cold (a new browser) and warm. A page is drawn when Streamlit's
script run has finished, its title shows and every chart has drawn its SVG.

Stores: the demo region (40,000 payments, bench/out/room-demo.duckdb) and, when `make bench` has built it,
the 10-million-payment store ANCHORSPEND_BENCH_DB. Targets (issue 14): at 40,000 payments every page under
1.5 s warm and 3 s cold; at 10 million under 3 s warm.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

from bench import bench_room

TARGETS_S = {"40k": {"cold": 3.0, "warm": 1.5}, "10M": {"cold": None, "warm": 3.0}}


def _stores() -> list[tuple[str, Path]]:
    stores = [("40k", bench_room.demo_store())]
    big = os.environ.get("ANCHORSPEND_BENCH_DB")
    if big and Path(big).exists():
        stores.append(("10M", Path(big)))
    return stores


def measure(label: str, store: Path) -> list[dict]:
    """One row per page (cold, warm, the targets), the bare page's row, and the server's CPU."""
    sys.path.insert(0, str(bench_room.ROOT / "tests"))
    from browser_app import serve

    pages = bench_room.PAGES + bench_room.OTHER_PAGES
    timings: dict[str, list[float]] = defaultdict(list)
    failures: dict[str, list[str]] = defaultdict(list)
    outside: list[str] = []
    server: list[subprocess.Popen] = []
    log = bench_room.OUT / f"pages-{label}.log"
    with serve(store, log, started=server.append, script=bench_room.APP_ENTRY) as url:
        cpu_before = bench_room.cpu_seconds(server[0].pid)
        person = [
            lambda browser: bench_room.session(browser, url, "", timings, failures, outside, passes=2, pages=pages)
        ]
        with bench_room.BrowserCPU(server[0].pid) as browser:
            asyncio.run(bench_room.room(person))
        cpu_s = bench_room.cpu_seconds(server[0].pid) - cpu_before
    bare, bare_failures, bare_browser_s = bench_room.bare_room(1, log)
    target = TARGETS_S[label]
    rows = []
    for nav, _ in pages:
        cold, warm = timings[nav], timings[f"{nav} (warm)"]
        row = {
            "store": label,
            "page": nav,
            "cold_s": round(cold[0], 2) if cold else None,
            "warm_s": round(warm[0], 2) if warm else None,
            "failure": (failures[nav] + failures[f"{nav} (warm)"] + [""])[0],
        }
        row["within_target"] = all(
            row[f"{kind}_s"] is not None and row[f"{kind}_s"] < limit
            for kind, limit in target.items()
            if limit is not None
        )
        rows.append(row)
    bare_cold, bare_warm = bare[bench_room.BARE], bare[f"{bench_room.BARE} (warm)"]
    rows.append(
        {
            "store": label,
            "page": bench_room.BARE,
            "cold_s": round(bare_cold[0], 2) if bare_cold else None,
            "warm_s": round(bare_warm[0], 2) if bare_warm else None,
            "failure": (bare_failures[bench_room.BARE] + [""])[0],
            "browser_cpu_s": round(bare_browser_s, 1),
        }
    )
    rows.append(
        {
            "store": label,
            "page": "all pages",
            "server_cpu_s": round(cpu_s, 1),
            "browser_cpu_s": round(browser.seconds, 1),
            "requests_off_machine": len(outside),
            "load_per_core": round(os.getloadavg()[0] / (os.cpu_count() or 1), 2),
        }
    )
    return rows


def run(args) -> list[dict]:
    """The demo region, then the 10M store when there is one."""
    results: list[dict] = []
    for label, store in _stores():
        results += measure(label, store)
    return results
