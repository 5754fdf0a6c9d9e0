"""Build the demo store: write the region's files, then load each through the real importers, with reports."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import duckdb

from anchorspend import db, pipeline
from anchorspend.demo import DEFAULT_SCALE, DEFAULT_SEED, PLACE_NAME, DemoError, bulk
from anchorspend.demo.files import DemoFiles, check_folder, write_all
from anchorspend.demo.loaders import summary
from anchorspend.geo import import_files
from anchorspend.geo.place import set_place
from anchorspend.ingest import ingest_file
from anchorspend.metrics import import_assumptions
from anchorspend.suppliers import import_contracts, import_register
from anchorspend.validate import is_store

# Above this many payments the files hold the default scale and the rest are generated in bulk (bulk.py):
# millions of rows through CSV files would take far longer than the 3 minutes the benchmark allows.
BULK_FROM = 200_000


def build(
    db_path: Path | str,
    seed: int = DEFAULT_SEED,
    scale: int = DEFAULT_SCALE,
    folder: Path | None = None,
    replace: bool = False,
    out: Callable[[str], None] = print,
) -> dict[str, object]:
    """Write the demo files for a seed to folder (default: demo/ beside the store) and load them into db_path.

    scale is the total number of payments. Returns where the store and files are, and what was loaded.
    """
    db_path = Path(db_path)
    if scale < 1_000:
        raise DemoError(f"--scale must be at least 1000 payments, not {scale}")
    folder = Path(folder) if folder else db_path.parent / "demo"
    check_folder(folder)  # before anything is deleted: a folder of someone else's files stops the demo here
    if db_path.exists():
        if not replace:
            raise DemoError(f"{db_path} already exists: remove it or pass --replace to rebuild the demo")
        if not is_store(db_path):  # --replace rebuilds a store; it never deletes any other file
            raise DemoError(f"{db_path} is not an Anchor Spend store: --replace only replaces a store")
        db_path.unlink()
        Path(f"{db_path}.wal").unlink(missing_ok=True)
    started = time.perf_counter()
    file_scale = scale if scale <= BULK_FROM else DEFAULT_SCALE
    files = write_all(folder, seed, file_scale, DEFAULT_SCALE)
    out(f"Wrote the fictional demo region's files to {folder} ({len(files.spend)} spend files, seed {seed}).")
    with db.connect(db_path) as con:
        # One thread while loading: the importers number new rows (alias and supplier ids) in the order an
        # aggregation returns them, and only a single-threaded DuckDB returns the same order every time.
        con.execute("set threads = 1")
        _load(con, files, out, bulk_to=scale if scale > file_scale else 0, seed=seed)
        payments = db.scalar(con, "select count(*) from payments")
    seconds = time.perf_counter() - started
    out(f"Demo store {db_path}: {payments:,} payments in {seconds:.1f} s.")
    return {"db": str(db_path), "folder": str(folder), "payments": payments, "seconds": seconds}


def _load(
    con: duckdb.DuckDBPyConnection,
    files: DemoFiles,
    out: Callable[[str], None],
    bulk_to: int = 0,
    seed: int = DEFAULT_SEED,
) -> None:
    """Load every file through its importer, in dependency order; bulk_to tops payments up to that many."""
    for geo_report in import_files(con, files.geography):
        out("  geo " + summary(geo_report))
    loaded = 0
    # Derived tables are rebuilt once after the run of loads, not after each of ~80 files: refresh()
    # derives everything from the stored rows, so once at the end gives the same tables, much faster.
    for spend in files.spend:
        reports = ingest_file(con, spend.path, spend.anchor, spend.kind, mapping=spend.mapping, refresh=False)
        for report in reports:
            out("  ingest " + summary(report))
            loaded += report.rows_loaded
    pipeline.refresh(con)
    if bulk_to > loaded:
        out(
            f"Bulk: generating {bulk_to - loaded:,} more payments straight into the store with the same "
            "distributions and columns as the importer writes (not through files, at this size)."
        )
        bulk.generate(con, bulk_to - loaded, seed, out=out)
    out("  suppliers " + summary(import_register(con, files.register)))
    for path, anchor in files.contracts:
        out("  contracts " + summary(import_contracts(con, path, anchor=anchor)))
    pipeline.refresh(con)
    out("  assumptions " + files.assumptions.name + " " + str(import_assumptions(con, files.assumptions)))
    place = set_place(con, [files.local_code], files.regional_codes, PLACE_NAME)
    out(f"  place set: local {files.local_code}, regional {', '.join(files.regional_codes)} ({PLACE_NAME})")
    if not place.is_fictional:  # the geo importer marks no district fictional
        mark_fictional(con, files.district_codes)
    pipeline.refresh(con)  # the rules and the place just set: the summary, and who is local


def mark_fictional(con: duckdb.DuckDBPyConnection, codes: list[str]) -> None:
    """Flag the demo's districts and place as fictional, when the geo importer did not (logged)."""
    with db.transaction(con, changes_derived=False):
        con.execute(
            "update districts set is_fictional = true where list_contains($codes, district_code)",
            {"codes": codes},
        )
        con.execute("update place set is_fictional = true")
        db.log_change(con, "demo.mark_fictional", "districts, place", None, ",".join(codes))
