"""Write a parsed file in one transaction: anchor, file, aliases, payments, rejections, layout."""

from __future__ import annotations

from decimal import Decimal

import duckdb
import polars as pl

from anchorspend import db, validate
from anchorspend.ingest import inserts
from anchorspend.ingest.errors import IngestError
from anchorspend.ingest.parse import PAYMENT_COLUMNS, ParsedFile
from anchorspend.ingest.report import LoadReport, SheetCounts

KINDS = ("council", "nhs", "housing", "education", "police", "other")
REJECTED_COLUMNS = ("sheet", "row_number", "raw_text", "reason")


def anchor_id(con: duckdb.DuckDBPyConnection, name: str, kind: str) -> int | None:
    """The anchor's id, or None if it is new; fail if it exists with another kind."""
    if kind not in KINDS:
        raise IngestError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
    try:
        name = validate.anchor_name(name)
    except validate.InvalidValue as exc:
        raise IngestError(str(exc)) from None
    row = con.execute("select anchor_id, kind from anchors where name = $n", {"n": name}).fetchone()
    if row is None:
        return None
    if row[1] != kind:
        raise IngestError(f"the anchor {name!r} is already loaded as kind {row[1]!r}, not {kind!r}")
    return int(row[0])


def already_loaded(con: duckdb.DuckDBPyConnection, parsed_name: str, anchor: str, sha256: str) -> LoadReport | None:
    """A report for bytes already active for this anchor, else None."""
    found = db.run_query(con, "ingest_active_file", anchor=anchor, sha256=sha256)
    if found.is_empty():
        return None
    row = found.row(0, named=True)
    return LoadReport(
        file=parsed_name,
        sha256=sha256,
        status="already_loaded",
        anchor=anchor,
        file_id=row["file_id"],
        rows_read=row["rows_read"],
        rows_loaded=row["rows_loaded"],
        rows_rejected=row["rows_rejected"],
        blank_rows=row["blank_rows"],
        summary_rows=row["summary_rows"],
        amount_total=row["amount_total"],
        amount_basis=row["amount_basis"],
        layout_fingerprint=row["layout_fingerprint"] or "",
        encoding=row["encoding"] or "",
        period_from=row["period_from"],
        period_to=row["period_to"],
    )


def remove_payments(con: duckdb.DuckDBPyConnection, file_id: int) -> None:
    """Take a file's rows out of the store (its source_files row stays, for the record)."""
    con.execute("delete from payments where file_id = $f", {"f": file_id})
    con.execute("delete from rejected_rows where file_id = $f", {"f": file_id})


def _split_duplicates(
    con: duckdb.DuckDBPyConnection,
    anchor_id: int,
    parsed: ParsedFile,
    payments: pl.DataFrame,
    replacing: int | None,
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(payments to load, rejections for rows that repeat payments already in another active file)."""
    has_payments = db.scalar(
        con,
        "select count(*) from payments where anchor_id = $a limit 1", {"a": anchor_id}
    )
    if not has_payments or payments.is_empty():
        return payments, pl.DataFrame(schema=dict.fromkeys(REJECTED_COLUMNS, pl.String))
    con.register("incoming", payments)
    try:
        dupes = db.run_query(con, "ingest_duplicates", anchor_id=anchor_id, replacing=replacing)
    finally:
        con.unregister("incoming")
    if dupes.is_empty():
        return payments, pl.DataFrame(schema=dict.fromkeys(REJECTED_COLUMNS, pl.String))
    keep = payments.join(dupes.select("sheet", "row_number"), on=["sheet", "row_number"], how="anti")
    raw = pl.concat(
        [sheet.raw_text(dupes.filter(pl.col("sheet") == sheet.name)["row_number"]) for sheet in parsed.sheets]
    )
    rejected = dupes.join(raw, on=["sheet", "row_number"], how="left").select(
        "sheet",
        "row_number",
        "raw_text",
        pl.format("duplicate of file {} row {}", "duplicate_file_id", "duplicate_row").alias("reason"),
    )
    return keep, rejected


def _sheet_counts(parsed: ParsedFile, payments: pl.DataFrame, rejected: pl.DataFrame) -> list[SheetCounts]:
    counts = []
    for sheet in parsed.sheets:
        loaded = payments.filter(pl.col("sheet") == sheet.name)
        n_rejected = rejected.filter(pl.col("sheet") == sheet.name).height
        counts.append(
            SheetCounts(
                sheet=sheet.name,
                rows_read=sheet.rows_read,
                rows_loaded=loaded.height,
                rows_rejected=n_rejected,
                blank_rows=sheet.blank_rows,
                amount_total=_total(loaded),
            )
        )
    return counts


def _total(frame: pl.DataFrame) -> Decimal:
    total = frame["amount_gbp"].sum() if frame.height else None
    return Decimal(total or 0).quantize(Decimal("0.01"))


def write(
    con: duckdb.DuckDBPyConnection,
    parsed: ParsedFile,
    anchor: str,
    kind: str,
    replacing: int | None = None,
) -> LoadReport:
    """Load a parsed file for an anchor (replacing a file, if given); return its report.

    Whole or not at all, whatever moment a kill lands. A kill while DuckDB writes a big commit to its log can
    leave the rows' pages replayed without the rest of the transaction, so a load is two transactions: the
    rows go in under a new file id that nothing counts yet, then a small one adds the file's record (with its
    anchor and sheets), which is what makes them count. db.discard_unfinished removes rows a kill left
    uncounted.
    """
    name = parsed.path.name
    found = already_loaded(con, name, anchor, parsed.sha256)
    if found is not None:
        return found  # nothing written: the store, and its version, stay exactly as they were
    layout = parsed.sheets[0].layout
    known_anchor = anchor_id(con, anchor, kind)
    with db.transaction(con, changes_derived=False, anchors=()):  # rows no query counts yet
        file_id = int(db.scalar(con, "select nextval('seq_file_id')"))
        anchor_key = known_anchor or int(db.scalar(con, "select nextval('seq_anchor_id')"))
        payments = pl.concat([sheet.payments for sheet in parsed.sheets]).select(PAYMENT_COLUMNS)
        rejected = pl.concat([sheet.rejected for sheet in parsed.sheets]).select(REJECTED_COLUMNS)
        payments, duplicates = _split_duplicates(con, anchor_key, parsed, payments, replacing)
        if payments.is_empty():  # every row repeats another file's: keep nothing rather than an empty file
            raise IngestError(f"nothing to load: all {duplicates.height:,} rows repeat payments already loaded")
        rejected = pl.concat([rejected, duplicates.cast(rejected.schema)]).sort("sheet", "row_number")
        rows_read = sum(sheet.rows_read for sheet in parsed.sheets)
        if payments.height + rejected.height != rows_read:  # every row accounted for, or nothing is written
            raise IngestError(f"row accounting failed: {payments.height} + {rejected.height} != {rows_read}")
        report = LoadReport(
            file=name,
            sha256=parsed.sha256,
            status="loaded",
            anchor=anchor,
            file_id=file_id,
            rows_read=rows_read,
            rows_loaded=payments.height,
            rows_rejected=rejected.height,
            blank_rows=sum(sheet.blank_rows for sheet in parsed.sheets),
            amount_total=_total(payments),
            amount_basis=layout.amount_basis,
            encoding=parsed.encoding,
            layout_fingerprint=layout.fingerprint,
            mapping=layout.mapping,
            duplicates=duplicates.height,
            replaced_file_id=replacing,
            sheets=_sheet_counts(parsed, payments, rejected),
            skipped_sheets=parsed.skipped,
            period_from=str(payments["paid_on"].min()) if payments.height else None,
            period_to=str(payments["paid_on"].max()) if payments.height else None,
        )
        parsed.annotate(report)
        inserted = inserts.insert_payments(con, payments, anchor_key, file_id)
        if inserted != payments.height:
            raise IngestError(f"internal error: {inserted} payments written for {payments.height} rows")
        inserts.insert_rejected(con, file_id, rejected)
        db.pause_point("load_rows")
    # the anchors whose files change: this one, and the replaced file's (the same, through files replace)
    replaced = con.execute("select anchor_id from source_files where file_id = $o", {"o": replacing}).fetchall()
    changing = {anchor_key} | {row[0] for row in replaced}
    with db.transaction(con, needs_refresh=True, anchors=changing):  # small: this commit makes the rows count
        if known_anchor is None:
            con.execute(
                "insert into anchors (anchor_id, name, kind) values ($i, $n, $k)",
                {"i": anchor_key, "n": anchor, "k": kind},
            )
        inserts.insert_file(con, file_id, anchor_key, parsed, report)
        inserts.insert_sheets(con, file_id, report.sheets)
        for sheet in parsed.sheets:
            inserts.remember_layout(
                con,
                sheet.layout.fingerprint,
                sheet.layout.columns,
                sheet.layout.mapping,
                sheet.layout.mapped_by,
                anchor,
                sheet.layout.date_order,
            )
        if replacing is not None:  # its rows stop counting here, and are deleted below
            con.execute(
                "update source_files set status = 'replaced', replaced_by = $n where file_id = $o",
                {"n": file_id, "o": replacing},
            )
            db.log_change(con, "files.replace", f"file {replacing}", "active", f"replaced by file {file_id}")
        db.log_change(
            con,
            "ingest",
            f"file {file_id}",
            None,
            f"{name} for {anchor}: {report.rows_loaded} rows, £{report.amount_total}",
        )
        db.pause_point("load_record")
    if replacing is not None:
        with db.transaction(con, changes_derived=False, anchors=()):  # rows no query counts any more
            remove_payments(con, replacing)
    report.keep_rejections(rejected)
    return report

