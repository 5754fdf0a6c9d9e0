"""Settings read once from the environment; `.streamlit/` holds only UI settings."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

DEFAULT_DB = Path("data/anchorspend.duckdb")
REFERENCE_DIR = Path(__file__).resolve().parent.parent.parent / "shared" / "reference"


@dataclass(frozen=True)
class Settings:
    """Where the store, the outbox and the reference files are."""

    database_path: Path = DEFAULT_DB
    outbox: Path = Path("data/outbox")
    reference_dir: Path = REFERENCE_DIR

    @classmethod
    def from_env(cls) -> Settings:
        """Settings from ANCHORSPEND_* variables, defaults otherwise."""
        return cls(
            database_path=Path(os.environ.get("ANCHORSPEND_DB") or DEFAULT_DB),
            outbox=Path(os.environ.get("ANCHORSPEND_OUTBOX") or "data/outbox"),
            reference_dir=Path(os.environ.get("ANCHORSPEND_REFERENCE") or REFERENCE_DIR),
        )
