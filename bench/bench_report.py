"""The weekly report's speed: a full `anchorspend report` run on the demo region (target < 15 s) and on
10 million payments (target < 30 s), beside a bare DuckDB SUM ... GROUP BY over the same payments."""

from __future__ import annotations

import os
import re
import resource
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from bench.__main__ import OUT

TEN_MILLION = 10_000_000


def bare_sum_ms(db_path: Path) -> float:
    """The floor: one aggregate over every payment, warm."""
    import duckdb

    con = duckdb.connect(str(db_path), read_only=True)
    sql = "select anchor_id, sum(amount_gbp) from payments group by anchor_id"
    con.execute(sql).fetchall()
    started = time.perf_counter()
    con.execute(sql).fetchall()
    elapsed = (time.perf_counter() - started) * 1000
    con.close()
    return elapsed


def payment_count(db_path: Path) -> int:
    import duckdb

    with duckdb.connect(str(db_path), read_only=True) as con:
        return int(con.execute("select count(*) from payments").fetchone()[0])


def latest_week(db_path: Path) -> str:
    """The ISO week of the latest payment, so the report covers data that exists."""
    import duckdb

    from anchorspend.report.period import week_of

    with duckdb.connect(str(db_path), read_only=True) as con:
        latest = con.execute("select max(paid_on) from payments").fetchone()[0]
    return week_of(latest)


def timed_report(db_path: Path, label: str) -> dict:
    """One cold `anchorspend report` process, as cron runs it, plus the stages measured inside it."""
    out = OUT / f"report_{label}.pdf"
    week = latest_week(db_path)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    command = ["-m", "anchorspend", "-v", "report", "--db", str(db_path), "--week", week, "--out", str(out)]
    result = subprocess.run([sys.executable, *command, "--no-record"], capture_output=True, text=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    # CPU seconds of the report and its Chromium: steadier than wall time on a shared machine.
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if result.returncode != 0:
        raise RuntimeError(f"report failed on {label}: {result.stderr.strip()}")
    bare = bare_sum_ms(db_path)
    stages = {k: float(v) for k, v in re.findall(r"(\w+_s) ([\d.]+)", result.stderr)}  # from the -v log line
    return {
        "store": label,
        "payments": payment_count(db_path),
        "week": week,
        "report_wall_s": round(wall, 2),
        "report_cpu_s": round(cpu, 2),
        **stages,
        "bare_sum_ms": round(bare, 1),
        "ratio": round(wall * 1000 / bare),
        "pdf_kb": out.stat().st_size // 1024,
        "load_avg_1m": round(os.getloadavg()[0], 1),
    }


def demo_store(path: Path, scale: int | None) -> Path:
    """The demo region (scaled when asked), built once and kept in bench/out."""
    if not path.exists():
        # The function itself: the package attribute `build` is shadowed by its module once imported.
        from anchorspend.demo.build import build

        build(path, **({"scale": scale} if scale else {}))
    return path


def run(args) -> Iterator[dict]:  # noqa: ANN001 (argparse.Namespace from bench/__main__.py)
    """Time the report on the demo region, then on a store of args.rows (default 10 million) payments."""
    yield timed_report(demo_store(OUT / "report_demo.duckdb", None), "demo")
    if args.rows != 0:
        yield timed_report(demo_store(OUT / "report_10m.duckdb", args.rows or TEN_MILLION), "scaled")
