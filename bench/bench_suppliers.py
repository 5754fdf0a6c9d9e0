"""Supplier resolution speed: 100,000 distinct generated supplier names, resolver beside a baseline.

Baseline: group by exact normalised name (no fuzzy matching). Both run in the same process on the same names;
each also scores its clusters against the generated truth (pairwise precision and recall over names that share
an organisation). Also reports the labelled reference pairs and name-only sector inference accuracy.
Run: `.venv/bin/python -m bench suppliers` (add `--rows N` for another size).
"""

from __future__ import annotations

import os
import random
import time
from collections import defaultdict
from pathlib import Path

from anchorspend.suppliers.evaluate import pair_scores, read_pairs
from anchorspend.suppliers.matching import cluster_names
from anchorspend.suppliers.normalise import normalise_name

PAIRS = Path(__file__).resolve().parent.parent / "tests" / "files" / "supplier_pairs.csv"
SYLLABLES = (
    "al",
    "an",
    "ar",
    "ber",
    "bro",
    "ca",
    "cal",
    "dor",
    "den",
    "el",
    "fern",
    "gar",
    "ham",
    "hol",
    "ing",
    "kel",
    "lan",
    "ley",
    "mar",
    "mer",
    "nor",
    "ock",
    "pen",
    "ra",
    "ros",
    "sal",
    "ston",
    "ter",
    "ton",
    "vale",
    "wick",
    "win",
    "worth",
    "yar",
    "ash",
    "brook",
    "croft",
    "dale",
    "field",
    "ford",
    "gate",
    "hurst",
)
TRADES = (
    "Cleaning",
    "Roofing",
    "Care",
    "Home Care",
    "Building",
    "Construction",
    "Plumbing",
    "Electrical",
    "Security",
    "Catering",
    "Transport",
    "Taxis",
    "Consulting",
    "Legal",
    "Solicitors",
    "Recruitment",
    "Training",
    "Nursery",
    "Day Nursery",
    "Primary School",
    "Landscapes",
    "Print",
    "Software",
    "Systems",
    "Engineering",
    "Surveyors",
    "Architects",
    "Motors",
    "Hire",
    "Supplies",
    "Foods",
    "Fencing",
    "Windows",
    "Scaffolding",
    "Removals",
    "Joinery",
    "Decorators",
    "Healthcare",
    "Pharmacy",
    "Media",
)
MIDDLES = (
    "",
    "",
    "",
    "North West",
    "Northern",
    "Yorkshire",
    "Lancashire",
    "Pennine",
    "City",
    "Valley",
    "Group",
)
SUFFIXES = ("Ltd", "Limited", "LTD", "Ltd.", "(UK) Ltd", "PLC", "LLP", "CIC", "", "", "& Co", "Services Ltd")


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.choice((2, 2, 3)))).capitalize()


def _variant(rng: random.Random, base: str, trade: str, middle: str) -> str:
    """One spelling of an organisation, as different publishers write it."""
    name = " ".join(p for p in (base, middle, trade, rng.choice(SUFFIXES)) if p)
    roll = rng.random()
    if roll < 0.25:
        name = name.upper()
    elif roll < 0.35:
        name = "The " + name
    elif roll < 0.45:
        name = name.replace(" & ", " and ") if "&" in name else name.replace(" Co", " Company")
    if rng.random() < 0.2:  # a typo: one letter dropped inside the distinctive word
        i = rng.randrange(1, max(2, len(base) - 1))
        name = name.replace(base, base[:i] + base[i + 1 :], 1) if len(base) > 4 else name
    return name


def generate(count: int, seed: int = 7) -> tuple[list[str], list[int]]:
    """count distinct names and the organisation each belongs to (about 2.5 spellings per organisation)."""
    rng = random.Random(seed)
    names: dict[str, int] = {}
    organisation = 0
    while len(names) < count:
        organisation += 1
        base = _word(rng) + (" " + _word(rng) if rng.random() < 0.4 else "")
        trade, middle = rng.choice(TRADES), rng.choice(MIDDLES)
        for _ in range(rng.choice((1, 1, 2, 3, 4, 5))):
            names.setdefault(_variant(rng, base, trade, middle), organisation)
    items = list(names.items())[:count]
    rng.shuffle(items)
    return [n for n, _ in items], [o for _, o in items]


def pairwise(truth: list[int], found: list[int]) -> tuple[float, float]:
    """Precision and recall over pairs of names put in one organisation."""

    def pairs(labels: list[int]) -> set[tuple[int, int]]:
        groups: dict[int, list[int]] = defaultdict(list)
        for i, label in enumerate(labels):
            groups[label].append(i)
        return {(a, b) for g in groups.values() for k, a in enumerate(g) for b in g[k + 1 :]}

    true_pairs, found_pairs = pairs(truth), pairs(found)
    hit = len(true_pairs & found_pairs)
    return round(hit / max(len(found_pairs), 1), 3), round(hit / max(len(true_pairs), 1), 3)


def _exact_groups(names: list[str], keys: list[str]) -> list[int]:
    """The baseline: one organisation per distinct normalised name."""
    groups: dict[str, int] = {}
    return [groups.setdefault(key, len(groups)) for key in keys]


def run(args) -> list[dict]:  # noqa: ANN001 - argparse namespace from bench/__main__.py
    """Resolve N generated names with the baseline and with the resolver; report time and quality."""
    count = args.rows or 100_000
    names, truth = generate(count)
    results = []
    for case, group in (
        ("baseline exact normalised name", _exact_groups),
        ("resolver (numbers, exact, fuzzy with blocking)", cluster_names),
    ):
        normalise_name.cache_clear()  # both pay for normalising every name
        started, cpu = time.perf_counter(), time.process_time()
        found = group(names, [normalise_name(n) for n in names])
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        precision, recall = pairwise(truth, found)
        results.append(
            {
                "case": case,
                "names": count,
                "seconds": round(seconds, 2),
                "cpu_seconds": round(cpu, 2),
                "organisations": len(set(found)),
                "true_organisations": len(set(truth)),
                "pair_precision": precision,
                "pair_recall": recall,
            }
        )
    results.append(
        {
            "case": "labelled reference pairs (tests/files/supplier_pairs.csv)",
            **pair_scores(read_pairs(PAIRS)),
        }
    )
    try:
        from bench.sector_accuracy import default_files, measure

        files = default_files()
        if files:
            results.append({"case": "sector inferred from name (Companies House exports)", **measure(files)})
    except FileNotFoundError:
        pass
    results.append(
        {
            "case": "machine load while measuring",
            "load_average_1min": round(os.getloadavg()[0], 2),
            "cores": os.cpu_count(),
        }
    )
    return results
