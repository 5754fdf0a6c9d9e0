"""Anchor Spend: the router. Lists the pages; the shared sidebar lives in anchorspend.ui."""

import streamlit as st

st.set_page_config(page_title="Anchor Spend", page_icon=":material/account_balance:", layout="wide")

pages = [st.Page("pages/store.py", title="Store", icon=":material/database:", default=True)]
st.navigation(pages).run()
