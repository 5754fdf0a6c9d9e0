"""`metrics --json`, `whatif --json` and `assumptions import` from the command line."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from metrics_store import build, pay

from anchorspend import db
from anchorspend.cli import main

PERIOD = ("--from", "2024-04-01", "--to", "2025-03-31")
KEYS = {
    "total_spend",
    "local_share",
    "regional_share",
    "unknown_share",
    "located_local_share",
    "weighted_local_share",
    "unweighted_local_share",
    "by_anchor",
    "lm3",
    "leakage_by_sector",
    "type_shares",
    "sme_share",
    "vcse_share",
    "deprived_area_share",
    "deprived_area_unknown_share",
    "shared_suppliers",
    "opportunities",
    "baseline",
    "definitions",
}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The store the tests start from, built once; tests never open it, only their copy (`store`)."""
    path = tmp_path_factory.mktemp("cli") / "store.duckdb"
    con = db.open_store(path)
    build(
        con,
        [
            pay("A", "Local Ltd", 60),
            pay("A", "Far plc", 40),
            pay("B", "Local Ltd", 10),
            pay("B", "Far plc", 90, "2023-05-01"),
        ],
        {
            "Local Ltd": {"district": "L1", "division": "43", "org_type": "sme"},
            "Far plc": {"district": "Z9", "division": "43", "org_type": "large"},
        },
    )
    con.close()
    return path


@pytest.fixture
def store(built: Path, tmp_path: Path) -> Path:
    """This test's own copy of the built store: what one test imports or inserts, the next never sees."""
    path = tmp_path / "store.duckdb"
    shutil.copyfile(built, path)
    return path


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_metrics_json_has_the_keys(store, capsys) -> None:
    code, out, _ = run(capsys, "metrics", "--json", "--db", str(store), *PERIOD)
    result = json.loads(out)
    assert code == 0 and set(result) >= KEYS
    assert result["local_share"] == pytest.approx(70 / 110)
    assert set(result["lm3"]) >= {"r1", "r2", "r3", "value", "low", "high", "basis"}
    assert result["lm3"]["basis"] == "procurement-only"
    assert {"sector", "leakage", "local_suppliers", "addressable"} <= set(result["leakage_by_sector"][0])
    assert {"supplier", "anchors", "spend"} <= set(result["shared_suppliers"][0])
    assert {"kind", "title", "amount"} <= set(result["opportunities"][0])
    assert {"anchor", "total_spend", "local_share", "regional_share"} <= set(result["by_anchor"][0])
    assert result["baseline"]["total_spend"] == 90 and result["baseline"]["local_share"] == 0


def test_metrics_filters(store, capsys) -> None:
    _, out, _ = run(
        capsys,
        "metrics",
        "--json",
        "--db",
        str(store),
        *PERIOD,
        "--anchor",
        "B",
        "--local",
        "Z9",
        "--regional",
        "Z9",
        "--baseline-from",
        "2023-01-01",
        "--baseline-to",
        "2023-12-31",
    )
    result = json.loads(out)
    assert result["total_spend"] == 10 and result["local_share"] == 0
    assert result["baseline"]["local_share"] == 1


def test_whatif_json(store, capsys) -> None:
    code, out, _ = run(
        capsys, "whatif", "--json", "--db", str(store), *PERIOD, "--shift", "0.5", "--sector", "43"
    )
    result = json.loads(out)
    assert code == 0 and result["shifted"] == 20
    assert result["new_local_share"] == pytest.approx(90 / 110)
    assert result["extra_local_value"] == pytest.approx(20 * (1 + 0.76 - 0.36))
    assert {"shifted", "new_local_share", "new_lm3", "extra_local_value"} <= set(result)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["metrics", "--json", "--anchor", "Nobody"], "unknown anchor 'Nobody'"),
        (["metrics", "--json", "--from", "2024-31-01"], "--from must be a date"),
        (["whatif", "--json", "--shift", "1.5"], "between 0 and 1"),
        (["whatif", "--json", "--shift", "0.1", "--sector", "99"], "no leakage in sector '99'"),
        (["metrics", "--json", "--baseline-from", "2023-01-01"], "both --baseline-from and --baseline-to"),
    ],
)
def test_user_errors_are_one_line(store, capsys, argv: list[str], message: str) -> None:
    code, _, err = run(capsys, *argv, "--db", str(store))
    assert code == 1 and message in err and len(err.strip().splitlines()) == 1


def test_assumptions_import_csv_and_toml(store, tmp_path: Path, capsys) -> None:
    csv_file = tmp_path / "a.csv"
    csv_file.write_text(
        "kind,anchor,year_from,payroll_gbp,staff_local_share,org_type,sic_division,rate,source,"
        "supplier\n"
        "payroll,A,2024-04-01,1000,0.5,,,,HR,\n"
        "respend_rate,,,,,sme,43,0.5,local study,\n"
        "survey_return,,,,,,,0.9,,Local Ltd\n"
    )
    code, out, _ = run(capsys, "assumptions", "import", str(csv_file), "--db", str(store))
    assert code == 0 and json.loads(out)["imported"]["payroll"] == 1
    bad = tmp_path / "bad.toml"
    bad.write_text('[[survey_return]]\nsupplier = "X"\nrate = 1.5\n')
    code, _, err = run(capsys, "assumptions", "import", str(bad), "--db", str(store))
    assert code == 1 and "between 0 and 1" in err
    with db.connect(store) as con:
        rate = con.execute(
            "select rate from respend_rates where org_type = 'sme' and sic_division = '43'"
        ).fetchone()
        assert rate == (0.5,)
        assert con.execute(
            "select s.name from survey_returns join suppliers as s using (supplier_id)"
        ).fetchone() == ("Local Ltd",)


def test_assumptions_import_keeps_the_old_value_in_the_change_log(store, tmp_path: Path, capsys) -> None:
    """Importing a rate over an earlier one logs old -> new per item, so the earlier rate is not lost."""
    from anchorspend import db

    first, second = tmp_path / "first.toml", tmp_path / "second.toml"
    first.write_text('[[respend_rate]]\norg_type = "sme"\nsic_division = "47"\nrate = 0.5\nsource = "survey A"\n')
    second.write_text('[[respend_rate]]\norg_type = "sme"\nsic_division = "47"\nrate = 0.05\nsource = "survey B"\n')
    for path in (first, second):
        assert main(["assumptions", "import", str(path), "--db", str(store)]) == 0
    capsys.readouterr()
    with db.connect(store, read_only=True) as con:
        logged = con.execute(
            "select old_value, new_value from change_log where action = 'assumptions.import.respend_rate' "
            "and new_value like '%sic_division=47%' "
            "order by change_id"
        ).fetchall()
    assert logged[0][0] is None and "rate=0.5" in logged[0][1]
    assert "rate=0.5" in logged[1][0] and "source=survey A" in logged[1][0]
    assert "rate=0.05" in logged[1][1] and "source=survey B" in logged[1][1]


def test_a_mistyped_district_code_is_refused(store, capsys) -> None:
    from anchorspend import db

    with db.connect(store) as con:
        con.execute("insert or ignore into districts (district_code, name) values ('L1', 'Localton'), ('R1', 'Rest')")
    assert main(["metrics", "--json", "--db", str(store), "--local", "L1X"]) == 1
    captured = capsys.readouterr()
    assert captured.out == "" and "no imported district has the code L1X" in captured.err
    assert main(["metrics", "--json", "--db", str(store), "--local", "L1"]) == 0
    assert not any("no district has the code" in w for w in json.loads(capsys.readouterr().out)["warnings"])


def test_whatif_in_a_sector_with_no_local_capacity_says_so(tmp_path: Path, capsys) -> None:
    path = tmp_path / "dead.duckdb"
    con = db.open_store(path)
    build(
        con,
        [pay("A", "Local Ltd", 100, "2024-05-15"), pay("A", "Far Food plc", 50, "2024-05-15")],
        {
            "Local Ltd": {"district": "L1", "division": "43", "org_type": "sme"},
            "Far Food plc": {"district": "Z9", "division": "56", "org_type": "large"},  # no local caterer
        },
    )
    con.close()
    code, _, err = run(capsys, "whatif", "--json", "--db", str(path), "--shift", "0.1", "--sector", "56", *PERIOD)
    assert code == 1 and "none of its leakage is addressable" in err


def test_metrics_json_is_clean_when_the_open_finishes_an_interrupted_load(store: Path) -> None:
    """A writer's open discards what a killed load left; the command prints JSON alone, the note on stderr."""
    with db.connect(store) as con:  # a payment under a file id no source_files row counts yet: a load cut short
        con.execute(
            "insert into payments (anchor_id, file_id, row_number, paid_on, amount_gbp, alias_id, supplier_raw)"
            " select anchor_id, 99, row_number + 1000, paid_on, 5000, alias_id, supplier_raw from payments limit 1"
        )
    out = subprocess.run(
        [sys.executable, "-m", "anchorspend", "metrics", "--json", "--db", str(store), *PERIOD],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(out.stdout)["local_share"] == pytest.approx(70 / 110)  # the £5,000 row never counted
    assert "discarded 1 rows of a load or removal left unfinished" in out.stderr
    with db.connect(store, read_only=True) as con:
        assert con.execute("select count(*) from payments where file_id = 99").fetchone() == (0,)
