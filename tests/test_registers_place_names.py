"""A payee written as a bare place name ("Wigan") is not linked to the council with certainty: it is asked about."""

from __future__ import annotations

import csv
from pathlib import Path

from suppliers_store import add_anchor, add_payee

from anchorspend import db, pipeline
from anchorspend.suppliers.registers.imports import import_register_files

LADS = Path(__file__).resolve().parents[1] / ".." / "shared" / "reference" / "lookups"
LADS = LADS / "LAD_Dec2023_UK_BFC_centroids_attributes.csv"


def ons_code(name: str) -> str:
    """A district's GSS code in the ONS list, read here with the csv module."""
    with LADS.open(encoding="utf-8-sig", newline="") as handle:
        return next(row["LAD23CD"] for row in csv.DictReader(handle) if row["LAD23NM"] == name)


def test_a_bare_place_name_goes_to_review_and_the_full_name_is_accepted(con) -> None:  # noqa: ANN001
    anchor = add_anchor(con, "Bolton")
    wigan, cardiff = ons_code("Wigan"), ons_code("Cardiff")
    payees = {
        "Wigan": (wigan, "place_name", "review"),  # a town: the council, or a club, a charity, a firm
        "Caerdydd": (cardiff, "place_name", "review"),  # Cardiff in Welsh, as the ONS list writes it
        "Wigan Metropolitan Borough Council": (wigan, "council_name", "accepted"),
        "Cardiff Council": (cardiff, "council_name", "accepted"),
    }
    for name in payees:
        add_payee(con, anchor, name)
    import_register_files(con, "councils", [LADS])
    pipeline.refresh(con)
    rows = {r["aliases"][0]: r for r in db.run_query(con, "suppliers_list").iter_rows(named=True) if r["aliases"]}
    for name, (code, method, status) in payees.items():
        links = [(g["register"], g["id"], g["method"], g["status"]) for g in rows[name]["registers"]]
        assert links == [("councils", code, method, status)], name
        # only the full name makes it a public body; the bare name's type waits for a person
        assert (rows[name]["type"] == "public") == (status == "accepted"), (name, rows[name]["type"])
    # a person sees it in the register review (the Suppliers page's queue and `suppliers registers review`)
    queue = db.run_query(con, "registers_review")
    asked = {(r["supplier_name"], r["entity_name"], r["method"]) for r in queue.iter_rows(named=True)}
    assert ("Wigan", "Wigan", "place_name") in asked and ("Caerdydd", "Cardiff", "place_name") in asked
