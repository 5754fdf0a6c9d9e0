"""Settings from secrets and workshop mode (large type, plain words, no admin pages, no payee names)."""

from __future__ import annotations

import os
from typing import Any

import streamlit as st

ADMIN_PAGES = ("Suppliers", "Data")
CLOSED_IN_WORKSHOP = (
    "This page is not part of workshop mode: it is for changing the data, and it can show the names of people "
    "who were paid. "
)
LOCKED = "Workshop mode is kept on for this room; the pages in the menu on the left show every figure."
UNLOCK = 'Use the pages in the menu on the left, or "Leave workshop mode" in the sidebar to open it.'


def secret(name: str, default: Any = None) -> Any:
    """A value from .streamlit/secrets.toml, or default when there is none."""
    try:
        return st.secrets.get(name, default)
    except Exception:  # no secrets file at all
        return default


def workshop_locked() -> bool:
    """A deployment setting that keeps workshop mode on."""
    flag = os.environ.get("ANCHORSPEND_LOCK_WORKSHOP") or secret("lock_workshop", "")
    return str(flag).lower() in ("1", "true", "yes", "on")


def workshop() -> bool:
    """Whether the app is in workshop mode."""
    return workshop_locked() or bool(st.session_state.get("workshop"))


def closed_in_workshop() -> bool:
    """On an admin page: in workshop mode say in a sentence why it is closed and where to go; return True."""
    if workshop():
        st.info(CLOSED_IN_WORKSHOP + (LOCKED if workshop_locked() else UNLOCK))
        return True
    return False


def base_style() -> None:
    """Captions dark enough to read (WCAG AA, 4.5:1 on white): Streamlit fades them to 3.9:1 (text at 60%); headline
    labels and values wrap instead of ending in an ellipsis ("Located by: register bra…" in a quarter-width card);
    a chart drawn as a picture fits a narrower page."""
    st.html("""<style>
      [data-testid="stCaptionContainer"] { opacity: 1 !important; }
      [data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] * { color: #55565c !important; }
      [data-testid="stMetricValue"], [data-testid="stMetricValue"] *,
      [data-testid="stMetricLabel"], [data-testid="stMetricLabel"] * {
        white-space: normal !important; overflow: visible !important; text-overflow: clip !important;
        overflow-wrap: break-word; }
      [data-testid="stMain"] img.chart { display: block; max-width: 100%; height: auto; }
    </style>""")


def workshop_style() -> None:
    """Large type for a projector. Chart pictures fill the column: drawn 1080 px wide for a 1280 px projector, they
    grow with a wider one (1920 px: text half as large again), as the rest of the page's type stays in proportion."""
    st.html("""<style>
      html, body, [data-testid="stAppViewContainer"] { font-size: 20px; }
      [data-testid="stMetricValue"], [data-testid="stMetricValue"] * {
        font-size: 3.2rem !important; line-height: 1.2;
        white-space: normal !important; overflow: visible !important; text-overflow: clip !important; }
      [data-testid="stMetricLabel"], [data-testid="stMetricLabel"] * {
        white-space: normal !important; overflow: visible !important; text-overflow: clip !important; }
      [data-testid="stMetricLabel"] p { font-size: 1.25rem !important; }
      [data-testid="stMetricDelta"] * { font-size: 1rem !important; }
      [data-testid="stMain"] [data-testid="stMarkdownContainer"] p { font-size: 1.2rem; }
      [data-testid="stMain"] [data-testid="stCaptionContainer"],
      [data-testid="stMain"] [data-testid="stCaptionContainer"] * { font-size: 1rem; color: #31333f !important; }
      [data-testid="stTable"] table { table-layout: fixed; width: 100% !important; }
      [data-testid="stTable"] th, [data-testid="stTable"] td,
      [data-testid="stTable"] th *, [data-testid="stTable"] td * {
        font-size: 1rem !important; white-space: normal !important; overflow-wrap: anywhere; }
      [data-testid="stTable"] td { vertical-align: top; }
      [data-testid="stMain"] img.chart { display: block; width: 100%; height: auto; }
    </style>""")
