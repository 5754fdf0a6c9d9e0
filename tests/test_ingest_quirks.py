"""One published-file quirk per test, on tiny hand-made files in tests/files (figures worked out by hand)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import duckdb
import polars as pl
import pytest

from anchorspend import db
from anchorspend.files.errors import FileRefused
from anchorspend.files.text import to_utf8
from anchorspend.ingest import detect_layout, ingest_file

FILES = Path(__file__).resolve().parent / "files"
pytestmark = pytest.mark.usefixtures("no_refresh")


def rows(con: duckdb.DuckDBPyConnection, sql: str, **params: object) -> list[tuple]:
    return con.execute(sql, params).fetchall()


def test_cp1252_junk_rows_spacers_blank_rows_and_rejections(con: duckdb.DuckDBPyConnection) -> None:
    [report] = ingest_file(con, FILES / "cp1252_junk_spacers.csv", "Hyndburn", "council")
    assert report.status == "loaded" and report.encoding == "cp1252"
    # Header on row 4 under two junk rows and a blank one; data rows 5..11 with blanks at 6 and 10.
    assert (report.rows_read, report.rows_loaded, report.rows_rejected, report.blank_rows) == (5, 3, 2, 2)
    assert report.amount_total == Decimal("934.51")  # 1234.50 - 200.00 - 99.99
    assert report.amount_basis == "unknown"  # 'Amount Paid' does not say net or gross
    loaded = rows(
        con,
        "select row_number, paid_on, amount_gbp, supplier_raw, description, is_redacted "
        "from payments order by row_number",
    )
    assert loaded == [
        (5, dt.date(2024, 4, 3), Decimal("1234.50"), "ACME LTD", "Café supplies", False),
        (7, dt.date(2024, 4, 4), Decimal("-200.00"), "BETA – SERVICES", "Refund", False),
        (8, dt.date(2024, 4, 26), Decimal("-99.99"), "REDACTED - Personal Information", "Care", True),
    ]
    rejected = rows(con, "select row_number, reason, raw_text from rejected_rows order by row_number")
    assert rejected == [
        (9, "date not recognised: 'not a date'", "GAMMA LTD,not a date,10.00,Bad date"),
        (11, "amount not a number (or too large): 'n/a'", "DELTA LTD,05/04/24,n/a,No amount"),
    ]
    assert [r.row_number for r in report.rejections] == [9, 11]


def test_double_bom_ragged_rows_quoted_line_break_mixed_line_endings(con: duckdb.DuckDBPyConnection) -> None:
    [report] = ingest_file(con, FILES / "double_bom_ragged_mixed_eol.csv", "Town", "council")
    assert (report.rows_read, report.rows_loaded, report.rows_rejected, report.blank_rows) == (4, 4, 0, 0)
    assert report.amount_total == Decimal("1075.50")  # 100 + 1000 - 50 (CR) + 25.50
    assert report.mapping["entity"] == "Body Name"  # the BOM did not stick to the first header cell
    loaded = rows(
        con,
        "select row_number, transaction_ref, amount_gbp, supplier_raw, is_redacted from payments order by row_number",
    )
    assert loaded == [
        (2, "T1", Decimal("100.00"), "Acme Ltd", False),
        (3, "T2", Decimal("1000.00"), "Smith,\nJones & Co", False),  # one spreadsheet row, two lines of text
        (4, "T3", Decimal("-50.00"), "Redacted Personal Information", True),
        (5, "T4", Decimal("25.50"), "Redactive Publishing Limited", False),  # a real company
    ]


def test_fiscal_periods_excel_serials_net_gross_and_vat(con: duckdb.DuckDBPyConnection) -> None:
    [report] = ingest_file(con, FILES / "fiscal_periods_gross_net.csv", "Gateshead", "council")
    assert (report.rows_read, report.rows_loaded, report.rows_rejected) == (3, 2, 1)
    assert report.amount_basis == "net" and report.amount_total == Decimal("150.00")
    loaded = rows(
        con,
        "select paid_on, is_date_derived, amount_gbp, vat_gbp, gross_gbp from payments order by row_number",
    )
    assert loaded == [
        (dt.date(2022, 8, 1), True, Decimal("100.00"), Decimal("20.00"), Decimal("120.00")),  # 2022/23 P5
        (dt.date(2023, 4, 1), False, Decimal("50.00"), Decimal("10.00"), Decimal("60.00")),  # serial 45017
    ]
    assert rows(con, "select row_number, reason from rejected_rows") == [
        (4, "fiscal period not recognised: '202213' (expected YYYYPP, P1 = April, or a month such as Mar-22)")
    ]


def test_workbook_loads_each_payment_sheet_and_skips_the_rest(con: duckdb.DuckDBPyConnection) -> None:
    [report] = ingest_file(con, FILES / "two_trusts.xlsx", "Trusts", "nhs")
    assert report.status == "loaded" and len(report.skipped_sheets) == 1
    assert report.skipped_sheets[0].startswith("Notes:")
    per_sheet = {
        s.sheet: (s.rows_read, s.rows_loaded, s.rows_rejected, s.blank_rows, s.amount_total) for s in report.sheets
    }
    assert per_sheet == {
        "North Trust": (2, 2, 0, 1, Decimal("5000.50")),  # header on row 3, blank row 5
        "South Trust": (2, 1, 1, 0, Decimal("26000.00")),
    }
    loaded = rows(
        con,
        "select sheet, row_number, paid_on, supplier_raw, entity_raw, is_redacted from payments "
        "order by sheet, row_number",
    )
    assert loaded == [
        ("North Trust", 4, dt.date(2023, 4, 30), "ACME LTD", "North Trust", False),
        ("North Trust", 6, dt.date(2023, 4, 30), "REDACTED", "North Trust", True),  # Excel serial 45046
        ("South Trust", 3, dt.date(2023, 5, 31), "BETA LTD", "South Trust", False),
    ]
    assert rows(con, "select sheet, row_number, reason from rejected_rows") == [
        ("South Trust", 4, "amount not a number (or too large): 'TBC'")
    ]
    assert rows(con, "select sheet, rows_read from source_sheets order by sheet") == [
        ("North Trust", 2),
        ("South Trust", 2),
    ]


def test_sheet_option_restricts_and_names_the_choices(store_path: Path) -> None:
    [report] = ingest_file(store_path, FILES / "two_trusts.xlsx", "Trusts", "nhs", sheet="South Trust")
    assert [s.sheet for s in report.sheets] == ["South Trust"]
    [report] = ingest_file(store_path, FILES / "two_trusts.xlsx", "Trusts2", "nhs", sheet="East")
    assert report.status == "failed"
    assert report.error == "no sheet named 'East'; the workbook has 'Notes', 'North Trust', 'South Trust'"


def test_unmappable_file_names_the_fields_it_could_not_place(store_path: Path) -> None:
    [report] = ingest_file(store_path, FILES / "unmappable.csv", "X", "other")
    assert report.status == "failed"
    # Foo,Bar,Baz over one row 1,2,3: every column holds numbers, none a date or a name.
    assert report.error == (
        "could not place field(s) paid_on, supplier: no column holds dates; columns: 'Foo' (money 100%), "
        "'Bar' (money 100%), 'Baz' (money 100%); pass the columns with --mapping "
        '\'{"paid_on": "<column holding paid_on>", "amount": "Foo", "supplier": "<column holding supplier>"}\''
    )
    assert not store_path.exists()  # a file that fails to parse never opens the store for writing


def test_explicit_mapping_is_used_and_remembered_for_the_layout(con: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    [layout] = detect_layout(FILES / "unmappable.csv")
    # The one row 1,2,3: numbers only, so Foo is proposed for the amount by what it holds, and nothing else.
    assert layout.columns == ["Foo", "Bar", "Baz"] and layout.missing == ["paid_on", "supplier"]
    assert [(p.field, p.column, p.method) for p in layout.placements] == [("amount", "Foo", "content")]
    assert layout.placements[0].also == ["Bar", "Baz"]  # as likely: named beside it
    assert layout.profiles["Foo"]["kind"] == "money"
    first = tmp_path / "may.csv"
    first.write_text("Foo,Bar,Baz\n2024-05-01,12.00,Acme Ltd\n")
    mapping = {"paid_on": "Foo", "amount": "Bar", "supplier": "Baz"}
    [report] = ingest_file(con, first, "Odd Council", "council", mapping=mapping)
    assert report.status == "loaded" and report.amount_total == Decimal("12.00")
    second = tmp_path / "june.csv"  # same header, no mapping given: the remembered one applies
    second.write_text("Foo,Bar,Baz\n2024-06-03,7.50,Beta Ltd\n")
    [report] = ingest_file(con, second, "Odd Council", "council")
    assert report.status == "loaded", report.error
    assert rows(con, "select paid_on, amount_gbp, supplier_raw from payments where file_id = $f", f=report.file_id) == [
        (dt.date(2024, 6, 3), Decimal("7.50"), "Beta Ltd")
    ]


def test_bad_mapping_fails_with_one_line(store_path: Path) -> None:
    [report] = ingest_file(
        store_path,
        FILES / "unmappable.csv",
        "X",
        "other",
        mapping={"paid_on": "Foo", "amount": "Nope", "supplier": "Baz"},
    )
    assert report.error == "the mapping names column(s) not in the header: 'Nope'"


@pytest.mark.parametrize(
    ("cell", "pence"),
    [
        ("£1,234.56", 123456),
        ("(1,234.56)", -123456),
        ("688.83-", -68883),
        ("165,547.00-", -16554700),
        ("12.50 CR", -1250),
        ('"17,532.00"', 1753200),
        ("-5", -500),
        ("1.005", 100),
        ("0.125", 12),
        ("Â£3.00", 300),
        ("1234,56", 123456),  # a column of decimal commas, alone (see the next test)
        ("abc", None),
        ("1,23.00", None),
        ("--5", None),
    ],
)
def test_amounts(cell: str, pence: int | None) -> None:
    from anchorspend.files.values import parse_amounts

    [value] = parse_amounts(pl.Series([cell])).to_list()
    assert value == (None if pence is None else Decimal(pence) / 100)


def test_decimal_commas_are_read_by_the_column_not_the_cell() -> None:
    from anchorspend.files.values import parse_amounts

    european = parse_amounts(pl.Series(["1.234,56", "507,00", "1.234", "(12,5)", "3"])).to_list()
    assert european == [Decimal("1234.56"), Decimal("507.00"), Decimal("1234.00"), Decimal("-12.50"), Decimal("3.00")]
    british = parse_amounts(pl.Series(["1,234.56", "1234,56", "1.234"])).to_list()
    assert british == [Decimal("1234.56"), None, Decimal("1.23")]  # one stray comma is not a convention
    whole_pounds = parse_amounts(pl.Series(["1,234", "507", "1,50"])).to_list()
    assert whole_pounds == [Decimal("1234.00"), Decimal("507.00"), None]  # '1,234' is a thousands comma


def test_dates_mixed_in_one_column() -> None:
    from anchorspend.files.values import parse_dates

    cells = [
        "3 Apr 2023",
        "26-Apr-23",
        "04/01/2017",
        "02/05/18",
        "2022-08-01",
        "2021-04-30 00:00:00",
        "45017",
        "20230415",
        "3 Sept 2023",
        "31/02/2023",
        "tomorrow",
        None,
    ]
    assert parse_dates(pl.Series(cells)).to_list() == [
        dt.date(2023, 4, 3),
        dt.date(2023, 4, 26),
        dt.date(2017, 1, 4),
        dt.date(2018, 5, 2),
        dt.date(2022, 8, 1),
        dt.date(2021, 4, 30),
        dt.date(2023, 4, 1),
        dt.date(2023, 4, 15),
        dt.date(2023, 9, 3),
        None,
        None,
        None,
    ]


def test_fiscal_periods() -> None:
    from anchorspend.files.values import fiscal_period_starts

    got = fiscal_period_starts(pl.Series(["202201", "202205", "202209", "202210", "202212", "202200", "2022"]))
    assert got.to_list() == [
        dt.date(2022, 4, 1),
        dt.date(2022, 8, 1),
        dt.date(2022, 12, 1),
        dt.date(2023, 1, 1),
        dt.date(2023, 3, 1),
        None,
        None,
    ]


@pytest.mark.parametrize(
    ("name", "redacted"),
    [
        ("Redacted Personal Information", True),
        ("REDACTED - Personal Information", True),
        ("Redacted Data", True),
        ("Redacted Personal Data", True),
        ("REDACTED", True),
        ("Personal Data", True),
        ("Withheld", True),
        ("Redactive Publishing Limited", False),
        ("GED LAING PERSONAL SAFETY TRAINING", False),
        ("Personal Budgets", False),
        ("Individual Direct Payments", False),
    ],
)
def test_redaction_labels(name: str, redacted: bool) -> None:
    from anchorspend.files.values import redaction_flags

    assert redaction_flags(pl.Series([name])).to_list() == [redacted]


def test_encodings_and_byte_order_marks() -> None:
    assert to_utf8("a,b\r\n£1,2\r\n".encode("cp1252")) == ("a,b\r\n£1,2\r\n".encode(), "cp1252")
    assert to_utf8(b"\xef\xbb\xbfa\n") == (b"a\n", "utf-8")
    assert to_utf8(b"\xef\xbb\xbf\xc3\xaf\xc2\xbb\xc2\xbfa\rb\r\nc\n") == (b"a\nb\nc\n", "utf-8")
    with pytest.raises(FileRefused, match="byte 0x81 on line 2 is not a character in UTF-8 or Windows-1252"):
        to_utf8(b"name\ncaf\x81\n")  # 0x81 is undefined in cp1252: refused, never read as latin-1


def test_every_payment_gets_an_alias_and_redacted_aliases_are_individuals(
    con: duckdb.DuckDBPyConnection, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.undo()  # this test wants the real refresh (supplier resolution) after each load
    ingest_file(con, FILES / "double_bom_ragged_mixed_eol.csv", "Town", "council")
    ingest_file(con, FILES / "cp1252_junk_spacers.csv", "Hyndburn", "council")
    assert rows(
        con,
        "select count(*) from payments p left join supplier_aliases a using (alias_id) where a.alias_id is null",
    ) == [(0,)]
    aliases = rows(con, "select raw_name, is_individual, supplier_id from supplier_aliases order by raw_name")
    # resolution (the pipeline's first step) gives organisations an identity and individuals none
    assert len(aliases) == 7 and all((supplier is None) == individual for _, individual, supplier in aliases)
    assert {name for name, individual, _ in aliases if individual} == {
        "Redacted Personal Information",
        "REDACTED - Personal Information",
    }


def test_same_bytes_again_change_nothing(store_path: Path) -> None:
    [first] = ingest_file(store_path, FILES / "cp1252_junk_spacers.csv", "Hyndburn", "council")
    with db.connect(store_path, read_only=True) as con:
        before = (
            db.store_version(con),
            rows(con, "select count(*) from payments"),
            rows(con, "select count(*) from change_log"),
        )
    [again] = ingest_file(store_path, FILES / "cp1252_junk_spacers.csv", "Hyndburn", "council")
    assert again.status == "already_loaded" and again.file_id == first.file_id
    assert (again.rows_read, again.amount_total) == (first.rows_read, first.amount_total)
    with db.connect(store_path, read_only=True) as con:
        after = (
            db.store_version(con),
            rows(con, "select count(*) from payments"),
            rows(con, "select count(*) from change_log"),
        )
    assert after == before


def test_anchor_kind_must_match(con: duckdb.DuckDBPyConnection) -> None:
    ingest_file(con, FILES / "cp1252_junk_spacers.csv", "Hyndburn", "council")
    [report] = ingest_file(con, FILES / "double_bom_ragged_mixed_eol.csv", "Hyndburn", "nhs")
    assert report.error == "the anchor 'Hyndburn' is already loaded as kind 'council', not 'nhs'"


def test_detect_layout_shows_header_mapping_and_samples() -> None:
    [layout] = detect_layout(FILES / "cp1252_junk_spacers.csv")
    assert layout.header_row == 4 and layout.columns == ["Name", "Payment Date", "Amount Paid", "Description"]
    assert layout.mapping == {
        "supplier": "Name",
        "paid_on": "Payment Date",
        "amount": "Amount Paid",
        "description": "Description",
    }
    assert layout.missing == [] and layout.unmapped_columns == [] and layout.amount_basis == "unknown"
    assert layout.sample[0] == {
        "Name": "ACME LTD",
        "Payment Date": "03/04/2024",
        "Amount Paid": "£1,234.50",
        "Description": "Café supplies",
    }


def test_synonym_spellings_are_normalised_and_unambiguous() -> None:
    from anchorspend.ingest.columns import SYNONYMS, normalise_header

    spellings = [s for names in SYNONYMS.values() for s in names]
    assert len(spellings) == len(set(spellings))  # one spelling, one field
    assert all(normalise_header(s) == s for s in spellings)
    assert normalise_header("ï»¿Net Amount(£)") == "net amount" and normalise_header("Name:  ") == "name"


def test_utf16_text_export_is_read(tmp_path: Path, con: duckdb.DuckDBPyConnection) -> None:
    """Excel's 'Unicode text' save: UTF-16 with a byte-order mark, either byte order."""
    text = 'Date,Supplier,Amount\r\n01/06/2024,Café Crème Ltd,"£1,234.50"\r\n'
    for name, data in (("le.csv", text.encode("utf-16-le")), ("be.csv", text.encode("utf-16-be"))):
        bom = b"\xff\xfe" if name == "le.csv" else b"\xfe\xff"
        (tmp_path / name).write_bytes(bom + data)
        [report] = ingest_file(con, tmp_path / name, name, "council")
        assert (report.status, report.rows_loaded, report.encoding) == ("loaded", 1, "utf-16")
    assert rows(con, "select distinct supplier_raw, amount_gbp from payments") == [
        ("Café Crème Ltd", Decimal("1234.50"))
    ]


def test_binary_data_named_csv_fails_with_one_line(tmp_path: Path, con: duckdb.DuckDBPyConnection) -> None:
    (tmp_path / "photo.csv").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    [report] = ingest_file(con, tmp_path / "photo.csv", "Council", "council")
    assert report.status == "failed" and report.error.startswith("this is not a text CSV file")
