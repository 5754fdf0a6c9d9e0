"""Published and worked figures the numbers must reproduce, each worked out by hand here."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from metrics_store import build, pay

from anchorspend.metrics import Scope, compute, import_assumptions, what_if

YEAR = Scope(date_from=dt.date(2024, 4, 1), date_to=dt.date(2025, 3, 31))


def test_lm3_worked_example_is_1_80(con, tmp_path: Path) -> None:
    # R1 = 100, half spent locally, local re-spend 60% -> (100 + 50 + 30) / 100 = 1.80
    build(
        con,
        [pay("Council", "Local Ltd", 50), pay("Council", "Far Ltd", 50)],
        {
            "Local Ltd": {"district": "L1", "org_type": "sme"},
            "Far Ltd": {"district": "Z9", "org_type": "large"},
        },
    )
    survey = tmp_path / "survey.toml"
    survey.write_text('[[survey_return]]\nsupplier = "Local Ltd"\nrate = 0.6\nsource = "survey 2024"\n')
    import_assumptions(con, survey)
    lm3 = compute(con, YEAR, baseline=False)["lm3"]
    assert lm3["r1"] == pytest.approx(100)
    assert lm3["r2"] == pytest.approx(50)
    assert lm3["r3"] == pytest.approx(30)
    assert lm3["value"] == pytest.approx(1.80)
    assert lm3["basis"] == "procurement-only"
    assert lm3["value_per_pound_local"] == pytest.approx(1.6)
    # survey returns beat the default, so the band is the survey rate itself
    assert lm3["low"] == pytest.approx(1.80) and lm3["high"] == pytest.approx(1.80)


def test_lm3_with_payroll(con, tmp_path: Path) -> None:
    build(
        con,
        [pay("Council", "Local Ltd", 50), pay("Council", "Far Ltd", 50)],
        {
            "Local Ltd": {"district": "L1", "org_type": "sme"},
            "Far Ltd": {"district": "Z9", "org_type": "large"},
        },
    )
    assumptions = tmp_path / "a.toml"
    assumptions.write_text(
        '[[payroll]]\nanchor = "Council"\nyear_from = 2024-04-01\npayroll_gbp = 200\nstaff_local_share = 0.5\n'
        "staff_respend_rate = 0.4\n"
        '[[survey_return]]\nsupplier = "Local Ltd"\nrate = 0.6\n'
    )
    import_assumptions(con, assumptions)
    lm3 = compute(con, YEAR, baseline=False)["lm3"]
    # R1 = 100 + 200; R2 = 50 + 200 x 0.5; R3 = 50 x 0.6 + 100 x 0.4
    assert (lm3["r1"], lm3["r2"], lm3["r3"]) == pytest.approx((300, 150, 70))
    assert lm3["value"] == pytest.approx(520 / 300)
    assert lm3["basis"] == "procurement and payroll"
    # half a year of payroll counts half
    half = compute(con, Scope(date_from=dt.date(2024, 4, 1), date_to=dt.date(2024, 9, 30)), baseline=False)[
        "lm3"
    ]
    assert half["r1"] == pytest.approx(100 + 200 * 183 / 365)


# CLES's Greater Manchester top-30 figures: (total £, local £) per council.
GREATER_MANCHESTER = {
    "Bolton": (68_330_289.71, 31_179_554.05),
    "Bury": (38_026_372.58, 10_810_750.81),
    "Manchester": (235_031_744.89, 186_687_585.67),
    "Oldham": (133_590_437.30, 91_644_381.53),
    "Rochdale": (70_793_775.84, 30_995_001.50),
    "Salford": (143_909_248.95, 90_276_813.00),
    "Stockport": (126_771_768.29, 82_563_092.39),
    "Tameside": (45_117_493.41, 22_863_548.01),
    "Trafford": (41_171_484.94, 15_062_797.86),
    "Wigan": (101_115_819.30, 57_568_701.76),
}


def test_greater_manchester_weighted_61_7_against_unweighted_53_8(con) -> None:
    payments, suppliers = [], {}
    for council, (total, local) in GREATER_MANCHESTER.items():
        suppliers[f"{council} local supplier"] = {"district": "GM", "org_type": "sme"}
        suppliers[f"{council} outside supplier"] = {"district": "ELSEWHERE", "org_type": "large"}
        payments.append(pay(council, f"{council} local supplier", local))
        payments.append(pay(council, f"{council} outside supplier", round(total - local, 2)))
    build(con, payments, suppliers, local=["GM"], regional=["GM"])
    result = compute(con, YEAR, baseline=False)
    total = sum(t for t, _ in GREATER_MANCHESTER.values())
    local = sum(v for _, v in GREATER_MANCHESTER.values())
    assert result["total_spend"] == pytest.approx(total, abs=0.005)
    assert result["weighted_local_share"] == pytest.approx(local / total)
    assert round(result["weighted_local_share"] * 100, 1) == 61.7
    assert round(result["unweighted_local_share"] * 100, 1) == 53.8
    salford = next(a for a in result["by_anchor"] if a["anchor"] == "Salford")
    assert salford["local_spend"] == pytest.approx(90_276_813.00, abs=0.005)


@pytest.mark.parametrize(("r_local", "expected_m"), [(0.56, 168), (0.76, 196)])
def test_leeds_city_region_what_if(con, tmp_path: Path, r_local: float, expected_m: int) -> None:
    # 10% of £1.4bn of addressable leakage; 1 + r_local - r_nonlocal = 1.2 or 1.4 with r_nonlocal 0.36
    build(
        con,
        [pay("Leeds", "National Builders plc", 1_400_000_000), pay("Leeds", "Local Builders Ltd", 1_000_000)],
        {
            "National Builders plc": {"district": "Z9", "org_type": "large", "division": "41"},
            "Local Builders Ltd": {"district": "L1", "org_type": "sme", "division": "41"},
        },
    )
    rates = tmp_path / "rates.csv"
    rates.write_text(f"kind,supplier,rate\nsurvey_return,Local Builders Ltd,{r_local}\n")
    import_assumptions(con, rates)
    result = what_if(con, YEAR, 0.1)
    assert result["shifted"] == pytest.approx(140_000_000)
    assert result["extra_local_value"] == pytest.approx(expected_m * 1_000_000)
    assert result["new_local_share"] == pytest.approx(141_000_000 / 1_401_000_000)
    # new LM3: R2 and R3 grow by the shifted £ and its local re-spend
    r1 = 1_401_000_000
    assert result["new_lm3"] == pytest.approx((r1 + 141_000_000 + 141_000_000 * r_local) / r1)
