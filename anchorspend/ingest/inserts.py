"""The inserts of one load, run inside its two transactions: payees as aliases, payments, the file, its sheets."""

from __future__ import annotations

import json

import duckdb
import polars as pl

from anchorspend import db
from anchorspend.ingest.errors import IngestError
from anchorspend.ingest.parse import PAYMENT_COLUMNS, ParsedFile
from anchorspend.ingest.report import LoadReport, SheetCounts

ALIAS_KEY = ("supplier_raw", "company_number", "charity_number")
# What a payment row stores: the parsed columns, less the numbers that live on its alias, plus the ids.
STORED_COLUMNS = ("anchor_id", "file_id", "alias_id", *(c for c in PAYMENT_COLUMNS if c not in ALIAS_KEY[1:]))


def alias_ids(con: duckdb.DuckDBPyConnection, payments: pl.DataFrame) -> pl.DataFrame:
    """Give every distinct payee of the rows an unresolved alias (redacted ones individuals); return the ids.

    Works on the few thousand distinct payees, not the rows, so a big file costs one small join.
    """
    payees = payments.group_by(ALIAS_KEY, maintain_order=True).agg(pl.col("is_redacted").any())
    con.register("incoming_payees", payees)
    try:
        con.execute("""
            insert into supplier_aliases (raw_name, company_number, charity_number, is_individual)
            select i.supplier_raw, i.company_number, i.charity_number, i.is_redacted
            from incoming_payees as i
            where not exists (
                select 1 from supplier_aliases as a
                where a.raw_name = i.supplier_raw and a.company_number = i.company_number
                  and a.charity_number = i.charity_number
            )
            order by i.supplier_raw, i.company_number, i.charity_number  -- the same ids on every run
        """)
        con.execute("""
            update supplier_aliases as a set is_individual = true
            from incoming_payees as i
            where a.raw_name = i.supplier_raw and a.company_number = i.company_number
              and a.charity_number = i.charity_number and i.is_redacted and not a.is_individual
        """)
        return con.execute("""
            select a.alias_id, i.supplier_raw, i.company_number, i.charity_number
            from incoming_payees as i
            inner join supplier_aliases as a
                on a.raw_name = i.supplier_raw and a.company_number = i.company_number
                and a.charity_number = i.charity_number
        """).pl()
    finally:
        con.unregister("incoming_payees")


def insert_payments(con: duckdb.DuckDBPyConnection, payments: pl.DataFrame, anchor_id: int, file_id: int) -> int:
    """Insert the rows with their alias ids; return how many went in."""
    rows = payments.join(alias_ids(con, payments), on=ALIAS_KEY, how="left").select(
        pl.lit(anchor_id, pl.Int32).alias("anchor_id"),
        pl.lit(file_id, pl.Int32).alias("file_id"),
        *STORED_COLUMNS[2:],
    )
    if rows["alias_id"].null_count():
        raise IngestError("internal error: a payment got no supplier alias")
    con.register("incoming", rows.to_arrow())
    try:
        names = ", ".join(STORED_COLUMNS)
        return int(db.scalar(con, f"insert into payments ({names}) select {names} from incoming"))
    finally:
        con.unregister("incoming")


def insert_file(
    con: duckdb.DuckDBPyConnection, file_id: int, anchor_id: int, parsed: ParsedFile, report: LoadReport
) -> None:
    """The file's record: what makes its rows count (see load.write)."""
    sheets = ", ".join(sheet.name for sheet in parsed.sheets if sheet.name) or None
    con.execute(
        """
        insert into source_files (file_id, anchor_id, name, sha256, layout_fingerprint, sheet, period_from,
            period_to, rows_read, rows_loaded, rows_rejected, blank_rows, amount_total, amount_basis, encoding,
            summary_rows)
        values ($file_id, $anchor_id, $name, $sha, $fp, $sheet, $pf, $pt, $read, $loaded, $rejected, $blank,
            $total, $basis, $enc, $summary)
    """,
        {
            "file_id": file_id,
            "anchor_id": anchor_id,
            "name": report.file,
            "sha": report.sha256,
            "fp": report.layout_fingerprint,
            "sheet": sheets,
            "pf": report.period_from,
            "pt": report.period_to,
            "read": report.rows_read,
            "loaded": report.rows_loaded,
            "rejected": report.rows_rejected,
            "blank": report.blank_rows,
            "total": report.amount_total,
            "basis": report.amount_basis,
            "enc": parsed.encoding,
            "summary": report.summary_rows,
        },
    )


def insert_rejected(con: duckdb.DuckDBPyConnection, file_id: int, rejected: pl.DataFrame) -> None:
    if rejected.is_empty():
        return
    con.register("incoming_rejected", rejected)
    try:
        con.execute(
            "insert into rejected_rows (file_id, sheet, row_number, raw_text, reason) "
            "select $f, sheet, row_number, coalesce(raw_text, ''), reason from incoming_rejected",
            {"f": file_id},
        )
    finally:
        con.unregister("incoming_rejected")


def insert_sheets(con: duckdb.DuckDBPyConnection, file_id: int, sheets: list[SheetCounts]) -> None:
    for sheet in sheets:
        con.execute(
            "insert into source_sheets values ($f, $s, $read, $loaded, $rejected, $blank, $total)",
            {
                "f": file_id,
                "s": sheet.sheet,
                "read": sheet.rows_read,
                "loaded": sheet.rows_loaded,
                "rejected": sheet.rows_rejected,
                "blank": sheet.blank_rows,
                "total": sheet.amount_total,
            },
        )


def remember_layout(
    con: duckdb.DuckDBPyConnection,
    fingerprint: str,
    columns: list[str],
    mapping: dict[str, str],
    mapped_by: str,
    anchor: str,
    date_order: str | None = None,
) -> None:
    """Keep the layout's mapping and date order; a person's mapping replaces a proposed one, never the other
    way (the date order the file showed or was given is kept either way)."""
    mapped_by = "user" if mapped_by in ("user", "remembered") else "synonyms"
    existing = con.execute("select mapped_by from layouts where fingerprint = $f", {"f": fingerprint}).fetchone()
    if existing and (existing[0] == "user" and mapped_by != "user"):
        if date_order:
            con.execute(
                "update layouts set date_order = $o where fingerprint = $f", {"o": date_order, "f": fingerprint}
            )
        return
    if existing:
        con.execute("delete from layouts where fingerprint = $f", {"f": fingerprint})
    con.execute(
        "insert into layouts (fingerprint, header, mapping_json, mapped_by, publisher, date_order) "
        "values ($f, $h, $m, $b, $p, $o)",
        {
            "f": fingerprint,
            "h": ", ".join(columns),
            "m": json.dumps(mapping),
            "b": mapped_by,
            "p": anchor,
            "o": date_order,
        },
    )
