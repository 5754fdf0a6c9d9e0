"""The fictional demo region: generated from a seed, and loaded through the real importers."""

from __future__ import annotations

PLACE_NAME = "Dogger Vale (fictional demo region, not a real place)"
DEFAULT_SEED = 2024
DEFAULT_SCALE = 40_000  # payments; enough to look real, small enough for `make run` to build quickly



class DemoError(RuntimeError):
    """The demo cannot be built; the message is one line for the user."""
