"""Word lists kept as data files (anchorspend/suppliers/data/NAME.txt), read once per process."""

from __future__ import annotations

from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


@cache
def word_list(name: str) -> frozenset[str]:
    """The upper-case entries of data/NAME.txt, one per line; blank lines and '#' comments skipped."""
    lines = (DATA / f"{name}.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(" ".join(line.split()).upper() for line in lines if line.strip() and not line.startswith("#"))
