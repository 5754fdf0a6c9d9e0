"""Every real published file in ../shared/reference loads; row accounting and totals checked independently."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import duckdb
import polars as pl
import pytest

from anchorspend import db
from anchorspend.ingest import LoadReport, ingest_file
from tests.ingest_simple_reader import LAYOUTS, expected_for

pytestmark = pytest.mark.reference

# Facts stated in ../shared/reference/SOURCES.md (counted by whoever wrote it, not by our code). Every key given
# is checked; "total" is the amount column's exact sum in pounds, "credits" the negative lines.
SOURCES_FACTS: dict[str, dict[str, object]] = {
    "greater_manchester/manchester/manchester_2022-03_clean.csv": {"rows": 5183, "credits": 242, "redacted": 276},
    "greater_manchester/manchester/manchester_2022-04_clean.csv": {"rows": 3600, "credits": 277, "redacted": 201},
    "greater_manchester/manchester/manchester_2022-05_clean.csv": {"rows": 3564, "credits": 211},
    "greater_manchester/salford/salford_2022-05_clean.csv": {"rows": 2022, "redacted": 245},
    "greater_manchester/salford/salford_2022-06_clean.csv": {"rows": 1809, "redacted": 239},
    "lancashire/hyndburn/hyndburn_2017-01.csv": {"rows": 180},
    "lancashire/hyndburn/hyndburn_2018-05.csv": {"rows": 201},
    "lancashire/hyndburn/hyndburn_2022-09.csv": {"rows": 14, "blank": 1},
    "lancashire/hyndburn/hyndburn_2023-04.csv": {"blank": 93},
    "lancashire/hyndburn/hyndburn_2024-01.csv": {"rows": 532, "credits": 1},
    "lancashire/hyndburn/hyndburn_2024-03.csv": {"rows": 658},
    "lancashire/hyndburn/hyndburn_2025-12.csv": {"rows": 449, "credits": 1},
    "lancashire/hyndburn/hyndburn_2026-01.csv": {"rows": 446, "credits": 11, "redacted": 0},
    "north_east/darlington/darlington_2022-09_clean.csv": {"rows": 1487},
    "north_east/gateshead/gateshead_2022-08_clean.csv": {"rows": 8053, "credits": 573, "redacted": 250},
    "north_east/newcastle/newcastle_2022-08_clean.csv": {"rows": 6568, "credits": 372, "redacted": 1923},
    "west_yorkshire/calderdale/calderdale_2022-08_clean.csv": {"rows": 1956, "credits": 81},
    "west_yorkshire/calderdale/calderdale_2022-08-card_clean.csv": {"rows": 382},
    "central_gov_25k/cabinetoffice/cabinetoffice_2022-06_clean.csv": {"rows": 341},
    "central_gov_25k/cabinetoffice/cabinetoffice_2022-07_clean.csv": {"rows": 318},
    "nhs_london/croy_2020-09.csv": {"rows": 133, "total": "5477695.00", "from": "2020-09-03", "to": "2020-09-28"},
    "nhs_london/guys_2020-08.csv": {
        "rows": 10187,
        "total": "39483206.13",
        "credits": 211,
        "from": "2020-08-03",
        "to": "2020-08-27",
    },
    "nhs_london/impc_2020-07.csv": {"rows": 244, "total": "52951779.67", "from": "2020-07-01", "to": "2020-07-30"},
    "nhs_london/kico_2020-05.csv": {
        "rows": 193,
        "total": "50035118.83",
        "credits": 7,
        "from": "2014-12-31",
        "to": "2020-05-28",
    },
    "nhs_london/kico_2020-09.csv": {
        "rows": 203,
        "total": "54292183.34",
        "credits": 5,
        "from": "2016-01-14",
        "to": "2020-09-30",
    },
    "nhs_london/legr_2020-08.csv": {
        "rows": 127,
        "total": "12418141.51",
        "credits": 17,
        "from": "2020-08-01",
        "to": "2020-08-31",
    },
    "nhs_london/lnwu_2021-02.csv": {
        "rows": 138,
        "total": "19710294.07",
        "summary": 1,
        "from": "2021-02-03",
        "to": "2021-02-24",
    },
    "nhs_london/nehv_2020-09.csv": {"rows": 344, "total": "30836987.83", "credits": 27, "to": "2020-10-31"},
    "nhs_london/nerd_2021-02.csv": {
        "rows": 390,
        "total": "32042529.51",
        "credits": 16,
        "from": "2021-02-28",
        "to": "2021-02-28",
    },
    "nhs_london/hill_2020-06_2020-08.xlsx": {
        "rows": 171,
        "total": "17989731.87",
        "credits": 2,
        "from": "2020-06-04",
        "to": "2020-08-27",
    },
    "nhs_london/hill_2019-11_2020-05.xlsx": {
        "rows": 475,
        "rejected": 2,
        "total": "52363355.17",
        "credits": 8,
        "from": "2019-11-06",
        "to": "2020-05-28",
    },
    "nhs_london/nmid_2020-11.xlsx": {
        "rows": 63,
        "total": "10415337.60",
        "credits": 2,
        "from": "2020-11-06",
        "to": "2020-11-25",
    },
    "nhs_london/nmid_2021-03.xlsx": {
        "rows": 120,
        "total": "17132882.46",
        "credits": 1,
        "from": "2021-03-05",
        "to": "2021-03-30",
    },
}


@pytest.fixture(scope="module")
def loaded(
    reference: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[duckdb.DuckDBPyConnection, dict[str, LoadReport]]]:
    """One store with every reference CSV and XLSX loaded with no mapping, each council under its own anchor
    (the folder name), each NHS file under its own (the file)."""
    con = db.open_store(tmp_path_factory.mktemp("reference") / "store.duckdb")
    reports = {}
    for relative in LAYOUTS:
        path = reference / "spend" / relative
        nhs = relative.startswith("nhs_london/")
        anchor, kind = (path.stem, "nhs") if nhs else (path.parent.name, "council")
        [reports[relative]] = ingest_file(con, path, anchor=anchor, kind=kind, refresh=False)
    yield con, reports
    con.close()


def test_every_reference_csv_and_workbook_is_covered(reference: Path) -> None:
    spend = reference / "spend"
    on_disk = {str(p.relative_to(spend)) for p in spend.rglob("*") if p.suffix in (".csv", ".xlsx")}
    assert on_disk == set(LAYOUTS)
    assert set(SOURCES_FACTS) <= set(LAYOUTS)


def test_every_nhs_london_file_is_covered(reference: Path) -> None:
    # CSV and XLSX here, the four PDFs in test_ingest_pdf.py, each against SOURCES.md section 7
    from tests.test_ingest_pdf import NHS_PDFS

    on_disk = {str(p.relative_to(reference / "spend")) for p in (reference / "spend" / "nhs_london").iterdir()}
    assert {p for p in on_disk if not p.endswith(".pdf")} <= set(LAYOUTS)
    assert {p.removeprefix("nhs_london/") for p in on_disk if p.endswith(".pdf")} == set(NHS_PDFS)


@pytest.mark.parametrize("relative", sorted(LAYOUTS))
def test_reference_file_accounts_for_every_row(relative: str, reference: Path, loaded) -> None:
    con, reports = loaded
    report = reports[relative]
    expected = expected_for(reference / "spend" / relative, relative)
    assert report.status == "loaded", report.error
    assert (report.rows_read, report.rows_rejected, report.blank_rows) == (
        expected.rows_read,
        expected.rows_rejected,
        expected.blank_rows,
    )
    assert report.rows_loaded == report.rows_read - report.rows_rejected
    assert report.amount_total == expected.amount_total
    stored = con.execute(
        "select count(*), sum(amount_gbp), count(*) filter (where amount_gbp < 0), "
        "count(*) filter (where is_redacted), count(*) filter (where alias_id is null) "
        "from payments where file_id = $f",
        {"f": report.file_id},
    ).fetchone()
    assert stored[0] == report.rows_loaded and stored[1] == expected.amount_total
    assert stored[2] == expected.negatives
    assert stored[4] == 0
    rows = con.execute(
        "select row_number from payments where file_id = $f union all "
        "select row_number from rejected_rows where file_id = $f",
        {"f": report.file_id},
    ).fetchall()
    assert {r[0] for r in rows} == expected.row_numbers and len(rows) == expected.rows_read
    dated = con.execute("select row_number, paid_on from payments where file_id = $f", {"f": report.file_id}).fetchall()
    if expected.dates:  # every loaded row on the date the file's own format gives (day-first or month-first)
        assert dict(dated) == expected.dates
    assert report.summary_rows == expected.totals_lines
    actual = {
        "rows": report.rows_read,
        "rejected": report.rows_rejected,
        "blank": report.blank_rows,
        "summary": report.summary_rows,
        "credits": stored[2],
        "redacted": stored[3],
        "total": str(report.amount_total),
        "from": report.period_from,
        "to": report.period_to,
    }
    facts = SOURCES_FACTS.get(relative, {})
    assert {key: actual[key] for key in facts} == facts


def test_quirky_values_land_as_published(loaded) -> None:
    con, reports = loaded

    def one(relative: str, where: str) -> tuple:
        return con.execute(
            f"select paid_on, amount_gbp, supplier_raw, is_date_derived from payments where file_id = $f and {where}",
            {"f": reports[relative].file_id},
        ).fetchall()

    # '688.83-' is a credit; '"17,532.00"' keeps its thousands; '£322.50' (cp1252 0xA3) is 322.50.
    assert one("lancashire/hyndburn/hyndburn_2025-12.csv", "amount_gbp < 0")[0][1] == Decimal("-688.83")
    assert one("lancashire/hyndburn/hyndburn_2025-12.csv", "row_number = 2")[0][:3] == (
        dt.date(2025, 12, 2),
        Decimal("17532.00"),
        "Northern Forestry & Arb",
    )
    assert one("lancashire/hyndburn/hyndburn_2024-03.csv", "row_number = 2")[0][1] == Decimal("322.50")
    # Mixed '3 Apr 2023' and '26-Apr-23' in one column; dd/mm/yy; fiscal period 202205 -> 1 August 2022.
    dates = {r[0].isoformat() for r in one("lancashire/hyndburn/hyndburn_2023-04.csv", "true")}
    assert {"2023-04-03", "2023-04-26"} <= dates
    assert one("lancashire/hyndburn/hyndburn_2018-05.csv", "row_number = 2")[0][0].isoformat() == "2018-05-02"
    gateshead = one("north_east/gateshead/gateshead_2022-08_clean.csv", "true")
    assert {(r[0].isoformat(), r[3]) for r in gateshead} == {("2022-08-01", True)}
    # 'Redactive Publishing Limited' is a company, not a redaction label.
    assert one(
        "greater_manchester/manchester/manchester_2022-04_clean.csv",
        "supplier_raw = 'Redactive Publishing Limited' and not is_redacted",
    )


def test_net_vat_and_gross_kept_and_basis_recorded(loaded) -> None:
    con, reports = loaded
    salford = reports["greater_manchester/salford/salford_2022-05_clean.csv"]
    # First data row by hand: Gross 1161.00, VAT 0.00, Net 1161.00; second: 5986.10, 997.68, 4988.42.
    row = con.execute(
        "select amount_gbp, vat_gbp, gross_gbp from payments where file_id = $f and row_number = 3",
        {"f": salford.file_id},
    ).fetchone()
    assert row == (Decimal("4988.42"), Decimal("997.68"), Decimal("5986.10"))
    basis = dict(con.execute("select name, amount_basis from source_files").fetchall())
    assert basis["salford_2022-05_clean.csv"] == "net"
    assert basis["newcastle_2022-08_clean.csv"] == "net"  # 'Total (excludes VAT)'
    assert basis["cabinetoffice_2022-06_clean.csv"] == "unknown"  # 'Amount'


def test_company_numbers_reach_aliases_as_given(loaded) -> None:
    con, reports = loaded
    with_numbers = con.execute(
        "select count(*) from payments p join supplier_aliases a using (alias_id) "
        "where p.file_id = $f and a.company_number <> ''",
        {"f": reports["west_yorkshire/calderdale/calderdale_2022-08_clean.csv"].file_id},
    ).fetchone()[0]
    assert with_numbers == 326  # SOURCES.md: 326 rows carry a company number
    individual = con.execute(
        "select bool_and(a.is_individual) from payments p join supplier_aliases a using (alias_id) where p.is_redacted"
    ).fetchone()[0]
    assert individual is True


@pytest.mark.slow
def test_nhs_workbook_loads_every_sheet(reference: Path, tmp_path: Path) -> None:
    path = reference / "nhs" / "icb_gloucestershire_somerset_payments_compiled.xlsx"
    # Independent figures: polars' own header-based reader, amounts rounded to pence one by one.
    expected = {}
    for name, frame in pl.read_excel(path, sheet_id=0).items():
        pence = sum(Decimal(repr(round(v, 2))).quantize(Decimal("0.01")) for v in frame["Amount"].to_list())
        expected[name] = (frame.height, pence)
    assert {k: v[0] for k, v in expected.items()} == {
        "NHS Gloucestershire ICB": 146979,
        "NHS Somerset ICB": 40167,
    }
    [report] = ingest_file(tmp_path / "store.duckdb", path, anchor="ICBs", kind="nhs", refresh=False)
    assert report.status == "loaded", report.error
    assert {s.sheet: (s.rows_read, s.amount_total) for s in report.sheets} == expected
    assert (report.rows_rejected, report.blank_rows) == (0, 0)
    with db.connect(tmp_path / "store.duckdb", read_only=True) as con:
        entities = dict(con.execute("select entity_raw, count(*) from payments group by 1").fetchall())
        first = con.execute(
            "select paid_on, supplier_raw from payments where sheet = 'NHS Somerset ICB' and row_number = 2"
        ).fetchone()
    assert {"NHS Somerset CCG", "NHS Somerset ICB", "NHS Gloucestershire ICB"} <= set(entities)
    assert (first[0].isoformat(), first[1]) == ("2021-04-30", "AIVEDA LTD")
