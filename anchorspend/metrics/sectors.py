"""SIC 2007 labels: a division (two digits) rolled up to its section (A-U) for display."""

from __future__ import annotations

# Sections and the divisions they hold (SIC 2007 structure, ONS).
SECTIONS = {
    "A": ("Agriculture, forestry and fishing", range(1, 4)),
    "B": ("Mining and quarrying", range(5, 10)),
    "C": ("Manufacturing", range(10, 34)),
    "D": ("Electricity, gas, steam and air conditioning supply", range(35, 36)),
    "E": ("Water supply, sewerage, waste management and remediation", range(36, 40)),
    "F": ("Construction", range(41, 44)),
    "G": ("Wholesale and retail trade; repair of motor vehicles", range(45, 48)),
    "H": ("Transportation and storage", range(49, 54)),
    "I": ("Accommodation and food service activities", range(55, 57)),
    "J": ("Information and communication", range(58, 64)),
    "K": ("Financial and insurance activities", range(64, 67)),
    "L": ("Real estate activities", range(68, 69)),
    "M": ("Professional, scientific and technical activities", range(69, 76)),
    "N": ("Administrative and support service activities", range(77, 83)),
    "O": ("Public administration and defence; compulsory social security", range(84, 85)),
    "P": ("Education", range(85, 86)),
    "Q": ("Human health and social work activities", range(86, 89)),
    "R": ("Arts, entertainment and recreation", range(90, 94)),
    "S": ("Other service activities", range(94, 97)),
    "T": ("Activities of households as employers", range(97, 99)),
    "U": ("Activities of extraterritorial organisations and bodies", range(99, 100)),
}
UNKNOWN = "unknown"


def section_of(division: str | None) -> str | None:
    """The section letter of a two-digit division, or None."""
    if not division or not division.isdigit():
        return None
    number = int(division)
    return next((letter for letter, (_, divisions) in SECTIONS.items() if number in divisions), None)


def sector_label(division: str | None) -> str:
    """'43 · F Construction' for a division; 'no sector' when unknown."""
    section = section_of(division)
    if section is None:
        return "no sector"
    return f"{division} · {section} {SECTIONS[section][0]}"
