"""Import a contracts register as councils publish it: the contracts, and their suppliers' identities."""

from __future__ import annotations

from pathlib import Path

import duckdb
import polars as pl

from anchorspend.suppliers.load import already_loaded, file_digest, insert_file, read_fields
from anchorspend.suppliers.normalise import normalise_company_number
from anchorspend.suppliers.tables import FileProblem, amounts, dates, parse_flag, postcodes_in
from anchorspend.validate import InvalidValue, money, shown

COLUMNS = {
    "supplier_raw": (
        "supplier company name",
        "supplier name",
        "supplier",
        "contractor",
        "vendor name",
        "supplier s name",
        "provider",
    ),
    "reference": ("contract reference", "reference", "contract ref", "contract id", "reference number"),
    "title": ("contract title", "title", "contract name"),
    "description": ("contract description", "description"),
    "supplier_postcode": ("supplier postcode", "postcode", "supplier post code"),
    "annual_value": ("annual value", "estimated annual value", "annual contract value"),
    "total_value": (
        "total contract value including extensions",
        "total contract value",
        "total value",
        "contract value",
        "value",
    ),
    "start_on": ("start date", "contract start date", "start"),
    "end_on": ("end date", "contract end date", "end"),
    "expiry_on": ("current expiry date", "expiry date", "contract expiry date"),
    "is_sme": ("sme supplier", "sme", "is sme", "sme status"),
    "category": ("proclass description", "category", "procurement category", "service category"),
    "company_number": (
        "company number",
        "supplier company number",
        "companies house number",
        "company registration number",
    ),
    "purchasing_body": ("purchasing body", "organisation name", "authority"),
}


def contracts_frame(path: Path) -> pl.DataFrame:
    """The register's contracts as contracts-table columns (no store needed)."""
    found, rows = read_fields(path, COLUMNS)
    if found["supplier_raw"] is None or not (found["title"] or found["reference"]):
        raise FileProblem(
            f"{path.name}: not a contracts register (needs a supplier column and a contract title or reference)"
        )
    rows = [row for row in rows if row["supplier_raw"] or row["title"]]

    # Money and dates by the spend files' rules, a column at a time.
    def column(field: str) -> list[str]:
        return [row[field] for row in rows]

    annual, total = amounts(column("annual_value")), amounts(column("total_value"))
    start, end, expiry = (dates(column(field)) for field in ("start_on", "end_on", "expiry_on"))
    records = []
    for i, row in enumerate(rows):
        try:  # a value DECIMAL(18,2) cannot hold would fail the whole insert with no row named
            for field, parsed in (("annual_value", annual[i]), ("total_value", total[i])):
                money(parsed, f"{path.name} contract {i + 1} ({shown(row['supplier_raw'])}): {field}")
        except InvalidValue as exc:
            raise FileProblem(str(exc)) from None
        postcode = postcodes_in(row["supplier_postcode"])
        end_on = end[i]
        records.append(
            {
                "reference": row["reference"] or None,
                "title": row["title"] or None,
                "description": row["description"] or None,
                "supplier_raw": row["supplier_raw"] or None,
                "supplier_postcode": postcode[0] if postcode else None,
                "company_number": normalise_company_number(row["company_number"]),
                "is_sme": parse_flag(row["is_sme"]),
                "category": row["category"] or None,
                "annual_value_gbp": annual[i],
                "total_value_gbp": total[i],
                "start_on": start[i],
                "end_on": end_on,
                "expiry_on": expiry[i] or end_on,
                "purchasing_body": row["purchasing_body"] or None,
            }
        )
    if not records:
        raise FileProblem(f"{path.name}: no contracts in the file")
    return pl.DataFrame(
        records,
        schema={
            "reference": pl.Utf8,
            "title": pl.Utf8,
            "description": pl.Utf8,
            "supplier_raw": pl.Utf8,
            "supplier_postcode": pl.Utf8,
            "company_number": pl.Utf8,
            "is_sme": pl.Boolean,
            "category": pl.Utf8,
            "annual_value_gbp": pl.Decimal(18, 2),
            "total_value_gbp": pl.Decimal(18, 2),
            "start_on": pl.Date,
            "end_on": pl.Date,
            "expiry_on": pl.Date,
            "purchasing_body": pl.Utf8,
        },
    )


def anchor_id_for(con: duckdb.DuckDBPyConnection, anchor: str | None, bodies: list[str]) -> int | None:
    """The publishing anchor: --anchor by name (must exist), else the file's purchasing body if known."""
    if anchor:
        row = con.execute(
            "select anchor_id from anchors where lower(name) = lower($n)", {"n": anchor.strip()}
        ).fetchone()
        if row is None:
            raise FileProblem(f"no anchor named {anchor!r}: load its spend first, or leave out --anchor")
        return row[0]
    for body in sorted(set(bodies)):
        row = con.execute("select anchor_id from anchors where lower(name) = lower($n)", {"n": body}).fetchone()
        if row:
            return row[0]
    return None


def import_contracts(con: duckdb.DuckDBPyConnection, path: Path | str, anchor: str | None = None) -> dict[str, object]:
    """Load a contracts register into contracts (once per file content); return what was loaded."""
    path = Path(path)
    frame = contracts_frame(path)
    digest = file_digest(path)
    if already_loaded(con, "contracts", digest):
        return {"file": path.name, "contracts": 0, "already_loaded": True}
    anchor_id = anchor_id_for(con, anchor, [b for b in frame["purchasing_body"].to_list() if b])
    frame = frame.drop("purchasing_body").with_columns(pl.lit(anchor_id, dtype=pl.Int32).alias("anchor_id"))
    insert_file(con, "contracts", frame, path, digest, "contracts.import", f"{frame.height} contracts")
    return {
        "file": path.name,
        "contracts": frame.height,
        "anchor_id": anchor_id,
        "already_loaded": False,
        "with_company_number": int(frame["company_number"].is_not_null().sum()),
        "with_postcode": int(frame["supplier_postcode"].is_not_null().sum()),
    }
