"""The DuckDB store: connections that wait for the one writer, the schema, and queries run by file name."""

from __future__ import annotations

import contextvars
import getpass
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

import duckdb
import polars as pl

QUERIES = Path(__file__).resolve().parent.parent / "queries"
SCHEMA_VERSION = 4
PARAM = re.compile(r"(?<![:$\w])\$([A-Za-z_]\w*)")  # $name, not $1 and not a $$-quoted string

# DuckDB lets one process write a database file at a time, and a reader holds a shared lock. Every
# process therefore opens the store briefly and retries while another process holds the lock.
LOCK_MESSAGES = ("Could not set lock", "Conflicting lock", "database is locked")


class StoreBusy(RuntimeError):
    """Another process kept the store locked for longer than we were willing to wait."""


def _is_lock_error(exc: Exception) -> bool:
    return any(message in str(exc) for message in LOCK_MESSAGES)


def open_store(
    path: Path | str, *, read_only: bool = False, wait_s: float = 60.0
) -> duckdb.DuckDBPyConnection:
    """Open the store at path, waiting up to wait_s for another process's lock; create the schema if new."""
    path = Path(path)
    if read_only and not path.exists():
        raise FileNotFoundError(f"no store at {path}: load files or run `anchorspend demo` first")
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + wait_s
    delay = 0.05
    while True:
        try:
            con = duckdb.connect(str(path), read_only=read_only)
            break
        except (duckdb.IOException, duckdb.ConnectionException) as exc:
            if not _is_lock_error(exc) or time.monotonic() >= deadline:
                if _is_lock_error(exc):
                    raise StoreBusy(
                        f"the store {path} stayed locked by another process for {wait_s:.0f} s"
                    ) from exc
                raise
            time.sleep(delay)
            delay = min(delay * 2, 0.5)
    if not read_only:
        ensure_schema(con)
    return con


@contextmanager
def connect(
    path: Path | str, *, read_only: bool = False, wait_s: float = 60.0
) -> Iterator[duckdb.DuckDBPyConnection]:
    """Open the store for the length of a with-block, then release it for other processes."""
    con = open_store(path, read_only=read_only, wait_s=wait_s)
    try:
        yield con
    finally:
        con.close()


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """Run a block as one transaction that also bumps the store version; roll back on any error."""
    con.execute("begin transaction")
    try:
        yield con
        bump_version(con)
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise


@cache
def load_query(name: str) -> str:
    """Return the text of queries/<name>.sql."""
    path = QUERIES / f"{name}.sql"
    if not path.exists():
        raise FileNotFoundError(f"no query named {name!r} in {QUERIES}")
    return path.read_text(encoding="utf-8")


def query_params(sql: str) -> set[str]:
    """Given a SQL statement, return the set of $named parameters it uses (comments ignored)."""
    body = "\n".join(line.split("--", 1)[0] for line in sql.splitlines())
    return set(PARAM.findall(body))


def run_query(con: duckdb.DuckDBPyConnection, name: str, **params: object) -> pl.DataFrame:
    """Run queries/<name>.sql with its $params bound; the names must match exactly."""
    sql = load_query(name)
    expected = query_params(sql)
    if expected != set(params):
        raise ValueError(f"{name}.sql takes {sorted(expected)}, got {sorted(params)}")
    return con.execute(sql, params).pl()


def one_row(con: duckdb.DuckDBPyConnection, sql: str, params: object = None) -> tuple[Any, ...]:
    """Run a statement that returns one row (an aggregate, a `returning` clause) and return that row."""
    row = con.execute(sql, params).fetchone()
    if row is None:
        raise RuntimeError(f"expected one row, got none from: {sql.strip().splitlines()[0]}")
    return row


def scalar(con: duckdb.DuckDBPyConnection, sql: str, params: object = None) -> Any:
    """Run a statement that returns one row (a count, a `returning` id) and return its first value."""
    return one_row(con, sql, params)[0]


def ensure_schema(con: duckdb.DuckDBPyConnection) -> int:
    """Create the store if empty, or migrate it to SCHEMA_VERSION; return the version."""
    has_version = scalar(con, "select count(*) from information_schema.tables where table_name = 'schema_version'")
    if not has_version:
        con.execute("begin transaction")
        con.execute(load_query("schema"))
        con.execute("insert into schema_version (version) values ($v)", {"v": SCHEMA_VERSION})
        con.execute("commit")
        return SCHEMA_VERSION
    current = scalar(con, "select max(version) from schema_version") or 0
    if current > SCHEMA_VERSION:
        raise RuntimeError(
            f"the store is at schema version {current}, newer than this program ({SCHEMA_VERSION})"
        )
    for version in range(current + 1, SCHEMA_VERSION + 1):
        migration = next((QUERIES / "migrations").glob(f"{version:03d}_*.sql"), None)
        if migration is None:
            raise RuntimeError(f"no migration to schema version {version}")
        con.execute("begin transaction")
        con.execute(migration.read_text(encoding="utf-8"))
        con.execute("insert into schema_version (version) values ($v)", {"v": version})
        con.execute("commit")
    return SCHEMA_VERSION


def bump_version(con: duckdb.DuckDBPyConnection) -> None:
    """Record that the store changed (readers key their caches on this)."""
    con.execute(
        "insert or replace into store_meta values ('version', cast(coalesce("
        "(select cast(value as bigint) from store_meta where key = 'version'), 0) + 1 as varchar))"
    )


def store_version(con: duckdb.DuckDBPyConnection) -> int:
    """The store's change counter."""
    row = con.execute("select value from store_meta where key = 'version'").fetchone()
    return int(row[0]) if row else 0


# Who the app's signed-in user is while it changes the store (see acting_as); unset on the command line.
_ACTING_AS: contextvars.ContextVar[str | None] = contextvars.ContextVar("acting_as", default=None)


@contextmanager
def acting_as(who: str) -> Iterator[None]:
    """Log changes made inside the block (by any module) as made by who, e.g. the app's signed-in user."""
    token = _ACTING_AS.set(who)
    try:
        yield
    finally:
        _ACTING_AS.reset(token)


def current_user() -> str:
    """Who is changing the store: the app's user inside acting_as(), else the command line's."""
    if _ACTING_AS.get():
        return str(_ACTING_AS.get())
    try:
        return f"cli:{getpass.getuser()}"
    except OSError:
        return "cli:unknown"


def log_change(
    con: duckdb.DuckDBPyConnection,
    action: str,
    target: str | None = None,
    old_value: object = None,
    new_value: object = None,
    changed_by: str | None = None,
) -> None:
    """Keep who changed what, when, old -> new."""
    con.execute(
        "insert into change_log (changed_by, action, target, old_value, new_value) "
        "values ($by, $a, $t, $o, $n)",
        {
            "by": changed_by or current_user(),
            "a": action,
            "t": target,
            "o": None if old_value is None else str(old_value),
            "n": None if new_value is None else str(new_value),
        },
    )
