"""Real processes: a load or refresh killed at any moment leaves the store whole; a reader and a loader coexist."""

from __future__ import annotations

import csv
import json
import os
import random
import shutil
import signal
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from anchorspend import db
from anchorspend.ingest import ingest_file

FILES = Path(__file__).resolve().parent / "files"
ROOT = Path(__file__).resolve().parent.parent

READER = r"""
import json, sys
from pathlib import Path
from anchorspend import db
store, stop = sys.argv[1], Path(sys.argv[2])
queries, errors, seen = 0, [], []
while True:
    stopping = stop.exists()
    try:
        with db.connect(store, read_only=True, wait_s=60) as con:  # as the app opens it, per query
            seen.append(con.execute("select count(*) from payments").fetchone()[0])
        queries += 1
    except Exception as exc:
        errors.append(f"{type(exc).__name__}: {exc}")
    if queries == 1 and len(seen) == 1:
        print("reading", flush=True)  # the first read is done: the test starts the loader only now
    if stopping:
        break
print(json.dumps({"queries": queries, "errors": errors, "first": seen[0], "last": seen[-1]}))
"""

TABLES = ("anchors", "source_files", "source_sheets", "supplier_aliases", "layouts", "suppliers", "change_log")


def snapshot(store: Path) -> dict[str, object]:
    """What a reader sees of everything a load touches: payments and rejections count through an active file."""
    with db.connect(store, read_only=True) as con:
        out: dict[str, object] = {table: con.execute(f"select count(*) from {table}").fetchone()[0] for table in TABLES}
        active = "select file_id from source_files where status = 'active'"
        out["payments"], out["amount"] = con.execute(
            f"select count(*), sum(amount_gbp) from payments where file_id in ({active})"
        ).fetchone()
        out["rejected_rows"] = con.execute(
            f"select count(*) from rejected_rows where file_id in ({active})"
        ).fetchone()[0]
        out["resolved"] = con.execute("select count(*) from supplier_aliases where supplier_id is not null").fetchone()[
            0
        ]
    return out


def stored_rows(store: Path) -> tuple[int, int]:
    """(payments, rejected rows) in the store whether or not a file counts them."""
    with db.connect(store, read_only=True) as con:
        return con.execute("select (select count(*) from payments), (select count(*) from rejected_rows)").fetchone()


def start(store: Path, *args: str, **env: str) -> subprocess.Popen:
    """Start `anchorspend ARGS --db store` in a process of its own."""
    return subprocess.Popen(
        [sys.executable, "-m", "anchorspend", *args, "--db", str(store)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **env},
    )


def ingest_town(store: Path, *paths: str, **env: str) -> subprocess.Popen:
    """Start `anchorspend ingest PATHS` for the council 'Town' into store."""
    return start(store, "ingest", *paths, "--anchor", "Town", "--kind", "council", **env)


def kill_when_paused(process: subprocess.Popen, point: str) -> None:
    """Wait until the process says it is paused at point, then kill it with no chance to clean up."""
    line = process.stderr.readline()
    assert f"paused at {point}" in line, line + process.stderr.read()
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    process.stdout.close()
    process.stderr.close()
    assert process.returncode == -signal.SIGKILL


@pytest.mark.slow
@pytest.mark.parametrize("point", ["load_rows", "load_record"])
def test_killed_load_leaves_the_store_as_it_was(store_path: Path, point: str) -> None:
    """Killed before its rows commit, or after they commit but before the file record that makes them count."""
    ingest_file(store_path, FILES / "cp1252_junk_spacers.csv", "Hyndburn", "council")
    before, rows_before = snapshot(store_path), stored_rows(store_path)
    loader = ingest_town(store_path, str(FILES / "double_bom_ragged_mixed_eol.csv"), **{db.PAUSE_ENV: f"{point}:60"})
    kill_when_paused(loader, point)
    seen = snapshot(store_path)  # a reader sees nothing of it (a new payee with no payment is nowhere to be seen)
    assert {**seen, "supplier_aliases": 0} == {**before, "supplier_aliases": 0}
    db.open_store(store_path).close()  # the next writer discards what the load left uncounted
    assert (snapshot(store_path), stored_rows(store_path)) == (before, rows_before)
    [report] = ingest_file(store_path, FILES / "double_bom_ragged_mixed_eol.csv", "Town", "council")
    assert report.status == "loaded" and report.rows_loaded == 4  # the store is usable and the file loads whole
    assert snapshot(store_path)["payments"] == before["payments"] + 4


@pytest.mark.slow
def test_killed_refresh_leaves_the_derived_tables_as_they_were_and_the_next_writer_finishes_it(
    store_path: Path,
) -> None:
    ingest_file(store_path, FILES / "cp1252_junk_spacers.csv", "Hyndburn", "council")
    before = snapshot(store_path)
    loader = ingest_town(store_path, str(FILES / "double_bom_ragged_mixed_eol.csv"), **{db.PAUSE_ENV: "refresh:60"})
    kill_when_paused(loader, "refresh")
    after = snapshot(store_path)
    assert after["payments"] == before["payments"] + 4  # the load itself committed
    assert (after["suppliers"], after["resolved"]) == (before["suppliers"], before["resolved"])  # the refresh did not
    with db.connect(store_path, read_only=True) as con:
        assert db.refresh_pending(con)
    start(store_path, "files", "list").communicate(timeout=120)  # a reader: finishes nothing
    assert snapshot(store_path)["resolved"] == before["resolved"]
    with db.connect(store_path) as con:  # the next writer, whatever it came to do, finishes the refresh first
        assert not db.refresh_pending(con)
        unresolved = con.execute(
            "select count(*) from supplier_aliases where supplier_id is null and not is_individual"
        ).fetchone()[0]
    assert unresolved == 0 and snapshot(store_path)["resolved"] > before["resolved"]


def write_spend_file(path: Path, rows: int) -> None:
    """A plain spend file big enough that DuckDB writes its rows' pages before the commit (over one row group)."""
    rng = random.Random(7)
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(["Date Paid", "Supplier Name", "Amount", "Expense Type"])
        for _ in range(rows):
            out.writerow(
                [
                    f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                    f"Supplier {rng.randrange(400)} Ltd",
                    f"{rng.randint(100, 999_999) / 100:.2f}",
                    "Goods",
                ]
            )


# A loader that has imported everything once and forks a fresh process for each load, so that 50 loads do not
# pay 50 interpreter starts. Nothing has run DuckDB or Polars before a fork (no threads to inherit). Each child
# runs the real ingest_file on the store it is given; its stderr is a pipe to the loader, which reads the mark the
# child writes as its rows' commit starts, waits the delay it was given, kills the child (not yet reaped, so the
# pid is still the child's), and reports on its stdout.
FORKING_LOADER = r"""
import json, os, signal, sys, time
import anchorspend.geo.locate, anchorspend.ingest, anchorspend.metrics.facts
import anchorspend.pipeline, anchorspend.suppliers
from anchorspend.ingest import ingest_file
spend = sys.argv[1]
for line in sys.stdin:
    store, delay = line.split()
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read_end)
        os.dup2(write_end, 2)
        os.dup2(os.open(os.devnull, os.O_WRONLY), 1)  # stdout is the loader's answers (DuckDB draws progress bars)
        [report] = ingest_file(store, spend, "Town", "council")
        print("finished " + report.status, file=sys.stderr, flush=True)
        os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end) as child:
        mark = child.readline()
        marked = time.monotonic()
        if delay != "never":
            time.sleep(float(delay))  # the random moment of the kill
            os.kill(pid, signal.SIGKILL)
        rest = child.read()
    _, status = os.waitpid(pid, 0)
    seconds = time.monotonic() - marked
    print(json.dumps({"mark": mark, "rest": rest, "killed": os.WIFSIGNALED(status), "seconds": seconds}), flush=True)
"""


@pytest.mark.slow
def test_kills_at_random_moments_never_leave_a_half_written_load(tmp_path: Path) -> None:
    """Kill the ingest of a 130,000-row file at random moments around its commit, 50 times: every time a reader
    sees the file whole or not at all, the next writer leaves no uncounted row and no unresolved payee, and a
    re-run ends with the file loaded exactly once."""
    spend = tmp_path / "spend.csv"
    rows = 130_000  # over DuckDB's row group (122,880 rows): the size at which the rows' pages go out early
    write_spend_file(spend, rows)
    template = tmp_path / "template.duckdb"
    ingest_file(template, FILES / "cp1252_junk_spacers.csv", "Hyndburn", "council")
    before = snapshot(template)
    loader = subprocess.Popen(
        [sys.executable, "-c", FORKING_LOADER, str(spend)],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, db.PAUSE_ENV: "load_rows:0"},  # a mark as the rows' commit starts, and no pause
    )

    def load(store: Path, delay: float | None) -> dict:
        """Load into store, killed delay seconds after its rows' commit starts (None: never); what happened."""
        shutil.copy(template, store)
        loader.stdin.write(f"{store} {'never' if delay is None else delay}\n")
        loader.stdin.flush()
        outcome = json.loads(loader.stdout.readline())
        assert "paused at load_rows" in outcome["mark"], outcome
        assert outcome["killed"] or "finished loaded" in outcome["rest"], outcome
        return outcome

    window = load(tmp_path / "calibrate.duckdb", None)["seconds"]  # from the commit's start to the refresh's end
    rng = random.Random(2026)
    outcomes = {"loaded": 0, "not loaded": 0, "finished before the kill": 0}
    try:
        for trial in range(50):
            store = tmp_path / f"trial{trial}.duckdb"
            # every other kill in the first eighth of the window, where the two commits are (the rest is the refresh);
            # every fifth at the mark itself, so that kills land before the commits whatever the machine's load (at
            # load 20 the refresh stretches the window and random kills nearly all landed after the commits)
            delay = 0.0 if trial % 5 == 0 else rng.uniform(0, window / 8 if trial % 2 else window)
            if not load(store, delay)["killed"]:
                outcomes["finished before the kill"] += 1
            seen = snapshot(store)  # as a reader finds it, before any writer
            assert seen["payments"] in (before["payments"], before["payments"] + rows), trial
            loaded = seen["payments"] == before["payments"] + rows
            assert seen["source_files"] == before["source_files"] + loaded, trial  # the rows came with their file
            assert seen["anchors"] == before["anchors"] + loaded, trial
            outcomes["loaded" if loaded else "not loaded"] += 1
            with db.connect(store) as con:  # the next writer
                orphans, unresolved = con.execute(
                    "select (select count(*) from payments where file_id not in "
                    "(select file_id from source_files where status = 'active')), "
                    "(select count(*) from supplier_aliases a where supplier_id is null and not is_individual "
                    "and exists (select 1 from payments p where p.alias_id = a.alias_id))"
                ).fetchone()
            assert (orphans, unresolved) == (0, 0), trial
            if loaded or outcomes["not loaded"] % 5 == 1:  # a full re-load for every fifth, to keep the test short
                [report] = ingest_file(store, spend, "Town", "council")
                assert report.status == ("already_loaded" if loaded else "loaded"), trial
                assert snapshot(store)["payments"] == before["payments"] + rows, trial
            store.unlink()
            Path(f"{store}.wal").unlink(missing_ok=True)
    finally:
        loader.stdin.close()
        loader.wait(timeout=60)
        loader.stdout.close()
        loader.stderr.close()
    assert outcomes["loaded"] >= 5 and outcomes["not loaded"] >= 5, outcomes  # kills landed on both sides


@pytest.mark.slow
def test_reader_process_and_ingest_process_run_together(store_path: Path, tmp_path: Path) -> None:
    db.open_store(store_path).close()
    stop = tmp_path / "stop"
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(store_path), str(stop)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert reader.stdout.readline().strip() == "reading"  # it is running before the load starts
    loader = ingest_town(
        store_path,
        str(FILES / "cp1252_junk_spacers.csv"),
        str(FILES / "double_bom_ragged_mixed_eol.csv"),
        str(FILES / "fiscal_periods_gross_net.csv"),
        "--json",
    )
    out, err = loader.communicate(timeout=120)
    assert loader.returncode == 0, err
    assert [json.loads(line)["status"] for line in out.splitlines()] == ["loaded"] * 3
    stop.touch()
    reader_out, reader_err = reader.communicate(timeout=120)
    assert reader.returncode == 0, reader_err
    seen = json.loads(reader_out)
    assert seen["errors"] == [] and seen["queries"] >= 3
    assert (seen["first"], seen["last"]) == (0, 3 + 4 + 2)  # the reader sees the new rows without restarting


def test_a_store_left_by_an_earlier_build_with_payments_and_no_file_is_cleaned_on_opening(tmp_path: Path) -> None:
    """What the previous release could leave after a kill in its commit: payments, no file, no anchor."""
    from tests.test_db import previous_release_store

    old = tmp_path / "old.duckdb"
    previous_release_store(old)
    con = duckdb.connect(str(old))
    con.execute(
        "insert into payments (anchor_id, file_id, alias_id, sheet, row_number, paid_on, amount_gbp, supplier_raw) "
        "select 2, 2, 2, '', range + 2, date '2024-06-01', 10.00, 'Ghost Ltd' from range(1000)"
    )
    con.close()
    with db.connect(old) as con:
        assert con.execute("select count(*), sum(amount_gbp) from payments").fetchone() == (2, Decimal("150.25"))
