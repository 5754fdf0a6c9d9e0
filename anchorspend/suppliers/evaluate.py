"""Precision and recall of the resolver on hand-labelled pairs of supplier names."""

from __future__ import annotations

import csv
from pathlib import Path

from anchorspend.suppliers.individuals import payee_kind
from anchorspend.suppliers.matching import cluster_names
from anchorspend.suppliers.normalise import normalise_name


def read_pairs(path: Path) -> list[tuple[str, str, bool]]:
    """(name_a, name_b, same_organisation) rows of a labelled pairs CSV."""
    with path.open(newline="", encoding="utf-8") as handle:
        return [
            (r["name_a"], r["name_b"], r["same_organisation"].strip() == "1") for r in csv.DictReader(handle)
        ]


def pair_scores(pairs: list[tuple[str, str, bool]]) -> dict[str, float | int]:
    """Resolve every name in the pairs together, then count pairs put together rightly and wrongly."""
    names = list(dict.fromkeys(n for a, b, _ in pairs for n in (a, b)))
    organisations = [n for n in names if payee_kind(n) is None]
    clusters = dict(
        zip(
            organisations,
            cluster_names(organisations, [normalise_name(n) for n in organisations]),
            strict=True,
        )
    )
    tp = fp = fn = tn = 0
    for a, b, same in pairs:
        together = a in clusters and b in clusters and clusters[a] == clusters[b]
        tp += same and together
        fp += (not same) and together
        fn += same and not together
        tn += (not same) and not together
    return {
        "pairs": len(pairs),
        "matches": tp + fn,
        "true_pos": tp,
        "false_pos": fp,
        "false_neg": fn,
        "precision": round(tp / (tp + fp), 3) if tp + fp else 1.0,
        "recall": round(tp / (tp + fn), 3) if tp + fn else 1.0,
    }
