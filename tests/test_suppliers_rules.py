"""The matching rules tuned on the labelled pairs' tuning half, each on names as real files write them."""

from __future__ import annotations

import pytest

from anchorspend.suppliers.matching import cluster_names, core_key, tokens_compatible
from anchorspend.suppliers.normalise import normalise_name


def together(a: str, b: str) -> bool:
    """Whether the resolver makes one organisation of two spellings."""
    first, second = cluster_names([a, b], [normalise_name(a), normalise_name(b)])
    return first == second


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("NHS DEVON ICB - 15N", "NHS DEVON ICB"),  # the register's code after the name
        ("Nhs West Yorkshire Icb - x2c4y", "NHS WEST YORKSHIRE ICB"),
        ("Electoral Reform Services (ERS) Limited", "ELECTORAL REFORM SERVICES"),  # initialism repeated
        ("Manchester University NHS Foundation Trust (MFT)", "MANCHESTER UNIVERSITY NHS FOUNDATION TRUST"),
        ("Salford Community and Voluntary\\nServices (SCVS)", "SALFORD COMMUNITY AND VOLUNTARY SERVICES"),
        ("CAM Management Solutions Limited (CAMMS)", "CAM MANAGEMENT SOLUTIONS CAMMS"),  # not its initials
        ("Helping Hands (HX)", "HELPING HANDS HX"),
        ("LINCS COMMUNITY HEALTH SERVICES NHS TRUST", "LINCOLNSHIRE COMMUNITY HEALTH SERVICES NHS TRUST"),
        ("Acme Ltd - 2024", "ACME"),  # a year or store number after a dash is not a code with letters and digits
    ],
)
def test_keys(name: str, key: str) -> None:
    assert normalise_name(name) == key


def test_nhs_bodies_renamed_or_written_short_are_one() -> None:
    assert together(
        "WEST MIDLANDS AMBULANCE SERVICE NHS FOUNDATION TRUST",
        "WEST MIDLANDS AMBULANCE SERVICE UNIVERSITY NHS FOUNDATION TRUST",
    )
    assert together("ESSEX PARTNERSHIP UNIVERSITY NHS FT", "ESSEX PARTNERSHIP UNIVERSITY NHS FOUNDATION TRUST")
    assert together("CAMBRIDGESHIRE COMMUNITY SERVICES", "CAMBRIDGESHIRE COMMUNITY SERVICES NHS TRUST")
    # ... but places still tell trusts apart, and one place word is not enough to drop "NHS FT".
    assert not together("NORTH MIDDLESEX UNIVERSITY HOSPITAL NHS TRUST", "WEST MIDDLESEX UNIVERSITY HOSPITAL NHS TRUST")
    assert not together("ROTHERHAM NHS FOUNDATION TRUST", "ROTHERHAM DONCASTER AND SOUTH HUMBER NHS FOUNDATION TRUST")
    assert core_key(["SALISBURY", "NHS", "FOUNDATION", "TRUST"]) == "SALISBURY NHS FOUNDATION TRUST"
    # University words only count as fillers in an NHS body's name.
    assert not together("University Of Manchester", "Manchester University NHS Foundation Trust (MFT)")


def test_forms_of_one_word() -> None:
    assert tokens_compatible(["WILDE", "CONSULTANT", "ENGINEERS"], ["WILDE", "CONSULTING", "ENGINEERS"])
    assert tokens_compatible(["J", "FLETCHER", "ENGINEERS"], ["J", "FLETCHER", "ENGINEERING"])
    assert not tokens_compatible(["KEYPLUS", "SECURITY"], ["SECURITY", "PLUS"])
    assert not together("S & W Tlp (Project Co One) Ltd", "S&W TLP (Project Co Two) Ltd")
