"""`anchorspend demo`: build the fictional demo region's store through the real importers."""

from __future__ import annotations

import argparse

from anchorspend.demo import DEFAULT_SCALE, DEFAULT_SEED


def add_commands(subparsers: argparse._SubParsersAction, parents: dict[str, argparse.ArgumentParser]) -> None:
    """Register `demo`."""
    parser = subparsers.add_parser(
        "demo",
        parents=[parents["db"]],
        help="build the fictional demo region (no files or internet needed)",
        description="Generate the fictional Dogger Vale region from a seed, write its files in the layouts "
        "real "
        "publishers use, and load them through the importers, printing each load report. Above "
        "200,000 payments the rest are generated in bulk straight into the store.",
    )
    parser.add_argument(
        "--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default {DEFAULT_SEED})"
    )
    parser.add_argument(
        "--scale",
        type=int,
        default=DEFAULT_SCALE,
        help=f"total number of payments (default {DEFAULT_SCALE:,})",
    )
    parser.add_argument(
        "--folder", default=None, help="where to write the files (default: demo/ beside the store)"
    )
    parser.add_argument(
        "--replace", action="store_true", help="delete an existing store at --db and rebuild it"
    )
    parser.set_defaults(handler=run_demo)


def run_demo(args: argparse.Namespace) -> int:
    """Build the demo store; one-line errors for the user."""
    from pathlib import Path

    from anchorspend.cli import CommandError, database_path, output_file, output_folder
    from anchorspend.demo import DemoError
    from anchorspend.demo.build import build

    store = database_path(args)
    # Checked before any work: a wrong path fails now, not after a minute of generating files.
    output_folder(store.parent, "the folder of --db")
    if store.exists():
        output_file(store, "--db")
    folder = Path(args.folder) if args.folder else store.parent / "demo"
    if args.folder:  # the default, <folder of --db>/demo, goes inside the folder just checked (new on a fresh clone)
        output_folder(folder, "--folder")
    try:
        build(store, seed=args.seed, scale=args.scale, folder=folder, replace=args.replace)
    except DemoError as exc:
        raise CommandError(str(exc)) from None
    return 0
