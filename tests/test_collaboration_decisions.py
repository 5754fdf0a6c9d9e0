"""Collaboration as a decision list: on a hand-made store whose answer is worked out by hand, the ranked sectors,
their sums, the sentences a councillor reads, and the same top five in the PDF."""

from __future__ import annotations

import datetime as dt

import pytest
from metrics_store import build, pay

from anchorspend import db
from anchorspend.metrics import Scope, compute
from anchorspend.present import collaboration as words
from anchorspend.present.summary import summary

YEAR = Scope(date_from=dt.date(2024, 4, 1), date_to=dt.date(2025, 3, 31))  # 365 days
A_YEAR = 365.25 / 365  # the period's spend as pounds a year

SUPPLIERS = {
    "Local Caterers": {"district": "L1", "org_type": "sme", "division": "56"},
    "National Catering plc": {"district": "Z9", "org_type": "large", "division": "56"},
    "Far IT plc": {"district": "Z9", "org_type": "large", "division": "62"},
    "Local Builders": {"district": "L1", "org_type": "sme", "division": "41"},
    "Far Engineering": {"district": "Z9", "org_type": "large", "division": "71"},
    "Distant Engineers": {"district": "Z9", "org_type": "large", "division": "71"},
    "Local Engineers": {"district": "L1", "org_type": "sme", "division": "71"},
    "Far Buses": {"district": "Z9", "org_type": "large", "division": "49"},
    "Other Coaches": {"district": "Z9", "org_type": "large", "division": "49"},
    "Private Clinic": {"district": "Z9", "org_type": "large", "division": "86"},
    **{f"Cleaner {n}": {"district": "R1", "org_type": "sme", "division": "81"} for n in range(12)},
}
PAYMENTS = [
    # 56 catering: 130,000, of which 100,000 outside the region (Hospital and College), Council buys locally
    pay("Council", "Local Caterers", 30_000),
    pay("Hospital", "National Catering plc", 80_000),
    pay("College", "National Catering plc", 20_000),
    # 62 IT: 90,000, all outside, one shared supplier
    pay("Council", "Far IT plc", 50_000),
    pay("Hospital", "Far IT plc", 40_000),
    # 71 engineering: 95,000, of which 90,000 outside: the same leakage as IT, more spend, so above it
    pay("Council", "Far Engineering", 45_000),
    pay("Police", "Distant Engineers", 45_000),
    pay("Police", "Local Engineers", 5_000),
    # 49 transport: 75,000 outside, two anchors, no supplier shared
    pay("Council", "Far Buses", 60_000),
    pay("Police", "Other Coaches", 15_000),
    # 41 building: 12,000, all local, one shared supplier
    pay("Council", "Local Builders", 5_000),
    pay("Hospital", "Local Builders", 7_000),
    # 86 health: the largest leak of all, but one anchor alone: nothing to do together
    pay("Hospital", "Private Clinic", 200_000),
    pay("Hospital", "REDACTED", 900, redacted=True),
    # 81 cleaning: twelve small firms in the region across two anchors (fragmentation), nothing leaves
    *(pay("Council" if n % 2 else "College", f"Cleaner {n}", 1_000 + n) for n in range(12)),
]
CLEANING = sum(1_000 + n for n in range(12))  # 12,066


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    con = db.open_store(tmp_path_factory.mktemp("decisions") / "store.duckdb")
    build(con, PAYMENTS, SUPPLIERS)
    ids = dict(con.execute("select name, anchor_id from anchors").fetchall())
    con.execute(
        """insert into contracts (anchor_id, source_file, source_sha256, title, supplier_raw, sic_division,
        annual_value_gbp, end_on) values
        ($council, 'c.csv', 'x', 'School meals', 'Local Caterers', '56', 100000, date '2025-12-31'),
        ($hospital, 'h.csv', 'y', 'Patient catering', 'National Catering plc', '56', 60000, date '2026-06-30'),
        ($hospital, 'h.csv', 'y', 'IT support', 'Far IT plc', '62', 10000, date '2025-05-01'),
        ($council, 'c.csv', 'x', 'Old IT contract', 'Far IT plc', '62', 5000, date '2024-12-31')""",
        {"council": ids["Council"], "hospital": ids["Hospital"]},
    )
    yield con
    con.close()


@pytest.fixture(scope="module")
def m(store):
    return compute(store, YEAR, baseline=False)


def test_sectors_ranked_by_money_leaving_then_spend(m) -> None:
    ranked = words.sectors(m)
    assert [e["sector"] for e in ranked] == ["56", "71", "62", "49", "81", "41"]
    assert [e["rank"] for e in ranked] == [1, 2, 3, 4, 5, 6]
    sums = {e["sector"]: (e["spend"], e["leakage"]) for e in ranked}
    assert sums == {
        "56": (130_000, 100_000),
        "71": (95_000, 90_000),
        "62": (90_000, 90_000),
        "49": (75_000, 75_000),
        "81": (CLEANING, 0),
        "41": (12_000, 0),
    }
    # health leaks most, but only the hospital buys it: one anchor alone is not a collaboration
    assert "86" not in sums


def test_each_sector_once_with_its_anchors_and_yearly_sums(m) -> None:
    ranked = words.sectors(m)
    assert len({e["sector"] for e in ranked}) == len(ranked)
    catering = ranked[0]
    assert catering["anchors"] == ["Hospital", "Council", "College"]  # largest buyer first
    assert catering["spend_per_year"] == pytest.approx(130_000 * A_YEAR)
    assert catering["leakage_per_year"] == pytest.approx(100_000 * A_YEAR)
    assert catering["leakage_share"] == pytest.approx(100 / 130)
    assert catering["local_users"] == ["Council"]
    assert set(catering["kinds"]) == {
        "shared_supplier",
        "common_leaking_category",
        "local_supplier_intelligence",
        "aligned_reprocurement",
    }


def test_contracts_behind_a_sector_are_those_running_past_the_period(m) -> None:
    by_sector = {e["sector"]: e for e in words.sectors(m)}
    catering = by_sector["56"]
    assert [(c["title"], c["anchor"], c["value_gbp"], c["ends_on"]) for c in catering["contracts"]] == [
        ("School meals", "Council", 100_000, "2025-12-31"),
        ("Patient catering", "Hospital", 60_000, "2026-06-30"),
    ]
    assert catering["without_register"] == ["College"]
    # the IT contract that ended before the period's end is not behind anything
    assert [c["title"] for c in by_sector["62"]["contracts"]] == ["IT support"]
    assert m["collaboration"]["contracts_loaded"] == ["Council", "Hospital"]
    # with no contract, the drill-down lists the suppliers
    assert [s["supplier"] for s in by_sector["49"]["suppliers"]] == ["Far Buses", "Other Coaches"]


def test_top_five_sentences_say_what_who_how_much_and_when(m) -> None:
    top = words.top(m)
    assert [t["what"] for t in top] == [
        "Food and beverage services",
        "Architecture and engineering; testing",
        "Computer programming and consultancy",
        "Land transport",
        "Services to buildings and landscape",
    ]
    catering = top[0]["text"]
    assert catering.startswith(
        "Hospital, Council and College spend about £130k a year on it (£130k from 1 Apr 2024 to 31 Mar 2025), "
        "77% of it (about £100k a year) with suppliers outside the region."
    )
    assert "Their 2 contracts end between Dec 2025 and Jun 2026" in catering
    assert "(no register loaded for College)" in catering
    assert "2 anchors have one ending 6 to 24 months after the period, in time to buy together." in catering
    assert "Council already buys it mostly from local suppliers the others could use." in catering
    it = top[2]["text"]
    assert "Their one contract, at Hospital, ends in May 2025" in it
    assert "no local supplier is known yet" in it.lower()
    assert "all of it (about £90k a year) with suppliers outside the region" in it
    transport = top[3]["text"]
    assert transport.startswith("Council and Police spend about £75k a year")
    assert "None of their contracts in the registers loaded runs past the period" in transport
    cleaning = top[4]["text"]
    assert "none of it with suppliers outside the region" in cleaning
    for item in top:  # complete sentences, never cut
        assert item["text"].endswith(".") and "…" not in item["text"]


def test_anchors_are_named_shortly() -> None:
    scope = ["Alpha City Council", "Alpha Hospitals NHS Foundation Trust", "Alpha Homes Limited", "Police", "Uni"]
    assert words.anchors_text(scope, scope) == "all 5 anchors"
    assert words.anchors_text(scope[:4], scope) == "all anchors but Uni"
    assert words.anchors_text(scope[:3], scope) == "Alpha Council, Alpha Hospitals NHS and Alpha Homes"


def test_no_contracts_loaded_is_said(store, m) -> None:
    without = {**m, "collaboration": {**m["collaboration"], "contracts_loaded": []}}
    for item in words.top(without):
        assert "No contract dates loaded." in item["text"]


def test_the_ranking_rule_is_stated_in_words(m) -> None:
    rule = words.ranking_rule(m)
    assert "more money a year" in rule and "outside the region" in rule and "total spend" in rule
    assert "One entry per sector" in rule


def test_the_pdf_first_page_prints_the_top_five_s_first_three(m) -> None:
    # the first page is one page: the first three of the page's top five, word for word, in the same order
    printed = summary(m, "Testville")["opportunities"]
    assert len(words.top(m)) > 3
    assert printed == [{"what": t["what"], "text": t["text"]} for t in words.top(m)[:3]]


def test_leakage_tier_local_changes_the_words_and_the_sums(store) -> None:
    local = compute(store, Scope(date_from=YEAR.date_from, date_to=YEAR.date_to, leakage_tier="local"), baseline=False)
    cleaning = {e["sector"]: e for e in words.sectors(local)}["81"]
    assert cleaning["leakage"] == CLEANING  # the cleaners are in the region, outside the local area
    assert "outside the local area" in words.ranking_rule(local)


def test_the_ranked_table_downloads_with_headings_pence_and_percentages(m) -> None:
    import csv

    import polars as pl

    from anchorspend.downloads import About, people_csv

    frame = pl.DataFrame(words.table_rows(m), infer_schema_length=None)
    about = About("Collaboration opportunities by sector", "FY 2024-25", "all anchors", 7, dt.datetime(2025, 4, 1))
    text = people_csv(frame, about).decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[0].startswith("# Table: Collaboration opportunities by sector")
    assert any(line.startswith('"# Leaking a year (£): Spend in the sector with suppliers') for line in lines)
    rows = list(csv.DictReader(line for line in lines if not line.startswith(('#', '"#'))))
    first = rows[0]
    assert first["Rank"] == "1" and first["Sector"] == "56 · Food and beverage services"
    assert first["Leaking a year (£)"] == f"{round(100_000 * A_YEAR, 2)}"  # 100068.49
    assert first["Leaking share (%)"] == "76.92"
    assert first["Spend in period (£)"] == "130000.0"
    assert first["First contract ends"] == "2025-12-31"
    assert first["Anchors"] == "Hospital, Council, College"
