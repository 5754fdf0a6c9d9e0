"""Anchor Spend: the router. Draws the shared sidebar, then runs the chosen page (anchorspend/ui/router.py)."""

import streamlit as st

from anchorspend import ui

st.set_page_config(page_title="Anchor Spend", page_icon=":material/account_balance:", layout="wide")
ui.route()
