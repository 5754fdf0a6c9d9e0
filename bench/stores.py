"""Stores the benchmarks run on (a helper, not a benchmark: only bench_*.py modules are run)."""

from __future__ import annotations

import os
from pathlib import Path

from anchorspend import db
from anchorspend.demo.build import build

OUT = Path(__file__).resolve().parent / "out"


def bench_store(n_payments: int = 10_000_000, seed: int = 2024) -> Path:
    """A demo store with n_payments for benchmarks: $ANCHORSPEND_BENCH_DB (what `make bench` builds) when it
    holds that many, else bench/out/demo-<n>.duckdb, built once with `anchorspend demo --scale n`."""
    given = os.environ.get("ANCHORSPEND_BENCH_DB")
    for candidate in ([Path(given)] if given else []) + [OUT / f"demo-{n_payments}.duckdb"]:
        if candidate.exists():
            with db.connect(candidate, read_only=True) as con:
                if db.scalar(con, "select count(*) from payments") >= n_payments:
                    return candidate
    path = OUT / f"demo-{n_payments}.duckdb"
    build(path, seed=seed, scale=n_payments, folder=OUT / "demo-files", replace=True)
    return path
