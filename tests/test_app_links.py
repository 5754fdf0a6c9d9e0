"""Shared links: readable URL codes for the sidebar's filters, read back in a new session (and old links)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import app_store
import pytest
from streamlit.testing.v1 import AppTest

from anchorspend import links

APP = app_store.APP
ANCHOR_IDS = {1: app_store.COUNCIL, 2: app_store.TRUST}  # inserted in this order by tests/app_store.py


@pytest.mark.parametrize(
    ("code", "kind", "start", "end"),
    [
        ("2024-25", "fy", date(2024, 4, 1), date(2025, 3, 31)),
        ("2024-Q1", "quarter", date(2024, 4, 1), date(2024, 6, 30)),
        ("2024-Q3", "quarter", date(2024, 10, 1), date(2024, 12, 31)),
        ("2024-Q4", "quarter", date(2025, 1, 1), date(2025, 3, 31)),
        ("2024-07", "month", date(2024, 7, 1), date(2024, 7, 31)),
        ("2024-02", "month", date(2024, 2, 1), date(2024, 2, 29)),
        ("2024-04-01..2024-06-30", "custom", date(2024, 4, 1), date(2024, 6, 30)),
    ],
)
def test_period_codes_read_and_write(code: str, kind: str, start: date, end: date) -> None:
    period = links.parse_period(code)
    assert (period.kind, period.start, period.end) == (kind, start, end)
    assert period.code == code


@pytest.mark.parametrize(
    ("label", "code"),
    [("May 2024", "2024-05"), ("2023-24 Q4 (Jan-Mar 2024)", "2023-Q4"), ("2024/25", "2024-25")],
)
def test_older_labels_still_read(label: str, code: str) -> None:
    assert links.parse_period(label).code == code


@pytest.mark.parametrize("bad", ["2024-13", "2024-Q5", "last year", "2024-06-30..2024-04-01", ""])
def test_unreadable_periods_say_what_is_expected(bad: str) -> None:
    with pytest.raises(ValueError, match="period"):
        links.parse_period(bad)


def test_every_sidebar_choice_has_a_code_that_reads_back() -> None:
    for kind in ("fy", "quarter", "month"):
        for code in links.period_choices(kind, date(2022, 11, 3), date(2025, 2, 1)):
            assert links.parse_period(code).code == code


def test_a_label_based_link_reads_as_codes() -> None:
    older = {
        "period": ["Month"],
        "month": ["May 2024"],
        "anchor": ["Alpha NHS Trust"],
        "influenceable": ["false"],
        "local": ["Beta (E07000002)"],
        "workshop": ["true"],
    }
    view = links.read(older, ANCHOR_IDS)
    assert view.period == links.calendar_month(2024, 5)
    assert view.anchors == (app_store.TRUST,)
    assert view.local == ("E07000002",) and view.all_spend and view.workshop and not view.problems
    assert links.write(view.period, view.anchors, {v: k for k, v in ANCHOR_IDS.items()}, view.local) == {
        "period": "2024-05",
        "anchor": "2",
        "local": "E07000002",
    }


def test_unknown_anchor_is_reported_not_fatal() -> None:
    view = links.read({"anchor": ["2,9"], "period": ["someday"]}, ANCHOR_IDS)
    assert view.anchors == (app_store.TRUST,)
    assert any("anchor 9" in p for p in view.problems) and any("someday" in p for p in view.problems)


# ---------------------------------------------------------------- in the app


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return app_store.build(tmp_path_factory.mktemp("links") / "store.duckdb")


def open_link(store: Path, monkeypatch: pytest.MonkeyPatch, **params: str) -> AppTest:
    """A new session opened on a URL with these query parameters."""
    monkeypatch.setenv("ANCHORSPEND_DB", str(store))
    monkeypatch.delenv("ANCHORSPEND_LOCK_WORKSHOP", raising=False)
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def headlines(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_a_link_sets_period_anchor_and_spend_basis(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = open_link(store, monkeypatch, period="2024-05", anchor="2", spend="all")
    # The trust in May 2024 (tests/app_store.py): 400 local + 1500 outside + 100 local = 2,000; 500 local.
    assert headlines(at)["Spend in scope"] == "£2,000" and headlines(at)["Local share"] == "25.0%"
    assert at.selectbox(key="period").value == "month" and at.selectbox(key="month").value == "2024-05"
    assert at.multiselect(key="anchor").value == [app_store.TRUST]
    assert at.toggle(key="influenceable").value is False
    assert dict(at.query_params) == {"period": "2024-05", "anchor": "2", "spend": "all"}


def test_changes_go_into_the_url_and_a_new_session_shows_the_same_view(
    store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = open_link(store, monkeypatch)
    assert dict(at.query_params) == {"period": "2024-25"}  # the default period is written out too
    at.selectbox(key="period").set_value("quarter").run()
    at.selectbox(key="quarter").set_value("2024-Q2").run()
    at.multiselect(key="anchor").set_value([app_store.COUNCIL]).run()
    at.multiselect(key="local").set_value(["E07000002"]).run()
    shared = {k: at.query_params[k] for k in at.query_params}
    regional = "E07000001,E07000002"  # the stored regional tier, which includes the new local one
    assert shared == {"period": "2024-Q2", "anchor": "1", "local": "E07000002", "regional": regional}
    again = open_link(store, monkeypatch, **shared)
    assert headlines(again) == headlines(at)
    # By hand: the council, Jul-Sep 2024, local = Beta only: 500 of 4,150 a month.
    assert headlines(again)["Local share"] == f"{500 / 4_150:.1%}"
    caption = app_store.shown(again.caption[0].value)
    assert "2024-25 Q2 (Jul-Sep 2024)" in caption and "· Alpha Council ·" in caption


def test_custom_dates_and_workshop_mode(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = open_link(store, monkeypatch, period="2024-04-01..2024-05-31", mode="workshop")
    assert at.title[0].value == "How much of our spend stays local"
    # both anchors, two months, influenceable: (1000+500+2000+300+200 + 400+1500+100) x 2
    assert "£12k" in headlines(at).values()
    assert dict(at.query_params) == {"period": "2024-04-01..2024-05-31", "mode": "workshop"}
    # the view is said under the title; its menus wait behind one button
    assert "01 Apr 2024 to 31 May 2024" in app_store.shown(at.caption[0].value)
    assert [b.label for b in at.sidebar.button] == ["Change the view", "Leave workshop mode"]
    assert not at.sidebar.selectbox and not at.sidebar.multiselect and not at.sidebar.toggle
    at.button(key="change_view").click().run()
    assert at.toggle(key="workshop").value is True
    assert at.date_input(key="dates").value == (date(2024, 4, 1), date(2024, 5, 31))
    assert "£12k" in headlines(at).values()
    assert [b.label for b in at.sidebar.button] == ["Done"]


def test_workshop_mode_keeps_the_view_through_runs_without_its_menus(
    store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Streamlit forgets a widget's value in a run that does not draw it: the slim workshop sidebar must not."""
    at = open_link(store, monkeypatch, period="2024-05", anchor="2", spend="all", local="E07000002", mode="workshop")
    first = headlines(at)
    for _ in range(3):  # runs with the menus put away (a rerun, as a click on a page does)
        at.run()
    assert headlines(at) == first
    link = {"period": "2024-05", "anchor": "2", "spend": "all", "local": "E07000002", "mode": "workshop"}
    assert {k: at.query_params[k] for k in at.query_params} == link | {"regional": "E07000001,E07000002"}
    at.button(key="change_view").click().run()  # the menus show the link's view
    assert at.selectbox(key="period").value == "month" and at.selectbox(key="month").value == "2024-05"
    assert at.multiselect(key="anchor").value == [app_store.TRUST]
    assert at.toggle(key="influenceable").value is False
    assert at.multiselect(key="local").value == ["E07000002"]
    at.selectbox(key="month").set_value("2024-04").run()  # a change made with the menus open ...
    at.button(key="change_view").click().run()  # ... stays after "Done"
    assert not at.sidebar.selectbox
    at.run()
    assert at.query_params["period"] == "2024-04" and at.query_params["anchor"] == "2"


def test_leaving_workshop_mode_from_the_slim_sidebar(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = open_link(store, monkeypatch, period="2024-05", anchor="2", mode="workshop")
    at.switch_page(app_store.page("data")).run()  # closed in a workshop, naming the button that opens it
    assert any('"Leave workshop mode" in the sidebar' in app_store.shown(i.value) for i in at.info)
    at.button(key="leave_workshop").click().run()
    assert at.file_uploader, [i.value for i in at.info]  # the same page, open
    at.switch_page(app_store.page("overview")).run()
    assert at.title[0].value == "Overview" and at.toggle(key="workshop").value is False
    assert at.multiselect(key="anchor").value == [app_store.TRUST]  # the same view, in the officers' words
    assert dict(at.query_params) == {"period": "2024-05", "anchor": "2"}
    at.toggle(key="workshop").set_value(True).run()  # turned on again: the menus are put away again
    assert [b.label for b in at.sidebar.button] == ["Change the view", "Leave workshop mode"]


def test_a_locked_workshop_cannot_be_left(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ANCHORSPEND_LOCK_WORKSHOP", "1")
    monkeypatch.setenv("ANCHORSPEND_DB", str(store))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert [b.label for b in at.sidebar.button] == ["Change the view"]
    at.button(key="change_view").click().run()
    assert at.toggle(key="workshop").value is True and at.toggle(key="workshop").disabled


def test_an_old_label_link_still_opens_and_is_rewritten(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = open_link(
        store, monkeypatch, period="Month", month="May 2024", anchor="Alpha NHS Trust", influenceable="false"
    )
    assert headlines(at)["Local share"] == "25.0%"
    assert dict(at.query_params) == {"period": "2024-05", "anchor": "2", "spend": "all"}


def test_a_link_outside_the_data_warns_and_shows_the_default(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = open_link(store, monkeypatch, period="2019-20", anchor="7", local="E09999999")
    warnings = " ".join(app_store.shown(w.value) for w in at.warning)
    assert "2019-20 has no payments loaded" in warnings and "anchor 7" in warnings
    assert "E09999999" in warnings
    assert headlines(at)["Local share"] == "27.6%"  # the default view (tests/test_app_pages.py)


def test_a_link_to_a_page_on_a_fresh_server_goes_through_the_router(
    store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before any run has called st.navigation, Streamlit runs pages/map.py on its own for a link to /map (as
    AppTest does on every run when opened on app.py itself): the page hands over to the router, which draws the
    sidebar and the same page, the link's period applied."""
    monkeypatch.setenv("ANCHORSPEND_DB", str(store))
    monkeypatch.delenv("ANCHORSPEND_LOCK_WORKSHOP", raising=False)
    at = AppTest.from_file(str(Path(app_store.APP).parent.parent / "app.py"), default_timeout=60)
    at.query_params["period"] = "2024-05"
    at.switch_page("pages/map.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert [t.value for t in at.title] == ["Map"]
    assert at.selectbox(key="period").value == "month" and at.selectbox(key="month").value == "2024-05"
    at.selectbox(key="period").set_value("fy").run()  # the next run too: same page, the sidebar's choice kept
    assert [t.value for t in at.title] == ["Map"] and at.selectbox(key="period").value == "fy"
