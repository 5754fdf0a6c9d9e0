"""Look at the dashboard and the weekly PDF: every page in both modes and every PDF page as PNGs, with timings.

    .venv/bin/python scripts/look.py [--db /tmp/look/demo.duckdb] [--out /tmp/look] [--no-pdf] [--no-timings]

Builds the demo store when it is missing, serves it with `streamlit run`, opens every page at 1440x900 (normal
mode, every tab) and every page workshop mode shows at a projector's 1280x720, and saves whole-page PNGs under
--out; then writes the weekly PDF (`anchorspend report --no-record`) and renders each of its pages to a PNG.
With timings it prints each page's warm time to interactive (the median of three later visits): by the
sidebar's link (the way people move around) and as a fresh page load.
"Interactive" = the script run has finished, no element is still a skeleton, every chart has drawn.
The PNGs are for people to open and look at; they are never committed.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from browser_app import (  # noqa: E402
    ARGS,
    CHROMIUM,
    PAGES,
    VISIBLE_CHART,
    click_nav,
    page_ready,
    screenshot_whole,
    serve,
    settle,
)

NORMAL = (1440, 900)
PROJECTOR = (1280, 720)
PDF_DPI = 110  # an A4 page about 1280 px tall: the size it is read at on a screen


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


def away(page, nav: str) -> bool:
    """Go to another page first, so that following the link to `nav` really changes page."""
    other, title = ("Report", "Weekly report") if nav != "Report" else ("Data", "Data")
    click_nav(page, other)
    settle(page, page_ready(title))
    return True


def shoot_tabs(page, stem: Path, title: str) -> None:
    """Each further tab of a page (the first is in the page's own screenshot)."""
    tabs = page.get_by_role("tab")
    for i in range(1, tabs.count()):
        tabs.nth(i).click()
        if stem.name.endswith("map"):  # the Map page runs again to draw the opened tab's map
            settle(page, f"{page_ready(title)} && {VISIBLE_CHART}")
        else:
            settle(page, page_ready(title))
        screenshot_whole(page, stem.with_name(f"{stem.name}_tab{i}.png"))


def shoot_mode(browser, base: str, out: Path, workshop: bool, timings: bool) -> list[tuple[str, str, float, float]]:
    """Every page of one mode at its screen size: a first visit, a screenshot of each tab, and timings."""
    width, height = PROJECTOR if workshop else NORMAL
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    mode = "workshop" if workshop else "normal"
    query = "?mode=workshop" if workshop else ""
    shown = [(path, nav, plain if workshop else title) for path, nav, title, plain in PAGES if plain or not workshop]
    rows = []
    for path, _nav, title in shown:  # first visit: caches fill, lazy parts of the frontend load
        load(page, f"{base}/{path}{query}", title)
        stem = out / f"{mode}_{width}x{height}_{path or 'overview'}"
        screenshot_whole(page, stem.with_suffix(".png"))
        shoot_tabs(page, stem, title)
    for path, nav, title in shown if timings else ():  # second and later visits: the median of three of each
        by_link = (
            statistics.median(follow(page, nav, title) for _ in range(3) if away(page, nav))
            if not workshop
            else float("nan")
        )  # workshop mode closes the pages away() goes through
        by_load = statistics.median(load(page, f"{base}/{path}{query}", title) for _ in range(3))
        rows.append((f"{mode} {width}x{height}", nav, by_link, by_load))
    context.close()
    return rows


def look(base: str, out: Path, timings: bool) -> list[tuple[str, str, float, float]]:
    """Shoot every page in both modes; return (mode and size, page, warm s by link, warm s by load)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        rows = [row for workshop in (False, True) for row in shoot_mode(browser, base, out, workshop, timings)]
        browser.close()
    return rows


def pdf_pages(db: Path, out: Path) -> list[Path]:
    """The weekly PDF of the store (a trial run, not remembered) and a PNG of each of its pages."""
    import pypdfium2

    pdf = out / "report.pdf"
    command = [sys.executable, "-m", "anchorspend", "report", "--db", str(db), "--out", str(pdf), "--no-record"]
    subprocess.run(command, check=True)
    document = pypdfium2.PdfDocument(pdf)
    pngs = []
    for number, page in enumerate(document, start=1):
        png = out / f"pdf_page_{number:02d}.png"
        page.render(scale=PDF_DPI / 72).to_pil().save(png)
        pngs.append(png)
    document.close()
    return pngs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=Path("/tmp/look/demo.duckdb"))
    parser.add_argument("--out", type=Path, default=Path("/tmp/look"))
    parser.add_argument("--no-pdf", action="store_true", help="leave out the weekly PDF")
    parser.add_argument("--no-timings", action="store_true", help="screenshots only")
    parser.add_argument("--no-app", action="store_true", help="the PDF only")
    args = parser.parse_args()
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)  # timings without recompiling every import
    args.out.mkdir(parents=True, exist_ok=True)
    build_demo(args.db)
    rows = []
    if not args.no_app:
        with serve(args.db, args.out / "streamlit.log") as base:
            rows = look(base, args.out, not args.no_timings)
    pngs = [] if args.no_pdf else pdf_pages(args.db, args.out)
    print(f"uptime: {subprocess.run(['uptime'], capture_output=True, text=True).stdout.strip()}")
    if rows:
        print(f"{'mode and size':<22} {'page':<18} {'warm by link (s)':>17} {'warm by load (s)':>17}")
        for size, name, by_link, by_load in rows:
            print(f"{size:<22} {name:<18} {by_link:>17.2f} {by_load:>17.2f}")
    pdf = f"; the PDF's {len(pngs)} pages: {args.out}/pdf_page_*.png" if pngs else ""
    print(f"screenshots: {args.out}/*.png{pdf}")


if __name__ == "__main__":
    main()
