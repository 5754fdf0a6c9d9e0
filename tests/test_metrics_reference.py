"""`metrics --json` on real files: Salford's two months, its contracts register and the geography files."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from ingest_simple_reader import expected_for

from anchorspend import db, pipeline
from anchorspend.cli import main
from anchorspend.geo import import_files
from anchorspend.geo.place import set_place
from anchorspend.ingest.api import ingest_file
from anchorspend.suppliers.contracts import import_contracts

SALFORD = "Salford City Council"
MONTHS = (
    "greater_manchester/salford/salford_2022-05_clean.csv",
    "greater_manchester/salford/salford_2022-06_clean.csv",
)
GREATER_MANCHESTER = ",".join(
    f"E080000{n:02d}" for n in range(1, 11)
)  # Bolton .. Wigan; Salford is E08000006


@pytest.fixture(scope="module")
def store(reference: Path, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("salford") / "store.duckdb"
    con = db.open_store(path)
    import_files(
        con,
        [
            reference / "geo/lad/lad_england_may2024_buc_with_lad23cd.geojson",
            reference / "lookups/LAD_Dec2023_UK_BFC_centroids_attributes.csv",
            reference / "lookups/uk_outcode_centroids_academe.csv",
            reference / "deprivation/IMD2019_File_1_Index_of_Multiple_Deprivation_LSOA.csv",
        ],
    )
    set_place(con, "E08000006", GREATER_MANCHESTER, "Salford")
    for month in MONTHS:
        (report,) = ingest_file(con, reference / "spend" / month, SALFORD, "council")
        assert report.status == "loaded", report
    import_contracts(
        con, reference / "contracts/salford_contracts_register_2022-07_clean.csv", anchor=SALFORD
    )
    pipeline.refresh(con)
    con.close()
    return path


def metrics_json(capsys, store: Path, *extra: str) -> dict:
    assert (
        main(["metrics", "--json", "--db", str(store), "--from", "2022-05-01", "--to", "2022-06-30", *extra])
        == 0
    )
    return json.loads(capsys.readouterr().out)


@pytest.mark.reference
def test_salford_metrics_json(store: Path, reference: Path, capsys) -> None:
    everything = metrics_json(capsys, store, "--all-spend")
    # all spend equals the Net column of the two files, added up by a separate simple reader
    net = sum((expected_for(reference / "spend" / m, m).amount_total for m in MONTHS), Decimal(0))
    assert everything["total_spend"] == pytest.approx(float(net), abs=0.01)
    result = metrics_json(capsys, store)
    assert result["total_spend"] < everything["total_spend"]  # the influenceable filter took something out
    for key in (
        "local_share",
        "regional_share",
        "unknown_share",
        "located_local_share",
        "weighted_local_share",
    ):
        assert 0 <= result[key] <= 1, key
    assert result["local_share"] <= result["regional_share"]
    assert result["local_share"] > 0  # the contracts register locates Salford suppliers
    assert result["unknown_individual_share"] > 0  # redacted payees
    assert sum(result["type_shares"].values()) == pytest.approx(1)
    assert result["lm3"]["basis"] == "procurement-only" and 1 <= result["lm3"]["value"] <= 3
    assert [a["anchor"] for a in result["by_anchor"]] == [SALFORD]
    assert result["leakage_by_sector"] and result["opportunities"] is not None
    assert result["baseline"]["total_spend"] == 0  # nothing loaded for 2021
