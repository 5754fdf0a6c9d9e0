"""Page interactivity: each dashboard page's AppTest run, cold and warm, beside an empty Streamlit page."""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = (
    "pages/overview.py",
    "pages/multiplier.py",
    "pages/leakage.py",
    "pages/collaboration.py",
    "pages/map.py",
    "pages/suppliers.py",
    "pages/data.py",
)
WARM_RUNS = 3
TARGET_MS = 1000


def _store(folder: Path) -> tuple[Path, str]:
    """The demo region, and what it is."""
    from anchorspend.demo.build import build

    path = folder / "bench.duckdb"
    build(path, out=lambda _line: None)  # the default seed and scale: what `make run` shows
    return path, "demo region"


def _timed(action) -> float:
    started = time.perf_counter()
    action()
    return (time.perf_counter() - started) * 1000


def run(args) -> list[dict]:
    """One row per page: cold ms, warm ms (median of WARM_RUNS reruns), and the empty-page baseline."""
    import os

    sys.path.insert(0, str(ROOT / "tests"))
    import app_store
    from streamlit.testing.v1 import AppTest

    results: list[dict] = []
    with tempfile.TemporaryDirectory() as tmp:
        store, label = _store(Path(tmp))
        os.environ["ANCHORSPEND_DB"] = str(store)
        empty = Path(tmp) / "empty.py"
        empty.write_text("import streamlit as st\nst.write('hello')\n")
        baseline = AppTest.from_file(str(empty), default_timeout=120).run()
        baseline_ms = statistics.median(_timed(baseline.run) for _ in range(WARM_RUNS))
        for page in PAGES:
            at = AppTest.from_file(app_store.APP, default_timeout=300)
            cold = _timed(lambda: at.run().switch_page(app_store.page(page)).run())  # noqa: B023 - used at once
            warm = statistics.median(_timed(at.run) for _ in range(WARM_RUNS))
            problems = [e.value for e in at.exception] + [e.value for e in at.error]
            results.append(
                {
                    "store": label,
                    "page": page,
                    "cold_ms": round(cold),
                    "warm_ms": round(warm),
                    "empty_page_ms": round(baseline_ms),
                    "ratio_to_empty": round(warm / baseline_ms, 1),
                    "under_1s": warm < TARGET_MS,
                    "errors": problems[:1],
                }
            )
    return results
