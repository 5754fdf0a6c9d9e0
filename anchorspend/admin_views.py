"""What the Data page shows, without Streamlit: upload checks, the files list, the coverage grid, the change log
in words, and one sentence per imported file."""

from __future__ import annotations

from pathlib import Path

import duckdb
import polars as pl

SPREADSHEET_STARTS = (b"PK\x03\x04",)
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def upload_problem(name: str, data: bytes, limit_mb: int) -> str | None:
    """Why an upload cannot be a spend file, in one sentence; None when it may be one."""
    if len(data) > limit_mb * 1024 * 1024:
        return f"{name} is {len(data) / 1024 / 1024:,.1f} MB; the limit is {limit_mb} MB. Split it into smaller files."
    if not data.strip():
        return f"{name} is empty."
    text_named = name.lower().endswith((".csv", ".toml"))
    if text_named and b"\x00" in data[:4096] and not data.startswith(UTF16_BOMS):  # else the readers echo binary
        return f"{name} is not a text CSV file (it holds binary data): save it as CSV."
    if name.lower().endswith((".xlsx", ".xlsm")) and not data.startswith(SPREADSHEET_STARTS):
        return f"{name} is not an Excel workbook (.xlsx), though its name says so. Save it as XLSX or CSV."
    return None


FILE_COLUMNS = (
    "file_id",
    "anchor",
    "name",
    "status",
    "period_from",
    "period_to",
    "rows_read",
    "rows_loaded",
    "rows_rejected",
    "amount_total",
    "amount_basis",
    "replaced_by",
    "sheet",
    "loaded_at",
)
ACTIONS = {
    "ingest": "File loaded",
    "files.remove": "File removed",
    "files.replace": "File replaced",
    "suppliers.resolve": "Suppliers matched",
    "suppliers.merge": "Suppliers merged",
    "suppliers.split": "Spelling split off",
    "suppliers.accept": "Match accepted",
    "suppliers.keep_apart": "Match rejected",
    "suppliers.fold_by_number": "Suppliers joined by company number",
    "suppliers.import": "Supplier register imported",
    "contracts.import": "Contracts register imported",
    "geo.import": "Geography imported",
    "place.set": "Place set",
    "assumptions.seed": "Default assumptions set",
    "assumptions.import": "Assumptions imported",
    "assumptions.import.payroll": "Payroll imported",
    "assumptions.import.respend_rate": "Re-spend rate imported",
    "assumptions.import.survey_return": "Survey return imported",
    "assumptions.import.influenceable_rule": "Influenceable rule imported",
    "demo.mark_fictional": "Demo place marked fictional",
}


def without_empty(frame: pl.DataFrame, *columns: str) -> pl.DataFrame:
    """Drop the named columns where no row has a value (a CSV has no sheet; a new file replaced nothing)."""
    empty = [c for c in columns if c in frame.columns and not (frame[c].cast(pl.String).fill_null("") != "").any()]
    return frame.drop(empty)


def files_view(files: pl.DataFrame) -> pl.DataFrame:
    """The files list as read: what, whose, which months, rows and £ (the hash and the anchor's kind left out)."""
    shown = files.select([c for c in FILE_COLUMNS if c in files.columns])
    return without_empty(shown, "replaced_by", "sheet")


def coverage_by_month(grid: pl.DataFrame) -> pl.DataFrame:
    """Net £ per month (rows) and anchor (columns); None where the anchor published nothing that month."""
    return (
        grid.with_columns(
            pl.col("month").dt.strftime("%Y-%m"),
            pl.when(pl.col("is_missing"))
            .then(None)
            .otherwise(pl.col("amount_gbp").cast(pl.Float64))
            .alias("amount_gbp"),
        )
        .pivot(on="anchor", index="month", values="amount_gbp", sort_columns=True)
        .sort("month")
    )


def action_words(action: str) -> str:
    """An action code as words: 'influenceable_rules.add' -> 'Influenceable rules: add'."""
    table, _, verb = action.rpartition(".")
    text = f"{table.replace('_', ' ')}: {verb.replace('_', ' ')}" if table else verb.replace("_", " ")
    return text[:1].upper() + text[1:]


def log_view(log: pl.DataFrame) -> pl.DataFrame:
    """The change log in words: what was done, and who did it without the 'app:'/'cli:' prefix."""
    if log.is_empty():
        return log
    words = {a: ACTIONS.get(a) or action_words(a) for a in log["action"].drop_nulls().unique().to_list()}
    return log.with_columns(
        pl.col("action").replace_strict(words, default=None),
        pl.col("changed_by").str.replace(r"^app:", "").str.replace(r"^cli:", "command line: "),
    )


def import_uploads(con: duckdb.DuckDBPyConnection, kind: str, paths: list[Path], anchor: str | None) -> list[str]:
    """Import the files of one kind; one sentence per file saying what was loaded."""
    if kind == "register":
        from anchorspend.suppliers import import_register

        results = [import_register(con, p) for p in paths]
        return [
            f"{r['file']}: already imported, nothing changed."
            if r["already_loaded"]
            else f"{r['file']}: {r['entries']:,} register entries."
            for r in results
        ]
    if kind == "contracts":
        from anchorspend.suppliers import import_contracts

        results = [import_contracts(con, p, anchor=anchor) for p in paths]
        return [
            f"{r['file']}: already imported, nothing changed."
            if r["already_loaded"]
            else f"{r['file']}: {r['contracts']:,} contracts."
            for r in results
        ]
    if kind == "geography":
        from anchorspend.geo import import_files

        return [report.line() + "." for report in import_files(con, paths)]
    from anchorspend.metrics import import_assumptions

    lines = []
    for path in paths:
        counts = import_assumptions(con, path)
        lines.append(f"{path.name}: " + ", ".join(f"{n} {k.replace('_', ' ')}" for k, n in counts.items() if n) + ".")
    return lines
