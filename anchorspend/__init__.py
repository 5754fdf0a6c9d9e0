"""Anchor Spend: how much of a place's anchor-institution spending stays in the local economy."""

__version__ = "0.1.0"

# Every process that opens the store for writing first finishes a refresh a killed writer left pending: the
# pipeline registers that with the store (db.on_open_for_writing) when imported, so import it with the package.
from anchorspend import pipeline as _pipeline  # noqa: E402, F401
