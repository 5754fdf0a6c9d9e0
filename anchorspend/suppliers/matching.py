"""Match one supplier name (and any numbers) against the organisations known so far, with blocking.

Why rapidfuzz and not Splink: supplier records here carry a name and, sometimes, a company or charity
number. Numbers are matched exactly first, so the probabilistic part would only ever see one field (the
name), where Splink's Fellegi-Sunter weights add nothing over a string similarity, and its per-run model
training would make ids depend on the batch. Incremental matching against an inverted index of words keeps
supplier ids stable (a new spelling attaches to an existing organisation, nothing is re-clustered) and
resolves 100,000 names within a minute on two cores (bench/bench_suppliers.py), where a Splink run per load
would re-cluster everything.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz, process

from anchorspend.suppliers.normalise import ABBREVIATIONS, has_legal_form
from anchorspend.suppliers.wordlists import word_list

GENERIC_WORDS = word_list("generic_words")  # shared on their own, these never make two names alike

# Words that do not tell two organisations apart when one name has them and the other does not.
FILLER_WORDS = {
    "AND",
    "OF",
    "COMPANY",
    "GROUP",
    "HOLDINGS",
    "SERVICES",
    "SERVICE",
    "UK",
    "ENGLAND",
    "BRITAIN",
    "GREAT",
}
# In an NHS body's name these words come and go with renamings of one trust ("West Midlands Ambulance Service
# [University] NHS FT", "Wrightington, Wigan and Leigh [Teaching Hospitals] NHS FT"); the place names tell.
NHS_FILLER_WORDS = {"UNIVERSITY", "TEACHING", "HOSPITAL", "HOSPITALS"}
NHS_FORM_WORDS = {"NHS", "FOUNDATION", "TRUST"}  # "... NHS Foundation Trust" ends a name like a legal form
# Endings of one word's forms: "CONSULTANT", "CONSULTING", "CONSULTANCY"; "ENGINEERS", "ENGINEERING".
WORD_ENDINGS = ("ING", "ANCY", "ANTS", "ANT", "ERS", "ER", "S")
MIN_STEM = 5
AUTO_SCORE = 88.0  # token_sort_ratio at or above which a compatible pair is the same organisation
REVIEW_SCORE = 85.0  # a pair this close, but not compatible or not close enough, goes to a person
TOKEN_SIMILAR = 88.0  # two words this similar (and 5+ letters) are a typo of each other ("SYSTEMSLINK")
MAX_BLOCK = 60  # a block shared by more names than this is too common to compare within
MAX_TYPO_WORD = 30  # longer words get no one-letter-deletion blocks (keeps blocking linear in name length)
MAX_CANDIDATES = 40  # names compared in full, those sharing the most blocks first


@dataclass
class Match:
    """Where a name went: an existing organisation (or None for a new one), how, and how sure."""

    supplier_id: int | None
    method: str
    confidence: float
    review: list[tuple[int, float]] = field(default_factory=list)  # (candidate id, score) to ask a person about


def nhs_words(words: list[str]) -> list[str]:
    """An NHS body's words compared without renaming words or its "NHS (Foundation) Trust" ending.

    "NHS FT" is written out first; the ending goes only when two words are left to tell the body apart.
    """
    if "NHS" not in words:
        return words
    expanded: list[str] = []
    for position, word in enumerate(words):
        if word == "FT" and position and words[position - 1] == "NHS":
            expanded += ["FOUNDATION", "TRUST"]
        else:
            expanded.append(word)
    kept = [w for w in expanded if w not in NHS_FILLER_WORDS] or expanded
    end = len(kept)
    while end and kept[end - 1] in NHS_FORM_WORDS:
        end -= 1
    body = kept[:end]
    return body if "NHS" in kept[end:] and len([w for w in body if w not in FILLER_WORDS]) >= 2 else kept


def telling_words(words: list[str]) -> list[str]:
    """The words that tell one organisation from another: abbreviations written out, fillers dropped."""
    words = nhs_words([ABBREVIATIONS.get(w, w) for w in words])
    return [w for w in words if w not in FILLER_WORDS] or words


def core_key(words: list[str]) -> str:
    """The telling words of a name, filler words dropped ("ACME SERVICES" -> "ACME")."""
    return " ".join(telling_words(words))


def distinctive(words: list[str]) -> bool:
    """Whether a name has a word beyond the generic ones ("CARE UK" has none), so that it can be alike another."""
    return any(ABBREVIATIONS.get(w, w) not in GENERIC_WORDS for w in words)


def stem(word: str) -> str:
    """A word without its common ending ("CONSULTING" -> "CONSULT"), when enough of it is left."""
    for _ in range(2):
        for ending in WORD_ENDINGS:
            if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM:
                word = word[: -len(ending)]
                break
    return word


def filler_stems(name_key: str) -> frozenset[str]:
    """The filler words of a key, singular ("SERVICE" and "SERVICES" are one)."""
    return frozenset(w.removesuffix("S") for w in name_key.split() if w in FILLER_WORDS)


def tokens_compatible(a: list[str], b: list[str]) -> bool:
    """Every telling word of each name has a partner in the other (equal, or a typo of a long word)."""
    a_words = [w for w in telling_words(a) if w not in FILLER_WORDS]
    b_words = [w for w in telling_words(b) if w not in FILLER_WORDS]
    if not a_words or not b_words:
        return False
    return _covered(a_words, b_words) and _covered(b_words, a_words)


def _covered(words: list[str], others: list[str]) -> bool:
    other_set = set(others)
    joined = "".join(others)
    for position, word in enumerate(words):
        if word in other_set or word + "S" in other_set or (word.endswith("S") and word[:-1] in other_set):
            continue
        if len(word) >= MIN_STEM + 2 and any(len(o) >= MIN_STEM + 2 and stem(o) == stem(word) for o in others):
            continue  # one word's forms: "CONSULTANT" / "CONSULTING"
        # A word cut short by a column width ("RED BAN", "PURCHAS") is the start of the other's word.
        short_ok = len(word) >= 5 or (position == len(words) - 1 and len(word) >= 3)
        if short_ok and any(o.startswith(word) for o in others):
            continue
        if any(ch.isdigit() for ch in word) or len(word) < 5:
            # Numbers and short words must agree exactly ("18" vs "39" chambers, "BURY" vs "BOLTON" aside);
            # a short word may still be part of a run-together spelling ("PORTAL PLAN" vs "PORTALPLAN").
            if len(word) >= 3 and word in joined:
                continue
            return False
        if not any(len(o) >= 5 and fuzz.ratio(word, o) >= TOKEN_SIMILAR for o in others) and word not in joined:
            return False
    return True


@lru_cache(maxsize=200_000)
def block_keys(name_key: str) -> frozenset[str]:
    """The blocks a name falls in: each telling word, one-letter deletions of the first two (so a typo in
    the distinctive word still meets it, as in SymSpell), the first two telling words together, and the start
    of the run-together name."""
    words = [w for w in name_key.split() if w not in FILLER_WORDS]
    blocks = {"#" + name_key.replace(" ", "")[:6]}
    if len(words) >= 2:
        blocks.add("2:" + words[0] + " " + words[1])
    for position, word in enumerate(words):
        blocks.add("w:" + word)
        if position < 2 and 5 <= len(word) <= MAX_TYPO_WORD and not word.isdigit():
            blocks.update("w:" + word[:i] + word[i + 1 :] for i in range(len(word)))
    return frozenset(blocks)


class SupplierIndex:
    """The organisations known so far, indexed by number, exact key, run-together key and word."""

    def __init__(self) -> None:
        self.by_company: dict[str, int] = {}
        self.by_charity: dict[str, int] = {}
        self.by_key: dict[str, set[int]] = defaultdict(set)
        self.by_compact: dict[str, set[int]] = defaultdict(set)
        self.blocks: dict[str, set[str]] = defaultdict(set)  # block -> name keys in it
        self.keys_of: dict[int, set[str]] = defaultdict(set)
        self.company_of: dict[int, str] = {}
        self.charity_of: dict[int, str] = {}
        self.keep_apart: set[frozenset[str]] = set()
        self.legal_keys: set[str] = set()  # keys of names written as a full legal name ("... Limited")

    def add(
        self,
        supplier_id: int,
        name_key: str,
        company: str | None = None,
        charity: str | None = None,
        legal: bool = False,
    ) -> None:
        """Record that name_key (and the numbers) belong to supplier_id; legal: written with its legal form."""
        if legal and name_key:
            self.legal_keys.add(name_key)
        if company:
            self.by_company.setdefault(company, supplier_id)
            self.company_of.setdefault(supplier_id, company)
        if charity:
            self.by_charity.setdefault(charity, supplier_id)
            self.charity_of.setdefault(supplier_id, charity)
        if not name_key or name_key in self.keys_of[supplier_id]:
            return
        self.keys_of[supplier_id].add(name_key)
        if name_key not in self.by_key:
            for block in block_keys(name_key):
                self.blocks[block].add(name_key)
        self.by_key[name_key].add(supplier_id)
        self.by_compact[name_key.replace(" ", "")].add(supplier_id)

    def _conflicts(self, supplier_id: int, company: str | None, charity: str | None) -> bool:
        """Different registered numbers mean different organisations, however alike the names."""
        other_company = self.company_of.get(supplier_id)
        other_charity = self.charity_of.get(supplier_id)
        return bool(
            (company and other_company and company != other_company)
            or (charity and other_charity and charity != other_charity)
        )

    def _apart(self, name_key: str, supplier_id: int) -> bool:
        return any(frozenset((name_key, k)) in self.keep_apart for k in self.keys_of[supplier_id])

    def match(
        self, name_key: str, company: str | None = None, charity: str | None = None, legal: bool = False
    ) -> Match:
        """Find the organisation a name belongs to: by number, exact key, run-together key, then fuzzy."""
        if company and company in self.by_company:
            return Match(self.by_company[company], "company_number", 1.0)
        if charity and charity in self.by_charity:
            return Match(self.by_charity[charity], "charity_number", 1.0)
        if not name_key:
            return Match(None, "new", 1.0)
        for ids, method, confidence in (
            (self.by_key.get(name_key, ()), "exact_name", 1.0),
            (self.by_compact.get(name_key.replace(" ", ""), ()), "fuzzy", 0.99),
        ):
            usable = sorted(
                i
                for i in ids
                if not self._conflicts(i, company, charity) and not self._distinct_company(i, name_key, legal)
            )
            if usable:
                return Match(usable[0], method, confidence)
        return self._fuzzy(name_key, company, charity, legal)

    def _distinct_company(self, supplier_id: int, name_key: str, legal: bool) -> bool:
        """Whether a full legal name differs by a filler word from a legal name the organisation already has.

        "Civica Services Limited" and "Civica UK Ltd" (or "Acme Holdings Ltd" and "Acme Ltd") are each a name
        Companies House gave one company; a spend file's "Civica" may join either, but they never join.
        """
        if not legal:
            return False
        fillers = filler_stems(name_key)
        return any(
            key != name_key and key in self.legal_keys and filler_stems(key) != fillers
            for key in self.keys_of[supplier_id]
        )

    def _candidates(self, name_key: str) -> list[str]:
        """Known name keys sharing a block with name_key, those sharing most blocks first."""
        hits: Counter[str] = Counter()
        for block in block_keys(name_key):
            keys = self.blocks.get(block)
            if keys and len(keys) <= MAX_BLOCK:
                hits.update(keys)
        # Ties broken by the name itself, so the same store resolves the same way on every run.
        ranked = sorted(hits.items(), key=lambda kv: (-kv[1], kv[0]))
        return [key for key, _ in ranked[:MAX_CANDIDATES]]

    def _fuzzy(self, name_key: str, company: str | None, charity: str | None, legal: bool = False) -> Match:
        words = name_key.split()
        # A name of generic words only ("CARE UK") is contained in hundreds of others ("AKARI CARE"), where
        # token_set_ratio scores 100: it joins or is offered only by its exact spelling.
        choices = [key for key in self._candidates(name_key) if distinctive(key.split())] if distinctive(words) else []
        if not choices:
            return Match(None, "new", 1.0)
        # token_set_ratio finds names that contain each other ("ACME" in "ACME SERVICES") as well as typos.
        scored = process.extract(name_key, choices, scorer=fuzz.token_set_ratio, limit=6, score_cutoff=REVIEW_SCORE)
        core = core_key(words)
        best: tuple[float, int] | None = None
        review: dict[int, float] = {}
        for key, set_score, _ in scored:
            other = key.split()
            score = fuzz.token_sort_ratio(core, core_key(other))
            compatible = score >= AUTO_SCORE and tokens_compatible(words, other)
            # one name inside the other counts only when what they share is more than generic words
            contained = set_score >= 95 and distinctive(sorted(set(words) & set(other)))
            for supplier_id in sorted(self.by_key[key]):
                if self._conflicts(supplier_id, company, charity) or self._apart(name_key, supplier_id):
                    continue
                if compatible and not self._distinct_company(supplier_id, name_key, legal):
                    if best is None or score > best[0]:
                        best = (score, supplier_id)
                elif score >= REVIEW_SCORE or contained:
                    shown = max(score, set_score if contained else 0.0)
                    review[supplier_id] = max(review.get(supplier_id, 0.0), float(shown))
        if best:
            return Match(best[1], "fuzzy", round(min(best[0] / 100, 0.95), 3))
        return Match(None, "new", 1.0, sorted(review.items(), key=lambda kv: (-kv[1], kv[0]))[:3])


def cluster_names(names: list[str], keys: list[str]) -> list[int]:
    """Resolve a list of names from nothing: the organisation number of each (used by the benchmark).

    Names are taken in sorted order, as the resolver takes them, so the clusters do not depend on the order given.
    """
    index = SupplierIndex()
    assigned: dict[int, int] = {}
    for position in sorted(range(len(keys)), key=lambda i: (names[i], keys[i])):
        key, legal = keys[position], has_legal_form(names[position])
        found = index.match(key, legal=legal)
        supplier_id = found.supplier_id if found.supplier_id is not None else len(index.keys_of) + 1
        index.add(supplier_id, key, legal=legal)
        assigned[position] = supplier_id
    return [assigned[i] for i in range(len(keys))]
