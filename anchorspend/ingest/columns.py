"""Which column is which: the synonym table, header finding, spacer columns and layout fingerprints."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Collection
from dataclasses import dataclass, field

import polars as pl

from anchorspend.ingest.errors import IngestError

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
    "fiscal_period": ("period", "fiscal period", "financial period", "accounting period"),
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
    ),
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
    mapped_by: str = "synonyms"
    sample: list[dict[str, str | None]] = field(default_factory=list)


def fingerprint(cells: list[str | None]) -> str:
    """sha256 of the header's non-blank cells, normalised, in order: the same for every file of a layout."""
    names = [normalise_header(cell) for cell in cells if normalise_header(cell)]
    return hashlib.sha256("\x1f".join(names).encode()).hexdigest()


def _row_cells(cells: pl.DataFrame, index: int) -> list[str | None]:
    return [None if value is None else str(value) for value in cells.row(index)]


def _score(row: list[str | None]) -> int:
    return sum(1 for cell in row if normalise_header(cell) in KNOWN)


def find_header_row(cells: pl.DataFrame, wanted: set[str] | None, remembered: set[str]) -> int:
    """Index of the header: a row naming every wanted column, else a remembered layout, else best match."""
    best, best_score, first_filled = -1, 1, -1
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
        fingerprint=fingerprint(row),
    )


def propose_mapping(names: list[str]) -> dict[str, str]:
    """Canonical field -> column name, by the synonym table; each field takes its best-ranked column."""
    mapping: dict[str, str] = {}
    ranks: dict[str, int] = {}
    for name in names:
        key = normalise_header(name)
        target = KNOWN.get(key)
        if target is None:
            continue
        rank = SYNONYMS[target].index(key)
        if target not in mapping or rank < ranks[target]:
            mapping[target], ranks[target] = name, rank
    if "amount" not in mapping and "gross" in mapping:
        mapping["amount"] = mapping["gross"]  # a file that gives only gross amounts
    return mapping


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


def check_mapping(mapping: dict[str, str], names: list[str]) -> None:
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
    if missing:
        shown = [repr(name if len(name) <= 40 else name[:37] + "...") for name in names[:15]]
        more = f" and {len(names) - 15} more" if len(names) > 15 else ""
        raise IngestError(
            f"could not place field(s) {', '.join(missing)} among the columns {', '.join(shown)}{more}"
        )
