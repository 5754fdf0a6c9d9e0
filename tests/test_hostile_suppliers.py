"""Hostile input to `suppliers` and `contracts`: refusals in one line with the store unchanged, multi-file
imports that report each file and keep the good ones, and CSV that is safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import duckdb
import pytest

from tests.hostile import assert_refused, checksums, run, seed, store  # noqa: F401 (fixtures)

REGISTER = "Supplier Name,Company Number,Postcode\nAcme Ltd,01234567,AA1 1AA\n"
CONTRACTS_HEADER = "Supplier Name,Contract Title,Total Contract Value,End Date\n"


def write(folder: Path, name: str, body: str | bytes) -> Path:
    path = folder / name
    (path.write_bytes if isinstance(body, bytes) else path.write_text)(body)
    return path


@pytest.mark.parametrize(
    ("name", "body", "pattern"),
    [
        ("missing.csv", None, r"missing\.csv: no such file"),
        ("postcodes.csv", "Postcode\nAA1 1AA\n", r"no supplier name column"),
        ("empty.csv", "", r"empty\.csv: the file is empty"),
        ("names_blank.csv", "Supplier Name,Postcode\n,AA1 1AA\n", r"no rows with a supplier name"),
        ("nul.csv", "Supplier Name\nAc\x00me Ltd\n", r"nul\.csv.*(NUL byte|binary data)"),
        ("fake.xlsx", b"PK\x03\x04rest", r"fake\.xlsx: .*damaged"),
    ],
    ids=["missing", "no-name-column", "empty", "no-names", "nul-byte", "fake-xlsx"],
)
def test_bad_registers_are_refused(
    store: Path, tmp_path: Path, name: str, body: str | bytes | None, pattern: str
) -> None:
    path = tmp_path / name if body is None else write(tmp_path, name, body)
    assert_refused(store, pattern, "suppliers", "import", path, "--db", store)


def test_several_registers_report_each_then_what_was_kept(store: Path, tmp_path: Path) -> None:
    good = write(tmp_path, "good.csv", REGISTER)
    bad = write(tmp_path, "bad.csv", "Postcode\nAA1 1AA\n")
    result = run("suppliers", "import", good, bad, "--db", store)
    assert result.code == 1
    assert len(result.lines) == 2
    assert result.lines[0].startswith("anchorspend suppliers: ") and "bad.csv: " in result.lines[0]
    assert "1 of 2 file(s) failed" in result.lines[1] and result.lines[1].endswith("kept: good.csv")
    assert '"refresh"' in result.out  # the refresh still ran for the file that was kept
    with duckdb.connect(str(store), read_only=True) as con:
        entries = con.execute("select name, supplier_id from register_entries").fetchall()
    assert entries and entries[0][0] == "Acme Ltd" and entries[0][1] is not None  # kept, and matched


@pytest.mark.parametrize(
    ("argv", "pattern", "code"),
    [
        (("merge", "999", "1"), r"no supplier with id 999", 1),
        (("merge", "1", "1"), r"cannot be merged into itself", 1),
        (("merge", "x", "1"), r"invalid int value: 'x'", 2),
        (("split", "No Such Payee Ltd"), r"no resolved supplier spelling 'No Such Payee Ltd'", 1),
        (("split", "\x00"), r"no resolved supplier spelling", 1),
        (("review", "--reject", "999", "1"), r"no supplier spelling with alias id 999", 1),
        (("review", "--reject", "1"), r"expected 2 arguments", 2),
        (("list", "--json", "--csv"), r"not allowed with argument", 2),
        (("frobnicate",), r"invalid choice: 'frobnicate'", 2),
    ],
    ids=[
        "merge-unknown",
        "merge-into-itself",
        "merge-not-a-number",
        "split-unknown",
        "split-nul",
        "reject-unknown",
        "reject-one-id",
        "json-and-csv",
        "unknown-action",
    ],
)
def test_supplier_command_refusals(store: Path, argv: tuple[str, ...], pattern: str, code: int) -> None:
    assert_refused(store, pattern, "suppliers", *argv, "--db", store, code=code)


def csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_suppliers_csv_neutralises_formulas(store: Path) -> None:
    result = run("suppliers", "list", "--csv", "--db", store)
    assert result.code == 0
    names = [row["name"] for row in csv_rows(result.out)]
    assert not any(name.startswith(("=", "+", "-", "@")) for name in names)
    assert any(name.startswith("'=HYPERLINK(") for name in names)  # kept, but inert
    assert "'@SUM(1)" in names
    for row in csv_rows(result.out):
        assert not row["aliases"].startswith(("=", "@"))


def test_suppliers_csv_masks_people_unless_names_are_asked_for(store: Path) -> None:
    # matching may take "Mr & Mrs Smith" for individuals already; a supplier named like a couple is masked anyway
    with duckdb.connect(str(store)) as con:
        con.execute("insert into suppliers (name, name_key) values ('Mr & Mrs Jones', 'MR MRS JONES')")
    masked = run("suppliers", "list", "--csv", "--db", store).out
    assert "Smith" not in masked and "Jones" not in masked and "Individual (not shown)" in masked
    named = run("suppliers", "list", "--csv", "--names", "--db", store).out
    assert "Mr & Mrs Jones" in named
    assert "Acme Ltd" in masked and "Acme Ltd" in named  # organisations are never masked


# contracts import
@pytest.mark.parametrize("value", ["1E+20", "NaN", "Infinity", "99999999999999999.99"])
def test_a_contract_value_the_store_cannot_hold_loads_as_unknown(store: Path, tmp_path: Path, value: str) -> None:
    """Read by the spend files' money rules: a value no DECIMAL(18,2) holds is not money, so the contract loads
    with its value unknown (null), never with a Decimal binding error for the whole file."""
    path = write(tmp_path, "contracts.csv", CONTRACTS_HEADER + f"Acme Ltd,Paper,{value},2026-03-31\n")
    result = run("contracts", "import", path, "--db", store)
    assert result.code == 0 and "Decimal" not in result.err, result.err
    with duckdb.connect(str(store), read_only=True) as con:
        assert con.execute("select title, total_value_gbp from contracts").fetchall() == [("Paper", None)]


def test_the_bounds_name_the_contract(tmp_path: Path) -> None:
    from decimal import Decimal

    from anchorspend import validate

    with pytest.raises(validate.InvalidValue, match=r"contracts\.csv contract 3 \('Acme'\): total_value '1E\+17'"):
        validate.money(Decimal("1E+17"), "contracts.csv contract 3 ('Acme'): total_value")


def test_contracts_with_sound_values_load(store: Path, tmp_path: Path) -> None:
    path = write(tmp_path, "contracts.csv", CONTRACTS_HEADER + "Acme Ltd,Paper,£1,234.50,2026-03-31\n")
    assert run("contracts", "import", path, "--db", store).code == 0
    with duckdb.connect(str(store), read_only=True) as con:
        assert con.execute("select count(*) from contracts").fetchone()[0] == 1


@pytest.mark.parametrize(
    ("body", "extra", "pattern"),
    [
        ("Colour\nred\n", (), r"not a contracts register"),
        (CONTRACTS_HEADER + "Acme Ltd,Paper,10,2026-03-31\n", ("--anchor", "Nobody"), r"no anchor named 'Nobody'"),
        (CONTRACTS_HEADER, (), r"contracts\.csv: (not a contracts register|no contracts in the file)"),
        ("Supplier Name,Contract Title\nAc\x00me,Paper\n", (), r"NUL byte|binary data"),
    ],
    ids=["not-a-register", "unknown-anchor", "header-only", "nul-byte"],
)
def test_bad_contracts_registers_are_refused(
    store: Path, tmp_path: Path, body: str, extra: tuple[str, ...], pattern: str
) -> None:
    path = write(tmp_path, "contracts.csv", body)
    assert_refused(store, pattern, "contracts", "import", path, "--db", store, *extra)


def test_several_contracts_registers_report_each(store: Path, tmp_path: Path) -> None:
    good = write(tmp_path, "good.csv", CONTRACTS_HEADER + "Acme Ltd,Paper,10,2026-03-31\n")
    bad = write(tmp_path, "bad.csv", "Colour\nred\n")
    before = checksums(store)
    result = run("contracts", "import", bad, good, "--db", store)
    assert result.code == 1 and len(result.lines) == 2
    assert "bad.csv: not a contracts register" in result.lines[0]
    assert re.search(r"1 of 2 file\(s\) failed \(bad\.csv: .*\); kept: good\.csv$", result.lines[1])
    after = checksums(store)
    assert after["contracts"][0] == before["contracts"][0] + 1
