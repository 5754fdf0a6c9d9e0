"""Sector (SIC division and section) and organisation type, by the written rules."""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb
import pytest
from suppliers_store import add_anchor, add_payee, supplier_of

from anchorspend.suppliers import classify, resolve
from anchorspend.suppliers.sectors import infer_division
from anchorspend.suppliers.sic import SECTION_OF_DIVISION, division_of_codes, section_of
from anchorspend.suppliers.types import org_type


def test_every_sic_code_has_a_section(reference: Path) -> None:
    path = reference / "lookups/SIC07_CH_condensed_list_en.csv"
    with path.open(newline="", encoding="utf-8-sig") as handle:
        codes = [row["SIC Code"] for row in csv.DictReader(handle)]
    assert len(codes) == 731
    assert all(section_of(code[:2]) for code in codes)
    # Spot checks from the SIC 2007 structure.
    assert (
        section_of("01"),
        section_of("33"),
        section_of("35"),
        section_of("47"),
        section_of("86"),
        section_of("99"),
    ) == ("A", "C", "D", "G", "Q", "U")
    assert len(set(SECTION_OF_DIVISION.values())) == 21


def test_division_from_register_codes() -> None:
    assert division_of_codes(["99999", "68100"]) == "68"  # dormant code skipped
    assert division_of_codes(["1110"]) == "01"
    assert division_of_codes([]) is None


@pytest.mark.parametrize(
    ("name", "expense", "division"),
    [
        ("Sunrise Care Home Ltd", None, "87"),
        ("Thompsons Solicitors", None, "69"),
        ("Acme Roofing Ltd", None, "43"),
        ("Zed Taxis", None, "49"),
        ("Holly Tree Day Nursery", None, "88"),
        ("Blue Sky Ltd", "Agency Staff", "78"),
        ("Blue Sky Ltd", None, None),
    ],
)
def test_inferred_division(name: str, expense: str | None, division: str | None) -> None:
    assert infer_division(name, expense) == division


@pytest.mark.parametrize(
    ("names", "kinds", "charity", "employees", "is_sme", "expected"),
    [
        (["Salford City Council"], [], None, None, None, "public"),
        (["Bury M.B.C."], [], None, None, None, "public"),
        (["NHS Somerset ICB"], [], None, 5000, False, "public"),  # public comes before large
        (["Citizens Advice Salford"], [], None, None, None, "vcse"),
        (["Food Bank"], [], "1123456", 3, True, "vcse"),  # VCSE comes before SME
        (["Enjoy-Arts CIC"], [], None, None, None, "vcse"),
        (["Helping Hands"], ["guarantee"], None, None, None, "vcse"),
        (["Acme Ltd"], ["ltd"], None, 12, None, "sme"),
        (["Acme Ltd"], [], None, None, True, "sme"),
        (["Bigco PLC"], [], None, 12000, None, "large"),
        (["Bigco PLC"], [], None, None, False, "large"),
        (["Acme Ltd"], [], None, None, None, "unknown"),
        # Salford's contracts register flags its college and university "not SME": they are public anchors.
        (["Salford City College"], [], None, None, False, "public"),
        (["University Of Salford"], [], None, None, False, "public"),
        (["Sheffield Hallam University"], [], None, None, None, "public"),
        (["University Of Salford Busy Bees"], [], None, None, None, "unknown"),  # a nursery at the university
        (["Irlam And Cadishead Foodbank"], [], None, None, None, "vcse"),
        (["Ashton Food Bank"], [], None, None, False, "vcse"),
    ],
)
def test_org_type_order(
    names: list[str],
    kinds: list[str],
    charity: str | None,
    employees: int | None,
    is_sme: bool | None,
    expected: str,
) -> None:
    kind, rule = org_type(names, kinds, charity, employees, is_sme)
    assert kind == expected and rule.startswith(expected)


def test_classify_marks_inferred_sectors(con: duckdb.DuckDBPyConnection) -> None:
    anchor = add_anchor(con, "Calderdale")
    add_payee(con, anchor, "Kirklees College")
    add_payee(con, anchor, "Blue Sky Ltd", expense="Agency Staff")
    add_payee(con, anchor, "Plain Name Ltd")
    resolve(con)
    classify(con)
    got = {
        name: con.execute(
            "select sic_division, sic_section, sector_source, org_type, org_type_rule "
            "from suppliers where supplier_id = $s",
            {"s": supplier_of(con, name)},
        ).fetchone()
        for name in ("Kirklees College", "Blue Sky Ltd", "Plain Name Ltd")
    }
    assert got["Kirklees College"][:3] == ("85", "P", "inferred")
    assert got["Blue Sky Ltd"][:3] == ("78", "N", "inferred")
    assert got["Plain Name Ltd"][:4] == (None, None, None, "unknown")
    assert all(row[4] for row in got.values())
