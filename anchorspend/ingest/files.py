"""Files over time: list what is loaded, remove a wrong file, replace a re-issued one — each atomically."""

from __future__ import annotations

import logging
from pathlib import Path

import duckdb
import polars as pl

from anchorspend import db
from anchorspend.ingest.api import Store, ingest_file, refresh_store
from anchorspend.ingest.errors import IngestError
from anchorspend.ingest.load import remove_payments
from anchorspend.ingest.report import LoadReport


def list_files(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """Every file loaded, newest first, with status (active, removed, replaced) and row accounting."""
    return db.run_query(con, "files_list")


def _active_file(con: duckdb.DuckDBPyConnection, file_id: int) -> tuple[str, str]:
    """(anchor name, kind) of an active file; fail with one line otherwise."""
    row = con.execute(
        "select f.status, a.name, a.kind from source_files f join anchors a using (anchor_id) "
        "where f.file_id = $f",
        {"f": file_id},
    ).fetchone()
    if row is None:
        raise IngestError(f"no file with id {file_id} (see `anchorspend files list`)")
    if row[0] != "active":
        raise IngestError(f"file {file_id} is already {row[0]}")
    return row[1], row[2]


def remove_file(con: duckdb.DuckDBPyConnection, file_id: int) -> int:
    """Take a file's payments out of the store, then refresh; return how many payments went.

    The file stops counting in one small transaction; its rows are deleted in the next (a kill between leaves
    them to the next writer's db.discard_unfinished).
    """
    _active_file(con, file_id)
    removed = db.scalar(con, "select count(*) from payments where file_id = $f", {"f": file_id})
    with db.transaction(con, needs_refresh=True):
        con.execute("update source_files set status = 'removed' where file_id = $f", {"f": file_id})
        db.log_change(con, "files.remove", f"file {file_id}", "active", f"removed ({removed} payments)")
    with db.transaction(con, changes_derived=False):  # rows no query counts any more
        remove_payments(con, file_id)
    warnings: list[str] = []
    refresh_store(con, warnings)
    for warning in warnings:
        logging.getLogger(__name__).warning(warning)
    return int(removed)


def replace_file(
    store: Store,
    file_id: int,
    path: Path | str,
    sheet: str | None = None,
    mapping: dict[str, str] | None = None,
    date_order: str | None = None,
) -> LoadReport:
    """Load a re-issued file in place of an active one, in one transaction: old rows go as new arrive."""
    if isinstance(store, duckdb.DuckDBPyConnection):
        anchor, kind = _active_file(store, file_id)
    else:
        if not Path(store).exists():
            raise IngestError(f"no store at {store}")
        with db.connect(store, read_only=True) as con:
            anchor, kind = _active_file(con, file_id)
    return ingest_file(
        store, path, anchor, kind, sheet=sheet, mapping=mapping, replacing=file_id, date_order=date_order
    )[0]
