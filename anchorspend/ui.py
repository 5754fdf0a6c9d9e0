"""Everything the pages share: the store connection, cached queries. The only module that imports Streamlit."""

from __future__ import annotations

import os

import polars as pl
import streamlit as st

from anchorspend import db
from anchorspend.config import Settings


def database_path() -> str:
    """The store the app shows."""
    return str(Settings.from_env().database_path)


def store_stamp(path: str) -> int:
    """Changes whenever a writer commits, so cached results follow new data without a restart."""
    try:
        return os.stat(path).st_mtime_ns
    except FileNotFoundError:
        return 0


@st.cache_data(ttl="1h", show_spinner=False)
def _cached_query(path: str, stamp: int, name: str, params: tuple[tuple[str, object], ...]) -> pl.DataFrame:
    with db.connect(path, read_only=True, wait_s=30) as con:
        return db.run_query(con, name, **dict(params))


def query(name: str, **params: object) -> pl.DataFrame:
    """Run queries/<name>.sql on the store, cached by its parameters and the store's last change."""
    path = database_path()
    if not os.path.exists(path):
        return pl.DataFrame()
    return _cached_query(path, store_stamp(path), name, tuple(sorted(params.items())))
