"""Settings from secrets and workshop mode (large type, plain words, no admin pages, no payee names)."""

from __future__ import annotations

import os
from typing import Any

import streamlit as st

ADMIN_PAGES = ("Suppliers", "Data")


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
    """On an admin page: in workshop mode say it is closed and return True (a shared link can still open it)."""
    if workshop():
        st.info("This page is not part of workshop mode.")
        return True
    return False


def workshop_style() -> None:
    """Large type for a projector."""
    st.html("""<style>
      html, body, [data-testid="stAppViewContainer"] { font-size: 20px; }
      [data-testid="stMetricValue"], [data-testid="stMetricValue"] * {
        font-size: 3.2rem !important; line-height: 1.2; }
      [data-testid="stMetricLabel"] p { font-size: 1.25rem !important; }
      [data-testid="stMetricDelta"] * { font-size: 1rem !important; }
      [data-testid="stMain"] [data-testid="stMarkdownContainer"] p { font-size: 1.2rem; }
      [data-testid="stMain"] [data-testid="stCaptionContainer"],
      [data-testid="stMain"] [data-testid="stCaptionContainer"] * { font-size: 1rem; color: #31333f !important; }
    </style>""")
