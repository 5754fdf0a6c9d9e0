"""Names that share only generic words ("CARE", "UK", "SERVICES", "LTD") are neither merged nor offered for review.

The names are real: Companies House incorporations in ../shared/reference/companies (January 2024 and 2025).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from anchorspend import db
from anchorspend.suppliers import resolve

# (a spelling already known, a new spelling): different organisations that share only generic words
APART = [
    ("CARE UK LTD", "AKARI CARE LIMITED"),  # scored 100 in the spelling review
    ("AKARI CARE LIMITED", "CARE UK LTD"),
    ("CARE UK LTD", "EUA CARE UK LTD"),
    ("CARE SERVICES LTD", "SHAYONA CARE SERVICES LTD"),
    ("HEALTH CARE GROUP LTD", "IBC HEALTH CARE GROUP LTD"),
    ("BRIGHT CARE SERVICES LTD", "A1 CARE SERVICES LTD"),
    ("THE CARE GROUP", "SUMMER CARE GROUP LTD"),
]
# the same organisation, or one a person should be asked about: they share a word that tells
TOGETHER = [
    ("SHAYONA CARE SERVICES LTD", "SHAYONA CARE"),  # merged: only a generic word and the legal form differ
    ("GENERIS CARE LTD", "GENRIS CARE LTD"),  # merged: a typo in the telling word
    ("ZOJI CARE LIMITED", "Zoji Care Ltd"),  # merged: the same name
]
ASKED = [
    ("AAXIS CARE", "AAXIS CARE AGENCY LIMITED"),  # one inside the other, sharing "AAXIS": a person decides
    ("LOTUS CARE", "LOTUS CARE CROXTETH PARK LTD"),
    ("AKARI CARE LTD", "COBLE HOUSE AKARI CARE LTD"),  # a care home of the group, as Newcastle pays it
    ("AKARI CARE LIMITED", "Akari Care CYMRU"),  # as Calderdale pays it
]
# Where the real names are: Companies House's January exports, and two councils' spend files.
REFERENCE = Path(__file__).resolve().parents[1] / ".." / "shared" / "reference"
SOURCES = {
    "companies/companies_house_search_2024-01_part1.csv": (
        "GENERIS CARE LTD",
        "SUMMER CARE GROUP LTD",
        "ZOJI CARE LIMITED",
        "IBC HEALTH CARE GROUP LTD",
        "AAXIS CARE AGENCY LIMITED",
        "LOTUS CARE CROXTETH PARK LTD",
    ),
    "companies/companies_house_search_2025-01_part1.csv": ("EUA CARE UK LTD", "SHAYONA CARE SERVICES LTD"),
    "spend/north_east/newcastle/newcastle_2022-08_clean.csv": ("COBLE HOUSE AKARI CARE LTD",),
    "spend/west_yorkshire/calderdale/calderdale_2022-08_clean.csv": ("Akari Care CYMRU",),
}


def resolved(path: Path, known: str, new: str) -> tuple[bool, list[tuple[str, str, float]]]:
    """Resolve `known`, then `new` in a later load, as two files would: (merged?, the review queue by name)."""
    with db.connect(path) as con:
        for name in (known, new):
            con.execute("insert into supplier_aliases (raw_name) values ($n)", {"n": name})
            with db.transaction(con):
                resolve(con)
        ids = dict(con.execute("select raw_name, supplier_id from supplier_aliases").fetchall())
        queue = con.execute(
            "select a.raw_name, s.name, q.score from review_queue q join supplier_aliases a using (alias_id) "
            "join suppliers s on s.supplier_id = q.candidate_supplier_id where q.status = 'open'"
        ).fetchall()
    return ids[known] == ids[new], queue


@pytest.mark.parametrize(("known", "new"), APART, ids=[f"{a} ~ {b}" for a, b in APART])
def test_generic_words_alone_do_not_make_names_alike(tmp_path: Path, known: str, new: str) -> None:
    merged, queue = resolved(tmp_path / "store.duckdb", known, new)
    assert not merged
    assert queue == []


@pytest.mark.parametrize(("known", "new"), TOGETHER, ids=[f"{a} ~ {b}" for a, b in TOGETHER])
def test_a_shared_telling_word_still_merges(tmp_path: Path, known: str, new: str) -> None:
    merged, _ = resolved(tmp_path / "store.duckdb", known, new)
    assert merged


@pytest.mark.parametrize(("known", "new"), ASKED, ids=[f"{a} ~ {b}" for a, b in ASKED])
def test_one_name_inside_another_with_a_telling_word_is_still_asked_about(
    tmp_path: Path, known: str, new: str
) -> None:
    merged, queue = resolved(tmp_path / "store.duckdb", known, new)
    assert not merged
    assert [(spelling, candidate) for spelling, candidate, _ in queue] == [(new, known)]


@pytest.mark.reference
def test_the_names_are_real() -> None:
    """The telling names above are as their publishers wrote them (the plain ones are how payees are written)."""
    names = {n for pair in APART + TOGETHER + ASKED for n in pair}
    for source, written in SOURCES.items():
        text = (REFERENCE / source).read_text(encoding="utf-8", errors="replace")
        for name in written:
            assert name in names and name in text, (source, name)
