"""The presentation layer: one home for how figures are named, defined, written and explained (no Streamlit)."""
