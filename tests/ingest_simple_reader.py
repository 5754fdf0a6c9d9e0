"""A deliberately simple reader of the reference CSVs, written apart from the ingest code, to check it.

It knows each file's header row and its amount, date and supplier columns by hand (from the files and
../shared/reference/SOURCES.md) and counts with the csv module: no synonym table, no header search, no polars.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal
from pathlib import Path

# path under spend/: (header record number counting from 1, amount column, date column, supplier column)
LAYOUTS: dict[str, tuple[int, str, str, str]] = {
    "central_gov_25k/cabinetoffice/cabinetoffice_2022-06_clean.csv": (1, "Amount", "Date", "Supplier"),
    "central_gov_25k/cabinetoffice/cabinetoffice_2022-07_clean.csv": (1, "Amount", "Date", "Supplier"),
    "greater_manchester/manchester/manchester_2022-03_clean.csv": (
        1,
        "Net Amount",
        "Invoice Payment Date",
        "Supplier Name",
    ),
    "greater_manchester/manchester/manchester_2022-04_clean.csv": (
        1,
        "Net Amount",
        "Invoice Payment Date",
        "Supplier Name",
    ),
    "greater_manchester/manchester/manchester_2022-05_clean.csv": (
        1,
        "Net Amount",
        "Invoice Payment Date",
        "Supplier Name",
    ),
    "greater_manchester/salford/salford_2022-05_clean.csv": (1, "Net", "Date of Payment", "Vendor Name"),
    "greater_manchester/salford/salford_2022-06_clean.csv": (1, "Net", "Date of Payment", "Vendor Name"),
    "lancashire/hyndburn/hyndburn_2017-01.csv": (1, "Net Amount(£)", "Payment date", "Name"),
    "lancashire/hyndburn/hyndburn_2018-05.csv": (1, "Net Amount(£)", "Payment date", "Name"),
    "lancashire/hyndburn/hyndburn_2022-09.csv": (1, "Net Amount", "Payment date", "Name"),
    "lancashire/hyndburn/hyndburn_2023-04.csv": (2, "Net Amount (£)", "Payment Date", "Name"),
    "lancashire/hyndburn/hyndburn_2024-01.csv": (1, "Net Amount (£)", "Payment Date", "Name"),
    "lancashire/hyndburn/hyndburn_2024-03.csv": (1, "Amount Paid", "Payment Date", "Name:  "),
    "lancashire/hyndburn/hyndburn_2025-12.csv": (1, "Amount Paid", "Payment Date", "Name:  "),
    "lancashire/hyndburn/hyndburn_2026-01.csv": (1, "Amount Paid", "Payment Date", "Name:  "),
    "north_east/darlington/darlington_2022-09_clean.csv": (
        1,
        "Invoice Line Value (net of VAT)",
        "Transaction Date",
        "Supplier",
    ),
    "north_east/gateshead/gateshead_2022-08_clean.csv": (1, "Amount", "Period", "Supplier ID(T)"),
    "north_east/newcastle/newcastle_2022-08_clean.csv": (
        1,
        "Total (excludes VAT)",
        "Paid Date",
        "Supplier Name",
    ),
    "west_yorkshire/calderdale/calderdale_2022-08-card_clean.csv": (
        1,
        "Net Amount",
        "Transaction Date",
        "Supplier Name",
    ),
    "west_yorkshire/calderdale/calderdale_2022-08_clean.csv": (
        1,
        "Net Amount",
        "Date",
        "Supplier(Beneficiary) Name",
    ),
}


@dataclass
class Expected:
    """What a careful person counting by hand would find."""

    rows_read: int
    rows_rejected: int
    blank_rows: int
    amount_total: Decimal
    negatives: int
    row_numbers: set[int]  # spreadsheet rows of the non-blank data records


def simple_amount(text: str) -> Decimal:
    """'£1,234.50' -> 1234.50; '688.83-' -> -688.83."""
    text = text.strip().replace("£", "").replace(",", "").replace('"', "")
    sign = -1 if text.endswith("-") else 1
    return sign * Decimal(text.rstrip("-")).quantize(Decimal("0.01"), rounding=ROUND_HALF_EVEN)


def records(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    for bom in (b"\xc3\xaf\xc2\xbb\xc2\xbf", b"\xef\xbb\xbf"):
        raw = raw.removeprefix(bom)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("cp1252")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return list(csv.reader(io.StringIO(text, newline="")))


def expected_for(path: Path, relative: str) -> Expected:
    header_at, amount_col, date_col, supplier_col = LAYOUTS[relative]
    rows = records(path)
    header = rows[header_at - 1]
    a, d, s = header.index(amount_col), header.index(date_col), header.index(supplier_col)
    read = rejected = blank = negatives = 0
    total = Decimal("0.00")
    numbers = set()
    for number, row in enumerate(rows[header_at:], start=header_at + 1):
        if not any(cell.strip() for cell in row):
            blank += 1
            continue
        read += 1
        numbers.add(number)
        cells = row + [""] * 30
        if not (cells[a].strip() and cells[d].strip() and cells[s].strip()):
            rejected += 1
            continue
        amount = simple_amount(cells[a])
        total += amount
        negatives += amount < 0
    return Expected(read, rejected, blank, total, negatives, numbers)
