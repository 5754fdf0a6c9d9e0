"""The `anchorspend` command: one entry point, a subcommand per job, exit 0 or a one-line reason."""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from anchorspend.config import Settings

# Each module defines add_commands(subparsers, parents) and sets `handler` on its parsers. They import
# heavy libraries inside their handlers, so `anchorspend --help` stays quick.
COMMAND_MODULES = (
    "anchorspend.ingest.commands",
    "anchorspend.suppliers.commands",
    "anchorspend.geo.commands",
    "anchorspend.metrics.commands",
    "anchorspend.demo.commands",
    "anchorspend.report.commands",
)


class CommandError(Exception):
    """A failure to report to the user as one line, with a non-zero exit."""


def db_parent() -> argparse.ArgumentParser:
    """The --db option every command takes."""
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument(
        "--db",
        type=Path,
        default=None,
        help="the store (default: $ANCHORSPEND_DB or data/anchorspend.duckdb)",
    )
    return parent


def filter_parent() -> argparse.ArgumentParser:
    """The filters the analysis commands share."""
    parent = argparse.ArgumentParser(add_help=False)
    group = parent.add_argument_group("scope")
    group.add_argument("--from", dest="date_from", metavar="DATE", help="first day, YYYY-MM-DD (inclusive)")
    group.add_argument("--to", dest="date_to", metavar="DATE", help="last day, YYYY-MM-DD (inclusive)")
    group.add_argument(
        "--anchor",
        dest="anchors",
        action="append",
        default=[],
        metavar="NAME",
        help="an anchor to include (repeat for several; default all)",
    )
    group.add_argument("--local", metavar="CODES", help="local tier, comma-separated GSS district codes")
    group.add_argument(
        "--regional", metavar="CODES", help="regional tier, comma-separated GSS district codes"
    )
    group.add_argument(
        "--all-spend",
        action="store_true",
        help="include non-influenceable spend (the influenceable filter is on by default)",
    )
    return parent


def database_path(args: argparse.Namespace) -> Path:
    """The store a command works on: --db, else $ANCHORSPEND_DB, else the default."""
    return args.db if getattr(args, "db", None) else Settings.from_env().database_path


def existing_store(args: argparse.Namespace, hint: str = "") -> Path:
    """The store a command reads (as database_path), or a one-line error saying there is none, and why."""
    path = Path(database_path(args))
    if not path.exists():
        raise CommandError(f"no store at {path}" + (f": {hint}" if hint else ""))
    return path


def build_parser() -> argparse.ArgumentParser:
    """The whole command line, a subcommand module at a time."""
    parser = argparse.ArgumentParser(
        prog="anchorspend",
        description="Pool anchor institutions' published spend and show how much stays local.",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log what happens")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    parents = {"db": db_parent(), "filters": filter_parent()}
    for module_name in COMMAND_MODULES:
        importlib.import_module(module_name).add_commands(subparsers, parents)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; return its exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, format="%(message)s")
    handler = getattr(args, "handler", None)
    if handler is None:
        parser.print_help()
        return 2
    try:
        return int(handler(args) or 0)
    except CommandError as exc:
        print(f"anchorspend {args.command}: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"anchorspend {args.command}: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # a user never sees a traceback; -v shows it
        if args.verbose:
            raise
        message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        print(f"anchorspend {args.command}: {message}", file=sys.stderr)
        return 1
