"""Every page through Streamlit's AppTest on the hand-made store: what it shows equals `metrics --json`."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import app_store
import pytest
from streamlit.testing.v1 import AppTest

from anchorspend.view import gbp, pct

APP = app_store.APP
# The default period: financial year 2024-25, to the last payment loaded (tests/app_store.py).
FROM, TO = date(2024, 4, 1), date(2024, 9, 15)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return app_store.build(tmp_path_factory.mktemp("app") / "store.duckdb")


def metrics_json(store: Path) -> dict:
    """What `anchorspend metrics --json` prints for the sidebar's default filters (the pages' oracle)."""
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "anchorspend",
            "metrics",
            "--json",
            "--db",
            str(store),
            "--from",
            FROM.isoformat(),
            "--to",
            TO.isoformat(),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)


def metrics_for(store: Path, function: str = "compute", **scope: object) -> dict:
    """The same object as the command line for another scope, computed in this process (quicker)."""
    from anchorspend import db, metrics

    with db.connect(store, read_only=True) as con:
        extra = {k: scope.pop(k) for k in ("shift", "sectors") if k in scope}
        result = getattr(metrics, function)(con, metrics.Scope(date_from=FROM, date_to=TO, **scope), **extra)
    return json.loads(json.dumps(result, default=str))


@pytest.fixture(scope="module")
def expected(store: Path) -> dict:
    return metrics_json(store)


@pytest.fixture
def app(store: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("ANCHORSPEND_DB", str(store))
    monkeypatch.delenv("ANCHORSPEND_LOCK_WORKSHOP", raising=False)
    return AppTest.from_file(APP, default_timeout=60)


def shown(at: AppTest) -> dict[str, str]:
    """Metric label -> value as displayed."""
    return {m.label: m.value for m in at.metric}


def assert_clean(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [app_store.shown(e.value) for e in at.error]


def test_overview_headlines_equal_metrics_json(app: AppTest, expected: dict) -> None:
    at = app.run()
    assert_clean(at)
    values = shown(at)
    # By hand from tests/app_store.py: local = (1000 + 200) x 6 + (400 + 100) x 6 = 10,200 of 36,900 in scope.
    assert values["Local share"] == "27.6%" == pct(10_200 / 36_900)
    assert values["Spend in scope"] == gbp(expected["total_spend"]) == gbp(36_900)
    assert values["Regional share"] == pct(expected["regional_share"])
    assert values["Unknown location"] == pct(expected["unknown_share"])
    assert values["LM3 (local multiplier)"] == f"{expected['lm3']['value']:.2f}"
    assert values["Spend in deprived areas"] == pct(expected["deprived_area_share"])
    local = next(m for m in at.metric if m.label == "Local share")
    assert "10,200" in app_store.shown(local.help) and "36,900" in app_store.shown(
        local.help
    )  # the arithmetic one click away
    for label in ("Spend in scope", "Spend in deprived areas"):  # every headline has its arithmetic, not only shares
        help_text = app_store.shown(next(m for m in at.metric if m.label == label).help)
        assert "=" in help_text and "£" in help_text, help_text
    # trend, anchors side by side, types: pictures drawn on the server, each a switch away from Plotly
    assert len(app_store.pictures(at)) == 3 and at.get("plotly_chart") == []
    assert [t.label for t in at.toggle if t.key.startswith("explore_")] == ["Explore this chart"] * 3
    # The trust's payments start in April 2024, so it has no year earlier: the changes compare the council alone
    # (like for like), and the page says the trust was left out.
    assert expected["baseline"]["like_for_like"]["anchors"] == [app_store.COUNCIL]
    assert local.proto.delta == f"{expected['change']['local_share_points']:+.1f} pts vs baseline"
    assert any(
        "1 of 2 anchors" in app_store.shown(i.value) and f"left out: {app_store.TRUST}" in app_store.shown(i.value)
        for i in at.info
    )


def test_changes_show_against_a_complete_baseline(app: AppTest, store: Path) -> None:
    at = app.run()
    at.multiselect(key="anchor").set_value([app_store.COUNCIL]).run()
    council = metrics_for(store, anchors=(app_store.COUNCIL,))
    assert council["baseline"]["comparable"] is True
    local = next(m for m in at.metric if m.label == "Local share")
    assert local.proto.delta == f"{council['change']['local_share_points']:+.1f} pts vs baseline"
    assert f"Baseline, {council['baseline']['scope']['date_from']}" in app_store.shown(local.help)
    assert pct(council["baseline"]["local_share"]) in app_store.shown(local.help)  # the year-earlier figure itself
    assert not any("like for like" in app_store.shown(i.value) for i in at.info)  # nothing left out: nothing to say


def test_anchor_filter_changes_numbers_on_every_page(app: AppTest, store: Path) -> None:
    at = app.run()
    at.multiselect(key="anchor").set_value([app_store.TRUST]).run()
    assert_clean(at)
    trust = metrics_for(store, anchors=(app_store.TRUST,))
    assert shown(at)["Local share"] == pct(trust["local_share"]) == pct(3_000 / 12_000)
    at.switch_page(app_store.page("leakage")).run()  # the filter persists across pages
    assert at.multiselect(key="anchor").value == [app_store.TRUST]


def test_missing_months_are_warned_about(app: AppTest) -> None:
    at = app.run()
    at.selectbox(key="period").set_value("custom").run()
    at.date_input(key="dates").set_value((date(2023, 4, 1), date(2024, 9, 15))).run()
    assert_clean(at)
    warning = " ".join(app_store.shown(w.value) for w in at.warning)
    # The trust published nothing before April 2024 in the hand-made store.
    assert "Alpha NHS Trust" in warning and "Apr 2023" in warning and "Alpha Council" not in warning


def test_multiplier_page(app: AppTest, expected: dict) -> None:
    at = app.run()
    at.switch_page(app_store.page("multiplier")).run()
    assert_clean(at)
    lm3 = expected["lm3"]
    values = shown(at)
    assert values[lm3["label"]] == f"{lm3['value']:.2f}"
    assert values["Sensitivity band"] == f"{lm3['low']:.2f} – {lm3['high']:.2f}"
    assert values["£1 with a local supplier is worth"] == f"£{lm3['value_per_pound_local']:.2f}"
    assert any("lower bound" in app_store.shown(w.value) for w in at.warning)
    assert any("procurement-only" in app_store.shown(i.value) for i in at.info)  # no payroll in the hand-made store


def test_leakage_page_and_what_if(app: AppTest, store: Path, expected: dict) -> None:
    at = app.run()
    at.switch_page(app_store.page("leakage")).run()
    assert_clean(at)
    values = shown(at)
    # Gamma Construction (outside the region, division 41 where Local Builders is local): 2000 x 6 + 1500 x 6.
    assert values["Leakage"] == gbp(expected["leakage"]) == gbp(21_000)
    assert values["Addressable leakage"] == gbp(expected["addressable_leakage"])
    whatif = metrics_for(store, "what_if", shift=0.2, sectors=None)
    at.slider(key="shift").set_value(20).run()
    values = shown(at)
    assert values["Kept locally"] == gbp(whatif["shifted"]) == gbp(0.2 * 21_000)
    assert values["New local share"] == pct(whatif["new_local_share"])
    assert values["New LM3"] == f"{whatif['new_lm3']:.2f}"
    assert values["Extra local value"] == gbp(whatif["extra_local_value"])


def test_collaboration_page_is_a_decision_list_with_what_is_behind_each_entry(
    app: AppTest, expected: dict
) -> None:
    from anchorspend.present import collaboration as words

    at = app.run()
    at.switch_page(app_store.page("collaboration")).run()
    assert_clean(at)
    text = app_store.shown(" ".join(m.value for m in at.markdown))
    # the same sentences as the PDF's first page, worked from `metrics --json`
    top = words.top(expected)
    assert top and all(f"{t['what']}:** {t['text']}" in text for t in top)
    # beside each entry, the contracts behind it: both contracts of the register, which end after the period; the
    # tables are drawn when their reader opens them
    behind = at.expander[0]
    assert behind.label == "The 2 contracts behind it"
    ranked = at.dataframe[0].value  # the full table for officers: one row per ranked sector
    assert list(ranked["rank"]) == [e["rank"] for e in words.sectors(expected)]
    app_store.open_behind(at)  # the reader opens them
    contracts = at.expander[0].dataframe[0].value
    assert list(contracts["contract"]) == ["Highways maintenance", "Estates works"]


def test_map_page_renders_offline_with_licences(app: AppTest) -> None:
    at = app.run()
    at.switch_page(app_store.page("map")).run()
    assert_clean(at)
    charts = []
    for tab in ("Across the region", "Inside the local area", "Suppliers", "Collaboration"):
        at.session_state["map_view"] = tab
        at.run()
        if tab == "Across the region":  # the district map is a picture until someone explores it
            assert len(app_store.pictures(at)) == 1 and at.get("plotly_chart") == []
            at.toggle(key="explore_district_map").set_value(True).run()
        else:  # maps on MapLibre are panned and pointed at: interactive at once, no switch
            assert app_store.pictures(at) == [] and not [t for t in at.toggle if t.key.startswith("explore_")]
        assert_clean(at)
        assert len(at.get("plotly_chart")) == 1  # only the open tab draws its map
        charts.append(at.get("plotly_chart")[0])
    for chart in charts:
        spec = json.loads(chart.proto.spec)
        # the district map is shapes on the chart's own canvas (named, with no base map); the others a blank base
        assert chart is charts[0] or spec["layout"]["map"]["style"] == "white-bg"
        # the test store's place is fictional: its maps say the geography is made up, not OS or Royal Mail data
        assert "invented for the fictional demo region" in json.dumps(spec["layout"]["annotations"])
        assert "Contains OS data" not in json.dumps(spec["layout"]["annotations"])
    district = json.loads(charts[0].proto.spec)
    assert "map" not in district["layout"]
    hovers = {trace["name"] for trace in district["data"] if trace.get("fill") == "toself"}
    assert hovers == {"Alpha: £10k", "Beta: £3,000", "Gamma: £21k"}  # 10,200, 3,000 and 21,000 paid there
    names = next(trace for trace in district["data"] if trace.get("mode") == "text")
    # the region's districts, each named on the map with what was paid there (a picture has no hover)
    assert sorted(names["text"]) == ["Alpha<br>£10k", "Beta<br>£3,000"]


def test_suppliers_page_search_and_detail(app: AppTest) -> None:
    at = app.run()
    at.switch_page(app_store.page("suppliers")).run()
    assert_clean(at)
    assert len(at.dataframe[0].value) == 5  # every organisation; individuals are never suppliers
    at.text_input(key="supplier_q").set_value("gamma").run()
    assert list(at.dataframe[0].value["name"]) == ["Gamma Construction PLC"]


def test_data_page_shows_store(app: AppTest) -> None:
    at = app.run()
    at.switch_page(app_store.page("data")).run()
    assert_clean(at)
    assert [t.label for t in at.tabs][:3] == ["Load a spend file", "Files loaded", "Coverage"]
    texts = [df.value for df in at.dataframe]
    assert any("change_by" in c or "changed_by" in c for df in texts for c in df.columns)


def test_workshop_mode_from_url(app: AppTest) -> None:
    app.query_params["mode"] = "workshop"
    at = app.run()
    assert_clean(at)
    assert at.title[0].value == "How much of our spend stays local"
    assert "Stays local" in shown(at)
    assert any(m.value.startswith("Out of every £1") for m in at.markdown)
    at.switch_page(app_store.page("collaboration")).run()
    assert "John Smith" not in str(at) and "Redacted" not in str(at)


def test_locked_workshop_hides_data_page(app: AppTest, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ANCHORSPEND_LOCK_WORKSHOP", "1")
    at = app.run()
    assert [b.label for b in at.sidebar.button] == ["Change the view"]  # no way out of a locked room
    at.switch_page(app_store.page("data")).run()  # out of the menu; a link to it says why it is closed
    assert any("not part of workshop mode" in app_store.shown(i.value) for i in at.info)
    assert not at.tabs and not at.file_uploader


def test_data_page_needs_the_password_when_set(app: AppTest) -> None:
    app.secrets["admin_password"] = "correct horse"
    at = app.run()
    at.switch_page(app_store.page("data")).run()
    assert not at.tabs and at.text_input  # a sign-in form, no data tabs
    at.text_input[0].input("wrong")
    at.button[0].click().run()
    assert any("not right" in app_store.shown(e.value) for e in at.error) and not at.tabs
    at.text_input[0].input("correct horse")
    at.button[0].click().run()
    assert [t.label for t in at.tabs][0] == "Load a spend file"


def test_new_data_shows_without_a_restart(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A write by another process shows on the next run: caches follow the store's stamp."""
    from anchorspend import db
    from anchorspend.metrics import refresh

    store = app_store.build(tmp_path / "live.duckdb")
    monkeypatch.setenv("ANCHORSPEND_DB", str(store))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert shown(at)["Spend in scope"] == gbp(36_900)
    with db.connect(store) as con, db.transaction(con):  # 63,100 more with the local builder in May 2024
        con.execute(
            "insert into payments (anchor_id, file_id, row_number, paid_on, amount_gbp, alias_id,"
            " supplier_raw)"
            " values (1, 1, 99, date '2024-05-20', 63100, 1, 'Local Builders Ltd')"
        )
    with db.connect(store) as con:
        refresh(con)
    at.run()
    assert shown(at)["Spend in scope"] == gbp(100_000)
    assert shown(at)["Local share"] == pct((10_200 + 63_100) / 100_000)
