"""`streamlit run serve.py` (what `make run` starts, warming the caches as the server starts) serves the app."""

from __future__ import annotations

from pathlib import Path

import app_store
import pytest
from browser_app import ARGS, CHROMIUM, heading_is, serve, settle

pytestmark = pytest.mark.browser


def test_serve_py_serves_the_app(tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    store = app_store.build(tmp_path / "store.duckdb")
    log = tmp_path / "server.log"
    with serve(store, log, script="serve.py") as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 720})
            page.goto(url, wait_until="commit")
            settle(page, heading_is("Overview"))
            local = page.locator("[data-testid='stMetric']").filter(has_text="Local share")
            # 10,200 local of 36,900 influenceable (tests/app_store.py)
            assert local.locator("[data-testid='stMetricValue']").inner_text().strip() == "27.6%"
        finally:
            browser.close()
    assert "Traceback" not in log.read_text()
