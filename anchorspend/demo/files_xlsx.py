"""The larger housing association's workbooks: one per financial year, a sheet per quarter, titles above."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path

from openpyxl import Workbook

from anchorspend.demo.files_spend import SpendFile, financial_year, vat_gbp
from anchorspend.demo.sectors import ANCHORS
from anchorspend.demo.spend_rows import Line

HEADER = ["Payment Date", "Supplier", "Category", "Cost Centre", "Net", "VAT", "Gross", "Reference"]
QUARTERS = ("Q1 Apr-Jun", "Q2 Jul-Sep", "Q3 Oct-Dec", "Q4 Jan-Mar")
FIXED_TIME = dt.datetime(2026, 11, 1)  # workbook metadata, so the same seed writes the same bytes


def _fix_timestamps(path: Path) -> None:
    """Rewrite the workbook with fixed zip and document times, so the same seed writes the same bytes."""
    with zipfile.ZipFile(path) as source:
        entries = [(info.filename, source.read(info)) for info in source.infolist()]
    stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in entries:
            if name == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + stamp, data)
            target.writestr(
                zipfile.ZipInfo(name, date_time=FIXED_TIME.timetuple()[:6]),
                data,
                compress_type=zipfile.ZIP_DEFLATED,
            )


def _quarter(day: dt.date) -> int:
    return ((day.month - 4) % 12) // 3


def housing_xlsx(folder: Path, lines: list[Line]) -> list[SpendFile]:
    """Workbooks with two title rows and a blank row above the header, and a totals row under each sheet."""
    anchor = ANCHORS[4]
    years: dict[int, list[Line]] = {}
    for line in lines:
        years.setdefault(financial_year(line.paid_on), []).append(line)
    files = []
    for year, group in sorted(years.items()):
        book = Workbook(write_only=True)  # streams rows: several times quicker than the cell model
        book.properties.created = book.properties.modified = FIXED_TIME
        rows_read, sheets = 0, []
        rejected: list[str] = []  # none: the totals row under each sheet is counted apart, not rejected
        for q, name in enumerate(QUARTERS):
            quarter = [x for x in group if _quarter(x.paid_on) == q]
            if not quarter:
                continue
            sheet = book.create_sheet(name)
            sheets.append(name)
            sheet.append(
                [f"{anchor.name}: payments over £250 (fictional demo data, not a real organisation)"]
            )
            sheet.append([f"Financial year {year}/{(year + 1) % 100:02d}, {name}"])
            sheet.append([])
            sheet.append(HEADER)
            for k, x in enumerate(quarter):
                vat = vat_gbp(x, zero_rated=("individual", "public", "community", "insurance"))
                sheet.append(
                    [
                        x.paid_on,
                        x.supplier,
                        x.expense_type,
                        x.expense_area,
                        x.amount,
                        vat,
                        round(x.amount + vat, 2),
                        x.reference,
                    ]
                )
                if k == len(quarter) // 2:
                    sheet.append([])  # a spacer row in the middle: blank, skipped, not rejected
            sheet.append([None, "Total", None, None, round(sum(x.amount for x in quarter), 2)])
            rows_read += len(quarter)  # the totals row is counted apart (summary_rows), not read as a payment
        path = folder / f"dogger-vale-homes_payments-over-250_{year}-{(year + 1) % 100:02d}.xlsx"
        book.save(path)
        _fix_timestamps(path)
        files.append(
            SpendFile(
                path,
                anchor.name,
                anchor.kind,
                rows_read,
                rejected,
                sum(x.amount for x in group),
                sheets=sheets,
            )
        )
    return files
