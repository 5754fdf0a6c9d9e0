"""Register and contracts imports, on the real published files and on a hand-made register."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import duckdb
import pytest
from suppliers_store import add_anchor, add_payee, supplier_of

from anchorspend import pipeline
from anchorspend.suppliers import import_contracts, import_register
from anchorspend.suppliers.tables import FileProblem

CH_2024 = "companies/companies_house_search_2024-01_part1.csv"
SALFORD_CONTRACTS = "contracts/salford_contracts_register_2022-07_clean.csv"


def test_companies_house_export_as_it_comes(con: duckdb.DuckDBPyConnection, reference: Path) -> None:
    path = reference / CH_2024
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    loaded = import_register(con, path)
    assert loaded["entries"] == len(rows) == 3128
    # Two rows worked out by hand from the file's own text.
    welch = con.execute(
        "select company_number, registered_postcode, sic_codes, org_kind from register_entries "
        "where name = 'WELCH BROTHERS AND SONS LTD'"
    ).fetchone()
    assert welch == ("15383840", "ME8 7RG", ["55300"], "ltd")
    kitchen = con.execute(
        "select company_number, registered_postcode from register_entries where name = 'P&E KITCHEN LIMITED'"
    ).fetchone()
    assert kitchen == ("SC793937", "G3 7SP")
    two_codes = sum(1 for r in rows if len(r["nature_of_business"].split()) == 2)
    got = con.execute("select count(*) from register_entries where len(sic_codes) = 2").fetchone()[0]
    assert got == two_codes
    # The registered office is not a branch: branch postcodes stay empty for this kind of file.
    assert (
        con.execute("select count(*) from register_entries where len(branch_postcodes) > 0").fetchone()[0]
        == 0
    )
    again = import_register(con, path)
    assert (
        again["already_loaded"] and con.execute("select count(*) from register_entries").fetchone()[0] == 3128
    )


def test_register_with_obvious_columns(con: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    path = tmp_path / "register.csv"
    path.write_text(
        "Supplier Name,Postcodes,Registered Postcode,Company Number,Charity Number,SIC Codes,Employees,SME\n"
        'Acme Cleaning Ltd,"M5 4WT; M3 1AB",EC1A 1BB,1234567,,81210,12,Yes\n'
        "Salford Food Bank,M6 5FX,,,1123456,88990,4,\n"
        'Bigco PLC,,SW1A 1AA,00445790,,"47110 47190",12000,No\n',
        encoding="utf-8",
    )
    anchor = add_anchor(con, "Salford")
    add_payee(con, anchor, "ACME CLEANING LIMITED")
    add_payee(con, anchor, "Salford Food Bank")
    add_payee(con, anchor, "BIGCO PLC")
    import_register(con, path)
    pipeline.refresh(con)
    rows = con.execute("""
        select e.name, e.branch_postcodes, e.registered_postcode, s.company_number, s.charity_number,
               s.employees, s.is_sme, s.sic_division, s.sic_section, s.sector_source, s.org_type
        from register_entries e join suppliers s using (supplier_id) order by e.name""").fetchall()
    assert rows == [
        (
            "Acme Cleaning Ltd",
            ["M5 4WT", "M3 1AB"],
            "EC1A 1BB",
            "01234567",
            None,
            12,
            True,
            "81",
            "N",
            "register",
            "sme",
        ),
        ("Bigco PLC", [], "SW1A 1AA", "00445790", None, 12000, False, "47", "G", "register", "large"),
        ("Salford Food Bank", ["M6 5FX"], None, None, "1123456", 4, None, "88", "Q", "register", "vcse"),
    ]
    # The register entries are linked to the organisations the spend files paid.
    assert (
        supplier_of(con, "ACME CLEANING LIMITED")
        == con.execute(
            "select supplier_id from register_entries where name = 'Acme Cleaning Ltd'"
        ).fetchone()[0]
    )


def test_register_without_a_name_column_fails_clearly(con: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("Postcode,Employees\nM5 4WT,3\n", encoding="utf-8")
    with pytest.raises(FileProblem, match="no supplier name column"):
        import_register(con, path)


def test_salford_contracts_register(con: duckdb.DuckDBPyConnection, reference: Path) -> None:
    path = reference / SALFORD_CONTRACTS
    text = path.read_bytes().decode("utf-8")
    with_bom_twice = text.startswith("ï»¿")
    rows = list(csv.DictReader(text.replace("ï»¿", "", 1).splitlines()))
    anchor = add_anchor(con, "Salford City Council")
    add_payee(con, anchor, "UNDERWATER DIVING SERVICES LIMITED")
    loaded = import_contracts(con, path, anchor="Salford City Council")
    assert with_bom_twice and loaded["contracts"] == len(rows) == 360
    pipeline.refresh(con)
    first = con.execute("""select reference, title, supplier_raw, supplier_postcode, company_number, is_sme,
                                  annual_value_gbp, cast(start_on as varchar), category, anchor_id
                           from contracts where reference = 'S1417'""").fetchone()
    assert first[:6] == (
        "S1417",
        "3No. Underwater Dive Surveys for Principal Inspections",
        "Underwater Diving Services Ltd",
        "LA14 2TB",
        "02535986",
        True,
    )
    assert (float(first[6]), first[7], first[8], first[9]) == (5015.20, "2022-03-07", "Surveys", anchor)
    # Every company number in the file gets its leading zeros back.
    numbers = {
        r["Company Number"].strip() for r in rows if re.fullmatch(r"\d{1,8}", r["Company Number"].strip())
    }
    stored = {
        r[0]
        for r in con.execute(
            "select company_number from contracts where company_number is not null"
        ).fetchall()
    }
    assert {n.zfill(8) for n in numbers if n.strip("0")} <= stored
    # The contract's supplier is the organisation the spend file paid; it carries the number and SME flag.
    diving = supplier_of(con, "UNDERWATER DIVING SERVICES LIMITED")
    facts = con.execute(
        "select company_number, is_sme, org_type from suppliers where supplier_id = $s", {"s": diving}
    ).fetchone()
    assert facts == ("02535986", True, "sme")
    unlinked = con.execute(
        "select count(*) from contracts where supplier_id is null and supplier_raw <> ''"
    ).fetchone()
    assert unlinked[0] == 0


def test_contracts_for_an_unknown_anchor_fail_clearly(
    con: duckdb.DuckDBPyConnection, reference: Path
) -> None:
    with pytest.raises(FileProblem, match="no anchor named 'Nowhere'"):
        import_contracts(con, reference / SALFORD_CONTRACTS, anchor="Nowhere")
