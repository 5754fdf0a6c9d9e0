"""Anchor Spend: the router. Draws the shared sidebar, then runs the chosen page."""

from pathlib import Path

import streamlit as st

from anchorspend import ui

st.set_page_config(page_title="Anchor Spend", page_icon=":material/account_balance:", layout="wide")

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
HERE = Path(__file__).resolve().parent

st.session_state["filters"] = ui.sidebar()
shown = [
    st.Page(path, title=title, icon=icon, default=title == "Overview")
    for path, title, icon in PAGES
    if (HERE / path).exists() and not (ui.workshop() and title in ui.ADMIN_PAGES)
]
st.navigation(shown).run()
