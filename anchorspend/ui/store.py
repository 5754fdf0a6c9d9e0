"""The store behind the app: where it is, when it last changed, and results cached by that change."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Concatenate, ParamSpec, TypeVar

import duckdb
import polars as pl
import streamlit as st

from anchorspend import db
from anchorspend.config import Settings
from anchorspend.view import Filters

P = ParamSpec("P")
T = TypeVar("T")
CACHE_TTL = "1h"
APP_THREADS = max(1, int(os.environ.get("ANCHORSPEND_APP_THREADS", "1")))  # DuckDB threads per app query


def database_path() -> str:
    """The store the app shows."""
    return str(Settings.from_env().database_path)


def has_store() -> bool:
    """Whether there is a store to show."""
    return os.path.exists(database_path())


def store_stamp(path: str) -> int:
    """The store's version: every committed write changes it, so caches follow new data."""
    return db.version_of(path)


def data_stamp(path: str, filters: Filters) -> tuple:
    """When the numbers for these filters last changed: what every view reads, and the chosen anchors' own data
    (every anchor's for all of them, or for an open period, which the data of every anchor closes)."""
    every = not filters.anchors or filters.date_from is None or filters.date_to is None
    return db.data_versions_of(path).key(None if every else filters.anchors)


def _stamp(path: str, by_anchors: bool, args: tuple, kwargs: dict) -> int | tuple:
    """The stamp a cached read keys on: when it reads by anchors, its filters' data_stamp (with no filters, what
    every view reads: no anchor's data); else the store's version."""
    filters = [value for value in (*args, *kwargs.values()) if isinstance(value, Filters)]
    if not by_anchors or len(filters) > 1:
        return store_stamp(path)
    return data_stamp(path, filters[0]) if filters else db.data_versions_of(path).key(())


def require_store() -> str:
    """The store's path; FileNotFoundError (shown by ui.guard as a hint) when there is none yet."""
    path = database_path()
    if not os.path.exists(path):
        raise FileNotFoundError("There is no store yet: load files on the Data page or run `anchorspend demo`.")
    return path


@contextmanager
def reader(path: str) -> Iterator[duckdb.DuckDBPyConnection]:
    """A short read-only connection: the command line can write as soon as it is closed."""
    with db.connect(path, read_only=True, wait_s=30) as con:
        # Sessions compute side by side, each on its own thread: one DuckDB thread per query keeps a room of
        # users from running cores x sessions threads on the cores there are.
        con.execute("set threads = $n", {"n": APP_THREADS})
        yield con


@contextmanager
def writable() -> Iterator[duckdb.DuckDBPyConnection]:
    """A short writable connection for one change; caches follow because the store's stamp changes."""
    with db.connect(database_path(), wait_s=30) as con:
        yield con


def cached_read(
    function: Callable[Concatenate[duckdb.DuckDBPyConnection, P], T],
    spinner: str | bool = False,
    by_anchors: bool = False,
) -> Callable[P, T]:
    """function(con, ...) as function(...): run on a read-only connection, cached by its arguments and the
    store's last change. Sessions asking for the same result at once wait for one computation (Streamlit holds
    a lock per cache key).

    by_anchors=True says the function reads the store's data only through the Filters it is given (their anchors'
    payments, what those payments resolve to, and what every view reads: geography, place, assumptions), or, given
    none, only what every view reads: its results then outlive a write that changed other anchors' data only."""

    def compute(path: str, stamp: int | tuple, args: tuple, kwargs: dict) -> T:
        with reader(path) as con:
            return function(con, *args, **kwargs)

    # Streamlit names a cache by the function's module, qualname and source; give each wrapper its own.
    compute.__qualname__ = f"cached_read[{function.__module__}.{function.__qualname__}]"
    cached = st.cache_data(ttl=CACHE_TTL, show_spinner=spinner, max_entries=200)(compute)

    @functools.wraps(function)
    def call(*args: P.args, **kwargs: P.kwargs) -> T:
        path = require_store()
        return cached(path, _stamp(path, by_anchors, args, kwargs), args, kwargs)

    return call


@st.cache_data(ttl=CACHE_TTL, show_spinner=False, max_entries=500)
def _cached_query(path: str, stamp: int, name: str, params: tuple[tuple[str, object], ...]) -> pl.DataFrame:
    with reader(path) as con:
        return db.run_query(con, name, **dict(params))


def query(name: str, **params: object) -> pl.DataFrame:
    """Run queries/<name>.sql on the store, cached by its parameters and the store's last change."""
    path = database_path()
    if not os.path.exists(path):
        return pl.DataFrame()
    return _cached_query(path, store_stamp(path), name, tuple(sorted(params.items())))
