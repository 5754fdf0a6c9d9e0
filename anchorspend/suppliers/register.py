"""Import a supplier register: obvious column names, or a Companies House search export as it comes."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import duckdb
import polars as pl

from anchorspend import db
from anchorspend.suppliers.normalise import normalise_charity_number, normalise_company_number
from anchorspend.suppliers.tables import (
    FileProblem,
    find_column,
    parse_flag,
    parse_int,
    postcodes_in,
    read_rows,
)

NAME = (
    "name",
    "supplier name",
    "company name",
    "organisation name",
    "organisation",
    "supplier",
    "vendor name",
    "trading name",
)
BRANCH_POSTCODES = (
    "branch postcodes",
    "branch postcode",
    "postcodes",
    "postcode",
    "site postcode",
    "delivery postcode",
    "trading postcode",
    "post code",
)
REGISTERED_POSTCODE = ("registered postcode", "registered office postcode", "registered office post code")
REGISTERED_ADDRESS = ("registered office address", "registered address")
COMPANY = (
    "company number",
    "companies house number",
    "company registration number",
    "company reg no",
    "registration number",
    "crn",
    "company no",
)
CHARITY = ("charity number", "registered charity number", "charity no", "charity registration number")
SIC = ("sic codes", "sic code", "sic", "sic 2007", "sic2007", "nature of business")
EMPLOYEES = ("employees", "number of employees", "employee count", "staff", "headcount")
SME = ("sme", "sme flag", "is sme", "sme supplier", "sme y n")
KIND = ("company type", "organisation type", "legal form", "type")
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


def file_digest(path: Path) -> str:
    """sha256 of a file's bytes, so the same file is not imported twice."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def register_frame(path: Path) -> pl.DataFrame:
    """The register's entries as register_entries columns (no store needed)."""
    rows = read_rows(path)
    columns = set().union(*(row.keys() for row in rows)) if rows else set()
    name_col = find_column(columns, NAME)
    if name_col is None:
        raise FileProblem(f"{path.name}: no supplier name column (looked for {', '.join(NAME[:4])}, ...)")
    cols = {
        field: find_column(columns, names)
        for field, names in (
            ("branch", BRANCH_POSTCODES),
            ("registered", REGISTERED_POSTCODE),
            ("address", REGISTERED_ADDRESS),
            ("company", COMPANY),
            ("charity", CHARITY),
            ("sic", SIC),
            ("employees", EMPLOYEES),
            ("sme", SME),
            ("kind", KIND),
        )
    }
    records = []
    for row in rows:
        name = row.get(name_col, "").strip()
        if not name:
            continue

        def get(field: str, row: dict[str, str] = row) -> str:
            return row.get(cols[field], "") if cols[field] else ""

        registered = postcodes_in(get("registered")) or postcodes_in(get("address"))[-1:]
        kind = " ".join(re.sub(r"[^a-z]+", " ", get("kind").lower()).split())
        records.append(
            {
                "name": name,
                "company_number": normalise_company_number(get("company")),
                "charity_number": normalise_charity_number(get("charity")),
                "branch_postcodes": postcodes_in(get("branch")),
                "registered_postcode": registered[0] if registered else None,
                # Companies House gives 5-digit codes; a register may drop a leading zero ('1110' is 01110).
                "sic_codes": [code.zfill(5) for code in SIC_CODE.findall(get("sic"))],
                "employees": parse_int(get("employees")),
                "is_sme": parse_flag(get("sme")),
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
    if con.execute(
        "select count(*) from register_entries where source_sha256 = $d", {"d": digest}
    ).fetchone()[0]:
        return {"file": path.name, "entries": 0, "already_loaded": True}
    frame = frame.with_columns(pl.lit(path.name).alias("source_file"), pl.lit(digest).alias("source_sha256"))
    with db.transaction(con):
        con.register("register_frame", frame)
        con.execute(
            "insert into register_entries (source_file, source_sha256, name, company_number, charity_number, "
            "branch_postcodes, registered_postcode, sic_codes, employees, is_sme, org_kind) "
            "select source_file, source_sha256, name, company_number, charity_number, branch_postcodes, "
            "registered_postcode, sic_codes, employees, is_sme, org_kind from register_frame"
        )
        con.unregister("register_frame")
        db.log_change(con, "suppliers.import", path.name, None, f"{frame.height} register entries")
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
