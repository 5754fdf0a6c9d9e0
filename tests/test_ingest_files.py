"""Files over time: overlaps not double-counted; remove and replace atomic and logged; the CLI."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

import duckdb
import pytest

from anchorspend import db
from anchorspend.cli import main
from anchorspend.ingest import IngestError, ingest_file, list_files, remove_file, replace_file

HEADER = "Body Name,Invoice Payment Date,Transaction Number,Net Amount,Supplier Name\n"
APRIL = HEADER + "".join(
    [
        "Town,2024-04-02,A1,100.00,Acme Ltd\n",
        "Town,2024-04-09,A2,250.00,Beta Ltd\n",
        "Town,2024-04-09,A2,250.00,Beta Ltd\n",  # a genuine repeat within one file: both load
    ]
)
# A quarter file that overlaps April: repeats A1 and both A2 lines, adds a third A2 and one new payment.
QUARTER = HEADER + "".join(
    [
        "Town,2024-04-02,A1,100.00,Acme Ltd\n",
        "Town,2024-04-09,A2,250.00,Beta Ltd\n",
        "Town,2024-04-09,A2,250.00,Beta Ltd\n",
        "Town,2024-04-09,A2,250.00,Beta Ltd\n",
        "Town,2024-05-07,M1,40.00,Gamma Ltd\n",
    ]
)


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def total(con: duckdb.DuckDBPyConnection) -> Decimal:
    return con.execute("select coalesce(sum(amount_gbp), 0) from payments").fetchone()[0]


def test_overlapping_files_are_reported_not_double_counted(
    con: duckdb.DuckDBPyConnection, tmp_path: Path, no_refresh: list
) -> None:
    [april] = ingest_file(con, write(tmp_path, "april.csv", APRIL), "Town", "council")
    [quarter] = ingest_file(con, write(tmp_path, "q1.csv", QUARTER), "Town", "council")
    assert (quarter.rows_read, quarter.rows_loaded, quarter.rows_rejected, quarter.duplicates) == (5, 2, 3, 3)
    assert quarter.amount_total == Decimal("290.00")  # the third A2 (250) and M1 (40)
    assert total(con) == Decimal("890.00")  # 100 + 250 + 250 + 250 + 40: each real payment once
    reasons = con.execute(
        "select row_number, reason from rejected_rows where file_id = $f order by row_number",
        {"f": quarter.file_id},
    ).fetchall()
    f = april.file_id
    assert reasons == [
        (2, f"duplicate of file {f} row 2"),
        (3, f"duplicate of file {f} row 3"),
        (4, f"duplicate of file {f} row 4"),
    ]
    [other] = ingest_file(con, write(tmp_path, "other.csv", APRIL), "Elsewhere", "council")
    assert other.duplicates == 0  # overlap is judged within one anchor only


def test_replace_swaps_a_reissued_file_atomically(
    con: duckdb.DuckDBPyConnection, tmp_path: Path, no_refresh: list
) -> None:
    [april] = ingest_file(con, write(tmp_path, "april.csv", APRIL), "Town", "council")
    reissued = write(tmp_path, "april-v2.csv", APRIL.replace("100.00", "110.00"))
    report = replace_file(con, april.file_id, reissued)
    assert report.status == "loaded" and report.duplicates == 0 and report.replaced_file_id == april.file_id
    assert total(con) == Decimal("610.00")  # 110 + 250 + 250, the old file's 600 gone
    files = {row["file_id"]: (row["status"], row["replaced_by"]) for row in list_files(con).iter_rows(named=True)}
    assert files == {april.file_id: ("replaced", report.file_id), report.file_id: ("active", None)}
    actions = [
        r[0]
        for r in con.execute(
            "select action from change_log where action = 'ingest' or action like 'files.%' order by change_id"
        ).fetchall()
    ]
    assert actions == ["ingest", "files.replace", "ingest"]


def test_replace_with_a_bad_file_changes_nothing(
    con: duckdb.DuckDBPyConnection, tmp_path: Path, no_refresh: list
) -> None:
    [april] = ingest_file(con, write(tmp_path, "april.csv", APRIL), "Town", "council")
    report = replace_file(con, april.file_id, write(tmp_path, "bad.csv", "Foo,Bar\n1,2\n"))
    assert report.status == "failed"
    assert total(con) == Decimal("600.00")
    assert list_files(con)["status"].to_list() == ["active"]


def test_remove_takes_a_file_out_and_logs_it(con: duckdb.DuckDBPyConnection, tmp_path: Path, no_refresh: list) -> None:
    [april] = ingest_file(con, write(tmp_path, "april.csv", APRIL), "Town", "council")
    assert remove_file(con, april.file_id) == 3
    assert total(con) == 0 and no_refresh == [
        con,
        con,
    ]  # derived tables refreshed after the load and the removal
    assert con.execute(
        "select action, target, old_value, new_value from change_log where action = 'files.remove'"
    ).fetchall() == [("files.remove", f"file {april.file_id}", "active", "removed (3 payments)")]
    with pytest.raises(IngestError, match="already removed"):
        remove_file(con, april.file_id)
    [again] = ingest_file(con, tmp_path / "april.csv", "Town", "council")  # a removed file may come back
    assert again.status == "loaded" and total(con) == Decimal("600.00")


def test_cli_ingest_json_files_list_replace_remove(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    def cli(*args: str) -> SimpleNamespace:
        code = main(list(args))  # the same entry point as `anchorspend`, in this process to stay quick
        out, err = capsys.readouterr()
        return SimpleNamespace(returncode=code, stdout=out, stderr=err)

    store = str(tmp_path / "store.duckdb")
    april, bad = write(tmp_path, "april.csv", APRIL), write(tmp_path, "bad.csv", "Foo,Bar\n1,2\n")
    result = cli(
        "ingest",
        str(april),
        str(bad),
        str(april),
        "--anchor",
        "Town",
        "--kind",
        "council",
        "--db",
        store,
        "--json",
    )
    assert result.returncode == 1
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["status"] for line in lines] == ["loaded", "failed", "already_loaded"]
    assert {k: lines[0][k] for k in ("rows_read", "rows_loaded", "rows_rejected", "blank_rows", "amount_total")} == {
        "rows_read": 3,
        "rows_loaded": 3,
        "rows_rejected": 0,
        "blank_rows": 0,
        "amount_total": "600.00",
    }
    assert lines[1]["error"].startswith("could not place field(s) paid_on, supplier: no column holds dates")
    assert len(result.stderr.strip().splitlines()) == 1 and "1 of 3 file(s) failed: bad.csv" in result.stderr
    reissued = write(tmp_path, "april-v2.csv", APRIL.replace("100.00", "110.00"))
    assert cli("files", "replace", str(lines[0]["file_id"]), str(reissued), "--db", store).returncode == 0
    listed = [json.loads(line) for line in cli("files", "list", "--db", store, "--json").stdout.splitlines()]
    assert [(row["name"], row["status"]) for row in listed] == [
        ("april-v2.csv", "active"),
        ("april.csv", "replaced"),
    ]
    removed = cli("files", "remove", str(listed[0]["file_id"]), "--db", store)
    assert removed.returncode == 0 and "3 payments" in removed.stdout
    gone = cli("files", "remove", "99", "--db", store)
    assert (
        gone.returncode == 1
        and gone.stderr.strip() == "anchorspend files: no file with id 99 (see `anchorspend files list`)"
    )
    with db.connect(store, read_only=True) as con:
        assert con.execute("select count(*) from payments").fetchone()[0] == 0


def test_a_failing_refresh_leaves_the_load_standing_with_a_warning(
    con: duckdb.DuckDBPyConnection, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(_con: duckdb.DuckDBPyConnection) -> dict:
        raise RuntimeError("resolver exploded")

    monkeypatch.setattr("anchorspend.pipeline.refresh", broken)
    [report] = ingest_file(con, write(tmp_path, "april.csv", APRIL), "Town", "council")
    assert report.status == "loaded" and total(con) == Decimal("600.00")
    assert report.warnings == ["the refresh after loading failed (RuntimeError: resolver exploded); run it again later"]


def test_files_list_has_a_heading_and_whole_names(tmp_path: Path) -> None:
    """Names longer than any fixed column are printed whole, under a heading that names each column."""
    from tests.hostile import run

    store = tmp_path / "store.duckdb"
    long_name = "Town_Council_Expenditure_over_500_April_2024_reissued_with_corrections.csv"
    anchor = "Lancashire Teaching Hospitals NHS Foundation Trust"
    april = write(tmp_path, long_name, APRIL)
    assert run("ingest", april, "--anchor", anchor, "--kind", "nhs", "--db", store).code == 0
    may = write(tmp_path, "may.csv", QUARTER.replace("2024-04", "2024-06"))
    assert run("ingest", may, "--anchor", "Town", "--kind", "council", "--db", store).code == 0
    lines = run("files", "list", "--db", store).out.splitlines()
    heading = lines[0].split()
    assert heading[:2] == ["id", "status"] and heading[-2:] == ["anchor", "file"] and "rejected" in heading
    # newest first: may.csv (file 2), then the long one (file 1), each name and anchor whole
    assert lines[1].split()[0] == "2" and lines[1].endswith(" may.csv")
    assert lines[2].split()[0] == "1" and lines[2].endswith(f"{anchor}  {long_name}")
    # the names start under the heading's "file", whatever the anchors' lengths
    assert {line.rindex(" ") + 1 for line in lines[1:]} == {lines[0].index("file")}
    # April's three rows and £600.00, read back from the line
    assert "600.00" in lines[2].split() and "3" in lines[2].split()
