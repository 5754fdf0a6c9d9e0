"""Anchor Spend: the router. Draws the shared sidebar, then runs the chosen page (anchorspend/ui/router.py)."""

import streamlit as st

from anchorspend import ui

# An emoji icon is drawn by the browser; a :material/...: page icon is fetched from fonts.gstatic.com.
# On a projector (workshop mode) the page gets the whole width: the sidebar starts collapsed.
projector = ui.workshop() or st.query_params.get("mode") == "workshop"
st.set_page_config(
    page_title="Anchor Spend",
    page_icon="🏛️",
    layout="wide",
    initial_sidebar_state="collapsed" if projector else "auto",
)
ui.route()
