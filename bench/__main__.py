"""Run the benchmarks: each bench/bench_<area>.py defines run(args) -> list of result rows."""

from __future__ import annotations

import argparse
import importlib
import json
import pkgutil
import time
from pathlib import Path

OUT = Path(__file__).resolve().parent / "out"


def main() -> int:
    """Run the chosen benchmarks, print a table, write bench/out/results.json."""
    parser = argparse.ArgumentParser(prog="make bench", description=__doc__)
    parser.add_argument("only", nargs="*", help="areas to run (e.g. ingest metrics); default all")
    parser.add_argument("--rows", type=int, default=None, help="override the benchmark's data size")
    parser.add_argument("--keep", action="store_true", help="keep generated data in bench/out")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    names = sorted(
        m.name for m in pkgutil.iter_modules([str(Path(__file__).parent)]) if m.name.startswith("bench_")
    )
    results: list[dict] = []
    for name in names:
        area = name.removeprefix("bench_")
        if args.only and area not in args.only:
            continue
        module = importlib.import_module(f"bench.{name}")
        started = time.perf_counter()
        print(f"== {area}", flush=True)
        for row in module.run(args):
            row = {"area": area, **row}
            results.append(row)
            print("   " + ", ".join(f"{k}={v}" for k, v in row.items() if k != "area"), flush=True)
        print(f"   ({time.perf_counter() - started:.1f} s)", flush=True)
    (OUT / "results.json").write_text(json.dumps(results, indent=2, default=str))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
