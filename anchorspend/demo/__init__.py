"""The fictional demo region: generated from a seed, and loaded through the real importers."""

from __future__ import annotations

PLACE_NAME = "Dogger Vale (fictional demo region, not a real place)"
DEFAULT_SEED = 2024
DEFAULT_SCALE = 40_000  # payments; enough to look real, small enough for `make run` to build quickly


def build(db_path, seed: int = DEFAULT_SEED, scale: int = DEFAULT_SCALE, **kwargs):  # noqa: ANN001, ANN201
    """Build the demo store at db_path (see anchorspend.demo.build.build)."""
    from anchorspend.demo.build import build as _build

    return _build(db_path, seed=seed, scale=scale, **kwargs)
