"""SIC 2007 structure: which section (A-U) each two-digit division belongs to, and their titles."""

from __future__ import annotations

# Built from the SIC 2007 hierarchy (ONS): each section is a contiguous range of divisions.
SECTION_RANGES = (
    ("A", 1, 3, "Agriculture, forestry and fishing"),
    ("B", 5, 9, "Mining and quarrying"),
    ("C", 10, 33, "Manufacturing"),
    ("D", 35, 35, "Electricity, gas, steam and air conditioning supply"),
    ("E", 36, 39, "Water supply; sewerage, waste management and remediation"),
    ("F", 41, 43, "Construction"),
    ("G", 45, 47, "Wholesale and retail trade; repair of motor vehicles"),
    ("H", 49, 53, "Transportation and storage"),
    ("I", 55, 56, "Accommodation and food service activities"),
    ("J", 58, 63, "Information and communication"),
    ("K", 64, 66, "Financial and insurance activities"),
    ("L", 68, 68, "Real estate activities"),
    ("M", 69, 75, "Professional, scientific and technical activities"),
    ("N", 77, 82, "Administrative and support service activities"),
    ("O", 84, 84, "Public administration and defence; compulsory social security"),
    ("P", 85, 85, "Education"),
    ("Q", 86, 88, "Human health and social work activities"),
    ("R", 90, 93, "Arts, entertainment and recreation"),
    ("S", 94, 96, "Other service activities"),
    ("T", 97, 98, "Activities of households as employers"),
    ("U", 99, 99, "Activities of extraterritorial organisations and bodies"),
)
SECTION_OF_DIVISION = {f"{d:02d}": s for s, lo, hi, _ in SECTION_RANGES for d in range(lo, hi + 1)}
SECTION_TITLES = {s: title for s, _, _, title in SECTION_RANGES}
# Companies House codes that say nothing about the trade.
NON_TRADING = {"99999", "74990", "98000"}  # dormant, non-trading, residents' property management


def section_of(division: str | None) -> str | None:
    """The section letter of a two-digit division ('86' -> 'Q'); None when not a SIC 2007 division."""
    return SECTION_OF_DIVISION.get(division or "")


def division_of_codes(codes: list[str] | None) -> str | None:
    """The division of a company's first trading SIC code (Companies House lists the main activity first)."""
    for code in codes or []:
        code = code.strip().zfill(5)
        if code not in NON_TRADING and section_of(code[:2]):
            return code[:2]
    return None
