"""Which column is which: synonyms, header finding, spacer columns, placement by content, layout fingerprints."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
from collections.abc import Collection
from dataclasses import asdict, dataclass, field

import polars as pl

from anchorspend.files import values
from anchorspend.ingest.errors import IngestError
from anchorspend.ingest.profile import Profile

# Canonical field -> header spellings (normalised by normalise_header), best first. When two columns of a
# file match one field, the better-ranked spelling wins and the other stays unmapped. Every layout in
# ../shared/reference/spend and ../shared/reference/nhs is covered (see tests/test_ingest_reference.py).
SYNONYMS: dict[str, tuple[str, ...]] = {
    "paid_on": (
        "payment date",
        "invoice payment date",
        "date of payment",
        "paid date",
        "date paid",
        "transaction date",
        "payment made date",
        "pay date",
        "date",
    ),
    "fiscal_period": (
        "period",
        "fiscal period",
        "financial period",
        "accounting period",
        "posting period",
        "payment month",
        "month paid",
        "month of payment",
        "month",
    ),
    "amount": (
        "net amount",
        "net",
        "amount net",
        "net value",
        "total excludes vat",
        "invoice line value net of vat",
        "net amount excluding vat",
        "amount excluding vat",
        "amount excl vat",
        "amount paid",
        "amount",
        "ap amount",  # Oracle AP reports (NHS CCG PDFs: "AP Amount (£)")
        "value",
        "transaction amount",
        "payment amount",
        "total",
        "line value",
        "debit",  # the payments side of a pair of amount columns (see debit_credit_pair)
        "debits",
        "debit amount",
        "dr",
        "payments",
        "expenditure",
    ),
    # Money coming back, in a second amount column beside the payments ('Credit', 'Cr', 'Receipts', 'Income',
    # 'Amount Refunded'): placed only as one of a pair (debit_credit_pair), and stored as negative amounts.
    "credit": ("credit", "credits", "credit amount", "cr", "receipts", "income", "refunds", "amount refunded"),
    "gross": ("gross", "gross amount", "amount including vat", "gross value", "total including vat"),
    "vat": ("vat", "vat amount"),
    "supplier": (
        "supplier name",
        "supplier beneficiary name",
        "vendor name",
        "supplier",
        "beneficiary",
        "payee",
        "payee name",
        "merchant name",
        "name",
        "supplier id t",
        "creditor name",
        "creditor",
    ),
    "entity": (
        "body name",
        "authority name",
        "organisation name",
        "organistion name",
        "entity",
        "icb",
        "body",
        "organisation",
        "trust",
        "departmental family",
    ),
    "expense_type": (
        "expense type",
        "expenses type",
        "account detail",
        "gl description",
        "cipfsubs t",
        "account",
        "procurement classification council s procurement category name",
        "expenditure category",
        "merchant category",
        "procurement classification",
        "subjective",
        "account description",
    ),
    "expense_area": (
        "expense area",
        "service area",
        "service cost centre",
        "nstrg t",
        "service",
        "service division",
        "cost centre name",
        "directorate",
        "directotate",
        "department area",
        "department",
    ),
    "description": (
        "description",
        "extended description",
        "purpose of spend summary",
        "narrative",
        "details",
        "purpose of spend",
        "item description",
    ),
    "transaction_ref": (
        "transaction number",
        "transaction no",
        "transno",
        "hbc ref no",
        "documentno",
        "document number",
        "internal ref",
        "internal ref number",
        "invoice number",
        "reference",
        "payment reference",
        "ref",
    ),
    "company_number": ("supplier registered company number", "company number", "company registration number"),
    "charity_number": ("supplier registered charity number", "charity number", "registered charity number"),
}
FIELDS = tuple(SYNONYMS)
PAIRED = ("credit",)  # fields that only a pair places: their synonyms find headers, never a column alone
REQUIRED = ("amount", "supplier")  # plus paid_on or fiscal_period
HEADER_SEARCH_ROWS = 50
KNOWN = {spelling: name for name, spellings in SYNONYMS.items() for spelling in spellings}


def normalise_header(text: str | None) -> str:
    """Lower case, signs and punctuation dropped, spaces collapsed: 'Net Amount(£)' -> 'net amount'."""
    text = (text or "").replace("ï»¿", "").replace("\ufeff", "").lower()
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text).split())


@dataclass
class Header:
    """A sheet's header: where it is, the columns kept and their display names."""

    row_index: int  # index in the sheet's cells of the header row
    columns: list[str]  # cells column (c0..) of each kept column
    names: list[str]  # display name of each kept column, unique
    fingerprint: str
    raw: list[str | None] = field(default_factory=list)  # each kept column's header cell as written


@dataclass
class Layout:
    """What detect_layout shows: the header found, the mapping proposed and what is missing."""

    sheet: str
    header_row: int  # spreadsheet row number of the header
    columns: list[str]
    mapping: dict[str, str]
    missing: list[str]
    unmapped_columns: list[str]
    fingerprint: str
    amount_basis: str
    mapped_by: str = "synonyms"  # synonyms (header names), content (some field placed by what it holds), ...
    sample: list[dict[str, str | None]] = field(default_factory=list)
    placements: list[Placement] = field(default_factory=list)
    profiles: dict[str, dict[str, object]] = field(default_factory=dict)  # column -> Profile.to_json()
    date_order: str | None = None  # remembered or given for this layout: 'dmy' or 'mdy'
    warnings: list[str] = field(default_factory=list)


@dataclass
class Placement:
    """How one field found its column: by header, content, a remembered layout or the user; how sure."""

    field: str
    column: str
    method: str  # 'header', 'content', 'remembered' or 'user'
    confidence: float  # 0..1
    also: list[str] = dataclasses.field(default_factory=list)  # other columns that could have held the field

    def describe(self) -> str:
        """'amount <- 'Net Amount' (header, sure 0.95; also possible: 'Gross')'."""
        also = f"; also possible: {', '.join(map(repr, self.also))}" if self.also else ""
        return f"{self.field} <- {self.column!r} ({self.method}, sure {self.confidence:.2f}{also})"

    def to_json(self) -> dict[str, object]:
        return asdict(self)


def fingerprint(cells: list[str | None]) -> str:
    """sha256 of the header's non-blank cells, normalised, in order: the same for every file of a layout."""
    names = [normalise_header(cell) for cell in cells if normalise_header(cell)]
    return hashlib.sha256("\x1f".join(names).encode()).hexdigest()


def _row_cells(cells: pl.DataFrame, index: int) -> list[str | None]:
    return [None if value is None else str(value) for value in cells.row(index)]


def _score(row: list[str | None]) -> int:
    """Exact synonyms count double, header-like words once: a preamble line rarely names two fields."""
    exact = sum(1 for cell in row if normalise_header(cell) in KNOWN)
    near = sum(1 for cell in row if normalise_header(cell) not in KNOWN and keyword_fields(cell))
    return 2 * exact + near


def find_header_row(cells: pl.DataFrame, wanted: set[str] | None, remembered: set[str]) -> int:
    """Index of the header: a row naming every wanted column, else a remembered layout, else best match."""
    best, best_score, first_filled = -1, 2, -1
    for index in range(min(HEADER_SEARCH_ROWS, cells.height)):
        row = _row_cells(cells, index)
        stripped = {(cell or "").strip() for cell in row}
        if wanted and wanted <= stripped | set(_display_names(row)):
            return index
        if fingerprint(row) in remembered:
            return index
        score = _score(row)
        if score > best_score:
            best, best_score = index, score
        if first_filled < 0 and sum(1 for cell in row if (cell or "").strip()) >= 2:
            first_filled = index
    if best >= 0:
        return best
    if first_filled >= 0:
        return first_filled
    raise IngestError("no header row found in the first 50 rows (the sheet looks empty)")


def inner_headers(data: pl.DataFrame, header: Header, amount: str | None) -> list[tuple[int, str]]:
    """(row_number, fingerprint) of each row below the header that is a header itself: the same one repeated
    down the file, or another block's (a second body's table, written in its own columns, in the same file).

    A data row rarely holds two cells that are field names; a header row holds about as many as the first one.
    Only rows with no digit where the amount goes are looked at (one pass over one column on a big file).
    """
    names = [n for n in data.columns if n != "row_number"]
    if amount in data.columns:
        data = data.filter(~pl.col(amount).str.contains(r"\d").fill_null(False))
    known = pl.Series(list(KNOWN))
    exact_in_header = sum(1 for cell in header.raw if normalise_header(cell) in KNOWN)
    needed = max(2, (exact_in_header + 1) // 2)
    normalised = [
        pl.col(n).str.to_lowercase().str.replace_all(r"[^0-9a-z]+", " ").str.strip_chars().is_in(known.implode())
        for n in names
    ]
    candidates = data.filter(pl.sum_horizontal(normalised) >= needed)
    found = []
    for row in candidates.iter_rows(named=True):
        cells = [row[n] for n in names]
        if _score(cells) >= 2 * needed:
            found.append((int(row["row_number"]), fingerprint(cells)))
    return found


def looks_like_payment(row: list[str | None]) -> bool:
    """True for a line holding a date and an amount in other cells: a payment, which no header line is."""
    cells = pl.Series("cells", [cell.strip() if cell else None for cell in row], dtype=pl.String)
    dates = values.parse_dates(cells).is_not_null() & ~cells.str.contains(r"^[+-]?\d+(?:\.\d+)?$").fill_null(False)
    money = values.parse_amounts(cells).is_not_null() & ~dates
    return bool(dates.any() and money.any())


def _display_names(row: list[str | None]) -> list[str]:
    names: list[str] = []
    seen: dict[str, int] = {}
    for position, cell in enumerate(row):
        name = " ".join((cell or "").split()).rstrip(":").strip() or f"column {position + 1}"
        seen[name] = seen.get(name, 0) + 1
        names.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return names


def read_header(
    cells: pl.DataFrame, wanted: set[str] | None = None, remembered: Collection[str] = frozenset()
) -> Header:
    """Find the header and keep every column that has a name or holds a value (blank spacers dropped)."""
    index = find_header_row(cells, wanted, set(remembered))
    row = _row_cells(cells, index)
    if _score(row) <= 2 and looks_like_payment(row):
        # No header at all: the first line is a payment like the rest. Its columns are 'column 1'...,
        # placed by what they hold, and the line is read as data rather than spent as a header.
        index, row = index - 1, [None] * len(row)
    below = cells.slice(index + 1)
    # Only a column without a header name can be a spacer; it is kept if any cell below holds a value.
    unnamed = [c for c, cell in zip(cells.columns, row, strict=True) if not (cell or "").strip()]
    holds_value = (
        below.select((pl.col(c).str.strip_chars().fill_null("") != "").any().alias(c) for c in unnamed).row(
            0, named=True
        )
        if below.height and unnamed
        else {}
    )
    filled = [bool(holds_value.get(c, False)) for c in cells.columns]
    names = _display_names(row)
    keep = [i for i, cell in enumerate(row) if (cell or "").strip() or filled[i]]
    return Header(
        row_index=index,
        columns=[cells.columns[i] for i in keep],
        names=[names[i] for i in keep],
        fingerprint=fingerprint(row if any(row) else list[str | None](names)),  # headerless: by its columns
        raw=[row[i] for i in keep],
    )


def propose_mapping(names: list[str]) -> dict[str, str]:
    """Canonical field -> column name, by the synonym table; each field takes its best-ranked column."""
    mapping: dict[str, str] = {}
    ranks: dict[str, int] = {}
    for name in names:
        key = normalise_header(name)
        target = KNOWN.get(key)
        if target is None or target in PAIRED:
            continue
        rank = SYNONYMS[target].index(key)
        if target not in mapping or rank < ranks[target]:
            mapping[target], ranks[target] = name, rank
    return mapping  # a file that gives only gross amounts takes them once no other column is the amount


def missing_fields(mapping: dict[str, str]) -> list[str]:
    """Required fields the mapping does not place."""
    missing = [name for name in REQUIRED if not mapping.get(name)]
    if not mapping.get("paid_on") and not mapping.get("fiscal_period"):
        missing.insert(0, "paid_on")
    return missing


def amount_basis(mapping: dict[str, str]) -> str:
    """'net', 'gross' or 'unknown', read from the amount column's name."""
    key = normalise_header(mapping.get("amount"))
    if mapping.get("amount") and mapping.get("amount") == mapping.get("gross"):
        return "gross"
    if re.search(r"\bnet\b|\bexcl|\bexcludes\b|\bex vat\b", key):
        return "net"
    if re.search(r"\bgross\b|\bincl|\bincludes\b", key):
        return "gross"
    if mapping.get("gross") and mapping.get("amount") != mapping.get("gross"):
        return "net"  # a separate gross column means the amount is the net one
    return "unknown"


def check_mapping(mapping: dict[str, str], names: list[str], profiles: dict[str, Profile] | None = None) -> None:
    """Fail with one line if the mapping names unknown fields or columns, or misses a required field."""
    unknown_fields = sorted(set(mapping) - set(FIELDS))
    if unknown_fields:
        raise IngestError(
            f"unknown field(s) in the mapping: {', '.join(unknown_fields)}; fields are {', '.join(FIELDS)}"
        )
    absent = sorted({column for column in mapping.values() if column and column not in names})
    if absent:
        raise IngestError(f"the mapping names column(s) not in the header: {', '.join(map(repr, absent))}")
    missing = missing_fields(mapping)
    if missing and profiles:
        raise IngestError(refusal(missing, names, mapping, profiles))
    if missing:
        shown = [repr(name if len(name) <= 40 else name[:37] + "...") for name in names[:15]]
        more = f" and {len(names) - 15} more" if len(names) > 15 else ""
        raise IngestError(f"could not place field(s) {', '.join(missing)} among the columns {', '.join(shown)}{more}")


# Words that say a header is about a field when its spelling is not in SYNONYMS ('Sum of Amount', 'Total £',
# 'Invoice Date', 'Payee Organisation'); with the column's content agreeing they place it.
KEYWORDS: dict[str, str] = {
    "paid_on": r"\b(?:date|dated|paid|posted|posting|cleared)\b",
    "amount": r"\b(?:amount|amt|value|net|total|sum|paid|payment|spend|spent|cost|gbp|expenditure|price|paid)\b",
    "supplier": r"\b(?:supplier|vendor|payee|beneficiary|creditor|merchant|recipient|company|contractor|name"
    r"|paid to|trader)\b",
}
# Words that rule a header out for a field whatever its content: 'VAT Amount', 'Invoice Number', 'Supplier ID'.
NOT_KEYWORDS: dict[str, str] = {
    "paid_on": r"\b(?:updated|created|entered|loaded|start|end|expiry|due|run|year)\b",
    "amount": r"\b(?:vat|gross|date|number|no|ref|reference|id|code|year|period|count|quantity|qty|centre|center"
    r"|type|category|area|description|name|account)\b",
    "supplier": r"\b(?:id|number|no|code|ref|postcode|vat|category|type|group|class|centre|center|cost|service"
    r"|area|directorate|department|body|authority|entity|expense|budget|account)\b",
}
# 'Value excl VAT', 'Amount ex VAT', 'Net of VAT' name the amount before VAT: the VAT they mention is not what
# the column holds, so it must not rule the column out as the amount (as 'VAT Amount' is).
VAT_QUALIFIED = re.compile(r"\b(?:excl?|excluding|exclusive of|ex|net of|before|less|without|minus)\s+vat\b")
# A date the payment followed or was booked against, not the date it was paid: placed only when no column
# named for the payment itself holds dates ('Invoice Date' beside 'Posting Date'; 'Invoice Payment Date' is one).
SECONDARY_DATE = r"\b(?:invoice|inv|document|doc|order|raised|received|receipt|goods|tax point|vat)\b"
PAYMENT_WORDS = r"\b(?:paid|payment|pay|posting|posted|cleared|transaction)\b"
CURRENCY = re.compile(r"£|\$|€|\bGBP\b", re.IGNORECASE)
KEY_FIELDS = ("amount", "paid_on", "supplier")  # placed by content when no header names them
PLACE_AT = 0.5  # the least score that places a field by content
NEAR = 0.15  # a rival scoring within this of the best is named beside it


def keyword_fields(cell: str | None) -> list[str]:
    """The key fields whose words a header uses (and none of their ruling-out words)."""
    key = normalise_header(cell)
    unqualified = VAT_QUALIFIED.sub(" ", key)
    found = [f for f in KEY_FIELDS if re.search(KEYWORDS[f], key) and not re.search(NOT_KEYWORDS[f], unqualified)]
    if cell and CURRENCY.search(cell) and "amount" not in found and not re.search(NOT_KEYWORDS["amount"], unqualified):
        found.append("amount")
    return found


def content_score(name: str, profile: Profile, header_hit: bool) -> float:
    """How well a column's content suits a key field, 0..1 (a header word lifts plain numbers and serials)."""
    if not profile.filled:
        return 0.0
    if name == "paid_on":
        return max(profile.dates, profile.serials if header_hit else 0.0)
    if name == "amount":
        score = profile.money
        if profile.marked_money < 0.05 and profile.ids > 0.9 and not header_hit:
            score *= 0.5 if profile.distinct > 0.9 else 0.8  # plain whole numbers, all different: ids more likely
        return score
    score = profile.names
    if profile.filled >= 20 and profile.distinct * profile.filled <= 2:
        score *= 0.3  # one or two values all the way down: the body or a category, not the payees
    elif profile.filled >= 20:
        score *= min(1.0, 0.6 + profile.distinct)  # payees vary more than expense types and service areas
    return score


def _fits(name: str, profile: Profile | None) -> bool:
    """Whether a column named for a key field holds what that field needs (an empty sample cannot say no)."""
    if profile is None or not profile.filled:
        return True
    if name == "paid_on":
        return profile.dates + profile.serials >= PLACE_AT
    if name == "amount":
        return profile.money >= PLACE_AT
    if name == "supplier":
        return profile.names + profile.ids >= 0.3 and profile.marked_money < PLACE_AT
    return True


def place_fields(
    names: list[str], raw_names: list[str | None], profiles: dict[str, Profile]
) -> tuple[dict[str, str], list[Placement]]:
    """Canonical field -> column, by header synonyms checked against content, then by words and content."""
    mapping = propose_mapping(names)
    placements: dict[str, Placement] = {}
    doubtful: dict[str, str] = {}  # key fields whose named column does not hold what they need
    for name, column in list(mapping.items()):
        if name in KEY_FIELDS and not _fits(name, profiles.get(column)):
            doubtful[name] = mapping.pop(name)  # e.g. a 'Date' column that holds names: look for a better one
            continue
        sure = 0.95 if profiles.get(column) and profiles[column].filled else 0.7
        placements[name] = Placement(name, column, "header", sure)
    raw_of = dict(zip(names, raw_names, strict=True))
    for name in KEY_FIELDS:
        # A period or month dates the rows when no column is named for the date (Gateshead's 'Updated' must not);
        # a column whose header says it is the date ('Clearing Date' beside 'Month') still gives the day.
        only_named = name == "paid_on" and bool(mapping.get("fiscal_period"))
        used = set(mapping.values())
        scored = []
        for column in names:
            if column in used or column not in profiles:
                continue
            hit = name in keyword_fields(raw_of[column] or column)
            if only_named and not hit:
                continue
            score = content_score(name, profiles[column], hit)
            if score >= PLACE_AT:
                scored.append((min(1.0, score + (0.3 if hit else 0.0)), hit, column))
        # A column whose header names the field ('Vendor', 'Recipient') beats one that only holds the right kind
        # of values ('Cost Centre' names); among equals, the more varied (payees vary more than areas), then the
        # leftmost (the sort is stable).
        variety = {column: profiles[column].distinct for column in profiles}
        scored.sort(
            key=lambda item: (not item[1], _secondary(name, raw_of[item[2]] or item[2]), -item[0], -variety[item[2]])
        )
        if name in mapping:
            # Rivals of a header placement: other columns whose header and content both suit the field.
            placements[name].also = [c for s, hit, c in scored if hit]
            continue
        if not scored:
            if name in doubtful:  # nothing fits better: keep the named column, and say how unsure that is
                mapping[name] = doubtful[name]
                placements[name] = Placement(name, doubtful[name], "header", 0.4)
            continue
        best, hit, column = scored[0]
        mapping[name] = column
        rivals = [c for s, _, c in scored[1:] if s >= best - NEAR]
        confidence = round(min(0.9, best) * (0.8 if rivals else 1.0), 2)
        placements[name] = Placement(name, column, "header" if hit else "content", confidence, rivals)
    if "amount" not in mapping and "gross" in mapping:
        mapping["amount"] = mapping["gross"]
        placements["amount"] = Placement("amount", mapping["gross"], "header", 0.9)
    pair = debit_credit_pair(names, raw_of, profiles, placements.get("amount"))
    if pair:
        debit, credit = pair
        mapping["amount"], mapping["credit"] = debit, credit
        placements["amount"] = Placement("amount", debit, "header", 0.9)
        placements["credit"] = Placement("credit", credit, "header", 0.9)
    order = [f for f in FIELDS if f in placements]
    return mapping, [placements[f] for f in order]


# A pair of amount columns, one for money paid out and one for money coming back (a refund, a credit note):
# 'Debit'/'Credit', 'Dr'/'Cr', 'Payments'/'Receipts', 'Expenditure'/'Income', 'Amount Paid'/'Amount Refunded',
# 'Money Out'/'Money In'. Told by the words of their headers, whatever the rest of the spelling.
DEBIT_WORDS = (
    r"\b(?:debits?|dr|payments?|paid|expenditure|expenses?|spend|spent|outgoings?|withdrawals?|charges?|charged"
    r"|(?:money|cash|funds|paid)\s+out)\b"
)
CREDIT_WORDS = (
    r"\b(?:credits?|cr|receipts?|received|income|refunds?|refunded|repaid|repayments?|recover(?:y|ies|ed)"
    r"|reimburse(?:d|ments?)|rebates?|(?:money|cash|funds|paid)\s+in)\b"
)
# Headers that use those words for something else: 'Credit Note No', 'Credit Card', 'Direct Debit', 'Income
# Code', 'Payment Date', and any column the amount's own ruling-out words exclude ('VAT', 'Ref', 'Type').
NOT_PAIR = r"\b(?:note|card|terms?|limit|rating|direct|balance|method|status|mandate)\b"


def _pair_side(header: str, profile: Profile | None) -> str | None:
    """'debit', 'credit' or None: which side of a pair of amount columns a column could be."""
    key = normalise_header(header)
    unqualified = VAT_QUALIFIED.sub(" ", key)
    if re.search(NOT_KEYWORDS["amount"], unqualified) or re.search(NOT_PAIR, key):
        return None
    given = 1.0 - profile.fillers if profile is not None else 0.0  # cells other than blanks and '-', 'nil'
    if profile is not None and profile.filled and given > 0 and profile.money < PLACE_AT * given:
        return None  # it holds something other than money; a column left blank in the sample may still be one
    if re.search(CREDIT_WORDS, key):  # before debit: 'Paid In' is money coming back
        return "credit"
    return "debit" if re.search(DEBIT_WORDS, key) else None


def debit_credit_pair(
    names: list[str], raw_of: dict[str, str | None], profiles: dict[str, Profile], amount: Placement | None
) -> tuple[str, str] | None:
    """(debit column, credit column) when the amounts are split over a pair of columns, else None.

    One column on each side, or, among several of payments, the one already placed as the amount. A signed
    amount placed by its header elsewhere ('Net Amount' beside 'Payments' and 'Receipts') stays the amount.
    """
    sides: dict[str, list[str]] = {"debit": [], "credit": []}
    for column in names:
        side = _pair_side(raw_of.get(column) or column, profiles.get(column))
        if side:
            sides[side].append(column)
    debits, credits = sides["debit"], sides["credit"]
    if len(credits) != 1 or not debits:
        return None
    if amount is not None and amount.method == "header" and amount.column not in debits + credits:
        return None
    if len(debits) > 1:
        if amount is None or amount.column not in debits:
            return None
        debits = [amount.column]
    if not any(profiles[c].filled for c in (debits[0], credits[0]) if c in profiles):
        return None  # neither holds a value in the sample: nothing says these are the amounts
    return debits[0], credits[0]


def _secondary(name: str, header: str) -> bool:
    """True for a date column named for the invoice or order rather than the payment (see SECONDARY_DATE)."""
    key = normalise_header(header)
    return name == "paid_on" and bool(re.search(SECONDARY_DATE, key)) and not re.search(PAYMENT_WORDS, key)


def duplicate_header_warnings(raw_names: list[str | None], names: list[str], mapping: dict[str, str]) -> list[str]:
    """One warning per header written more than once, saying which column a field uses."""
    by_name: dict[str, list[int]] = {}
    for position, cell in enumerate(raw_names):
        key = " ".join((cell or "").split()).rstrip(":").strip()
        if key:
            by_name.setdefault(key, []).append(position)
    used = {column: field for field, column in mapping.items()}
    warnings = []
    for key, positions in by_name.items():
        if len(positions) < 2:
            continue
        fields = [f"{used[names[p]]} uses column {p + 1}" for p in positions if names[p] in used]
        said = "; ".join(fields) if fields else "none of them is used"
        warnings.append(
            f"the header {key!r} appears {len(positions)} times (columns "
            f"{', '.join(str(p + 1) for p in positions)}): {said}"
        )
    return warnings


def refusal(missing: list[str], names: list[str], mapping: dict[str, str], profiles: dict[str, Profile]) -> str:
    """One line: what could not be placed, each column's profile, and the --mapping to pass."""
    no_dates = not any(p.dates + p.serials >= PLACE_AT for p in profiles.values())
    no_money = not any(p.money >= PLACE_AT for p in profiles.values())
    if no_dates and not no_money and any(p.names >= PLACE_AT for p in profiles.values()):
        why = "this is not a payment-level file: no column holds payment dates (totals per supplier, or a budget?)"
    elif no_dates or no_money:
        held = " or ".join(w for w, none in (("dates", no_dates), ("money", no_money)) if none)
        why = f"could not place field(s) {', '.join(missing)}: no column holds {held}"
    else:
        why = f"could not place field(s) {', '.join(missing)}"
    shown = [f"{n[:40]!r} ({profiles[n].describe() if n in profiles else 'not profiled'})" for n in names[:15]]
    more = f" and {len(names) - 15} more" if len(names) > 15 else ""
    suggestion = {f: mapping.get(f) or _best_guess(f, names, profiles, set(mapping.values())) for f in KEY_FIELDS}
    ordered = {f: suggestion[f] for f in ("paid_on", "amount", "supplier")}
    return f"{why}; columns: {', '.join(shown)}{more}; pass the columns with --mapping '{json.dumps(ordered)}'"


def _best_guess(name: str, names: list[str], profiles: dict[str, Profile], used: set[str]) -> str:
    """The likeliest column for a field that no rule placed, or a placeholder to fill in."""
    scores = [(content_score(name, profiles[c], True), c) for c in names if c in profiles and c not in used]
    scores = [item for item in scores if item[0] > 0]
    return max(scores, key=lambda item: item[0])[1] if scores else f"<column holding {name}>"
