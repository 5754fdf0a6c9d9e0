"""What is in the store: anchors, files and rows loaded."""

import streamlit as st

from anchorspend import ui

st.title("What is in the store")
summary = ui.query("store_summary")
if summary.is_empty():
    st.info("The store is empty. Load spend files with `anchorspend ingest` or build the demo with `anchorspend demo`.")
else:
    st.dataframe(summary, hide_index=True)
