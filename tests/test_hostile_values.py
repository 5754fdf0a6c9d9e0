"""The bounds in anchorspend.validate and the masking in downloads, against values worked out by hand."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

import polars as pl
import pytest
from openpyxl import load_workbook

from anchorspend import downloads, validate

PEOPLE = ["Mr & Mrs Smith", "MR AND MRS J SMITH", "Smith, Mrs A", "Dr Jane Foster", "Redacted", "Dean Underwood"]
ORGANISATIONS = ["Acme Ltd", "Dr Foster Ltd", "Preston City Council", "VODAFONE", "Mrs Smith Care Home", "NHS Trust"]


@pytest.mark.parametrize("name", PEOPLE)
def test_names_that_may_be_people_are_masked_in_csv(name: str) -> None:
    frame = pl.DataFrame({"supplier": [name, "Acme Ltd"], "spend": [10.0, 20.0]})
    rows = list(csv.DictReader(io.StringIO(downloads.to_csv(frame).decode("utf-8-sig"))))
    assert [r["supplier"] for r in rows] == ["Individual (not shown)", "Acme Ltd"]
    assert [r["spend"] for r in rows] == ["10.0", "20.0"]
    named = list(csv.DictReader(io.StringIO(downloads.to_csv(frame, names=True).decode("utf-8-sig"))))
    assert named[0]["supplier"] == name


@pytest.mark.parametrize("name", ORGANISATIONS)
def test_organisations_are_never_masked(name: str) -> None:
    assert not downloads.may_be_person(name)


def test_xlsx_masks_people_too() -> None:
    frame = pl.DataFrame({"supplier": ["Mr & Mrs Smith", "=cmd"], "payee": ["Acme Ltd", "Mrs Jones"]})
    sheet = load_workbook(io.BytesIO(downloads.to_xlsx(frame))).active
    assert [c.value for c in sheet[2]] == ["Individual (not shown)", "Acme Ltd"]
    assert [c.value for c in sheet[3]] == ["'=cmd", "Individual (not shown)"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("  Alpha Council ", "Alpha Council"), ("A" * 200, "A" * 200), ("Café Trust", "Café Trust")],
)
def test_good_anchor_names(text: str, expected: str) -> None:
    assert validate.anchor_name(text) == expected


@pytest.mark.parametrize("text", ["", " \t ", "A\nB", "A\rB", "A\x00B", "A\x85B", "A" * 201])
def test_bad_anchor_names(text: str) -> None:
    with pytest.raises(validate.InvalidValue):
        validate.anchor_name(text)


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        (Decimal("9999999999999999.99"), True),
        (Decimal("-9999999999999999.99"), True),
        (Decimal("1E+16"), False),
        (Decimal("NaN"), False),
        (Decimal("-Infinity"), False),
    ],
)
def test_money_fits_decimal_18_2(value: Decimal, ok: bool) -> None:
    if ok:
        assert validate.money(value, "x") == value
    else:
        with pytest.raises(validate.InvalidValue, match="is not an amount the store can hold"):
            validate.money(value, "x")


def test_messages_are_one_bounded_line() -> None:
    assert validate.one_line("first\nsecond") == "first"
    long = validate.one_line("x" * 65_536)
    assert len(long) < 400 and long.endswith("(65,236 more characters)")


@pytest.mark.parametrize(
    ("point", "inside"),
    [
        ((53.76, -2.70), True),
        ((60.15, -1.15), True),
        ((49.9, -6.3), True),
        ((54.7, 3.6), True),
        ((1000, -1), False),
        ((0, 0), False),
        ((48.85, 2.35), False),
        ((51.5, 10.0), False),
    ],
    ids=["preston", "lerwick", "scilly", "dogger-bank", "lat-1000", "null-island", "paris", "germany"],
)
def test_uk_bounding_box(point: tuple[float, float], inside: bool) -> None:
    assert validate.in_uk(*point) is inside


def test_plausible_range_keeps_order_and_bounds() -> None:
    today = dt.date(2026, 12, 6)
    assert validate.plausible_range(dt.date(1, 1, 1), dt.date(9999, 12, 31), today) == (
        dt.date(1990, 1, 1),
        dt.date(2027, 12, 6),
    )
    assert validate.plausible_range(dt.date(2024, 5, 1), dt.date(2024, 6, 1), today) == (
        dt.date(2024, 5, 1),
        dt.date(2024, 6, 1),
    )
