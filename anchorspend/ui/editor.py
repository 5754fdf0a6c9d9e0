"""Editing the user-editable tables (influenceable rules, LM3 assumptions): sign-in, save, log."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import duckdb
import polars as pl
import streamlit as st

from anchorspend.ui.auth import sign_in_form, signed_in
from anchorspend.ui.store import query, writable
from anchorspend.ui.tables import editor_layout, frame_table
from anchorspend.view import literal


def editor(name: str, query_name: str, help_text: str, column_config: Mapping[str, Any] | None = None) -> None:
    """Edit one of the user-editable tables; saving needs sign-in when configured and is logged."""
    from anchorspend import db, edits, pipeline

    before = query(query_name)
    columns = list(edits.EDITABLE[name].columns)
    extra = [c for c in before.columns if c not in columns]
    st.caption(help_text)
    who = signed_in()
    if who is None:  # reading is open; changing needs sign-in
        frame_table(before, hide_index=True)  # sized to a desk's screen like every table
        sign_in_form("change these assumptions", key=f"sign_in_{name}")
        return
    sized = editor_layout(before, dict(column_config or {}))
    edited = st.data_editor(
        before.to_pandas()
        if not before.is_empty()
        else pl.DataFrame(schema={c: pl.String for c in columns}).to_pandas(),
        num_rows="dynamic",
        hide_index=True,
        key=f"edit_{name}",
        disabled=extra + (["rule_id"] if "rule_id" in columns else []),
        column_config=sized["column_config"],
        row_height=sized["row_height"],
    )
    if f"saved_{name}" in st.session_state:
        st.success(st.session_state.pop(f"saved_{name}"))
    if st.button("Save changes", key=f"save_{name}", type="primary"):
        try:
            with db.acting_as(who), writable() as con:  # the refresh's own log lines name the user too
                changed = edits.save_table(con, name, before, pl.from_pandas(edited).drop(extra, strict=False), who)
                if db.refresh_pending(con):  # a rule edit: the summary leaves out other payments now
                    pipeline.refresh(con)
        except (ValueError, duckdb.Error) as exc:  # a row the table cannot hold: say which, keep the edits
            st.error(f"Not saved: {literal(str(exc).splitlines()[0])}")
            return
        st.session_state[f"saved_{name}"] = f"Saved: {changed} row(s) changed, kept in the change log."
        del st.session_state[f"edit_{name}"]  # the saved table is the new starting point
        st.rerun()

