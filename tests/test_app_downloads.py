"""Downloads: formula injection neutralised in CSV and XLSX, numbers kept as numbers."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal

import polars as pl
from openpyxl import load_workbook

from anchorspend import downloads

FRAME = pl.DataFrame(
    {
        "supplier": ['=HYPERLINK("http://evil")', "+44 123", "-minus", "@SUM(A1)", "Acme Ltd", None],
        "amount_gbp": [1.5, -20.0, 3.0, 4.0, 1234.56, 0.0],
        "paid_on": [date(2024, 4, 1)] * 6,
    }
)


def test_csv_prefixes_formula_text_and_keeps_numbers() -> None:
    text = downloads.to_csv(FRAME).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["supplier"] for r in rows] == [
        '\'=HYPERLINK("http://evil")',
        "'+44 123",
        "'-minus",
        "'@SUM(A1)",
        "Acme Ltd",
        "",
    ]
    assert [r["amount_gbp"] for r in rows] == [
        "1.5",
        "-20.0",
        "3.0",
        "4.0",
        "1234.56",
        "0.0",
    ]  # no apostrophe


def test_xlsx_stores_text_as_text_and_numbers_as_numbers() -> None:
    frame = FRAME.with_columns(pl.Series("exact", [Decimal("1.10")] * 6, dtype=pl.Decimal(18, 2)))
    sheet = load_workbook(io.BytesIO(downloads.to_xlsx(frame, "test", note="=note"))).active
    assert sheet["A1"].value == "'=note"
    assert [c.value for c in sheet[2]] == ["supplier", "amount_gbp", "paid_on", "exact"]
    first = sheet[3]
    assert first[0].value == '\'=HYPERLINK("http://evil")' and first[0].data_type == "s"
    assert first[1].value == 1.5 and first[1].data_type == "n"
    assert sheet["B4"].value == -20.0  # a negative number is a number, not text with an apostrophe
    assert first[3].value == 1.1


def test_nested_columns_are_written_as_text() -> None:
    frame = pl.DataFrame({"anchors": [["A", "B"]], "n": [1]})
    assert downloads.to_csv(frame).decode("utf-8-sig") == 'anchors,n\n"A, B",1\n'
    assert load_workbook(io.BytesIO(downloads.to_xlsx(frame))).active["A2"].value == "A, B"
