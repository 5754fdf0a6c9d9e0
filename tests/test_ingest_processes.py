"""Real processes: a load killed mid-transaction leaves the store as it was; a reader and a loader coexist."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from anchorspend import db
from anchorspend.ingest import ingest_file
from anchorspend.ingest.load import PAUSE_ENV

FILES = Path(__file__).resolve().parent / "files"
ROOT = Path(__file__).resolve().parent.parent

READER = r"""
import json, sys, time
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
    if stopping:
        break
    time.sleep(0.01)
print(json.dumps({"queries": queries, "errors": errors, "first": seen[0], "last": seen[-1]}))
"""


def snapshot(store: Path) -> dict[str, object]:
    """Everything a load touches, counted and summed."""
    with db.connect(store, read_only=True) as con:
        out: dict[str, object] = {"version": db.store_version(con)}
        for table in (
            "anchors",
            "source_files",
            "source_sheets",
            "payments",
            "rejected_rows",
            "supplier_aliases",
            "layouts",
            "change_log",
        ):
            out[table] = con.execute(f"select count(*) from {table}").fetchone()[0]
        out["amount"] = con.execute("select sum(amount_gbp) from payments").fetchone()[0]
    return out


def ingest_town(store: Path, *args: str, **env: str) -> subprocess.Popen:
    """Start `anchorspend ingest ARGS` for the council 'Town' into store, in a process of its own."""
    town = ("--anchor", "Town", "--kind", "council", "--db", str(store))
    return subprocess.Popen(
        [sys.executable, "-m", "anchorspend", "ingest", *args, *town],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **env},
    )


@pytest.mark.slow
def test_killed_load_leaves_the_store_exactly_as_before(store_path: Path) -> None:
    ingest_file(store_path, FILES / "cp1252_junk_spacers.csv", "Hyndburn", "council", refresh=False)
    before = snapshot(store_path)
    loader = ingest_town(store_path, str(FILES / "double_bom_ragged_mixed_eol.csv"), **{PAUSE_ENV: "60"})
    line = loader.stderr.readline()
    assert "paused inside the load transaction" in line, line + loader.stderr.read()
    loader.send_signal(signal.SIGKILL)  # no chance to roll back or clean up
    loader.wait(timeout=30)
    loader.stdout.close()
    loader.stderr.close()
    assert loader.returncode == -signal.SIGKILL
    assert snapshot(store_path) == before
    [report] = ingest_file(
        store_path, FILES / "double_bom_ragged_mixed_eol.csv", "Town", "council", refresh=False
    )
    assert (
        report.status == "loaded" and report.rows_loaded == 4
    )  # the store is usable and the file loads whole


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
    time.sleep(0.5)  # let the reader get going
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
