"""Ingest speed: a generated council file in Manchester's published layout, against DuckDB's own read_csv.

Each side runs in its own process on its own new store file, so peak memory (ru_maxrss) is that side's alone.
Wall-clock and CPU seconds are both reported: on a shared machine the CPU ratio is the steadier of the two.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

DEFAULT_ROWS = 2_000_000
HEADER = (
    "Body Name,Service Area,Expenses Type,Invoice Payment Date,Transaction Number,Net Amount,Supplier Name\n"
)
AREAS = [
    "Manchester Leisure",
    "Adult Social Care",
    "Highways Services",
    "Children's Services",
    "General Fund",
    "Environment and Operations",
    "Corporate Services",
    "Hospitality + Trading Services",
]
TYPES = [
    "Professional fees",
    "Payments to Sub-Contractors",
    "Vehicle Hire Costs",
    "I T Provision",
    "Gas",
    "Third party payments relating to Voluntary Organisations",
    "Refuse Collection",
    "Training and Development",
]
SUPPLIERS = (
    [f"Supplier {i:05d} Ltd" for i in range(20_000)]
    + ["Redacted Personal Information"] * 500
    + ['"Smith, Jones & Co Ltd"', "Redactive Publishing Limited"]
)

CHILD = r"""
import json, resource, sys, time
import duckdb, pandas, polars  # imports are not the load: both sides start timing with them done
from anchorspend.ingest import ingest_file
started = time.perf_counter()
cpu_before = sum(resource.getrusage(resource.RUSAGE_SELF)[:2])
if sys.argv[1] == "duckdb":
    con = duckdb.connect(sys.argv[3])
    rows = con.execute("create table raw as select * from read_csv($p)", {"p": sys.argv[2]}).fetchone()[0]
    con.close()
else:
    # The refresh that follows a load (supplier resolution, location, metrics) is other areas' to time.
    [report] = ingest_file(sys.argv[3], sys.argv[2], "Bench City Council", "council", refresh=False)
    assert report.status == "loaded", report.error
    rows = report.rows_loaded
usage = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({"seconds": time.perf_counter() - started, "rows": rows, "peak_mb": usage.ru_maxrss / 1024,
                  "cpu_s": usage.ru_utime + usage.ru_stime - cpu_before}))
"""


def generate(path: Path, rows: int, seed: int = 7) -> None:
    """Write a published-layout CSV: ISO and dd/mm/yyyy dates, some amounts with £, quotes and thousands."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write(HEADER)
        chunk = []
        for i in range(rows):
            pence = rng.randint(-50_000, 5_000_000)
            amount = f"{pence / 100:.2f}"
            if i % 7 == 0:
                amount = f'"£{pence / 100:,.2f}"'
            day = 1 + i % 28
            date = f"2022-03-{day:02d}" if i % 3 else f"{day:02d}/03/2022"
            chunk.append(
                f"Manchester City Council,{rng.choice(AREAS)},{rng.choice(TYPES)},{date},"
                f"{5105800000 + i},{amount},{rng.choice(SUPPLIERS)}\n"
            )
            if len(chunk) == 50_000:
                out.write("".join(chunk))
                chunk.clear()
        out.write("".join(chunk))


def measure(side: str, csv_path: Path, store: Path) -> dict:
    """Run one side in a fresh process; return its seconds, rows and peak memory."""
    result = subprocess.run(
        [sys.executable, "-c", CHILD, side, str(csv_path), str(store)],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"{side} failed: {result.stderr.strip().splitlines()[-1:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def side_result(case: str, measured: dict, size_mb: float) -> dict:
    """One side's row of the results: its rows, seconds, rows/s, peak memory and CPU time."""
    return {
        "case": case,
        "rows": measured["rows"],
        "file_mb": round(size_mb),
        "seconds": round(measured["seconds"], 2),
        "rows_per_s": round(measured["rows"] / measured["seconds"]),
        "peak_mb": round(measured["peak_mb"]),
        "cpu_s": round(measured["cpu_s"], 1),
    }


def run(args) -> list[dict]:  # noqa: ANN001 - the bench runner's argparse namespace
    """Generate the file, time DuckDB's read_csv and `ingest` on it, report rows/s, ratio and peak memory."""
    rows = args.rows or DEFAULT_ROWS
    with tempfile.TemporaryDirectory(prefix="bench_ingest_") as tmp:
        folder = Path(tmp)
        csv_path = folder / "manchester_bench.csv"
        generate(csv_path, rows)
        size_mb = csv_path.stat().st_size / 1e6
        raw = measure("duckdb", csv_path, folder / "raw.duckdb")
        ours = measure("ingest", csv_path, folder / "store.duckdb")
    assert raw["rows"] == ours["rows"] == rows, (raw["rows"], ours["rows"], rows)
    return [
        side_result("duckdb read_csv (baseline)", raw, size_mb),
        side_result("anchorspend ingest", ours, size_mb)
        | {
            "ratio_vs_duckdb": round(ours["seconds"] / raw["seconds"], 2),
            "cpu_ratio_vs_duckdb": round(ours["cpu_s"] / raw["cpu_s"], 2),
        },
    ]
