"""The dashboard's queries beside the headlines: trend, coverage, maps, supplier points, drill-down."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from metrics_store import build, pay

from anchorspend import db
from anchorspend.metrics import (
    Scope,
    coverage,
    missing_months,
    monthly_trend,
    payments,
    spend_by_district,
    spend_by_lsoa,
    spend_by_ward,
    supplier_points,
    supplier_table,
)

SPRING = Scope(date_from=dt.date(2024, 4, 1), date_to=dt.date(2024, 6, 30))


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    con = db.open_store(tmp_path_factory.mktemp("views") / "store.duckdb")
    build(
        con,
        [
            pay("A", "Local Ltd", 100, "2024-04-03"),
            pay("A", "Local Ltd", 50, "2024-06-03"),
            pay("A", "Far plc", 70, "2024-04-20"),
            pay("A", "Mystery", 5, "2024-04-21"),
            pay("B", "Local Ltd", 30, "2024-04-10"),
            pay("B", "County Ltd", 20, "2024-04-11"),
            pay("B", "Redacted", 9, "2024-06-10", redacted=True),
        ],
        {
            "Local Ltd": {
                "district": "L1",
                "ward": "W1",
                "lsoa": "LS1",
                "lat": 53.5,
                "lon": -2.3,
                "division": "43",
            },
            "County Ltd": {"district": "R1", "division": "43"},
            "Far plc": {"district": "Z9", "lat": 51.5, "lon": -0.1, "division": "62"},
        },
        deprivation={"LS1": 1},
    )
    con.execute("insert into districts (district_code, name) values ('L1', 'Localton'), ('Z9', 'Faraway')")
    con.execute("insert into wards (ward_code, name, district_code) values ('W1', 'Middle Ward', 'L1')")
    yield con
    con.close()


def test_monthly_trend(store) -> None:
    rows = {(r["month"].isoformat(), r["anchor"]): r for r in monthly_trend(store, SPRING).to_dicts()}
    april_a = rows[("2024-04-01", "A")]
    assert (float(april_a["total_gbp"]), float(april_a["local_gbp"]), float(april_a["unknown_gbp"])) == (
        175,
        100,
        5,
    )
    april_b = rows[("2024-04-01", "B")]
    assert float(april_b["regional_gbp"]) == 50 and float(april_b["local_gbp"]) == 30
    assert ("2024-05-01", "A") not in rows


def test_coverage_grid_and_missing_months(store) -> None:
    grid = coverage(store, SPRING)
    assert grid.height == 6  # two anchors x three months
    missing = missing_months(grid)
    # A's file spans April-June (so May is covered by a file); B's too; no month is missing
    assert missing == []
    later = coverage(store, Scope(date_from=dt.date(2024, 4, 1), date_to=dt.date(2024, 8, 31)))
    assert {"anchor": "A", "month": "2024-08-01"} in missing_months(later)
    april = later.filter((later["anchor"] == "A") & (later["month"] == dt.date(2024, 4, 1))).to_dicts()[0]
    assert april["payment_count"] == 3 and april["file_count"] == 1


def test_spend_by_district_ward_lsoa(store) -> None:
    districts = {r["district_code"]: r for r in spend_by_district(store, SPRING).to_dicts()}
    assert float(districts["L1"]["amount_gbp"]) == 180 and districts["L1"]["district"] == "Localton"
    assert districts["L1"]["tier"] == "local" and districts["Z9"]["tier"] == "outside"
    assert float(districts["R1"]["amount_gbp"]) == 20
    (ward,) = spend_by_ward(store, SPRING).to_dicts()
    assert ward["ward"] == "Middle Ward" and float(ward["amount_gbp"]) == 180
    (lsoa,) = spend_by_lsoa(store, SPRING).to_dicts()
    assert lsoa["lsoa_code"] == "LS1" and lsoa["imd_decile"] == 1


def test_supplier_points_and_table(store) -> None:
    table = {r["supplier"]: r for r in supplier_table(store, SPRING).to_dicts()}
    assert table["Local Ltd"]["is_shared"] and table["Local Ltd"]["anchors"] == ["A", "B"]
    assert table["Far plc"]["is_leaking"] and not table["County Ltd"]["is_leaking"]
    points = supplier_points(store, SPRING)
    assert sorted(points["supplier"].to_list()) == ["Far plc", "Local Ltd"]


def test_payments_drill_down(store) -> None:
    rows = payments(store, SPRING, tiers=["local"])
    assert sorted(float(a) for a in rows["amount_gbp"]) == [30, 50, 100]
    assert set(rows["source_file"]) == {"A.csv", "B.csv"}
    only_b = payments(store, SPRING, anchors=["B"])
    assert float(only_b["amount_gbp"].sum()) == 59
    assert payments(store, SPRING, sic_division="", anchors=["A"])["payee"].to_list() == ["Mystery"]


def test_drill_down_skips_excluded_payments_crowding_the_top(tmp_path) -> None:
    """The largest payments are precepts (excluded): the drill-down still returns the largest kept ones, exactly."""
    con = db.open_store(tmp_path / "crowded.duckdb")
    precepts = [pay("A", "Police Precept", 10_000 + n, expense_type="Precept payment") for n in range(12)]
    kept = [
        pay("A", "Local Ltd", 900),
        pay("A", "Local Ltd", -950),  # a credit ranks by its size
        pay("A", "Far plc", 700),
        pay("A", "Far plc", 700),  # a tie: the earlier payment first
        pay("A", "Far plc", 10),
    ]
    removed = [pay("B", "Far plc", 5_000)]  # its file is removed below
    build(con, precepts + kept + removed, {"Local Ltd": {"district": "L1"}, "Far plc": {"district": "Z9"}})
    con.execute("update source_files set status = 'removed' where name = 'B.csv'")
    first_tie_id = len(precepts) + 3  # payment ids number the list from 1
    rows = payments(con, SPRING, limit=3)
    assert [float(a) for a in rows["amount_gbp"]] == [-950, 900, 700]
    assert rows["payment_id"].to_list()[2] == first_tie_id
    assert [float(a) for a in payments(con, SPRING, limit=4)["amount_gbp"]] == [-950, 900, 700, 700]
    everything = payments(con, replace(SPRING, influenceable_only=False), limit=3)
    assert [float(a) for a in everything["amount_gbp"]] == [10_011, 10_010, 10_009]
    assert payments(con, SPRING, supplier_ids=[999]).height == 0
    con.close()
