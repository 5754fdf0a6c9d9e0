"""Supplier names and numbers reduced to comparable keys: case, punctuation, legal suffixes, account codes."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Legal forms dropped from the key: "ACME LTD", "Acme Limited" and "ACME (UK) LTD" are one organisation.
LEGAL_SUFFIXES = {
    "LTD",
    "LIMITED",
    "PLC",
    "LLP",
    "LP",
    "CIC",
    "CIO",
    "INC",
    "INCORPORATED",
    "LLC",
    "CORP",
    "CORPORATION",
    "GMBH",
    "AG",
    "SA",
    "BV",
    "NV",
    "UC",
    "ULC",
    "CYF",
    "CYFYNGEDIG",
    "CCC",
    "LIMIT",
    "LIMITE",
    "LIMI",
    "LIM",  # "LIMITED" cut short by a 40-character column
}
# Words a council's name may or may not carry ("Bury M.B.C.", "Bradford Met Council").
COUNCIL_WORDS = {"BOROUGH", "METROPOLITAN", "MET", "CITY", "COUNTY", "DISTRICT"}
# Multi-word legal forms, removed before tokenising.
LEGAL_PHRASES = (
    "COMMUNITY INTEREST COMPANY",
    "CHARITABLE INCORPORATED ORGANISATION",
    "PUBLIC LIMITED COMPANY",
    "LIMITED LIABILITY PARTNERSHIP",
    "COMPANY LIMITED BY GUARANTEE",
    "UK LIMITED",
    "UK LTD",
)
# Common abbreviations written both ways in spend files.
ABBREVIATIONS = {
    "CO": "COMPANY",
    "SVCS": "SERVICES",
    "SERV": "SERVICES",
    "SVS": "SERVICES",
    "ASSOC": "ASSOCIATION",
    "INTL": "INTERNATIONAL",
    "BROS": "BROTHERS",
    "MGMT": "MANAGEMENT",
    "DEPT": "DEPARTMENT",
    "CTR": "CENTRE",
    "CENTER": "CENTRE",
    "SAINT": "ST",
    "GRP": "GROUP",
    # Counties as NHS bodies and councils shorten them ("Lincs Community Health Services NHS Trust").
    "LINCS": "LINCOLNSHIRE",
    "NOTTS": "NOTTINGHAMSHIRE",
    "HANTS": "HAMPSHIRE",
    "WILTS": "WILTSHIRE",
    "GLOS": "GLOUCESTERSHIRE",
    "CAMBS": "CAMBRIDGESHIRE",
    "LANCS": "LANCASHIRE",
    "NORTHANTS": "NORTHAMPTONSHIRE",
    "STAFFS": "STAFFORDSHIRE",
    "HERTS": "HERTFORDSHIRE",
    "WORCS": "WORCESTERSHIRE",
    "LEICS": "LEICESTERSHIRE",
    "DERBYS": "DERBYSHIRE",
    "SHROPS": "SHROPSHIRE",
}
NOISE_WORDS = {"THE", "UK", "GB"}  # "(UK)", "The"
DASH = re.compile(r"\s+-\s*|\s*-\s+")  # " - " between a name and what follows
ACCOUNT_NUMBER = re.compile(r"\d{6,}")  # "EDF - 1232400259 - Unmetered Supply"
LEGAL_END = r"\b(?:LTD|LIMITED|PLC|LLP|CIC)\b\.?"
# After the legal name: "Horizon Healthcare Homes Limited Re Beckside Lodge", "Lloyds Pharmacy Ltd - 90 ..."
AFTER_LEGAL_NAME = re.compile(rf"^(.*?{LEGAL_END})\s*(?:\bRE\b|\bC/O\b|-\s).*$", re.IGNORECASE)
# Trading names: "T/A Holyrood Day Nursery" (the file names only the trading name) and
# "Beaumont Care Ltd T/A Caremark Calderdale" (the legal name comes first: keep it).
LEADING_TRADING_AS = re.compile(r"^T\s?/\s?A\s+", re.IGNORECASE)
TRADING_AS = re.compile(r"\s+(?:T\s?/\s?A|TA|T/AS|TRADING AS)\s+.+$", re.IGNORECASE)
# A register's own code after the name: "NHS Devon ICB - 15N", "NHS West Yorkshire ICB - X2C4Y".
CODE_TAIL = re.compile(r"\s+-\s+(?=[A-Z0-9]{2,6}$)[A-Z]*\d[A-Z0-9]*$", re.IGNORECASE)
# An initialism in brackets repeating the words before it: "Electoral Reform Services (ERS) Limited".
BRACKETED_INITIALS = re.compile(r"\(([A-Za-z]{2,6})\)")
ESCAPED_BREAK = re.compile(r"\\[nrt]")  # "Voluntary\nServices": a line break written out as text
CARD_REFERENCE = re.compile(r"\s*\*.*$")  # "MSFT * E0400HF8LS", "Ebay O*17-08834-19285"
TERMINAL_PREFIX = re.compile(r"^\d{6,}\s+(?=[A-Za-z])")  # "43024700 Costa Coffee" (card terminal id)
DIRECT_DEBIT_PREFIX = re.compile(r"^\((?:DD|DD ONLY)\)\s*", re.IGNORECASE)
PUNCTUATION = re.compile(r"[^A-Z0-9& ]+")
LETTERS = re.compile("[A-Za-z]{2}")
POSSESSIVE = re.compile(r"(?<=[A-Z])['\u2019](?=S\b)")
INITIAL_DOTS = re.compile(r"(?<=\b[A-Z])\.(?=[A-Z]\b)")
SPACED_UK = re.compile(r"\bU K\b")
MBC = re.compile(r"\bM ?B ?C\b")
LEGAL_PHRASE = re.compile(r"\b(?:" + "|".join(LEGAL_PHRASES) + r")\b")
LEGAL_INSIDE = re.compile(rf"{LEGAL_END}\s*\S", re.IGNORECASE)  # something after a legal form
TA_WORD = re.compile(r"\b(?:T\s?/\s?A|TA|T/AS|TRADING AS)\b", re.IGNORECASE)
LEGAL_PHRASE_START = re.compile(r"\b(?:COMMUNITY|CHARITABLE|PUBLIC|LIMITED|COMPANY|UK)\b")
MID_NAME_LEGAL = {"LTD", "LIMITED", "PLC", "LLP"}  # "ACME LTD T/A" leftovers; "AG" or "SA" mid-name are words
MAX_KEY = 200  # normalised characters compared; no real organisation's name is longer (Companies House: 160)
MAX_RAW = 1000  # raw characters read, for the same reason
MAX_TAIL = 40  # of which the last ones, where "Ltd" is
COMPANY_NUMBER = re.compile(r"^([A-Z]{2})?(\d{1,8})$")
CHARITY_NUMBER = re.compile(r"^(\d{6,8})(?:-(\d{1,2}))?$")


def fold(text: str) -> str:
    """Upper-case ASCII text: accents dropped, curly quotes and cp1252 apostrophes removed."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return text.upper()


def strip_references(text: str) -> str:
    """Drop what is an account, store or card reference rather than the name."""
    # Each rule is tried only when its tell-tale character is present: most names need none of them.
    text = text.strip()
    if "\\" in text:
        text = ESCAPED_BREAK.sub(" ", text)
    if text.startswith("("):
        text = DIRECT_DEBIT_PREFIX.sub("", text)
    if text[:1].isdigit():
        text = TERMINAL_PREFIX.sub("", text)
    if "/" in text[:4]:
        text = LEADING_TRADING_AS.sub("", text)
    if "-" in text:
        pieces = DASH.split(text)
        if len(pieces) > 1 and ACCOUNT_NUMBER.search(" ".join(pieces[1:])) and LETTERS.search(pieces[0]):
            text = pieces[0]
        text = CODE_TAIL.sub("", text)
    if "(" in text:
        text = BRACKETED_INITIALS.sub(
            lambda m: " " if repeats_initials(m.group(1), text[: m.start()]) else m.group(0), text
        ).strip()
    text = AFTER_LEGAL_NAME.sub(r"\1", text) if LEGAL_INSIDE.search(text) else text
    if len(text.split()) > 2 and TA_WORD.search(text):
        text = TRADING_AS.sub("", text)
    if "*" not in text:
        return text
    stripped = CARD_REFERENCE.sub("", text)
    return stripped if stripped.strip() else text


def repeats_initials(initials: str, before: str) -> bool:
    """Whether initials are the first letters of words before them, in order ("MFT": Manchester ... F... T...)."""
    firsts = [w[0] for w in re.findall(r"[A-Za-z]+", before.upper())]
    wanted = initials.upper()
    if not firsts or wanted[0] != firsts[0]:
        return False
    position = 0
    for letter in firsts:
        if position < len(wanted) and letter == wanted[position]:
            position += 1
    return position == len(wanted)


def name_tokens(text: str) -> list[str]:
    """The words of a name after folding, punctuation and legal-form removal, abbreviations expanded."""
    text = fold(strip_references(text))
    text = text.replace("&", " AND ").replace("+", " AND ")
    if "'" in text or "\u2019" in text:
        text = POSSESSIVE.sub("", text)  # ST MARY'S -> ST MARYS
    if "." in text:
        text = INITIAL_DOTS.sub("", text)  # initials "N.E.W." -> "NEW"
    text = PUNCTUATION.sub(" ", text)
    if " K" in text or "B" in text:
        text = MBC.sub("COUNCIL", SPACED_UK.sub("UK", text))  # "(U K )", "M.B.C."
    if LEGAL_PHRASE_START.search(text):
        text = LEGAL_PHRASE.sub(" ", text)
    words = [ABBREVIATIONS.get(w, w) for w in text.split()]
    words = [w for w in words if w not in NOISE_WORDS]
    # Legal forms only count as such at the end ("LTD" mid-name is rare and usually a typo of the end).
    legal_end = bool(words) and words[-1] in LEGAL_SUFFIXES
    while words and words[-1] in LEGAL_SUFFIXES:
        words.pop()
    words = [w for w in words if w not in MID_NAME_LEGAL or len(words) == 1]
    # A trailing store/branch number ("Tesco Store 2617", "HOME OFFICE 12511") is not part of the name; one
    # before the legal form is ("Supplier 00001 Ltd" and "Supplier 00002 Ltd" are two companies).
    while not legal_end and len(words) > 1 and words[-1].isdigit() and len(words[-1]) >= 4:
        words.pop()
    if words and words[0] == "AND":
        words.pop(0)
    if len(words) > 1 and words[-1] == "COUNCIL":
        words = [w for w in words[:-1] if w not in COUNCIL_WORDS] + ["COUNCIL"]
    return words


@lru_cache(maxsize=500_000)
def normalise_name(text: str) -> str:
    """The matching key of a supplier name: 'The Acme (UK) Ltd.' -> 'ACME'; at most MAX_KEY characters."""
    text = cap_name(text or "")
    words = name_tokens(text)
    if not words:  # a name that is only a legal form or noise keeps its folded text
        return " ".join(PUNCTUATION.sub(" ", fold(text)).split())[:MAX_KEY].strip()
    return " ".join(words)[:MAX_KEY].strip()


def cap_name(text: str) -> str:
    """A name cut to MAX_RAW characters, keeping its last MAX_TAIL (where the legal form is written).

    Work on a name stays linear in its length: a 1,000,000-character payee is keyed by its start and end.
    """
    if len(text) <= MAX_RAW:
        return text
    return text[: MAX_RAW - MAX_TAIL] + " " + text[-MAX_TAIL:]


LEGAL_FORM_AT_END = re.compile(r"\b(?:LTD|LIMITED|PLC|LLP|CIC|CIO|CYF|CYFYNGEDIG)\W*$")


def has_legal_form(text: str) -> bool:
    """Whether a name is written as a full legal name, ending in its legal form ('Civica UK Ltd')."""
    return bool(LEGAL_FORM_AT_END.search(fold(strip_references(cap_name(text or "")))))


def compact_key(name_key: str) -> str:
    """The key without spaces, so 'PORTAL PLAN QUEST' and 'PORTALPLANQUEST' meet."""
    return name_key.replace(" ", "")


def normalise_company_number(text: object) -> str | None:
    """A Companies House number, leading zeros restored to 8 characters ('2535986' -> '02535986')."""
    if text is None:
        return None
    value = re.sub(r"\.0$", "", str(text).strip())
    value = re.sub(r"[\s.]", "", value).upper()
    match = COMPANY_NUMBER.match(value)
    if not match or not match.group(2).strip("0"):
        return None
    prefix, digits = match.group(1) or "", match.group(2)
    return prefix + digits.zfill(8 - len(prefix))


def normalise_charity_number(text: object) -> str | None:
    """A registered charity number ('1234567', '1234567-1' for a subsidiary, 'SC012345'); else None."""
    if text is None:
        return None
    value = re.sub(r"\s", "", re.sub(r"\.0$", "", str(text).strip())).upper()
    scottish = re.match(r"^SC0?(\d{5,6})$", value)
    if scottish:
        return "SC" + scottish.group(1).zfill(6)
    match = CHARITY_NUMBER.match(value)
    if not match or not match.group(1).strip("0"):
        return None
    return match.group(1) + (f"-{match.group(2)}" if match.group(2) else "")
