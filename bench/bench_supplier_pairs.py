"""Supplier matching accuracy on labelled pairs: payee pairs, hand-labelled register pairs, company numbers.

Tuning set: tests/files/supplier_pairs.csv (319 hand-labelled pairs the rules were tuned on over earlier sessions).
Register pairs: tests/files/register_pairs.csv (payee against register names, labelled by hand), in the two halves
its `split` column fixed before any tuning (evaluate.split_of); only the tuning half is looked at to tune rules.
Company numbers (noisy labels: a number a file gives to the wrong name makes a false "same"): every supplier name
that a reference file gives with a Companies House number (Calderdale's spend file, Salford's contracts register,
the two Companies House search exports), numbers normalised. Two spellings with the same number are one
organisation (positives); two names with different numbers that share their first word are different
organisations (the hard negatives: "ACME CLEANING LTD" / "ACME HOLDINGS LTD"), at most 20 per first word. Scored
like the tuning set: the names resolved together from nothing (matching.cluster_names, people left out), then
every pair counted as together or apart.
Run: `.venv/bin/python -m bench supplier_pairs`.
"""

from __future__ import annotations

import csv
import io
import itertools
from collections import defaultdict
from pathlib import Path

from anchorspend.suppliers.evaluate import pair_scores, read_pairs, read_register_pairs, register_pair_scores
from anchorspend.suppliers.normalise import normalise_company_number

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT / ".." / "shared" / "reference"
SOURCES = (
    (
        "spend/west_yorkshire/calderdale/calderdale_2022-08_clean.csv",
        "Supplier(Beneficiary) Name",
        "Supplier Registered Company Number",
    ),
    ("contracts/salford_contracts_register_2022-07_clean.csv", "Supplier Company Name", "Company Number"),
    ("companies/companies_house_search_2024-01_part1.csv", "company_name", "company_number"),
    ("companies/companies_house_search_2025-01_part1.csv", "company_name", "company_number"),
)


def numbered_names() -> dict[str, set[str]]:
    """Company number -> the names the reference files give it (a plain csv reader, not the importers)."""
    found: dict[str, set[str]] = defaultdict(set)
    for name, name_column, number_column in SOURCES:
        raw = (REFERENCE / name).read_bytes()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = raw.decode("cp1252")
        for row in csv.DictReader(io.StringIO(text.replace("\ufeff", "").replace("ï»¿", ""), newline="")):
            number = normalise_company_number((row.get(number_column) or "").strip() or None)
            supplier = (row.get(name_column) or "").strip()
            if number and supplier:
                found[number].add(supplier)
    return found


def held_out_pairs() -> list[tuple[str, str, bool]]:
    """Positives (same number) and hard negatives (same first word, different numbers), in a fixed order."""
    by_number = numbered_names()
    owner = {}
    for number, names in sorted(by_number.items()):
        for supplier in sorted(names):
            owner.setdefault(supplier, number)  # a name two numbers claim keeps the first: it is ambiguous anyway
    pairs = [(a, b, True) for names in by_number.values() for a, b in itertools.combinations(sorted(names), 2)]
    by_first: dict[str, list[str]] = defaultdict(list)
    for supplier in sorted(owner):
        words = supplier.upper().split()
        if words:
            by_first[words[0]].append(supplier)
    for names in by_first.values():
        negatives = [(a, b, False) for a, b in itertools.combinations(names, 2) if owner[a] != owner[b]]
        pairs.extend(negatives[:20])
    return pairs


def run(args) -> list[dict]:  # noqa: ANN001 - the bench runner's namespace
    """Precision and recall on both sets."""
    del args
    tuning = pair_scores(read_pairs(ROOT / "tests" / "files" / "supplier_pairs.csv"))
    held_out = pair_scores(held_out_pairs())
    register_pairs = ROOT / "tests" / "files" / "register_pairs.csv"
    return [
        {"case": "tuning pairs (supplier_pairs.csv)", **tuning},
        *(
            {
                "case": f"register pairs, {split} half",
                **register_pair_scores(read_register_pairs(register_pairs, split)),
            }
            for split in ("tuning", "held_out")
        ),
        {"case": "company numbers (noisy labels)", **held_out},
    ]
