"""Spend files in the layouts anchors really publish, with the mess real files have.

Council "over £500" (Manchester's columns), NHS trust "over £25,000" (the central-government family), police
in the LGTC recommended schema (Calderdale's columns, with company and charity numbers), university in
Salford's layout (gross, VAT, net and a trailing comma on every row), a housing association's XLSX workbook
with title rows above the header and a totals row, and a small housing association's cp1252 CSV with £ signs
in an unfamiliar layout that needs a column mapping. Each file plants a few rows that must be rejected.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from anchorspend.demo.sectors import ANCHORS, AnchorProfile
from anchorspend.demo.spend_rows import Line

FICTIONAL_URI = "https://example.invalid/fictional-demo-region/dogger-vale-police"


@dataclass
class SpendFile:
    """A written spend file and what loading it must report."""

    path: Path
    anchor: str
    kind: str
    rows: int  # data rows written, planted bad rows included (blank spacer rows not counted)
    rejected: list[str]  # why each planted row must be rejected ('no amount', 'duplicate', ...)
    amount_gbp: float  # sum of the rows that must load
    mapping: dict[str, str] | None = None
    sheets: list[str] = field(default_factory=list)


def _money(value: float) -> str:
    return f"{value:.2f}"


def _money_commas(value: float) -> str:
    return f"{value:,.2f}"


def _periods(lines: list[Line], months: int) -> list[tuple[str, list[Line]]]:
    """Lines grouped into consecutive periods of `months` months, labelled by their first month."""
    groups: dict[str, list[Line]] = {}
    for line in lines:
        index = (line.paid_on.year * 12 + line.paid_on.month - 1) // months * months
        label = f"{index // 12}-{index % 12 + 1:02d}"
        groups.setdefault(label, []).append(line)
    return sorted(groups.items())


def _write_csv(
    path: Path,
    header: list[str],
    rows: list[list[str]],
    encoding: str = "utf-8",
    bom: bytes = b"",
    trailing_comma: bool = False,
) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(row + [""] if trailing_comma else row)
    path.write_bytes(bom + buffer.getvalue().encode(encoding))


def _spend_file(
    path: Path,
    anchor: AnchorProfile,
    header: list[str],
    rows: list[list[str]],
    rejected: list[str],
    group: list[Line],
    mapping: dict[str, str] | None = None,
    **csv_options: Any,
) -> SpendFile:
    """Write one period's rows as a CSV file, with what loading it must report."""
    _write_csv(path, header, rows, **csv_options)
    amount_gbp = sum(x.amount for x in group)
    return SpendFile(path, anchor.name, anchor.kind, len(rows), rejected, amount_gbp, mapping=mapping)


def vat_gbp(line: Line, zero_rated: tuple[str, ...]) -> float:
    """VAT at 20% on a line's net amount; none for the sectors this publisher treats as zero-rated."""
    return 0.0 if line.sector in zero_rated else round(line.amount * 0.2, 2)


def _plant(rows: list[list[str]], bad: list[tuple[list[str], str]], rejected: list[str]) -> list[list[str]]:
    """Bad rows put in the middle of a file, with the reason each must be rejected for."""
    middle = len(rows) // 2
    for row, reason in bad:
        rows.insert(middle, row)
        rejected.append(reason)
    return rows


def council_500(folder: Path, lines: list[Line]) -> list[SpendFile]:
    """Monthly CSVs in Manchester's columns; ISO dates; one re-published month repeats rows of the last."""
    anchor = ANCHORS[0]
    header = [
        "Body Name",
        "Service Area",
        "Expenses Type",
        "Invoice Payment Date",
        "Transaction Number",
        "Net Amount",
        "Supplier Name",
    ]
    files = []
    previous: list[list[str]] = []
    for k, (month, group) in enumerate(_periods(lines, 1)):
        rows = [
            [
                anchor.name,
                x.expense_area,
                x.expense_type,
                x.paid_on.isoformat(),
                x.reference,
                _money(x.amount),
                x.supplier,
            ]
            for x in group
        ]
        rejected: list[str] = []
        if k == 2:
            rows = _plant(rows, [(rows[0][:5] + ["TBC", rows[0][6]], "amount not a number")], rejected)
        if k == 6:
            rows = _plant(
                rows, [(rows[0][:3] + ["2025-02-30"] + rows[0][4:], "date not recognised")], rejected
            )
        if k == 14:
            # a blank payee is a (redacted) payment, not a rejection; a date before 1990 is out of bounds
            rows = _plant(rows, [(rows[1][:3] + ["1899-12-31"] + rows[1][4:], "date outside")], rejected)
        if k == 11:  # the month was re-published with the previous month's last three payments in it
            rows = previous[-3:] + rows
            rejected += ["duplicate"] * 3
        path = folder / f"fennmouth-city-council_spend-over-500_{month}.csv"
        bom = b"\xc3\xaf\xc2\xbb\xc2\xbf" if k == 5 else b"\xef\xbb\xbf"  # one month's BOM is double-encoded
        files.append(_spend_file(path, anchor, header, rows, rejected, group, bom=bom))
        previous = rows
    return files


def nhs_25k(folder: Path, lines: list[Line]) -> list[SpendFile]:
    """Monthly CSVs in the 'over £25,000' family; dd/mm/yyyy dates; amounts with thousands separators."""
    anchor = ANCHORS[1]
    header = [
        "Departmental Family",
        "Entity",
        "Date",
        "Expense Type",
        "Expense Area",
        "Supplier",
        "Transaction number",
        "Amount",
    ]
    files = []
    for k, (month, group) in enumerate(_periods(lines, 1)):
        rows = [
            [
                "Department of Health and Social Care",
                anchor.name.upper(),
                x.paid_on.strftime("%d/%m/%Y"),
                x.expense_type,
                x.expense_area,
                x.supplier,
                x.reference,
                _money_commas(x.amount),
            ]
            for x in group
        ]
        rejected: list[str] = []
        if k == 4:
            rows = _plant(rows, [(rows[0][:7] + [""], "no amount")], rejected)
        path = folder / f"fennmouth-hospitals-nhs-ft_expenditure-over-25k_{month}.csv"
        files.append(_spend_file(path, anchor, header, rows, rejected, group))
    return files


def police_lgtc(folder: Path, lines: list[Line]) -> list[SpendFile]:
    """Quarterly CSVs in the LGTC recommended schema, with company numbers (leading zeros sometimes lost)."""
    anchor = ANCHORS[2]
    header = [
        "Body",
        "Organisation Name",
        "Date",
        "Internal Ref Number",
        "Invoice Number",
        "Net Amount",
        "Irrecoverable VAT",
        "Supplier(Beneficiary) Name",
        "Supplier Registered Company Number",
        "Supplier Registered Charity Number",
        "Supplier ID",
        "VAT Registration Number",
        "Expense Area",
        "Procurement Classification: Council's Procurement Category Name",
        "Expense Code",
        "BVACOP",
        "Proclass",
        "Extended Description",
        "Source",
        "Subsource",
        "Definition",
        "Purpose of Spend (Summary)",
        "Voluntary Community and Social Enterprise Supplier",
    ]
    files = []
    supplier_ids: dict[str, str] = {}
    for k, (quarter, group) in enumerate(_periods(lines, 3)):
        rows = []
        for x in group:
            supplier_id = supplier_ids.setdefault(x.supplier, f"S{300_001 + len(supplier_ids)}")
            number = x.company_number.lstrip("0") if int(x.reference) % 3 == 0 else x.company_number
            rows.append(
                [
                    FICTIONAL_URI,
                    anchor.name,
                    x.paid_on.isoformat(),
                    x.reference,
                    f"INV{x.reference[-6:]}",
                    _money(x.amount),
                    "N/A",
                    x.supplier,
                    number,
                    x.charity_number,
                    supplier_id,
                    "",
                    x.expense_area,
                    x.expense_type,
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    x.expense_type,
                    "Yes" if x.is_vcse else "",
                ]
            )
        rejected: list[str] = []
        if k == 1:
            rows = _plant(
                rows, [(rows[0][:2] + ["31/13/2025"] + rows[0][3:], "date not recognised")], rejected
            )
        path = folder / f"dogger-vale-police_payments-over-500_{quarter}.csv"
        files.append(_spend_file(path, anchor, header, rows, rejected, group))
    return files


def university_salford(folder: Path, lines: list[Line]) -> list[SpendFile]:
    """Quarterly CSVs in Salford's layout: gross, VAT and net, and a trailing comma on every data row."""
    anchor = ANCHORS[3]
    header = [
        "Authority Name",
        "Date of Payment",
        "DocumentNo",
        "Gross",
        "VAT",
        "Net",
        "Vendor Name",
        "Service Area",
        "GL Description",
    ]
    files = []
    for k, (quarter, group) in enumerate(_periods(lines, 3)):
        rows = []
        for x in group:
            vat = vat_gbp(x, zero_rated=("individual", "public", "training", "community"))
            rows.append(
                [
                    anchor.name,
                    x.paid_on.isoformat(),
                    x.reference,
                    _money(x.amount + vat),
                    _money(vat),
                    _money(x.amount),
                    x.supplier,
                    x.expense_area,
                    x.expense_type,
                ]
            )
        rejected: list[str] = []
        if k == 3:
            rows = _plant(rows, [(rows[0][:5] + ["N/A"] + rows[0][6:], "amount not a number")], rejected)
        path = folder / f"university-of-fennmouth_payments-over-500_{quarter}.csv"
        files.append(_spend_file(path, anchor, header, rows, rejected, group, trailing_comma=True))
    return files


SMALL_HA_MAPPING = {
    "paid_on": "Cheque/BACS Date",
    "supplier": "Paid To",
    "amount": "Value (£)",
    "expense_type": "Nominal Heading",
    "transaction_ref": "Our Ref",
}


def housing_small_csv(folder: Path, lines: list[Line]) -> list[SpendFile]:
    """Quarterly cp1252 CSVs in a layout no importer has seen (mapped once); '£1,234.56' amounts, dd/mm/yy."""
    anchor = ANCHORS[5]
    header = ["Cheque/BACS Date", "Paid To", "Nominal Heading", "Our Ref", "Value (£)"]
    files = []
    for k, (quarter, group) in enumerate(_periods(lines, 3)):
        rows = [
            [
                x.paid_on.strftime("%d/%m/%y"),
                x.supplier,
                x.expense_type,
                x.reference,
                f"-£{-x.amount:,.2f}" if x.amount < 0 else f"£{x.amount:,.2f}",
            ]
            for x in group
        ]
        rejected: list[str] = []
        if k == 5:
            rows = _plant(rows, [(rows[0][:4] + ["£"], "amount not a number")], rejected)
        path = folder / f"fennmouth-harbour-housing-coop_payments_{quarter}.csv"
        mapping = dict(SMALL_HA_MAPPING)
        files.append(_spend_file(path, anchor, header, rows, rejected, group, mapping, encoding="cp1252"))
    return files


WRITERS: dict[str, Callable[[Path, list[Line]], list[SpendFile]]] = {
    "council_500": council_500,
    "nhs_25k": nhs_25k,
    "police_lgtc": police_lgtc,
    "university_salford": university_salford,
    "housing_small_csv": housing_small_csv,
}


def financial_year(day: dt.date) -> int:
    """The calendar year a UK financial year (April to March) starts in."""
    return day.year if day.month >= 4 else day.year - 1
