"""The workbook guard's cost: checking a large XLSX from its zip and XML, beside fastexcel reading the same file.

The guard (anchorspend.files.limits.check_workbook) runs before every workbook is read, so its time is added to
each load; it should stay a small share of the read it protects.
"""

from __future__ import annotations

import datetime as dt
import tempfile
import time
from pathlib import Path

DEFAULT_ROWS = 200_000


def _write(path: Path, rows: int) -> None:
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Payments")
    sheet.append(
        [
            "Body Name",
            "Service Area",
            "Expenses Type",
            "Payment Date",
            "Transaction Number",
            "Net Amount",
            "Supplier Name",
            "Company Number",
        ]
    )
    start = dt.date(2024, 4, 1)
    for i in range(rows):
        sheet.append(
            [
                "Town Council",
                f"Area {i % 17}",
                f"Type {i % 31}",
                start + dt.timedelta(days=i % 365),
                100000 + i,
                round((i * 37.13) % 90000 + 500, 2),
                f"Supplier {i % 5000:05d} Ltd",
                f"{i % 99999999:08d}",
            ]
        )
    book.save(path)


def run(args) -> list[dict]:  # noqa: ANN001 - argparse namespace
    import fastexcel

    from anchorspend.files.limits import check_workbook

    rows = args.rows or DEFAULT_ROWS
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "payments.xlsx"
        _write(path, rows)
        results = []
        for case, action in (
            ("guard (zip + XML scan)", lambda: check_workbook(path)),
            ("fastexcel read (baseline)", lambda: fastexcel.read_excel(str(path)).load_sheet(0, dtypes="string")),
        ):
            wall, cpu = time.perf_counter(), time.process_time()
            action()
            results.append(
                {
                    "case": case,
                    "rows": rows,
                    "mb": round(path.stat().st_size / 1e6, 1),
                    "wall_s": round(time.perf_counter() - wall, 2),
                    "cpu_s": round(time.process_time() - cpu, 2),
                }
            )
        return results
