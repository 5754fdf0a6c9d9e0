"""The one error of the shared readers."""

from __future__ import annotations


class FileRefused(ValueError):
    """A file that is not read (not a regular file, too big, an unreadable encoding, a hostile workbook...),
    said in one line that names what is wrong and where."""
