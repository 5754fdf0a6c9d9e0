"""The `anchorspend` command: one entry point, a subcommand per job, exit 0 or a one-line reason."""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import stat
import sys
import typing
from collections.abc import Sequence
from pathlib import Path

from anchorspend import validate
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


class OneLineParser(argparse.ArgumentParser):
    """argparse, with a usage error said in one line (the usage is one --help away)."""

    def error(self, message: str) -> typing.NoReturn:
        """Exit 2 with one line naming the command and what is wrong."""
        self.exit(2, f"{self.prog}: {validate.one_line(message)} (see {self.prog} --help)\n")


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


def output_file(path: Path, what: str) -> Path:
    """A file a command is about to write, checked before any work: its folder exists and is writable, and the
    path is not a folder, a special file (a FIFO would block the write) or a symbolic link elsewhere."""
    path = Path(path)
    if path.is_symlink():
        raise CommandError(f"{what} {path} is a symbolic link: give the real path")
    if path.exists():
        mode = path.stat().st_mode
        if stat.S_ISDIR(mode):
            raise CommandError(f"{what} {path} is a folder: give a file name")
        if not stat.S_ISREG(mode):
            raise CommandError(f"{what} {path} is not a regular file")
        if not os.access(path, os.W_OK):
            raise CommandError(f"{what} {path} cannot be written (permission denied)")
    output_folder(path.parent if str(path.parent) else Path("."), f"the folder of {what}", create=False)
    return path


def output_folder(path: Path, what: str, create: bool = True) -> Path:
    """A folder a command is about to write into, checked before any work: it is a writable folder, or (when
    create) does not exist yet in a writable folder that does. Commands never create chains of folders."""
    path = Path(path)
    if path.exists():
        if not path.is_dir():
            raise CommandError(f"{what} {path} is not a folder")
        if not os.access(path, os.W_OK | os.X_OK):
            raise CommandError(f"{what} {path} cannot be written (permission denied)")
        return path
    if not create:
        raise CommandError(f"{what} {path} does not exist")
    parent = path.parent
    if not parent.is_dir():
        raise CommandError(f"{what} {path}: its parent folder {parent} does not exist")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise CommandError(f"{what} {path} cannot be created in {parent} (permission denied)")
    return path


def build_parser() -> argparse.ArgumentParser:
    """The whole command line, a subcommand module at a time."""
    parser = OneLineParser(
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
    try:
        return _main(argv)
    except BrokenPipeError:
        # The reader stopped early (`anchorspend suppliers list | head`): what it wanted was written. Say nothing,
        # and point stdout at nothing so that Python's own flush at exit does not complain either.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def _main(argv: Sequence[str] | None) -> int:
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
        fail(args.command, str(exc))
        return 1
    except BrokenPipeError:
        raise  # main() handles it: not a failure to report
    except KeyboardInterrupt:
        fail(args.command, "interrupted")
        return 130
    except MemoryError:
        fail(args.command, "out of memory: the input is too large for this machine (split it, or free memory)")
        return 1
    except Exception as exc:  # a user never sees a traceback; -v shows it
        if args.verbose:
            raise
        fail(args.command, str(exc) or type(exc).__name__)
        return 1


def fail(command: str, message: str) -> None:
    """Print a failure as one line of bounded length (a message can quote a 65 KB cell)."""
    print(f"anchorspend {command}: {validate.one_line(message) or 'failed'}", file=sys.stderr)
