"""Anchor Spend: how much of a place's anchor-institution spending stays in the local economy."""

__version__ = "0.1.0"
