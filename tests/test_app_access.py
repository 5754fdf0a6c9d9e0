"""Who may change what: sign-in for assumption edits and the Data page, and the workshop lock."""

from __future__ import annotations

from pathlib import Path

import app_store
import pytest
from app_store import open_page, problems, sign_in
from streamlit.testing.v1 import AppTest

PASSWORD = "correct horse"
CLOSED_LOCKED = (
    "This page is not part of workshop mode: it is for changing the data, and it can show the names of people who "
    "were paid. Workshop mode is kept on for this room; the pages in the menu on the left show every figure."
)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return app_store.build(tmp_path_factory.mktemp("access") / "store.duckdb")


@pytest.fixture(autouse=True)
def use_store(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ANCHORSPEND_DB", str(store))
    monkeypatch.delenv("ANCHORSPEND_LOCK_WORKSHOP", raising=False)


def test_assumption_edits_need_sign_in_and_reading_does_not(store: Path) -> None:
    at = open_page(store, "pages/multiplier.py", password=PASSWORD)
    assert not problems(at)
    assert not at.data_editor and not any(b.key == "save_respend_rates" for b in at.button)
    assert any(app_store.shown(i.value) == "Sign in to change these assumptions." for i in at.info)
    assert any("local" in list(d.value.get("supplier_tier", [])) for d in at.dataframe)  # still readable
    sign_in(at, "wrong", form="sign_in_respend_rates")
    assert [app_store.shown(e.value) for e in at.error] == ["That password is not right."] and not at.data_editor
    sign_in(at, PASSWORD, form="sign_in_respend_rates")
    assert not problems(at)
    assert {d.key for d in at.data_editor} == {"edit_respend_rates", "edit_anchor_payroll"}
    assert any(b.key == "save_respend_rates" for b in at.button)
    at.switch_page(app_store.page("data")).run()  # signed in once for the session: the Data page opens too
    assert [t.label for t in at.tabs][0] == "Load a spend file"


def test_without_a_password_the_local_user_may_edit(store: Path) -> None:
    at = open_page(store, "pages/multiplier.py")
    assert {d.key for d in at.data_editor} == {"edit_respend_rates", "edit_anchor_payroll"}
    assert not any(app_store.shown(i.value).startswith("Sign in") for i in at.info)


OIDC = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "x" * 32,
    "client_id": "id",
    "client_secret": "secret",
    "server_metadata_url": "https://example.invalid/.well-known/openid-configuration",
}


def test_the_data_page_asks_for_an_oidc_sign_in_when_configured() -> None:
    at = AppTest.from_file(app_store.APP, default_timeout=60)
    at.secrets["auth"] = OIDC
    at.user = {"is_logged_in": False}
    at.run()
    at.switch_page(app_store.page("data")).run()
    assert not problems(at) and not at.tabs and not at.text_input
    assert [b.label for b in at.button] == ["Sign in"]
    at.user = {"is_logged_in": True, "email": "lead@council.example"}
    at.run()
    assert not problems(at) and [t.label for t in at.tabs][0] == "Load a spend file"
    assert "Signed in as lead@council.example." in app_store.shown(at.caption[0].value)


@pytest.mark.parametrize("how", ["secrets", "environment"])
def test_workshop_lock_keeps_workshop_mode_on_and_hides_admin_pages(how: str, monkeypatch: pytest.MonkeyPatch) -> None:
    at = AppTest.from_file(app_store.APP, default_timeout=60)
    if how == "secrets":
        at.secrets["lock_workshop"] = True
    else:
        monkeypatch.setenv("ANCHORSPEND_LOCK_WORKSHOP", "yes")
    at.query_params["workshop"] = "false"  # a link asking for the full view does not unlock it
    at.run()
    assert not problems(at)
    assert [b.label for b in at.sidebar.button] == ["Change the view"]  # no "Leave workshop mode"
    assert at.title[0].value == "How much of our spend stays local"  # plain words
    for page, widget in (("data", "file_uploader"), ("suppliers", "text_input")):
        at.switch_page(app_store.page(page)).run()  # a link still opens it: closed, saying why and where to go
        assert [app_store.shown(i.value) for i in at.info] == [CLOSED_LOCKED]
        assert not at.dataframe and not getattr(at, widget)
    at.switch_page(app_store.page("leakage")).run()
    at.button(key="change_view").click().run()  # with the view's menus open, the mode's switch cannot be moved
    toggle = at.toggle(key="workshop")
    assert toggle.value is True and toggle.disabled and not problems(at)


@pytest.mark.parametrize(("page", "widget"), [("pages/data.py", "file_uploader"), ("pages/suppliers.py", "text_input")])
def test_a_link_straight_to_an_admin_page_stays_closed_when_workshop_mode_is_locked(
    page: str, widget: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The server runs a page without the router when a link to it is the first visit after a start."""
    monkeypatch.setenv("ANCHORSPEND_LOCK_WORKSHOP", "yes")
    at = AppTest.from_file(str(Path(__file__).resolve().parent.parent / page), default_timeout=60).run()
    assert not at.exception
    assert [app_store.shown(i.value) for i in at.info] == [CLOSED_LOCKED]
    assert not at.dataframe and not getattr(at, widget)


def test_wrong_passwords_make_the_session_wait_and_new_sessions_do_not_reset_the_count(
    store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from anchorspend.throttle import Throttle
    from anchorspend.ui import auth

    now = [0.0]
    monkeypatch.setattr(auth, "SIGN_IN", Throttle(free=3, wait_s=10, global_free=5, clock=lambda: now[0]))
    at = open_page(store, "pages/data.py", password=PASSWORD)
    for _ in range(3):
        sign_in(at, "guess")
        assert [app_store.shown(e.value) for e in at.error] == ["That password is not right."]
    sign_in(at, PASSWORD)  # even the right one is not looked at while the session waits
    assert [app_store.shown(e.value) for e in at.error] == ["Too many wrong passwords. Try again in 10 seconds."]
    assert not at.tabs
    others = [open_page(store, "pages/data.py", password=PASSWORD) for _ in range(2)]
    sign_in(others[0], "guess")
    sign_in(others[1], "guess")  # the fifth failure in the process: everyone waits a minute
    sign_in(others[1], PASSWORD)
    assert app_store.shown(others[1].error[0].value) == "Too many wrong passwords. Try again in 60 seconds."
    now[0] += 60
    sign_in(at, PASSWORD)
    assert not problems(at) and [t.label for t in at.tabs][0] == "Load a spend file"
