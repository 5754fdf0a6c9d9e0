"""The command line: help, and one-line failures."""

from __future__ import annotations

import subprocess
import sys


def test_help_lists_no_traceback() -> None:
    result = subprocess.run([sys.executable, "-m", "anchorspend", "--help"], capture_output=True, text=True)
    assert result.returncode == 0
    assert "anchorspend" in result.stdout
