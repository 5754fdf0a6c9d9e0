"""Charts: text alternatives, colour-blind-safe palette, offline maps with licences."""

from __future__ import annotations

from datetime import date

import polars as pl

from anchorspend import charts
from anchorspend.charts.maps import LICENCE, licence_for

SQUARE = {
    "type": "Polygon",
    "coordinates": [[[-2.0, 53.0], [-1.9, 53.0], [-1.9, 53.1], [-2.0, 53.1], [-2.0, 53.0]]],
}
GEOJSON = {
    "type": "FeatureCollection",
    "features": [{"type": "Feature", "id": "E1", "properties": {}, "geometry": SQUARE}],
}


def test_every_chart_says_what_it_shows() -> None:
    trend = pl.DataFrame(
        {
            "month": [date(2024, 4, 1), date(2024, 5, 1)],
            "local_gbp": [30.0, 60.0],
            "rest_of_region_gbp": [10.0, 10.0],
            "outside_gbp": [50.0, 20.0],
            "unknown_gbp": [10.0, 10.0],
        }
    )
    assert "30% to 60%" in charts.alt_text(charts.monthly_trend(trend))
    lm3 = charts.lm3_rounds({"r1": 100.0, "r2": 50.0, "r3": 30.0, "value": 1.8})
    assert "LM3 = 1.80" in charts.alt_text(lm3)  # the worked example of PRODUCT.md
    assert "£1.76" in charts.alt_text(charts.value_per_pound(1.76, 0.36))
    leak = charts.leakage_by_sector(
        [
            {
                "sector": "41",
                "label": "41 · F Construction",
                "leakage": 2e6,
                "local_suppliers": 3,
                "addressable": True,
                "addressable_leakage": 2e6,
            }
        ]
    )
    assert "41 · F Construction £2.0m (£2.0m addressable, 3 local suppliers)" in charts.alt_text(leak)
    assert "No leakage" in charts.alt_text(charts.leakage_by_sector([]))


def test_palette_is_okabe_ito() -> None:
    assert set(charts.PALETTE) == {
        "#0072B2",
        "#D55E00",
        "#009E73",
        "#CC79A7",
        "#E69F00",
        "#56B4E9",
        "#000000",
        "#F0E442",
    }


def test_maps_render_offline_and_carry_the_licences() -> None:
    spend = pl.DataFrame({"district_code": ["E1"], "name": ["Alpha"], "spend_gbp": [5.0]})
    fig = charts.district_map(GEOJSON, spend, ["E1"], ["E1"])
    # shapes on Plotly's own canvas: no base map, no tiles and no map glyphs fetched for the names
    assert {t.type for t in fig.data} == {"scatter"} and not fig.layout.map.style
    assert any(LICENCE in a.text for a in fig.layout.annotations)
    # a made-up geography does not claim Ordnance Survey or Royal Mail data
    made_up = charts.district_map(GEOJSON, spend, ["E1"], ["E1"], licence=licence_for(True))
    assert [a.text for a in made_up.layout.annotations if "OS data" in a.text] == []
    assert any("fictional" in a.text for a in made_up.layout.annotations)
    outline = [t for t in fig.data if t.name == "Local boundary"][0]
    assert list(outline.y[:5]) == [53.0, 53.0, 53.1, 53.1, 53.0]
    points = pl.DataFrame(
        {
            "name": ["A", "B"],
            "lat": [53.05, None],
            "lon": [-1.95, None],
            "spend_gbp": [9.0, 1.0],
            "sector": ["F", "G"],
        }
    )
    fig = charts.supplier_points_map(points, "sector", GEOJSON, ["E1"])
    assert fig.layout.map.style == "white-bg" and "1 suppliers" in charts.alt_text(fig)


def _font_sizes(node: object, path: str = "") -> list[tuple[str, float]]:
    """Every font size set anywhere in a figure's JSON, with where it is."""
    found: list[tuple[str, float]] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "size" and path.rsplit(".", 1)[-1].endswith("font") and isinstance(value, int | float):
                found.append((path, float(value)))
            found += _font_sizes(value, f"{path}.{key}")
    elif isinstance(node, list | tuple):
        for i, value in enumerate(node):
            found += _font_sizes(value, f"{path}[{i}]")
    return found


def test_on_a_projector_every_text_of_every_chart_is_at_least_18px() -> None:
    pairs = pl.DataFrame(
        {"anchor_a": ["A Council"], "anchor_b": ["B Trust"], "shared_suppliers": [3], "spend_gbp": [1234.0]}
    )
    figures = [
        charts.shared_supplier_matrix(pairs),
        charts.lm3_rounds({"r1": 100.0, "r2": 50.0, "r3": 30.0, "value": 1.8}),
        charts.value_per_pound(1.76, 0.36),
        charts.whatif_bars(0.2, 0.25),
        charts.anchors_compare([{"anchor": "A Council", "local_share": 0.3, "regional_share": 0.5, "total_spend": 9}]),
        charts.type_shares({"sme": 0.4, "unknown": 0.6}),
        charts.district_map(
            GEOJSON, pl.DataFrame({"district_code": ["E1"], "name": ["E"], "spend_gbp": [5.0]}), ["E1"], ["E1"]
        ),
        charts.leakage_by_sector([]),  # the empty figure's message
    ]
    for fig in figures:
        sizes = _font_sizes(charts.for_projector(fig).to_plotly_json())
        assert sizes and all(size >= 18 for _, size in sizes), [s for s in sizes if s[1] < 18]
        assert fig.layout.font.size >= 18 and fig.layout.uniformtext.minsize >= 18
    bars = [t for fig in figures for t in fig.data if t.type == "bar"]
    assert bars and not any("colorbar" in t.marker.to_plotly_json() for t in bars)  # no empty colour scale added
    heatmap = figures[0].data[0]
    assert heatmap.textfont.size >= 18 and heatmap.colorbar.tickfont.size >= 18


def test_charts_label_anchors_by_short_names_and_keep_the_full_names_in_hover_and_alt_text() -> None:
    council, trust = "Fennmouth City Council", "Fennmouth Hospitals NHS Foundation Trust"
    compare = charts.anchors_compare(
        [
            {"anchor": council, "local_share": 0.5, "regional_share": 0.6, "total_spend": 4e8},
            {"anchor": trust, "local_share": 0.1, "regional_share": 0.2, "total_spend": 1e8},
        ]
    )
    labels = [label.replace("<br>", " ") for label in compare.data[0].y]
    assert labels == ["Fennmouth Hospitals NHS (£100.0m)", "Fennmouth Council (£400.0m)"]
    assert list(compare.data[0].customdata) == [trust, council] and trust in charts.alt_text(compare)
    pairs = pl.DataFrame({"anchor_a": [council], "anchor_b": [trust], "shared_suppliers": [3], "spend_gbp": [9.0]})
    matrix = charts.shared_supplier_matrix(pairs)
    assert list(matrix.data[0].y) == ["Fennmouth Council", "Fennmouth Hospitals NHS"]
    assert matrix.data[0].customdata[0][1] == f"{council} and {trust}" and trust in charts.alt_text(matrix)
    contracts = pl.DataFrame(
        {
            "anchor": [trust],
            "sector": ["Cleaning"],
            "end_on": [date(2027, 1, 31)],
            "value_gbp": [1000.0],
            "title": ["Cleaning"],
            "supplier": ["Brightwash Ltd"],
        }
    )
    timeline = charts.reprocurement_timeline(contracts)
    assert timeline.data[0].name == "Fennmouth Hospitals NHS" and trust in timeline.data[0].hovertemplate
