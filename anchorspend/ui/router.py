"""The router app.py runs: the shared sidebar, then the chosen page through st.navigation.

Until some run calls st.navigation, Streamlit treats the pages/ folder beside app.py as an old-style multipage
app and runs a page file on its own (a fresh server's first visitor following a link to /map, or AppTest after
switch_page). Such a page calls route() itself (ui.run): st.navigation then runs it again inside the router, and
from that call on Streamlit uses st.navigation for every run.
"""

from __future__ import annotations

import threading
from pathlib import Path

import streamlit as st

from anchorspend.ui import warm
from anchorspend.ui.mode import ADMIN_PAGES, base_style, workshop
from anchorspend.ui.sidebar import sidebar

PAGES = (
    ("pages/overview.py", "Overview", ":material/dashboard:"),
    ("pages/multiplier.py", "Local multiplier", ":material/autorenew:"),
    ("pages/leakage.py", "Leakage", ":material/water_drop:"),
    ("pages/collaboration.py", "Collaboration", ":material/handshake:"),
    ("pages/map.py", "Map", ":material/map:"),
    ("pages/suppliers.py", "Suppliers", ":material/store:"),
    ("pages/data.py", "Data", ":material/upload_file:"),
    ("pages/report.py", "Report", ":material/picture_as_pdf:"),
)
ROOT = Path(__file__).resolve().parents[2]  # pages/ sits beside app.py at the top of the repository
_state = threading.local()  # one script run is one thread


def routing() -> bool:
    """Whether this script run is inside route() (so a page's body may run)."""
    return bool(getattr(_state, "active", False))


def _pages() -> list[st.Page]:
    """Every page; in workshop mode the admin pages are left out of the menu but still answer a link, saying why
    they are closed (rather than Streamlit's bare "Page not found")."""
    hidden = ADMIN_PAGES if workshop() else ()
    return [
        st.Page(
            ROOT / path,
            title=title,
            icon=icon,
            default=title == "Overview",
            visibility="hidden" if title in hidden else "visible",
        )
        for path, title, icon in PAGES
    ]


def take_over() -> bool:
    """For a page file that Streamlit ran on its own: declare the router's pages and run again (True), unless
    this run is already the second go (False: then the page file is the app's own entry, as in a test)."""
    if st.session_state.pop("_took_over", False):
        return False
    st.session_state["_took_over"] = True
    st.navigation(_pages(), position="hidden")
    st.rerun()
    return True  # unreachable: st.rerun() raises


def route() -> None:
    """Draw the shared sidebar, then run the page the URL names (workshop mode hides the admin pages' links)."""
    if not st.session_state.get("_routed"):
        # A session's first run: declare the pages before any widget exists, so that from here on every run
        # goes through this router (see the module docstring), then start again.
        st.session_state["_routed"] = True
        take_over()
    st.session_state.pop("_took_over", None)
    warm.start()
    _state.active = True
    try:
        base_style()
        st.session_state["filters"] = sidebar()
        st.navigation(_pages()).run()
    finally:
        _state.active = False
