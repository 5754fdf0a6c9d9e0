"""The demo's files: the published layouts, the mess real files have, and economics a reader can check."""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from pathlib import Path

import openpyxl
import pytest

from anchorspend.demo.files import DemoFiles, write_all

SCALE = 8_000
MANCHESTER = (
    "Body Name,Service Area,Expenses Type,Invoice Payment Date,Transaction Number,Net Amount,Supplier Name"
)
CABINET_OFFICE = (
    "Departmental Family,Entity,Date,Expense Type,Expense Area,Supplier,Transaction number,Amount"
)
SALFORD = "Authority Name,Date of Payment,DocumentNo,Gross,VAT,Net,Vendor Name,Service Area,GL Description"


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> DemoFiles:
    return write_all(tmp_path_factory.mktemp("demo") / "files", seed=3, scale=SCALE, default_scale=40_000)


def read_csv(path: Path, encoding: str = "utf-8") -> tuple[list[str], list[list[str]]]:
    """A plain reader: strip BOMs (also a double-encoded one), return header and rows."""
    text = path.read_bytes().decode(encoding)
    text = text.removeprefix("ï»¿").removeprefix("\ufeff")
    rows = list(csv.reader(io.StringIO(text)))
    return rows[0], rows[1:]


def spend_of(files: DemoFiles, anchor_word: str) -> list[Path]:
    return sorted(f.path for f in files.spend if anchor_word in f.path.name)


def test_council_files_use_manchesters_columns_with_credits_and_redactions(files: DemoFiles) -> None:
    paths = spend_of(files, "city-council")
    assert len(paths) == 24  # monthly, Nov 2024 .. Oct 2026
    header, rows = read_csv(paths[0])
    assert ",".join(header) == MANCHESTER
    all_rows = [row for p in paths for row in read_csv(p)[1]]
    amounts = [float(r[5]) for r in all_rows if re.fullmatch(r"-?\d+\.\d\d", r[5])]
    assert sum(a < 0 for a in amounts) > 20  # credits
    assert min(a for a in amounts if a > 0) >= 500  # "over £500"
    assert sum(r[6] == "Redacted Personal Information" for r in all_rows) > 50
    total = sum(amounts) / 2  # two years
    assert 900e6 <= total <= 1_100e6  # a council of about £1bn a year


def test_trust_files_are_the_over_25k_family_with_thousands_separators(files: DemoFiles) -> None:
    paths = spend_of(files, "nhs-ft")
    header, rows = read_csv(paths[0])
    assert ",".join(header) == CABINET_OFFICE
    all_rows = [row for p in paths for row in read_csv(p)[1] if row[7]]
    amounts = [float(r[7].replace(",", "")) for r in all_rows]
    assert min(a for a in amounts if a > 0) >= 25_000
    assert any("," in r[7] for r in all_rows)
    assert all(re.fullmatch(r"\d\d/\d\d/\d{4}", r[2]) for r in all_rows)


def test_university_rows_carry_a_trailing_comma_and_name_people(files: DemoFiles) -> None:
    header, rows = read_csv(spend_of(files, "university")[0])
    assert ",".join(header) == SALFORD
    assert all(len(r) == len(header) + 1 for r in rows)  # Salford's ragged rows
    assert any(re.match(r"(Mr|Mrs|Ms|Dr|Prof) [A-Z][a-z]+ [A-Z]", r[6]) for r in rows)


def test_small_housing_csv_is_cp1252_with_pound_signs(files: DemoFiles) -> None:
    path = spend_of(files, "housing-coop")[0]
    with pytest.raises(UnicodeDecodeError):
        path.read_bytes().decode("utf-8")
    header, rows = read_csv(path, "cp1252")
    assert header[-1] == "Value (£)" and rows[0][-1].startswith(("£", "-£"))
    total = sum(
        float(r[-1].replace("£", "").replace(",", ""))
        for p in spend_of(files, "housing-coop")
        for r in read_csv(p, "cp1252")[1]
        if re.fullmatch(r"-?£[\d,]+\.\d\d", r[-1])
    )
    assert 5.4e6 <= total / 2 <= 6.6e6  # the small housing association: about £6m a year


def test_housing_workbook_has_titles_above_the_header_and_a_totals_row(files: DemoFiles) -> None:
    path = spend_of(files, "dogger-vale-homes")[1]
    book = openpyxl.load_workbook(path, read_only=True)
    sheet = book[book.sheetnames[0]]
    rows = list(sheet.iter_rows(values_only=True))
    assert "fictional" in rows[0][0]
    assert rows[3][:2] == ("Payment Date", "Supplier")
    assert rows[-1][1] == "Total" and rows[-1][0] is None


def test_manifest_counts_agree_with_a_plain_reader(files: DemoFiles) -> None:
    for spend in files.spend:
        if spend.path.suffix == ".csv":
            encoding = "cp1252" if "housing-coop" in spend.path.name else "utf-8"
            assert len(read_csv(spend.path, encoding)[1]) == spend.rows, spend.path.name
    planted = [reason for f in files.spend for reason in f.rejected]
    assert planted.count("duplicate") == 3
    assert {"no amount", "amount not a number", "date not recognised", "date outside"} <= set(planted)


def test_one_supplier_is_spelt_differently_across_anchors_and_look_alikes_exist(files: DemoFiles) -> None:
    spellings = defaultdict(set)
    for spend in files.spend:
        if spend.path.suffix != ".csv" or "housing-coop" in spend.path.name:
            continue
        header, rows = read_csv(spend.path)
        column = next(
            i
            for i, h in enumerate(header)
            if h in ("Supplier Name", "Supplier", "Vendor Name", "Supplier(Beneficiary) Name")
        )
        for row in rows:
            key = re.sub(r"\b(LIMITED|LTD|UK)\b|[^A-Z ]", "", row[column].upper()).split()
            spellings[" ".join(key)].add(row[column])
    assert (
        sum(len(s) >= 3 for s in spellings.values()) >= 5
    )  # e.g. ACME LTD / Acme Limited / ACME (UK) LIMITED
    with files.register.open(encoding="utf-8") as handle:
        names = [row["Name"] for row in csv.DictReader(handle)]
    lookalikes = [
        n
        for n in names
        if re.search(r" (Services|Group|\(North\)|& Sons|Solutions|Holdings) Limited$", n)
        and n.rsplit(" ", 2)[0] + " Limited" in names
    ]
    assert len(lookalikes) >= 5


def test_contracts_end_within_two_years_at_several_anchors_in_one_sector(files: DemoFiles) -> None:
    ending = defaultdict(set)
    for path, anchor in files.contracts:
        header, rows = read_csv(path)
        assert header[:4] == ["Directorate Name", "Process Used", "Purchasing Body", "Contract Reference"]
        for row in rows:
            if "2027-05-01" <= row[header.index("End Date")] <= "2028-11-30":
                ending[row[header.index("ProClass Classification")]].add(anchor)
    assert max(len(a) for a in ending.values()) >= 3
