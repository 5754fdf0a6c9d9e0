"""Collaboration opportunities on a hand-made store, each traced back to its payments."""

from __future__ import annotations

import datetime as dt

import pytest
from metrics_store import build, pay

from anchorspend import db
from anchorspend.metrics import Scope, compute, opportunity_payments, payments
from anchorspend.metrics import collaboration as collab

YEAR = Scope(date_from=dt.date(2024, 4, 1), date_to=dt.date(2025, 3, 31))


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    con = db.open_store(tmp_path_factory.mktemp("collab") / "store.duckdb")
    suppliers = {
        "Local Caterers": {"district": "L1", "org_type": "sme", "division": "56"},
        "National Catering plc": {"district": "Z9", "org_type": "large", "division": "56"},
        "Far IT plc": {"district": "Z9", "org_type": "large", "division": "62"},
        "Local Builders": {"district": "L1", "org_type": "sme", "division": "41"},
    }
    payments = [
        pay("Council", "Local Caterers", 30_000),
        pay("Hospital", "National Catering plc", 80_000),
        pay("College", "National Catering plc", 20_000),
        pay("Council", "Far IT plc", 50_000),
        pay("Hospital", "Far IT plc", 40_000),
        pay("Council", "Local Builders", 5_000),
        pay("Hospital", "Local Builders", 7_000),
        pay("Hospital", "REDACTED", 900, redacted=True),
    ]
    # fragmentation: twelve small cleaning firms across two anchors
    for number in range(12):
        name = f"Cleaner {number}"
        suppliers[name] = {"district": "R1", "org_type": "sme", "division": "81"}
        payments.append(pay("Council" if number % 2 else "College", name, 1_000 + number))
    build(con, payments, suppliers)
    con.execute("""insert into contracts (anchor_id, source_file, source_sha256, title, supplier_raw, sic_division,
        annual_value_gbp, end_on) values
        (2, 'c.csv', 'x', 'Catering', 'X', '56', 100000, date '2025-12-31'),
        (3, 'h.csv', 'y', 'Catering services', 'Y', '56', 60000, date '2026-06-30'),
        (3, 'h.csv', 'y', 'IT support', 'Z', '62', 10000, date '2025-05-01')""")
    yield con
    con.close()


@pytest.fixture(scope="module")
def result(store):
    return compute(store, YEAR, baseline=False)


def by_kind(result: dict, kind: str) -> list[dict]:
    return [o for o in result["opportunities"] if o["kind"] == kind]


def test_shared_suppliers(store, result) -> None:
    r = result
    shared = {s["supplier"]: s for s in r["shared_suppliers"]}
    assert set(shared) == {"National Catering plc", "Far IT plc", "Local Builders"}
    assert shared["Far IT plc"]["spend"] == 90_000 and shared["Far IT plc"]["anchors"] == [
        "Council",
        "Hospital",
    ]
    assert shared["National Catering plc"]["relocalisation_candidate"] is True  # local caterer exists
    assert shared["Far IT plc"]["relocalisation_candidate"] is False  # no local IT firm


def test_common_leaking_categories(store, result) -> None:
    found = {o["sector"]: o for o in by_kind(result, "common_leaking_category")}
    # 56: Hospital 80k and College 20k outside the place; 62: Council 50k and Hospital 40k
    assert found["56"]["amount"] == 100_000 and found["62"]["amount"] == 90_000
    assert "81" not in found  # cleaners are inside the regional tier


def test_local_supplier_intelligence(store, result) -> None:
    (found,) = by_kind(result, "local_supplier_intelligence")
    assert found["sector"] == "56" and found["local_users"] == ["Council"]
    assert found["anchors"] == ["College", "Hospital"] and found["amount"] == 100_000


def test_aligned_reprocurement(store, result) -> None:
    (found,) = by_kind(result, "aligned_reprocurement")
    # period ends 2025-03-31: window 2025-09-30 .. 2027-03-31 holds both catering contracts, not the IT one
    assert found["sector"] == "56" and found["anchors"] == ["Council", "Hospital"]
    assert found["amount"] == 160_000


def test_fragmentation(store, result) -> None:
    (found,) = by_kind(result, "fragmentation")
    assert found["sector"] == "81" and found["amount"] == sum(1_000 + n for n in range(12))


def test_opportunities_are_ranked_by_amount(store, result) -> None:
    amounts = [o["amount"] for o in result["opportunities"]]
    assert amounts == sorted(amounts, reverse=True) and len(amounts) >= 6


def test_every_opportunity_traces_to_payments_that_add_up(store, result) -> None:
    r = result
    for opportunity in r["opportunities"]:
        rows = opportunity_payments(store, YEAR, opportunity)
        if opportunity["kind"] == "aligned_reprocurement":
            assert len(rows) > 0  # the payments in that sector at those anchors
            continue
        assert float(rows["amount_gbp"].sum()) == pytest.approx(opportunity["amount"]), opportunity["title"]
    for sector in r["leakage_by_sector"]:
        rows = opportunity_payments(store, YEAR, sector)
        assert float(rows["amount_gbp"].sum()) == pytest.approx(sector["leakage"])


def test_drill_down_withholds_individual_names(store, result) -> None:
    rows = payments(store, YEAR, org_types=["individual"])
    assert rows["payee"].to_list() == ["Individual (name withheld)"]
    assert payments(store, YEAR, org_types=["individual"], show_individuals=True)["payee"].to_list() == [
        "REDACTED"
    ]


def test_thresholds_are_stated(store, result) -> None:
    for opportunity in result["opportunities"]:
        assert opportunity["rule"]
    assert collab.MIN_SMALL_SUPPLIERS == 10


def test_local_intelligence_counts_anchors_buying_mostly_non_locally(con) -> None:
    """An anchor with a little local catering but most of it from outside still learns of its peer's caterer."""
    build(
        con,
        [
            pay("Council", "Local Caterers", 30_000),
            pay("Hospital", "Local Caterers", 2_000),
            pay("Hospital", "National Catering plc", 50_000),
            pay("College", "National Catering plc", 9_000),  # below the material amount
        ],
        {
            "Local Caterers": {"district": "L1", "org_type": "sme", "division": "56"},
            "National Catering plc": {"district": "Z9", "org_type": "large", "division": "56"},
        },
    )
    (found,) = by_kind(compute(con, YEAR, baseline=False), "local_supplier_intelligence")
    assert found["local_users"] == ["Council"] and found["anchors"] == ["Hospital"]
    assert found["amount"] == 50_000 and found["local_suppliers"] == ["Local Caterers"]


def test_sector_labels_tell_divisions_of_one_section_apart() -> None:
    from anchorspend.metrics.sectors import DIVISIONS, SECTIONS, section_of, sector_label

    assert sector_label("21") == "21 · Pharmaceutical products"
    assert sector_label("32") == "32 · Other manufacturing"
    assert section_of("21") == section_of("32") == "C"
    assert sector_label(None) == sector_label("") == "no sector"
    # every division of the SIC 2007 structure has a title, and nothing else does
    assert sorted(DIVISIONS) == sorted(f"{n:02d}" for _, divisions in SECTIONS.values() for n in divisions)
