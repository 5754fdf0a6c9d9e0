"""`anchorspend registers import`: the national registers in their published layouts, linked and used."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import pytest
from suppliers_store import add_anchor, add_payee

from anchorspend import db, pipeline
from anchorspend.cli import main
from anchorspend.suppliers.registers.imports import RegisterError, import_register_files
from anchorspend.suppliers.registers.layouts import COMPANIES_HOUSE

REFERENCE = Path(__file__).resolve().parents[1] / ".." / "shared" / "reference"
ODS_FILES = [REFERENCE / "lookups" / "ods_etr_nhs_trusts.csv", REFERENCE / "lookups" / "ods_eccg_ccgs.csv"]
# The published charity table's columns (Charity Commission full register download), in order.
CHARITY_HEADER = [
    "date_of_extract",
    "organisation_number",
    "registered_charity_number",
    "linked_charity_number",
    "charity_name",
    "charity_type",
    "charity_registration_status",
    "date_of_registration",
    "date_of_removal",
    "charity_reporting_status",
    "latest_acc_fin_period_start_date",
    "latest_acc_fin_period_end_date",
    "latest_income",
    "latest_expenditure",
    "charity_contact_address1",
    "charity_contact_address2",
    "charity_contact_address3",
    "charity_contact_address4",
    "charity_contact_address5",
    "charity_contact_postcode",
    "charity_contact_phone",
    "charity_contact_email",
    "charity_contact_web",
    "charity_company_registration_number",
    "charity_insolvent",
    "charity_in_administration",
    "charity_previously_excepted",
    "charity_is_cdf_or_cif",
    "charity_is_cio",
    "cio_is_dissolved",
    "date_cio_dissolution_notice",
    "charity_activities",
    "charity_gift_aid",
    "charity_has_land",
]
GIAS_HEADER = [
    "URN",
    "LA (code)",
    "LA (name)",
    "EstablishmentNumber",
    "EstablishmentName",
    "TypeOfEstablishment (code)",
    "TypeOfEstablishment (name)",
    "EstablishmentTypeGroup (code)",
    "EstablishmentTypeGroup (name)",
    "EstablishmentStatus (code)",
    "EstablishmentStatus (name)",
    "Street",
    "Town",
    "Postcode",
    "UKPRN",
]
COMPANIES = [
    # name, number, postcode, category, status, accounts, SIC 1, previous name
    (
        "WIGAN WINDOW CLEANERS LIMITED",
        "01234567",
        "WN1 1AA",
        "Private Limited Company",
        "Active",
        "MICRO ENTITY",
        "81221 - Window cleaning services",
        "",
    ),
    (
        "GREENSHOOTS COMMUNITY GARDENS CIC",
        "SC123456",
        "WN1 1AB",
        "Community Interest Company",
        "Active",
        "MICRO ENTITY",
        "81300 - Landscape service activities",
        "",
    ),
    (
        "BIGBUILD CONSTRUCTION PLC",
        "00445566",
        "WN1 1AD",
        "Public Limited Company",
        "Active",
        "GROUP",
        "41201 - Construction of commercial buildings",
        "BIGBUILD HOLDINGS PLC",
    ),
    (
        "OLD NAME SURVEYORS LIMITED",
        "07654321",
        "WN1 1AE",
        "Private Limited Company",
        "Dissolved",
        "FULL",
        "71121 - Engineering design activities",
        "",
    ),
    ("TWIN NAME LIMITED", "08000001", "WN1 1AF", "Private Limited Company", "Active", "SMALL", "", ""),
]


def write_companies_house(path: Path, companies: list[tuple[str, ...]], header: list[str] | None = None) -> Path:
    """A bulk file in the published layout: the header row (with its leading spaces), every field quoted."""
    header = header or [(" " + c) if c in ("CompanyNumber", "RegAddress.AddressLine2") else c for c in COMPANIES_HOUSE]
    with path.open("w", newline="", encoding="utf-8") as handle:
        handle.write(",".join(header) + "\n")
        writer = csv.writer(handle, quoting=csv.QUOTE_ALL, lineterminator="\n")
        for name, number, postcode, category, status, accounts, sic, previous in companies:
            row = dict.fromkeys(COMPANIES_HOUSE, "")
            row.update(
                {
                    "CompanyName": name,
                    "CompanyNumber": number,
                    "RegAddress.PostCode": postcode,
                    "CompanyCategory": category,
                    "CompanyStatus": status,
                    "Accounts.AccountCategory": accounts,
                    "SICCode.SicText_1": sic or "None Supplied",
                    "PreviousName_1.CompanyName": previous,
                }
            )
            writer.writerow(row[c] for c in COMPANIES_HOUSE)
    return path


def write_charities(path: Path) -> Path:
    rows = [
        {
            "registered_charity_number": "1100001",
            "linked_charity_number": "0",
            "charity_name": "Wigan Food Bank",
            "charity_registration_status": "Registered",
            "charity_contact_postcode": "WN1 1AG",
            "charity_is_cio": "True",
        },
        {
            "registered_charity_number": "1100001",
            "linked_charity_number": "1",
            "charity_name": "Wigan Food Bank Trading Fund",
            "charity_registration_status": "Registered",
        },
        {
            "registered_charity_number": "200002",
            "linked_charity_number": "0",
            "charity_name": "Old Removed Charity",
            "charity_registration_status": "Removed",
        },
    ]
    with path.open("w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.DictWriter(handle, CHARITY_HEADER, delimiter="\t", restval="")
        writer.writeheader()
        writer.writerows(rows)
    return path


def write_gias(path: Path) -> Path:
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL)
    writer.writerow(GIAS_HEADER)
    writer.writerow(
        [
            "100001",
            "359",
            "Wigan",
            "2001",
            "St Jude’s Catholic Primary School",
            "1",
            "Voluntary aided school",
            "4",
            "Local authority maintained schools",
            "1",
            "Open",
            "",
            "Wigan",
            "WN1 1AH",
            "",
        ]
    )
    writer.writerow(
        [
            "100002",
            "359",
            "Wigan",
            "6001",
            "Wigan Independent Prep",
            "11",
            "Other independent school",
            "3",
            "Independent schools",
            "1",
            "Open",
            "",
            "Wigan",
            "WN1 1AJ",
            "",
        ]
    )
    path.write_bytes(buffer.getvalue().encode("cp1252"))  # GIAS publishes Windows-1252
    return path


def table(con, name: str) -> dict[str, tuple]:  # noqa: ANN001 - a DuckDB connection
    return {r[0]: r[1:] for r in con.execute(f"select * from register_{name} order by entity_id").fetchall()}


def refresh(con) -> dict:  # noqa: ANN001
    return dict(pipeline.refresh(con))  # the one entry holds its own transaction


def test_companies_house_bulk_file_loads_every_company(con, tmp_path: Path) -> None:  # noqa: ANN001
    path = write_companies_house(tmp_path / "BasicCompanyDataAsOneFile-2026-12-01.csv", COMPANIES)
    with path.open(encoding="utf-8") as handle:
        expected = sum(1 for _ in csv.DictReader(handle))  # an independent count
    loaded = import_register_files(con, "companies_house", [path])
    assert loaded["entries"] == expected == 5 and loaded["rejected"] == 0
    rows = table(con, "companies_house")
    assert sorted(rows) == ["00445566", "01234567", "07654321", "08000001", "SC123456"]
    name, key, previous, postcode, status, active, _, kind, accounts, sic, number, _ = rows["00445566"]
    assert (name, key, previous, postcode) == (
        "BIGBUILD CONSTRUCTION PLC",
        "BIGBUILD CONSTRUCTION",
        ["BIGBUILD HOLDINGS PLC"],
        "WN1 1AD",
    )
    assert (active, kind, accounts, sic, number) == (True, "plc", "GROUP", ["41201"], "00445566")
    assert rows["07654321"][5] is False and rows["SC123456"][7] == "cic" and rows["08000001"][9] == []
    # The same file again changes nothing.
    assert import_register_files(con, "companies_house", [path])["already_loaded"] is True


def test_a_broken_line_is_rejected_with_its_reason_and_the_rest_loaded(con, tmp_path: Path) -> None:  # noqa: ANN001
    path = write_companies_house(tmp_path / "ch.csv", COMPANIES)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines.insert(3, '"HALF A ROW LIMITED","09999999","","only four fields"\n')
    path.write_text("".join(lines), encoding="utf-8")
    loaded = import_register_files(con, "companies_house", [path])
    assert (loaded["entries"], loaded["rejected"]) == (5, 1)
    assert loaded["first_rejected"].startswith("line 4: MISSING COLUMNS")


def test_parts_zipped_give_the_same_register_and_a_newer_file_replaces_it(con, tmp_path: Path) -> None:  # noqa: ANN001
    one = write_companies_house(tmp_path / "whole.csv", COMPANIES)
    import_register_files(con, "companies_house", [one])
    whole = table(con, "companies_house")
    parts = [
        write_companies_house(tmp_path / f"part{i}_2.csv", rows) for i, rows in ((1, COMPANIES[:2]), (2, COMPANIES[2:]))
    ]
    archive = tmp_path / "BasicCompanyData-2026-12-01-part1_2.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as handle:
        for part in parts:
            handle.write(part, part.name)
    assert import_register_files(con, "companies_house", [archive])["entries"] == 5
    assert table(con, "companies_house") == whole
    newer = write_companies_house(tmp_path / "newer.csv", COMPANIES[:1])
    import_register_files(con, "companies_house", [newer])
    assert sorted(table(con, "companies_house")) == ["01234567"]
    assert [r[0] for r in con.execute("select register from register_imports").fetchall()] == ["companies_house"] * 3


def test_a_file_not_in_the_published_layout_is_refused_and_the_old_register_kept(
    store_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = write_companies_house(tmp_path / "good.csv", COMPANIES)
    assert main(["registers", "import", "companies-house", str(good), "--db", str(store_path)]) == 0
    bad = write_companies_house(tmp_path / "bad.csv", COMPANIES, header=["CompanyName", "CompanyNumber", "Postcode"])
    capsys.readouterr()
    assert main(["registers", "import", "companies-house", str(bad), "--db", str(store_path)]) != 0
    err = capsys.readouterr().err
    assert "not the Companies House Free Company Data Product layout" in err and len(err.strip().splitlines()) == 1
    with db.connect(store_path, read_only=True) as con:
        assert len(table(con, "companies_house")) == 5
    with pytest.raises(RegisterError, match="no such file"), db.connect(store_path) as con:
        import_register_files(con, "ods", [tmp_path / "missing.csv"])


@pytest.mark.reference
def test_ods_reference_lists_load_as_public_bodies(con) -> None:  # noqa: ANN001
    expected = {}
    for path in ODS_FILES:
        with path.open(encoding="utf-8") as handle:
            for row in csv.reader(handle):
                expected[row[0]] = (row[1], row[9], not row[11])
    loaded = import_register_files(con, "ods", ODS_FILES)
    assert loaded["entries"] == len(expected)
    rows = table(con, "ods")
    assert {code: (r[0], r[3], r[5]) for code, r in rows.items()} == expected
    assert {r[7] for r in rows.values()} == {"public"}


def test_charity_and_gias_extracts_in_their_published_layouts(con, tmp_path: Path) -> None:  # noqa: ANN001
    import_register_files(con, "charities", [write_charities(tmp_path / "publicextract.charity.txt")])
    charities = table(con, "charities")
    assert sorted(charities) == ["1100001", "1100001-1", "200002"]
    assert charities["1100001"][7] == "cio" and charities["1100001"][3] == "WN1 1AG"
    assert charities["200002"][5] is False
    import_register_files(con, "gias", [write_gias(tmp_path / "edubasealldata20261201.csv")])
    gias = table(con, "gias")
    assert gias["100001"][0] == "St Jude’s Catholic Primary School" and gias["100001"][7] == "public"
    assert gias["100002"][7] == "independent"


@pytest.mark.reference
def test_payees_linked_typed_sectored_and_located_with_their_evidence(con, tmp_path: Path) -> None:  # noqa: ANN001
    from anchorspend.geo import import_files

    import_files(con, [REFERENCE / "lookups" / "NSPL_NOV_2021_UK_WN_postcodes.csv"])
    council = add_anchor(con, "Wigan")
    payees = {
        "Wigan Window Cleaners Ltd": {},  # exact name: Companies House
        "Greenshoots Community Gardens": {"company": "SC123456"},  # number: a CIC
        "BIGBUILD HOLDINGS PLC": {},  # a previous name
        "Wigan Foodbank": {},  # fuzzy: a charity, a CIO
        "Manchester University NHS Foundation Trust": {},  # ODS: a public body
        "Old Name Surveyors": {},  # dissolved, but the only one of its name
        "Nobody Known Anywhere": {},
    }
    for name, numbers in payees.items():
        add_payee(con, council, name, **numbers)
    import_register_files(con, "companies_house", [write_companies_house(tmp_path / "ch.csv", COMPANIES)])
    import_register_files(con, "charities", [write_charities(tmp_path / "charity.txt")])
    import_register_files(con, "ods", ODS_FILES)
    refresh(con)
    rows = {r["aliases"][0]: r for r in db.run_query(con, "suppliers_list").iter_rows(named=True) if r["aliases"]}

    def linked(name: str) -> list[tuple[str, str, str, str]]:
        return [(g["register"], g["id"], g["method"], g["status"]) for g in rows[name]["registers"]]

    assert linked("Wigan Window Cleaners Ltd") == [("companies_house", "01234567", "exact_name", "accepted")]
    assert linked("Greenshoots Community Gardens") == [("companies_house", "SC123456", "company_number", "accepted")]
    assert linked("BIGBUILD HOLDINGS PLC") == [("companies_house", "00445566", "previous_name", "accepted")]
    assert linked("Wigan Foodbank") == [("charities", "1100001", "fuzzy", "accepted")]
    assert linked("Manchester University NHS Foundation Trust") == [("ods", "R0A", "exact_name", "accepted")]
    assert linked("Nobody Known Anywhere") == []
    window = rows["Wigan Window Cleaners Ltd"]
    assert (window["type"], window["sector"], window["sector_source"]) == ("sme", "81", "register")
    assert "MICRO ENTITY" in window["type_rule"] and "companies_house 01234567" in window["type_rule"]
    assert (window["postcode"], window["location_evidence"]) == ("WN1 1AA", "registered_office")
    assert rows["Greenshoots Community Gardens"]["type"] == "vcse"
    assert rows["BIGBUILD HOLDINGS PLC"]["type"] == "large"
    assert rows["Manchester University NHS Foundation Trust"]["type"] == "public"
    assert rows["Wigan Foodbank"]["type"] == "vcse"
    assert (rows["Wigan Foodbank"]["postcode"], rows["Wigan Foodbank"]["location_evidence"]) == (
        "WN1 1AG",
        "charity_address",
    )
    assert linked("Old Name Surveyors") == [("companies_house", "07654321", "exact_name", "accepted")]
    # A link a person rejects is not made again.
    entity = linked("Wigan Window Cleaners Ltd")[0][1]
    con.execute("update supplier_register_links set status = 'rejected' where entity_id = $e", {"e": entity})
    refresh(con)
    statuses = con.execute("select status from supplier_register_links where entity_id = $e", {"e": entity}).fetchall()
    assert statuses == [("rejected",)]


def test_list_csv_and_json_show_the_registers(
    store_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with db.connect(store_path) as con:
        add_payee(con, add_anchor(con, "Wigan"), "Twin Name Ltd")
    path = write_companies_house(tmp_path / "ch.csv", COMPANIES)
    assert main(["registers", "import", "companies-house", str(path), "--db", str(store_path)]) == 0
    capsys.readouterr()
    assert main(["suppliers", "list", "--json", "--db", str(store_path)]) == 0
    (row,) = json.loads(capsys.readouterr().out)
    assert row["registers"][0]["id"] == "08000001" and row["type"] == "sme"
    assert main(["suppliers", "list", "--csv", "--db", str(store_path)]) == 0
    assert "companies_house 08000001" in capsys.readouterr().out
    assert main(["registers", "list", "--db", str(store_path)]) == 0
    assert "companies_house" in capsys.readouterr().out


def test_a_name_two_companies_share_goes_to_review_and_a_decision_lasts(
    store_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    twins = [
        ("TWIN NAME LIMITED", "08000001", "WN1 1AF", "Private Limited Company", "Active", "SMALL", "", ""),
        ("TWIN NAME (UK) LTD", "08000002", "WN1 1AF", "Private Limited Company", "Active", "FULL", "", ""),
    ]
    with db.connect(store_path) as con:
        add_payee(con, add_anchor(con, "Wigan"), "Twin Name")
    path = write_companies_house(tmp_path / "ch.csv", twins)
    assert main(["registers", "import", "companies-house", str(path), "--db", str(store_path)]) == 0
    capsys.readouterr()

    def review() -> list[tuple[str, str]]:
        assert main(["registers", "review", "--json", "--db", str(store_path)]) == 0
        return [(r["entity_id"], r["method"]) for r in json.loads(capsys.readouterr().out)]

    assert review() == [("08000001", "exact_name"), ("08000002", "exact_name")]
    with db.connect(store_path, read_only=True) as con:
        (supplier,) = con.execute("select supplier_id from suppliers").fetchone()
    args = ["registers", "review", "--accept", str(supplier), "companies-house", "08000001", "--db", str(store_path)]
    assert main(args) == 0
    capsys.readouterr()
    assert review() == [("08000002", "exact_name")]
    assert main(["suppliers", "resolve", "--db", str(store_path)]) == 0  # a later refresh keeps the decision
    capsys.readouterr()
    assert main(["suppliers", "list", "--json", "--db", str(store_path)]) == 0
    (row,) = json.loads(capsys.readouterr().out)
    accepted = [(r["id"], r["method"]) for r in row["registers"] if r["status"] == "accepted"]
    assert accepted == [("08000001", "manual")] and row["type"] == "sme"
    with db.connect(store_path, read_only=True) as con:
        logged = con.execute("select action, new_value from change_log where action like 'registers.%'").fetchall()
    assert ("registers.accept", "companies_house 08000001") in logged
    bad = ["registers", "review", "--reject", str(supplier), "companies-house", "99999999", "--db", str(store_path)]
    assert main(bad) != 0 and "no companies_house entity" in capsys.readouterr().err
