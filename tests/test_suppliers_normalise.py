"""Names and numbers reduced to matching keys, checked against keys worked out by hand."""

from __future__ import annotations

import pytest

from anchorspend.suppliers.normalise import normalise_charity_number, normalise_company_number, normalise_name


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ("ACME LTD", "ACME"),
        ("Acme Limited", "ACME"),
        ("ACME (UK) LTD", "ACME"),
        ("The Acme Company Ltd.", "ACME COMPANY"),
        ("Gough & Kelly Security Ltd", "GOUGH AND KELLY SECURITY"),
        ("Sevacare (U K ) lTD", "SEVACARE"),
        ("4Wings Northwest CIC", "4WINGS NORTHWEST"),
        ("Price Waterhouse Coopers LLP", "PRICE WATERHOUSE COOPERS"),
        ("St Mary's Primary School", "ST MARYS PRIMARY SCHOOL"),
        ("Saint Mary's Primary School", "ST MARYS PRIMARY SCHOOL"),
        ("EDF - 1232400259 - Unmetered Supply Street Lightin", "EDF"),
        ("Total Energies - Acc Cemetery Office - 3009581157", "TOTAL ENERGIES"),
        ("43024700 Costa Coffee", "COSTA COFFEE"),
        ("MSFT * E0400HF8LS", "MSFT"),
        ("(DD ONLY) Ribble Valley Borough Council", "RIBBLE VALLEY COUNCIL"),
        ("Bury M.B.C.", "BURY COUNCIL"),
        ("Horizon Healthcare Homes Limited Re Beckside Lodge", "HORIZON HEALTHCARE HOMES"),
        ("T/A Etz Chaim Boys School", "ETZ CHAIM BOYS SCHOOL"),
        ("Beaumont Care Ltd T/A Caremark Calderdale", "BEAUMONT CARE"),
        ("SAINT-GOBAIN BUILDING DISTRIBUTION LIMIT", "ST GOBAIN BUILDING DISTRIBUTION"),
        ("Tesco Store 2617", "TESCO STORE"),
        ("42nd Street", "42ND STREET"),
        ("Redactive Publishing Limited", "REDACTIVE PUBLISHING"),
    ],
)
def test_name_keys(raw: str, key: str) -> None:
    assert normalise_name(raw) == key


@pytest.mark.parametrize(
    ("raw", "number"),
    [
        ("2535986", "02535986"),  # Salford's contracts register drops leading zeros
        ("02535986", "02535986"),
        (" 9871073 ", "09871073"),
        ("SC793937", "SC793937"),  # Scottish numbers keep their prefix
        ("sc 12345", "SC012345"),
        ("NI012345", "NI012345"),
        ("2535986.0", "02535986"),  # a number a spreadsheet turned into a float
        ("N/A", None),
        ("0", None),
        ("", None),
        (None, None),
    ],
)
def test_company_numbers(raw: str | None, number: str | None) -> None:
    assert normalise_company_number(raw) == number


@pytest.mark.parametrize(
    ("raw", "number"),
    [
        ("1012345", "1012345"),
        ("1012345-1", "1012345-1"),
        ("SC012345", "SC012345"),
        ("N/A", None),
        ("", None),
    ],
)
def test_charity_numbers(raw: str, number: str | None) -> None:
    assert normalise_charity_number(raw) == number
