"""Look at the dashboard: every page of the demo store in headless Chromium at two screen sizes, with timings.

    .venv/bin/python scripts/look.py [--db /tmp/look/demo.duckdb] [--out /tmp/look]

Builds the demo store when it is missing, serves it with `streamlit run`, opens every page (and Overview in
workshop mode) at 1366x768 and 1920x1080, saves whole-page PNGs under --out, and prints each page's warm time
to interactive (second visit): by the sidebar's link (the way people move around) and as a fresh page load.
"Interactive" = the script run has finished, no element is still a skeleton, every chart has drawn.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from browser_app import ARGS, CHROMIUM, click_nav, page_ready, screenshot_whole, serve, settle  # noqa: E402

# (url path, nav label, title)
PAGES = [
    ("", "Overview", "Overview"),
    ("multiplier", "Local multiplier", "Local multiplier (LM3)"),
    ("leakage", "Leakage", "Leakage"),
    ("collaboration", "Collaboration", "Collaboration opportunities"),
    ("map", "Map", "Map"),
    ("suppliers", "Suppliers", "Suppliers"),
    ("data", "Data", "Data"),
    ("report", "Report", "Weekly report"),
]
WORKSHOP = ("?mode=workshop", "How much of our spend stays local")
SIZES = ((1366, 768), (1920, 1080))


def build_demo(db: Path) -> None:
    """The fictional demo region, built once."""
    if db.exists():
        return
    db.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run([sys.executable, "-m", "anchorspend", "demo", "--db", str(db)], check=True)


def load(page, url: str, title: str) -> float:
    """Seconds from opening url afresh (a new session) to the page being interactive."""
    started = time.perf_counter()
    page.goto(url, wait_until="commit")
    settle(page, page_ready(title))
    return time.perf_counter() - started


def follow(page, nav: str, title: str) -> float:
    """Seconds from clicking a page's link in the sidebar to the page being interactive."""
    started = time.perf_counter()
    click_nav(page, nav)
    settle(page, page_ready(title))
    return time.perf_counter() - started


def shoot_size(browser, base: str, out: Path, width: int, height: int) -> list[tuple[str, str, float, float]]:
    """Every page at one screen size: a first visit, then a timed second visit and a screenshot."""
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    size = f"{width}x{height}"
    rows = []
    for path, _nav, title in PAGES:  # first visit: caches fill, lazy parts of the frontend load
        load(page, f"{base}/{path}", title)
    for path, nav, title in PAGES:
        by_link = follow(page, nav, title)
        by_load = load(page, f"{base}/{path}", title)
        screenshot_whole(page, out / f"{size}_{path or 'overview'}.png")
        rows.append((size, nav, by_link, by_load))
    query, title = WORKSHOP
    load(page, f"{base}/{query}", title)
    by_load = load(page, f"{base}/{query}", title)
    screenshot_whole(page, out / f"{size}_workshop_overview.png")
    rows.append((size, "Overview (workshop)", float("nan"), by_load))
    context.close()
    return rows


def look(base: str, out: Path) -> list[tuple[str, str, float, float]]:
    """Shoot every page at every size; return (size, page, warm seconds by link, warm seconds by load)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        rows = [row for width, height in SIZES for row in shoot_size(browser, base, out, width, height)]
        browser.close()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=Path("/tmp/look/demo.duckdb"))
    parser.add_argument("--out", type=Path, default=Path("/tmp/look"))
    args = parser.parse_args()
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)  # timings without recompiling every import
    args.out.mkdir(parents=True, exist_ok=True)
    build_demo(args.db)
    with serve(args.db, args.out / "streamlit.log") as base:
        rows = look(base, args.out)
    print(f"uptime: {subprocess.run(['uptime'], capture_output=True, text=True).stdout.strip()}")
    print(f"{'size':<10} {'page':<22} {'warm by link (s)':>17} {'warm by load (s)':>17}")
    for size, name, by_link, by_load in rows:
        print(f"{size:<10} {name:<22} {by_link:>17.2f} {by_load:>17.2f}")
    print(f"screenshots: {args.out}/*.png")


if __name__ == "__main__":
    main()
