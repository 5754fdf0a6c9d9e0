"""Normal mode draws a chart as a picture on the server (no Plotly in the browser) until its reader switches on
"Explore this chart"; maps on MapLibre stay interactive, and without a Chromium every chart is interactive."""

from __future__ import annotations

import base64
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import app_store
import pytest
from app_store import COUNCIL, PICTURE, TRUST, picture_words, pictures
from streamlit.testing.v1 import AppTest

from anchorspend.ui import stills


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return app_store.build(tmp_path_factory.mktemp("explore") / "store.duckdb")


def overview(store: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("ANCHORSPEND_DB", str(store))
    monkeypatch.delenv("ANCHORSPEND_LOCK_WORKSHOP", raising=False)
    at = AppTest.from_file(app_store.APP, default_timeout=120).run()
    assert not app_store.problems(at), app_store.problems(at)
    return at


def explore_switches(at: AppTest) -> dict[str, bool]:
    return {str(t.key): t.value for t in at.toggle if str(t.key).startswith("explore_")}


def test_normal_mode_draws_its_charts_as_pictures_a_desk_wide_with_a_switch_each(
    store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = overview(store, monkeypatch)
    drawn = pictures(at)
    assert len(drawn) == 3 and at.get("plotly_chart") == []  # month by month, anchors, types: no Plotly
    assert explore_switches(at) == {"explore_trend": False, "explore_anchors": False, "explore_types": False}
    for html in drawn:
        ((data, alt),) = PICTURE.findall(html)
        assert len(alt) > 20  # its text alternative
        root = ET.fromstring(base64.b64decode(data))
        assert root.get("width") == str(stills.DESK_WIDTH)  # shown at its own size on a desk's page: 14 px text
    # the anchors side by side with their spend (tests/app_store.py: 6 months of £4,150 and of £2,000), the
    # month chart's legend, the organisation types
    words = {w for html in drawn for w in picture_words(html)}
    assert {"Alpha Council (£25k)", "Alpha NHS (£12k)", "Local share", "Small and medium firms (SME)"} <= words
    assert [e.label for e in at.expander].count("Chart as text") == 3  # the exact values, as text


def test_explore_this_chart_draws_that_chart_in_plotly_and_switching_off_draws_the_picture_again(
    store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = overview(store, monkeypatch)
    at.toggle(key="explore_anchors").set_value(True).run()
    assert len(pictures(at)) == 2
    (chart,) = at.get("plotly_chart")
    spec = json.loads(chart.proto.spec)
    # what exploring adds: each bar points to its anchor's full name and exact share. By hand from
    # tests/app_store.py: the trust pays £500 of its £2,000 a month locally, the council £1,200 of £4,150.
    local = next(trace for trace in spec["data"] if trace["name"] == "Local share")
    assert local["customdata"] == [TRUST, COUNCIL]
    assert local["x"] == pytest.approx([500 / 2_000, 1_200 / 4_150])
    assert explore_switches(at)["explore_anchors"] is True
    at.toggle(key="explore_anchors").set_value(False).run()
    assert len(pictures(at)) == 3 and at.get("plotly_chart") == []


def test_workshop_mode_has_no_switch(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = app_store.workshop_page(store, "overview", monkeypatch)
    assert len(pictures(at)) == 3 and explore_switches(at) == {}


def test_without_a_chromium_normal_mode_draws_interactive_charts_and_no_switch(
    store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app_store.without_chromium(monkeypatch)
    at = overview(store, monkeypatch)
    assert len(at.get("plotly_chart")) == 3 and pictures(at) == [] and explore_switches(at) == {}
