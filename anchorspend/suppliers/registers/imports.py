"""`registers import`: a national register's files, checked against the published layout, replacing the old one.

Companies House (5.5 million rows) is read by DuckDB's CSV reader straight from the files; the smaller
registers go through the suppliers' file reader (anchorspend.suppliers.tables) into a frame. Either way the
register's table is replaced whole inside one transaction, so a reader sees the old register or the new one.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import polars as pl

from anchorspend import db
from anchorspend.files.download import download
from anchorspend.files.errors import FileRefused
from anchorspend.files.limits import MAX_FILE_BYTES, check_file
from anchorspend.suppliers.registers import layouts, small
from anchorspend.suppliers.registers.errors import RegisterError

REGISTERS = ("companies_house", "charities", "ods", "gias", "councils")
BULK_FILE_LIMIT = 16 << 30  # the Companies House bulk file is about 2.5 GB; its zip about 500 MB
BULK_MEMORY = "1.5GB"  # the budget is 2 GB for the whole process
# Table names are put into SQL, so only these.
TABLES = {name: f"register_{name}" for name in REGISTERS}


def import_register_files(
    con: duckdb.DuckDBPyConnection, register: str, paths: list[Path], by: str | None = None
) -> dict[str, object]:
    """Import one register from its files (replacing any earlier import of it); return what was loaded."""
    if register not in TABLES:
        raise RegisterError(f"unknown register {register!r}: one of {', '.join(REGISTERS)}")
    paths = [Path(p) for p in paths]
    for path in paths:
        try:
            check_file(path, BULK_FILE_LIMIT)  # a folder, a pipe or a device is refused before reading
        except FileRefused as exc:
            raise RegisterError(str(exc)) from exc
    digest = files_digest(paths)
    names = ", ".join(p.name for p in paths)
    latest = con.execute(
        "select sha256 from register_imports where register = $r order by imported_at desc limit 1",
        {"r": register},
    ).fetchone()
    if latest and latest[0] == digest:
        return {"register": register, "files": names, "already_loaded": True}
    with unpacked(paths) as csv_paths, bulk_settings(con, register == "companies_house"):
        if register == "companies_house":
            select, params = companies_house_select(csv_paths)
            frame = None
        else:
            frame = small.read(register, csv_paths)
            select, params = db.load_query("registers_from_frame"), {}
        table = TABLES[register]
        with db.transaction(con):
            if frame is not None:
                con.register("register_frame", frame)
            else:  # the reader's rejects tables keep earlier reads' lines: start them empty
                con.execute("drop table if exists reject_errors")
                con.execute("drop table if exists reject_scans")
            try:
                con.execute(f"create or replace table {table} as {select}", params)
            except duckdb.Error as exc:
                raise RegisterError(f"{names}: {str(exc).splitlines()[0][:300]}") from exc
            finally:
                if frame is not None:
                    con.unregister("register_frame")
            loaded = db.scalar(con, f"select count(*) from {table}")
            rejected, why = rejected_rows(con) if frame is None else small.rejected(frame)
            if loaded == 0:
                raise RegisterError(f"{names}: no rows with a name and a number")
            con.execute(
                "insert into register_imports (register, files, sha256, rows_loaded, rows_rejected, imported_by) "
                "values ($r, $f, $d, $n, $x, $by)",
                {"r": register, "f": names, "d": digest, "n": loaded, "x": rejected, "by": by or db.current_user()},
            )
            # Links to the old register are made again against the new one by the next refresh.
            con.execute("delete from supplier_register_links where register = $r", {"r": register})
            con.execute("delete from register_link_inputs")  # so every organisation is linked again
            db.log_change(con, "registers.import", register, None, f"{names}: {loaded} entries, {rejected} rejected")
            db.pause_point("register_commit")
    return {
        "register": register,
        "files": names,
        "entries": loaded,
        "rejected": rejected,
        **({"first_rejected": why} if why else {}),
        "already_loaded": False,
    }


def download_register(register: str, url: str, folder: Path, limit: int | None = None) -> Path:
    """Download a register's published file into folder, within its size limit, to import as a local one."""
    if register not in TABLES:
        raise RegisterError(f"unknown register {register!r}: one of {', '.join(REGISTERS)}")
    # The file keeps its published name (a zip is still found by its bytes), made safe for a path.
    published = re.sub(r"[^A-Za-z0-9._-]+", "_", url.split("?")[0].rstrip("/").rsplit("/", 1)[-1]).lstrip("._")
    limit = limit or (BULK_FILE_LIMIT if register == "companies_house" else MAX_FILE_BYTES)
    try:
        return download(url, folder / (published or f"{register}.download"), limit)
    except FileRefused as exc:
        raise RegisterError(str(exc)) from exc


@contextmanager
def bulk_settings(con: duckdb.DuckDBPyConnection, bulk: bool) -> Iterator[None]:
    """For the bulk file: DuckDB kept under BULK_MEMORY and free to write rows out of order (less to hold)."""
    if not bulk:
        yield
        return
    saved = dict(
        con.execute(
            "select name, value from duckdb_settings() where name in ('memory_limit', 'preserve_insertion_order')"
        ).fetchall()
    )
    con.execute(f"set memory_limit = '{BULK_MEMORY}'")
    con.execute("set preserve_insertion_order = false")
    try:
        yield
    finally:
        con.execute(f"set memory_limit = '{saved.get('memory_limit', BULK_MEMORY)}'")
        con.execute(f"set preserve_insertion_order = {saved.get('preserve_insertion_order', 'true')}")


def files_digest(paths: list[Path]) -> str:
    """sha256 over the files' bytes in order, read a megabyte at a time (the bulk file is gigabytes)."""
    digest = hashlib.sha256()
    for path in paths:
        with path.open("rb") as handle:
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
    return digest.hexdigest()


@contextmanager
def unpacked(paths: list[Path]) -> Iterator[list[Path]]:
    """The CSV files behind paths: zipped ones extracted to a temporary folder (removed afterwards)."""
    with tempfile.TemporaryDirectory(prefix="anchorspend-register-") as folder:
        found: list[Path] = []
        for path in paths:
            if not zipfile.is_zipfile(path):
                found.append(path)
                continue
            with zipfile.ZipFile(path) as archive:
                members = sorted(m for m in archive.namelist() if m.lower().endswith((".csv", ".txt")))
                if not members:
                    raise RegisterError(f"{path.name}: the zip file holds no .csv or .txt file")
                for number, member in enumerate(members):
                    target = Path(folder) / f"{number:03d}_{Path(member).name}"
                    with archive.open(member) as source, target.open("wb") as out:
                        shutil.copyfileobj(source, out, 1 << 20)
                    found.append(target)
        yield found


def header_cells(path: Path) -> list[str]:
    """The first line of a CSV file split into stripped cells (a byte-order mark dropped)."""
    with path.open("rb") as handle:
        line = handle.readline(1 << 16).decode("utf-8-sig", errors="replace")
    import csv

    return [cell.strip() for cell in next(csv.reader([line]), [])]


def companies_house_select(paths: list[Path]) -> tuple[str, dict[str, object]]:
    """The SELECT that reads the bulk files, after checking each one's header against the published layout."""
    expected = list(layouts.COMPANIES_HOUSE)
    for path in paths:
        found = header_cells(path)
        if found != expected:
            missing = [c for c in expected if c not in found]
            detail = f"missing {', '.join(missing[:3])}" if missing else f"{len(found)} columns, not {len(expected)}"
            raise RegisterError(f"{path.name}: not the Companies House Free Company Data Product layout ({detail})")
    columns = {name: "VARCHAR" for name in expected}
    return db.load_query("registers_companies_house"), {"files": [str(p) for p in paths], "columns": columns}


def rejected_rows(con: duckdb.DuckDBPyConnection) -> tuple[int, str | None]:
    """Lines DuckDB's reader could not parse in the last read (kept by store_rejects), and the first one's why."""
    try:
        count = int(db.scalar(con, "select count(distinct (scan_id, file_id, line)) from reject_errors"))
        first = con.execute(
            "select 'line ' || line || ': ' || error_type || ' ' || coalesce(left(csv_line, 80), '') "
            "from reject_errors order by line limit 1"
        ).fetchone()
    except duckdb.Error:
        return 0, None
    return count, first[0] if first else None


def register_summary(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """The latest import of each register: files, rows loaded and rejected, when and by whom."""
    return db.run_query(con, "registers_imported")
