"""Short anchor names for charts and projected tables: 'Calderdale Metropolitan Borough Council' -> 'Calderdale
Council', 'King's College Hospital NHS Foundation Trust' -> 'King's College Hospital NHS'.

A general rule on the words of the name (the kind of body, its legal form), never one publisher's name; a set of
names keeps every short name unique by giving the colliding ones their full names back.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

LONGEST = 28  # characters: about a third of a projected chart's width at 20 px

# (pattern, replacement) applied in order to the whole name, case-insensitively.
RULES: tuple[tuple[str, str], ...] = (
    (r"^the\s+", ""),
    (r"[\s,]+(limited|ltd\.?|plc|cic|c\.i\.c\.|llp|incorporated)$", ""),  # legal form, never the name
    # Councils: the council's own place and "Council"; the kind of council in between says nothing in a room
    # where every anchor is from one area (a county council keeps "County": its districts are anchors too).
    (r"^(royal\s+)?(london\s+)?borough\s+of\s+(.+?)(\s+council)?$", r"\3 Council"),
    (r"^(city\s+and\s+county|county\s+borough|city)\s+of\s+(.+?)\s+council$", r"\2 Council"),
    (
        r"\s+(metropolitan\s+borough|metropolitan\s+district|metropolitan|county\s+borough|borough|district|city)"
        r"\s+council$",
        " Council",
    ),
    # NHS bodies: "NHS" says what it is; "Foundation Trust", "Trust", "FT", "CCG", "ICB" are its legal form.
    (r"\s+nhs\s+(foundation\s+trust|trust|ft)$", " NHS"),
    (r"^nhs\s+(.+?)\s+(ccg|icb|clinical\s+commissioning\s+group|integrated\s+care\s+board)$", r"NHS \1"),
    (r"^(office\s+of\s+the\s+)?police\s+(and|&)\s+crime\s+commissioner\s+for\s+(.+)$", r"\3 Police"),
    (r"\s+(police|constabulary)(\s+service)?$", " Police"),
    (r"\s+fire\s+(and|&)\s+rescue\s+(service|authority)$", " Fire and Rescue"),
)
# Words shortened when a name is still longer than LONGEST after the rules (the chart wraps what remains).
ABBREVIATIONS: tuple[tuple[str, str], ...] = (
    (r"\s+and\s+", " & "),
    (r"\buniversity\b", "Univ."),
    (r"\bhospitals?\b", "Hosp."),
    (r"\bhealthcare\b", "Health"),
    (r"\bco-operative\b", "Co-op"),
    (r"\bdepartment\b", "Dept"),
)


def short_name(name: str) -> str:
    """One anchor's short name by the rules (unique among others only through short_names)."""
    text = " ".join(str(name).split())
    for pattern, replacement in RULES:
        text = re.sub(pattern, replacement, text, flags=re.IGNORECASE).strip() or text
    for pattern, replacement in ABBREVIATIONS:
        if len(text) <= LONGEST:
            break
        text = re.sub(pattern, replacement, text, flags=re.IGNORECASE)
    return text or str(name)


def short_names(names: Iterable[str]) -> dict[str, str]:
    """Each name's short name, every one different: names whose short names collide keep their full names."""
    full = list(dict.fromkeys(str(n) for n in names))
    short = {n: short_name(n) for n in full}
    while True:
        seen = Counter(s.casefold() for s in short.values())
        clashing = [n for n, s in short.items() if seen[s.casefold()] > 1 and s != n]
        if not clashing:
            break
        for n in clashing:
            short[n] = n
    seen = Counter(s.casefold() for s in short.values())
    return {n: s if seen[s.casefold()] == 1 else n for n, s in short.items()}
