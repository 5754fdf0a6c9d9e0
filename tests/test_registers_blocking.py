"""Fuzzy candidates for a payee whose every word is common in the register (no rare word to block on)."""

from __future__ import annotations

from pathlib import Path

from suppliers_store import add_anchor, add_payee
from test_registers_import import write_companies_house

from anchorspend import pipeline
from anchorspend.suppliers.registers.imports import import_register_files

ROW = ("Private Limited Company", "Active", "MICRO ENTITY", "41201 - Construction of commercial buildings", "")


def test_a_misspelt_name_of_common_words_is_still_found(con, tmp_path: Path) -> None:  # noqa: ANN001
    # NORTHERN, BUILDING and SERVICES are each in over 2,000 names, so no word of the payee's is rare.
    companies = [(f"NORTHERN W{i:04d} SERVICES LIMITED", f"{i:08d}", "LS1 1AA", *ROW) for i in range(2100)]
    companies += [(f"V{i:04d} BUILDING SERVICES LIMITED", f"{10000 + i:08d}", "LS1 1AA", *ROW) for i in range(2100)]
    companies.append(("NORTHERN BUILDING SERVICES LIMITED", "09999999", "LS1 1AB", *ROW))
    import_register_files(con, "companies_house", [write_companies_house(tmp_path / "ch.csv", companies)])
    council = add_anchor(con, "Leeds")
    add_payee(con, council, "Northern Bulding Services Ltd")  # a letter dropped
    pipeline.refresh(con)
    links = con.execute(
        "select a.raw_name, l.entity_id, l.method from supplier_register_links l "
        "join supplier_aliases a on a.supplier_id = l.supplier_id where l.status = 'accepted' order by all"
    ).fetchall()
    assert links == [("Northern Bulding Services Ltd", "09999999", "fuzzy")]
