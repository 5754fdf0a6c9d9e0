"""The room bench's browser stays on this machine: it reaches 127.0.0.1, and a request for any other host is
refused by the browser itself and counted (bench_room.OFFLINE and bench_room._context)."""

from __future__ import annotations

import asyncio
import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from browser_app import ARGS, CHROMIUM

from bench import bench_room

pytestmark = pytest.mark.browser
# A host that is not this machine by name; the test's own resolver rule points it at 127.0.0.1, so that a request
# which got past the guard would land on the test's second server and be seen there.
ELSEWHERE = "elsewhere.test"


@contextmanager
def served(page: bytes) -> Iterator[tuple[int, list[str]]]:
    """An HTTP server on 127.0.0.1 answering every GET with page; yields its port and the paths it was asked for."""
    asked: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
            asked.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(page)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1], asked
    finally:
        server.shutdown()
        server.server_close()


async def visit(url: str, guard: list[str], outside: list[str]) -> str:
    """Open url in a room context of a browser launched with the room's arguments plus guard; the page's text."""
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS + guard)
        try:
            context = await bench_room._context(browser, outside)
            page = await context.new_page()
            await page.goto(url, wait_until="load", timeout=30_000)
            await page.wait_for_timeout(500)  # the image request has been made and answered or refused
            return await page.locator("body").inner_text()
        finally:
            await browser.close()


@pytest.mark.parametrize("guarded", [True, False], ids=["room guard", "no guard (the control)"])
def test_room_browser_reaches_this_machine_only(guarded: bool) -> None:
    with served(b"") as (other_port, other_asked):
        picture = f"http://{ELSEWHERE}:{other_port}/tracker.png"
        with served(f'<p>on this machine</p><img src="{picture}">'.encode()) as (port, asked):
            outside: list[str] = []
            guard = [f"--host-resolver-rules=MAP {ELSEWHERE} 127.0.0.1"] + (bench_room.OFFLINE if guarded else [])
            text = asyncio.run(visit(f"http://127.0.0.1:{port}/", guard, outside))
    assert "on this machine" in text and asked[0] == "/"  # (the browser may ask for /favicon.ico too)
    assert outside == [picture]  # counted either way
    # With the guard the other host is never reached; without it the same page does reach it, so the test can fail.
    assert other_asked == ([] if guarded else ["/tracker.png"])
