"""Salford May-June 2022 with the reference geography: share of spend located, by evidence, without and with registers.

Store: Salford's two monthly spend files, its contracts register, the reference geography (LAD boundaries and
centroids, outcode centroids, the Wigan and Halifax NSPL extracts). Then the registers in the reference folder: the
two NHS ODS lists (`registers import ods`) and the two Companies House advanced-search exports (a supplier register
in the layout `suppliers import` reads). Spend is every payment line to an organisation (individuals left out),
net, both months. Run: `.venv/bin/python -m bench registers_salford`.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

REFERENCE = Path(__file__).resolve().parents[1] / ".." / "shared" / "reference"
SALFORD = "Salford City Council"


def shares(con) -> dict[str, float]:  # noqa: ANN001 - a DuckDB connection
    """Share of spend to organisations by the evidence that located them ('unknown' when none did)."""
    rows = con.execute("""
        select coalesce(s.location_evidence, 'unknown') as evidence, sum(p.amount_gbp) as spend
        from payments as p
        inner join supplier_aliases as a on a.alias_id = p.alias_id
        inner join suppliers as s on s.supplier_id = a.supplier_id
        where not a.is_individual and not p.is_redacted
        group by all
    """).fetchall()
    total = sum(float(spend) for _, spend in rows)
    return {evidence: round(float(spend) / total, 4) for evidence, spend in sorted(rows)}


def company_named_unlocated(con) -> float:  # noqa: ANN001 - a DuckDB connection
    """Share of spend to unlocated organisations written as a company ("... Ltd"): a full Companies House file
    would give each one it matches its registered office (an upper bound: each must still be matched)."""
    from anchorspend.suppliers.normalise import has_legal_form

    rows = con.execute("""
        select s.supplier_id, s.location_evidence, list(distinct a.raw_name) as names, sum(p.amount_gbp) as spend
        from payments as p
        inner join supplier_aliases as a on a.alias_id = p.alias_id
        inner join suppliers as s on s.supplier_id = a.supplier_id
        where not a.is_individual and not p.is_redacted
        group by all
    """).fetchall()
    total = sum(float(spend) for *_, spend in rows)
    named = sum(
        float(spend)
        for _, evidence, names, spend in rows
        if evidence == "unknown" and any(has_legal_form(n) for n in names)
    )
    return round(named / total, 4)


def types_of(con, names: tuple[str, ...]) -> dict[str, str]:  # noqa: ANN001 - a DuckDB connection
    """The organisation type of the organisations some payee spellings belong to, with its rule."""
    found = con.execute(
        "select a.raw_name, s.org_type_rule from supplier_aliases a join suppliers s using (supplier_id) "
        "where list_contains($names, a.raw_name) order by a.raw_name",
        {"names": list(names)},
    ).fetchall()
    return dict(found)


# The faults issue 13 names on Salford: a further education college and a university typed large, not public;
# a food charity typed large, not VCSE.
TYPED = ("Salford City College", "University Of Salford", "Salford Loaves And Fishes", "Irlam And Cadishead Foodbank")


def run(args) -> list[dict]:  # noqa: ANN001 - the bench runner's namespace
    """Build the store, measure, import the registers, measure again."""
    from anchorspend import db, pipeline
    from anchorspend.geo import import_files
    from anchorspend.geo.place import set_place
    from anchorspend.ingest.api import ingest_file
    from anchorspend.suppliers.contracts import import_contracts
    from anchorspend.suppliers.register import import_register
    from anchorspend.suppliers.registers.imports import import_register_files

    del args
    with tempfile.TemporaryDirectory() as folder:
        con = db.open_store(Path(folder) / "salford.duckdb")
        import_files(
            con,
            [
                REFERENCE / "geo/lad/lad_england_may2024_buc_with_lad23cd.geojson",
                REFERENCE / "lookups/LAD_Dec2023_UK_BFC_centroids_attributes.csv",
                REFERENCE / "lookups/uk_outcode_centroids_academe.csv",
                REFERENCE / "lookups/NSPL_NOV_2021_UK_WN_postcodes.csv",
                REFERENCE / "lookups/NSPL_NOV_2021_UK_HX_postcodes.csv",
            ],
        )
        set_place(con, "E08000006", ",".join(f"E080000{n:02d}" for n in range(1, 11)), "Salford")
        for month in ("2022-05", "2022-06"):
            ingest_file(
                con, REFERENCE / f"spend/greater_manchester/salford/salford_{month}_clean.csv", SALFORD, "council"
            )
        import_contracts(con, REFERENCE / "contracts/salford_contracts_register_2022-07_clean.csv", anchor=SALFORD)
        pipeline.refresh(con)  # one transaction of its own
        before = shares(con)
        import_register_files(
            con, "ods", [REFERENCE / "lookups/ods_etr_nhs_trusts.csv", REFERENCE / "lookups/ods_eccg_ccgs.csv"]
        )
        for export in sorted((REFERENCE / "companies").glob("companies_house_search_*.csv")):
            import_register(con, export)
        pipeline.refresh(con)  # one transaction of its own
        after = shares(con)
        linked = con.execute(
            "select register, method, status, count(*) from supplier_register_links group by all order by all"
        ).fetchall()
        ods = con.execute(
            "select s.name || ' -> ' || e.name || ' (' || l.method || ', ' || l.status || ')' "
            "from supplier_register_links l join suppliers s using (supplier_id) "
            "join register_entities e on e.register = l.register and e.entity_id = l.entity_id "
            "where l.register = 'ods' order by 1"
        ).fetchall()
        typed = types_of(con, TYPED)
        companies = company_named_unlocated(con)
        con.close()
    located = lambda found: round(1 - found.get("unknown", 0.0), 4)  # noqa: E731 - a one-line reading
    return [
        {"case": "without registers", "located_share": located(before), **before},
        {
            "case": "with ODS lists and Companies House exports",
            "located_share": located(after),
            **after,
            "links": {f"{r}:{m}:{st}": n for r, m, st, n in linked},
            "ods_links": [row[0] for row in ods],
            "types": typed,
        },
        {"case": "a full Companies House file (upper bound)", "unlocated_company_named_share": companies},
    ]
