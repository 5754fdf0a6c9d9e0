"""A register import killed at random moments around its commit leaves the old register whole or the new one."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from test_registers_import import write_companies_house

from anchorspend import db
from anchorspend.suppliers.registers.imports import import_register_files

ROOT = Path(__file__).resolve().parents[1]
ROWS = 130_000  # over DuckDB's row group (122,880 rows): the size at which an insert's pages go out before commit
ROW = ("Private Limited Company", "Active", "MICRO ENTITY", "41201 - Construction of commercial buildings", "")
IMPORTER = """
import sys
from pathlib import Path
from anchorspend import db
from anchorspend.suppliers.registers.imports import import_register_files
con = db.open_store(sys.argv[1])
import_register_files(con, "companies_house", [Path(sys.argv[2])])
print("finished", file=sys.stderr, flush=True)
"""


def state(store: Path) -> tuple[int, int, list[str]]:
    """As a reader finds the store: the old and the new register's rows, and the imports recorded."""
    with db.connect(store, read_only=True) as con:
        old, new = con.execute(
            "select count(*) filter (where name like 'OLD %'), count(*) filter (where name like 'NEW %') "
            "from register_companies_house"
        ).fetchone()
        files = [f for (f,) in con.execute("select files from register_imports order by imported_at").fetchall()]
    return old, new, files


@pytest.mark.slow
def test_kills_around_the_commit_leave_one_register_whole(tmp_path: Path) -> None:
    older = [(f"OLD {i} LIMITED", f"{i:08d}", "LS1 1AA", *ROW) for i in range(ROWS)]
    newer = [(f"NEW {i} LIMITED", f"{20_000_000 + i:08d}", "LS1 1AA", *ROW) for i in range(ROWS)]
    old_file = write_companies_house(tmp_path / "old.csv", older)
    new_file = write_companies_house(tmp_path / "new.csv", newer)
    template = tmp_path / "template.duckdb"
    con = db.open_store(template)
    import_register_files(con, "companies_house", [old_file])
    con.close()

    def run(delay: float | None) -> tuple[bool, float]:
        """Import the newer file, killed delay seconds after its commit starts; whether it finished, and when."""
        store = tmp_path / "store.duckdb"
        for leftover in (store, Path(f"{store}.wal")):
            leftover.unlink(missing_ok=True)
        shutil.copy(template, store)
        with subprocess.Popen(
            [sys.executable, "-c", IMPORTER, str(store), str(new_file)],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, db.PAUSE_ENV: "register_commit:0"},  # a mark as the commit starts
        ) as child:
            assert child.stderr is not None
            assert "paused at register_commit" in child.stderr.readline()
            started = time.monotonic()
            if delay is not None:
                time.sleep(delay)
                child.send_signal(signal.SIGKILL)
            rest = child.stderr.read()
        return "finished" in rest, time.monotonic() - started

    finished, window = run(None)
    assert finished and state(tmp_path / "store.duckdb") == (0, ROWS, ["old.csv", "new.csv"])
    rng = random.Random(2026)
    for trial in range(10):
        run(rng.uniform(0, window * 1.2))
        found = state(tmp_path / "store.duckdb")
        assert found in ((ROWS, 0, ["old.csv"]), (0, ROWS, ["old.csv", "new.csv"])), (trial, found)
