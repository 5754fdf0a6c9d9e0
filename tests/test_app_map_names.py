"""The district map names its districts, from whatever geography was imported: on the map and on hover."""

from __future__ import annotations

import polars as pl

from anchorspend import charts

NAMES = {"W1": "Ynys Môn", "W2": "King's Lynn and West Norfolk", "W3": "Llanfairpwllgwyngyll", "W4": "Beyond"}


def square(west: float, south: float, size: float = 0.2) -> dict:
    ring = [[west, south], [west + size, south], [west + size, south + size], [west, south + size], [west, south]]
    return {"type": "Polygon", "coordinates": [ring]}


def geography(names: dict[str, str]) -> dict:
    """Square districts side by side in a row, each with its name as a geography pack gives it."""
    return {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "id": code, "properties": {"name": name}, "geometry": square(-3 + 0.2 * i, 52.0)}
            for i, (code, name) in enumerate(names.items())
        ],
    }


def labels(fig) -> dict[str, tuple[float, float]]:
    """Each written name (its lines joined, the spend on the last line left off) and where it is written."""
    trace = next(t for t in fig.data if t.mode == "text")
    return {
        text.rsplit("<br>", 1)[0].replace("<br>", " "): (x, y)
        for text, x, y in zip(trace.text, trace.x, trace.y, strict=True)
    }


def spend_written(fig) -> dict[str, str]:
    """Each written name with the spend written under it (a picture of the map has no hover to tell it)."""
    trace = next(t for t in fig.data if t.mode == "text")
    return {text.rsplit("<br>", 1)[0].replace("<br>", " "): text.rsplit("<br>", 1)[1] for text in trace.text}


def hovers(fig) -> list[str]:
    """What hovering over each district's shape says (its trace name)."""
    return [t.name for t in fig.data if t.fill == "toself"]


def test_every_district_of_the_region_is_named_inside_itself_with_its_spend_on_hover() -> None:
    spend = pl.DataFrame(
        {"district_code": ["W1", "W2"], "name": ["Ynys Môn", "King's Lynn"], "spend_gbp": [2.5e6, 40e3]}
    )
    fig = charts.district_map(geography(NAMES), spend, ["W1"], ["W1", "W2", "W3"])
    written = labels(fig)
    assert set(written) == {"Ynys Môn", "King's Lynn and West Norfolk", "Llanfairpwllgwyngyll"}  # the region's
    for i, (code, name) in enumerate(NAMES.items()):
        if name in written:
            x, y = written[name]
            assert -3 + 0.2 * i < x < -3 + 0.2 * (i + 1) and 52.0 < y < 52.2, (code, x, y)  # inside its district
    assert set(hovers(fig)) == {
        "Ynys Môn: £2.5m",
        "King's Lynn and West Norfolk: £40k",
        "Llanfairpwllgwyngyll: no located spend",
        "Beyond: no located spend",  # a neighbour in view is named on hover too
    }
    assert "Ynys Môn £2.5m" in charts.alt_text(fig)
    assert spend_written(fig) == {
        "Ynys Môn": "£2.5m",
        "King's Lynn and West Norfolk": "£40k",
        "Llanfairpwllgwyngyll": "no spend",
    }


def test_a_big_region_names_the_local_districts_and_the_largest_and_every_one_on_hover() -> None:
    many = {f"D{i:02d}": f"District number {i}" for i in range(60)}
    spend = pl.DataFrame(
        {"district_code": list(many), "name": list(many.values()), "spend_gbp": [float(i) * 1000 for i in range(60)]}
    )
    fig = charts.district_map(geography(many), spend, ["D00", "D01"], list(many))
    written = set(labels(fig))
    largest = {f"District number {i}" for i in range(48, 60)}
    assert written == largest | {"District number 0", "District number 1"}
    assert len(hovers(fig)) == 60


def test_names_stay_readable_on_a_projector() -> None:
    spend = pl.DataFrame({"district_code": ["W1"], "name": ["Ynys Môn"], "spend_gbp": [1.0]})
    fig = charts.for_projector(charts.district_map(geography(NAMES), spend, ["W1"], list(NAMES)))
    trace = next(t for t in fig.data if t.mode == "text")
    assert trace.textfont.size >= 18
    scale = next(t for t in fig.data if t.mode == "markers")
    assert scale.marker.colorbar.tickfont.size >= 18
