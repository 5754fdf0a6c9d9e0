"""Matching accuracy on hand-labelled real name pairs: the held-out half, counted here from the CSV's own labels."""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

from anchorspend.suppliers.evaluate import read_register_pairs, verdicts

PAIRS = Path(__file__).parent / "files" / "register_pairs.csv"


def labelled_rows() -> list[dict[str, str]]:
    """The CSV as written, read with the csv module alone."""
    with PAIRS.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_every_pair_has_a_label_a_reason_and_the_split_fixed_before_tuning() -> None:
    rows = labelled_rows()
    assert len(rows) >= 600
    for row in rows:
        assert row["same_entity"] in ("0", "1") and row["why"].strip(), row
        # The split is a hash of the payee's name as written (upper case, spaces collapsed), decided before any
        # rule was tuned: a pair cannot move to the tuning half because a rule gets it wrong.
        digest = hashlib.sha1(" ".join(row["payee_name"].upper().split()).encode("utf-8")).hexdigest()
        assert row["split"] == ("held_out" if digest[0] in "01234567" else "tuning"), row
    for half in ("held_out", "tuning"):
        labels = [r["same_entity"] for r in rows if r["split"] == half]
        assert labels.count("1") >= 90 and labels.count("0") >= 200, half
    # Hard cases are there on both sides: similar names of different companies, and one company written apart.
    kinds = {r["kind"] for r in rows}
    assert {"hard", "tradingas", "abbrev", "typo", "and", "renamed"} <= kinds


def counted(split: str) -> tuple[int, int, int]:
    """True positives, false positives and false negatives of the matchers on one half, labels from the CSV."""
    rows = [r for r in labelled_rows() if r["split"] == split]
    pairs = read_register_pairs(PAIRS, split)
    assert [(p.payee, p.register_name) for p in pairs] == [(r["payee_name"], r["register_name"]) for r in rows]
    together = verdicts(pairs)
    same = [r["same_entity"] == "1" for r in rows]
    tp = sum(t and s for t, s in zip(together, same, strict=True))
    fp = sum(t and not s for t, s in zip(together, same, strict=True))
    fn = sum(s and not t for t, s in zip(together, same, strict=True))
    return tp, fp, fn


def test_held_out_precision_and_recall() -> None:
    tp, fp, fn = counted("held_out")
    # Measured 80 / 0 / 16 before any tuning on the other half (precision 1.0, recall 0.833), 88 / 0 / 8 after
    # (1.0, 0.917): the target is recall 0.9 at precision 0.99.
    assert tp + fn == 96
    assert tp / (tp + fp) >= 0.99
    assert tp / (tp + fn) >= 0.90


def test_tuning_precision_and_recall() -> None:
    tp, fp, fn = counted("tuning")
    # Measured 95 / 0 / 6 (precision 1.0, recall 0.941); the misses are names one of which holds the other
    # ("Gazprom Energy" / "Gazprom"), which the rules leave apart: "Keepmoat Homes" / "Keepmoat" are two companies.
    assert tp / (tp + fp) >= 0.99
    assert tp / (tp + fn) >= 0.92
