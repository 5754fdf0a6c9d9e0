"""Legacy Excel (.xls, Excel 97-2003) as councils still publish it, and the files their sites call .xls that are
a web page, Excel 2003 XML, a CSV or tab-separated text: each loads every payment as written or is refused in
one line, and the workbook limits hold for .xls too.

The payments are real lines of Manchester's March 2022 file (tests/spend_variants.py, read with the csv
module); the workbooks are written with xlwt, the writer of the .xls format (Excel dates are serial numbers
under a date format, as Excel stores them).
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
from collections import Counter
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest
import xlwt
from cli_process import run_cli

from anchorspend.files import limits
from anchorspend.files.sheets import read_table
from anchorspend.ingest import detect_layout, ingest_file
from tests.spend_variants import BASE_REDACTION, Row, base_rows, printable

pytestmark = pytest.mark.reference

DATE_FORMAT = xlwt.easyxf(num_format_str="dd/mm/yyyy")
MONEY_FORMAT = xlwt.easyxf(num_format_str="#,##0.00;[Red]-#,##0.00")
HEADER = ["Body Name", "Payment Date", "Transaction Number", "Net Amount", "Supplier Name", "Expense Type"]
Key = tuple[dt.date, Decimal, str | None]


@pytest.fixture(scope="module")
def rows(reference: Path) -> list[Row]:
    picked = base_rows(reference)
    assert sum(r.amount < 0 for r in picked) >= 10 and sum(r.redacted for r in picked) >= 5
    return picked


def words(text: str) -> str:
    return " ".join(text.split())


def expected(rows: list[Row], spaces: bool = True) -> Counter[Key]:
    """The payments as the real file has them (a web page shows a name's runs of spaces as one)."""
    return Counter((r.date, r.amount, (r.supplier if spaces else words(r.supplier)) or None) for r in rows)


def stored(con: duckdb.DuckDBPyConnection) -> Counter[Key]:
    found = con.execute("select paid_on, amount_gbp, supplier_raw, is_redacted from payments").fetchall()
    return Counter((day, amount, None if redacted else name) for day, amount, name, redacted in found)


def money_text(amount: Decimal) -> str:
    return f"-£{-amount:,.2f}" if amount < 0 else f"£{amount:,.2f}"


def write_rows(sheet: xlwt.Worksheet, top: int, rows: list[Row], typed: bool, left: int = 0) -> int:
    """The header at row index top and the rows below it: dates and amounts as numbers (typed) or as text."""
    for column, name in enumerate(HEADER):
        sheet.write(top, left + column, name)
    for index, row in enumerate(rows, top + 1):
        cells: list[object] = [row.body, None, row.ref, None, row.supplier or BASE_REDACTION, row.type]
        for column, value in enumerate(cells):
            if value is not None:
                sheet.write(index, left + column, value)
        if typed:
            # Every third date a bare serial day number, with no date format: the header says it is a date.
            serial = (row.date - dt.date(1899, 12, 30)).days
            if index % 3:
                sheet.write(index, left + 1, dt.datetime.combine(row.date, dt.time()), DATE_FORMAT)
            else:
                sheet.write(index, left + 1, serial)
            sheet.write(index, left + 3, float(row.amount), MONEY_FORMAT)
        else:
            sheet.write(index, left + 1, f"{row.date:%d/%m/%Y}")
            sheet.write(index, left + 3, money_text(row.amount))
    return top + 1 + len(rows)


def legacy_workbook(path: Path, rows: list[Row]) -> tuple[Path, int]:
    """A council's .xls: a title block above the header, two sheets of payments (numbers on the first, text
    on the second), a notes sheet, and one line whose date is 'TBC'. Returns the path and that line's row."""
    book = xlwt.Workbook(encoding="utf-8")
    half = len(rows) // 2
    first = book.add_sheet("March 2022 (1)")
    first.write(0, 0, "Manchester City Council")
    first.write(1, 0, "Payments over £500, March 2022 (figures exclude VAT)")
    end = write_rows(first, 3, rows[:half], typed=True)
    first.write(end, 0, "Manchester City Council")
    first.write(end, 1, "TBC")
    first.write(end, 3, 100.0)
    first.write(end, 4, "Acme Ltd")
    second = book.add_sheet("March 2022 (2)")
    write_rows(second, 0, rows[half:], typed=False)
    notes = book.add_sheet("Notes")
    notes.write(0, 0, "Payments to individuals are redacted.")
    book.save(str(path))
    return path, end + 1


def test_a_legacy_xls_loads_every_payment(
    rows: list[Row], tmp_path: Path, con: duckdb.DuckDBPyConnection, no_refresh: list[object]
) -> None:
    path, bad_row = legacy_workbook(tmp_path / "spend_march_2022.xls", rows)
    assert path.read_bytes()[:8] == bytes.fromhex("d0cf11e0a1b11ae1")  # a real BIFF file, not a renamed one
    [report] = ingest_file(con, path, "Manchester City Council", "council")
    assert report.status == "loaded", report.error
    assert report.encoding == "xls"
    assert (report.rows_loaded, report.rows_rejected) == (len(rows), 1)
    assert report.amount_total == sum(r.amount for r in rows)
    assert stored(con) == expected(rows)
    half = len(rows) // 2
    by_sheet = {s.sheet: (s.rows_loaded, s.rows_rejected, s.amount_total) for s in report.sheets}
    assert by_sheet == {
        "March 2022 (1)": (half, 1, sum(r.amount for r in rows[:half])),
        "March 2022 (2)": (len(rows) - half, 0, sum(r.amount for r in rows[half:])),
    }
    assert report.skipped_sheets and report.skipped_sheets[0].startswith("Notes:")
    # The rejected line is named by its spreadsheet row (the title block and header counted).
    assert [(r.sheet, r.row_number, r.reason) for r in report.rejections] == [
        ("March 2022 (1)", bad_row, "date not recognised: 'TBC'")
    ]
    assert ingest_file(con, path, "Manchester City Council", "council")[0].status == "already_loaded"


def test_row_numbers_count_from_the_sheet_top_when_it_starts_lower_down(
    rows: list[Row], tmp_path: Path, con: duckdb.DuckDBPyConnection, no_refresh: list[object]
) -> None:
    """The table starts at B5 under a title in B3: the reader skips the empty rows, the row numbers must not."""
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("Sheet1")
    sheet.write(2, 1, "Spend over £500")
    end = write_rows(sheet, 4, rows[:20], typed=True, left=1)
    sheet.write(end, 1, "Manchester City Council")
    sheet.write(end, 2, "31/02/2022")  # no such day
    sheet.write(end, 4, 50.0)
    sheet.write(end, 5, "Acme Ltd")
    path = tmp_path / "spend.xls"
    book.save(str(path))
    [report] = ingest_file(con, path, "Manchester City Council", "council")
    assert report.status == "loaded", report.error
    assert stored(con) == expected(rows[:20])
    assert [(r.row_number, r.reason) for r in report.rejections] == [(end + 1, "date not recognised: '31/02/2022'")]
    assert [layout.header_row for layout in detect_layout(path)] == [5]


def html_page(rows: list[Row]) -> str:
    """A council site's 'Excel export': a web page with a title table and the payments table, credits in
    brackets, names escaped as HTML."""
    head = "".join(f"<th>{html.escape(h)}</th>" for h in HEADER)
    body = "".join(
        "<tr>"
        + "".join(
            f"<td>{html.escape(str(v))}</td>"
            for v in (
                r.body,
                f"{r.date:%d/%m/%Y}",
                r.ref,
                f"({-r.amount:,.2f})" if r.amount < 0 else f"{r.amount:,.2f}",
                r.supplier or BASE_REDACTION,
                r.type,
            )
        )
        + "</tr>\n"
        for r in rows
    )
    return (
        '<html xmlns:x="urn:schemas-microsoft-com:office:excel"><head><meta charset="windows-1252">'
        "<style>td { mso-number-format: '\\@'; }</style><title>Spend</title></head><body>\n"
        '<table><tr><td colspan="6"><b>Payments over &pound;500</b><br>March 2022</td></tr></table>\n'
        f"<table border=1>\n<tr>{head}</tr>\n{body}</table></body></html>"
    )


def spreadsheet_xml(rows: list[Row]) -> str:
    """Excel 2003 XML (SpreadsheetML), as some finance systems export under .xls: two worksheets, typed cells,
    and cells skipped with ss:Index."""

    def row_xml(r: Row) -> str:
        return (
            f'<Row><Cell><Data ss:Type="String">{html.escape(r.body)}</Data></Cell>'
            f'<Cell><Data ss:Type="DateTime">{r.date.isoformat()}T00:00:00.000</Data></Cell>'
            f'<Cell ss:Index="4"><Data ss:Type="Number">{r.amount}</Data></Cell>'
            f'<Cell><Data ss:Type="String">{html.escape(r.supplier or BASE_REDACTION)}</Data></Cell></Row>\n'
        )

    header = "".join(f'<Cell><Data ss:Type="String">{h}</Data></Cell>' for h in HEADER[:5])
    half = len(rows) // 2
    sheets = "".join(
        f'<Worksheet ss:Name="{name}"><Table><Row>{header}</Row>\n{"".join(row_xml(r) for r in part)}</Table>'
        "</Worksheet>"
        for name, part in (("Part 1", rows[:half]), ("Part 2", rows[half:]))
    )
    return (
        '<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n'
        '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
        'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">\n'
        f"{sheets}</Workbook>"
    )


def delimited(rows: list[Row], delimiter: str) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(HEADER)
    for r in rows:
        writer.writerow([r.body, f"{r.date:%d/%m/%Y}", r.ref, f"{r.amount:,.2f}", r.supplier or BASE_REDACTION, r.type])
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("kind", "make", "encoding", "spaces"),
    [
        ("web page (cp1252)", html_page, "cp1252", False),
        ("Excel 2003 XML", spreadsheet_xml, "utf-8", True),
        ("CSV", lambda rows: delimited(rows, ","), "utf-8", True),
        ("Unicode text (UTF-16, tabs)", lambda rows: delimited(rows, "\t"), "utf-16", True),
    ],
)
def test_a_file_named_xls_that_is_not_one_is_read_as_what_it_is(
    kind: str,
    make,  # noqa: ANN001
    encoding: str,
    spaces: bool,
    rows: list[Row],
    tmp_path: Path,
    con: duckdb.DuckDBPyConnection,
    no_refresh: list[object],
) -> None:
    if encoding == "cp1252":  # the real file's C1 control characters, as the publisher meant them
        rows = printable(rows)
    path = tmp_path / "spend.xls"
    path.write_bytes(make(rows).encode(encoding))
    [report] = ingest_file(con, path, "Manchester City Council", "council")
    assert report.status == "loaded", f"{kind}: {report.error}"
    assert (report.rows_loaded, report.rows_rejected) == (len(rows), 0)
    assert report.amount_total == sum(r.amount for r in rows)
    assert stored(con) == expected(rows, spaces)


@pytest.mark.parametrize(
    ("name", "data", "said"),
    [
        (
            "junk.xls",
            bytes(range(256)) * 8,
            "could not open the workbook: it is damaged or not really .xls (neither a zip file nor a "
            "legacy .xls); save it again",
        ),
        (
            "page.xls",
            b"<!DOCTYPE html><html><body><p>This page has moved.</p></body></html>",
            "it is a web page, not a workbook, and holds no table: save the data as CSV or XLSX",
        ),
    ],
)
def test_a_file_named_xls_that_is_nothing_readable_is_refused_in_one_line(
    name: str, data: bytes, said: str, tmp_path: Path, store_path: Path
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    [report] = ingest_file(store_path, path, "Town", "council")
    assert (report.status, report.error) == ("failed", said)


def test_a_cut_short_xls_is_refused_in_one_line(rows: list[Row], tmp_path: Path, store_path: Path) -> None:
    whole, _ = legacy_workbook(tmp_path / "whole.xls", rows)
    path = tmp_path / "cut.xls"
    path.write_bytes(whole.read_bytes()[:3000])
    [report] = ingest_file(store_path, path, "Town", "council")
    assert report.status == "failed"
    assert report.error and "\n" not in report.error
    assert report.error.startswith("could not open the workbook: it is a damaged .xls")


def far_corner_xls(path: Path, sheets: int) -> Path:
    """A few KB of .xls whose every sheet holds a value at A1 and at IV65536, the format's last cell."""
    book = xlwt.Workbook()
    for number in range(sheets):
        sheet = book.add_sheet(f"S{number + 1}")
        sheet.write(0, 0, "Payment Date")
        sheet.write(65535, 255, "x")
    book.save(str(path))
    return path


def test_xls_sheets_whose_rectangles_add_up_past_the_limit_are_refused_unread(tmp_path: Path) -> None:
    """The .xls reader builds every sheet's rectangle when it opens the file (2 x 65,536 x 256 cells here,
    about 1 GB from a 6 KB file): refused from the file's records first, in one line, from the CLI too."""
    path = far_corner_xls(tmp_path / "corner.xls", sheets=2)
    assert path.stat().st_size < 10_000
    done = run_cli("ingest", path, "--anchor", "Town", "--kind", "council", "--db", tmp_path / "s.duckdb")
    assert done.returncode == 1, done.stderr
    cells = 2 * 65536 * 256
    assert (
        f"corner.xls: its sheets up to 'S2' span {cells:,} cells together, over the limit of "
        f"{limits.MAX_SHEET_CELLS:,} for a legacy .xls (read whole when opened): refused before reading"
    ) in done.stdout + done.stderr
    assert "Traceback" not in done.stderr


def test_the_column_limit_applies_to_an_xls_sheet(
    rows: list[Row], tmp_path: Path, store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, _ = legacy_workbook(tmp_path / "spend.xls", rows)
    monkeypatch.setattr(limits, "MAX_SHEET_COLUMNS", len(HEADER) - 1)
    [report] = ingest_file(store_path, path, "Town", "council")
    assert report.error == (
        f"sheet 'March 2022 (1)' has cells over {len(HEADER)} columns, over the limit of "
        f"{len(HEADER) - 1}: refused before reading"
    )


def test_an_xls_over_the_size_limit_is_refused_unread(tmp_path: Path, store_path: Path) -> None:
    path = tmp_path / "huge.xls"
    with path.open("wb") as handle:
        handle.write(bytes.fromhex("d0cf11e0a1b11ae1"))
        handle.truncate(limits.MAX_FILE_BYTES + 1)  # sparse: no disk used, nothing to read
    [report] = ingest_file(store_path, path, "Town", "council")
    assert report.error == "it is 2,147,483,649 bytes, over the limit of 2 GiB for one file"


def test_the_register_reader_reads_xls_and_web_pages_named_xls(rows: list[Row], tmp_path: Path) -> None:
    """read_table (registers, contracts, geography): the first sheet's header and rows, as text."""
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("Register")
    sheet.write(0, 0, "Name")
    sheet.write(0, 1, "Postcode")
    names = sorted({r.supplier for r in rows if r.supplier})[:10]
    for index, name in enumerate(names, 1):
        sheet.write(index, 0, name)
        sheet.write(index, 1, f"M{index} 1AA")
    book.save(str(tmp_path / "register.xls"))
    want = [[name, f"M{index} 1AA"] for index, name in enumerate(names, 1)]
    assert read_table(tmp_path / "register.xls") == (["Name", "Postcode"], want)
    page = "<table><tr><th>Name</th><th>Postcode</th></tr>" + "".join(
        f"<tr><td>{html.escape(name)}</td><td>M{index} 1AA</td></tr>" for index, name in enumerate(names, 1)
    )
    (tmp_path / "register_page.xls").write_text(page + "</table>", encoding="utf-8")
    assert read_table(tmp_path / "register_page.xls") == (["Name", "Postcode"], [[words(a), b] for a, b in want])


def test_a_web_page_named_xls_is_bounded_like_a_workbook(
    tmp_path: Path, store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Cells a colspan stands for count: a page of 'colspan=256' cells is refused, not spread out in memory."""
    monkeypatch.setattr(limits, "MAX_SHEET_CELLS", 1000)
    path = tmp_path / "wide.xls"
    path.write_text("<table>" + "<tr><td colspan='256'>x</td></tr>" * 4 + "</table>")
    [report] = ingest_file(store_path, path, "Town", "council")
    assert report.error == (
        "it is a web page, not a workbook, and its tables hold over 1,000 cells, or a row over 1,000 "
        "columns: refused"
    )
