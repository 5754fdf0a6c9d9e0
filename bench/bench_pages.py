"""Every query each dashboard page runs, on the 10-million-payment demo store, beside a bare SUM ... GROUP BY.

Calls what the pages call (anchorspend.metrics functions and the ui_* queries, without Streamlit's cache) and
records each SQL query they run through db.run_query, warm: the median of RUNS runs after one warm-up run. The
first query of a fresh process is timed too (cold: opening the store, the summary check, the first plan).
Needs ANCHORSPEND_BENCH_DB (`make bench` builds it with `anchorspend demo --scale`); skipped otherwise.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from anchorspend import db
from anchorspend.metrics import (
    Scope,
    compute,
    coverage,
    monthly_trend,
    opportunity_payments,
    payments,
    spend_by_district,
    spend_by_lsoa,
    spend_by_ward,
    supplier_points,
)
from anchorspend.metrics.whatif import shift_leakage

RUNS = 5
BUDGET_MS = 300
BARE = "select anchor_id, sum(amount_gbp) from payments group by anchor_id"
COLD = """
import time
started = time.perf_counter()
from anchorspend import db
from anchorspend.metrics import Scope, compute
con = db.open_store({path!r}, read_only=True)
compute(con, Scope())
print(round((time.perf_counter() - started) * 1000))
"""


def page_calls(con, scope: Scope) -> dict[str, Callable[[], object]]:
    """What each page runs on first show, keyed by page (the Suppliers page with its largest supplier open)."""
    numbers = compute(con, scope)
    top_supplier = int(
        con.execute(
            "select supplier_id from metrics_spend_months group by 1 order by sum(amount_gbp) desc"
        ).fetchone()[0]
    )
    first_of_kind = {o["kind"]: o for o in numbers["opportunities"] if o.get("drill")}
    top_sector = numbers["leakage_by_sector"][0]
    return {
        "sidebar (every page)": lambda: (
            db.run_query(con, "ui_data_range"),
            db.run_query(con, "ui_anchors"),
            db.run_query(con, "ui_districts"),
        ),
        "overview": lambda: (compute(con, scope), monthly_trend(con, scope), coverage(con, scope)),
        "multiplier": lambda: (
            compute(con, scope),
            db.run_query(con, "ui_respend_rates"),
            db.run_query(con, "ui_anchor_payroll"),
            db.run_query(con, "ui_survey_returns"),
        ),
        "leakage": lambda: (
            shift_leakage(compute(con, scope), 0.1),
            opportunity_payments(con, scope, top_sector, limit=1000),
        ),
        "collaboration": lambda: (
            compute(con, scope),
            [opportunity_payments(con, scope, o, limit=1000) for o in first_of_kind.values()],
        ),
        "map": lambda: (
            spend_by_district(con, scope),
            spend_by_ward(con, scope),
            spend_by_lsoa(con, scope),
            supplier_points(con, scope),
        ),
        "suppliers": lambda: (
            db.run_query(con, "ui_supplier_search", q="", limit=200),
            db.run_query(con, "ui_supplier_search", q="care", limit=200),
            db.run_query(con, "ui_supplier_detail", supplier_id=top_supplier),
            payments(con, scope, supplier_ids=[top_supplier], limit=1000),
            db.run_query(con, "ui_supplier_aliases", supplier_id=top_supplier),
            db.run_query(con, "ui_supplier_registers", supplier_id=top_supplier),
            db.run_query(con, "ui_review_queue"),
        ),
        "data": lambda: (
            db.run_query(con, "files_list"),
            coverage(con, Scope()),
            db.run_query(con, "ui_anchors"),
            db.run_query(con, "ui_change_log", limit=1000),
            db.run_query(con, "ui_influenceable_rules"),
        ),
        "drill-down, every payment": lambda: payments(con, scope, limit=1000),
    }


def timed_queries(call: Callable[[], object]) -> dict[str, list[float]]:
    """Milliseconds of each named query `call` runs through db.run_query (several calls of one name: each)."""
    seen: dict[str, list[float]] = defaultdict(list)
    original = db.run_query

    def recording(con, name, **params):
        started = time.perf_counter()
        try:
            return original(con, name, **params)
        finally:
            seen[name].append((time.perf_counter() - started) * 1000)

    db.run_query = recording
    try:
        call()
    finally:
        db.run_query = original
    return seen


def run(args) -> list[dict]:
    """Cold first call, then for every page its slowest run of each query (median over runs) and the page total."""
    path = os.environ.get("ANCHORSPEND_BENCH_DB")
    if not path or not Path(path).exists():
        return [{"skipped": "set ANCHORSPEND_BENCH_DB to a demo --scale store (make bench does)"}]
    cold = subprocess.run(
        [sys.executable, "-c", COLD.format(path=path)], capture_output=True, text=True, check=True
    ).stdout.split()[-1]  # after any progress bar DuckDB prints
    results: list[dict] = [{"step": "cold: open store + first compute() in a new process", "ms": int(cold)}]
    con = db.open_store(path, read_only=True)
    payments_count = con.execute("select count(*) from payments").fetchone()[0]
    scope = Scope()
    bare = statistics.median(_times(lambda: con.execute(BARE).fetchall()))
    results.append({"query": "bare: " + BARE, "payments": payments_count, "ms": round(bare, 1), "ratio": 1.0})
    for page, call in page_calls(con, scope).items():
        call()  # warm
        runs = [timed_queries(call) for _ in range(RUNS)]
        totals = _times(call)
        for name in runs[0]:
            ms = statistics.median(max(r[name]) for r in runs)
            results.append(
                {
                    "page": page,
                    "query": name,
                    "ms": round(ms, 1),
                    "ratio": round(ms / bare, 1),
                    "under_300ms": ms < BUDGET_MS,
                }
            )
        results.append(
            {"page": page, "query": "(whole page, all calls)", "ms": round(statistics.median(totals), 1)}
        )
    con.close()
    return results


def _times(call: Callable[[], object], runs: int = RUNS) -> list[float]:
    """Milliseconds of `runs` runs of `call`."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
    return times
