"""Ingest built for the whole class of published file: columns placed by what they hold, the date order read
from the whole column, blank payees, ledger codes, totals lines, bounds, and loads that keep nothing.

Each file is written here by hand; the expected figures are worked out from the rows written, not by the code.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import duckdb
import polars as pl
import pytest
from cli_process import run_cli
from hypothesis import given, settings
from hypothesis import strategies as st

from anchorspend import db
from anchorspend.files.values import read_dates
from anchorspend.ingest import detect_layout, ingest_file

pytestmark = pytest.mark.usefixtures("no_refresh")


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def rows(con: duckdb.DuckDBPyConnection, sql: str, **params: object) -> list[tuple]:
    return con.execute(sql, params).fetchall()


# ---------------------------------------------------------------- the date-order rule, as properties

DAYS = st.dates(min_value=dt.date(1995, 1, 1), max_value=dt.date(2035, 12, 31))


def written(day: dt.date, order: str, padded: bool) -> str:
    d, m = (f"{day.day:02d}", f"{day.month:02d}") if padded else (str(day.day), str(day.month))
    return f"{d}/{m}/{day.year}" if order == "dmy" else f"{m}/{d}/{day.year}"


@settings(max_examples=60, deadline=None)
@given(
    days=st.lists(DAYS, min_size=1, max_size=30),
    decider=DAYS.filter(lambda d: d.day > 12),
    order=st.sampled_from(["dmy", "mdy"]),
    padded=st.booleans(),
)
def test_one_day_above_12_decides_the_order_of_the_whole_column(
    days: list[dt.date], decider: dt.date, order: str, padded: bool
) -> None:
    cells = [written(d, order, padded) for d in [*days, decider]]
    reading = read_dates(pl.Series("d", cells))
    assert reading.dates.to_list() == [*days, decider]
    assert reading.order_used == order and not reading.warnings


@settings(max_examples=40, deadline=None)
@given(
    day_first=st.lists(DAYS, min_size=1, max_size=20),
    month_first=st.lists(DAYS, min_size=1, max_size=20),
    deciders=st.tuples(DAYS.filter(lambda d: d.day > 12), DAYS.filter(lambda d: d.day > 12 and d.month < 10)),
)
def test_two_orders_in_one_column_are_each_read_right_by_their_shape(
    day_first: list[dt.date], month_first: list[dt.date], deciders: tuple[dt.date, dt.date]
) -> None:
    """As in an NHS file that appends another system's rows: '31/10/2020' (padded) and '9/30/2020' (not)."""
    padded = [written(d, "dmy", True) for d in [*day_first, deciders[0]]]
    # Unpadded month-first values with a one-digit month ('9/30/2020', '9/3/2020'), as such files write them.
    plain_days = [d for d in [*month_first, deciders[1]] if d.month < 10]
    plain = [written(d, "mdy", False) for d in plain_days]
    reading = read_dates(pl.Series("d", padded + plain))
    assert reading.dates.to_list() == [*day_first, deciders[0], *plain_days]
    assert reading.order_used == "mixed" and not reading.warnings


@settings(max_examples=40, deadline=None)
@given(
    days=st.lists(DAYS.filter(lambda d: d.day <= 12), min_size=1, max_size=20),
    fallback=st.sampled_from([None, "dmy", "mdy"]),
    given_order=st.sampled_from([None, "dmy", "mdy"]),
)
def test_a_column_that_reads_both_ways_uses_the_given_then_remembered_order_else_day_first(
    days: list[dt.date], fallback: str | None, given_order: str | None
) -> None:
    cells = [written(d, "dmy", True) for d in days]
    reading = read_dates(pl.Series("d", cells), order=given_order, fallback=fallback)
    used = given_order or fallback or "dmy"
    assert reading.order_used == used
    assert reading.dates.to_list() == [dt.date(d.year, d.day, d.month) if used == "mdy" else d for d in days]
    if given_order:
        assert not reading.warnings and reading.decided_by == "given"
    else:  # said, with what was chosen and how to change it
        [warning] = reading.warnings
        assert "day-first or month-first" in warning and "--date-order" in warning


def test_named_months_iso_serials_and_two_digit_years_keep_their_meaning() -> None:
    cells = ["05-Apr-20", "3 Apr 2023", "2021-02-28 00:00:00", "44255", "02/05/18", "13/05/18", None, "soon"]
    assert read_dates(pl.Series("d", cells)).dates.to_list() == [
        dt.date(2020, 4, 5),
        dt.date(2023, 4, 3),
        dt.date(2021, 2, 28),
        dt.date(2021, 2, 28),  # Excel's day 44255
        dt.date(2018, 5, 2),  # day-first, as 13/05/18 shows
        dt.date(2018, 5, 13),
        None,
        None,
    ]


# ---------------------------------------------------------------- columns placed by what they hold

ODD_HEADERS = (
    "Doc No,Invoice Date,Vendor,Sum of Amount\n"
    '100234,03/04/2024,Acme Ltd,"1,234.50"\n'
    "100235,15/04/2024,Beta Services Limited,99.99\n"
    "100236,30/04/2024,Gamma Plc,-20.00\n"
)


def test_headers_with_aggregate_words_and_invoice_dates_place(tmp_path: Path, con: duckdb.DuckDBPyConnection) -> None:
    [report] = ingest_file(con, write(tmp_path, "odd.csv", ODD_HEADERS), "Odd Council", "council")
    assert report.status == "loaded", report.error
    assert report.mapping["paid_on"] == "Invoice Date" and report.mapping["amount"] == "Sum of Amount"
    assert report.mapping["supplier"] == "Vendor"
    assert report.amount_total == Decimal("1314.49")  # 1234.50 + 99.99 - 20.00
    assert rows(con, "select min(paid_on), max(paid_on) from payments") == [(dt.date(2024, 4, 3), dt.date(2024, 4, 30))]
    methods = {p["field"]: (p["method"], p["confidence"]) for p in report.placements}
    assert methods["amount"][0] == "header" and 0 < methods["amount"][1] <= 1


def test_headers_that_say_nothing_place_by_content_and_say_so(tmp_path: Path, con: duckdb.DuckDBPyConnection) -> None:
    text = "A,B,C,D\n" + "".join(
        f"{day:02d}/05/2024,Supplier {day} Ltd,{day * 10}.50,X{day:05d}\n" for day in range(1, 21)
    )
    [report] = ingest_file(con, write(tmp_path, "abc.csv", text), "Abc", "council")
    assert report.status == "loaded", report.error
    assert {k: report.mapping[k] for k in ("paid_on", "supplier", "amount")} == {
        "paid_on": "A",
        "supplier": "B",
        "amount": "C",
    }
    assert {p["field"]: p["method"] for p in report.placements} == {
        "paid_on": "content",
        "supplier": "content",
        "amount": "content",
    }
    assert report.amount_total == Decimal(sum(d * 10 for d in range(1, 21))) + Decimal("10.00")
    [layout] = detect_layout(tmp_path / "abc.csv")  # the Data page shows the same guess, pre-filled
    assert layout.mapping == report.mapping and layout.mapped_by == "content"
    assert layout.profiles["A"]["kind"] == "dates" and layout.profiles["C"]["kind"] == "money"


def test_two_date_columns_compete_and_both_are_named(tmp_path: Path, con: duckdb.DuckDBPyConnection) -> None:
    text = "Invoice Date,Payment Date,Supplier,Amount\n01/03/2024,20/03/2024,Acme Ltd,10.00\n"
    [report] = ingest_file(con, write(tmp_path, "two.csv", text), "Two", "council")
    [paid] = [p for p in report.placements if p["field"] == "paid_on"]
    assert (paid["column"], paid["also"]) == ("Payment Date", ["Invoice Date"])
    assert "also possible 'Invoice Date'" in report.to_text()
    assert rows(con, "select paid_on from payments") == [(dt.date(2024, 3, 20),)]


def test_a_totals_pivot_is_refused_in_one_line(tmp_path: Path, store_path: Path) -> None:
    text = 'Supplier,Total Spend\nAcme Ltd,"12,000.00"\nBeta Ltd,500.00\n'
    [report] = ingest_file(store_path, write(tmp_path, "pivot.csv", text), "P", "council")
    assert report.status == "failed" and "\n" not in report.error
    assert report.error.startswith("this is not a payment-level file: no column holds payment dates")
    assert '--mapping \'{"paid_on": ' in report.error and "'Total Spend' (money 100%)" in report.error
    assert not store_path.exists()


# ---------------------------------------------------------------- payees


def test_blank_and_redacted_payees_are_payments(tmp_path: Path, con: duckdb.DuckDBPyConnection) -> None:
    text = (
        "Date,Supplier,Amount,Redaction\n"
        "01/04/2024,Acme Ltd,100.00,\n"
        "02/04/2024,,50.00,Redacted Personal Data\n"  # label in its own column
        "03/04/2024,,-25.00,\n"  # a refund to a payee not named at all
        "04/04/2024,Redacted,10.00,\n"
    )
    [report] = ingest_file(con, write(tmp_path, "blank.csv", text), "B", "council")
    assert (report.rows_read, report.rows_loaded, report.rows_rejected) == (4, 4, 0)
    assert report.amount_total == Decimal("135.00")
    assert rows(con, "select row_number, supplier_raw, is_redacted from payments order by row_number") == [
        (2, "Acme Ltd", False),
        (3, "Redacted Personal Data", True),
        (4, "(payee not given)", True),
        (5, "Redacted", True),
    ]


def test_ledger_codes_are_split_off_payee_names(tmp_path: Path, con: duckdb.DuckDBPyConnection) -> None:
    text = (
        "Date,Supplier,Amount\n"
        "01/04/2024,BOC LTD :02107500,1.00\n"
        "01/04/2024,BOC LTD,2.00\n"
        "01/04/2024,70299300 : British Gas Business,3.00\n"
        "01/04/2024,3M UNITED KINGDOM PLC,4.00\n"
        "01/04/2024,Open 24:7 Ltd,5.00\n"
    )
    ingest_file(con, write(tmp_path, "codes.csv", text), "C", "council")
    assert rows(con, "select supplier_raw, payee_code from payments order by amount_gbp") == [
        ("BOC LTD", "02107500"),
        ("BOC LTD", None),
        ("British Gas Business", "70299300"),
        ("3M UNITED KINGDOM PLC", None),
        ("Open 24:7 Ltd", None),
    ]
    # the name alone is matched: both BOC lines share one payee alias
    assert rows(con, "select count(*) from supplier_aliases where raw_name = 'BOC LTD'") == [(1,)]


# ---------------------------------------------------------------- totals, footers, preambles


def test_totals_and_footers_are_counted_apart_from_rejections(tmp_path: Path, con: duckdb.DuckDBPyConnection) -> None:
    text = (
        "Payments over £500,,,\n"
        "Report run 05/05/2024,,,\n"
        ",,,\n"
        "Date,Supplier,Amount,Ref\n"
        "01/04/2024,Acme Ltd,100.00,A1\n"
        "02/04/2024,Beta Ltd,200.00,A2\n"
        ",Sub-total,300.00,\n"
        "03/04/2024,Gamma Ltd,50.00,A3\n"
        ",,no amount here,\n"
        ",Grand Total,350.00,\n"
        ",,350.00,\n"
    )
    [report] = ingest_file(con, write(tmp_path, "totals.csv", text), "T", "council")
    assert report.status == "loaded", report.error
    assert (report.rows_read, report.rows_loaded, report.rows_rejected, report.summary_rows) == (4, 3, 1, 3)
    assert report.amount_total == Decimal("350.00")
    assert rows(con, "select row_number, reason from rejected_rows") == [
        (9, "amount not a number (or too large): 'no amount here'")
    ]
    assert rows(con, "select summary_rows from source_files") == [(3,)]


# ---------------------------------------------------------------- loads that keep nothing, rejections


def test_a_load_that_keeps_nothing_fails_and_stores_nothing(tmp_path: Path) -> None:
    store = tmp_path / "store.duckdb"
    bad = write(tmp_path, "bad.csv", "Date,Supplier,Amount\n01/01/1980,Acme Ltd,1.00\n13/05/1981,Beta Ltd,2.00\n")
    out = tmp_path / "rejections.csv"
    result = run_cli(
        "ingest", str(bad), "--anchor", "X", "--kind", "council", "--db", str(store), "--rejections", str(out)
    )
    assert result.returncode == 1
    assert "nothing to load: all 2 rows were rejected (commonest reason: date outside 1990-01-01 to" in result.stdout
    with out.open(newline="") as handle:
        written_rows = list(csv.DictReader(handle))
    assert [(r["file"], r["row_number"]) for r in written_rows] == [("bad.csv", "2"), ("bad.csv", "3")]
    assert all(r["reason"].startswith("date outside 1990-01-01 to ") for r in written_rows)
    if store.exists():
        with db.connect(store, read_only=True) as con:
            assert rows(con, "select count(*) from source_files") == [(0,)]
    header_only = write(tmp_path, "empty.csv", "Date,Supplier,Amount\n")
    [report] = ingest_file(store, header_only, "X", "council")
    assert report.status == "failed" and report.error.startswith("nothing to load: the file holds no payment rows")


def test_rejected_rows_give_one_warning_line_and_can_be_written_out(tmp_path: Path) -> None:
    store = tmp_path / "store.duckdb"
    text = "Date,Supplier,Amount\n01/04/2024,Acme Ltd,1.00\n02/04/2024,Beta Ltd,\n03/04/2024,Gamma,\n04/04/2024,D,x\n"
    path, out = write(tmp_path, "some.csv", text), tmp_path / "rej.csv"
    result = run_cli(
        "ingest",
        str(path),
        "--anchor",
        "X",
        "--kind",
        "council",
        "--db",
        str(store),
        "--rejections",
        str(out),
        "--json",
    )
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if "rejected" in line and "warning" in line]
    assert warnings == ["anchorspend ingest: warning: some.csv: 3 row(s) rejected (commonest reason: no amount, 2)"]
    report = json.loads(result.stdout.splitlines()[0])
    assert report["rejection_reasons"] == {"no amount": 2, "amount not a number": 1}
    assert {"rejections", "summary_rows", "placements", "date_order", "warnings"} <= set(report)
    with out.open(newline="") as handle:
        assert [r["row_number"] for r in csv.DictReader(handle)] == ["3", "4", "5"]


# ---------------------------------------------------------------- bounds (issue 16.2)


def test_values_out_of_bounds_are_rejected_with_their_reason(tmp_path: Path, con: duckdb.DuckDBPyConnection) -> None:
    long_name = "A" * 1500
    far = (dt.date.today() + dt.timedelta(days=800)).strftime("%d/%m/%Y")
    # 300 good rows first: a NUL byte in the first 8 KB makes the reader refuse the file as binary instead.
    filler = "".join(f"01/04/2024,Filler {i} Ltd,1.00\n" for i in range(300))
    text = (
        "Date,Supplier,Amount\n"
        + filler
        + "01/01/0001,Old Ltd,1.00\n"
        + f"{far},Future Ltd,1.00\n"
        + "31/12/1989,Eighties Ltd,1.00\n"
        + '01/04/2024,Huge Ltd,"20,000,000,000.00"\n'
        + f"01/04/2024,{long_name},1.00\n"
        + "01/04/2024,Nul\x00 Ltd,1.00\n"
    )
    [report] = ingest_file(con, write(tmp_path, "bounds.csv", text), "Bounds", "council")
    assert (report.rows_loaded, report.rows_rejected) == (300, 6)
    reasons = dict(rows(con, "select row_number, reason from rejected_rows"))  # data rows 2..301 are good
    assert reasons[302].startswith("date outside 1990-01-01 to") and "0001-01-01" in reasons[302]
    assert reasons[303].startswith("date outside 1990-01-01 to")
    assert reasons[304].startswith("date outside 1990-01-01 to") and "1989-12-31" in reasons[304]
    assert reasons[305] == "amount beyond the £10bn ceiling of a payment line: '20,000,000,000.00'"
    assert reasons[306] == "column 'Supplier' holds 1500 characters (the limit is 1,000) (row 306)"
    assert reasons[307] == "a NUL byte in column 'Supplier' (row 307)"
    assert rows(con, "select max(length(raw_text)) <= 1000 from rejected_rows") == [(True,)]


def test_duplicate_headers_are_reported_with_the_one_used(tmp_path: Path, con: duckdb.DuckDBPyConnection) -> None:
    text = "Date,Supplier,Amount,Amount\n01/04/2024,Acme Ltd,10.00,99.00\n"
    [report] = ingest_file(con, write(tmp_path, "dupe.csv", text), "D", "council")
    assert report.amount_total == Decimal("10.00")
    assert "the header 'Amount' appears 2 times (columns 3, 4): amount uses column 3" in report.warnings


# ---------------------------------------------------------------- the date order over a layout's files


def test_date_order_given_is_used_and_remembered_for_the_layout(tmp_path: Path, con: duckdb.DuckDBPyConnection) -> None:
    header = "Date,Supplier,Amount\n"
    first = write(tmp_path, "jan.csv", header + "01/02/2021,Acme Ltd,1.00\n")
    [report] = ingest_file(con, first, "Ccg", "nhs", date_order="mdy")
    assert report.date_order == "mdy" and not report.warnings
    assert rows(con, "select paid_on from payments") == [(dt.date(2021, 1, 2),)]
    second = write(tmp_path, "feb.csv", header + "02/03/2021,Beta Ltd,1.00\n")  # reads both ways
    [report] = ingest_file(con, second, "Ccg", "nhs")
    assert rows(con, "select paid_on from payments where file_id = $f", f=report.file_id) == [(dt.date(2021, 2, 3),)]
    assert any("remembered for this layout" in w for w in report.warnings)


def test_month_first_file_is_read_month_first_and_far_dates_are_warned(
    tmp_path: Path, con: duckdb.DuckDBPyConnection
) -> None:
    lines = [f"{m}/{d}/2020,Practice {d},{d}.00" for m, d in [(9, 30)] * 12 + [(8, 1), (8, 5), (10, 31)]]
    lines.append("1/15/2015,Old Practice,1.00")
    [report] = ingest_file(con, write(tmp_path, "ccg.csv", "Date,Supplier,Amount\n" + "\n".join(lines)), "Ccg", "nhs")
    assert report.date_order == "mdy"
    months = rows(con, "select strftime(paid_on, '%Y-%m'), count(*) from payments group by 1 order by 1")
    assert months == [("2015-01", 1), ("2020-08", 2), ("2020-09", 12), ("2020-10", 1)]
    assert any("more than a year outside" in w and "2015-01-15" in w for w in report.warnings)


def test_yyyymmdd_dates_are_dates_not_money(tmp_path: Path, con: duckdb.DuckDBPyConnection) -> None:
    named = write(tmp_path, "named.csv", "Payment Date,Supplier,Amount\n20240403,Acme Ltd,10.00\n")
    [report] = ingest_file(con, named, "Ymd", "council")
    assert report.mapping["paid_on"] == "Payment Date" and report.amount_total == Decimal("10.00")
    unnamed = write(tmp_path, "unnamed.csv", "A,B,C\n20240403,Acme Ltd,12.00\n20240405,Beta Ltd,3.50\n")
    [report] = ingest_file(con, unnamed, "Ymd2", "council")
    assert {k: report.mapping[k] for k in ("paid_on", "amount")} == {"paid_on": "A", "amount": "C"}
    assert rows(con, "select paid_on from payments where file_id = $f order by 1", f=report.file_id) == [
        (dt.date(2024, 4, 3),),
        (dt.date(2024, 4, 5),),
    ]
