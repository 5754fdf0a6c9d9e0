"""Demo build speed and memory: the default demo through the importers, `--scale N` in bulk, and a baseline.

Each case runs in its own process, timed from outside, with its peak resident memory (process tree) sampled
every 50 ms. The baseline fills the same payments table (same schema, primary key included) with N rows from
DuckDB's range(): the least any generator could cost to write N rows into this store.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

DEFAULT_ROWS = 10_000_000
BASELINE = """
import sys
from anchorspend import db
n = int(sys.argv[2])
with db.connect(sys.argv[1]) as con:
    con.execute(
        "insert into payments (anchor_id, file_id, sheet, row_number, paid_on, amount_gbp, alias_id, "
        "supplier_raw, "
        "entity_raw, expense_type, expense_area, transaction_ref, is_redacted, is_date_derived) "
        "select range % 6, range % 6, '', range, date '2024-11-01' + cast(range % 730 as integer), "
        "cast((range % 100000) * 1.37 as decimal(18, 2)), range % 2000, 'SUPPLIER ' || (range % 2000), "
        "'ANCHOR', "
        "'Expense', 'Area', cast(range as varchar), false, false from range($n)", {"n": n})
"""


def measure(command: list[str]) -> dict[str, object]:
    """Run a command; return its wall time and the peak RSS of it and its children."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    watched = psutil.Process(process.pid)
    peak = 0
    while process.poll() is None:
        try:
            rss = watched.memory_info().rss + sum(
                c.memory_info().rss for c in watched.children(recursive=True)
            )
            peak = max(peak, rss)
        except psutil.Error:
            pass
        time.sleep(0.05)
    seconds = time.perf_counter() - started
    output = process.stdout.read() if process.stdout else ""
    if process.returncode:
        raise RuntimeError(f"{' '.join(command)} failed: {output.strip().splitlines()[-1:]}")
    return {"seconds": round(seconds, 1), "peak_mb": round(peak / 2**20), "output": output}


def run(args: object) -> list[dict]:
    """Default demo, bulk demo at --rows (default 10 million), and the range() baseline of that size."""
    rows = getattr(args, "rows", None) or DEFAULT_ROWS
    python = sys.executable
    results = []
    with tempfile.TemporaryDirectory(prefix="bench_demo_") as tmp:
        folder = Path(tmp)
        default = measure([python, "-m", "anchorspend", "demo", "--db", str(folder / "default.duckdb")])
        results.append(
            {
                "case": "demo, default scale (files + importers)",
                "payments": _payments(folder / "default.duckdb"),
                "seconds": default["seconds"],
                "peak_mb": default["peak_mb"],
                "store_mb": round((folder / "default.duckdb").stat().st_size / 2**20, 1),
            }
        )
        bulk = measure(
            [
                python,
                "-m",
                "anchorspend",
                "demo",
                "--db",
                str(folder / "bulk.duckdb"),
                "--scale",
                str(rows),
                "--folder",
                str(folder / "bulk-files"),
            ]
        )
        results.append(
            {
                "case": f"demo --scale {rows}",
                "payments": _payments(folder / "bulk.duckdb"),
                "seconds": bulk["seconds"],
                "peak_mb": bulk["peak_mb"],
                "store_mb": round((folder / "bulk.duckdb").stat().st_size / 2**20, 1),
            }
        )
        baseline = measure([python, "-c", BASELINE, str(folder / "baseline.duckdb"), str(rows)])
        results.append(
            {
                "case": f"baseline: range({rows}) into the payments table",
                "payments": rows,
                "seconds": baseline["seconds"],
                "peak_mb": baseline["peak_mb"],
                "store_mb": round((folder / "baseline.duckdb").stat().st_size / 2**20, 1),
            }
        )
    return results


def _payments(path: Path) -> int:
    import duckdb

    with duckdb.connect(str(path), read_only=True) as con:
        return int(con.execute("select count(*) from payments").fetchone()[0])
