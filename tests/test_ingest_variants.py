"""Real rows written the way other publishers write them: each variant loads every payment right or rejects
it with a reason, and nothing is stored silently wrong (a date in the wrong order, a credit as a debit, a
footer total as a payment, a redaction label as a supplier).

The truth is the real file read with the csv module (tests/spend_variants.py); the product never computes it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from collections import Counter
from decimal import Decimal
from pathlib import Path

import polars as pl
import pytest

from anchorspend import db
from anchorspend.ingest import ingest_file
from anchorspend.ingest.parse import ParsedFile, parse_file
from tests.spend_variants import (
    Row,
    Style,
    all_lines,
    base_rows,
    csv_bytes,
    ods_file,
    pdf_file,
    printable,
    xlsx_file,
)

pytestmark = pytest.mark.reference


@pytest.fixture(scope="module")
def rows(reference: Path) -> list[Row]:
    picked = base_rows(reference)
    assert any(r.amount < 0 for r in picked) and any(r.redacted for r in picked)
    assert any(r.date.day > 12 for r in picked) and any(r.date.day <= 12 for r in picked)
    return picked


def parse(path: Path) -> ParsedFile:
    data = path.read_bytes()
    return parse_file(path, data, hashlib.sha256(data).hexdigest())


def payments(parsed: ParsedFile) -> pl.DataFrame:
    return pl.concat([sheet.payments for sheet in parsed.sheets])


def words(name: str | None) -> str | None:
    """A payee as its words: a printout shows 'Premier Care  Ltd' with one space, and that is no error."""
    return " ".join(name.split()) if name else None


def expected(rows: list[Row]) -> Counter[tuple[dt.date, Decimal, str | None]]:
    return Counter((r.date, r.amount, words(r.supplier)) for r in rows)


def loaded(parsed: ParsedFile) -> Counter[tuple[dt.date, Decimal, str | None]]:
    frame = payments(parsed)
    return Counter(
        (day, amount, None if redacted else words(supplier))
        for day, amount, supplier, redacted in frame.select(
            "paid_on", "amount_gbp", "supplier_raw", "is_redacted"
        ).iter_rows()
    )


def assert_exact(parsed: ParsedFile, rows: list[Row], not_payments: int = 0) -> None:
    """Every real row loaded as written, nothing else loaded, and each other line counted apart with a reason."""
    got = loaded(parsed)
    want = expected(rows)
    assert got - want == Counter(), f"loaded but not in the file: {list((got - want).items())[:5]}"
    assert want - got == Counter(), f"in the file but not loaded: {list((want - got).items())[:5]}"
    assert sum(payments(parsed)["amount_gbp"]) == sum(r.amount for r in rows)
    others = sum(s.summary_rows + s.rejected.height for s in parsed.sheets)
    assert others == not_payments
    for sheet in parsed.sheets:
        assert sheet.rejected["reason"].null_count() == 0


def write_csv(tmp_path: Path, data: bytes, name: str = "spend.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# ---------------------------------------------------------------- header spellings and word orders

HEADER_SETS = {
    "council": {"date": "Payment Date", "amount": "Amount (£)", "supplier": "Supplier Name"},
    "vendor": {"date": "Date Paid", "amount": "Net Amount", "supplier": "Vendor"},
    "payee": {"date": "Transaction Date", "amount": "Value excl VAT", "supplier": "Payee"},
    "beneficiary": {"date": "Posting Date", "amount": "Total", "supplier": "Beneficiary"},
    "merchant": {"date": "Date", "amount": "Amount", "supplier": "Merchant Name"},
    "ex_vat": {"date": "Paid Date", "amount": "Amount ex VAT", "supplier": "Supplier"},
    "net_of_vat": {"date": "Date of Payment", "amount": "Amount Net of VAT (£)", "supplier": "Payee Name"},
    "excl": {"date": "Payment Date", "amount": "Net Amount excl. VAT", "supplier": "Name of Supplier"},
    "creditor": {"date": "Cleared Date", "amount": "Invoice Amount", "supplier": "Creditor Name"},
    "recipient": {"date": "Date Paid", "amount": "Spend £", "supplier": "Recipient"},
    "lower": {"date": "payment_date", "amount": "amount_gbp", "supplier": "supplier_name"},
    "upper": {"date": "PAYMENT DATE", "amount": "NET AMOUNT (GBP)", "supplier": "SUPPLIER NAME"},
}
ORDERS = {
    "lgtc": ("body", "area", "type", "date", "ref", "amount", "supplier"),
    "supplier_first": ("supplier", "amount", "date", "ref", "type", "area", "body"),
    "amount_before_date": ("ref", "body", "supplier", "type", "area", "amount", "date"),
}


@pytest.mark.parametrize("spelling", sorted(HEADER_SETS))
@pytest.mark.parametrize("order", sorted(ORDERS))
def test_header_spellings_and_column_orders(spelling: str, order: str, rows: list[Row], tmp_path: Path) -> None:
    style = Style(order=ORDERS[order])
    style.headers.update(HEADER_SETS[spelling])
    style.headers.update({"area": "Cost Centre", "type": "Expense Type", "ref": "Document No"})
    assert_exact(parse(write_csv(tmp_path, csv_bytes(rows, style))), rows)


# ---------------------------------------------------------------- date forms, either order

DATE_FORMS = {
    "dd/mm/yyyy": lambda d: d.strftime("%d/%m/%Y"),
    "d/m/yyyy": lambda d: f"{d.day}/{d.month}/{d.year}",
    "mm/dd/yyyy (US)": lambda d: d.strftime("%m/%d/%Y"),
    "m/d/yyyy (US)": lambda d: f"{d.month}/{d.day}/{d.year}",
    "m/d/yy (US)": lambda d: f"{d.month}/{d.day}/{d:%y}",
    "iso": lambda d: d.isoformat(),
    "iso datetime": lambda d: f"{d.isoformat()}T00:00:00",
    "iso datetime Z": lambda d: f"{d.isoformat()}T00:00:00Z",
    "dd/mm/yyyy hh:mm": lambda d: d.strftime("%d/%m/%Y 00:00"),
    "dd/mm/yyyy hh:mm:ss": lambda d: d.strftime("%d/%m/%Y 00:00:00"),
    "dd-Mon-yy": lambda d: d.strftime("%d-%b-%y"),
    "dd-MON-yyyy": lambda d: d.strftime("%d-%b-%Y").upper(),
    "d Month yyyy": lambda d: f"{d.day} {d:%B %Y}",
    "dd.mm.yyyy": lambda d: d.strftime("%d.%m.%Y"),
    "dd-mm-yyyy": lambda d: d.strftime("%d-%m-%Y"),
    "dd/mm/yy": lambda d: d.strftime("%d/%m/%y"),
    "yyyy/mm/dd": lambda d: d.strftime("%Y/%m/%d"),
    "yyyymmdd": lambda d: d.strftime("%Y%m%d"),
    "Mon d, yyyy": lambda d: f"{d:%b} {d.day}, {d.year}",
    "Month dd yyyy": lambda d: d.strftime("%B %d %Y"),
    "excel serial": lambda d: str((d - dt.date(1899, 12, 30)).days),
    "dd Mon yyyy": lambda d: d.strftime("%d %b %Y"),
    "Weekday dd Month yyyy": lambda d: d.strftime("%A %d %B %Y"),
    "dd-Mon": lambda d: d.strftime("%d-%b-%Y"),
}


@pytest.mark.parametrize("form", list(DATE_FORMS))
def test_date_forms(form: str, rows: list[Row], tmp_path: Path) -> None:
    style = Style(date=DATE_FORMS[form])
    assert_exact(parse(write_csv(tmp_path, csv_bytes(rows, style))), rows)


# ---------------------------------------------------------------- money forms, credits every way


def _money(a: Decimal) -> str:
    return f"{abs(a):,.2f}"


AMOUNT_FORMS = {
    "plain": lambda a: f"{a:.2f}",
    "£ and separators": lambda a: f"-£{_money(a)}" if a < 0 else f"£{_money(a)}",
    "£ after the sign": lambda a: f"£-{_money(a)}" if a < 0 else f"£{_money(a)}",
    "brackets": lambda a: f"({_money(a)})" if a < 0 else _money(a),
    "brackets with £ inside": lambda a: f"(£{_money(a)})" if a < 0 else f"£{_money(a)}",
    "brackets with £ outside": lambda a: f"£({_money(a)})" if a < 0 else f"£{_money(a)}",
    "trailing minus": lambda a: f"{_money(a)}-" if a < 0 else _money(a),
    "CR suffix": lambda a: f"{_money(a)} CR" if a < 0 else _money(a),
    "CR suffix, DR for debits": lambda a: f"{_money(a)} CR" if a < 0 else f"{_money(a)} DR",
    "CR glued": lambda a: f"{_money(a)}CR" if a < 0 else _money(a),
    "unicode minus": lambda a: f"\u2212{_money(a)}" if a < 0 else _money(a),
    "GBP prefix": lambda a: f"GBP {a:.2f}",
    "trailing space": lambda a: f"{a:,.2f} ",
    "no pence when whole": lambda a: f"{a:f}".rstrip("0").rstrip("."),
    "space before minus": lambda a: f"- {_money(a)}" if a < 0 else _money(a),
}


@pytest.mark.parametrize("form", list(AMOUNT_FORMS))
def test_amount_forms(form: str, rows: list[Row], tmp_path: Path) -> None:
    style = Style(amount=AMOUNT_FORMS[form])
    assert_exact(parse(write_csv(tmp_path, csv_bytes(rows, style))), rows)


# ---------------------------------------------------------------- redaction habits

REDACTIONS = [
    "REDACTED",
    "Redacted",
    "Personal Information",
    "Personal Data",
    "Withheld",
    "*****",
    "XXXXXXXX",
    "Name withheld - personal data",
    "Personal data - redacted",
    "Redacted under Section 40",
    "Individual",
    "Private Individual",
    "Data Protection Act",
    "Not disclosed",
    "Name Redacted",
    "Supplier name redacted",
    "Redacted - GDPR",
    "GDPR",
    "Personal Details Removed",
    "Confidential",
    "",
    "-",
    "N/A",
]


@pytest.mark.parametrize("label", REDACTIONS)
def test_redaction_habits(label: str, rows: list[Row], tmp_path: Path) -> None:
    style = Style(redaction=label)
    assert_exact(parse(write_csv(tmp_path, csv_bytes(rows, style))), rows)


# ---------------------------------------------------------------- lines above the header and below the data

TITLE = [["Manchester City Council"], ["Payments over £500 - March 2022"], ["Published 14/04/2022"], []]
NOTES = [
    ["Note: amounts exclude recoverable VAT. Payments to individuals are redacted under the Data Protection Act."],
    ["Supplier names are as held in the finance system; date is the date paid."],
]


def _total(rows: list[Row]) -> str:
    return f"{sum(r.amount for r in rows):.2f}"


def _footers(rows: list[Row], kind: str) -> list[list[str]]:
    width = 7
    if kind == "total labelled":
        return [["", "", "", "", "", _total(rows), "Total"]]
    if kind == "grand total in first column":
        return [["Grand Total", "", "", "", "", _total(rows), ""]]
    if kind == "total with a date":  # a totals line dated the month end, the label where the payee goes
        return [["", "", "", "31/03/2022", "", _total(rows), "TOTAL"]]
    if kind == "lone amount":
        return [[""] * 5 + [_total(rows), ""]]
    if kind == "notes after data":
        return [[""] * width, *[[line[0]] + [""] * (width - 1) for line in NOTES]]
    if kind == "total then notes":
        return [["Total", "", "", "", "", _total(rows), ""], [""] * width, [NOTES[0][0]] + [""] * (width - 1)]
    if kind == "end of report":
        return [["*** End of Report ***"] + [""] * (width - 1)]
    raise AssertionError(kind)


FOOTERS = [
    "total labelled",
    "grand total in first column",
    "total with a date",
    "lone amount",
    "notes after data",
    "total then notes",
    "end of report",
]


@pytest.mark.parametrize("footer", FOOTERS)
@pytest.mark.parametrize("preamble", ["none", "title", "title and notes"])
def test_preambles_footers_and_blank_lines(footer: str, preamble: str, rows: list[Row], tmp_path: Path) -> None:
    above = {"none": [], "title": TITLE, "title and notes": TITLE + NOTES + [[]]}[preamble]
    below = _footers(rows, footer)
    style = Style(preamble=above, footer=below, blank_every=40)
    parsed = parse(write_csv(tmp_path, csv_bytes(rows, style)))
    not_payments = sum(1 for line in below if any(cell for cell in line))
    assert_exact(parsed, rows, not_payments)
    assert sum(s.blank_rows for s in parsed.sheets) == len(rows) // 40 + sum(1 for line in below if not any(line))


# ---------------------------------------------------------------- encodings and delimiters


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "utf-16"])
@pytest.mark.parametrize("delimiter", [",", "\t", ";", "|"])
def test_encodings_and_delimiters(encoding: str, delimiter: str, rows: list[Row], tmp_path: Path) -> None:
    if encoding == "cp1252":  # the real file holds U+0092 where its publisher meant cp1252's ’; write that
        rows = printable(rows)
    style = Style(amount=AMOUNT_FORMS["£ and separators"], preamble=[["Payments over £500"]])
    assert_exact(parse(write_csv(tmp_path, csv_bytes(rows, style, delimiter, encoding))), rows)


def test_lone_cr_line_ends_and_quoted_line_breaks(rows: list[Row], tmp_path: Path) -> None:
    style = Style(extra={"Description": lambda r: f"{r.type}\nline two, with a comma"})
    assert_exact(parse(write_csv(tmp_path, csv_bytes(rows, style, newline="\r"))), rows)


# ---------------------------------------------------------------- workbooks: XLSX and ODS


def _typed(rows: list[Row], date_as: str) -> Style:
    """Cells as a workbook holds them: numbers as numbers, dates as dates, text dates or serial numbers."""
    date = {
        "date cells": lambda d: dt.datetime(d.year, d.month, d.day),
        "text dates": lambda d: d.strftime("%d/%m/%Y"),
        "serial numbers": lambda d: (d - dt.date(1899, 12, 30)).days,
        "US text dates": lambda d: d.strftime("%m/%d/%Y"),
    }[date_as]
    return Style(date=date, amount=float, redaction="Redacted")


@pytest.mark.parametrize("date_as", ["date cells", "text dates", "serial numbers", "US text dates"])
def test_xlsx_dates_and_number_cells(date_as: str, rows: list[Row], tmp_path: Path) -> None:
    style = _typed(rows, date_as)
    path = xlsx_file(
        tmp_path / "spend.xlsx",
        [("Payments", all_lines(rows, style))],
        formats={"D": "dd/mm/yyyy", "F": "#,##0.00_ ;[Red]\\-#,##0.00\\ "},
    )
    assert_exact(parse(path), rows)


def test_xlsx_notes_sheet_title_block_merged_header_and_totals(rows: list[Row], tmp_path: Path) -> None:
    style = _typed(rows, "date cells")
    title = ["Payments over £500 - March 2022"]
    style.preamble = [title, ["Manchester City Council"], [], ["Payment", None, None, "When"]]
    style.footer = [[], [None, None, None, None, "Total", float(_total(rows)), None]]
    notes = [["About this data"], ["Payments to individuals are redacted."], ["Contact: transparency@example.gov.uk"]]
    lookup = [["Code", "Service Area"], ["A1", "Manchester Leisure"], ["B2", "Chief Executives"]]
    path = xlsx_file(
        tmp_path / "spend.xlsx",
        [("Notes", notes), ("Payments", all_lines(rows, style)), ("Lookups", lookup)],
        merges={"Payments": ["A1:G1", "A2:G2", "A4:C4", "D4:G4"], "Notes": ["A1:D1"]},
    )
    parsed = parse(path)
    assert [s.name for s in parsed.sheets] == ["Payments"]
    assert_exact(parsed, rows, not_payments=1)


def test_xlsx_one_sheet_a_month(rows: list[Row], tmp_path: Path) -> None:
    first = [r for r in rows if r.date.day <= 15]
    second = [r for r in rows if r.date.day > 15]
    style = _typed(rows, "date cells")
    path = xlsx_file(
        tmp_path / "spend.xlsx",
        [("1-15 March", all_lines(first, style)), ("16-31 March", all_lines(second, style)), ("Sheet3", [])],
    )
    assert_exact(parse(path), rows)


@pytest.mark.parametrize("date_as", ["date cells", "text dates"])
def test_ods_workbook(date_as: str, rows: list[Row], tmp_path: Path) -> None:
    style = _typed(rows, date_as)
    style.preamble = [["Payments over £500"]]
    path = ods_file(tmp_path / "spend.ods", [("Notes", [["About this data"]]), ("Payments", all_lines(rows, style))])
    assert_exact(parse(path), rows)


# ---------------------------------------------------------------- names that look like labels but are payees

LOOKALIKES = [
    "Total Gas & Power Ltd",
    "TOTAL UK LIMITED",
    "Personal Touch Care Ltd",
    "Data Protection Services Ltd",
    "Redactive Publishing Limited",
    "Private Healthcare UK",
    "Individual Solutions SW Ltd",
    "XX Architects",
    "Confidential Shredding Co",
    "Sum Up Payments Ltd",
]


def test_payees_named_like_labels_stay_payees(rows: list[Row], tmp_path: Path) -> None:
    # Each lookalike takes the place of a real payee, after at least two other rows, so that only the words
    # of its name (never its position or its amount) could make it a totals line or a redaction.
    named = [
        dataclasses.replace(r, supplier=LOOKALIKES[i % len(LOOKALIKES)]) if i % 9 == 2 else r
        for i, r in enumerate(rows)
    ]
    assert_exact(parse(write_csv(tmp_path, csv_bytes(named, Style()))), named)


# ---------------------------------------------------------------- one file carrying several bodies


def test_one_file_several_bodies_each_with_its_title_and_header(rows: list[Row], tmp_path: Path) -> None:
    # A combined authority's file: each body's block has its own title and header, and the second body's
    # system writes its columns in another order (the reference number where the first writes the amount).
    half = len(rows) // 2
    first, second = rows[:half], rows[half:]
    style_a = Style(preamble=[["Greater Example Combined Authority"], ["Payments over £500"]])
    style_b = Style(
        order=("body", "area", "type", "date", "amount", "ref", "supplier"),
        preamble=[[], ["Example Fire and Rescue Service"], ["Payments over £500"]],
        date=DATE_FORMS["dd-Mon-yy"],
    )
    style_b.headers.update({"date": "Date Paid", "amount": "Amount £", "supplier": "Payee"})
    data = csv_bytes(first, style_a) + csv_bytes(second, style_b)
    parsed = parse(write_csv(tmp_path, data))
    assert_exact(parsed, rows, not_payments=3)  # the second block's title lines and its header


def test_a_header_repeated_down_the_file_is_not_a_rejection(rows: list[Row], tmp_path: Path) -> None:
    chunks = [rows[i : i + 50] for i in range(0, len(rows), 50)]
    data = b"".join(csv_bytes(chunk, Style()) for chunk in chunks)  # every chunk starts with the header again
    parsed = parse(write_csv(tmp_path, data))
    assert_exact(parsed, rows, not_payments=len(chunks) - 1)
    assert all(sheet.rejected.is_empty() for sheet in parsed.sheets)  # counted as headers, not as bad rows


# ---------------------------------------------------------------- PDF reports

PDF_STYLES = {
    "lgtc, brackets for credits": (
        {},
        DATE_FORMS["dd/mm/yyyy"],
        AMOUNT_FORMS["brackets"],
    ),
    "US dates, vendor, trailing minus": (
        {"date": "Date Paid", "supplier": "Vendor", "amount": "Amount £"},
        DATE_FORMS["m/d/yyyy (US)"],
        AMOUNT_FORMS["trailing minus"],
    ),
}


@pytest.mark.parametrize("name", list(PDF_STYLES))
def test_pdf_reports(name: str, rows: list[Row], tmp_path: Path) -> None:
    headers, date, amount = PDF_STYLES[name]
    style = Style(
        order=("date", "type", "supplier", "ref", "amount", "area"), date=date, amount=amount, redaction="REDACTED"
    )
    style.headers.update(headers)
    rows = printable(rows)  # a printout shows ’ where the file holds the control character U+0092
    assert_exact(parse(pdf_file(tmp_path / "spend.pdf", rows, style)), rows)


# ---------------------------------------------------------------- competing columns


def test_the_payment_date_beats_an_invoice_date_to_its_left(rows: list[Row], tmp_path: Path) -> None:
    # Neither header is a known spelling; the invoice date comes first. The date paid is the payment's date.
    style = Style(extra={})
    style.headers.update({"date": "Posting Date", "amount": "Line Amount", "supplier": "Trading Name"})
    style.order = ("body", "ref", "supplier", "date", "amount", "area", "type")
    data = csv_bytes(rows, style).decode().splitlines()
    invoice = ["Invoice Date"] + [(r.date - dt.timedelta(days=21)).strftime("%d/%m/%Y") for r in rows]
    text = "\r\n".join(f"{inv},{line}" for inv, line in zip(invoice, data, strict=True)) + "\r\n"
    assert_exact(parse(write_csv(tmp_path, text.encode())), rows)


def test_gross_vat_and_net_columns_take_the_net_one(rows: list[Row], tmp_path: Path) -> None:
    # Gross first, then VAT, then the net amount under a header that names VAT only to exclude it.
    style = Style(extra={})
    style.headers.update({"amount": "Value excl VAT"})
    style.order = ("date", "supplier", "ref", "area", "type", "body", "amount")
    data = csv_bytes(rows, style).decode().splitlines()
    gross = ["Gross Value,VAT Value"] + [
        f"{r.amount * Decimal('1.2'):.2f},{r.amount * Decimal('0.2'):.2f}" for r in rows
    ]
    text = "\r\n".join(f"{g},{line}" for g, line in zip(gross, data, strict=True)) + "\r\n"
    assert_exact(parse(write_csv(tmp_path, text.encode())), rows)


def test_an_excel_separator_hint_line_is_not_the_header(rows: list[Row], tmp_path: Path) -> None:
    data = b"sep=;\r\n" + csv_bytes(rows, Style(amount=AMOUNT_FORMS["£ and separators"]), delimiter=";")
    assert_exact(parse(write_csv(tmp_path, data)), rows)


@pytest.mark.parametrize(
    ("header", "form"),
    [("Payment Date (MM/DD/YYYY)", "mm/dd/yyyy (US)"), ("Date Paid dd/mm/yyyy", "dd/mm/yyyy")],
)
def test_a_date_format_in_the_header_decides_dates_that_read_both_ways(
    header: str, form: str, rows: list[Row], tmp_path: Path
) -> None:
    early = [r for r in rows if r.date.day <= 12]  # every date reads as a date in either order
    style = Style(date=DATE_FORMS[form])
    style.headers["date"] = header
    parsed = parse(write_csv(tmp_path, csv_bytes(early, style)))
    assert_exact(parsed, early)
    assert not any("read the same day-first or month-first" in w for s in parsed.sheets for w in s.warnings)


# ---------------------------------------------------------------- a month instead of a date


@pytest.mark.parametrize(
    ("header", "form"),
    [("Payment Month", "%b-%y"), ("Month", "%B %Y"), ("Period", "%Y-%m"), ("Month Paid", "%m/%Y")],
)
def test_a_month_without_a_day_dates_payments_to_its_first_day(
    header: str, form: str, rows: list[Row], tmp_path: Path
) -> None:
    style = Style(date=lambda d: d.strftime(form))
    style.headers["date"] = header
    parsed = parse(write_csv(tmp_path, csv_bytes(rows, style)))
    first_days = [dataclasses.replace(r, date=r.date.replace(day=1)) for r in rows]
    assert_exact(parsed, first_days)
    assert payments(parsed)["is_date_derived"].all()  # said to be derived, never passed off as the day paid


def test_a_month_column_beside_a_dated_one_leaves_the_day(rows: list[Row], tmp_path: Path) -> None:
    style = Style(extra={"Month": lambda r: r.date.strftime("%b-%y")})
    style.headers["date"] = "Clearing Date"
    parsed = parse(write_csv(tmp_path, csv_bytes(rows, style)))
    assert_exact(parsed, rows)
    assert not payments(parsed)["is_date_derived"].any()


def test_a_file_without_a_header_loads_every_row(rows: list[Row], tmp_path: Path) -> None:
    # Some exports carry no header line at all: the first line is a payment like the rest, never a header.
    data = csv_bytes(rows, Style(amount=AMOUNT_FORMS["£ and separators"])).split(b"\r\n", 1)[1]
    assert_exact(parse(write_csv(tmp_path, data)), rows)


# ---------------------------------------------------------------- end to end: stored, refreshed, checked in the store


def test_a_hostile_mix_is_stored_right_through_the_pipeline(rows: list[Row], store_path: Path, tmp_path: Path) -> None:
    """Several habits at once, loaded into a store with the real refresh: every payment as written, every
    redacted one without a supplier, and the totals lines and the second header stored as nothing."""
    labels = [label for label in REDACTIONS if label][:12]
    half = len(rows) // 2
    style_a = Style(date=DATE_FORMS["m/d/yyyy (US)"], amount=AMOUNT_FORMS["brackets with £ outside"], redactions=labels)
    style_b = Style(
        order=("supplier", "amount", "ref", "date", "type", "area", "body"),
        date=DATE_FORMS["dd-Mon-yy"],
        amount=AMOUNT_FORMS["CR suffix"],
        preamble=[[], ["Second body"]],
        footer=[["Total", _total(rows[half:]), "", "31-Mar-22", "", "", ""]],
    )
    style_b.headers.update({"supplier": "Beneficiary", "amount": "Value excl VAT", "date": "Posting Date"})
    data = csv_bytes(rows[:half], style_a) + csv_bytes(rows[half:], style_b)
    path = write_csv(tmp_path, data)
    report = ingest_file(store_path, path, "Example Combined Authority", "council")[0]
    assert report.status == "loaded", report.error
    # Not payments: the second body's title (the first table's last line), its header, and its dated total.
    assert (report.rows_loaded, report.summary_rows, report.rows_rejected) == (len(rows), 3, 0)
    assert any("starts another table with its own header" in warning for warning in report.warnings)
    with db.connect(store_path, read_only=True) as con:
        stored = con.execute(
            "select count(*), sum(amount_gbp), count(*) filter (where is_redacted) from payments"
        ).fetchone()
        suppliers_of_redacted = con.execute(
            "select count(*) from payments p join supplier_aliases a using (alias_id) "
            "where p.is_redacted and a.supplier_id is not null"
        ).fetchone()
        names = {row[0] for row in con.execute("select name from suppliers").fetchall()}
    assert stored == (len(rows), sum(r.amount for r in rows), sum(r.redacted for r in rows))
    assert suppliers_of_redacted == (0,)
    assert not names & set(labels)


def test_payments_written_as_negative_numbers_are_loaded_as_written_and_warned(rows: list[Row], tmp_path: Path) -> None:
    # A ledger export that writes what was paid out as negative numbers: stored as written (the file says so),
    # and said aloud, since every total would otherwise come out below zero unnoticed.
    flipped = [dataclasses.replace(r, amount=-r.amount) for r in rows]
    parsed = parse(write_csv(tmp_path, csv_bytes(flipped, Style())))
    assert_exact(parsed, flipped)
    assert any("amounts are negative" in w for s in parsed.sheets for w in s.warnings)
    plain = parse(write_csv(tmp_path, csv_bytes(rows, Style()), "plain.csv"))
    assert not any("amounts are negative" in w for s in plain.sheets for w in s.warnings)


def test_a_european_locale_export_with_decimal_commas(rows: list[Row], tmp_path: Path) -> None:
    # Excel in a European locale: semicolons between fields, points between thousands, a comma before pence.
    def european(amount: Decimal) -> str:
        return f"{amount:,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")

    data = csv_bytes(rows, Style(amount=european), delimiter=";")
    assert b"1.936.023,42" in data  # the £1.9m payment to The Manchester College, as such a file writes it
    assert_exact(parse(write_csv(tmp_path, data)), rows)


def test_ods_rows_are_numbered_as_the_spreadsheet_shows_them(rows: list[Row], tmp_path: Path) -> None:
    # Two empty rows above the header: a rejection must name the row a person would look at.
    style = _typed(rows[:20], "text dates")
    lines = [[], [], *all_lines(rows[:20], style)]
    lines[5][3] = "not a date"  # the third payment, on spreadsheet row 6
    path = ods_file(tmp_path / "spend.ods", [("Payments", lines)])
    [sheet] = parse(path).sheets
    assert sheet.rejected.select("row_number", "reason").rows() == [(6, "date not recognised: 'not a date'")]
