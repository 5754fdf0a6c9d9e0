"""What the demo's anchors buy: sectors with their SIC codes and local capacity, and each anchor's profile."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Sector:
    """A kind of supply, with how much of it the place can provide (local and regional capacity)."""

    key: str
    sic: str  # a 5-digit SIC 2007 code; its first two digits are the division
    trades: tuple[str, ...]  # words in supplier names
    expense: str  # expense type as a finance system writes it
    local: float  # typical share of an anchor's spend in this sector with local suppliers
    regional: float  # ... with suppliers elsewhere in the region
    vcse: float = 0.0  # share of the sector's suppliers that are charities or social enterprises
    pool: int = 60  # suppliers in the sector at default scale


# Local shares follow the pattern of the peers' published analyses: construction, repairs, care and grounds
# are bought locally; pharmaceuticals, energy, medical devices and insurance have no local capacity at all;
# IT, agency staff and consultancy leak although a few local firms exist (addressable leakage).
SECTORS = (
    Sector(
        "construction",
        "41201",
        ("Construction", "Builders", "Building Contractors"),
        "Capital Works",
        0.55,
        0.2,
    ),
    Sector(
        "repairs",
        "43390",
        ("Roofing", "Joinery", "Plumbing", "Electrical", "Decorators", "Building Repairs"),
        "Repairs & Maintenance",
        0.75,
        0.15,
        pool=140,
    ),
    Sector("civil", "42110", ("Civil Engineering", "Surfacing", "Highways"), "Highways Works", 0.3, 0.3),
    Sector(
        "cleaning", "81210", ("Cleaning", "Facilities", "Hygiene Services"), "Cleaning & Domestic", 0.45, 0.2
    ),
    Sector(
        "grounds",
        "81300",
        ("Landscapes", "Grounds Maintenance", "Tree Care"),
        "Grounds Maintenance",
        0.7,
        0.2,
        vcse=0.1,
    ),
    Sector(
        "catering",
        "56290",
        ("Catering", "Food Services", "Kitchens"),
        "Catering & Provisions",
        0.35,
        0.2,
        vcse=0.05,
    ),
    Sector(
        "residential_care",
        "87300",
        ("Care Homes", "Residential Care", "Nursing Home"),
        "Residential Care Placements",
        0.45,
        0.25,
        vcse=0.2,
        pool=90,
    ),
    Sector(
        "home_care",
        "88100",
        ("Home Care", "Care at Home", "Support Services"),
        "Domiciliary Care",
        0.55,
        0.2,
        vcse=0.35,
        pool=80,
    ),
    Sector(
        "community",
        "88990",
        ("Community Trust", "Family Support", "Youth Project", "Advice Centre"),
        "Grants to Voluntary Organisations",
        0.65,
        0.2,
        vcse=0.9,
        pool=80,
    ),
    Sector(
        "transport",
        "49320",
        ("Taxis", "Travel", "Coaches", "Minibus Services"),
        "Passenger Transport",
        0.65,
        0.2,
        vcse=0.1,
    ),
    Sector(
        "waste",
        "38110",
        ("Waste Services", "Recycling", "Skip Hire"),
        "Waste Collection & Disposal",
        0.12,
        0.1,
    ),
    Sector(
        "it",
        "62020",
        ("Digital", "Software", "IT Solutions", "Systems"),
        "I T Provision",
        0.06,
        0.06,
        pool=70,
    ),
    Sector("telecoms", "61100", ("Telecom", "Networks"), "Telephones & Data", 0.0, 0.0, pool=12),
    Sector("pharma", "21200", ("Pharma", "Pharmaceuticals", "Healthcare"), "Drugs", 0.0, 0.0, pool=30),
    Sector(
        "medical",
        "32500",
        ("Medical", "Surgical", "Diagnostics", "Orthopaedics"),
        "Clinical Supplies",
        0.0,
        0.03,
        pool=50,
    ),
    Sector("energy", "35140", ("Energy", "Power", "Gas & Power"), "Gas & Electricity", 0.0, 0.0, pool=8),
    Sector(
        "insurance", "65120", ("Insurance", "Mutual", "Risk Services"), "Insurance Premiums", 0.0, 0.0, pool=8
    ),
    Sector(
        "agency",
        "78200",
        ("Recruitment", "Staffing", "Locums", "People Solutions"),
        "Agency Staff",
        0.08,
        0.1,
        pool=40,
    ),
    Sector("legal", "69102", ("Solicitors", "Law", "Legal"), "Legal Fees", 0.3, 0.25),
    Sector("consultancy", "70229", ("Consulting", "Advisory", "Partners"), "Consultancy Fees", 0.08, 0.1),
    Sector(
        "engineering",
        "71122",
        ("Architects", "Surveyors", "Engineering Design"),
        "Professional fees",
        0.35,
        0.2,
    ),
    Sector("security", "80100", ("Security", "Guarding", "Alarms"), "Security Services", 0.3, 0.2),
    Sector(
        "vehicles",
        "45111",
        ("Motors", "Vehicle Services", "Garages", "Fleet"),
        "Vehicle Purchase & Repair",
        0.15,
        0.25,
    ),
    Sector("fuel", "46711", ("Fuels", "Oil"), "Fuel", 0.05, 0.15, pool=10),
    Sector("printing", "18129", ("Print", "Signs", "Design & Print"), "Printing & Stationery", 0.6, 0.2),
    Sector(
        "office", "46660", ("Office Supplies", "Furniture", "Stationers"), "Furniture & Equipment", 0.1, 0.15
    ),
    Sector(
        "training", "85590", ("Training", "Learning", "Academy"), "Training & Conferences", 0.4, 0.2, vcse=0.2
    ),
    Sector("leisure", "93110", ("Leisure", "Sports", "Fitness"), "Leisure & Culture", 0.55, 0.2, vcse=0.3),
    Sector(
        "private_health",
        "86101",
        ("Clinic", "Hospital Services", "Health"),
        "Healthcare from Non-NHS Bodies",
        0.15,
        0.25,
    ),
    Sector("lab", "72110", ("Scientific", "Laboratory", "Biosciences"), "Research Consumables", 0.05, 0.1),
)
BY_KEY = {s.key: s for s in SECTORS}


@dataclass(frozen=True)
class AnchorProfile:
    """One anchor: who it is, how much it spends a year, how it publishes, and what it buys."""

    name: str
    kind: str
    annual_gbp: float  # everything its files show in a year, influenceable or not
    row_share: float  # its share of all payments (rows) at any scale
    threshold_gbp: float  # publishes payments of at least this much
    layout: str  # which published layout its files use (files.py)
    local_factor: float  # how strongly it buys locally compared with a typical anchor
    mix: tuple[tuple[str, float], ...]  # sector key -> share of influenceable supplier spend
    non_influenceable: float  # share of its spend to public bodies, HMRC, pensions, precepts
    individuals: float  # share of its spend to individuals (redacted or named)
    payroll_gbp: float  # annual pay bill (not in spend files)
    staff_local_share: float  # share of staff living in the local district


ANCHORS = (
    AnchorProfile(
        "Fennmouth City Council",
        "council",
        1_000_000_000,
        0.52,
        500,
        "council_500",
        1.15,
        (
            ("residential_care", 0.17),
            ("home_care", 0.12),
            ("community", 0.06),
            ("construction", 0.09),
            ("repairs", 0.05),
            ("civil", 0.07),
            ("waste", 0.07),
            ("cleaning", 0.03),
            ("grounds", 0.02),
            ("catering", 0.03),
            ("transport", 0.04),
            ("it", 0.05),
            ("agency", 0.05),
            ("legal", 0.02),
            ("consultancy", 0.02),
            ("engineering", 0.02),
            ("energy", 0.03),
            ("insurance", 0.01),
            ("printing", 0.01),
            ("office", 0.01),
            ("training", 0.01),
            ("leisure", 0.02),
            ("security", 0.01),
            ("vehicles", 0.01),
        ),
        0.30,
        0.04,
        310_000_000,
        0.68,
    ),
    AnchorProfile(
        "Fennmouth Hospitals NHS Foundation Trust",
        "nhs",
        320_000_000,
        0.05,
        25_000,
        "nhs_25k",
        0.9,
        (
            ("pharma", 0.30),
            ("medical", 0.25),
            ("agency", 0.10),
            ("it", 0.08),
            ("energy", 0.05),
            ("private_health", 0.06),
            ("construction", 0.05),
            ("cleaning", 0.03),
            ("catering", 0.02),
            ("consultancy", 0.02),
            ("lab", 0.02),
            ("transport", 0.01),
            ("waste", 0.01),
        ),
        0.12,
        0.0,
        420_000_000,
        0.55,
    ),
    AnchorProfile(
        "Dogger Vale Police",
        "police",
        95_000_000,
        0.12,
        500,
        "police_lgtc",
        0.8,
        (
            ("vehicles", 0.14),
            ("fuel", 0.06),
            ("it", 0.22),
            ("telecoms", 0.06),
            ("construction", 0.08),
            ("repairs", 0.06),
            ("cleaning", 0.05),
            ("security", 0.04),
            ("legal", 0.05),
            ("private_health", 0.05),
            ("training", 0.05),
            ("catering", 0.03),
            ("consultancy", 0.04),
            ("energy", 0.04),
            ("office", 0.03),
        ),
        0.10,
        0.03,
        120_000_000,
        0.45,
    ),
    AnchorProfile(
        "University of Fennmouth",
        "education",
        180_000_000,
        0.15,
        500,
        "university_salford",
        0.7,
        (
            ("construction", 0.22),
            ("it", 0.14),
            ("lab", 0.14),
            ("energy", 0.07),
            ("catering", 0.06),
            ("cleaning", 0.06),
            ("security", 0.03),
            ("consultancy", 0.05),
            ("printing", 0.03),
            ("training", 0.05),
            ("office", 0.04),
            ("repairs", 0.04),
            ("transport", 0.03),
            ("legal", 0.02),
            ("leisure", 0.02),
        ),
        0.08,
        0.03,
        170_000_000,
        0.35,
    ),
    AnchorProfile(
        "Dogger Vale Homes",
        "housing",
        60_000_000,
        0.12,
        250,
        "housing_xlsx",
        1.1,
        (
            ("construction", 0.30),
            ("repairs", 0.32),
            ("grounds", 0.06),
            ("cleaning", 0.06),
            ("security", 0.03),
            ("legal", 0.03),
            ("it", 0.06),
            ("energy", 0.04),
            ("insurance", 0.04),
            ("community", 0.03),
            ("engineering", 0.03),
        ),
        0.08,
        0.02,
        16_000_000,
        0.62,
    ),
    AnchorProfile(
        "Fennmouth Harbour Housing Co-operative",
        "housing",
        6_000_000,
        0.04,
        100,
        "housing_small_csv",
        1.5,
        (
            ("repairs", 0.48),
            ("grounds", 0.14),
            ("cleaning", 0.10),
            ("community", 0.10),
            ("legal", 0.04),
            ("it", 0.04),
            ("insurance", 0.05),
            ("energy", 0.05),
        ),
        0.06,
        0.02,
        1_900_000,
        0.81,
    ),
)
