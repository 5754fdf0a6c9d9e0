"""Sign-in: who may change things (OIDC when configured, else an administrator password, else local use)."""

from __future__ import annotations

import hmac
import math
import uuid

import streamlit as st

from anchorspend.throttle import Throttle
from anchorspend.ui.mode import secret

SIGN_IN = Throttle()  # one per server process: every session's wrong passwords count


def auth_mode() -> str | None:
    """'oidc' when [auth] is configured, 'password' when admin_password is set, else None (local use)."""
    if secret("auth"):
        return "oidc"
    if secret("admin_password"):
        return "password"
    return None


def signed_in() -> str | None:
    """Who may change things now: the signed-in user, 'app:local' when no sign-in is configured, else None."""
    mode = auth_mode()
    if mode is None:
        return "app:local"
    if mode == "oidc":
        if st.user.get("is_logged_in"):  # .get: st.user lacks the attribute when the auth section is unread
            return f"app:{st.user.get('email') or st.user.get('name') or 'user'}"
        return None
    return "app:admin" if st.session_state.get("_signed_in") else None


def sign_in_form(what: str, key: str = "sign_in") -> None:
    """Ask for sign-in in place (the rest of the page still shows); a right password reruns the page."""
    st.info(f"Sign in to {what}.")
    if auth_mode() == "oidc":
        st.button("Sign in", on_click=st.login, type="primary", key=f"{key}_oidc")
        return
    with st.form(key):
        password = st.text_input("Administrator password", type="password", key=f"{key}_password")
        submitted = st.form_submit_button("Sign in", type="primary")
    if not submitted:
        return
    session = st.session_state.setdefault("_sign_in_session", uuid.uuid4().hex)
    if wait := SIGN_IN.wait(session):  # not even checked: guessing must not go faster than the wait
        st.error(f"Too many wrong passwords. Try again in {math.ceil(wait)} seconds.")
        return
    if hmac.compare_digest(password.encode(), str(secret("admin_password")).encode()):
        SIGN_IN.succeeded(session)
        st.session_state["_signed_in"] = True
        st.rerun()
    SIGN_IN.failed(session)
    st.error("That password is not right.")


def require_sign_in(what: str) -> str:
    """Return who is signed in; otherwise show the sign-in form and stop the page."""
    who = signed_in()
    if who:
        return who
    sign_in_form(what)
    st.stop()
    return ""  # unreachable: st.stop() raises
