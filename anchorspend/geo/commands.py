"""`anchorspend geo import|fetch` and `anchorspend place set|show`."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from anchorspend.cli import CommandError, database_path, existing_store


def add_commands(subparsers: argparse._SubParsersAction, parents: dict[str, argparse.ArgumentParser]) -> None:
    """Register the geo and place commands."""
    geo = subparsers.add_parser("geo", help="import or download boundaries, postcodes and deprivation")
    geo_commands = geo.add_subparsers(dest="geo_command", metavar="ACTION", required=True)
    importer = geo_commands.add_parser(
        "import",
        parents=[parents["db"]],
        help="import boundary GeoJSON, NSPL, outcode centroid, LAD or IMD files",
    )
    importer.add_argument("files", nargs="+", type=Path, metavar="FILE", help="files of any of those kinds")
    importer.add_argument("--json", action="store_true", help="print the load reports as JSON")
    importer.set_defaults(handler=run_import)

    fetcher = geo_commands.add_parser(
        "fetch",
        parents=[parents["db"]],
        help="download the geography pack from ONS and MHCLG, then import it",
    )
    fetcher.add_argument(
        "--dir", type=Path, default=Path("data/geo"), help="where to save (default data/geo)"
    )
    fetcher.add_argument(
        "--kind",
        action="append",
        dest="kinds",
        metavar="KIND",
        help="only this kind: districts, wards, small_areas, postcodes, deprivation (repeatable)",
    )
    fetcher.add_argument(
        "--url", action="append", default=[], metavar="KIND=URL", help="use this URL for a kind"
    )
    fetcher.add_argument("--sources", type=Path, metavar="FILE", help="a JSON file of {kind: url}")
    fetcher.add_argument(
        "--timeout", type=float, default=60.0, help="seconds to wait for a server (default 60)"
    )
    fetcher.add_argument("--no-import", action="store_true", help="download only")
    fetcher.add_argument("--json", action="store_true", help="print the load reports as JSON")
    fetcher.set_defaults(handler=run_fetch)

    place = subparsers.add_parser("place", help="say which districts are local and which regional")
    place_commands = place.add_subparsers(dest="place_command", metavar="{set,show}", required=True)
    setter = place_commands.add_parser(
        "set", parents=[parents["db"]], help="set the local and regional tiers"
    )
    setter.add_argument("--local", required=True, metavar="CODES", help="comma-separated GSS district codes")
    setter.add_argument(
        "--regional",
        default="",
        metavar="CODES",
        help="comma-separated GSS district codes (the local ones are always added)",
    )
    setter.add_argument("--name", help="what to call the place (default: the local districts' names)")
    setter.add_argument("--json", action="store_true", help="print the place as JSON")
    setter.set_defaults(handler=run_place_set)
    shower = place_commands.add_parser("show", parents=[parents["db"]], help="print the stored place")
    shower.add_argument("--json", action="store_true", help="print it as JSON")
    shower.set_defaults(handler=run_place_show)


def _import_and_locate(args: argparse.Namespace, paths: list[Path]) -> int:
    """Read every file first, then write each in its own transaction and re-locate suppliers.

    A file that cannot be read or written is reported on its own line and the others still load; the command
    then exits 1 naming the failures and what was kept.
    """
    from anchorspend import db, pipeline
    from anchorspend.cli import fail
    from anchorspend.geo.detect import KINDS
    from anchorspend.geo.load import read_geo_file, write_parsed
    from anchorspend.validate import one_line

    failed: list[tuple[Path, str]] = []

    def attempt(path: Path, work):  # noqa: ANN001, ANN202 - one file's read or write
        try:
            return work()
        except Exception as exc:  # noqa: BLE001 - one file's failure must not hide the others
            failed.append((path, one_line(str(exc) or type(exc).__name__)))
            if len(paths) > 1:  # a lone file's failure is the command's own line, below
                fail(args.command, f"{path}: {failed[-1][1]}")
            return None

    parsed = [p for path in paths if (p := attempt(path, lambda path=path: read_geo_file(path))) is not None]
    parsed.sort(key=lambda f: KINDS.index(f.kind))
    reports, located = [], {}
    if parsed:
        with db.connect(database_path(args)) as con:
            for one in parsed:
                report = attempt(one.path, lambda one=one: write_parsed(con, one))
                if report is not None:
                    reports.append(report)
            if reports:
                located = pipeline.refresh(con)["locate"]
    if args.json:
        print(
            json.dumps(
                {
                    "files": [r.as_dict() for r in reports],
                    "failed": [{"file": str(p), "error": e} for p, e in failed],
                    "suppliers_located": located,
                },
                indent=2,
            )
        )
    else:
        for report in reports:
            print(report.line())
        if any(located.values()):
            print(
                "suppliers by location evidence: " + ", ".join(f"{k} {v}" for k, v in sorted(located.items()))
            )
    if len(failed) == 1 and len(paths) == 1:
        path, error = failed[0]
        raise CommandError(error if path.name in error else f"{path}: {error}")
    if failed:
        kept = ", ".join(r.file for r in reports) or "none"
        raise CommandError(
            f"{len(failed)} of {len(paths)} file(s) failed ({failed[0][0]}: {failed[0][1]}); kept: {kept}"
        )
    return 0


def run_import(args: argparse.Namespace) -> int:
    """anchorspend geo import FILE..."""
    return _import_and_locate(args, args.files)


def run_fetch(args: argparse.Namespace) -> int:
    """anchorspend geo fetch: download, then import."""
    from anchorspend.geo.fetch import fetch, sources_from
    from anchorspend.geo.report import GeoFileError

    try:
        paths = fetch(args.dir, sources_from(args.url, args.sources), args.kinds, args.timeout)
    except GeoFileError as exc:
        raise CommandError(str(exc)) from exc
    if args.no_import:
        for path in paths:
            print(f"downloaded {path}")
        return 0
    return _import_and_locate(args, paths)


def _print_place(place, as_json: bool) -> None:  # noqa: ANN001 (a geo.place.Place)
    if as_json:
        print(json.dumps(place.as_dict(), indent=2))
        return
    label = " (fictional)" if place.is_fictional else ""
    print(f"place: {place.name}{label}")
    print(f"local ({len(place.local)}): {', '.join(place.local)}")
    print(f"regional ({len(place.regional)}): {', '.join(place.regional)}")


def run_place_set(args: argparse.Namespace) -> int:
    """anchorspend place set --local CODES --regional CODES [--name NAME]"""
    from anchorspend import db, pipeline
    from anchorspend.geo.place import PlaceError, set_place
    from anchorspend.validate import InvalidValue, place_name

    try:
        name = place_name(args.name) if args.name is not None else None
    except InvalidValue as exc:
        raise CommandError(f"--name: {exc}") from None
    try:
        with db.connect(database_path(args)) as con:
            place = set_place(con, args.local, args.regional, name)
            pipeline.refresh(con)  # suppliers branched in the new local tier are local
    except PlaceError as exc:
        raise CommandError(str(exc)) from exc
    for note in place.notes:
        print(f"note: {note}")
    _print_place(place, args.json)
    return 0


def run_place_show(args: argparse.Namespace) -> int:
    """anchorspend place show [--json]"""
    from anchorspend import db
    from anchorspend.geo.place import get_place

    path = existing_store(args, "import geography and set a place first")
    with db.connect(path, read_only=True) as con:
        place = get_place(con)
    if place is None:
        raise CommandError("no place set: run `anchorspend place set --local CODES --regional CODES`")
    _print_place(place, args.json)
    return 0
