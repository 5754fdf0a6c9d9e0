"""Workshop mode's charts are pictures drawn once on the server (maps stay interactive), each session gets its own
figure's picture even when several draw at once, and without a Chromium the room gets the interactive charts."""

from __future__ import annotations

import re
import threading
from pathlib import Path

import app_store
import plotly.graph_objects as go
import pytest
from app_store import PICTURE, picture_words, workshop_page

from anchorspend.report import svg
from anchorspend.ui import stills


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return app_store.build(tmp_path_factory.mktemp("stills") / "store.duckdb")


def test_a_workshop_page_shows_its_charts_as_pictures_with_their_words(
    store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = workshop_page(store, "overview", monkeypatch)
    pictures = [e.proto.body for e in at.get("html") if 'class="chart"' in e.proto.body]
    assert len(pictures) == 3 and at.get("plotly_chart") == []  # the month, anchors and types charts, no Plotly
    words = [w for html in pictures for w in picture_words(html)]
    # The anchors side by side (tests/app_store.py): the council's and the trust's short names on the axis with
    # their spend (6 months of £4,150 and of £2,000: £24,900, £12,000); the month chart's legend and the types in
    # plain words.
    assert {"Alpha Council (£25k)", "Alpha NHS (£12k)"} <= set(words), words
    assert {"Local", "Outside region", "Small and medium firms (SME)"} <= set(words), words
    alts = [alt for html in pictures for _data, alt in PICTURE.findall(html)]
    assert all(len(alt) > 20 for alt in alts)  # every picture carries its text alternative


def test_the_district_map_is_a_picture_naming_districts_and_maplibre_maps_stay_interactive(
    store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = workshop_page(store, "map", monkeypatch)
    words = [w for e in at.get("html") if 'class="chart"' in e.proto.body for w in picture_words(e.proto.body)]
    # the region's districts (tests/app_store.py), drawn as shapes, each named with its spend over the six months:
    # Alpha £1,700 a month (Local Builders 1,400, Alpha Care 300), Beta £500 (Beta Catering)
    assert {"Alpha£10k", "Beta£3,000"} <= set(words), words  # the SVG's two lines of one label, run together
    shown = [*(c.value for c in at.caption), *(m.value for m in at.markdown), *words]
    licence = [text for text in shown if "invented for the fictional demo region" in text]
    assert len(licence) == 1, licence  # the attribution once, under the map (not again in the page's caption)
    at.session_state["map_view"] = "Inside the local area"  # small areas on MapLibre: panned and pointed at
    specs = [e.proto.spec for e in at.run().get("plotly_chart")]
    assert specs and all('"choroplethmap"' in spec or '"scattermap"' in spec for spec in specs)


def test_without_a_chromium_the_room_gets_the_interactive_charts(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    app_store.without_chromium(monkeypatch)
    at = workshop_page(store, "overview", monkeypatch)
    assert len(at.get("plotly_chart")) == 3
    assert not [e for e in at.get("html") if 'class="chart"' in e.proto.body]
    assert stills._cannot_draw.is_set()  # asked once, not again on every chart (each try may wait for a timeout)


def test_sessions_drawing_at_once_each_get_their_own_picture() -> None:
    """kaleido's sync server answers from one queue: the exporter must hand each thread its own picture."""
    titles = [f"Figure {n}" for n in "ABCDEF"]
    figures = {t: go.Figure(go.Bar(x=["a", "b"], y=[1, 2]), layout={"title": t}) for t in titles}
    got: dict[str, bytes] = {}
    failures: list[BaseException] = []

    def draw(title: str) -> None:
        try:
            for _ in range(3):
                got[title] = svg.to_svg(figures[title], 300, 200, scale=1)
                assert title.encode() in got[title], f"{title} got another figure's picture"
        except BaseException as exc:  # noqa: BLE001 - reported by the main thread
            failures.append(exc)

    threads = [threading.Thread(target=draw, args=(title,)) for title in figures]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert failures == [] and len(got) == len(figures)


def _without_ids(image: bytes) -> bytes:
    """An SVG with Plotly's per-drawing random ids (clip paths, gradients) made equal."""
    return re.sub(rb"[0-9a-f]{6}", b"ID", image)


def test_a_tab_drawing_figure_after_figure_draws_each_as_a_fresh_tab_would() -> None:
    """The exporter keeps a tab's page between figures (kaleido reloads it after each, for 10x the CPU): what one
    figure set (a dark template, big text, a pie, a filled shape) must not reach the next."""
    plain = go.Figure(go.Bar(x=["a", "b", "c"], y=[1, 3, 2]), layout={"title": "Plain"})
    loud = go.Figure(
        [go.Scatter(y=[3, 1, 2], fill="toself"), go.Pie(labels=["x", "y"], values=[1, 2], domain={"x": [0.6, 1]})],
        layout={"title": "Loud", "template": "plotly_dark", "font": {"size": 30}},
    )
    svg.stop_exporter()  # a fresh Chromium: its first picture is what a just-loaded page draws
    first = svg.to_svg(plain, 400, 300, scale=1)
    for _ in range(3):
        assert b"Loud" in svg.to_svg(loud, 400, 300, scale=1)
    again = svg.to_svg(plain, 400, 300, scale=1)
    assert b"Plain" in first and _without_ids(again) == _without_ids(first)


@pytest.mark.parametrize(("every", "reloads"), [(1, 6), (1000, 0)])
def test_a_tab_is_reloaded_only_every_so_many_figures(
    monkeypatch: pytest.MonkeyPatch, every: int, reloads: int
) -> None:
    from kaleido._kaleido_tab._tab import _KaleidoTab

    calls: list[object] = []
    reload = _KaleidoTab.reload

    async def counted(self: _KaleidoTab) -> None:
        calls.append(self)
        await reload(self)

    monkeypatch.setattr(_KaleidoTab, "reload", counted)
    monkeypatch.setattr(svg, "RELOAD_EVERY", every)
    svg.start_exporter()
    figure = go.Figure(go.Bar(x=["a"], y=[1]))
    for _ in range(6):
        assert b"<svg" in svg.to_svg(figure, 200, 100, scale=1)
    assert len(calls) == reloads


def test_a_chromium_that_is_not_there_fails_in_one_line_and_leaves_nothing_running(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    svg.stop_exporter()
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "no-chromium-here"))
    one_line = r"^charts cannot be drawn: Chromium \(.*no-chromium-here\) did not start$"
    with pytest.raises(svg.RenderError, match=one_line):
        svg.to_svg(go.Figure(go.Bar(x=["a"], y=[1])), 200, 100)
    assert [t.name for t in threading.enumerate() if t.name == "kaleido"] == []  # its event loop ended with it
