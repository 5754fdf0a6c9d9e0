"""The demo store: built through the real importers, with the load reports the planted rows call for."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from anchorspend.demo import PLACE_NAME
from anchorspend.demo.build import build

SCALE = 6_000
SEED = 3


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict:
    folder = tmp_path_factory.mktemp("demo_build")
    lines: list[str] = []
    result = build(folder / "demo.duckdb", seed=SEED, scale=SCALE, out=lines.append)
    manifest = json.loads((folder / "demo" / "manifest.json").read_text())
    return {"path": folder / "demo.duckdb", "result": result, "lines": lines, "manifest": manifest,
            "folder": folder}


def read(path: Path, sql: str, params: dict | None = None) -> list[tuple]:
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute(sql, params or {}).fetchall()


def table_checksums(path: Path) -> dict[str, str]:
    """md5 of every table's rows in a fixed order, timestamp columns left out (they record when, not what).

    Alias and supplier ids are replaced by what they stand for (spelling and numbers; name key): the ingest
    and the resolver number new rows in an order that can depend on Python's per-process string hashing, so
    the same aliases and suppliers can get permuted ids. The change log (which names ids), the metrics
    cache key and the resolver's review queue (its candidates for tied scores vary from run to run; reported
    to the suppliers area) are left out.
    """
    sums = {}
    with duckdb.connect(str(path), read_only=True) as con:
        supplier = dict(con.execute("select supplier_id, name_key from suppliers").fetchall())
        alias = {r[0]: r[1:] for r in con.execute(
            "select alias_id, raw_name, company_number, charity_number from supplier_aliases").fetchall()}
        natural = {"supplier_id": supplier, "candidate_supplier_id": supplier, "alias_id": alias}
        tables = [r[0] for r in con.execute(
            "select table_name from information_schema.tables where table_schema = 'main' order by 1"
        ).fetchall()]
        for table in tables:
            if table in ("change_log", "metrics_facts_state", "review_queue"):
                continue
            columns = [r[0] for r in con.execute(
                "select column_name from information_schema.columns where table_name = $t "
                "and data_type not like 'TIMESTAMP%' order by ordinal_position", {"t": table}).fetchall()]
            if not columns:
                continue
            quoted = ", ".join(f'"{c}"' for c in columns)
            maps = [natural.get(c) for c in columns]
            rows = con.execute(f"select {quoted} from {table}").fetchall()  # noqa: S608 (catalog names)
            rows = sorted(repr(tuple(m.get(v, v) if m else v for m, v in zip(maps, row, strict=True)))
                          for row in rows)
            sums[table] = hashlib.md5("\n".join(rows).encode()).hexdigest()
    return sums


def test_geography_pack_and_place_arrive_through_geo_import(built: dict) -> None:
    assert read(built["path"], "select count(*) from districts")[0][0] == 10
    assert read(built["path"], "select count(*), count(district_code) from wards")[0] == (40, 40)
    assert read(built["path"], "select count(*) from deprivation")[0][0] > 150
    name, fictional = read(built["path"], "select name, is_fictional from place")[0]
    assert name == PLACE_NAME and "fictional" in name and fictional
    assert read(built["path"], "select bool_and(is_fictional) from districts")[0][0]
    local = read(built["path"], "select district_code from place_districts where tier = 'local'")
    assert local == [(built["manifest"]["local"],)]
    assert any(line.startswith("  geo ") and "loaded 40" in line for line in built["lines"])


def test_every_spend_file_loads_with_exactly_the_planted_rejections(built: dict) -> None:
    files = {row[0]: row[1:] for row in read(
        built["path"],
        "select name, rows_read, rows_loaded, rows_rejected, amount_total, file_id from source_files")}
    assert len(files) == len(built["manifest"]["spend"])
    for spend in built["manifest"]["spend"]:
        rows_read, rows_loaded, rows_rejected, total, file_id = files[spend["path"]]
        planted = spend["rejected"]
        assert (rows_read, rows_rejected) == (spend["rows"], len(planted)), spend["path"]
        assert rows_loaded == spend["rows"] - len(planted)
        assert float(total) == pytest.approx(spend["amount_gbp"], abs=0.01 * rows_loaded)
        reasons = [r[0] for r in read(built["path"], "select reason from rejected_rows where file_id = $f",
                                      {"f": file_id})]
        for why in set(planted):
            assert sum(why in reason for reason in reasons) == planted.count(why), (spend["path"], reasons)
    printed = [line for line in built["lines"] if line.startswith("  ingest ")]
    assert len(printed) == len(built["manifest"]["spend"]) and all(" read " in line for line in printed)


def test_redacted_payees_are_individuals_and_stay_in_the_totals(built: dict) -> None:
    redacted, individual = read(built["path"], """
        select count(*) filter (where p.is_redacted), count(*) filter (where a.is_individual)
        from payments p join supplier_aliases a using (alias_id)""")[0]
    assert redacted > 50 and individual >= redacted
    council = read(built["path"], """
        select sum(amount_gbp) / 2 from payments join anchors using (anchor_id)
        where name = 'Fennmouth City Council'""")[0][0]
    assert 900e6 <= council <= 1_100e6


def test_register_contracts_and_assumptions_arrive_through_their_importers(built: dict) -> None:
    assert read(built["path"], "select count(*) from register_entries")[0][0] > 1000
    assert read(built["path"], "select count(distinct source_file) from contracts")[0][0] == 5
    assert read(built["path"], "select count(distinct anchor_id) from anchor_payroll")[0][0] == 6


@pytest.mark.slow  # a second full build through every importer
def test_same_seed_gives_the_same_store(built: dict, tmp_path: Path) -> None:
    again = tmp_path / "again.duckdb"
    build(again, seed=SEED, scale=SCALE, out=lambda _: None)
    first, second = table_checksums(built["path"]), table_checksums(again)
    assert first == second
    assert "payments" in first


def test_the_command_refuses_to_overwrite_and_explains_bad_scales(built: dict) -> None:
    run = [sys.executable, "-m", "anchorspend", "demo", "--db", str(built["path"])]
    existing = subprocess.run(run, capture_output=True, text=True)
    assert existing.returncode == 1 and "already exists" in existing.stderr
    assert "Traceback" not in existing.stderr
    tiny = subprocess.run(run + ["--scale", "10", "--replace"], capture_output=True, text=True)
    assert tiny.returncode == 1 and "at least 1000" in tiny.stderr


def test_economics_through_the_metrics(built: dict) -> None:
    import datetime as dt

    from anchorspend import metrics

    with duckdb.connect(str(built["path"]), read_only=True) as con:
        latest_year = metrics.Scope(date_from=dt.date(2025, 11, 1), date_to=dt.date(2026, 10, 31))
        figures = metrics.compute(con, latest_year)
    shares = {a["anchor"]: a["local_share"] for a in figures["by_anchor"]}
    assert len(shares) == 6
    assert min(shares.values()) < 0.20 and max(shares.values()) > 0.70  # as in the peers' figures
    assert shares["Fennmouth Hospitals NHS Foundation Trust"] < 0.20
    assert shares["Fennmouth Harbour Housing Co-operative"] > 0.70
    assert 0 < figures["unknown_share"] < 0.15
    assert figures["sme_share"] > 0.3 and figures["vcse_share"] > 0.03
    assert figures["deprived_area_spend"] > 0
    sectors = figures["leakage_by_sector"]
    assert any(s["addressable"] for s in sectors)
    assert any(not s["addressable"] and s["leakage"] > 0 for s in sectors)  # leaking with no local capacity
    kinds = figures["opportunity_counts"]
    assert kinds.get("aligned_reprocurement", 0) >= 1 and kinds.get("shared_supplier", 0) >= 50
    assert 1.0 < figures["lm3"]["value"] < 3.0 and figures["lm3"]["basis"] == "procurement and payroll"
    assert figures["baseline"]["total_spend"] > 0  # the year before exists, so changes can be shown


def test_bulk_adds_payments_with_the_same_distribution(built: dict, tmp_path: Path) -> None:
    import shutil

    from anchorspend import db
    from anchorspend.demo import bulk

    copy = tmp_path / "bulk.duckdb"
    shutil.copy(built["path"], copy)
    share_sql = """select an.name, sum(p.amount_gbp) / sum(sum(p.amount_gbp)) over () from payments p
                   join anchors an using (anchor_id) where p.file_id in (select file_id from source_files
                   where name {op} 'bulk-generated%') group by 1 order by 1"""
    with db.connect(copy) as con:
        before = con.execute("select count(*) from payments").fetchone()[0]
        bulk.generate(con, 30_000, SEED)
        after = con.execute("select count(*) from payments").fetchone()[0]
        files_share = dict(con.execute(share_sql.format(op="not like")).fetchall())
        bulk_share = dict(con.execute(share_sql.format(op="like")).fetchall())
        orphans = con.execute(
            "select count(*) from payments p anti join supplier_aliases a using (alias_id)").fetchone()[0]
        redacted = con.execute("""select bool_and(a.is_individual) from payments p join supplier_aliases a
                                  using (alias_id) where p.is_redacted""").fetchone()[0]
    assert after - before == 30_000
    assert orphans == 0 and redacted
    for anchor, share in files_share.items():  # each anchor's share of spend is kept
        assert bulk_share[anchor] == pytest.approx(share, abs=0.05), anchor
