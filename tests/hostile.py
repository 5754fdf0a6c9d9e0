"""The hostile-input suite's helpers: a small seeded store, the CLI run in-process, and table checksums."""

from __future__ import annotations

import contextlib
import io
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from anchorspend import cli
from tests.geo_helpers import write_small_pack

ALPHA, BETA = "E07000901", "E07000902"  # the small pack's two districts
SPEND = (
    "Date,Supplier,Amount,Expense Type\n"
    "2024-05-01,Acme Ltd,100.00,Supplies\n"
    "2024-05-02,Beta Builders Ltd,250.00,Repairs\n"
    "2024-06-03,Mr & Mrs Smith,40.00,Foster care\n"
    '2024-06-04,"=HYPERLINK(""http://evil.example"",""x"")",10.00,Supplies\n'
    "2024-07-05,@SUM(1),5.00,Supplies\n"
    "2024-07-06,Acme Ltd,60.00,Supplies\n"
)
LINE_MAX = 400  # a message is one line, and a readable one: never a 65 KB cell quoted whole


@dataclass
class Result:
    """What one command did: its exit status and what it printed."""

    code: int
    out: str
    err: str

    @property
    def lines(self) -> list[str]:
        """The non-empty lines written to stderr."""
        return [line for line in self.err.splitlines() if line.strip()]


def run(*argv: object) -> Result:
    """Run `anchorspend ARGV` in this process; argparse's refusals (SystemExit) become a status too."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = cli.main([str(a) for a in argv])
        except SystemExit as exc:
            code = int(exc.code or 0)
    return Result(code, out.getvalue(), err.getvalue())


def seed_store(folder: Path) -> Path:
    """A store with two districts, postcodes, a place, and one anchor's spend (people and formulas among the
    payees), built through the CLI as a user would."""
    store = folder / "seed.duckdb"
    pack = write_small_pack(folder / "pack")
    spend = folder / "alpha_spend.csv"
    spend.write_text(SPEND, encoding="utf-8")
    for argv in (
        ("geo", "import", "--db", store, *pack),
        ("place", "set", "--db", store, "--local", ALPHA, "--regional", BETA),
        ("ingest", spend, "--db", store, "--anchor", "Alpha Council", "--kind", "council"),
    ):
        result = run(*argv)
        assert result.code == 0, result.err
    return store


def copy_store(seed: Path, folder: Path) -> Path:
    """A private copy of the seeded store for one test."""
    folder.mkdir(parents=True, exist_ok=True)
    store = folder / "store.duckdb"
    shutil.copyfile(seed, store)
    return store


def checksums(store: Path) -> dict[str, tuple[int, int]]:
    """Every table's row count and an order-independent hash of its rows."""
    with duckdb.connect(str(store), read_only=True) as con:
        tables = [
            r[0]
            for r in con.execute(
                "select table_name from information_schema.tables "
                "where table_schema = 'main' and table_type = 'BASE TABLE' order by 1"
            ).fetchall()
        ]
        # Table names come from the catalogue, never from input: quoting them is all the SQL needs.
        return {
            name: tuple(con.execute(f'select count(*), coalesce(sum(hash(t)::hugeint), 0) from "{name}" t').fetchone())
            for name in tables
        }


def assert_one_line(result: Result, pattern: str, code: int = 1) -> str:
    """The command exited `code` with exactly one line on stderr, matching `pattern`, of a readable length."""
    assert result.code == code, (result.code, result.err[-500:])
    lines = result.lines
    assert len(lines) == 1, lines[:5]
    assert re.search(pattern, lines[0]), lines[0]
    assert len(lines[0]) <= LINE_MAX, len(lines[0])
    return lines[0]


def assert_refused(store: Path, pattern: str, *argv: object, code: int = 1) -> Result:
    """The command is refused in one line and every table of the store is unchanged."""
    before = checksums(store)
    result = run(*argv)
    assert_one_line(result, pattern, code)
    assert checksums(store) == before
    return result


@pytest.fixture(scope="module")
def seed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeded store, built once for each test module that imports this fixture."""
    return seed_store(tmp_path_factory.mktemp("hostile"))


@pytest.fixture
def store(seed: Path, tmp_path: Path) -> Path:
    """A fresh copy of the seeded store for one test: a refused input must leave it as it was."""
    return copy_store(seed, tmp_path / "s")
