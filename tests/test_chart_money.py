"""Money on every chart reads as UK readers write it (£2.5bn, £250m, £40k), never Plotly's £2.5B or £250M."""

from __future__ import annotations

import re
from datetime import date

import plotly.graph_objects as go
import polars as pl
import pytest

from anchorspend import charts
from anchorspend.present.formats import gbp_ticks

SQUARE = {
    "type": "Polygon",
    "coordinates": [[[-2.0, 53.0], [-1.9, 53.0], [-1.9, 53.1], [-2.0, 53.1], [-2.0, 53.0]]],
}
GEOJSON = {
    "type": "FeatureCollection",
    "features": [
        {"type": "Feature", "id": code, "properties": {"name": name}, "geometry": SQUARE}
        for code, name in (("E1", "Alpha"), ("E2", "Beta"))
    ],
}
UK_MONEY = re.compile(r"^-?£\d{1,3}(,\d{3})*(\.\d{1,2})?(bn|m|k)?$")


@pytest.mark.parametrize(
    ("ticks", "written"),
    [
        ([0, 0.5e9, 1e9, 1.5e9, 2e9, 2.5e9], ["£0", "£0.5bn", "£1.0bn", "£1.5bn", "£2.0bn", "£2.5bn"]),
        ([0, 50e6, 100e6, 250e6], ["£0", "£50m", "£100m", "£250m"]),
        ([0, 2.5e6, 5e6, 7.5e6], ["£0", "£2.5m", "£5.0m", "£7.5m"]),
        ([0, 20e3, 40e3], ["£0", "£20k", "£40k"]),
        ([0, 2000, 4000, 6000], ["£0", "£2,000", "£4,000", "£6,000"]),
        ([-1e6, 0, 1e6, 2e6], ["-£1m", "£0", "£1m", "£2m"]),
    ],
)
def test_tick_labels_are_written_the_uk_way(ticks: list[float], written: list[str]) -> None:
    assert gbp_ticks(ticks) == written


def money_axes(fig: go.Figure) -> list[tuple[list[float], list[str]]]:
    """(tickvals, ticktext) of every axis and colour bar that shows £."""
    found = []
    for axis in [*fig.select_xaxes(), *fig.select_yaxes()]:
        if axis.ticktext and any("£" in t for t in axis.ticktext):
            found.append((list(axis.tickvals), list(axis.ticktext)))
    for trace in fig.data:
        scales = [trace.colorbar] if "colorbar" in trace else []
        scales += [trace.marker.colorbar] if "marker" in trace and "colorbar" in trace.marker else []
        for bar in scales:
            if bar.ticktext:
                found.append((list(bar.tickvals), list(bar.ticktext)))
    return found


def big_figures() -> dict[str, tuple[go.Figure, float]]:
    """Every chart that draws money, fed amounts in the billions, with the largest amount it draws."""
    months = pl.DataFrame(
        {
            "month": [date(2026, 4, 1), date(2026, 5, 1)],
            "local_gbp": [1.2e9, 0.9e9],
            "rest_of_region_gbp": [0.6e9, 0.4e9],
            "outside_gbp": [0.6e9, -0.1e9],
            "unknown_gbp": [0.0, 0.1e9],
        }
    )
    leakage = [
        {"sector": "62", "label": "62 · Computer programming", "leakage": 2.412e9, "local_suppliers": 3,
         "addressable": True, "addressable_leakage": 2.412e9},
        {"sector": "21", "label": "21 · Pharmaceuticals", "leakage": 3.5e8, "local_suppliers": 0,
         "addressable": False},
    ]
    opportunities = [{"kind": "shared_supplier", "title": "Shared catering", "amount": 1.9e9}]
    spend = pl.DataFrame({"district_code": ["E1", "E2"], "name": ["Alpha", "Beta"], "spend_gbp": [2.3e9, 4.0e7]})
    areas = pl.DataFrame({"code": ["E1", "E2"], "name": ["Alpha", "Beta"], "spend_gbp": [2.3e9, 4.0e7]})
    return {
        "trend": (charts.monthly_trend(months), 2.4e9),
        "leakage": (charts.leakage_by_sector(leakage), 2.412e9),
        "lm3": (charts.lm3_rounds({"r1": 1.5e9, "r2": 0.5e9, "r3": 0.4e9, "value": 1.6}), 2.4e9),
        "opportunities": (charts.opportunities_bar(opportunities), 1.9e9),
        "district map": (charts.district_map(GEOJSON, spend, ["E1"], ["E1", "E2"]), 2.3e9),
        "area map": (charts.area_map(GEOJSON, areas, []), 2.3e9),
    }


@pytest.mark.parametrize("name", list(big_figures()))
def test_every_money_axis_and_hover_reads_bn_m_k(name: str) -> None:
    fig, largest = big_figures()[name]
    layout = fig.to_plotly_json()
    axes = money_axes(fig)
    assert axes, f"{name}: no £ axis with written ticks"
    for values, texts in axes:
        assert all(UK_MONEY.match(t) for t in texts), texts
        # each tick says the amount it stands at, worked out here by hand: "£1.5bn" is 1.5e9
        for value, text in zip(values, texts, strict=True):
            digits = float(re.sub(r"[£,bnmk-]", "", text))
            unit = {"bn": 1e9, "m": 1e6, "k": 1e3}.get(re.sub(r"[^a-z]", "", text), 1)
            assert value == pytest.approx((-1 if text.startswith("-") else 1) * digits * unit)
        assert max(values) >= largest * 0.8  # the ticks reach the data, not a default 0-1 range
    text = str(layout)
    assert "exponentformat" not in text and "tickprefix" not in text
    assert not re.search(r"£\s?\d[\d.,]*\s?[BMGT]\b", text), f"{name}: an SI suffix in the figure"
    # hover: no Plotly number format for £ (it would write £2,412,345,678 or £2.4B); the one formatter's text
    hovers = " ".join(str(t.hovertemplate) for t in fig.data if t.hovertemplate)
    assert "£%{" not in hovers, hovers


def test_hover_text_names_the_amount_in_bn() -> None:
    fig, _ = big_figures()["leakage"]
    addressable = fig.data[0]
    assert list(addressable.customdata)[0] == "£2.41bn"
    trend, _ = big_figures()["trend"]
    assert list(trend.data[0].customdata) == ["£1.20bn", "£900.0m"]
