"""How well a supplier's SIC division and section are inferred from its name alone.

Measured on the Companies House search exports (names with the SIC codes the companies registered):
`.venv/bin/python -m bench.sector_accuracy [FILE ...]`. Also run by `python -m bench suppliers`.
"""

from __future__ import annotations

import sys
from pathlib import Path

from anchorspend.config import Settings
from anchorspend.suppliers.register import register_frame
from anchorspend.suppliers.sectors import infer_division
from anchorspend.suppliers.sic import division_of_codes, section_of


def default_files() -> list[Path]:
    """The Companies House exports in the reference folder."""
    return sorted((Settings.from_env().reference_dir / "companies").glob("*.csv"))


def measure(files: list[Path]) -> dict[str, float | int]:
    """Accuracy of name-only inference against the registered first trading SIC code."""
    total = covered = division_hits = section_hits = 0
    for path in files:
        for name, codes in register_frame(path).select("name", "sic_codes").iter_rows():
            truth = division_of_codes(codes)
            if truth is None:
                continue
            total += 1
            guess = infer_division(name)
            if guess is None:
                continue
            covered += 1
            division_hits += guess == truth
            section_hits += section_of(guess) == section_of(truth)
    return {
        "companies": total,
        "coverage": round(covered / total, 3) if total else 0.0,
        "division_accuracy_when_inferred": round(division_hits / covered, 3) if covered else 0.0,
        "section_accuracy_when_inferred": round(section_hits / covered, 3) if covered else 0.0,
        "division_accuracy_all": round(division_hits / total, 3) if total else 0.0,
        "section_accuracy_all": round(section_hits / total, 3) if total else 0.0,
    }


if __name__ == "__main__":
    paths = [Path(p) for p in sys.argv[1:]] or default_files()
    for key, value in measure(paths).items():
        print(f"{key}: {value}")
