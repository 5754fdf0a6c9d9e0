"""The DuckDB store: connections that wait for the one writer, the schema, and queries run by file name."""

from __future__ import annotations

import contextvars
import getpass
import logging
import os
import re
import sys
import time
from collections.abc import Callable, Collection, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import duckdb
import polars as pl

QUERIES = Path(__file__).resolve().parent.parent / "queries"
MIGRATIONS = QUERIES / "migrations"
# store_meta keys, each holding a store version
VERSION = "version"
DERIVED_CHANGED = "derived_changed"
REFRESH_PENDING = "refresh_pending"
# Data versions, so that the app's caches of one anchor's numbers outlive a load for another (also store_meta):
SHARED_CHANGED = "shared_changed"  # the last write that changed what every view reads (geography, rules, ...)
VERSIONS_KEPT = "versions_kept"  # the last write that kept the data versions; older than VERSION: one did not
ANCHOR_CHANGED = "anchor:{}"  # per anchor id: the last write that changed what that anchor's numbers read
SHARED_ROWS = ("aliases", "suppliers", "contracts")  # compared before and after an anchor's write: store_rows_*.sql
PARAM = re.compile(r"(?<![:$\w])\$([A-Za-z_]\w*)")  # $name, not $1 and not a $$-quoted string

# DuckDB lets one process write a database file at a time, and a reader holds a shared lock. Every
# process therefore opens the store briefly and retries while another process holds the lock.
# Inside one process, a writer and a reader of the same file (the app's sessions) conflict until the other closes.
LOCK_MESSAGES = (
    "Could not set lock",
    "Conflicting lock",
    "database is locked",
    "same database file with a different configuration",
)


class StoreBusy(RuntimeError):
    """Another process kept the store locked for longer than we were willing to wait."""


class StoreDamaged(RuntimeError):
    """The store file fails DuckDB's checksums: a write to it was cut short (see _damaged)."""


DAMAGE_MESSAGES = ("Corrupt database file", "Corrupt WAL file")


def _damaged(path: Path, exc: Exception) -> StoreDamaged:
    """One line for a store DuckDB cannot read. DuckDB 1.5 rewrites a metadata block in place during a checkpoint;
    a process killed in the middle of that write (a SIGKILL can cut a large write short) leaves a block whose
    checksum no longer matches, and DuckDB then refuses the whole file (tests/test_store_damaged.py)."""
    said = str(exc).splitlines()[0].removeprefix("IO Error: ")
    return StoreDamaged(
        f"the store {path} cannot be read: part of it was left half-written ({said}), as when a process is killed "
        f"while the store is saved; nothing was changed. Restore {path.name} from a copy, or build it again by "
        "loading the files"
    )


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
            if any(message in str(exc) for message in DAMAGE_MESSAGES):
                raise _damaged(path, exc) from None
            if not _is_lock_error(exc) or time.monotonic() >= deadline:
                if _is_lock_error(exc):
                    raise StoreBusy(
                        f"the store {path} stayed locked by another process for {wait_s:.0f} s"
                    ) from exc
                raise
            time.sleep(delay)
            delay = min(delay * 2, 0.5)
    # DuckDB draws a progress bar on stdout for a query over 2 s when stdout is a pipe (a slow machine, a big
    # store), in the middle of what a command prints there (`metrics --json`). Not printing it holds even if
    # something lowers progress_bar_time later (which switches the bar back on).
    con.execute("set enable_progress_bar = false; set enable_progress_bar_print = false")
    if not read_only:
        ensure_schema(con)
        _finish_interrupted(con)
    return con


# What a writer does on opening the store, before it writes, registered by the modules above this one (the
# pipeline finishes a refresh a killed writer left pending); run in the order registered.
_WRITER_HOOKS: list[Callable[[duckdb.DuckDBPyConnection], None]] = []


def on_open_for_writing(hook: Callable[[duckdb.DuckDBPyConnection], None]) -> None:
    """Run hook(con) whenever a writer opens the store (after the schema is current, before anything else)."""
    if hook not in _WRITER_HOOKS:
        _WRITER_HOOKS.append(hook)


def _finish_interrupted(con: duckdb.DuckDBPyConnection) -> None:
    """Finish what a killed writer left: rows of a load or removal it did not finish, then the registered hooks."""
    discard_unfinished(con)
    for hook in _WRITER_HOOKS:
        hook(con)


def discard_unfinished(con: duckdb.DuckDBPyConnection) -> int:
    """Delete what a kill left uncounted: payments and rejected rows no active file counts (a load before its file
    record, a removal before its delete) and payees no payment names that resolution never saw; return how many.

    A load commits its rows first and its source_files row after (anchorspend.ingest.load.write), because DuckDB
    can replay part of a big commit a kill cut short; every query counts payments only through an active file.
    """
    if not scalar(con, load_query("store_unfinished")):
        return 0
    before = scalar(con, "select (select count(*) from payments) + (select count(*) from rejected_rows)")
    with transaction(con, changes_derived=False, anchors=()):  # no query counts them
        con.execute(load_query("store_discard_unfinished"))
    after = scalar(con, "select (select count(*) from payments) + (select count(*) from rejected_rows)")
    if before != after:
        logging.getLogger(__name__).warning("discarded %s rows of a load or removal left unfinished", before - after)
    return int(before - after)


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
def transaction(
    con: duckdb.DuckDBPyConnection,
    *,
    changes_derived: bool = True,
    needs_refresh: bool = False,
    anchors: Iterable[int] | None = None,
) -> Iterator[duckdb.DuckDBPyConnection]:
    """Run a block as one transaction that bumps the store version; roll back on any error.

    The block sees the version it commits as (store_version). changes_derived=False says the write leaves
    what the derived tables are built from alone (a report record, a log line), so they stay current;
    needs_refresh=True records that pipeline.refresh must follow (it clears the mark), so that a kill
    between the two leaves the refresh to the next writer instead of never.

    anchors says which anchors' own rows the block writes (payments, files: a load, a refresh gives none); each
    then counts as changed, with every anchor paying a payee or organisation, or publishing a contract, whose row
    the block changed, and everything when it changed what every view reads (data_versions); a change to a payee or
    organisation that counted payments go through also makes the derived summary stale, whatever changes_derived
    says. Left out, the write changes everything, as any write the block's author did not sort out must.
    """
    con.execute("begin transaction")
    try:
        kept = _meta(con, VERSIONS_KEPT) == store_version(con)
        version = bump_version(con)
        if changes_derived:
            _set_meta(con, DERIVED_CHANGED, version)
        if needs_refresh:
            _set_meta(con, REFRESH_PENDING, version)
        before = _shared_rows(con, "before") if anchors is not None and kept else None
        yield con
        if before is None:  # a write of everything, or the write before this one did not keep the versions
            _set_meta(con, SHARED_CHANGED, version)
        else:
            _mark_changed(con, version, set(anchors or ()), before)
        _set_meta(con, VERSIONS_KEPT, version)
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise


def _shared_rows(con: duckdb.DuckDBPyConnection, when: str) -> tuple[Any, ...]:
    """Keep a hash of each shared row (payees, organisations, contracts) in temp tables versions_<when>_*; return
    the inputs every view reads (store_shared_inputs)."""
    for rows in SHARED_ROWS:
        con.execute(f"create or replace temp table versions_{when}_{rows} as {load_query(f'store_rows_{rows}')}")
    return one_row(con, load_query("store_shared_inputs"))


def _mark_changed(con: duckdb.DuckDBPyConnection, version: int, anchors: set[int], before: tuple[Any, ...]) -> None:
    """Record a write of these anchors' rows at version, with the anchors (or everything) its shared rows reach."""
    after = _shared_rows(con, "after")
    reached = {row[0] for row in con.execute(load_query("store_changed_anchors")).fetchall()}
    for rows in SHARED_ROWS:
        for when in ("before", "after"):
            con.execute(f"drop table if exists versions_{when}_{rows}")
    if after != before or None in reached:  # every view's inputs, or a contract no anchor published
        _set_meta(con, SHARED_CHANGED, version)
    if reached:  # payees or organisations that counted payments go through: the summary is built from them
        _set_meta(con, DERIVED_CHANGED, version)
    for anchor_id in sorted((anchors | reached) - {None}):
        _set_meta(con, ANCHOR_CHANGED.format(anchor_id), version)


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


def migrations(folder: Path | None = None) -> dict[int, Path]:
    """The numbered schema changes, queries/migrations/NNN_<what>.sql, by version; fail on a repeated number."""
    found: dict[int, Path] = {}
    for path in sorted((folder or MIGRATIONS).glob("[0-9][0-9][0-9]_*.sql")):
        version = int(path.name[:3])
        if version in found:
            raise RuntimeError(f"two migrations to schema version {version}: {found[version].name}, {path.name}")
        found[version] = path
    return found


# The schema.sql of this build is at the newest migration's version (1 before there were any).
SCHEMA_VERSION = max(migrations(), default=1)


def schema_version(con: duckdb.DuckDBPyConnection) -> int:
    """The version a store's schema is at (0 for a file without one)."""
    has_version = scalar(con, "select count(*) from information_schema.tables where table_name = 'schema_version'")
    if not has_version:
        return 0
    return int(scalar(con, "select coalesce(max(version), 0) from schema_version"))


def ensure_schema(con: duckdb.DuckDBPyConnection) -> int:
    """Create the store if empty (schema.sql), or apply the migrations it lacks in order; return the version.

    Each step runs in its own transaction with its schema_version row, so a kill leaves a whole version.
    """
    current = schema_version(con)
    if current == 0:
        _apply(con, load_query("schema"), SCHEMA_VERSION, seed=True)
        return SCHEMA_VERSION
    if current > SCHEMA_VERSION:
        raise RuntimeError(
            f"the store is at schema version {current}, newer than this program ({SCHEMA_VERSION})"
        )
    steps = migrations()
    for version in range(current + 1, SCHEMA_VERSION + 1):
        if version not in steps:
            raise RuntimeError(f"no migration to schema version {version} in {MIGRATIONS}")
        _apply(con, steps[version].read_text(encoding="utf-8"), version, seed=version == SCHEMA_VERSION)
    return SCHEMA_VERSION


# Editable data every store starts with (users change it later): the table and columns, the query of its rows.
DEFAULTS = (
    ("influenceable_rules (applies_to, pattern, reason)", "metrics_default_rules"),
    ("respend_rates (org_type, sic_division, supplier_tier, rate, low, high, source)", "metrics_default_rates"),
)
DEFAULTS_SEEDED = "metrics_defaults_seeded"  # a store_meta key: the defaults went in once, never again


def _apply(con: duckdb.DuckDBPyConnection, sql: str, version: int, seed: bool) -> None:
    """Run a schema script and record its version, in one transaction; seed the defaults if asked and due."""
    con.execute("begin transaction")
    try:
        con.execute(sql)
        con.execute("insert into schema_version (version) values ($v)", {"v": version})
        if seed and not con.execute("select 1 from store_meta where key = $k", {"k": DEFAULTS_SEEDED}).fetchone():
            for table, query in DEFAULTS:
                con.execute(f"insert or ignore into {table} select * from ({load_query(query)})")
            con.execute("insert into store_meta values ($k, 'true')", {"k": DEFAULTS_SEEDED})
            log_change(con, "assumptions.seed", "influenceable_rules, respend_rates", None, "defaults")
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise


def bump_version(con: duckdb.DuckDBPyConnection) -> int:
    """Record that the store changed (readers key their caches on this); return the new version."""
    version = store_version(con) + 1
    _set_meta(con, VERSION, version)
    return version


def _meta(con: duckdb.DuckDBPyConnection, key: str) -> int:
    row = con.execute("select value from store_meta where key = $k", {"k": key}).fetchone()
    return int(row[0]) if row else 0


def _set_meta(con: duckdb.DuckDBPyConnection, key: str, value: int) -> None:
    con.execute("insert or replace into store_meta values ($k, $v)", {"k": key, "v": str(value)})


def store_version(con: duckdb.DuckDBPyConnection) -> int:
    """The store's change counter: every committed write (db.transaction) adds one."""
    return _meta(con, VERSION)


def derived_changed(con: duckdb.DuckDBPyConnection) -> int:
    """The version of the last write that changed what derived tables are built from (0: none)."""
    return _meta(con, DERIVED_CHANGED)


def refresh_pending(con: duckdb.DuckDBPyConnection) -> int:
    """The version of a write whose pipeline.refresh has not run yet, else 0."""
    return _meta(con, REFRESH_PENDING)


def refresh_done(con: duckdb.DuckDBPyConnection) -> None:
    """Clear the mark left by needs_refresh (pipeline.refresh, inside its transaction)."""
    con.execute("delete from store_meta where key = $k", {"k": REFRESH_PENDING})


@dataclass(frozen=True)
class DataVersions:
    """When the store's numbers last changed: the store version of the last write of what every view reads, and
    of each anchor's own (name, anchor id, version), for keying cached results by the anchors they read."""

    store: int
    shared: int
    anchors: tuple[tuple[str, int, int], ...] = ()

    def key(self, anchors: Collection[str] | None = None) -> tuple:
        """A cache key for results over these anchor names (None: every anchor) that changes whenever a write may
        have changed them: with what every view reads, each named anchor's data (a name not loaded yet waits
        for its anchor), and for every anchor the set of anchors too (a new or removed anchor changes it)."""
        if anchors is None:
            return (self.shared, self.anchors)
        wanted = set(anchors)
        known = tuple(entry for entry in self.anchors if entry[0] in wanted)
        return (self.shared, known, tuple(sorted(wanted - {entry[0] for entry in known})))


def data_versions(con: duckdb.DuckDBPyConnection) -> DataVersions:
    """The store's data versions; a store whose last write did not keep them (a program before them) has changed
    everything at its current version."""
    version = store_version(con)
    shared = _meta(con, SHARED_CHANGED) if _meta(con, VERSIONS_KEPT) == version else version
    anchors = tuple((str(n), int(i), int(v)) for n, i, v in con.execute(load_query("store_anchor_versions")).fetchall())
    return DataVersions(store=version, shared=shared, anchors=anchors)


@lru_cache(maxsize=64)
def _versions_at(path: str, stamp: tuple[int, ...]) -> DataVersions:
    try:
        with connect(path, read_only=True, wait_s=5) as con:
            return data_versions(con)
    except (duckdb.Error, StoreBusy):
        # This process holds the file for writing (DuckDB opens a file one way per process), or a writer kept it
        # long: key on the files' state instead, a value no version takes and no later state repeats.
        unseen = -abs(hash(stamp)) - 1
        return DataVersions(store=unseen, shared=unseen)


def _files_stamp(path: Path | str) -> tuple[int, ...]:
    stamp: tuple[int, ...] = ()
    for name in (str(path), f"{path}.wal"):  # sizes too: a file's time can stay the same across quick commits
        found = os.stat(name) if os.path.exists(name) else None
        stamp += (found.st_mtime_ns, found.st_size) if found else (0, 0)
    return stamp


def data_versions_of(path: Path | str) -> DataVersions:
    """The data versions of the store at path (all 0 if there is none), for keying caches across processes.

    Opens the store read-only only when its files changed since the last look, so asking often is cheap.
    """
    stamp = _files_stamp(path)
    return _versions_at(str(path), stamp) if stamp[0] else DataVersions(store=0, shared=0)


def version_of(path: Path | str) -> int:
    """The version of the store at path (0 if there is none), for keying caches across processes.

    Opens the store read-only only when its files changed since the last look, so asking often is cheap.
    """
    return data_versions_of(path).store


# Tests set ANCHORSPEND_PAUSE_AT=<point>:<seconds> to hold a writer at a named point inside a transaction, so
# that they can kill the process exactly there.
PAUSE_ENV = "ANCHORSPEND_PAUSE_AT"


def pause_point(name: str) -> None:
    """Pause here when a test asked to (see PAUSE_ENV), saying so on stderr; otherwise do nothing."""
    point, _, seconds = os.environ.get(PAUSE_ENV, "").partition(":")
    if point == name:
        print(f"paused at {name}", file=sys.stderr, flush=True)
        time.sleep(float(seconds or 60))


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
