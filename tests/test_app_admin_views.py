"""The Data page's logic without Streamlit (anchorspend.admin_views): upload checks, files, coverage, change log."""

from __future__ import annotations

from datetime import date, datetime

import polars as pl
import pytest

from anchorspend.admin_views import coverage_by_month, files_view, log_view, upload_problem


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        ("big.csv", b"a" * (2 * 1024 * 1024 + 1), "2.0 MB; the limit is 2 MB"),
        ("blank.csv", b"  \r\n\r\n", "blank.csv is empty."),
        ("binary.csv", b"date,amount\x00\x01\x02", "holds binary data"),
        ("fake.xlsx", b"date,amount\n2024-01-01,5\n", "not an Excel workbook"),
    ],
)
def test_uploads_that_cannot_be_spend_files_are_named_with_the_reason(name: str, data: bytes, words: str) -> None:
    problem = upload_problem(name, data, limit_mb=2)
    assert problem is not None and words in problem and name in problem


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("spend.csv", b"date,amount\n2024-01-01,5\n"),
        ("utf16.csv", "date,amount\n".encode("utf-16")),  # a BOM, then NUL bytes: still text
        ("book.xlsx", b"PK\x03\x04rest-of-zip"),
    ],
)
def test_plausible_uploads_pass(name: str, data: bytes) -> None:
    assert upload_problem(name, data, limit_mb=2) is None


def test_coverage_grid_is_one_row_per_month_and_none_where_nothing_was_published() -> None:
    grid = pl.DataFrame(
        {
            "anchor": ["Council", "Council", "Trust", "Trust"],
            "month": [date(2024, 4, 1), date(2024, 5, 1), date(2024, 4, 1), date(2024, 5, 1)],
            "amount_gbp": [100.5, 200.0, 0.0, 50.0],
            "is_missing": [False, False, True, False],
        }
    )
    assert coverage_by_month(grid).to_dicts() == [
        {"month": "2024-04", "Council": 100.5, "Trust": None},
        {"month": "2024-05", "Council": 200.0, "Trust": 50.0},
    ]


def test_files_list_leaves_out_columns_nobody_filled_and_the_hash() -> None:
    files = pl.DataFrame(
        {"file_id": [1, 2], "anchor": ["A", "B"], "sha256": ["x", "y"], "sheet": [None, ""], "replaced_by": [None, 1]}
    )
    assert files_view(files).columns == ["file_id", "anchor", "replaced_by"]


def test_change_log_reads_as_words() -> None:
    log = pl.DataFrame(
        {
            "changed_at": [datetime(2024, 5, 1, 9, 0)] * 3,
            "action": ["files.remove", "influenceable_rules.add", "ingest"],
            "changed_by": ["app:alice@example.org", "cli:bob", "app:local"],
        }
    )
    shown = log_view(log)
    assert shown["action"].to_list() == ["File removed", "Influenceable rules: add", "File loaded"]
    assert shown["changed_by"].to_list() == ["alice@example.org", "command line: bob", "local"]
