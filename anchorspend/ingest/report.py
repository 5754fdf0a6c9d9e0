"""The load report: what happened to one file, for people (text) and scripts (one JSON object)."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from decimal import Decimal

import polars as pl

SHOWN_REJECTIONS = 10  # the human report shows the first few; all are stored in rejected_rows


@dataclass
class SheetCounts:
    """Row accounting for one sheet ('' for a CSV)."""

    sheet: str
    rows_read: int
    rows_loaded: int
    rows_rejected: int
    blank_rows: int
    amount_total: Decimal
    summary_rows: int = 0  # totals lines and report footers: not payments, not rejections


@dataclass
class Rejection:
    """A row not loaded, with why."""

    sheet: str
    row_number: int
    reason: str
    raw_text: str


@dataclass
class LoadReport:
    """The outcome of loading one file: status loaded, already_loaded or failed."""

    file: str
    sha256: str
    status: str
    anchor: str = ""
    file_id: int | None = None
    rows_read: int = 0
    rows_loaded: int = 0
    rows_rejected: int = 0
    blank_rows: int = 0
    summary_rows: int = 0  # totals lines and report footers (not payments, not rejections)
    amount_total: Decimal = Decimal("0.00")
    amount_basis: str = "unknown"
    encoding: str = ""
    layout_fingerprint: str = ""
    mapping: dict[str, str] = field(default_factory=dict)
    mapped_by: str = ""  # synonyms, content, remembered or user
    placements: list[dict[str, object]] = field(default_factory=list)  # how each field found its column
    date_order: str | None = None  # dmy, mdy or mixed (read per shape of value); None when no such dates
    period_from: str | None = None
    period_to: str | None = None
    duplicates: int = 0  # rows rejected because another active file of the anchor already holds them
    replaced_file_id: int | None = None
    sheets: list[SheetCounts] = field(default_factory=list)
    skipped_sheets: list[str] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)  # the first SHOWN_REJECTIONS * 10
    rejection_reasons: dict[str, int] = field(default_factory=dict)  # kind of reason -> rows, commonest first
    warnings: list[str] = field(default_factory=list)  # e.g. the refresh after a load failed
    error: str | None = None

    def __post_init__(self) -> None:
        # Every rejection (sheet, row_number, raw_text, reason), for --rejections; not part of the JSON.
        self.rejected_frame: pl.DataFrame | None = None

    def keep_rejections(self, rejected: pl.DataFrame | None) -> None:
        """Keep every rejected row: the first ones in the report, all for writing out, reasons counted."""
        if rejected is None or rejected.is_empty():
            return
        self.rejected_frame = rejected
        self.rejection_reasons = reason_counts(rejected["reason"])
        self.rejections = [
            Rejection(**row)
            for row in rejected.select("sheet", "row_number", "reason", "raw_text").head(100).iter_rows(named=True)
        ]

    def rejection_line(self) -> str | None:
        """'12 rows rejected (commonest: no amount, 10)', or None when none was."""
        count = self.rows_rejected or sum(self.rejection_reasons.values())
        if not count or not self.rejection_reasons:
            return None
        kind, rows = next(iter(self.rejection_reasons.items()))
        return f"{count:,} row(s) rejected (commonest reason: {kind}, {rows:,})"

    @classmethod
    def failed(cls, file: str, anchor: str, error: str, sha256: str = "") -> LoadReport:
        """The report of a file that did not load ('' for sha256 when its bytes were never read)."""
        return cls(file=file, sha256=sha256, status="failed", anchor=anchor, error=named_once(error, file))

    def to_json(self) -> dict[str, object]:
        """A JSON-ready dict: amounts as strings of pounds and pence, so no float rounding creeps in."""
        out = asdict(self)
        out["amount_total"] = str(self.amount_total)
        for sheet in out["sheets"]:
            sheet["amount_total"] = str(sheet["amount_total"])
        return out

    def to_text(self) -> str:
        """A human load report: counts, rows per sheet, the first rejected rows with their reasons."""
        if self.status == "failed":
            return f"{self.file}: FAILED - {self.error}"
        head = "already loaded (nothing changed)" if self.status == "already_loaded" else "loaded"
        paid = f"paid {self.period_from} to {self.period_to}" if self.period_from else "no payments"
        lines = [
            f"{self.file}: {head} as file {self.file_id} for {self.anchor}",
            f"  rows read {self.rows_read:,} = loaded {self.rows_loaded:,} + rejected {self.rows_rejected:,}"
            f"; blank rows skipped {self.blank_rows:,}; totals lines skipped {self.summary_rows:,}",
            f"  amount total £{self.amount_total:,.2f} ({self.amount_basis}); {paid}",
        ]
        if self.mapping.get("credit"):
            lines.append(
                f"  amounts from two columns: {self.mapping.get('amount')!r} as payments (positive), "
                f"{self.mapping['credit']!r} as refunds (negative)"
            )
        if self.placements:
            lines.append("  columns: " + "; ".join(_placement_text(p) for p in self.placements))
        if self.date_order:
            said = {"dmy": "day-first", "mdy": "month-first", "mixed": "per shape of value (both orders)"}
            lines.append(f"  dates read {said.get(self.date_order, self.date_order)}")
        if self.replaced_file_id:
            lines.append(f"  replaces file {self.replaced_file_id}")
        if len(self.sheets) > 1 or any(sheet.sheet for sheet in self.sheets):
            for sheet in self.sheets:
                lines.append(
                    f"  sheet {sheet.sheet!r}: read {sheet.rows_read:,}, loaded {sheet.rows_loaded:,}, "
                    f"rejected {sheet.rows_rejected:,}, blank {sheet.blank_rows:,}, "
                    f"£{sheet.amount_total:,.2f}"
                )
        for skipped in self.skipped_sheets:
            lines.append(f"  sheet skipped - {skipped}")
        if self.duplicates:
            lines.append(
                f"  {self.duplicates:,} rows repeat payments already loaded from another file of this anchor"
                " and were"
                " rejected (if this file re-issues that one, use `anchorspend files replace`)"
            )
        lines.extend(f"  warning: {warning}" for warning in self.warnings)
        for rejection in self.rejections[:SHOWN_REJECTIONS]:
            where = f"sheet {rejection.sheet!r} " if rejection.sheet else ""
            lines.append(f"  rejected {where}row {rejection.row_number}: {rejection.reason}")
        if self.rows_rejected > SHOWN_REJECTIONS:
            lines.append(f"  ... {self.rows_rejected - SHOWN_REJECTIONS:,} more rejected rows (table rejected_rows)")
        return "\n".join(lines)


def _placement_text(placement: dict[str, object]) -> str:
    also, confidence = placement.get("also"), placement.get("confidence")
    rivals = f", also possible {', '.join(repr(c) for c in also)}" if isinstance(also, list) and also else ""
    sure = f"{confidence:.2f}" if isinstance(confidence, int | float) else "?"
    return f"{placement['field']} <- {placement['column']!r} ({placement['method']}, sure {sure}{rivals})"


def named_once(error: str, file: str) -> str:
    """A failure's reason without the file's name: readers name the file for callers that don't, and the report's
    line already starts with it ('x.csv: no such file' -> 'no such file')."""
    name = re.escape(file)
    error = re.sub(rf"^(?:\S*[/\\])?{name}: ", "", error)  # the name, or its path, before the reason
    error = re.sub(rf"^{name} (is|has) ", r"it \1 ", error)  # 'x.csv is a folder' -> 'it is a folder'
    return re.sub(rf" {name}(?=[:;,.]|$)", "", error)  # 'could not open the workbook x.xlsx: ...'


def reason_kind(reason: pl.Expr) -> pl.Expr:
    """A rejection reason without the value it quotes: "date not recognised: '9/30/2020'" -> its first part."""
    return reason.str.replace(r"\s*[:(].*$", "")


def reason_counts(reasons: pl.Series) -> dict[str, int]:
    """Kind of reason -> rows, commonest first."""
    kinds = pl.DataFrame({"r": reasons}).select(reason_kind(pl.col("r")).alias("kind")).to_series()
    counted = kinds.value_counts(sort=True)
    return {str(kind): int(n) for kind, n in counted.iter_rows()}
