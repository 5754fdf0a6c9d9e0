"""SIC 2007 labels: a division (two digits) by its title, and the section (A-U) it rolls up to."""

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
# Division titles (SIC 2007, ONS), shortened where the official title is long; they tell apart divisions of one
# section ("21 Pharmaceuticals" and "32 Other manufacturing" are both section C).
DIVISIONS = {
    "01": "Crop and animal production", "02": "Forestry and logging", "03": "Fishing and aquaculture",
    "05": "Mining of coal and lignite", "06": "Extraction of crude petroleum and natural gas",
    "07": "Mining of metal ores", "08": "Other mining and quarrying", "09": "Mining support services",
    "10": "Food products", "11": "Beverages", "12": "Tobacco products", "13": "Textiles",
    "14": "Wearing apparel", "15": "Leather products", "16": "Wood and cork products",
    "17": "Paper and paper products", "18": "Printing and recorded media",
    "19": "Coke and refined petroleum products", "20": "Chemicals and chemical products",
    "21": "Pharmaceutical products", "22": "Rubber and plastic products", "23": "Other non-metallic mineral products",
    "24": "Basic metals", "25": "Fabricated metal products", "26": "Computer, electronic and optical products",
    "27": "Electrical equipment", "28": "Machinery and equipment", "29": "Motor vehicles and trailers",
    "30": "Other transport equipment", "31": "Furniture", "32": "Other manufacturing",
    "33": "Repair and installation of machinery", "35": "Electricity, gas, steam and air conditioning",
    "36": "Water collection, treatment and supply", "37": "Sewerage", "38": "Waste collection, treatment, disposal",
    "39": "Remediation and other waste services", "41": "Construction of buildings", "42": "Civil engineering",
    "43": "Specialised construction", "45": "Motor vehicle trade and repair", "46": "Wholesale trade",
    "47": "Retail trade", "49": "Land transport", "50": "Water transport", "51": "Air transport",
    "52": "Warehousing and transport support", "53": "Postal and courier", "55": "Accommodation",
    "56": "Food and beverage services", "58": "Publishing", "59": "Film, video, TV and music production",
    "60": "Programming and broadcasting", "61": "Telecommunications", "62": "Computer programming and consultancy",
    "63": "Information services", "64": "Financial services", "65": "Insurance and pension funding",
    "66": "Auxiliary financial services", "68": "Real estate", "69": "Legal and accounting",
    "70": "Head offices; management consultancy", "71": "Architecture and engineering; testing",
    "72": "Scientific research and development", "73": "Advertising and market research",
    "74": "Other professional and technical", "75": "Veterinary", "77": "Rental and leasing",
    "78": "Employment activities", "79": "Travel agencies and tour operators", "80": "Security and investigation",
    "81": "Services to buildings and landscape", "82": "Office administration and business support",
    "84": "Public administration and defence", "85": "Education", "86": "Human health",
    "87": "Residential care", "88": "Social work without accommodation", "90": "Creative arts and entertainment",
    "91": "Libraries, archives, museums", "92": "Gambling and betting", "93": "Sports, amusement and recreation",
    "94": "Membership organisations", "95": "Repair of computers and household goods",
    "96": "Other personal services", "97": "Households as employers", "98": "Households' own production",
    "99": "Extraterritorial organisations",
}
UNKNOWN = "unknown"


def section_of(division: str | None) -> str | None:
    """The section letter of a two-digit division, or None."""
    if not division or not division.isdigit():
        return None
    number = int(division)
    return next((letter for letter, (_, divisions) in SECTIONS.items() if number in divisions), None)


def section_name(letter: str | None) -> str | None:
    """A section's name up to its first comma or semicolon ('G' -> 'Wholesale and retail trade'); None if unknown."""
    found = SECTIONS.get(letter or "")
    return found[0].split(",")[0].split(";")[0] if found else None


def sector_label(division: str | None) -> str:
    """'43 · Specialised construction' for a division; 'no sector' when unknown."""
    section = section_of(division)
    if section is None:
        return "no sector"
    title = DIVISIONS.get(division or "")
    return f"{division} · {title or SECTIONS[section][0]}"
