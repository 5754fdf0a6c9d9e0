"""Warming the app's caches in the background (anchorspend.ui.warm): a new visitor's view is worked out before
anyone asks, and again after every write."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import app_store
import pytest
from streamlit.testing.v1 import AppTest

from anchorspend import db, metrics
from anchorspend.ui import reads, stills, warm
from anchorspend.ui.sidebar import default_filters
from anchorspend.view import gbp

# tests/app_store.py: payments from April 2023 (the council's baseline year) to 15 September 2024
FIRST, LAST = date(2023, 4, 15), date(2024, 9, 15)


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = app_store.build(tmp_path / "store.duckdb")  # a new path: no cache entry of another test matches
    monkeypatch.setenv("ANCHORSPEND_DB", str(path))
    monkeypatch.delenv("ANCHORSPEND_LOCK_WORKSHOP", raising=False)
    return path


@pytest.fixture
def computed(monkeypatch: pytest.MonkeyPatch) -> list[metrics.Scope]:
    """Every scope metrics.compute works out from here on (a cache hit adds none)."""
    scopes: list[metrics.Scope] = []
    original = metrics.compute

    def counting(con, scope, *args, **kwargs):  # noqa: ANN001, ANN202 - the signature of metrics.compute
        scopes.append(scope)
        return original(con, scope, *args, **kwargs)

    monkeypatch.setattr(metrics, "compute", counting)
    return scopes


def wait_for(condition: Callable[[], bool], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def test_the_default_filters_are_a_new_visitors(store: Path) -> None:
    at = AppTest.from_file(app_store.APP, default_timeout=60).run()
    filters = default_filters(FIRST, LAST)
    assert at.session_state["filters"] == filters
    # the newest financial year, to the last payment (the weekly report's default period), every anchor
    assert (filters.date_from, filters.date_to, filters.anchors) == (date(2024, 4, 1), LAST, ())
    assert filters.period_label == "2024-25 (to 15 Sep 2024)" and filters.influenceable_only


def test_the_overview_finds_the_default_view_worked_out(store: Path, computed: list) -> None:
    warm.warm_default_view()
    assert [(s.date_from, s.date_to) for s in computed] == [(date(2024, 4, 1), LAST)]
    at = AppTest.from_file(app_store.APP, default_timeout=60).run()
    assert not at.exception
    assert {m.label: m.value for m in at.metric}["Spend in scope"] == gbp(36_900)
    assert len(computed) == 1  # the page read what the warming computed


def test_a_write_is_worked_out_before_anyone_asks(store: Path, computed: list) -> None:
    stop = threading.Event()
    follower = threading.Thread(target=warm.follow_the_store, args=(stop, 0.05))
    follower.start()
    try:
        wait_for(lambda: len(computed) == 1)  # at once
        # A write and its refresh, on one connection as a load makes them: the follower's reads wait for it (in
        # another process for its lock; in this one db.connect waits too), so it sees only the end result.
        with db.connect(store) as con:
            with db.transaction(con):  # 63,100 more with the local builder in May 2024
                con.execute(
                    "insert into payments (anchor_id, file_id, row_number, paid_on, amount_gbp, alias_id,"
                    " supplier_raw) values (1, 1, 99, date '2024-05-20', 63100, 1, 'Local Builders Ltd')"
                )
            metrics.refresh(con)
        wait_for(lambda: len(computed) == 2)
    finally:
        stop.set()
        follower.join(timeout=60)
    assert not follower.is_alive()
    assert reads.compute(default_filters(FIRST, LAST))["total_spend"] == pytest.approx(100_000)
    assert len(computed) == 2  # the new numbers were there already


def open_the_overview_at_a_desk_and_in_a_workshop() -> None:
    """Open the Overview in each mode, as a new visitor would; each shows its three charts as pictures."""
    for mode in ("normal", "workshop"):
        at = AppTest.from_file(app_store.APP, default_timeout=60)
        if mode == "workshop":
            at.query_params["mode"] = "workshop"
        at.run()
        assert not at.exception
        assert len([e for e in at.get("html") if 'class="chart"' in e.proto.body]) == 3, mode


def test_a_desk_and_a_workshop_find_the_first_pages_pictures_drawn(
    store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    drawn: list[int] = []
    draw = stills.to_svg

    def counting(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202 - report.svg.to_svg's signature
        drawn.append(1)
        return draw(*args, **kwargs)

    monkeypatch.setattr(stills, "to_svg", counting)
    stills._drawn.clear()
    warm.warm_default_view()
    assert len(drawn) == 6  # the Overview's month, anchors and types charts, at a desk and on a projector
    open_the_overview_at_a_desk_and_in_a_workshop()
    assert len(drawn) == 6  # the pages showed the pictures the warming drew


def test_with_no_place_the_overview_finds_the_pictures_it_draws_drawn(
    store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With no place set the Overview draws spend by whether its location is known, not by tier: the warming must
    draw those charts, not the ones a place would give (which no page then shows)."""
    app_store.forget_place(store)
    drawn: list[str] = []
    draw = stills.to_svg

    def recording(fig, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202 - report.svg.to_svg's signature
        drawn.append(" ".join(str(trace.name) for trace in fig.data))
        return draw(fig, *args, **kwargs)

    monkeypatch.setattr(stills, "to_svg", recording)
    stills._drawn.clear()
    warm.warm_default_view()
    warmed = list(drawn)
    assert len(warmed) == 6 and not any("Local" in names for names in warmed), warmed  # no tier is drawn
    open_the_overview_at_a_desk_and_in_a_workshop()
    assert drawn == warmed, drawn[len(warmed) :]  # the pages drew nothing the warming had not drawn


def test_a_page_under_apptest_starts_no_warming_thread(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """AppTest stands a mock in for the Runtime: a warming thread started there outlived the test and computed the
    next test's store behind its back (an extra computation seen by tests/test_data_versions.py)."""
    monkeypatch.setattr(warm, "_started", threading.Event())  # as in a process that has not started one yet
    at = AppTest.from_file(app_store.APP, default_timeout=60).run()
    assert not at.exception
    assert not warm._started.is_set()
    assert warm.THREAD not in {thread.name for thread in threading.enumerate()}
