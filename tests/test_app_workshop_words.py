"""Workshop mode speaks a room's language: every text on every page it shows (headings, help, captions, tables,
chart labels, chart text alternatives) is free of codes and jargon, and every number has help that says what it is."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import app_store
import pytest
from app_store import PICTURE, picture_words, workshop_page
from google.protobuf.json_format import MessageToDict
from streamlit.testing.v1 import AppTest

# Words a councillor would have to ask about; the codes behind places and sectors. Acronyms are matched as written.
JARGON = re.compile(
    r"\b(GSS|LSOAs?|SIC|IMD|ISO|R[123]|r_local|r_nonlocal)\b"  # codes and formula names
    r"|\b[EWSN]\d{8}\b"  # an ONS area code (E07000120)
    r"|(?<![\w£.,])\d{2} · "  # a SIC division's number before its name ('41 · Construction')
    r"|(?i:\btiers?\b|\bdeciles?\b|\bbaseline\b|\bYYYY)"
)
PAGES = ("overview", "multiplier", "leakage", "collaboration", "map", "report")
WITHOUT_CHARTS = ("collaboration",)  # in workshop mode a list of sentences, no chart
MAP_VIEWS = ("Across the region", "Inside the local area", "Suppliers", "Collaboration")
TEXT_FIELDS = {"body", "label", "help", "options", "caption", "placeholder", "delta", "text", "value"}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return app_store.build(tmp_path_factory.mktemp("words") / "store.duckdb")


def _leaves(node) -> Iterator[object]:
    children = getattr(node, "children", None)
    if children:
        for child in children.values():
            yield from _leaves(child)
    else:
        yield node


def _strings(node: object, key: str = "") -> Iterator[str]:
    if isinstance(node, dict):
        for name, value in node.items():
            yield from _strings(value, name)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value, key)
    elif isinstance(node, str) and key in TEXT_FIELDS:
        yield node


def _figure_words(spec: str) -> Iterator[str]:
    """What a reader sees on a Plotly chart: titles, ticks, categories, legend names, bar text, notes, colour bars
    (hover details, ids and map locations are not shown on the page)."""
    figure = json.loads(spec)
    layout = figure.get("layout", {})

    def text(value: object) -> str:
        return str(value.get("text") or "") if isinstance(value, dict) else str(value or "")

    yield text(layout.get("title"))
    for name, axis in layout.items():
        if name.startswith(("xaxis", "yaxis")) and isinstance(axis, dict):
            yield text(axis.get("title"))
            yield from map(str, axis.get("ticktext") or [])
    yield from (text(a) for a in layout.get("annotations") or [])
    for trace in figure.get("data", []):
        yield str(trace.get("name") or "")
        for field in ("x", "y", "text"):
            values = trace.get(field)
            for value in values if isinstance(values, list) else [values]:
                yield from (str(v) for v in (value if isinstance(value, list) else [value]) if isinstance(v, str))
        yield text((trace.get("colorbar") or {}).get("title"))


def page_words(at: AppTest) -> list[tuple[str, str]]:
    """(element type, text) for every text in the page's main area, tables and charts included."""
    found = []
    for element in _leaves(at._tree.children[0]):
        kind = getattr(element, "type", "")
        if kind == "plotly_chart":
            words = list(_figure_words(element.proto.spec))
        elif kind == "html" and 'class="chart"' in element.proto.body:  # a chart drawn as a picture on the server
            kind, words = "chart picture", picture_words(element.proto.body)
            words += [alt for _data, alt in PICTURE.findall(element.proto.body)]
        elif kind in ("table", "arrow_table", "dataframe"):
            frame = element.value
            words = [str(c) for c in frame.columns] + [str(v) for row in frame.itertuples(index=False) for v in row]
        else:
            words = list(_strings(MessageToDict(element.proto)))
        found += [(kind, app_store.shown(w)) for w in words if w]
    return found


def jargon(words: list[tuple[str, str]]) -> list[str]:
    return [f"[{kind}] {JARGON.search(w).group(0)!r} in {w[:160]!r}" for kind, w in words if JARGON.search(w)]


def test_the_jargon_check_finds_the_normal_modes_words(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same walk over the Overview in normal mode finds its officers' terms, so the check can fail."""
    monkeypatch.setenv("ANCHORSPEND_DB", str(store))
    at = AppTest.from_file(app_store.APP, default_timeout=120).run()
    found = " ".join(jargon(page_words(at)))
    assert "tier" in found and "LSOA" in found and "baseline" in found


@pytest.mark.parametrize("page", PAGES)
def test_every_text_on_a_workshop_page_is_free_of_codes_and_jargon(
    store: Path, page: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = workshop_page(store, page, monkeypatch)
    words = page_words(at)
    if page == "map":  # each tab draws its own map; the small areas coloured by deprivation too
        for view in MAP_VIEWS[1:]:
            at.session_state["map_view"] = view
            words += page_words(at.run())
        at.session_state["map_view"] = MAP_VIEWS[1]
        at.run().radio(key="map_level").set_value("small_area")
        at.radio(key="map_area_colour").set_value("imd")
        words += page_words(at.run())
    if page == "collaboration":  # the tables behind the sectors, drawn when opened, are read too
        words += page_words(app_store.open_behind(at))
    assert len(words) > 10
    if page not in WITHOUT_CHARTS:
        assert any(kind in ("plotly_chart", "chart picture") for kind, _ in words)  # the charts' own labels read
    assert jargon(words) == []


@pytest.mark.parametrize("page", PAGES)
def test_every_number_on_a_workshop_page_has_help_that_says_what_it_is(
    store: Path, page: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = workshop_page(store, page, monkeypatch)
    for metric in at.metric:
        sentence = app_store.shown(metric.proto.help).strip()
        assert sentence, f"{page}: '{metric.label}' has no help"
        assert sentence[0].isupper() and sentence.split("\n")[0].rstrip().endswith((".", ")")), (metric.label, sentence)
        assert not JARGON.search(sentence), (metric.label, sentence)
