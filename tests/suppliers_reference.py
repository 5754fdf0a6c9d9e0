"""A plain reader of the supplier column of the reference spend files, independent of ingest."""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from pathlib import Path

# The supplier column of each publisher's files, as SOURCES.md lists their headers.
SUPPLIER_COLUMN = {
    "manchester": "Supplier Name", "salford": "Vendor Name", "calderdale": "Supplier(Beneficiary) Name",
    "gateshead": "Supplier ID(T)", "newcastle": "Supplier Name", "darlington": "Supplier",
    "cabinetoffice": "Supplier", "hyndburn": "Name",
}


def supplier_names(reference: Path) -> dict[str, set[str]]:
    """Every distinct supplier text in the reference spend files -> the publishers that wrote it."""
    found: dict[str, set[str]] = defaultdict(set)
    for path in sorted((reference / "spend").rglob("*.csv")):
        publisher = path.name.split("_")[0]
        raw = path.read_bytes()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = raw.decode("cp1252")
        rows = [r for r in csv.reader(io.StringIO(text.replace("\ufeff", "").replace("ï»¿", ""), newline=""))
                if any(c.strip() for c in r)]
        header = [c.strip().rstrip(":").strip() for c in rows[0]]
        wanted = "Supplier Name" if path.name.startswith("calderdale_2022-08-card") else SUPPLIER_COLUMN[publisher]
        column = header.index(wanted)
        for row in rows[1:]:
            if column < len(row) and row[column].strip():
                found[row[column].strip()].add(publisher)
    return found
