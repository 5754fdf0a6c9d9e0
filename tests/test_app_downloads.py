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


# Every way a cell can start a formula (OWASP "CSV injection"), each in text and Enum columns, beside
# negative money that must stay a number.
RISKY = ["=1+1", "+1", "-1", "@SUM(A1)", "\t=cmd", "\r=cmd"]


def risky_frame() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "supplier": RISKY,
            "kind": pl.Series(RISKY, dtype=pl.Enum(RISKY)),
            "amount_gbp": pl.Series([Decimal("-20.50")] * 6, dtype=pl.Decimal(12, 2)),
            "payments": [-1, 0, 1, 2, 3, 4],
            "share": [-0.25] * 6,
        }
    )


def test_every_formula_start_is_inert_in_csv_and_numbers_are_untouched() -> None:
    rows = list(csv.reader(io.StringIO(downloads.to_csv(risky_frame()).decode("utf-8-sig"), newline="")))
    assert rows[0] == ["supplier", "kind", "amount_gbp", "payments", "share"]
    for row, value in zip(rows[1:], RISKY, strict=True):
        assert row[0] == row[1] == "'" + value  # text and Enum alike: an apostrophe first
        assert row[2:] == ["-20.50", row[3], "-0.25"] and not row[3].startswith("'")
    assert [r[3] for r in rows[1:]] == ["-1", "0", "1", "2", "3", "4"]


def test_every_formula_start_is_text_in_xlsx_and_negative_money_is_a_number() -> None:
    sheet = load_workbook(io.BytesIO(downloads.to_xlsx(risky_frame(), "payments"))).active
    cells = list(sheet.iter_rows(min_row=2))
    for row, value in zip(cells, RISKY, strict=True):
        for cell in row[:2]:
            assert cell.data_type == "s" and cell.value.startswith("'")
            assert cell.value[1:].replace("\n", "\r") == value.replace("\n", "\r")  # a CR reads back as LF
        assert (row[2].value, row[2].data_type) == (-20.5, "n")
        assert (row[4].value, row[4].data_type) == (-0.25, "n")
    assert [row[3].value for row in cells] == [-1, 0, 1, 2, 3, 4]
    assert all(row[3].data_type == "n" for row in cells)
    assert not any(c.data_type == "f" for row in sheet.iter_rows() for c in row)  # no formula anywhere


def test_xlsx_takes_any_table_name_and_control_characters() -> None:
    frame = pl.DataFrame({"supplier": ["Acme\x0b Ltd", "Beta\x00 CIC"], "amount_gbp": [1.0, 2.0]})
    book = load_workbook(io.BytesIO(downloads.to_xlsx(frame, "supplier 3: payments/anchors [2024]?")))
    assert book.active.title == "supplier 3_ payments_anchors _2"  # 31 characters at most
    assert [c.value for c in book.active["A"]][1:] == ["Acme Ltd", "Beta CIC"]
