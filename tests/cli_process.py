"""The command line in a child process, for tests where an abort, a hang or the exit status is what is checked."""

from __future__ import annotations

import os
import subprocess
import sys


def run_cli(*argv: object, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """`python -m anchorspend ARGV...` with its output captured (a Rust abort's backtrace left out)."""
    return subprocess.run(
        [sys.executable, "-m", "anchorspend", *map(str, argv)],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        env={**os.environ, "RUST_BACKTRACE": "0"},
    )
