"""Individual payees: redaction labels, people's names and codes are told from organisations."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from suppliers_reference import supplier_names

from anchorspend.suppliers.individuals import payee_kind


@pytest.mark.parametrize(
    "label",
    [
        "Redacted Personal Information",
        "REDACTED - Personal Information",
        "Redacted Data",
        "Redacted Personal Data",
        "REDACTED",
        "Personal Data",
        "Private Individual",
        "Name Withheld",
    ],
)
def test_redaction_labels(label: str) -> None:
    assert payee_kind(label) == "redacted"


@pytest.mark.parametrize(
    "name",
    [
        "Mr Dean Underwood",
        "MR R WILCOCK",
        "DUNCAN CAMPBELL",
        "IAN G SCHOLES",
        "J W PRICE",
        "Cath Ford",
        "Greenfield A F",
        "DR SUMEET GUPTA",
    ],
)
def test_people_named_outright(name: str) -> None:
    assert payee_kind(name) == "person"


@pytest.mark.parametrize("code", ["2022:06VI Visual Impairment", "2022:05D  Dementia", "C123456", "100234"])
def test_codes_instead_of_names(code: str) -> None:
    assert payee_kind(code) == "code"


@pytest.mark.parametrize(
    "organisation",
    [
        "Redactive Publishing Limited",
        "GED LAING PERSONAL SAFETY TRAINING",
        "Hastings Private Hire",
        "Kevin Booth Painting",
        "Peter Douglass Platforms",
        "Trafford M B C",
        "L G Futures",
        "Gerald Eve",
        "B & Q 1371",
        "Tesco Store 2617",
        "ACME LTD",
        "John Sutch Cranes",
        "42nd Street",
        "HP",
    ],
)
def test_organisations_are_not_individuals(organisation: str) -> None:
    assert payee_kind(organisation) is None


def test_every_redaction_label_in_the_reference_files(reference: Path) -> None:
    # Each publisher's label, found by a plain reader: every supplier text with the word "redacted" in it.
    names = supplier_names(reference)
    labels = {n for n in names if re.search(r"\bredacted\b", n, re.IGNORECASE)}
    assert labels == {
        "Redacted Personal Information",
        "REDACTED - Personal Information",
        "Redacted Data",
        "Redacted Personal Data",
    }
    assert all(payee_kind(label) == "redacted" for label in labels)
    assert payee_kind("Redactive Publishing Limited") is None
    assert "Redactive Publishing Limited" in names
