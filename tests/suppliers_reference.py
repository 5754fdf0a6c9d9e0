"""A plain reader of the supplier column of the reference spend files, independent of ingest."""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from pathlib import Path

# The supplier column of each publisher's files, as SOURCES.md lists their headers.
SUPPLIER_COLUMN = {
    "manchester": "Supplier Name",
    "salford": "Vendor Name",
    "calderdale": "Supplier(Beneficiary) Name",
    "gateshead": "Supplier ID(T)",
    "newcastle": "Supplier Name",
    "darlington": "Supplier",
    "cabinetoffice": "Supplier",
    "hyndburn": "Name",
    # NHS London trusts and CCGs (SOURCES.md section 7)
    "croy": "Supplier",
    "guys": "Supplier",
    "impc": "Supplier Name",
    "kico": "Supplier",
    "legr": "Supplier",
    "lnwu": "Supplier",
    "nehv": "Supplier",
    "nerd": "Supplier",
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
        rows = [
            r
            for r in csv.reader(io.StringIO(text.replace("\ufeff", "").replace("ï»¿", ""), newline=""))
            if any(c.strip() for c in r)
        ]
        header = [c.strip().rstrip(":").strip() for c in rows[0]]
        wanted = (
            "Supplier Name" if path.name.startswith("calderdale_2022-08-card") else SUPPLIER_COLUMN[publisher]
        )
        column = header.index(wanted)
        for row in rows[1:]:
            if column < len(row) and row[column].strip():
                found[row[column].strip()].add(publisher)
    return found


def load_names(con, names: dict[str, set[str]]) -> None:  # noqa: ANN001 - a DuckDB connection
    """Insert each name once per publisher as ingest would: an anchor, a payee spelling, one payment."""
    import polars as pl

    publishers = sorted({p for found in names.values() for p in found})
    for publisher in publishers:
        con.execute("insert into anchors (name, kind) values ($n, 'council')", {"n": publisher})
    anchor_ids = dict(con.execute("select name, anchor_id from anchors").fetchall())
    aliases = pl.DataFrame({"raw_name": sorted(names)})
    con.register("names_frame", aliases)
    con.execute("insert into supplier_aliases (raw_name) select raw_name from names_frame")
    con.unregister("names_frame")
    ids = dict(con.execute("select raw_name, alias_id from supplier_aliases").fetchall())
    lines = pl.DataFrame(
        [(anchor_ids[p], ids[n], n) for n, found in names.items() for p in found],
        schema={"anchor_id": pl.Int32, "alias_id": pl.Int32, "supplier_raw": pl.Utf8},
        orient="row",
    )
    con.register("lines_frame", lines)
    con.execute(
        "insert into payments (anchor_id, file_id, row_number, amount_gbp, alias_id, supplier_raw) "
        "select anchor_id, anchor_id, 2, 100, alias_id, supplier_raw from lines_frame"
    )
    con.unregister("lines_frame")
