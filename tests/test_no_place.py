"""No place set: the Overview, `metrics --json` and the weekly PDF say so in the same words, not "Local share 0.0%"."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import app_store
import pytest
from app_store import forget_place
from cli_process import run_cli
from report_store import build_store

HOW = "anchorspend place set --local CODES --regional CODES"  # how to set one, as the user must read it


@pytest.fixture(scope="module")
def report_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return forget_place(build_store(tmp_path_factory.mktemp("noplace") / "store.duckdb"))


def test_metrics_json_says_not_set_instead_of_zero(report_store: Path) -> None:
    result = run_cli("metrics", "--json", "--db", str(report_store), "--from", "2026-04-01", "--to", "2026-11-22")
    assert result.returncode == 0, result.stderr
    m = json.loads(result.stdout)
    assert m["scope"]["local_codes"] == []
    for key in ("local_share", "regional_share", "leakage", "addressable_leakage", "deprived_area_share"):
        assert m.get(key) is None, key
    assert m["lm3"]["value"] is None
    assert "No place is set" in m["place"] and HOW in m["place"]
    assert m["definitions"]["local_share"].startswith("Not set: No place is set")
    # what does not need a place is still there: 247,000 + 85,000 in scope (tests/report_store.py)
    assert m["total_spend"] == 332_000
    assert m["unknown_share"] is not None


def test_a_store_with_a_place_still_prints_its_shares(tmp_path: Path) -> None:
    store = build_store(tmp_path / "placed.duckdb")
    result = run_cli("metrics", "--json", "--db", str(store), "--from", "2026-04-01", "--to", "2026-11-22")
    m = json.loads(result.stdout)
    assert "place" not in m
    assert round(m["local_share"] * 100, 1) == 37.7  # 125,000 / 332,000, by hand in test_report_pdf.py


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) not installed")
def test_weekly_pdf_says_not_set_and_how(report_store: Path) -> None:
    out = report_store.parent / "week47.pdf"
    result = run_cli("report", "--db", str(report_store), "--week", "2026-W47", "--out", str(out), timeout=300)
    assert result.returncode == 0, result.stderr
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True).stdout
    first = " ".join(text.split("\f")[0].split())
    # the big figures: Local share, LM3, Spend in scope
    assert "Local share Local multiplier (LM3) Spend in scope Not set Not set £332k" in first
    assert "No place is set" in first and HOW in first
    rows = [line.strip() for line in text[text.index("Each headline with its change") :].splitlines()]
    for label in ("Local share", "Regional share", "LM3 (local multiplier)", "Spend in deprived areas"):
        row = next(r for r in rows if r.startswith(label))
        assert row[len(label) :].split()[:2] == ["Not", "set"], row
    assert next(r for r in rows if r.startswith("Spend in scope")).split()[3] == "£332,000"
    assert "0.0%" not in " ".join(r for r in rows if r.startswith("Local share"))
    flat = " ".join(text.split())
    # nothing is local, regional or outside with no place: no page may say money leaves "the region"
    # (the appendix's definitions say "outside the regional tier": what the figure means once a place is set)
    assert not re.search(r"outside the region\b", flat) and "Leaving the region" not in flat
    assert "Not worked out: with no place set, no supplier is inside or outside the area." in leakage_page(text)
    # the trend table splits spend by whether its location is known (tests/report_store.py): April is the
    # council's 60,000 and the trust's 30,000 with located suppliers; August the 5,000 redacted and 2,000 person
    trend = {
        line.split()[0] + " " + line.split()[1]: line.split()[2:]
        for line in text.splitlines()
        if line.strip()[:8] in ("Apr 2026", "Aug 2026")
    }
    assert trend["Apr 2026"] == ["£90,000", "£90,000", "£0", "Not", "set"], trend
    assert trend["Aug 2026"] == ["£7,000", "£0", "£7,000", "Not", "set"], trend
    assert "Location known" in flat and "Outside region Unknown Local share" not in flat
    # the collaboration table: the two sectors' money leaving is "Not set", not all of their spend
    for sector in ("41 · Construction of buildings", "62 · Computer programming"):
        row = next(line for line in text.splitlines() if sector in line)
        assert row.split()[-2:] == ["Not", "set"] or "Not set" in row, row
    # the districts table beside the map: where each district is cannot be said
    assert re.search(r"Faraway\s+place not set\s+£140,000", text), "Faraway's row"
    # the appendix says "Not set." once per figure (the first page says why), not the whole reason six times
    assert text.count("No place is set, so nothing can count as local") == 1
    assert ".." not in flat


def test_overview_cards_say_not_set_and_the_page_says_how(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = forget_place(app_store.build(tmp_path / "app.duckdb"))
    monkeypatch.setenv("ANCHORSPEND_DB", str(store))
    monkeypatch.delenv("ANCHORSPEND_LOCK_WORKSHOP", raising=False)
    at = app_store.open_page(store, "overview")
    assert not at.exception, [e.value for e in at.exception]
    cards = {m.label: m.value for m in at.metric}
    for label in ("Local share", "Regional share", "LM3 (local multiplier)", "Spend in deprived areas"):
        assert cards[label] == "Not set", (label, cards[label])
    assert cards["Spend in scope"].startswith("£")
    warnings = " ".join(w.value for w in at.warning)
    assert "No place is set" in warnings and HOW in warnings
    assert not any("0.0% local" in c.value for c in at.caption)
    # the month-by-month chart: no month's spend is "outside the region" with no region; each month of
    # tests/app_store.py is £6,150 in scope, £450 of it with no known location (Unknown Co 300, two people 150)
    at.toggle(key="explore_trend").set_value(True).run()  # the chart in the browser, its numbers readable
    trend = json.loads(at.get("plotly_chart")[0].proto.spec)["data"]
    assert [t["name"] for t in trend] == ["Location known (no place set)", "Unknown location"]
    assert [t["y"] for t in trend] == [[5700.0] * 6, [450.0] * 6]


# tests/app_store.py over the default period (Apr to 15 Sep 2024, six months): the council pays £4,150 a month,
# £450 of it to payees with no known location (Unknown Co 300, two people 150); the trust £2,000, all located.
LOCATED = {"Alpha Council": (6 * 3_700.0, 6 * 450.0), "Alpha NHS Trust": (6 * 2_000.0, 0.0)}


def test_overview_anchors_side_by_side_say_not_set(app_without_place: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = open_without_place(app_without_place, "overview", False, monkeypatch)
    at.toggle(key="explore_anchors").set_value(True).run()  # the chart in the browser, its numbers readable
    figure = json.loads(at.get("plotly_chart")[0].proto.spec)  # the one chart explored; the rest are pictures
    bars = {t["name"]: t for t in figure["data"]}
    assert set(bars) == {"Location known (no place set)", "Unknown location"}  # no "Local share" bar at 0%
    for name, (located, unknown) in LOCATED.items():
        row = [who for who, _amount in bars["Unknown location"]["customdata"]].index(name)  # the full name
        assert bars["Location known (no place set)"]["x"][row] == located, name
        assert bars["Unknown location"]["x"][row] == unknown, name
    assert "0%" not in json.dumps(figure)
    assert "Local and regional shares: not set" in " ".join(c.value for c in at.caption)
    alt = next(m.value for m in at.markdown if "known location" in m.value).replace("\\", "").replace("\u2060", "")
    assert "Alpha Council: £22k with a known location, £2,700 unknown, of £25k" in alt, alt
    assert "Alpha NHS Trust: £12k with a known location, £0 unknown, of £12k" in alt and "0% local" not in alt
    table = next(t.value for t in at.dataframe if "Alpha Council" in set(t.value.iloc[:, 0]))
    council = table.set_index(table.columns[0]).loc["Alpha Council"]
    for column in ("local_share", "regional_share", "local_spend", "regional_spend"):
        assert council[column] == "Not set", (column, council[column])
    assert council["total_spend"] == 24_900 and council["unknown_spend"] == 2_700


def test_overview_anchors_chart_on_a_projector_says_not_set(
    app_without_place: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = open_without_place(app_without_place, "overview", True, monkeypatch)
    text = page_text(at)
    assert "0% local" not in text and "0% regional" not in text
    assert "Alpha Council: £22k with a known location, £2,700 unknown" in text.replace("\\", "").replace("\u2060", "")


def leakage_page(text: str) -> str:
    """The PDF's leakage section, as pdftotext lays it out."""
    start = text.index("Leakage by sector\n")
    return " ".join(text[start : text.index("Top collaboration opportunities", start)].split())


@pytest.fixture(scope="module")
def app_without_place(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return forget_place(app_store.build(tmp_path_factory.mktemp("noplace_app") / "app.duckdb"))


def page_text(at) -> str:
    """Everything a page wrote in words: titles, text, captions, notes, cards and table cells."""
    parts = [e.value for kind in ("markdown", "caption", "info", "warning", "subheader") for e in getattr(at, kind)]
    parts += [f"{m.label} {m.value}" for m in at.metric]
    for table in [*at.dataframe, *at.table]:  # st.table: the projector's tables in workshop mode
        parts += [str(v) for v in table.value.to_numpy().ravel()]
    return " ".join(parts)


def open_without_place(store: Path, page: str, workshop: bool, monkeypatch: pytest.MonkeyPatch):
    """A page of the app on the store with no place, opened cleanly (no exception)."""
    monkeypatch.setenv("ANCHORSPEND_DB", str(store))
    monkeypatch.delenv("ANCHORSPEND_LOCK_WORKSHOP", raising=False)
    at = app_store.open_page(store, page, workshop=workshop)
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.mark.parametrize("workshop", [False, True])
def test_collaboration_says_place_not_set_not_outside_the_region(
    app_without_place: Path, monkeypatch: pytest.MonkeyPatch, workshop: bool
) -> None:
    at = app_store.open_behind(open_without_place(app_without_place, "collaboration", workshop, monkeypatch))
    text = page_text(at)  # with the tables behind the sectors opened
    assert "outside the region" not in text
    assert "No place is set" in text and HOW in text
    first = next(m.value for m in at.markdown if "Construction of buildings" in m.value)
    # Construction (SIC 41, tests/app_store.py): the council's 1,000 + 2,000 and the trust's 400 + 1,500 a month
    # over six months = £29,400, at 168 days' rate a year = £63,900
    assert "£29k from 1 Apr to 15 Sep 2024" in first and "about £64k a year" in first
    assert "How much of it leaves the area is not worked out, as no place is set." in first
    assert "local supplier" not in first  # none can be local with no place
    # the suppliers behind the second sector (no contracts): Alpha Care Charity's district is known
    assert "place not set" in text


@pytest.mark.parametrize("workshop", [False, True])
def test_leakage_and_multiplier_pages_say_not_set(
    app_without_place: Path, monkeypatch: pytest.MonkeyPatch, workshop: bool
) -> None:
    leakage = open_without_place(app_without_place, "leakage", workshop, monkeypatch)
    assert [m.value for m in leakage.metric] == ["Not set", "Not set"]  # no what-if on leakage not worked out
    assert "No place is set" in page_text(leakage) and "0.0%" not in page_text(leakage)
    lm3 = open_without_place(app_without_place, "multiplier", workshop, monkeypatch)
    cards = [m.value for m in lm3.metric]
    assert cards[:2] == ["Not set", "Not set"], cards  # the multiplier and its range, not 1.00
    text = page_text(lm3)
    assert "No place is set" in text and "1.00" not in text and "lower bound" not in text


def test_map_says_no_local_boundary(app_without_place: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = open_without_place(app_without_place, "map", False, monkeypatch)
    alt = next(m.value for m in at.markdown if m.value.startswith("Map of spend by supplier district"))
    assert "no place set, so no local boundary" in alt and "outlined" not in alt
