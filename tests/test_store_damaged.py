"""A store DuckDB cannot read is reported in one line, and left as it was.

How a kill makes one (tests/test_registers_kills.py once failed this way under load): a checkpoint writes a
metadata block of the store in place, the last write before its new header (DuckDB 1.5.5 keeps metadata in
256 KB blocks shared by the old and the new state); a SIGKILL can cut that 256 KB write short (Linux stops a
write to a regular file between pages when a fatal signal is pending), leaving a block whose checksum no longer
matches, and DuckDB refuses the whole file: "Corrupt database file: computed checksum ... in block at location".
A kill just before or just after that write leaves a store that opens whole.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from anchorspend import db
from anchorspend.ingest import ingest_file

HEADER_BYTES = 3 * 4096  # DuckDB's file header and its two database headers come before block 0
BLOCK_BYTES = 262_144


def block_offset(block_id: int) -> int:
    return HEADER_BYTES + block_id * BLOCK_BYTES


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def torn_store(tmp_path: Path) -> tuple[Path, int]:
    """A store whose last metadata block has its first bytes rewritten and the rest not, as a write cut short
    leaves it; the block's offset in the file."""
    path = tmp_path / "store.duckdb"
    db.open_store(path).close()
    with duckdb.connect(str(path), read_only=True) as con:
        (block,) = con.execute("select max(block_id) from pragma_metadata_info()").fetchone()
    offset = block_offset(block)
    with path.open("r+b") as handle:
        handle.seek(offset + 8)  # after the block's stored checksum
        handle.write(b"\x5a" * 64)
    return path, offset


def test_a_store_with_a_half_written_block_is_reported_in_one_line_and_left_alone(tmp_path: Path) -> None:
    path, offset = torn_store(tmp_path)
    before = digest(path)
    for read_only in (True, False):
        with pytest.raises(db.StoreDamaged) as caught:
            db.open_store(path, read_only=read_only)
        said = str(caught.value)
        assert "\n" not in said
        assert said.startswith(f"the store {path} cannot be read: part of it was left half-written (Corrupt database")
        assert f"in block at location {offset})" in said
        assert said.endswith(f"Restore {path.name} from a copy, or build it again by loading the files")
    csv = tmp_path / "spend.csv"
    csv.write_text("Payment Date,Supplier,Amount\n01/04/2024,Acme Ltd,10.00\n")
    [report] = ingest_file(path, csv, "Town", "council")
    assert report.status == "failed" and report.error and report.error.startswith(f"the store {path} cannot be read")
    done = subprocess.run(
        [sys.executable, "-m", "anchorspend", "files", "list", "--db", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1 and "Traceback" not in done.stderr
    lines = [line for line in done.stderr.splitlines() if line]
    assert len(lines) == 1 and lines[0].startswith("anchorspend files")
    assert f"the store {path} cannot be read: part of it was left half-written" in lines[0]
    assert digest(path) == before  # nothing was written, nothing "repaired" by guessing


IMPORTER = """
import sys
from pathlib import Path
from anchorspend import db
from anchorspend.suppliers.registers.imports import import_register_files
con = db.open_store(sys.argv[1])
con.execute("set threads = 1")  # one thread: the file's writes come in one order, counted by strace
import_register_files(con, "companies_house", [Path(sys.argv[2])])
"""
PWRITE = re.compile(r'pwrite64\((\d+), ".*?"(?:\.\.\.)?, (\d+), (\d+)\) = (\d+)$')


@pytest.mark.slow
@pytest.mark.skipif(not shutil.which("strace"), reason="strace (Debian's) injects the kill at one write")
def test_a_kill_cutting_the_checkpoints_in_place_write_short_is_what_breaks_a_store(tmp_path: Path) -> None:
    """The register import of tests/test_registers_kills.py, killed at the one write that rewrites a block of the
    old state in place: killed before it, the store opens whole; that write cut short, it is reported damaged."""
    from test_registers_import import write_companies_house
    from test_registers_kills import ROW, ROWS

    from anchorspend.suppliers.registers.imports import import_register_files

    root = Path(__file__).resolve().parents[1]
    older = [(f"OLD {i} LIMITED", f"{i:08d}", "LS1 1AA", *ROW) for i in range(ROWS)]
    newer = [(f"NEW {i} LIMITED", f"{20_000_000 + i:08d}", "LS1 1AA", *ROW) for i in range(ROWS)]
    new_file = write_companies_house(tmp_path / "new.csv", newer)
    template = tmp_path / "template.duckdb"
    con = db.open_store(template)
    import_register_files(con, "companies_house", [write_companies_house(tmp_path / "old.csv", older)])
    con.close()
    old_size = template.stat().st_size

    def importer(store: Path, *strace: str) -> subprocess.CompletedProcess[str]:
        shutil.copy(template, store)
        command = [sys.executable, "-c", IMPORTER, str(store), str(new_file)]
        return subprocess.run(
            ["strace", "-f", "-qq", "-e", "trace=pwrite64", "-e", "signal=none", *strace, "--", *command],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=300,
        )

    # 1. The whole import, its writes listed: the one that lands inside the old file (past the headers) and
    #    after the others is the checkpoint's in-place rewrite of a metadata block.
    log = tmp_path / "writes.txt"
    finished = importer(tmp_path / "whole.duckdb", "-o", str(log))
    assert finished.returncode == 0, finished.stderr[-2000:]
    writes = [PWRITE.search(line) for line in log.read_text().splitlines() if "pwrite64(" in line]
    offsets = [(int(w[3]), int(w[2])) for w in writes if w]
    in_place = [
        n for n, (offset, size) in enumerate(offsets, 1) if HEADER_BYTES <= offset < old_size and size == BLOCK_BYTES
    ]
    assert len(in_place) == 1, offsets
    number, (offset, _) = in_place[0], offsets[in_place[0] - 1]
    # 2. Killed as that write starts: the store is the old one plus the committed WAL, and opens whole.
    killed = tmp_path / "killed.duckdb"
    run = importer(killed, "-o", "/dev/null", "-e", f"inject=pwrite64:signal=KILL:when={number}")
    assert run.returncode != 0
    with db.connect(killed, read_only=True) as con:
        assert con.execute("select count(*) from register_companies_house where name like 'NEW %'").fetchone() == (
            ROWS,
        )
    # 3. The same kill landing a quarter of the way through that write (the first 16 of its 64 pages written).
    torn = tmp_path / "torn.duckdb"
    shutil.copy(killed, torn)
    shutil.copy(f"{killed}.wal", f"{torn}.wal")
    written = (tmp_path / "whole.duckdb").read_bytes()[offset : offset + BLOCK_BYTES]  # what that write wrote
    with torn.open("r+b") as handle:
        handle.seek(offset)
        handle.write(written[: 16 * 4096])
    with pytest.raises(db.StoreDamaged, match=f"in block at location {offset}\\)"):
        db.open_store(torn, read_only=True)
