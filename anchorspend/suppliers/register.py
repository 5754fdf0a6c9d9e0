"""Import a supplier register: obvious column names, or a Companies House search export as it comes."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import polars as pl

from anchorspend.suppliers.load import already_loaded, file_digest, insert_file, read_fields
from anchorspend.suppliers.normalise import normalise_charity_number, normalise_company_number
from anchorspend.suppliers.tables import FileProblem, parse_flag, parse_int, postcodes_in

COLUMNS = {
    "name": (
        "name",
        "supplier name",
        "company name",
        "organisation name",
        "organisation",
        "supplier",
        "vendor name",
        "trading name",
    ),
    "branch": (
        "branch postcodes",
        "branch postcode",
        "postcodes",
        "postcode",
        "site postcode",
        "delivery postcode",
        "trading postcode",
        "post code",
    ),
    "registered": ("registered postcode", "registered office postcode", "registered office post code"),
    "address": ("registered office address", "registered address"),
    "company": (
        "company number",
        "companies house number",
        "company registration number",
        "company reg no",
        "registration number",
        "crn",
        "company no",
    ),
    "charity": ("charity number", "registered charity number", "charity no", "charity registration number"),
    "sic": ("sic codes", "sic code", "sic", "sic 2007", "sic2007", "nature of business"),
    "employees": ("employees", "number of employees", "employee count", "staff", "headcount"),
    "sme": ("sme", "sme flag", "is sme", "sme supplier", "sme y n"),
    "kind": ("company type", "organisation type", "legal form", "type"),
}
# Companies House company_type values, shortened for org-type rules (types.py reads these).
COMPANY_KINDS = {
    "private limited company": "ltd",
    "public limited company": "plc",
    "limited liability partnership": "llp",
    "community interest company": "cic",
    "charitable incorporated organisation": "cio",
    "scottish charitable incorporated organisation": "cio",
    "registered society": "society",
    "private limited by guarantee without share capital": "guarantee",
    "private limited company by guarantee without share capital": "guarantee",
    "private unlimited company": "unlimited",
}
SIC_CODE = re.compile(r"\b\d{4,5}\b")


def register_frame(path: Path) -> pl.DataFrame:
    """The register's entries as register_entries columns (no store needed)."""
    found, rows = read_fields(path, COLUMNS)
    if found["name"] is None:
        names = ", ".join(COLUMNS["name"][:4])
        raise FileProblem(f"{path.name}: no supplier name column (looked for {names}, ...)")
    records = []
    for row in rows:
        name = row["name"]
        if not name:
            continue
        registered = postcodes_in(row["registered"]) or postcodes_in(row["address"])[-1:]
        kind = " ".join(re.sub(r"[^a-z]+", " ", row["kind"].lower()).split())
        records.append(
            {
                "name": name,
                "company_number": normalise_company_number(row["company"]),
                "charity_number": normalise_charity_number(row["charity"]),
                "branch_postcodes": postcodes_in(row["branch"]),
                "registered_postcode": registered[0] if registered else None,
                # Companies House gives 5-digit codes; a register may drop a leading zero ('1110' is 01110).
                "sic_codes": [code.zfill(5) for code in SIC_CODE.findall(row["sic"])],
                "employees": parse_int(row["employees"]),
                "is_sme": parse_flag(row["sme"]),
                "org_kind": COMPANY_KINDS.get(kind, kind or None),
            }
        )
    if not records:
        raise FileProblem(f"{path.name}: no rows with a supplier name")
    return pl.DataFrame(
        records,
        schema={
            "name": pl.Utf8,
            "company_number": pl.Utf8,
            "charity_number": pl.Utf8,
            "branch_postcodes": pl.List(pl.Utf8),
            "registered_postcode": pl.Utf8,
            "sic_codes": pl.List(pl.Utf8),
            "employees": pl.Int32,
            "is_sme": pl.Boolean,
            "org_kind": pl.Utf8,
        },
    )


def import_register(con: duckdb.DuckDBPyConnection, path: Path | str) -> dict[str, object]:
    """Load a supplier register into register_entries (once per file content); return what was loaded."""
    path = Path(path)
    frame = register_frame(path)
    digest = file_digest(path)
    if already_loaded(con, "register_entries", digest):
        return {"file": path.name, "entries": 0, "already_loaded": True}
    insert_file(
        con, "register_entries", frame, path, digest, "suppliers.import", f"{frame.height} register entries"
    )
    return {
        "file": path.name,
        "entries": frame.height,
        "already_loaded": False,
        "with_postcode": int(
            frame.select(
                pl.col("registered_postcode").is_not_null() | (pl.col("branch_postcodes").list.len() > 0)
            )
            .sum()
            .item()
        ),
        "with_sic": int((frame["sic_codes"].list.len() > 0).sum()),
    }
