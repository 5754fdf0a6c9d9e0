"""The command line: help, and one-line failures."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from collections.abc import Iterator

from anchorspend.cli import build_parser


def test_help_lists_no_traceback() -> None:
    result = subprocess.run([sys.executable, "-m", "anchorspend", "--help"], capture_output=True, text=True)
    assert result.returncode == 0
    assert "anchorspend" in result.stdout


def _arguments(parser: argparse.ArgumentParser, path: str = "anchorspend") -> Iterator[tuple[str, argparse.Action]]:
    """Every argument of every command and subcommand, with the command it belongs to."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _arguments(sub, f"{path} {name}")
        elif not isinstance(action, argparse._HelpAction):
            yield path, action


def test_every_argument_says_what_it_takes() -> None:
    """`--help` explains each argument: a bare `ID` or `FILE` leaves a new user guessing which id or file."""
    bare = [f"{path} {action.metavar or action.dest}" for path, action in _arguments(build_parser()) if not action.help]
    assert bare == []


def test_a_reader_that_stops_early_gets_no_error() -> None:
    """`anchorspend ... | head -1`: the closed pipe is not a failure, and prints no 'Broken pipe' line."""
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader has gone before the command writes anything
    try:
        result = subprocess.run(
            [sys.executable, "-m", "anchorspend", "ingest", "--help"], stdout=write_end, stderr=subprocess.PIPE
        )
    finally:
        os.close(write_end)
    assert (result.returncode, result.stderr.decode()) == (0, "")
