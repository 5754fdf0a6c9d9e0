"""`anchorspend ingest` and `anchorspend files list|remove|replace`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

KINDS = ("council", "nhs", "housing", "education", "police", "other")


def add_commands(subparsers: argparse._SubParsersAction, parents: dict[str, argparse.ArgumentParser]) -> None:
    """Register ingest and files."""
    ingest = subparsers.add_parser(
        "ingest",
        parents=[parents["db"]],
        help="load published spend files (CSV, XLSX or text PDF) for an anchor",
        description="Load spend files for one anchor. Each file loads whole or not at all; the same bytes "
        "again change nothing.",
    )
    ingest.add_argument(
        "files", nargs="+", type=Path, metavar="FILE", help="spend files: CSV, XLSX or a text PDF (several at once)"
    )
    ingest.add_argument(
        "--anchor",
        required=True,
        metavar="NAME",
        help="the institution that published them (made an anchor on its first file)",
    )
    ingest.add_argument("--kind", required=True, choices=KINDS, help="what kind of anchor it is")
    ingest.add_argument("--sheet", metavar="NAME", help="load only this sheet of a workbook")
    ingest.add_argument(
        "--mapping",
        metavar="JSON",
        help='column mapping, e.g. \'{"paid_on": "Date", "amount": "Net", "supplier": "Payee"}\'',
    )
    ingest.add_argument(
        "--date-order",
        choices=("dmy", "mdy"),
        help="read dates such as 03/04/2020 day-first (dmy) or month-first (mdy) whatever the file shows; "
        "remembered for the layout",
    )
    ingest.add_argument(
        "--rejections", type=Path, metavar="FILE.csv", help="write every rejected row, with its reason, to a CSV"
    )
    ingest.add_argument("--json", action="store_true", help="print one JSON object per file")
    ingest.set_defaults(handler=run_ingest)

    files = subparsers.add_parser("files", help="list, remove or replace loaded files")
    actions = files.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = actions.add_parser("list", parents=[parents["db"]], help="the files loaded, newest first")
    listing.add_argument("--json", action="store_true", help="print one JSON object per file")
    listing.set_defaults(handler=run_list)
    remove = actions.add_parser("remove", parents=[parents["db"]], help="take a wrong file's payments out")
    remove.add_argument("file_id", type=int, metavar="ID", help="the file's id, the first column of `files list`")
    remove.set_defaults(handler=run_remove)
    replace = actions.add_parser(
        "replace", parents=[parents["db"]], help="load a re-issued file in place of an older one, atomically"
    )
    replace.add_argument(
        "file_id", type=int, metavar="ID", help="the id of the file it replaces, the first column of `files list`"
    )
    replace.add_argument("file", type=Path, metavar="FILE", help="the re-issued spend file")
    replace.add_argument("--sheet", metavar="NAME", help="load only this sheet of a workbook")
    replace.add_argument("--date-order", choices=("dmy", "mdy"), help="as for ingest")
    replace.add_argument("--json", action="store_true", help="print the load report as JSON")
    replace.set_defaults(handler=run_replace)


def _mapping(text: str | None) -> dict[str, str] | None:
    from anchorspend.cli import CommandError

    if not text:
        return None
    try:
        mapping = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CommandError(f"--mapping is not valid JSON: {exc.msg}") from exc
    if not isinstance(mapping, dict) or not all(isinstance(v, str) for v in mapping.values()):
        raise CommandError('--mapping must be a JSON object of field -> column name, e.g. {"amount": "Net"}')
    return mapping


def _print(report, as_json: bool) -> None:  # noqa: ANN001 - LoadReport, imported lazily
    if as_json:
        print(json.dumps(report.to_json(), default=str), flush=True)
    else:
        print(report.to_text(), flush=True)


def _warn_rejections(report) -> None:  # noqa: ANN001 - LoadReport, imported lazily
    """One line on stderr for a file that loaded with rejected rows: how many, and the commonest reason."""
    line = report.rejection_line() if report.status == "loaded" else None
    if line:
        print(f"anchorspend ingest: warning: {report.file}: {line}", file=sys.stderr, flush=True)


def write_rejections(path: Path, reports: list) -> int:
    """Write every rejected row of the reports to one CSV (file, sheet, row, reason, raw text); return rows."""
    import polars as pl

    from anchorspend.downloads import neutralise

    frames = [
        r.rejected_frame.select(
            pl.lit(r.file).alias("file"),
            pl.col("sheet"),
            pl.col("row_number").cast(pl.Int64),
            pl.col("reason"),
            pl.col("raw_text"),
        )
        for r in reports
        if r.rejected_frame is not None
    ]
    schema = {"file": pl.String, "sheet": pl.String, "row_number": pl.Int64, "reason": pl.String, "raw_text": pl.String}
    frame = pl.concat(frames) if frames else pl.DataFrame(schema=schema)
    neutralise(frame).write_csv(path)
    return frame.height


def run_ingest(args: argparse.Namespace) -> int:
    """Load each file; print its report; fail (after trying every file) if any file failed."""
    from anchorspend.cli import CommandError, database_path
    from anchorspend.ingest import ingest_file
    from anchorspend.ingest.api import refresh_store
    from anchorspend.validate import InvalidValue, anchor_name, one_line

    try:
        args.anchor = anchor_name(args.anchor)
    except InvalidValue as exc:
        raise CommandError(f"--anchor: {exc}") from None
    mapping = _mapping(args.mapping)
    store = database_path(args)
    failures, loaded, every = [], 0, []
    for path in args.files:
        try:  # derived tables are refreshed once, after every file, not after each
            reports = ingest_file(
                store,
                path,
                args.anchor,
                args.kind,
                sheet=args.sheet,
                mapping=mapping,
                refresh=False,
                date_order=args.date_order,
            )
        except Exception as exc:  # one file's unexpected failure must not hide the others' reports
            from anchorspend.ingest import LoadReport

            reason = one_line(str(exc)) if str(exc).strip() else type(exc).__name__
            reports = [LoadReport.failed(path.name, args.anchor, reason)]
        for report in reports:
            _print(report, args.json)
            _warn_rejections(report)
            every.append(report)
            loaded += report.status == "loaded"
            if report.status == "failed":
                failures.append(f"{report.file}: {report.error}")
    if loaded:
        warnings: list[str] = []
        refresh_store(store, warnings)
        for warning in warnings:
            print(f"anchorspend ingest: warning: {warning}", file=sys.stderr)
    if args.rejections:
        written = write_rejections(args.rejections, every)
        print(f"anchorspend ingest: {written:,} rejected row(s) written to {args.rejections}", file=sys.stderr)
    if failures:
        more = f" (and {len(failures) - 1} more)" if len(failures) > 1 else ""
        raise CommandError(f"{len(failures)} of {len(args.files)} file(s) failed: {failures[0]}{more}")
    return 0


def run_list(args: argparse.Namespace) -> int:
    """Print the loaded files."""
    from anchorspend import db
    from anchorspend.cli import existing_store
    from anchorspend.ingest import list_files

    store = existing_store(args, "load files with `anchorspend ingest` first")
    with db.connect(store, read_only=True) as con:
        files = list_files(con)
    if args.json:
        for row in files.iter_rows(named=True):
            print(json.dumps(row, default=str))
        return 0
    if files.is_empty():
        print("no files loaded")
        return 0
    # Whole names, the file's last like `suppliers list`'s: a cut name cannot be told from its neighbour's.
    width = max(len("anchor"), *(len(a) for a in files["anchor"]))
    print(
        f"{'id':>5}  {'status':<18} {'paid from':<10} {'paid to':<10} {'rows':>9} {'rejected':>8} "
        f"{'total (£)':>16} {'basis':<7} {'anchor':<{width}}  file"
    )
    for row in files.iter_rows(named=True):
        status = row["status"] + (f" by {row['replaced_by']}" if row["replaced_by"] else "")
        first, last = (str(row[k] or "--") for k in ("period_from", "period_to"))
        print(
            f"{row['file_id']:>5}  {status:<18} {first:<10} {last:<10} "
            f"{row['rows_loaded']:>9,} {row['rows_rejected']:>8,} {float(row['amount_total'] or 0):>16,.2f} "
            f"{row['amount_basis'] or '':<7} {row['anchor']:<{width}}  {row['name']}"
            + (f" (sheet {row['sheet']!r})" if row["sheet"] else "")
        )
    return 0


def run_remove(args: argparse.Namespace) -> int:
    """Remove a file's payments."""
    from anchorspend import db
    from anchorspend.cli import CommandError, existing_store
    from anchorspend.ingest import IngestError, remove_file

    store = existing_store(args)
    try:
        with db.connect(store) as con:
            removed = remove_file(con, args.file_id)
    except IngestError as exc:
        raise CommandError(str(exc)) from exc
    print(f"file {args.file_id} removed: {removed:,} payments taken out")
    return 0


def run_replace(args: argparse.Namespace) -> int:
    """Replace a file with a re-issued one."""
    from anchorspend.cli import CommandError, database_path
    from anchorspend.ingest import IngestError, replace_file

    try:
        report = replace_file(
            database_path(args), args.file_id, args.file, sheet=args.sheet, date_order=args.date_order
        )
    except IngestError as exc:
        raise CommandError(str(exc)) from exc
    _print(report, args.json)
    _warn_rejections(report)
    if report.status == "failed":
        raise CommandError(f"{report.file}: {report.error}")
    return 0
