"""Load a file: read what the store remembers, parse with the store closed, then write briefly."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import duckdb

from anchorspend import db, pipeline
from anchorspend.ingest import load
from anchorspend.ingest.columns import Layout
from anchorspend.ingest.errors import IngestError
from anchorspend.ingest.parse import ParsedFile, parse_file
from anchorspend.ingest.parse import detect_layout as _detect
from anchorspend.ingest.read import read_spend_file
from anchorspend.ingest.report import LoadReport

Store = duckdb.DuckDBPyConnection | Path | str


def remembered_layouts(con: duckdb.DuckDBPyConnection) -> dict[str, dict[str, str]]:
    """Mappings people gave, and the date order any layout was read in ("date_order"), by header fingerprint."""
    rows = db.run_query(con, "ingest_user_layouts")
    return {row["fingerprint"]: json.loads(row["mapping_json"]) for row in rows.iter_rows(named=True)}


def _peek(
    store: Store, anchor: str, sha256: str, name: str
) -> tuple[dict[str, dict[str, str]], LoadReport | None]:
    """Remembered layouts and any already-loaded report, reading the store briefly (or not at all if new)."""
    if isinstance(store, duckdb.DuckDBPyConnection):
        return remembered_layouts(store), load.already_loaded(store, name, anchor, sha256)
    if not Path(store).exists():
        return {}, None
    with db.connect(store, read_only=True) as con:
        return remembered_layouts(con), load.already_loaded(con, name, anchor, sha256)


def refresh_store(store: Store, warnings: list[str]) -> None:
    """Bring derived tables up to date; the load stands even if this fails, so it becomes a warning."""
    try:
        if isinstance(store, duckdb.DuckDBPyConnection):
            pipeline.refresh(store)
        else:
            with db.connect(store) as con:
                pipeline.refresh(con)
    except Exception as exc:  # any step's failure: the payments are committed and must be reported as loaded
        warnings.append(f"the refresh after loading failed ({type(exc).__name__}: {exc}); run it again later")


def _write(
    store: Store, parsed: ParsedFile, anchor: str, kind: str, replacing: int | None, then_refresh: bool
) -> LoadReport:
    """Open the store for writing only now, load, and (unless told not to) bring derived tables up to date."""
    if isinstance(store, duckdb.DuckDBPyConnection):
        report = load.write(store, parsed, anchor, kind, replacing)
        if report.status == "loaded" and then_refresh:
            refresh_store(store, report.warnings)
        return report
    with db.connect(store) as con:
        return _write(con, parsed, anchor, kind, replacing, then_refresh)


def ingest_file(
    store: Store,
    path: Path | str,
    anchor: str,
    kind: str,
    sheet: str | None = None,
    mapping: dict[str, str] | None = None,
    replacing: int | None = None,
    refresh: bool = True,
    date_order: str | None = None,
) -> list[LoadReport]:
    """Load one spend file (CSV or XLSX) for an anchor; return its load report (status failed on a bad file).

    store is an open connection or the store's path (then it is opened read-only to look up, and for writing
    only while the parsed rows are inserted). mapping is canonical field -> column name (see detect_layout).
    refresh=False skips pipeline.refresh, for a caller loading many files that refreshes once at the end.
    date_order ('dmy' or 'mdy') overrides the day/month order read from the dates, and is remembered.
    """
    path = Path(path)
    try:
        data = read_spend_file(path)  # refuses folders, pipes, devices and oversized files before reading
    except IngestError as exc:
        return [LoadReport.failed(path.name, anchor, str(exc))]
    sha256 = hashlib.sha256(data).hexdigest()
    try:
        if kind not in load.KINDS:
            raise IngestError(f"kind must be one of {', '.join(load.KINDS)}, not {kind!r}")
        remembered, found = _peek(store, anchor, sha256, path.name)
        if found is not None:
            return [found]
        parsed = parse_file(
            path, data, sha256, sheet=sheet, mapping=mapping, remembered=remembered, date_order=date_order
        )
        del data  # the parsed frames are all that is needed from here
        return [_write(store, parsed, anchor, kind, replacing, refresh)]
    except (IngestError, db.StoreBusy, db.StoreDamaged) as exc:
        failed = LoadReport.failed(path.name, anchor, str(exc), sha256)
        failed.keep_rejections(getattr(exc, "rejected", None))  # a file whose every row was rejected
        return [failed]


def detect_layout(path: Path | str, sheet: str | None = None, store: Store | None = None) -> list[Layout]:
    """Each sheet's header, proposed (or remembered) mapping and unplaced fields, for the Data page."""
    remembered: dict[str, dict[str, str]] = {}
    if isinstance(store, duckdb.DuckDBPyConnection):
        remembered = remembered_layouts(store)
    elif store is not None and Path(store).exists():
        with db.connect(store, read_only=True) as con:
            remembered = remembered_layouts(con)
    return _detect(path, sheet=sheet, remembered=remembered)
