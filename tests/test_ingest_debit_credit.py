"""Amounts split over two columns, one for payments and one for money coming back ('Debit'/'Credit', 'Dr'/'Cr',
'Payments'/'Receipts', 'Expenditure'/'Income', 'Amount Paid'/'Amount Refunded'): a debit loads as written, a
credit as a negative amount (a refund), and a line with both filled, or neither, is rejected with its reason.

No file in ../shared/reference writes its amounts this way (SOURCES.md lists none), so the real lines of
Manchester's March 2022 file are rewritten here, a credit moved to its own column; the truth is that file read
with the csv module (tests/spend_variants.py), never the product.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
from collections import Counter
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from anchorspend.ingest import ingest_file
from anchorspend.ingest.parse import ParsedFile, parse_file
from tests.spend_variants import BASE_FILE, BASE_REDACTION, Row, base_rows, xlsx_file

pytestmark = pytest.mark.reference

# (payments header, refunds header): spellings publishers use for the two sides.
PAIRS = [
    ("Debit", "Credit"),
    ("Dr", "Cr"),
    ("DR (£)", "CR (£)"),
    ("Payments", "Receipts"),
    ("Expenditure", "Income"),
    ("Amount Paid", "Amount Refunded"),
    ("Debit Amount", "Credit Amount"),
    ("Money Out", "Money In"),
    ("Paid Out £", "Paid In £"),
    ("Value of Payment", "Value of Refund"),
]
# What the side without a value holds: a blank cell, a zero, or a dash.
OTHER_SIDE = {"blank": "", "zero": "0.00", "dash": "-"}


@pytest.fixture(scope="module")
def rows(reference: Path) -> list[Row]:
    picked = base_rows(reference)
    assert sum(r.amount < 0 for r in picked) >= 10 and sum(r.amount > 0 for r in picked) >= 200
    return picked


def split(amount: Decimal, other: str) -> tuple[str, str]:
    """(debit cell, credit cell) of one real amount: a credit goes to its own column, as a positive figure."""
    return (f"{amount:.2f}", other) if amount >= 0 else (other, f"{-amount:.2f}")


def pair_csv(rows: list[Row], debit: str, credit: str, other: str = "", credit_sign: str = "") -> bytes:
    """The rows as a council CSV with a debit and a credit column (the credit column before the debit one)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["Body Name", "Payment Date", "Supplier Name", credit, debit, "Expense Type", "Transaction No"])
    for row in rows:
        paid, back = split(row.amount, other)
        back = credit_sign + back if row.amount < 0 else back
        writer.writerow([row.body, f"{row.date:%d/%m/%Y}", row.supplier or "REDACTED", back, paid, row.type, row.ref])
    return buffer.getvalue().encode()


def parse(path: Path) -> ParsedFile:
    data = path.read_bytes()
    return parse_file(path, data, hashlib.sha256(data).hexdigest())


def loaded(parsed: ParsedFile) -> Counter[tuple[dt.date, Decimal, str | None]]:
    got: Counter[tuple[dt.date, Decimal, str | None]] = Counter()
    for sheet in parsed.sheets:
        for day, amount, supplier, redacted in sheet.payments.select(
            "paid_on", "amount_gbp", "supplier_raw", "is_redacted"
        ).iter_rows():
            got[(day, amount, None if redacted else supplier)] += 1
    return got


def expected(rows: list[Row]) -> Counter[tuple[dt.date, Decimal, str | None]]:
    return Counter((r.date, r.amount, r.supplier or None) for r in rows)


@pytest.mark.parametrize("other", sorted(OTHER_SIDE))
@pytest.mark.parametrize(("debit", "credit"), PAIRS)
def test_pair_spellings_load_credits_as_refunds(
    debit: str, credit: str, other: str, rows: list[Row], tmp_path: Path
) -> None:
    path = tmp_path / "spend.csv"
    path.write_bytes(pair_csv(rows, debit, credit, OTHER_SIDE[other]))
    parsed = parse(path)
    sheet = parsed.sheets[0]
    assert {k: sheet.layout.mapping.get(k) for k in ("amount", "credit")} == {"amount": debit, "credit": credit}
    assert loaded(parsed) == expected(rows)
    assert sheet.rejected.height == 0
    assert sum(sheet.payments["amount_gbp"]) == sum(r.amount for r in rows)
    assert int((sheet.payments["amount_gbp"] < 0).sum()) == sum(r.amount < 0 for r in rows)


def test_a_credit_written_with_its_own_minus_is_the_same_refund(rows: list[Row], tmp_path: Path) -> None:
    path = tmp_path / "spend.csv"
    path.write_bytes(pair_csv(rows, "Debit", "Credit", credit_sign="-"))
    assert loaded(parse(path)) == expected(rows)


def test_both_sides_filled_or_neither_is_rejected_with_the_row_and_reason(tmp_path: Path) -> None:
    lines = [
        ["Payment Date", "Supplier", "Dr", "Cr"],
        ["01/04/2024", "Acme Ltd", "100.00", ""],  # row 2: a payment
        ["02/04/2024", "Beta Ltd", "", "25.50"],  # row 3: a refund
        ["03/04/2024", "Gamma Ltd", "5.00", "6.00"],  # row 4: both: rejected
        ["04/04/2024", "Delta Ltd", "", ""],  # row 5: neither: rejected
        ["05/04/2024", "Eps Ltd", "0.00", "10.00"],  # row 6: a refund beside a zero
        ["06/04/2024", "Zeta Ltd", "12.00", "0"],  # row 7: a payment beside a zero
        ["07/04/2024", "Eta Ltd", "abc", ""],  # row 8: not a number
        ["08/04/2024", "Theta Ltd", "", "1O.00"],  # row 9: a letter O in the credit: not a number
    ]
    path = tmp_path / "spend.csv"
    path.write_text("\n".join(",".join(line) for line in lines) + "\n")
    sheet = parse(path).sheets[0]
    assert sheet.payments.select("row_number", "amount_gbp").rows() == [
        (2, Decimal("100.00")),
        (3, Decimal("-25.50")),
        (6, Decimal("-10.00")),
        (7, Decimal("12.00")),
    ]
    assert dict(sheet.rejected.select("row_number", "reason").rows()) == {
        4: "both 'Dr' and 'Cr' filled ('5.00' and '6.00'): a line is a payment or a refund, not both",
        5: "no amount (neither 'Dr' nor 'Cr' filled)",
        8: "amount not a number (or too large) in 'Dr': 'abc'",
        9: "credit not a number (or too large) in 'Cr': '1O.00'",
    }


def test_workbook_with_numeric_debit_and_credit_cells(
    rows: list[Row], tmp_path: Path, con: duckdb.DuckDBPyConnection, no_refresh: list[object]
) -> None:
    """An xlsx under a title block, numbers as numbers, the other side 0: loaded into the store and reported."""
    lines: list[list[object]] = [["Payments to suppliers, March 2022"], [], ["Date", "Payee", "Debit £", "Credit £"]]
    for row in rows:
        debit, credit = (float(row.amount), 0) if row.amount >= 0 else (0, float(-row.amount))
        lines.append([dt.datetime.combine(row.date, dt.time()), row.supplier or BASE_REDACTION, debit, credit])
    path = xlsx_file(tmp_path / "spend.xlsx", [("March", lines)], formats={"C": "#,##0.00", "D": "#,##0.00"})
    [report] = ingest_file(con, path, "Test Council", "council")
    assert report.status == "loaded", report.error
    assert (report.rows_loaded, report.rows_rejected) == (len(rows), 0)
    assert report.amount_total == sum(r.amount for r in rows)
    assert report.mapping["amount"] == "Debit £" and report.mapping["credit"] == "Credit £"
    assert "amounts from two columns: 'Debit £' as payments (positive), 'Credit £' as refunds (negative)" in (
        report.to_text()
    )
    assert {p["field"]: p["column"] for p in report.placements}["credit"] == "Credit £"
    stored = con.execute(
        "select count(*), sum(amount_gbp), count(*) filter (where amount_gbp < 0) from payments"
    ).fetchone()
    assert stored == (len(rows), sum(r.amount for r in rows), sum(r.amount < 0 for r in rows))
    again = ingest_file(con, path, "Test Council", "council")
    assert again[0].status == "already_loaded"
    assert con.execute("select count(*) from payments").fetchone() == (len(rows),)


def test_whole_real_file_as_debit_and_credit(
    reference: Path, tmp_path: Path, con: duckdb.DuckDBPyConnection, no_refresh: list[object]
) -> None:
    """All 5,183 lines of Manchester's March 2022 file (242 credits), credits in their own column."""
    with (reference / BASE_FILE).open(encoding="utf-8", newline="") as handle:
        records = list(csv.DictReader(handle))
    amounts = [Decimal(r["Net Amount"]) for r in records]
    assert (len(records), sum(a < 0 for a in amounts)) == (5183, 242)  # SOURCES.md
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["Body Name", "Invoice Payment Date", "Transaction Number", "Payments", "Receipts", "Supplier"])
    for record, amount in zip(records, amounts, strict=True):
        paid, back = split(amount, "")
        writer.writerow(
            [
                record["Body Name"],
                record["Invoice Payment Date"],
                record["Transaction Number"],
                paid,
                back,
                record["Supplier Name"],
            ]
        )
    path = tmp_path / "manchester_2022-03_debit_credit.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    [report] = ingest_file(con, path, "Manchester City Council", "council")
    assert report.status == "loaded", report.error
    assert (report.rows_loaded, report.rows_rejected) == (5183, 0)
    assert report.amount_total == sum(amounts)
    assert con.execute("select count(*) filter (where amount_gbp < 0), min(amount_gbp) from payments").fetchone() == (
        242,
        min(amounts),
    )


def test_a_signed_amount_column_stays_the_amount(rows: list[Row], tmp_path: Path) -> None:
    """'Net Amount' beside 'Credit Note No' and 'Payment Method': one signed column, no pair."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["Payment Date", "Supplier Name", "Net Amount", "Credit Note No", "Payment Method"])
    for number, row in enumerate(rows):
        writer.writerow(
            [
                f"{row.date:%d/%m/%Y}",
                row.supplier or "REDACTED",
                f"{row.amount:.2f}",
                str(40000 + number) if row.amount < 0 else "",
                "BACS",
            ]
        )
    path = tmp_path / "spend.csv"
    path.write_text(buffer.getvalue())
    parsed = parse(path)
    assert parsed.sheets[0].layout.mapping["amount"] == "Net Amount"
    assert "credit" not in parsed.sheets[0].layout.mapping
    assert loaded(parsed) == expected(rows)


def test_the_pair_given_by_hand_for_headers_no_rule_knows(
    tmp_path: Path, con: duckdb.DuckDBPyConnection, no_refresh: list[object]
) -> None:
    path = tmp_path / "spend.csv"
    path.write_text("When,Who,Col A,Col B\n01/04/2024,Acme Ltd,100.00,\n02/04/2024,Beta Ltd,,40.00\n")
    mapping = {"paid_on": "When", "supplier": "Who", "amount": "Col A", "credit": "Col B"}
    [report] = ingest_file(con, path, "Test Council", "council", mapping=mapping)
    assert report.status == "loaded", report.error
    assert con.execute("select amount_gbp from payments order by amount_gbp").fetchall() == [
        (Decimal("-40.00"),),
        (Decimal("100.00"),),
    ]
