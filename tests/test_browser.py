"""The real app in a real browser: `streamlit run`, every page and workshop mode in headless Chromium."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import app_store
import pytest

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = Path(__file__).resolve().parent / "_artifacts"
CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
# (url path, heading, whether a Plotly chart must render)
PAGES = [
    ("", "Overview", True),
    ("multiplier", "Local multiplier (LM3)", True),
    ("leakage", "Leakage", True),
    ("collaboration", "Collaboration opportunities", True),
    ("map", "Map", True),
    ("suppliers", "Suppliers", False),
    ("data", "Data", False),
]
FAILURE_TEXT = ("Traceback", "could not be shown", "Exception:")
WAIT_MS = 90_000  # generous: the first metrics query of a fresh server process is slow on a busy machine


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app served against the hand-made store; yields its base URL."""
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (make system-packages)")
    store = app_store.build(tmp_path_factory.mktemp("browser") / "store.duckdb")
    port = _free_port()
    env = {**os.environ, "ANCHORSPEND_DB": str(store), "ANCHORSPEND_LOCK_WORKSHOP": ""}
    log = (store.parent / "streamlit.log").open("wb")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "app.py",
            "--server.headless",
            "true",
            "--server.address",
            "127.0.0.1",
            "--server.port",
            str(port),
            "--browser.gatherUsageStats",
            "false",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(url + "/_stcore/health", timeout=1) as response:
                    if response.status == 200:
                        break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail("streamlit did not answer /_stcore/health within 30 s")
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()


@pytest.fixture(scope="module")
def browser(server: str) -> Iterator[object]:
    """Headless Debian Chromium through Playwright (never a downloaded browser)."""
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


def _open(browser, url: str, heading: str, chart: bool, name: str):
    page = browser.new_page(viewport={"width": 1400, "height": 1800})
    page.goto(url)
    page.get_by_role("heading", name=heading, exact=True).first.wait_for(timeout=WAIT_MS)
    if chart:
        page.locator(".js-plotly-plot").first.wait_for(timeout=WAIT_MS)
    # Streamlit shows a running indicator while the script runs; wait for it to go.
    page.wait_for_function("!document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=WAIT_MS)
    page.wait_for_timeout(300)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    text = page.locator("[data-testid='stMain']").inner_text()
    assert not page.locator("[data-testid='stException']").count(), f"{name}: an exception is on the page"
    for failure in FAILURE_TEXT:
        assert failure not in text, f"{name}: '{failure}' on the page"
    return page, text


@pytest.mark.parametrize(("path", "heading", "chart"), PAGES, ids=[p[1] for p in PAGES])
def test_page_renders_without_errors(browser, server: str, path: str, heading: str, chart: bool) -> None:
    page, text = _open(browser, f"{server}/{path}", heading, chart, path or "overview")
    if path == "":
        assert (
            "Local share" in text and "27.6%" in text
        )  # 10,200 local of 36,900 influenceable (tests/app_store)
    page.close()


def test_a_shared_link_restores_the_view(browser, server: str) -> None:
    page, text = _open(
        browser,
        f"{server}/?anchor=Alpha+NHS+Trust&period=Month&month=May+2024",
        "Overview",
        True,
        "shared_link",
    )
    assert "25.0%" in text and "May 2024" in text  # the trust alone: 500 local of 2,000 that month
    page.close()


def test_workshop_mode_hides_admin_pages_and_payee_names(browser, server: str) -> None:
    page, text = _open(
        browser, f"{server}/?mode=workshop", "How much of our spend stays local", True, "workshop"
    )
    nav = page.locator("[data-testid='stSidebarNav']").inner_text()
    assert "Overview" in nav and "Data" not in nav and "Suppliers" not in nav
    assert "Stays local" in text and "Out of every £1" in text
    page.close()
    page, text = _open(
        browser,
        f"{server}/collaboration?mode=workshop",
        "Where we could act together",
        True,
        "workshop_collaboration",
    )
    assert "John Smith" not in text and "Redacted" not in text
    page.close()


def test_upload_a_spend_file_and_see_the_load_report(browser, server: str, tmp_path: Path) -> None:
    spend = tmp_path / "trust-2024-10.csv"
    spend.write_text(
        "Payment Date,Supplier Name,Net Amount,Expense Type\n"
        '15/10/2024,Local Builders Ltd,"1,250.00",Works\n'
        "16/10/2024,Beta Catering CIC,300.00,Catering\n"
        "not a date,Gamma Construction PLC,10.00,Works\n",
        encoding="utf-8",
    )
    page, _ = _open(browser, f"{server}/data", "Data", False, "data_before_upload")
    page.locator("[data-testid='stFileUploaderDropzoneInput']").first.set_input_files(str(spend))
    page.get_by_role("button", name="Load the file").wait_for(timeout=WAIT_MS)
    page.get_by_role("button", name="Load the file").click()
    page.wait_for_function(  # the load report, or a one-line failure
        "['rows loaded for', 'not loaded', 'could not be shown'].some("
        "t => document.querySelector('[data-testid=\"stMain\"]').innerText.includes(t))",
        timeout=WAIT_MS,
    )
    page.wait_for_timeout(500)
    page.screenshot(path=str(ARTIFACTS / "data_after_upload.png"), full_page=True)
    text = page.locator("[data-testid='stMain']").inner_text()
    assert "2 of 3 rows loaded for Alpha Council" in text and "Rejected" in text
    assert not page.locator("[data-testid='stException']").count()
    page.close()
