"""How table columns read on screen (anchorspend.present.columns), without Streamlit."""

from __future__ import annotations

import polars as pl
import pytest

from anchorspend.present.columns import is_money, is_percent
from anchorspend.present.columns import label as column_label


@pytest.mark.parametrize(
    ("name", "label"),
    [
        ("payroll_gbp", "Payroll (£)"),
        ("supplier_tier", "Supplier tier"),
        ("sic_division", "SIC division"),
        ("imd_decile", "IMD decile"),
        ("total_spend", "Spend in scope"),
        ("lm3_value", "LM3 value"),
    ],
)
def test_column_labels(name: str, label: str) -> None:
    assert column_label(name) == label


@pytest.mark.parametrize(
    ("name", "dtype", "money", "percent"),
    [
        ("spend_gbp", pl.Float64, True, False),
        ("amount", pl.Decimal(18, 2), True, False),
        ("local_share", pl.Float64, False, True),
        ("respend_rate", pl.Float64, False, True),
        ("local_share", pl.String, False, False),  # text is never formatted as a number
        ("supplier", pl.String, False, False),
        ("suppliers", pl.Int64, False, False),
    ],
)
def test_money_and_share_columns(name: str, dtype: pl.DataType, money: bool, percent: bool) -> None:
    assert (is_money(name, dtype), is_percent(name, dtype)) == (money, percent)
