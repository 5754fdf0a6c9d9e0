"""Anchor Spend: the router. Draws the shared sidebar, then runs the chosen page (anchorspend/ui/router.py)."""

import streamlit as st

from anchorspend import ui

# An emoji icon is drawn by the browser; a :material/...: page icon is fetched from fonts.gstatic.com.
st.set_page_config(page_title="Anchor Spend", page_icon="🏛️", layout="wide")
ui.route()
