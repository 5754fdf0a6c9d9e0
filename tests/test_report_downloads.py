"""Downloads a finance officer can use: labelled headings, pence, percentages, the scope on the first sheet."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime

import polars as pl
from openpyxl import load_workbook

from anchorspend import downloads

ABOUT = downloads.About(
    "Anchors side by side",
    "2026-27 (to 30 Oct 2026)",
    "Dogger Vale: local = Fennmouth · all anchors · influenceable spend, =cmd",
    42,
    datetime(2026, 12, 6, 9, 30),
)
FRAME = pl.DataFrame(
    {
        "anchor": ["=HYPERLINK(\"http://evil\")", "Fennmouth City Council"],
        "total_spend": [48027737.449999996, -20.0],
        "local_share": [0.27638, 0.5],
        "payment_count": [1200, 3],
        "paid_on": [date(2026, 4, 1), date(2026, 10, 30)],
    }
)


def test_csv_has_its_scope_above_labelled_columns_in_pence_and_percent() -> None:
    text = downloads.people_csv(FRAME, ABOUT).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    about = [r for r in rows if r and r[0].startswith("#")]
    assert all(len(r) == 1 for r in about)  # one cell per line: a comma in the filters never splits it
    said = "\n".join(r[0] for r in about)
    assert "# Period: 2026-27 (to 30 Oct 2026)" in said and "# Store version: 42" in said
    assert "=cmd" in said and "# Filters: Dogger Vale" in said  # inside a '#' cell, never a cell of its own
    assert "Spend in scope:" in said  # the definition of each defined column
    header, first, second = rows[len(about)], rows[len(about) + 1], rows[len(about) + 2]
    assert header == ["Anchor", "Spend in scope (£)", "Local share (%)", "Payments", "Paid on"]
    assert first[0] == "'=HYPERLINK(\"http://evil\")"  # the formula guard is kept
    assert first[1] == "48027737.45" and second[1] == "-20.0"  # pence, no float noise; negative stays a number
    assert first[2] == "27.64" and second[2] == "50.0"  # a percentage, not a fraction
    assert first[3] == "1200" and first[4] == "2026-04-01"


def test_xlsx_has_an_about_sheet_then_the_table_with_number_formats() -> None:
    book = load_workbook(io.BytesIO(downloads.people_xlsx(FRAME, ABOUT)))
    assert book.sheetnames == ["About", "Anchors side by side"]
    about = {row[0].value: row[1].value for row in book["About"].iter_rows()}
    assert about["Period"] == "2026-27 (to 30 Oct 2026)" and about["Store version"] == "42"
    assert about["Filters"].endswith("=cmd") and book["About"]["B3"].data_type == "s"
    assert about["Local share"].startswith("Spend with suppliers located in the local tier")
    sheet = book["Anchors side by side"]
    assert [c.value for c in sheet[1]] == ["Anchor", "Spend in scope (£)", "Local share", "Payments", "Paid on"]
    money, share, count, day = sheet["B2"], sheet["C2"], sheet["D2"], sheet["E2"]
    assert money.value == 48027737.45 and money.data_type == "n" and "£" in money.number_format
    assert "0.00" in money.number_format  # pence shown
    assert share.value == 0.27638 and share.number_format == "0.0%"  # a real fraction Excel shows as 27.6%
    assert count.number_format == "#,##0" and day.number_format == "dd/mm/yyyy"
    assert sheet["A2"].value.startswith("'=") and sheet["A2"].data_type == "s"
    assert not any(c.data_type == "f" for s in book for row in s.iter_rows() for c in row)


def test_file_names_say_the_table_and_period() -> None:
    assert downloads.file_name("anchors", date(2026, 4, 1), date(2026, 10, 30), "csv") == (
        "anchors_2026-04-01_to_2026-10-30.csv"
    )
    assert downloads.file_name("supplier 3: payments/..", None, None, "xlsx") == "supplier-3-payments.xlsx"
