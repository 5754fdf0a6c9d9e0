"""PDF spend files: the four NHS London PDFs (SOURCES.md §7) and printed tables made here, read like any sheet."""

from __future__ import annotations

import hashlib
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

from anchorspend.files.pdf import MONEY
from anchorspend.ingest import ingest_file
from anchorspend.ingest.errors import IngestError
from anchorspend.ingest.parse import ParsedSheet, parse_file
from tests.pdf_helpers import HEADER, payments, scanned_pdf, spend_pdf

# SOURCES.md §7: pages, payment rows, exact total of the amount column, header pages after the first.
NHS_PDFS = {
    "home_2020-08.pdf": (1, 48, Decimal("8431386.63")),
    "ncl_2021-02.pdf": (4, 417, Decimal("211656548.19")),
    "neth_2020-10.pdf": (9, 335, Decimal("45245972.03")),
    "nwhi_2020-04.pdf": (7, 365, Decimal("57573253.22")),
}


# SOURCES.md §7: the dates as printed, read in the publisher's order (US month-first in home, ncl and neth's
# September rows; dd-Mon-yy in nwhi): rows on the days SOURCES counts, and the months every row falls in.
NHS_PDF_DAYS = {
    "home_2020-08.pdf": {"2020-08-01": 20},
    "ncl_2021-02.pdf": {"2021-02-28": 417},
    "neth_2020-10.pdf": {"2020-10-31": 301, "2020-09-30": 34},
    "nwhi_2020-04.pdf": {"2020-04-30": 345, "2020-03-31": 20},
}
NHS_PDF_MONTHS = {
    "home_2020-08.pdf": {"2020-08"},
    "ncl_2021-02.pdf": {"2021-02"},
    "neth_2020-10.pdf": {"2020-09", "2020-10"},
    "nwhi_2020-04.pdf": {"2020-03", "2020-04"},
}


def printed_amount(text: str) -> Decimal:
    """'(1,234.50)' -> -1234.50, written apart from the value parser under test."""
    negative = text.startswith("(") and text.endswith(")")
    value = Decimal(text.strip("()").replace(",", "").replace("£", ""))
    return -value if negative else value


def parse(path: Path) -> ParsedSheet:
    data = path.read_bytes()
    parsed = parse_file(path, data, hashlib.sha256(data).hexdigest())
    assert parsed.encoding == "pdf"
    assert len(parsed.sheets) == 1
    return parsed.sheets[0]


def amount_column(sheet: ParsedSheet) -> str:
    return sheet.layout.mapping["amount"]


@pytest.mark.parametrize("name", sorted(NHS_PDFS))
def test_nhs_pdf_reads_every_payment_with_no_mapping(name: str, reference: Path) -> None:
    pages, rows, total = NHS_PDFS[name]
    sheet = parse(reference / "spend" / "nhs_london" / name)
    assert sheet.rows_read == rows
    column = amount_column(sheet)
    amounts = sheet.source[column].to_list()
    assert all(text is not None and MONEY.match(text) for text in amounts), "one amount per row read"
    assert sum(printed_amount(text) for text in amounts) == total
    # Every printed payment loads: no repeated header or wrapped line became a row, and every date reads.
    assert sheet.rejected.is_empty(), sheet.rejected["reason"].to_list()
    days = Counter(str(day) for day in sheet.payments["paid_on"].to_list())
    assert {day: days[day] for day in NHS_PDF_DAYS[name]} == NHS_PDF_DAYS[name]
    assert all(day[:7] in NHS_PDF_MONTHS[name] for day in days), sorted(days)


def test_repeated_headers_are_counted_apart_from_payments(reference: Path) -> None:
    sheet = parse(reference / "spend" / "nhs_london" / "nwhi_2020-04.pdf")
    # Seven pages; the two-line header is printed again on pages 2 to 7.
    assert sheet.blank_rows == 6 * 2
    assert sheet.rejected.height == 0


def test_wrapped_cells_join_their_row(reference: Path) -> None:
    sheet = parse(reference / "spend" / "nhs_london" / "home_2020-08.pdf")
    entities = set(sheet.source[sheet.layout.mapping["entity"]].to_list())
    assert entities == {"Homerton University Hospital NHS FT"}  # printed over two lines in every row
    sheet = parse(reference / "spend" / "nhs_london" / "nwhi_2020-04.pdf")
    suppliers = sheet.source[sheet.layout.mapping["supplier"]].to_list()
    # The amount sits on the first printed line, the date a line lower and "TRUST" on a third.
    assert suppliers.count("GREAT ORMOND STREET HOSPITAL FOR CHILDREN NHS FOUNDATION TRUST") == 2


def test_page_number_printed_over_the_table_is_not_text(reference: Path) -> None:
    sheet = parse(reference / "spend" / "nhs_london" / "ncl_2021-02.pdf")
    suppliers = set(sheet.source[sheet.layout.mapping["supplier"]].to_list())
    assert "LONDON BOROUGH OF BARNET" in suppliers
    assert not any("BA2RNET" in name or name.endswith(" OF") for name in suppliers)


def test_dd_mon_yy_pdf_loads_whole(reference: Path, store_path: Path, no_refresh: list[object]) -> None:
    path = reference / "spend" / "nhs_london" / "nwhi_2020-04.pdf"
    report = ingest_file(store_path, path, "NHS Hillingdon CCG", "nhs")[0]
    assert report.status == "loaded", report.error
    assert (report.rows_read, report.rows_loaded, report.rows_rejected) == (365, 365, 0)
    assert report.amount_total == Decimal("57573253.22")
    assert report.encoding == "pdf"
    import duckdb

    with duckdb.connect(str(store_path), read_only=True) as con:
        days = dict(con.execute("select paid_on::varchar, count(*) from payments group by 1").fetchall())
    assert days == {"2020-04-30": 345, "2020-03-31": 20}


def test_printed_report_round_trips(tmp_path: Path) -> None:
    rows = payments(120)
    sheet = parse(spend_pdf(tmp_path / "report.pdf", rows))
    assert sheet.layout.columns == list(HEADER)
    assert sheet.rows_read == len(rows)
    assert sheet.rejected.height == 0
    assert sheet.blank_rows >= 1  # the header printed again on each later page
    got = sheet.payments
    assert got["supplier_raw"].to_list() == [p.supplier for p in rows]  # wrapped names joined back
    assert sheet.source["Invoice Description"].to_list() == [p.description for p in rows]
    assert [Decimal(str(v)) for v in got["amount_gbp"].to_list()] == [p.amount for p in rows]  # credits too
    assert got["paid_on"].to_list() == [p.paid_on for p in rows]


def test_scanned_pdf_is_refused_in_one_line(tmp_path: Path, store_path: Path) -> None:
    path = scanned_pdf(tmp_path / "scan.pdf")
    report = ingest_file(store_path, path, "Some CCG", "nhs")[0]
    assert report.status == "failed"
    assert "no text layer" in report.error and "\n" not in report.error


def test_pdf_without_a_payment_table_is_refused(tmp_path: Path) -> None:
    from weasyprint import HTML

    path = tmp_path / "letter.pdf"
    HTML(string="<p>Dear reader,</p><p>Our spend data is published as CSV from April.</p>").write_pdf(path)
    with pytest.raises(IngestError, match="no payment table"):
        parse(path)


def test_damaged_pdf_is_refused(tmp_path: Path, store_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 50)
    report = ingest_file(store_path, path, "Some CCG", "nhs")[0]
    assert report.status == "failed"
    assert "\n" not in report.error


def test_pdf_over_the_page_limit_is_refused_unread(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from anchorspend.files import pdf

    monkeypatch.setattr(pdf, "MAX_PAGES", 2)
    path = spend_pdf(tmp_path / "long.pdf", payments(120))  # more than two pages
    with pytest.raises(IngestError, match=r"long.pdf has \d pages, over the limit of 2 for a PDF"):
        parse(path)
