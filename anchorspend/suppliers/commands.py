"""`anchorspend suppliers import|list|merge|rename|set|split|review|resolve` and `anchorspend contracts import`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REGISTERS = ("companies-house", "charities", "ods", "gias", "councils")  # as `registers` takes them


def add_commands(subparsers: argparse._SubParsersAction, parents: dict[str, argparse.ArgumentParser]) -> None:
    """Register the suppliers and contracts commands."""
    db_parent = [parents["db"]]
    suppliers = subparsers.add_parser("suppliers", help="supplier register, identities, merges and splits")
    sub = suppliers.add_subparsers(dest="suppliers_command", metavar="ACTION", required=True)
    p = sub.add_parser(
        "import", parents=db_parent, help="import a supplier register or Companies House export"
    )
    p.add_argument("files", nargs="+", type=Path, metavar="FILE", help="CSV or XLSX registers, as published")
    p.set_defaults(handler=import_register_command)
    p = sub.add_parser("list", parents=db_parent, help="one row per organisation (table, --json or --csv)")
    fmt = p.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help="a JSON array of objects")
    fmt.add_argument(
        "--csv",
        action="store_true",
        help="CSV, aliases and anchors joined by ' | ' (safe to open in a spreadsheet; names that may be "
        "people's masked unless --names)",
    )
    p.add_argument("--names", action="store_true", help="with --csv: keep names that may be people's")
    p.set_defaults(handler=list_command)
    p = sub.add_parser("merge", parents=db_parent, help="fold one organisation into another, for good")
    p.add_argument(
        "from_id", type=int, metavar="FROM_ID", help="the organisation that goes (its id in `suppliers list`)"
    )
    p.add_argument("into_id", type=int, metavar="INTO_ID", help="the organisation it joins")
    p.add_argument(
        "--name",
        metavar="NAME",
        help="the name the joined organisation keeps (default: the better-evidenced of the two)",
    )
    p.set_defaults(handler=merge_command)
    p = sub.add_parser("rename", parents=db_parent, help="give an organisation the name you choose, for good")
    p.add_argument("supplier_id", type=int, metavar="SUPPLIER_ID", help="its id, the first column of `suppliers list`")
    p.add_argument("name", metavar="NAME", help="the new name")
    p.set_defaults(handler=rename_command)
    p = sub.add_parser(
        "set", parents=db_parent, help="set an organisation's postcode, sector or type by hand, for good"
    )
    p.add_argument("supplier_id", type=int, metavar="SUPPLIER_ID", help="its id, the first column of `suppliers list`")
    p.add_argument("--postcode", metavar="POSTCODE", help="where it is, e.g. 'M5 4WT'")
    p.add_argument("--sector", metavar="DIVISION", help="SIC 2007 division, two digits, e.g. 86")
    p.add_argument("--type", dest="org_type", metavar="TYPE", help="public, vcse, sme, large or unknown")
    p.set_defaults(handler=set_command)
    p = sub.add_parser(
        "split", parents=db_parent, help="move a spelling out into its own organisation, for good"
    )
    p.add_argument("spelling", metavar="SPELLING", help="the supplier name exactly as a file writes it")
    p.set_defaults(handler=split_command)
    p = sub.add_parser(
        "review", parents=db_parent, help="list uncertain matches; --reject keeps a pair apart"
    )
    p.add_argument(
        "--reject",
        nargs=2,
        type=int,
        metavar=("ALIAS_ID", "SUPPLIER_ID"),
        help="keep a spelling apart from a supplier for good: the alias and supplier ids a line of the list shows",
    )
    p.add_argument("--json", action="store_true", help="a JSON array of the open pairs")
    p.set_defaults(handler=review_command)
    p = sub.add_parser("resolve", parents=db_parent, help="resolve new spellings and reclassify now")
    p.set_defaults(handler=resolve_command)
    registers = subparsers.add_parser(
        "registers", help="national open registers: Companies House, Charity Commission, NHS ODS, GIAS, ONS councils"
    )
    rsub = registers.add_subparsers(dest="registers_command", metavar="ACTION", required=True)
    p = rsub.add_parser(
        "import",
        parents=db_parent,
        help="import a register's files as published (zipped or not), replacing the earlier import",
    )
    p.add_argument(
        "register",
        choices=REGISTERS,
        metavar="REGISTER",
        help="which register: " + ", ".join(REGISTERS),
    )
    p.add_argument("files", nargs="+", type=Path, metavar="FILE", help="the register's files, zipped or not")
    p.set_defaults(handler=registers_import_command)
    p = rsub.add_parser(
        "fetch", parents=db_parent, help="download a register's published file from its URL, then import it"
    )
    p.add_argument(
        "register",
        choices=REGISTERS,
        metavar="REGISTER",
        help="which register: " + ", ".join(REGISTERS),
    )
    p.add_argument("url", metavar="URL", help="the published file's address (http or https)")
    p.add_argument("--max-mb", type=int, default=None, help="refuse a download larger than this (MB)")
    p.set_defaults(handler=registers_fetch_command)
    p = rsub.add_parser(
        "review", parents=db_parent, help="uncertain register matches; --accept or --reject one for good"
    )
    decision = p.add_mutually_exclusive_group()
    decision.add_argument(
        "--accept",
        nargs=3,
        metavar=("SUPPLIER_ID", "REGISTER", "ENTITY_ID"),
        help="this register entry is that supplier, for good (the three values a line of the list shows)",
    )
    decision.add_argument(
        "--reject",
        nargs=3,
        metavar=("SUPPLIER_ID", "REGISTER", "ENTITY_ID"),
        help="this register entry is not that supplier, for good",
    )
    p.add_argument("--json", action="store_true", help="a JSON array of the open matches")
    p.set_defaults(handler=registers_review_command)
    p = rsub.add_parser("list", parents=db_parent, help="the registers imported: files, rows, when")
    p.add_argument("--json", action="store_true", help="a JSON array of the registers")
    p.set_defaults(handler=registers_list_command)
    contracts = subparsers.add_parser("contracts", help="contracts registers")
    csub = contracts.add_subparsers(dest="contracts_command", metavar="ACTION", required=True)
    p = csub.add_parser("import", parents=db_parent, help="import a contracts register as published")
    p.add_argument("files", nargs="+", type=Path, metavar="FILE", help="CSV or XLSX contracts registers, as published")
    p.add_argument("--anchor", metavar="NAME", help="the anchor that published it (must be loaded already)")
    p.set_defaults(handler=import_contracts_command)


def _store(args: argparse.Namespace, read_only: bool = False):
    from anchorspend import cli, db

    return db.connect(cli.database_path(args), read_only=read_only)


def _fail(exc: Exception) -> None:
    from anchorspend.cli import CommandError

    raise CommandError(str(exc).splitlines()[0]) from exc


def _refresh_and_report(con, report: dict) -> None:
    from anchorspend import pipeline

    report["refresh"] = pipeline.refresh(con)  # all derived tables change together, or not at all
    print(json.dumps(report, default=str, indent=2))


def import_register_command(args: argparse.Namespace) -> int:
    """Import register files, then re-resolve and reclassify."""
    from anchorspend.suppliers.register import import_register

    return _import_then_refresh(args, import_register)


def import_contracts_command(args: argparse.Namespace) -> int:
    """Import contracts registers, then re-resolve and reclassify."""
    from anchorspend.suppliers.contracts import import_contracts

    return _import_then_refresh(args, lambda con, path: import_contracts(con, path, args.anchor))


def _import_then_refresh(args: argparse.Namespace, import_one) -> int:  # noqa: ANN001 - (con, path) -> dict
    """Import each file in its own transaction, go on past a bad one, refresh for what was kept, then say
    which files failed (exit 1) and which were kept."""
    from anchorspend.cli import CommandError, fail
    from anchorspend.validate import one_line

    loaded, failed = [], []
    with _store(args) as con:
        for path in args.files:
            try:
                loaded.append(import_one(con, path))
            except Exception as exc:  # noqa: BLE001 - one file's failure, whatever it is, must not hide the rest
                error = one_line(str(exc) or type(exc).__name__)
                failed.append({"file": str(path), "error": error if path.name in error else f"{path}: {error}"})
                if len(args.files) > 1:  # a lone file's failure is the command's own line, below
                    fail(args.command, failed[-1]["error"])
        report: dict = {"imported": loaded}
        if failed:
            report["failed"] = failed
        if loaded:  # the refresh still runs for the files kept
            _refresh_and_report(con, report)
        else:
            print(json.dumps(report, default=str, indent=2))
    if len(failed) == 1 and len(args.files) == 1:
        raise CommandError(failed[0]["error"])
    if failed:
        kept = ", ".join(str(item["file"]) for item in loaded) or "none"
        raise CommandError(f"{len(failed)} of {len(args.files)} file(s) failed ({failed[0]['error']}); kept: {kept}")
    return 0


def resolve_command(args: argparse.Namespace) -> int:
    """Run the refresh pipeline now."""
    with _store(args) as con:
        _refresh_and_report(con, {})
    return 0


def list_command(args: argparse.Namespace) -> int:
    """Print the organisations."""
    from anchorspend import db

    with _store(args, read_only=True) as con:
        frame = db.run_query(con, "suppliers_list")
    if args.json:
        print(json.dumps(frame.to_dicts(), default=str, indent=1))
    elif args.csv:
        import polars as pl

        from anchorspend.downloads import INDIVIDUAL_LABEL, may_be_person, to_csv

        entity = pl.concat_str(
            [pl.element().struct.field("register"), pl.element().struct.field("id")], separator=" "
        )
        flat = frame.with_columns(
            pl.col("aliases").list.join(" | "),
            pl.col("anchors").list.join(" | "),
            pl.col("registers").list.eval(entity).list.join(" | "),
        )
        if not args.names:  # a person's name goes nowhere by default, nor do the spellings that repeat it
            person = flat["name"].map_elements(may_be_person, return_dtype=pl.Boolean)
            flat = flat.with_columns(
                pl.when(person).then(pl.lit(INDIVIDUAL_LABEL)).otherwise(pl.col(c)).alias(c)
                for c in ("name", "aliases")
            )
        sys.stdout.write(to_csv(flat, names=True, bom=False).decode("utf-8"))
    else:
        print(f"{'id':>7}  {'paid (£)':>14}  {'type':<8} {'SIC':<3} name")  # a table a reader can name
        for row in frame.iter_rows(named=True):
            print(
                f"{row['id']:>7}  {float(row['spend'] or 0):>14,.2f}  {row['type']:<8} {row['sector'] or '--':<3} "
                f"{row['name']}"
            )
    return 0


def merge_command(args: argparse.Namespace) -> int:
    """Merge FROM_ID into INTO_ID (keeping --name if given) and refresh."""
    from anchorspend.suppliers.decisions import DecisionError, merge
    from anchorspend.suppliers.overrides import checked_value, set_field

    report: dict[str, object] = {"merged": args.from_id, "into": args.into_id}
    with _store(args) as con:
        try:
            if args.name is not None:
                checked_value("name", args.name)  # refuse a bad name before merging anything
            merge(con, args.from_id, args.into_id)
            if args.name is not None:
                report["name"] = set_field(con, args.into_id, "name", args.name)
        except DecisionError as exc:
            _fail(exc)
        _refresh_and_report(con, report)
    return 0


def rename_command(args: argparse.Namespace) -> int:
    """Rename an organisation for good and refresh."""
    return _set_fields(args, {"name": args.name})


def set_command(args: argparse.Namespace) -> int:
    """Set postcode, sector or type by hand and refresh."""
    from anchorspend.cli import CommandError

    wanted = {"postcode": args.postcode, "sector": args.sector, "type": args.org_type}
    wanted = {field: value for field, value in wanted.items() if value is not None}
    if not wanted:
        raise CommandError("say what to set: --postcode, --sector or --type")
    return _set_fields(args, wanted)


def _set_fields(args: argparse.Namespace, wanted: dict[str, str]) -> int:
    from anchorspend.suppliers.decisions import DecisionError
    from anchorspend.suppliers.overrides import checked_value, set_field

    with _store(args) as con:
        try:
            for field, value in wanted.items():
                checked_value(field, value)  # every value checked before any is stored
            report = {field: set_field(con, args.supplier_id, field, value) for field, value in wanted.items()}
        except DecisionError as exc:
            _fail(exc)
        _refresh_and_report(con, {"supplier_id": args.supplier_id, "set": report})
    return 0


def split_command(args: argparse.Namespace) -> int:
    """Split a spelling out and refresh."""
    from anchorspend.suppliers.decisions import DecisionError, split

    with _store(args) as con:
        try:
            new_id = split(con, args.spelling)
        except DecisionError as exc:
            _fail(exc)
        _refresh_and_report(con, {"split": args.spelling, "new_supplier_id": new_id})
    return 0


def review_command(args: argparse.Namespace) -> int:
    """List open review pairs, or reject one."""
    from anchorspend import db
    from anchorspend.suppliers.decisions import DecisionError, keep_apart

    if args.reject:
        with _store(args) as con:
            try:
                keep_apart(con, *args.reject)
            except DecisionError as exc:
                _fail(exc)
        print(f"kept apart: alias {args.reject[0]} and supplier {args.reject[1]}")
        return 0
    with _store(args, read_only=True) as con:
        frame = db.run_query(con, "suppliers_review")
    if args.json:
        print(json.dumps(frame.to_dicts(), default=str, indent=1))
        return 0
    for row in frame.iter_rows(named=True):
        print(
            f"{row['score']:>5}  alias {row['alias_id']} {row['spelling']!r} "
            f"(supplier {row['now_supplier_id']})"
            f"  ~  supplier {row['candidate_supplier_id']} {row['candidate_name']!r}"
            f"   merge: anchorspend suppliers merge {row['now_supplier_id']} {row['candidate_supplier_id']}"
        )
    print(f"{frame.height} open pairs")
    return 0


def registers_import_command(args: argparse.Namespace) -> int:
    """Import one national register, then link organisations to it and reclassify."""
    from anchorspend.suppliers.registers.imports import RegisterError, import_register_files

    register = args.register.replace("-", "_")
    with _store(args) as con:
        try:
            loaded = import_register_files(con, register, args.files)
        except RegisterError as exc:
            _fail(exc)
        _refresh_and_report(con, {"imported": loaded})
    return 0


def registers_fetch_command(args: argparse.Namespace) -> int:
    """Download a register's file (before the store is opened), then import it as `registers import` does."""
    import tempfile

    from anchorspend.suppliers.registers.imports import RegisterError, download_register, import_register_files

    register = args.register.replace("-", "_")
    with tempfile.TemporaryDirectory(prefix="anchorspend-fetch-") as folder:
        try:
            path = download_register(register, args.url, Path(folder), (args.max_mb or 0) << 20)
        except RegisterError as exc:
            _fail(exc)
        with _store(args) as con:
            try:
                loaded = import_register_files(con, register, [path])
            except RegisterError as exc:
                _fail(exc)
            _refresh_and_report(con, {"imported": loaded, "url": args.url})
    return 0


def registers_list_command(args: argparse.Namespace) -> int:
    """Print the registers imported."""
    from anchorspend.suppliers.registers.imports import register_summary

    with _store(args, read_only=True) as con:
        frame = register_summary(con)
    if args.json:
        print(json.dumps(frame.to_dicts(), default=str, indent=1))
        return 0
    for row in frame.iter_rows(named=True):
        when = f"{row['imported_at']:%Y-%m-%d %H:%M}"
        print(f"{row['register']:<16} {row['rows_loaded']:>10,} rows  {when}  {row['files']}")
    print(f"{frame.height} registers imported")
    return 0


def registers_review_command(args: argparse.Namespace) -> int:
    """List register matches waiting for a person, or accept or reject one, then refresh."""
    from anchorspend import db
    from anchorspend.cli import CommandError
    from anchorspend.suppliers.decisions import DecisionError
    from anchorspend.suppliers.registers.link import decide

    chosen = args.accept or args.reject
    if chosen:
        supplier, register, entity = chosen
        if not supplier.isdigit():
            raise CommandError(f"{supplier!r} is not a supplier id")
        with _store(args) as con:
            try:
                decide(con, int(supplier), register.replace("-", "_"), entity, accept=bool(args.accept))
            except DecisionError as exc:
                _fail(exc)
            _refresh_and_report(con, {"accepted" if args.accept else "rejected": chosen})
        return 0
    with _store(args, read_only=True) as con:
        frame = db.run_query(con, "registers_review")
    if args.json:
        print(json.dumps(frame.to_dicts(), default=str, indent=1))
        return 0
    for row in frame.iter_rows(named=True):
        print(
            f"{row['score']:>5}  supplier {row['supplier_id']} {row['supplier_name']!r}  ~  {row['register']} "
            f"{row['entity_id']} {row['entity_name']!r}   ({row['evidence']})"
        )
    print(f"{frame.height} open register matches")
    return 0
