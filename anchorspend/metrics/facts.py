"""The derived spend summary the metrics read: built after each load, rebuilt whenever it is stale."""

from __future__ import annotations

import hashlib
from functools import cache

import duckdb

from anchorspend import db
from anchorspend.metrics.assumptions import seed_defaults


def facts_key(con: duckdb.DuckDBPyConnection) -> str:
    """What the summary depends on: payments, file statuses, text rules, payee -> supplier."""
    payments = db.one_row(con, "select count(*), coalesce(max(payment_id), 0) from payments")
    files = db.scalar(
        con,
        "select coalesce(string_agg(file_id || ':' || status, ',' order by file_id), '') "
        "from source_files where status <> 'active'"
    )
    rules = db.scalar(
        con,
        "select coalesce(md5(string_agg(rule_id || applies_to || pattern || enabled, '|' order by rule_id)), '') "
        "from influenceable_rules where applies_to <> 'org_type'"
    )
    # which supplier each payee is (resolution, merges and splits change it)
    aliases = db.one_row(
        con, "select count(*), coalesce(sum(hash(alias_id, supplier_id, is_individual)), 0) from supplier_aliases"
    )
    return f"{payments[0]}:{payments[1]}:{files}:{rules}:{aliases[0]}:{aliases[1]}"


def is_fresh(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the summary reflects the current payments and rules."""
    row = con.execute("select facts_key from metrics_facts_state").fetchone()
    return row is not None and row[0] == facts_key(con)


def _build(con: duckdb.DuckDBPyConnection, schema: str) -> None:
    """Fill <schema>.metrics_excluded_payments and <schema>.metrics_spend_months from the payments."""
    con.execute(f"delete from {schema}.metrics_excluded_payments")
    con.execute(
        f"insert into {schema}.metrics_excluded_payments select payment_id, min(rule_id) "
        f"from ({db.load_query('metrics_excluded_payments')}) group by payment_id"
    )
    con.execute(f"delete from {schema}.metrics_spend_months")
    con.execute(f"insert into {schema}.metrics_spend_months {db.load_query('metrics_spend_month_sums')}")


def _rebuild(con: duckdb.DuckDBPyConnection) -> None:
    """Rebuild the summary in the store and record what it was built from."""
    _build(con, "main")
    con.execute("delete from metrics_facts_state")
    con.execute("insert into metrics_facts_state (facts_key) values ($k)", {"k": facts_key(con)})


def refresh(con: duckdb.DuckDBPyConnection) -> dict[str, object]:
    """Rebuild the summary in the store (a pipeline step; the caller holds the transaction)."""
    upgrade_store(con)  # readers of this store then find its macros current and need not try
    seed_defaults(con)
    _rebuild(con)
    rows, payments = db.one_row(con, "select count(*), coalesce(sum(payment_count), 0) from metrics_spend_months")
    return {"summary_rows": rows, "payments": payments}


def refresh_if_stale(con: duckdb.DuckDBPyConnection) -> bool:
    """Rebuild the summary in the store when its inputs changed (after a rule edit); return whether it did.

    Without this, every reader (the app's short read-only connections) would rebuild it in temporary tables.
    """
    if is_fresh(con):
        return False
    _rebuild(con)
    return True


METRICS_SECTION = (
    "-- ---------------------------------------------------------------- assumptions and rules (metrics)",
    "-- ---------------------------------------------------------------- reports",
)


@cache
def metrics_section() -> tuple[str, str]:
    """schema.sql's metrics section and a digest of it (cached: every metric call checks the store against it)."""
    schema = db.load_query("schema")
    start, end = (schema.index(marker) for marker in METRICS_SECTION)
    section = schema[start:end]
    return section, hashlib.sha256(section.encode()).hexdigest()[:16]


def upgrade_store(con: duckdb.DuckDBPyConnection) -> bool:
    """Bring the metrics tables and macros up to this build's schema.sql (its metrics section is idempotent);
    return whether it did. A store made by an earlier build gets the missing tables and the newer macros."""
    section, digest = metrics_section()
    done = con.execute("select value from store_meta where key = 'metrics_section'").fetchone()
    if done and done[0] == digest:
        return False
    # the newest macro of the section: when it exists, the store can already answer every metric
    usable = db.scalar(
        con,
        "select count(*) from duckdb_functions() where function_name = 'metrics_scoped_totals'"
    )
    read_only = db.scalar(
        con,
        "select readonly from duckdb_databases() where database_name = current_database()"
    )
    if read_only and usable:  # a reader of an older store: its macros give the same numbers; a writer upgrades
        return False
    con.execute(section)  # on a read-only store that lacks the tables this fails, and ensure_fresh says why
    con.execute("insert or replace into store_meta values ('metrics_section', $d)", {"d": digest})
    return True


def ensure_fresh(con: duckdb.DuckDBPyConnection) -> None:
    """Make the summary current: rebuild it in the store, or in temporary tables on a read-only connection."""
    try:
        upgrade_store(con)
    except duckdb.Error as exc:
        raise RuntimeError(
            "this store predates the metrics tables: open it once for writing "
            "(e.g. `anchorspend metrics --json`) to upgrade it"
        ) from exc
    if is_fresh(con):
        return
    try:
        with db.transaction(con):
            refresh(con)
    except duckdb.InvalidInputException as exc:
        if "read-only" not in str(exc) and "read only" not in str(exc):
            raise
        # A reader (the app) cannot write the store; temporary tables of the same names shadow the stale ones
        # for this connection only, and the stored rules still apply.
        con.execute(
            "create or replace temp table metrics_excluded_payments as "
            "select * from main.metrics_excluded_payments limit 0"
        )
        con.execute(
            "create or replace temp table metrics_spend_months as "
            "select * from main.metrics_spend_months limit 0"
        )
        con.execute(
            "create or replace temp table metrics_facts_state as select $k as facts_key",
            {"k": facts_key(con)},
        )
        _build(con, "temp")
