"""Give every organisation a sector (SIC division and section, from a register or inferred) and a type."""

from __future__ import annotations

import duckdb
import polars as pl

from anchorspend import db
from anchorspend.suppliers import overrides
from anchorspend.suppliers.sectors import infer_division
from anchorspend.suppliers.sic import division_of_codes, section_of
from anchorspend.suppliers.types import org_type


def classify(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Recompute sector and type for all organisations from what is linked to them; return counts."""
    inputs = db.run_query(con, "suppliers_classify_inputs")
    manual_sector = overrides.manual_values(con, "sector")
    manual_type = overrides.manual_values(con, "type")
    registers = {r["supplier_id"]: r for r in db.run_query(con, "suppliers_register_facts").iter_rows(named=True)}
    rows = []
    for row in inputs.iter_rows(named=True):
        names = [n for n in row["names"] or [] if n]
        national = registers.get(row["supplier_id"], {})
        # A supplier register's codes first, then Companies House's for a matched company, then the name.
        division = division_of_codes(row["sic_codes"]) or division_of_codes(national.get("sic_codes"))
        source: str | None = "register"
        if division is None:
            division = infer_division(" ".join(names), row["contracted_for"], row["paid_for"])
            source = "inferred" if division else None
        kind, rule = org_type(
            names,
            (row["org_kinds"] or []) + (national.get("org_kinds") or []),
            row["charity_number"],
            row["employees"],
            row["is_sme"],
            accounts_category=national.get("accounts_category"),
            registers=national.get("entities") or [],
        )
        if row["supplier_id"] in manual_sector:
            division, source = manual_sector[row["supplier_id"]], "manual"
        if row["supplier_id"] in manual_type:
            kind, rule = manual_type[row["supplier_id"]], "manual: set by hand (see the change log)"
        rows.append((row["supplier_id"], division, section_of(division), source, kind, rule))
    if not rows:
        return {"classified": 0}
    frame = pl.DataFrame(
        rows,
        orient="row",
        schema={
            "supplier_id": pl.Int64,
            "division": pl.Utf8,
            "section": pl.Utf8,
            "source": pl.Utf8,
            "org_type": pl.Utf8,
            "rule": pl.Utf8,
        },
    )
    # A pipeline step: the caller holds the transaction (as for geo.locate and the metrics summary).
    con.register("classified_frame", frame)
    con.execute("""update suppliers s set sic_division = f.division, sic_section = f.section,
                   sector_source = f.source, org_type = f.org_type, org_type_rule = f.rule
                   from classified_frame f where s.supplier_id = f.supplier_id""")
    con.unregister("classified_frame")
    counts = frame.group_by("org_type").len().iter_rows()
    return {
        "classified": frame.height,
        "with_sector": int(frame["division"].is_not_null().sum()),
        **{f"type_{k}": int(v) for k, v in counts},
    }
