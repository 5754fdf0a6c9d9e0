"""The multiplier's assumptions as a room reads them (workshop mode): each a sentence, with one full stop."""

from __future__ import annotations

from anchorspend.view import lm3_assumptions_in_words

SOURCE = "Default: NEF, Northumberland County Council study. Replace with local survey returns."


def test_a_source_that_ends_its_own_sentence_gets_one_full_stop() -> None:
    lm3 = {
        "assumptions": [
            {"supplier_tier": "nonlocal", "rate": 0.36, "spend": 442_400_000, "suppliers": 577, "source": SOURCE}
        ]
    }
    (line,) = lm3_assumptions_in_words(lm3)
    assert line == (
        "We assume suppliers outside the area re-spend about 36p of each £1 locally (£442.4m of the spend, 577 "
        "suppliers); source: Default: NEF, Northumberland County Council study. Replace with local survey returns."
    )
