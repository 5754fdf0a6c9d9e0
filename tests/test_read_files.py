"""One reader for every importer: the same encodings, refusals and workbook guard for spend, registers,
contracts, geography and assumptions files."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import pytest

from anchorspend.geo.csvfile import read_csv_text, read_header
from anchorspend.geo.load import read_geo_file
from anchorspend.geo.report import GeoFileError
from anchorspend.ingest import ingest_file
from anchorspend.metrics.assumptions import AssumptionsError, read_items
from anchorspend.suppliers.contracts import contracts_frame
from anchorspend.suppliers.register import register_frame
from anchorspend.suppliers.tables import FileProblem
from tests.test_ingest_limits import HEADER_ROW, cell, workbook

MIXED = "Name,Town\nCafé Rouge Ltd,Preston\n".encode() + b"Caf\xe9 Noir Ltd,Blackburn\n"  # UTF-8 then cp1252
UNDEFINED = b"Name,Town\nAcme\x81 Ltd,Preston\n"  # 0x81 is no character in UTF-8 or Windows-1252


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_mixed_encodings_are_refused_with_where_in_every_importer(tmp_path: Path, store_path: Path) -> None:
    expected = re.escape("mixes encodings: line 2 has UTF-8 text ('é') but line 3 has byte 0xE9, which is not UTF-8")
    spend = write(tmp_path / "spend.csv", b"Date,Supplier,Amount\n01/04/2024,Caf\xc3\xa9 Ltd,1\n01/04/2024,Caf\xe9,2\n")
    report = ingest_file(store_path, spend, "Town", "council")[0]
    assert report.status == "failed" and "mixes encodings: line 2" in report.error
    register = write(tmp_path / "register.csv", MIXED)
    with pytest.raises(FileProblem, match=expected):
        register_frame(register)
    with pytest.raises(GeoFileError, match=expected):
        read_csv_text(register)
    assumptions = write(tmp_path / "assumptions.csv", b"kind,pattern\ninfluenceable_rule,caf\xc3\xa9\nx,\xe9\n")
    with pytest.raises(AssumptionsError, match="mixes encodings"):
        read_items(assumptions)


def test_bytes_that_are_no_character_are_refused_not_replaced(tmp_path: Path) -> None:
    path = write(tmp_path / "register.csv", UNDEFINED)
    with pytest.raises(FileProblem, match="byte 0x81 on line 2 is not a character in UTF-8 or Windows-1252"):
        register_frame(path)
    with pytest.raises(GeoFileError, match="header.csv: byte 0x81 on line 1"):
        read_header(write(tmp_path / "header.csv", b"LAD23CD,LAD23N\x81M\n"))


def test_windows_1252_and_utf16_registers_read_like_utf8(tmp_path: Path) -> None:
    text = "Supplier Name,Company Number,Registered Postcode\nCafé – Déjà Vu Ltd,01234567,PR1 2AB\n"
    expected = register_frame(write(tmp_path / "utf8.csv", text.encode()))
    for encoding in ("cp1252", "utf-16", "utf-16-le", "utf-8-sig"):
        got = register_frame(write(tmp_path / f"{encoding}.csv", text.encode(encoding)))
        assert got.to_dicts() == expected.to_dicts(), encoding
    assert expected["name"].to_list() == ["Café – Déjà Vu Ltd"]


def test_contract_money_and_dates_follow_the_spend_rules(tmp_path: Path) -> None:
    path = write(
        tmp_path / "contracts.csv",
        (
            "Supplier Name,Contract Title,Total Contract Value,Annual Value,Start Date,End Date\n"
            'Acme Ltd,Cleaning,"£1,234.50",(12.00),01/04/2024,31-Mar-25\n'
            "Beta Ltd,Catering,1e30,N/A,2024-04-01 00:00:00,\n"
        ).encode("cp1252"),
    )
    frame = contracts_frame(path)
    assert frame["total_value_gbp"].to_list() == [Decimal("1234.50"), None]  # 1e30 is no amount: null, not a crash
    assert frame["annual_value_gbp"].to_list() == [Decimal("-12.00"), None]
    assert frame["start_on"].to_list() == [dt.date(2024, 4, 1), dt.date(2024, 4, 1)]
    assert frame["end_on"].to_list() == [dt.date(2025, 3, 31), None]


def test_register_workbooks_pass_the_same_guard(tmp_path: Path) -> None:
    hostile = workbook(tmp_path / "register.xlsx", HEADER_ROW + f'<row r="1048576">{cell("XFD1048576", "x")}</row>')
    with pytest.raises(FileProblem, match="16,384 columns, over the limit of 1,000"):
        register_frame(hostile)
    with pytest.raises(FileProblem, match="over the limit"):
        contracts_frame(hostile)
    rows = (
        '<row r="1">' + cell("A1", "Supplier Name") + cell("B1", "Company Number") + "</row>"
        '<row r="2">' + cell("A2", "Acme Ltd") + cell("B2", "01234567") + "</row>"
    )
    frame = register_frame(workbook(tmp_path / "ok.xlsx", rows))
    assert frame.select("name", "company_number").rows() == [("Acme Ltd", "01234567")]


def test_special_files_are_refused_by_every_importer(tmp_path: Path) -> None:
    import os

    fifo = tmp_path / "register.csv"
    os.mkfifo(fifo)
    with pytest.raises(FileProblem, match="not a regular file"):
        register_frame(fifo)
    with pytest.raises(GeoFileError, match="not a regular file"):
        read_csv_text(fifo)
    with pytest.raises(AssumptionsError, match="not a regular file"):
        read_items(tmp_path / "register.csv")
    with pytest.raises(GeoFileError):
        read_geo_file(fifo)
