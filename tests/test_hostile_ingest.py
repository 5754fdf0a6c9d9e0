"""Hostile input to `ingest` and `files`: each refused in one line with every table unchanged, or each bad row
rejected with its reason; never a traceback, a crash or a hang."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import duckdb
import pytest
from cli_process import run_cli

from tests.hostile import assert_one_line, assert_refused, checksums, run, seed, store  # noqa: F401 (fixtures)

INGEST = ("--anchor", "Hostile Council", "--kind", "council")
GOOD_ROW = "2024-05-01,Acme Ltd,10.00\n"
HEADER = "Date,Supplier,Amount\n"


def spend_file(folder: Path, name: str, body: str | bytes) -> Path:
    path = folder / name
    (path.write_bytes if isinstance(body, bytes) else path.write_text)(body)
    return path


# Anchor names: trimmed, non-empty, at most 200 characters, no control characters.
@pytest.mark.parametrize(
    ("anchor", "pattern"),
    [
        ("", r"anchor name cannot be empty"),
        ("   ", r"anchor name cannot be empty"),
        ("Two\nLines Council", r"control characters or line breaks"),
        ("Tab\tCouncil", r"control characters"),
        ("Nul\x00Council", r"control characters"),
        ("Bell\x07Council", r"control characters"),
        ("C" * 201, r"at most 200 characters, not 201"),
        ("C" * 10_000, r"at most 200 characters, not 10,000"),
    ],
    ids=["empty", "blank", "newline", "tab", "nul", "bell", "201-chars", "10k-chars"],
)
def test_bad_anchor_names_are_refused(store: Path, tmp_path: Path, anchor: str, pattern: str) -> None:
    path = spend_file(tmp_path, "a.csv", HEADER + GOOD_ROW)
    assert_refused(store, pattern, "ingest", path, "--db", store, "--anchor", anchor, "--kind", "council")


def test_an_anchor_name_is_trimmed(store: Path, tmp_path: Path) -> None:
    path = spend_file(tmp_path, "a.csv", HEADER + GOOD_ROW)
    assert run("ingest", path, "--db", store, "--anchor", "  Spaced Council  ", "--kind", "council").code == 0
    with duckdb.connect(str(store), read_only=True) as con:
        names = {r[0] for r in con.execute("select name from anchors").fetchall()}
    assert "Spaced Council" in names and "  Spaced Council  " not in names


def test_the_load_function_refuses_a_bad_anchor_too(store: Path, tmp_path: Path) -> None:
    from anchorspend.ingest import ingest_file

    path = spend_file(tmp_path, "a.csv", HEADER + GOOD_ROW)
    before = checksums(store)
    report = ingest_file(store, path, "Line\nBreak", "council", refresh=False)[0]
    assert report.status == "failed" and "control characters" in report.error
    assert checksums(store) == before


@pytest.mark.parametrize(
    ("mapping", "pattern"),
    [
        ("{not json", r"--mapping is not valid JSON"),
        ('["amount"]', r"--mapping must be a JSON object"),
        ('{"amount": 5}', r"--mapping must be a JSON object"),
    ],
    ids=["not-json", "a-list", "a-number"],
)
def test_bad_mappings_are_refused(store: Path, tmp_path: Path, mapping: str, pattern: str) -> None:
    path = spend_file(tmp_path, "a.csv", HEADER + GOOD_ROW)
    assert_refused(store, pattern, "ingest", path, "--db", store, *INGEST, "--mapping", mapping)


@pytest.mark.parametrize(
    ("argv", "pattern"),
    [
        (("--kind", "bank"), r"invalid choice: 'bank'"),
        (("--anchor", "A"), r"required: --kind"),
        (("--kind", "council"), r"required: --anchor"),
    ],
    ids=["unknown-kind", "no-kind", "no-anchor"],
)
def test_usage_errors_are_one_line(store: Path, tmp_path: Path, argv: tuple[str, ...], pattern: str) -> None:
    path = spend_file(tmp_path, "a.csv", HEADER + GOOD_ROW)
    assert_refused(store, pattern, "ingest", path, "--db", store, *argv, code=2)


@pytest.mark.parametrize(
    ("name", "body", "pattern"),
    [
        ("missing.csv", None, r"missing\.csv.*(cannot read|no such file|not found)"),
        ("empty.csv", b"", r"empty\.csv"),
        ("binary.csv", bytes(range(256)) * 8, r"binary\.csv.*(binary|not a text)"),
        ("nul.csv", (HEADER + "2024-05-01,Ac\x00me Ltd,10\n").encode(), r"nul\.csv.*(binary|NUL)"),
        ("junk.txt", "just some words, no table at all\n", r"junk\.txt"),
        ("unmappable.csv", "Colour,Size\nred,big\n", r"unmappable\.csv"),
    ],
    ids=["missing", "empty", "binary", "nul-byte", "prose", "no-spend-columns"],
)
def test_unloadable_files_fail_in_one_line(
    store: Path, tmp_path: Path, name: str, body: bytes | str | None, pattern: str
) -> None:
    path = tmp_path / name if body is None else spend_file(tmp_path, name, body)
    assert_refused(store, pattern, "ingest", path, "--db", store, *INGEST)


def test_a_folder_given_as_a_file_fails_in_one_line(store: Path, tmp_path: Path) -> None:
    folder = tmp_path / "folder.csv"
    folder.mkdir()
    assert_refused(store, r"folder\.csv", "ingest", folder, "--db", store, *INGEST)


def test_a_header_only_file_is_refused(store: Path, tmp_path: Path) -> None:
    path = spend_file(tmp_path, "header_only.csv", HEADER)
    assert_refused(
        store,
        r"header_only\.csv.*(no payment rows|nothing to load|no rows|header only)",
        "ingest",
        path,
        "--db",
        store,
        *INGEST,
    )


def test_a_fake_workbook_is_named_plainly(store: Path, tmp_path: Path) -> None:
    path = spend_file(tmp_path, "fake.xlsx", b"PK\x03\x04rest")
    line = assert_refused(store, r"fake\.xlsx", "ingest", path, "--db", store, *INGEST).lines[0]
    assert "damaged" in line  # the reader's words, not calamine's or zipfile's
    assert not any(word in line for word in ("calamine", "Zip error", "EOCD", "File is not a zip file"))


def multi(store: Path, tmp_path: Path) -> tuple[Path, Path]:
    good = spend_file(tmp_path, "good.csv", HEADER + GOOD_ROW)
    bad = spend_file(tmp_path, "bad.csv", b"\x00\x01\x02 binary")
    return good, bad


def test_several_files_report_each_and_keep_the_good_ones(store: Path, tmp_path: Path) -> None:
    good, bad = multi(store, tmp_path)
    result = run("ingest", good, bad, "--db", store, *INGEST)
    assert result.code == 1
    assert "good.csv: loaded" in result.out and "bad.csv: FAILED" in result.out
    assert_one_line(result, r"1 of 2 file\(s\) failed: bad\.csv")
    with duckdb.connect(str(store), read_only=True) as con:
        kept = con.execute(
            "select count(*) from payments p join anchors a using (anchor_id) where a.name = 'Hostile Council'"
        ).fetchone()[0]
        unresolved = con.execute(
            "select count(*) from supplier_aliases where supplier_id is null and not is_individual"
        ).fetchone()[0]
    assert kept == 1
    assert unresolved == 0  # the refresh ran for the file that was kept


# Rows a file must not store as they are (the value parser's bounds, the ingest helper's 16.2 items): the row
# is rejected with its reason and the rest of the file loads.
@pytest.mark.parametrize(
    ("name", "row", "stored_check"),
    [
        (
            "date9999.csv",
            "9999-12-31,Acme Ltd,10.00\n",
            "select count(*) from payments where paid_on > date '2100-01-01'",
        ),
        (
            "date0001.csv",
            "0001-01-01,Acme Ltd,10.00\n",
            "select count(*) from payments where paid_on < date '1900-01-01'",
        ),
        ("huge.csv", "2024-05-01,Acme Ltd,1000000000000000\n", "select count(*) from payments where amount_gbp > 1e10"),
        (
            "long.csv",
            f"2024-05-01,{'A' * 10_000},10.00\n",
            "select count(*) from payments where length(supplier_raw) > 2000",
        ),
    ],
    ids=["date-9999", "date-0001", "amount-1e15", "10k-char-payee"],
)
def test_implausible_rows_are_rejected_with_their_reason(
    store: Path, tmp_path: Path, name: str, row: str, stored_check: str
) -> None:
    path = spend_file(tmp_path, name, HEADER + row + GOOD_ROW)
    result = run("ingest", path, "--db", store, *INGEST)
    assert result.code == 0 and "rejected 1" in result.out
    with duckdb.connect(str(store), read_only=True) as con:
        assert con.execute(stored_check).fetchone()[0] == 0
        reasons = [r[0] for r in con.execute("select reason from rejected_rows").fetchall()]
    assert len(reasons) == 1 and len(reasons[0]) <= 400


def test_duplicate_headers_are_reported(store: Path, tmp_path: Path) -> None:
    path = spend_file(tmp_path, "dup.csv", "Date,Supplier,Amount,Amount\n2024-05-01,Acme Ltd,10,20\n")
    result = run("ingest", path, "--db", store, *INGEST)
    said = (result.out + result.err).lower()
    assert re.search(r"'amount' appears 2 times|duplicate", said)


def test_mixed_encodings_never_become_mojibake(store: Path, tmp_path: Path) -> None:
    body = HEADER.encode() + "2024-05-01,Café Ltd,10\n".encode() + b"2024-05-02,Caf\xe9 Two Ltd,10\n"
    path = spend_file(tmp_path, "mixed.csv", body)
    result = run("ingest", path, "--db", store, *INGEST)
    with duckdb.connect(str(store), read_only=True) as con:
        mojibake = con.execute("select count(*) from payments where supplier_raw like '%Ã%'").fetchone()[0]
    assert mojibake == 0
    assert result.code == 1 or "encoding" in (result.out + result.err).lower()


def test_a_workbook_declaring_a_huge_range_is_refused_not_a_crash(store: Path, tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet["A1"], sheet["XFD1048576"] = "Date", "x"
    path = tmp_path / "bomb.xlsx"
    book.save(path)
    before = checksums(store)
    result = run_cli("ingest", path, "--db", store, *INGEST, timeout=120)
    assert result.returncode == 1, result.stderr[-300:]
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "bomb.xlsx" in lines[0] and "limit" in lines[0].lower()
    assert checksums(store) == before


def test_a_fifo_is_refused_not_a_hang(store: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    try:
        result = run_cli("ingest", fifo, "--db", store, *INGEST, timeout=30)
    except subprocess.TimeoutExpired:
        pytest.fail("ingest of a FIFO hung")
    assert result.returncode == 1 and "pipe.csv" in result.stderr


# files list / remove / replace
@pytest.mark.parametrize(
    ("argv", "pattern", "code"),
    [
        (("files", "remove", "999"), r"no file with id 999", 1),
        (("files", "remove", "-1"), r"no file with id -1", 1),
        (("files", "remove", "one"), r"invalid int value: 'one'", 2),
        (("files", "remove", "99999999999999999999999"), r"no file with id|out of range|invalid", 1),
    ],
    ids=["unknown-id", "negative-id", "not-a-number", "overflowing-id"],
)
def test_files_remove_refusals(store: Path, argv: tuple[str, ...], pattern: str, code: int) -> None:
    assert_refused(store, pattern, *argv, "--db", store, code=code)


def test_files_remove_twice_is_refused(store: Path) -> None:
    assert run("files", "remove", "1", "--db", store).code == 0
    assert_refused(store, r"file 1 is already removed", "files", "remove", "1", "--db", store)


def test_files_replace_of_an_unknown_file_is_refused(store: Path, tmp_path: Path) -> None:
    path = spend_file(tmp_path, "new.csv", HEADER + GOOD_ROW)
    assert_refused(store, r"no file with id 42", "files", "replace", "42", path, "--db", store)


def test_files_replace_with_an_unreadable_file_keeps_the_old_one(store: Path, tmp_path: Path) -> None:
    path = spend_file(tmp_path, "new.csv", b"\x00\x01 binary")
    assert_refused(store, r"new\.csv", "files", "replace", "1", path, "--db", store)


def test_files_replace_with_a_header_only_file_keeps_the_old_one(store: Path, tmp_path: Path) -> None:
    path = spend_file(tmp_path, "header_only.csv", HEADER)
    assert_refused(store, r"header_only\.csv", "files", "replace", "1", path, "--db", store)


@pytest.mark.parametrize("command", [("files", "list"), ("files", "remove", "1")], ids=["list", "remove"])
def test_files_commands_without_a_store_say_so(tmp_path: Path, command: tuple[str, ...]) -> None:
    missing = tmp_path / "none.duckdb"
    assert_one_line(run(*command, "--db", missing), r"no store at .*none\.duckdb")
    assert not missing.exists()


@pytest.mark.parametrize(
    ("name", "make", "says"),
    [
        ("missing.csv", None, "no such file"),
        ("folder.csv", "dir", "it is a folder, not a file"),
        ("fake.xlsx", b"PK\x03\x04rest", "could not open the workbook: it is damaged"),
        (
            "letters.csv",
            HEADER + "2024-05-01,Acme Ltd,abc\n2024-05-02,Acme Ltd,xyz\n",
            "first at row 2: amount not a number (or too large): 'abc'",
        ),
    ],
    ids=["missing", "folder", "fake-workbook", "every-row-bad"],
)
def test_a_failed_file_is_named_once_with_its_row_and_value(
    store: Path, tmp_path: Path, name: str, make: str | bytes | None, says: str
) -> None:
    """The failure line names the file once (readers name it too) and, where a row failed, the row and its value."""
    path = tmp_path / name
    if make == "dir":
        path.mkdir()
    elif make is not None:
        spend_file(tmp_path, name, make)
    result = run("ingest", path, "--db", store, *INGEST)
    assert result.code == 1
    assert result.out.startswith(f"{name}: FAILED - ") and len(result.out.strip().splitlines()) == 1
    assert result.out.count(name) == 1 and says in result.out
    assert len(result.lines) == 1 and result.lines[0].count(name) == 1 and says in result.lines[0]
