"""Short anchor names for charts and projected tables, over real publishers' names (SOURCES.md and NHS ODS)."""

from __future__ import annotations

import csv
import statistics
from pathlib import Path

import pytest

from anchorspend.present.anchor_names import LONGEST, short_name, short_names

# Publishers as SOURCES.md names them, and kinds of body a region's anchors include.
PUBLISHERS = {
    "Hyndburn Borough Council": "Hyndburn Council",
    "Salford City Council": "Salford Council",
    "Calderdale Metropolitan Borough Council": "Calderdale Council",
    "City of Bradford Metropolitan District Council": "Bradford Council",
    "London Borough of Hackney": "Hackney Council",
    "Royal Borough of Kensington and Chelsea": "Kensington & Chelsea Council",
    "Lancashire County Council": "Lancashire County Council",
    "Guys and St Thomas NHS Foundation Trust": "Guys and St Thomas NHS",
    "King's College Hospital NHS Foundation Trust": "King's College Hospital NHS",
    "Croydon Health Services NHS Trust": "Croydon Health Services NHS",
    "The Hillingdon Hospitals NHS Foundation Trust": "Hillingdon Hospitals NHS",
    "Homerton University Hospital NHS FT": "Homerton Univ. Hospital NHS",
    "NHS Havering CCG": "NHS Havering",
    "NHS North Central London CCG": "NHS North Central London",
    "NHS Gloucestershire ICB": "NHS Gloucestershire",
    "NHS Cheshire and Merseyside Integrated Care Board": "NHS Cheshire and Merseyside",
    "West Yorkshire Fire and Rescue Service": "West Yorkshire Fire & Rescue",
    "Greater Manchester Police": "Greater Manchester Police",
    "University of Salford": "University of Salford",
    "Salix Homes Limited": "Salix Homes",
}


def test_a_publishers_name_loses_its_legal_form_and_keeps_what_it_is() -> None:
    assert short_names(PUBLISHERS) == PUBLISHERS
    # the demo region's anchors (anchorspend demo)
    assert short_name("Fennmouth City Council") == "Fennmouth Council"
    assert short_name("Fennmouth Hospitals NHS Foundation Trust") == "Fennmouth Hospitals NHS"


def test_names_whose_short_forms_collide_keep_their_full_names() -> None:
    both = ["NHS Somerset CCG", "NHS Somerset Integrated Care Board", "NHS Dorset CCG"]
    assert short_names(both) == {
        "NHS Somerset CCG": "NHS Somerset CCG",
        "NHS Somerset Integrated Care Board": "NHS Somerset Integrated Care Board",
        "NHS Dorset CCG": "NHS Dorset",
    }
    # a short form that is another anchor's full name
    assert short_names(["Salford Council", "Salford City Council"]) == {
        "Salford Council": "Salford Council",
        "Salford City Council": "Salford City Council",
    }
    police = ["Lancashire Constabulary", "Office of the Police and Crime Commissioner for Lancashire", "Kent Police"]
    assert short_names(police)["Lancashire Constabulary"] == "Lancashire Constabulary"
    assert short_names(police)["Kent Police"] == "Kent Police"


def _names(path: Path, column: int, header: bool) -> list[str]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    return [r[column] for r in rows[1 if header else 0 :] if len(r) > column and r[column].strip()]


def test_every_nhs_trust_ccg_and_icb_in_england_gets_a_unique_shorter_name(reference: Path) -> None:
    lookups = reference / "lookups"
    names = (
        _names(lookups / "ods_etr_nhs_trusts.csv", 1, header=False)
        + _names(lookups / "ods_eccg_ccgs.csv", 1, header=False)
        + _names(lookups / "icb_names_codes_dec_2024.csv", 2, header=True)
    )
    assert len(names) > 600  # 272 trusts, 319 CCGs, 42 ICBs (SOURCES.md)
    short = short_names(names)
    assert len({s.casefold() for s in short.values()}) == len(short)  # never two anchors with one label
    assert all(len(s) <= len(n) for n, s in short.items())
    assert statistics.median(len(s) for s in short.values()) <= LONGEST + 2
    assert statistics.mean(len(n) - len(s) for n, s in short.items()) >= 6  # "NHS Foundation Trust" -> "NHS"
    assert short["MANCHESTER UNIVERSITY NHS FOUNDATION TRUST"] == "MANCHESTER UNIVERSITY NHS"
    kept = [n for n, s in short.items() if n == s and "FOUNDATION TRUST" in n.upper()]
    assert len(kept) < 5, kept  # only names whose short forms would clash keep "Foundation Trust"


@pytest.mark.parametrize("name", ["", "   ", "NHS", "Council", "The"])
def test_a_name_that_is_only_a_form_stays_itself(name: str) -> None:
    assert short_name(name) == (" ".join(name.split()) or name)
