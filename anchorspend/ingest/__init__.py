"""Ingest published spend files: read, map columns, clean values, load atomically; manage files over time."""

from anchorspend.ingest.api import detect_layout, ingest_file
from anchorspend.ingest.columns import FIELDS, SYNONYMS, Layout
from anchorspend.ingest.errors import IngestError
from anchorspend.ingest.files import list_files, remove_file, replace_file
from anchorspend.ingest.report import LoadReport, Rejection, SheetCounts

__all__ = [
    "FIELDS",
    "SYNONYMS",
    "IngestError",
    "Layout",
    "LoadReport",
    "Rejection",
    "SheetCounts",
    "detect_layout",
    "ingest_file",
    "list_files",
    "remove_file",
    "replace_file",
]
