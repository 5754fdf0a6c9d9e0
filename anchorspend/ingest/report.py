"""The load report: what happened to one file, for people (text) and scripts (one JSON object)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from decimal import Decimal

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
    amount_total: Decimal = Decimal("0.00")
    amount_basis: str = "unknown"
    encoding: str = ""
    layout_fingerprint: str = ""
    mapping: dict[str, str] = field(default_factory=dict)
    period_from: str | None = None
    period_to: str | None = None
    duplicates: int = 0  # rows rejected because another active file of the anchor already holds them
    replaced_file_id: int | None = None
    sheets: list[SheetCounts] = field(default_factory=list)
    skipped_sheets: list[str] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)  # the first SHOWN_REJECTIONS * 10
    warnings: list[str] = field(default_factory=list)  # e.g. the refresh after a load failed
    error: str | None = None

    @classmethod
    def failed(cls, file: str, anchor: str, error: str, sha256: str = "") -> LoadReport:
        """The report of a file that did not load ('' for sha256 when its bytes were never read)."""
        return cls(file=file, sha256=sha256, status="failed", anchor=anchor, error=error)

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
            f"; blank rows skipped {self.blank_rows:,}",
            f"  amount total £{self.amount_total:,.2f} ({self.amount_basis}); {paid}",
        ]
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
            lines.append(
                f"  ... {self.rows_rejected - SHOWN_REJECTIONS:,} more rejected rows (table rejected_rows)"
            )
        return "\n".join(lines)
