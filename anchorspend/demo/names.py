"""Invented names for organisations and people, and the ways finance systems spell them."""

from __future__ import annotations

import numpy as np

# Words for local firms (place-like and family names) and syllables for national brands.
LOCAL_WORDS = (
    "Fennmouth",
    "Harbourside",
    "Castlegate",
    "Millbank",
    "Quillbridge",
    "Marrowdale",
    "Brackenholt",
    "Thistlecombe",
    "Northgate",
    "Saltmarsh",
    "Greenway",
    "Oakhurst",
    "Pellow",
    "Tranter",
    "Brindle",
    "Ashworth",
    "Kettlewell",
    "Dunmore",
    "Halloran",
    "Whitlow",
    "Penrose",
    "Carrick",
    "Fairbairn",
    "Gorman",
    "Lindqvist",
    "Okafor",
    "Raikes",
    "Sefton-Hale",
    "Tolliver",
    "Varley",
    "Wickham",
    "Yardley",
    "Bellweather",
    "Copperfield",
    "Dogger",
    "Eastholme",
    "Foxley",
    "Gannet",
    "Heron",
    "Ironbridge",
    "Juniper",
    "Kestrel",
    "Larkspur",
    "Moorcroft",
    "Nettlebed",
    "Osprey",
    "Puffin",
    "Redcap",
    "Sandpiper",
    "Teal",
    "Upland",
    "Wren",
)
BRAND_HEADS = (
    "Nor",
    "Vel",
    "Axi",
    "Cor",
    "Tri",
    "Omni",
    "Stra",
    "Quan",
    "Lum",
    "Ser",
    "Pro",
    "Zen",
    "Kin",
    "Mer",
)
BRAND_TAILS = (
    "vanta",
    "tica",
    "lex",
    "tera",
    "cura",
    "spire",
    "gate",
    "nova",
    "aris",
    "well",
    "ion",
    "ora",
    "bex",
)
FIRST_NAMES = (
    "Alice",
    "Ben",
    "Chloe",
    "Dev",
    "Ellen",
    "Farid",
    "Grace",
    "Hamish",
    "Ines",
    "Jonah",
    "Kiran",
    "Lena",
    "Marcus",
    "Nadia",
    "Owen",
    "Priya",
    "Rhys",
    "Sian",
    "Tomasz",
    "Una",
)
TITLES = ("Mr", "Mrs", "Ms", "Dr", "Prof")
LOOKALIKE_WORDS = ("Services", "Group", "(North)", "& Sons", "Solutions", "Holdings")

# How each anchor's finance system writes names by default; the register holds the legal name.
STYLES = ("register", "upper_ltd", "upper_limited", "title_ltd", "uk", "dotted")


def brand(rng: np.random.Generator) -> str:
    """An invented brand word such as 'Velspire'."""
    return str(rng.choice(BRAND_HEADS)) + str(rng.choice(BRAND_TAILS))


def local_word(rng: np.random.Generator) -> str:
    """A place-like or family word such as 'Castlegate'."""
    return str(rng.choice(LOCAL_WORDS))


def person(rng: np.random.Generator) -> str:
    """A named individual as some publishers print them ('Dr Ellen Whitlow')."""
    return f"{rng.choice(TITLES)} {rng.choice(FIRST_NAMES)} {rng.choice(LOCAL_WORDS[12:])}"


def legal_suffix(kind: str) -> str:
    """The suffix of a legal name for an organisation kind."""
    return {
        "ltd": "Limited",
        "plc": "PLC",
        "llp": "LLP",
        "cic": "CIC",
        "charity": "",
        "public": "",
        "partnership": "& Co",
    }[kind]


def spell(name: str, kind: str, style: str) -> str:
    """The legal name as a given finance-system style writes it ('ACME LTD', 'Acme (UK) Limited', ...)."""
    if kind in ("charity", "public", "partnership", "individual"):
        return name.upper() if style in ("upper_ltd", "upper_limited", "uk") else name
    stem, _, suffix = name.rpartition(" ")
    if kind == "ltd":
        if style == "upper_ltd":
            return f"{stem} Ltd".upper()
        if style == "upper_limited":
            return name.upper()
        if style == "title_ltd":
            return f"{stem} Ltd"
        if style == "uk":
            return f"{stem} (UK) Limited".upper()
        if style == "dotted":
            return f"{stem} Ltd."
    if kind == "plc" and style in ("upper_ltd", "upper_limited", "uk"):
        return f"{stem} PLC".upper()
    if kind == "plc" and style == "dotted":
        return f"{stem} plc"
    return name
