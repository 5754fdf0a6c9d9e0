"""What the register and contracts importers share: rows read by field, and a file inserted once."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Literal

import duckdb
import polars as pl

from anchorspend import db
from anchorspend.suppliers.tables import FileProblem, find_column, read_rows
from anchorspend.validate import shown

# The tables a whole file is loaded into; their names are put into SQL, so only these two.
FileTable = Literal["register_entries", "contracts"]


def file_digest(path: Path) -> str:
    """sha256 of a file's bytes, so the same file is not imported twice."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_fields(
    path: Path, fields: dict[str, tuple[str, ...]]
) -> tuple[dict[str, str | None], list[dict[str, str]]]:
    """The header each field was found under (None: absent), and each row's values by field ('' if absent)."""
    rows = read_rows(path)
    for number, row in enumerate(rows, start=1):  # a NUL cuts the text short in every other program
        for column, value in row.items():
            if "\x00" in value:
                raise FileProblem(f"{path.name} record {number}: {column} holds a NUL byte ({shown(value)})")
    columns = set().union(*(row.keys() for row in rows)) if rows else set()
    found = {field: find_column(columns, names) for field, names in fields.items()}
    return found, [
        {field: row.get(column, "") if column else "" for field, column in found.items()} for row in rows
    ]


def already_loaded(con: duckdb.DuckDBPyConnection, table: FileTable, digest: str) -> bool:
    """Whether a file with these bytes is in table already."""
    sql = f"select count(*) > 0 from {table} where source_sha256 = $d"
    return db.scalar(con, sql, {"d": digest})


def insert_file(
    con: duckdb.DuckDBPyConnection,
    table: FileTable,
    frame: pl.DataFrame,
    path: Path,
    digest: str,
    action: str,
    change: str,
) -> None:
    """Insert a file's rows into table, stamped with its name and digest, and log it; all or nothing."""
    frame = frame.with_columns(pl.lit(path.name).alias("source_file"), pl.lit(digest).alias("source_sha256"))
    columns = ", ".join(frame.columns)
    with db.transaction(con, needs_refresh=True):
        con.register("file_frame", frame)
        con.execute(f"insert into {table} ({columns}) select {columns} from file_frame")
        con.unregister("file_frame")
        db.log_change(con, action, path.name, None, change)
