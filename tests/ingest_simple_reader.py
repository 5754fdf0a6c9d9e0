"""A deliberately simple reader of the reference CSVs, written apart from the ingest code, to check it.

It knows each file's header row and its amount, date and supplier columns by hand (from the files and
../shared/reference/SOURCES.md) and counts with the csv module: no synonym table, no header search, no polars.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from decimal import ROUND_HALF_EVEN, Decimal
from pathlib import Path

ISO = ("%Y-%m-%d",)
DMY = ("%d/%m/%Y",)
MDY = ("%m/%d/%Y",)
SERIAL = "excel serial"  # a whole number of days since 1899-12-30
# path under spend/: (header record number counting from 1, amount column, date column, supplier column,
# the date formats the file writes, in the order to try; None where the rows carry no date, only a period).
# Read off the files by hand and from SOURCES.md, not from the ingest code.
LAYOUTS: dict[str, tuple[int, str, str, str, tuple[str, ...] | None]] = {
    "central_gov_25k/cabinetoffice/cabinetoffice_2022-06_clean.csv": (1, "Amount", "Date", "Supplier", ISO),
    "central_gov_25k/cabinetoffice/cabinetoffice_2022-07_clean.csv": (1, "Amount", "Date", "Supplier", ISO),
    "greater_manchester/manchester/manchester_2022-03_clean.csv": (
        1,
        "Net Amount",
        "Invoice Payment Date",
        "Supplier Name",
        ISO,
    ),
    "greater_manchester/manchester/manchester_2022-04_clean.csv": (
        1,
        "Net Amount",
        "Invoice Payment Date",
        "Supplier Name",
        ISO,
    ),
    "greater_manchester/manchester/manchester_2022-05_clean.csv": (
        1,
        "Net Amount",
        "Invoice Payment Date",
        "Supplier Name",
        ISO,
    ),
    "greater_manchester/salford/salford_2022-05_clean.csv": (1, "Net", "Date of Payment", "Vendor Name", ISO),
    "greater_manchester/salford/salford_2022-06_clean.csv": (1, "Net", "Date of Payment", "Vendor Name", ISO),
    "lancashire/hyndburn/hyndburn_2017-01.csv": (1, "Net Amount(£)", "Payment date", "Name", DMY),
    "lancashire/hyndburn/hyndburn_2018-05.csv": (1, "Net Amount(£)", "Payment date", "Name", ("%d/%m/%y",)),
    "lancashire/hyndburn/hyndburn_2022-09.csv": (1, "Net Amount", "Payment date", "Name", ("%d-%b-%y",)),
    "lancashire/hyndburn/hyndburn_2023-04.csv": (
        2,
        "Net Amount (£)",
        "Payment Date",
        "Name",
        ("%d %b %Y", "%d-%b-%y"),
    ),
    "lancashire/hyndburn/hyndburn_2024-01.csv": (1, "Net Amount (£)", "Payment Date", "Name", DMY),
    "lancashire/hyndburn/hyndburn_2024-03.csv": (1, "Amount Paid", "Payment Date", "Name:  ", DMY),
    "lancashire/hyndburn/hyndburn_2025-12.csv": (1, "Amount Paid", "Payment Date", "Name:  ", DMY),
    "lancashire/hyndburn/hyndburn_2026-01.csv": (1, "Amount Paid", "Payment Date", "Name:  ", ("%d/%m/%y",)),
    "north_east/darlington/darlington_2022-09_clean.csv": (
        1,
        "Invoice Line Value (net of VAT)",
        "Transaction Date",
        "Supplier",
        ISO,
    ),
    "north_east/gateshead/gateshead_2022-08_clean.csv": (1, "Amount", "Period", "Supplier ID(T)", None),
    "north_east/newcastle/newcastle_2022-08_clean.csv": (
        1,
        "Total (excludes VAT)",
        "Paid Date",
        "Supplier Name",
        ISO,
    ),
    "west_yorkshire/calderdale/calderdale_2022-08-card_clean.csv": (
        1,
        "Net Amount",
        "Transaction Date",
        "Supplier Name",
        ISO,
    ),
    "west_yorkshire/calderdale/calderdale_2022-08_clean.csv": (
        1,
        "Net Amount",
        "Date",
        "Supplier(Beneficiary) Name",
        ISO,
    ),
    # SOURCES.md section 7: raw NHS London files, as published.
    "nhs_london/croy_2020-09.csv": (1, "amount", "Date", "Supplier", DMY),
    "nhs_london/guys_2020-08.csv": (1, "amount", "Date of payment", "Supplier", DMY),
    "nhs_london/impc_2020-07.csv": (1, "amount", "Date Paid", "Supplier Name", DMY),
    "nhs_london/kico_2020-05.csv": (1, "Amount", "Date", "Supplier", ("%d-%b-%y",)),
    "nhs_london/kico_2020-09.csv": (1, "Amount", "Date", "Supplier", ("%d-%b-%y", "%d/%m/%Y")),
    "nhs_london/legr_2020-08.csv": (1, "Amount", "Date", "Supplier", DMY),
    "nhs_london/lnwu_2021-02.csv": (1, "Amount", "Date", "Supplier", DMY),
    "nhs_london/nehv_2020-09.csv": (1, "amount", "Date", "Supplier", MDY),
    "nhs_london/nerd_2021-02.csv": (1, "Amount", "Date", "Supplier", ("%m/%d/%Y", SERIAL)),
    "nhs_london/hill_2019-11_2020-05.xlsx": (1, "Amount", "Date", "Supplier", ()),  # real Excel dates
    "nhs_london/hill_2020-06_2020-08.xlsx": (1, "Amount", "Date", "Supplier", DMY),  # dates as text cells
    "nhs_london/nmid_2020-11.xlsx": (1, "Amount", "Date Paid", "Supplier", ()),
    "nhs_london/nmid_2021-03.xlsx": (1, "Amount", "Date", "Supplier", ()),
}


@dataclass
class Expected:
    """What a careful person counting by hand would find."""

    rows_read: int
    rows_rejected: int
    blank_rows: int
    amount_total: Decimal
    negatives: int
    row_numbers: set[int]  # spreadsheet rows of the non-blank data records (totals lines left out)
    totals_lines: int = 0  # lines below the data saying 'Sum:' or 'Total' with no date
    dates: dict[int, dt.date] = field(default_factory=dict)  # row number -> payment date, where the file dates rows


def simple_amount(text: str) -> Decimal:
    """'£1,234.50' -> 1234.50; '688.83-' -> -688.83."""
    text = text.strip().replace("£", "").replace(",", "").replace('"', "")
    sign = -1 if text.endswith("-") else 1
    return sign * Decimal(text.rstrip("-")).quantize(Decimal("0.01"), rounding=ROUND_HALF_EVEN)


def simple_date(text: str, formats: tuple[str, ...]) -> dt.date | None:
    """The first of the file's own formats that reads the text (a datetime cell of a workbook as it is)."""
    text = text.strip()
    for form in formats:
        if form == SERIAL:
            if text.isdigit():
                return dt.date(1899, 12, 30) + dt.timedelta(days=int(text))
            continue
        try:
            return dt.datetime.strptime(text, form).date()
        except ValueError:
            continue
    return None


def records(path: Path) -> list[list[str]]:
    if path.suffix == ".xlsx":
        return workbook_records(path)
    raw = path.read_bytes()
    for bom in (b"\xc3\xaf\xc2\xbb\xc2\xbf", b"\xef\xbb\xbf"):
        raw = raw.removeprefix(bom)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("cp1252")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return list(csv.reader(io.StringIO(text, newline="")))


def workbook_records(path: Path) -> list[list[str]]:
    """The first sheet holding values, as text: datetimes as ISO dates, numbers as written by repr."""
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    for sheet in book.worksheets:
        rows = [
            [
                ""
                if v is None
                else v.date().isoformat()
                if isinstance(v, dt.datetime)
                else repr(v)
                if isinstance(v, float)
                else str(v)
                for v in row
            ]
            for row in sheet.iter_rows(values_only=True)
        ]
        while rows and not any(cell.strip() for cell in rows[-1]):
            rows.pop()  # formatted but empty rows below a table are not rows of it (nmid_2020-11 has 14)
        if rows:
            return rows
    return []


def expected_for(path: Path, relative: str) -> Expected:
    header_at, amount_col, date_col, supplier_col, formats = LAYOUTS[relative]
    if formats == ():  # real Excel dates, given as ISO text by workbook_records
        formats = ISO
    rows = records(path)
    header = rows[header_at - 1]
    a, d = header.index(amount_col), header.index(date_col)
    read = rejected = blank = negatives = totals = 0
    total = Decimal("0.00")
    numbers, dates = set(), {}
    for number, row in enumerate(rows[header_at:], start=header_at + 1):
        if not any(cell.strip() for cell in row):
            blank += 1
            continue
        cells = row + [""] * 30
        labels = [cell.strip().lower() for cell in row]
        if not cells[d].strip() and any(cell.startswith(("sum", "total")) for cell in labels):
            totals += 1
            continue
        read += 1
        numbers.add(number)
        if not (cells[a].strip() and cells[d].strip()):  # a blank payee is a payment (redacted), not a reject
            rejected += 1
            continue
        amount = simple_amount(cells[a])
        total += amount
        negatives += amount < 0
        if formats is not None:
            dates[number] = simple_date(cells[d], formats)
    return Expected(read, rejected, blank, total, negatives, numbers, totals, dates)
