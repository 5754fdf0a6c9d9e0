"""A sheet of text cells to payment rows: header, mapping, typed values, a reason for each row not loaded."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from anchorspend.ingest import columns as cols
from anchorspend.ingest import values
from anchorspend.ingest.errors import IngestError
from anchorspend.ingest.read import RawSheet, read_sheets, read_spend_file

NO_VALUE = (
    "n/a",
    "na",
    "#n/a",
    "-",
    "null",
    "none",
    "nil",
)  # fillers in number columns, meaning "none given"
PAYMENT_COLUMNS = (
    "sheet",
    "row_number",
    "paid_on",
    "is_date_derived",
    "amount_gbp",
    "vat_gbp",
    "gross_gbp",
    "supplier_raw",
    "entity_raw",
    "expense_type",
    "expense_area",
    "description",
    "transaction_ref",
    "company_number",
    "charity_number",
    "is_redacted",
)


@dataclass
class ParsedSheet:
    """One sheet's payments and rejections, ready to load."""

    name: str
    layout: cols.Layout
    payments: pl.DataFrame  # PAYMENT_COLUMNS
    rejected: pl.DataFrame  # sheet, row_number, raw_text, reason
    blank_rows: int
    source: pl.DataFrame  # the non-blank data rows as text: row_number and one column per header name

    @property
    def rows_read(self) -> int:
        return self.payments.height + self.rejected.height

    def raw_text(self, row_numbers: pl.Series) -> pl.DataFrame:
        """sheet, row_number, raw_text (the row's cells joined by commas) for the given rows."""
        picked = self.source.filter(pl.col("row_number").is_in(row_numbers.cast(pl.Int64).implode()))
        return picked.select(
            pl.lit(self.name).alias("sheet"),
            pl.col("row_number"),
            pl.concat_str([pl.col(n).fill_null("") for n in self.layout.columns], separator=",").alias(
                "raw_text"
            ),
        )


@dataclass
class ParsedFile:
    """A whole file parsed: its sheets that hold payments, and the sheets skipped with why."""

    path: Path
    sha256: str
    encoding: str
    sheets: list[ParsedSheet]
    skipped: list[str] = field(default_factory=list)


def layout_of(
    raw: RawSheet, mapping: dict[str, str] | None, remembered: dict[str, dict[str, str]]
) -> tuple[cols.Header, cols.Layout]:
    """Find a sheet's header and decide its mapping: the one given, else the one remembered, else synonyms."""
    wanted = {column for column in (mapping or {}).values() if column}
    header = cols.read_header(raw.cells, wanted or None, set(remembered))
    mapped_by = "user" if mapping else "remembered" if header.fingerprint in remembered else "synonyms"
    chosen = dict(mapping or remembered.get(header.fingerprint) or cols.propose_mapping(header.names))
    chosen = {name: column for name, column in chosen.items() if column}
    used = set(chosen.values())
    layout = cols.Layout(
        sheet=raw.name,
        header_row=raw.first_row + header.row_index,
        columns=header.names,
        mapping=chosen,
        missing=cols.missing_fields(chosen),
        unmapped_columns=[name for name in header.names if name not in used],
        fingerprint=header.fingerprint,
        amount_basis=cols.amount_basis(chosen),
        mapped_by=mapped_by,
    )
    return header, layout


def _number_text(column: pl.Expr) -> pl.Expr:
    return pl.when(~column.str.to_lowercase().is_in(NO_VALUE)).then(column).fill_null("")


def clean(
    data: pl.DataFrame, mapping: dict[str, str], sheet: str, entity_default: str | None
) -> pl.DataFrame:
    """Typed payment columns plus reject_reason (null for a loadable row), one row per data row."""
    cells = data.select(
        pl.col("row_number"),
        *((pl.col(mapping[f]) if mapping.get(f) else pl.lit(None, pl.String)).alias(f) for f in cols.FIELDS),
    )
    typed = cells.with_columns(
        values.parse_amounts(cells["amount"]).alias("amount_gbp"),
        values.parse_amounts(cells["vat"]).alias("vat_gbp"),
        values.parse_amounts(cells["gross"]).alias("gross_gbp"),
        values.parse_dates(cells["paid_on"]).alias("date"),
        values.fiscal_period_starts(cells["fiscal_period"]).alias("period_date"),
        values.redaction_flags(cells["supplier"]).alias("is_redacted"),
    )
    amount_raw, date_raw, period_raw = pl.col("amount"), pl.col("paid_on"), pl.col("fiscal_period")
    reason = (
        pl.when(amount_raw.is_null())
        .then(pl.lit("no amount"))
        .when(pl.col("amount_gbp").is_null())
        .then(pl.format("amount not a number (or too large): '{}'", amount_raw))
        .when(date_raw.is_not_null() & pl.col("date").is_null())
        .then(pl.format("date not recognised: '{}'", date_raw))
        .when(date_raw.is_null() & period_raw.is_not_null() & pl.col("period_date").is_null())
        .then(pl.format("fiscal period not recognised: '{}' (expected YYYYPP, P1 = April)", period_raw))
        .when(date_raw.is_null() & period_raw.is_null())
        .then(pl.lit("no payment date"))
        .when(pl.col("supplier").is_null())
        .then(pl.lit("no supplier"))
    )
    entity = pl.col("entity") if entity_default is None else pl.col("entity").fill_null(entity_default)
    return typed.select(
        pl.lit(sheet).alias("sheet"),
        pl.col("row_number"),
        pl.coalesce("date", pl.when(date_raw.is_null()).then(pl.col("period_date"))).alias("paid_on"),
        (date_raw.is_null() & pl.col("period_date").is_not_null()).alias("is_date_derived"),
        "amount_gbp",
        "vat_gbp",
        "gross_gbp",
        pl.col("supplier").alias("supplier_raw"),
        entity.alias("entity_raw"),
        "expense_type",
        "expense_area",
        "description",
        "transaction_ref",
        _number_text(pl.col("company_number")).alias("company_number"),
        _number_text(pl.col("charity_number")).alias("charity_number"),
        "is_redacted",
        reason.alias("reject_reason"),
    )


def parse_sheet(
    raw: RawSheet, mapping: dict[str, str] | None, remembered: dict[str, dict[str, str]]
) -> ParsedSheet:
    """Parse one sheet; raise IngestError if its columns cannot be placed."""
    header, layout = layout_of(raw, mapping, remembered)
    cols.check_mapping(layout.mapping, layout.columns)
    first_data_row = raw.first_row + header.row_index + 1
    # Every cell trimmed once (an empty or all-space cell becomes null); a row of nulls is a blank row.
    data = (
        raw.cells.slice(header.row_index + 1)
        .select(values.text(c).alias(name) for c, name in zip(header.columns, header.names, strict=True))
        .with_row_index("row_number", offset=first_data_row)
    )
    raw.cells = raw.cells.clear()  # the text cells are all that is needed from here: free the rest
    filled = pl.any_horizontal(pl.col(name).is_not_null() for name in header.names)
    data = data.with_columns(filled.alias("__filled"))
    blank_rows = data.height - int(data["__filled"].sum())
    data = data.filter(pl.col("__filled")).drop("__filled").with_columns(pl.col("row_number").cast(pl.Int64))
    entity_default = raw.name or None  # a workbook's sheet name stands for the entity when no column gives it
    rows = clean(data, layout.mapping, raw.name, entity_default)
    bad = rows["reject_reason"].is_not_null()
    reasons = rows.filter(bad).select("sheet", "row_number", pl.col("reject_reason").alias("reason"))
    sheet = ParsedSheet(
        name=raw.name,
        layout=layout,
        payments=rows.filter(~bad).select(PAYMENT_COLUMNS),
        rejected=reasons,
        blank_rows=blank_rows,
        source=data,
    )
    sheet.rejected = reasons.join(
        sheet.raw_text(reasons["row_number"]), on=["sheet", "row_number"], how="left"
    )
    return sheet


def parse_file(
    path: Path,
    data: bytes,
    sha256: str,
    sheet: str | None = None,
    mapping: dict[str, str] | None = None,
    remembered: dict[str, dict[str, str]] | None = None,
) -> ParsedFile:
    """Parse every sheet that holds payments; a workbook skips sheets whose columns cannot be placed."""
    raw_sheets, encoding = read_sheets(path, data, sheet)
    parsed, skipped, errors = [], [], []
    for raw in raw_sheets:
        try:
            parsed.append(parse_sheet(raw, mapping, remembered or {}))
        except IngestError as exc:
            if len(raw_sheets) == 1:
                raise
            errors.append(f"sheet {raw.name!r}: {exc}")
            skipped.append(f"{raw.name}: {exc}")
    if not parsed:
        raise IngestError("; ".join(errors) or "the workbook has no sheets")
    return ParsedFile(path=path, sha256=sha256, encoding=encoding, sheets=parsed, skipped=skipped)


def detect_layout(
    path: Path | str, sheet: str | None = None, remembered: dict[str, dict[str, str]] | None = None
) -> list[cols.Layout]:
    """Header, proposed mapping and missing fields of each sheet, with sample rows, for the Data page."""
    path = Path(path)
    raw_sheets, _ = read_sheets(path, read_spend_file(path), sheet)
    layouts = []
    for raw in raw_sheets:
        try:
            header, layout = layout_of(raw, None, remembered or {})
        except IngestError:
            continue
        sample = raw.cells.slice(header.row_index + 1, 5).select(
            pl.col(c).alias(n) for c, n in zip(header.columns, header.names, strict=True)
        )
        layout.sample = sample.to_dicts()
        layouts.append(layout)
    return layouts
