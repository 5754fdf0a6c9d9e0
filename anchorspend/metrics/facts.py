"""The derived spend summary the metrics read: built after each load, rebuilt whenever it is stale."""

from __future__ import annotations

import duckdb

from anchorspend import db


def is_fresh(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the summary was built after the last write that changed what it is built from.

    One signal, the store version: db.transaction records the version of every write that changes payments,
    files, rules or payees (store_meta 'derived_changed'); the summary records the version it was built at.
    """
    try:
        built = db.scalar(con, "select max(store_version) from metrics_facts_state")
    except (duckdb.CatalogException, duckdb.BinderException):  # a reader of a store not yet migrated
        return False
    return built is not None and built >= db.derived_changed(con)


def _build(con: duckdb.DuckDBPyConnection, schema: str) -> None:
    """Fill <schema>.metrics_excluded_payments and <schema>.metrics_spend_months from the payments."""
    con.execute(f"delete from {schema}.metrics_excluded_payments")
    con.execute(
        f"insert into {schema}.metrics_excluded_payments select payment_id, min(rule_id) "
        f"from ({db.load_query('metrics_excluded_payments')}) group by payment_id"
    )
    con.execute(f"delete from {schema}.metrics_spend_months")
    con.execute(f"insert into {schema}.metrics_spend_months {db.load_query('metrics_spend_month_sums')}")


def refresh(con: duckdb.DuckDBPyConnection) -> dict[str, object]:
    """Rebuild the summary in the store (a pipeline step: the caller holds the transaction, whose version the
    summary records)."""
    _build(con, "main")
    con.execute("delete from metrics_facts_state")
    con.execute("insert into metrics_facts_state (store_version) values ($v)", {"v": db.store_version(con)})
    rows, payments = db.one_row(con, "select count(*), coalesce(sum(payment_count), 0) from metrics_spend_months")
    return {"summary_rows": rows, "payments": payments}


def ensure_fresh(con: duckdb.DuckDBPyConnection) -> None:
    """Make the summary current: rebuild it in the store, or in temporary tables on a read-only connection."""
    if is_fresh(con):
        return
    try:
        with db.transaction(con, changes_derived=False, anchors=()):  # the same numbers, summed ahead
            refresh(con)
    except duckdb.InvalidInputException as exc:
        if "read-only" not in str(exc) and "read only" not in str(exc):
            raise
        # A reader (the app) cannot write the store; temporary tables of the same names shadow the stale ones
        # for this connection only, and the stored rules still apply.
        try:
            for table in ("metrics_excluded_payments", "metrics_spend_months"):
                con.execute(f"create or replace temp table {table} as select * from main.{table} limit 0")
        except duckdb.CatalogException as exc:
            raise RuntimeError(
                "this store predates the metrics tables: open it once for writing "
                "(e.g. `anchorspend metrics --json`) to upgrade it"
            ) from exc
        con.execute(
            "create or replace temp table metrics_facts_state as select $v::bigint as store_version",
            {"v": db.store_version(con)},
        )
        _build(con, "temp")
