"""PDF ingest speed: a printed 50-page payment report loaded whole, beside the same rows loaded as a CSV.

The report is printed by WeasyPrint (tests/pdf_helpers.py): a title block, the header repeated on every page,
wrapped supplier names and descriptions, credits in parentheses, page numbers. The target is under 10 s for
50 pages (issue 12.10). CPU seconds are reported too: on a shared machine they are the steadier figure.
"""

from __future__ import annotations

import csv
import tempfile
import time
from pathlib import Path

PAGES = 50


def _timed(action):  # noqa: ANN001, ANN202 - a bench helper
    wall, cpu = time.perf_counter(), time.process_time()
    result = action()
    return result, round(time.perf_counter() - wall, 2), round(time.process_time() - cpu, 2)


def run(args) -> list[dict]:  # noqa: ANN001 - argparse namespace
    import pdfplumber

    from anchorspend.ingest import ingest_file
    from tests.pdf_helpers import HEADER, payments, spend_pdf

    rows = payments(args.rows or 1460)  # about 50 pages
    with tempfile.TemporaryDirectory() as folder:
        pdf = spend_pdf(Path(folder) / "report.pdf", rows)
        with pdfplumber.open(pdf) as document:
            pages = len(document.pages)
        table = Path(folder) / "report.csv"
        with table.open("w", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(HEADER)
            for p in rows:
                writer.writerow([f"{p.paid_on:%d/%m/%Y}", p.expense, p.supplier, p.reference, p.amount, p.description])
        results = []
        for label, path in (("csv", table), ("pdf", pdf)):
            store = Path(folder) / f"{label}.duckdb"
            [report], wall, cpu = _timed(lambda: ingest_file(store, path, "Bench CCG", "nhs", refresh=False))  # noqa: B023
            assert report.status == "loaded" and report.rows_loaded == len(rows), report.error
            results.append(
                {
                    "case": f"ingest {label}",
                    "pages": pages if label == "pdf" else "",
                    "rows": len(rows),
                    "wall_s": wall,
                    "cpu_s": cpu,
                    "target": "< 10 s" if label == "pdf" else "baseline",
                }
            )
        return results
