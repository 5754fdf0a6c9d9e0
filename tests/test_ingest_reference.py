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

# Facts stated in ../shared/reference/SOURCES.md (counted by whoever wrote it, not by our code).
SOURCES_FACTS = {
    "greater_manchester/manchester/manchester_2022-03_clean.csv": {
        "rows": 5183,
        "negatives": 242,
        "redacted": 276,
    },
    "greater_manchester/manchester/manchester_2022-04_clean.csv": {
        "rows": 3600,
        "negatives": 277,
        "redacted": 201,
    },
    "greater_manchester/manchester/manchester_2022-05_clean.csv": {"rows": 3564, "negatives": 211},
    "greater_manchester/salford/salford_2022-05_clean.csv": {"rows": 2022, "redacted": 245},
    "greater_manchester/salford/salford_2022-06_clean.csv": {"rows": 1809, "redacted": 239},
    "lancashire/hyndburn/hyndburn_2017-01.csv": {"rows": 180},
    "lancashire/hyndburn/hyndburn_2023-04.csv": {"blank": 93},
    "lancashire/hyndburn/hyndburn_2024-01.csv": {"rows": 532, "negatives": 1},
    "lancashire/hyndburn/hyndburn_2024-03.csv": {"rows": 658},
    "lancashire/hyndburn/hyndburn_2025-12.csv": {"rows": 449, "negatives": 1},
    "lancashire/hyndburn/hyndburn_2026-01.csv": {"rows": 446, "negatives": 11, "redacted": 0},
    "north_east/darlington/darlington_2022-09_clean.csv": {"rows": 1487},
    "north_east/gateshead/gateshead_2022-08_clean.csv": {"rows": 8053, "negatives": 573, "redacted": 250},
    "north_east/newcastle/newcastle_2022-08_clean.csv": {"rows": 6568, "negatives": 372, "redacted": 1923},
    "west_yorkshire/calderdale/calderdale_2022-08_clean.csv": {"rows": 1956, "negatives": 81},
    "west_yorkshire/calderdale/calderdale_2022-08-card_clean.csv": {"rows": 382},
    "central_gov_25k/cabinetoffice/cabinetoffice_2022-06_clean.csv": {"rows": 341},
    "central_gov_25k/cabinetoffice/cabinetoffice_2022-07_clean.csv": {"rows": 318},
}


@pytest.fixture(scope="module")
def loaded(
    reference: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[duckdb.DuckDBPyConnection, dict[str, LoadReport]]]:
    """One store with every reference CSV loaded, each under its own anchor (the folder name)."""
    con = db.open_store(tmp_path_factory.mktemp("reference") / "store.duckdb")
    reports = {}
    for relative in LAYOUTS:
        path = reference / "spend" / relative
        [reports[relative]] = ingest_file(con, path, anchor=path.parent.name, kind="council", refresh=False)
    yield con, reports
    con.close()


def test_every_reference_csv_is_covered(reference: Path) -> None:
    on_disk = {str(p.relative_to(reference / "spend")) for p in (reference / "spend").rglob("*.csv")}
    assert {p for p in on_disk if not p.startswith("nhs_london/")} == set(LAYOUTS)


@pytest.mark.xfail(strict=True, reason="issue 12: the raw NHS London files (SOURCES.md section 7) are not covered yet")
def test_every_nhs_london_file_is_covered(reference: Path) -> None:
    on_disk = {str(p.relative_to(reference / "spend")) for p in (reference / "spend" / "nhs_london").iterdir()}
    assert on_disk <= set(LAYOUTS)


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
    facts = SOURCES_FACTS.get(relative, {})
    assert facts.get("rows", report.rows_read) == report.rows_read
    assert facts.get("blank", report.blank_rows) == report.blank_rows
    assert facts.get("negatives", stored[2]) == stored[2]
    assert facts.get("redacted", stored[3]) == stored[3]


def test_quirky_values_land_as_published(loaded) -> None:
    con, reports = loaded

    def one(relative: str, where: str) -> tuple:
        return con.execute(
            f"select paid_on, amount_gbp, supplier_raw, is_date_derived from payments "
            f"where file_id = $f and {where}",
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
        "select bool_and(a.is_individual) from payments p join supplier_aliases a using (alias_id) "
        "where p.is_redacted"
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
