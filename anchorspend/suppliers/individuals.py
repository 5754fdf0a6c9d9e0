"""Is a payee a person rather than an organisation: a redaction label, a person's name, or a code."""

from __future__ import annotations

import re

from anchorspend.suppliers.normalise import cap_name, fold
from anchorspend.suppliers.wordlists import word_list

# Every label the reference files use ("Redacted Personal Information", "REDACTED - Personal Information",
# "Redacted Data", "Redacted Personal Data") and the usual others. Whole words only, so that
# "Redactive Publishing Limited" and "Personal Safety Training" stay organisations.
REDACTION = re.compile(
    r"^\W*(?:REDACTED\b.*|PERSONAL (?:DATA|INFORMATION|DETAILS)\b.*|(?:PRIVATE )?INDIVIDUALS?|"
    r"NAME WITHHELD|WITHHELD|NOT DISCLOSED|NON[- ]DISCLOSABLE|CONFIDENTIAL|DATA PROTECTION|"
    r"PERSONAL INFORMATION REDACTED|SUPPLIER NAME REDACTED)\W*$"
)
# Personal budget / client codes instead of a name: Calderdale writes "2022:06VI Visual Impairment".
PERSONAL_BUDGET_CODE = re.compile(r"^\d{4}:\d{2}")
TITLES = word_list("titles")
# Words that make a name an organisation's, whatever else it looks like.
ORGANISATION_WORDS = word_list("organisation_words")
# Initials that spell a legal form or public body, not a person's ("Trafford M B C", "S.L.").
INITIALISMS = word_list("initialisms")
# Common given names (UK), for "DUNCAN CAMPBELL" or "Cath Ford" written with no title.
FORENAMES = word_list("forenames")
CODE_TOKEN = re.compile(r"^[A-Z]{0,3}[-/]?\d{4,}[A-Z0-9/-]*$")  # "C123456", "100234", "AB-12345"
# Firms named after a person (or read like one: "E.ON", "Dr Martens"), written without a legal form.
FIRMS_NAMED_AFTER_PEOPLE = word_list("firms_named_after_people")
WORD = re.compile(r"[A-Z][A-Z'\-]*")


def _words(raw_name: str) -> list[str]:
    return [w.replace("'", "").replace("-", "") for w in WORD.findall(fold(raw_name))]


def is_redaction_label(raw_name: str) -> bool:
    """A label written in place of a redacted person's name."""
    return bool(REDACTION.match(" ".join(fold(raw_name).replace("-", " ").split())))


def _after_titles(words: list[str]) -> list[str] | None:
    """The words after a leading title or titles ('MR AND MRS', 'DR'), or None when there is no title."""
    position = 0
    while position < len(words) and words[position] in TITLES:
        position += 1
        if position + 1 < len(words) and words[position] == "AND" and words[position + 1] in TITLES:
            position += 1  # "Mr & Mrs", "Mr and Mrs"
    return words[position:] if position else None


def _is_name_part(words: list[str]) -> bool:
    """Words that could be a person's initials and names: no organisation word, no '-ING' trade."""
    return not any(w in ORGANISATION_WORDS or w.endswith("ING") for w in words)


def looks_like_person(raw_name: str) -> bool:
    """A person's name written outright: 'Mr Dean Underwood', 'Mr & Mrs Smith', 'J W PRICE', 'DUNCAN CAMPBELL'."""
    if re.search(r"[0-9@/]", raw_name):
        return False
    words = _words(raw_name.replace("&", " AND ").replace("+", " AND "))
    if " ".join(words) in FIRMS_NAMED_AFTER_PEOPLE:
        return False
    rest = _after_titles(words)
    if rest is not None:
        # "Mr J K S Patel", "Miss P R Jones", "Dr Marks": a title, initials, and one to three names.
        long_words = [w for w in rest if len(w) > 1]
        return 1 <= len(long_words) <= 3 and len(rest) <= 6 and _is_name_part(rest)
    if "AND" in words or not 2 <= len(words) <= 4 or not _is_name_part(words):
        return False
    long_words = [w for w in words if len(w) > 1]
    initials = "".join(w for w in words if len(w) == 1)
    if initials in INITIALISMS:
        return False
    # "F G ROWLAND", "Greenfield A F"; a two-letter 'surname' is a brand's letters ("E.ON", "E ON").
    if len(long_words) == 1 and 1 <= len(initials) <= 2:
        return len(long_words[0]) > 2
    # A forename and a surname, with at most a middle initial ("DUNCAN CAMPBELL", "IAN G SCHOLES"); a third
    # long word is usually the trade ("Peter Douglass Platforms"), so that stays an organisation.
    return words[0] in FORENAMES and len(long_words) == 2 and len(initials) <= 1


def is_code(raw_name: str) -> bool:
    """A client or personal-budget code instead of a name."""
    text = fold(raw_name).strip()
    if PERSONAL_BUDGET_CODE.match(text):
        return True
    tokens = text.split()
    return bool(tokens) and all(CODE_TOKEN.match(t) for t in tokens)


def payee_kind(raw_name: str) -> str | None:
    """'redacted', 'person' or 'code' when the payee is an individual; None for an organisation."""
    raw_name = cap_name(raw_name)
    if is_redaction_label(raw_name):
        return "redacted"
    if is_code(raw_name):
        return "code"
    if looks_like_person(raw_name):
        return "person"
    return None
