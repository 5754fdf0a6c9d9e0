"""A sheet of text cells to payment rows: header, placement, typed values, a reason for each row not loaded."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import polars as pl

from anchorspend.files import values
from anchorspend.ingest import columns as cols
from anchorspend.ingest.errors import IngestError
from anchorspend.ingest.profile import Profile, profile_sheet
from anchorspend.ingest.read import RawSheet, read_sheets, read_spend_file
from anchorspend.ingest.report import reason_counts, reason_kind

if TYPE_CHECKING:
    from polars.expr.whenthen import ChainedThen, Then

    from anchorspend.ingest.report import LoadReport

NO_VALUE = values.NO_VALUE
PAYMENT_COLUMNS = (
    "sheet",
    "row_number",
    "paid_on",
    "is_date_derived",
    "amount_gbp",
    "vat_gbp",
    "gross_gbp",
    "supplier_raw",
    "payee_code",
    "entity_raw",
    "expense_type",
    "expense_area",
    "description",
    "transaction_ref",
    "company_number",
    "charity_number",
    "is_redacted",
)
PROFILE_ROWS = 10_000  # rows below the header looked at to profile columns (blank ones are skipped)
NO_PAYEE = "(payee not given)"  # what a payment with a blank payee cell is stored under, as a redacted payee
# A totals line: 'Total', 'Sub-total', 'Grand Total', 'Sum:', 'Totals for March'.
TOTAL_LABEL = r"(?i)^\s*(?:grand\s+|sub\s*-?\s*)?(?:totals?|sum)\b"
# A ledger code beside a payee's name: 'BOC LTD :02107500', '70299300 : British Gas', '100234 - ACME LTD'.
# A code is one word of letters and at least three digits ('02107500', 'UK0479435601', 'WPS00E504301').
CODE = r"[A-Za-z]{0,5}\d[A-Za-z]*\d[A-Za-z]*\d[A-Za-z0-9]*"
CODE_AFTER = rf"^(.*?\S)\s*:\s*({CODE})$"
# The name after a leading code starts with a letter: '2022:05D Dementia' is a personal-budget code, kept whole.
CODE_BEFORE = rf"^({CODE})\s*(?::|\s-)\s*([A-Za-z].*)$"
REDACTION_HEADER = r"(?i)redact|withheld|personal\s+data"


@dataclass
class ParsedSheet:
    """One sheet's payments and rejections, ready to load."""

    name: str
    layout: cols.Layout
    payments: pl.DataFrame  # PAYMENT_COLUMNS
    rejected: pl.DataFrame  # sheet, row_number, raw_text, reason
    blank_rows: int
    source: pl.DataFrame  # the non-blank data rows as text: row_number and one column per header name
    summary_rows: int = 0  # totals and footers: not payments, not rejections
    date_order: str | None = None  # 'dmy', 'mdy' or 'mixed' (per shape of value), None when no such dates
    warnings: list[str] = field(default_factory=list)

    @property
    def rows_read(self) -> int:
        return self.payments.height + self.rejected.height

    def raw_text(self, row_numbers: pl.Series) -> pl.DataFrame:
        """sheet, row_number, raw_text (the row's cells joined by commas) for the given rows."""
        picked = self.source.filter(pl.col("row_number").is_in(row_numbers.cast(pl.Int64).implode()))
        cells = [n for n in self.source.columns if n != "row_number"]  # every block's columns, in order
        return picked.select(
            pl.lit(self.name).alias("sheet"),
            pl.col("row_number"),
            pl.concat_str([pl.col(n).fill_null("") for n in cells], separator=",")
            .str.slice(0, values.TEXT_LIMIT)
            .alias("raw_text"),
        )


@dataclass
class ParsedFile:
    """A whole file parsed: its sheets that hold payments, and the sheets skipped with why."""

    path: Path
    sha256: str
    encoding: str
    sheets: list[ParsedSheet]
    skipped: list[str] = field(default_factory=list)

    def annotate(self, report: LoadReport) -> None:
        """Add what parsing learnt to a load report: placements, date order, footers, warnings."""
        first = self.sheets[0]
        report.placements = [p.to_json() for p in first.layout.placements]
        report.mapped_by = first.layout.mapped_by
        orders = {s.date_order for s in self.sheets if s.date_order}
        report.date_order = orders.pop() if len(orders) == 1 else ("mixed" if orders else None)
        report.summary_rows = sum(s.summary_rows for s in self.sheets)
        by_sheet = {s.name: s for s in self.sheets}
        for counts in report.sheets:
            counts.summary_rows = by_sheet[counts.sheet].summary_rows if counts.sheet in by_sheet else 0
        prefix = len(self.sheets) > 1
        for sheet in self.sheets:
            report.warnings.extend(f"sheet {sheet.name!r}: {w}" if prefix else w for w in sheet.warnings)


class NothingKept(IngestError):
    """A file whose every row was rejected (or that holds none): it is not loaded; its rejections are kept."""

    def __init__(self, message: str, rejected: pl.DataFrame) -> None:
        super().__init__(message)
        self.rejected = rejected


def text_rows(raw: RawSheet, header: cols.Header, length: int | None = None) -> pl.DataFrame:
    """The data rows below the header as trimmed text (empty -> null), with their spreadsheet row numbers."""
    return (
        raw.cells.slice(header.row_index + 1, length)
        .select(values.text(c).alias(name) for c, name in zip(header.columns, header.names, strict=True))
        .with_row_index("row_number", offset=raw.first_row + header.row_index + 1)
        .with_columns(pl.col("row_number").cast(pl.Int64))
    )


def layout_of(
    raw: RawSheet, mapping: dict[str, str] | None, remembered: dict[str, dict[str, str]]
) -> tuple[cols.Header, cols.Layout, dict[str, Profile]]:
    """Find a sheet's header and decide its mapping: the one given, else remembered, else header and content."""
    wanted = {column for column in (mapping or {}).values() if column}
    known = {fp for fp, entry in remembered.items() if any(k in cols.SYNONYMS and v for k, v in entry.items())}
    header = cols.read_header(raw.cells, wanted or None, known)
    entry = remembered.get(header.fingerprint) or {}
    kept = {name: column for name, column in entry.items() if name in cols.SYNONYMS and column}
    profiles = profile_sheet(text_rows(raw, header, PROFILE_ROWS), header.names)
    if mapping or kept:
        mapped_by = "user" if mapping else "remembered"
        chosen = {name: column for name, column in (mapping or kept).items() if column}
        placements = [cols.Placement(name, column, mapped_by, 1.0) for name, column in chosen.items()]
    else:
        chosen, placements = cols.place_fields(header.names, header.raw, profiles)
        mapped_by = "content" if any(p.method == "content" for p in placements) else "synonyms"
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
        placements=placements,
        profiles={name: profile.to_json() for name, profile in profiles.items()},
        date_order=entry.get("date_order") if entry.get("date_order") in values.ORDERS else None,
        warnings=cols.duplicate_header_warnings(header.raw, header.names, chosen),
    )
    return header, layout, profiles


def _number_text(column: pl.Expr) -> pl.Expr:
    return pl.when(~column.str.to_lowercase().is_in(NO_VALUE)).then(column).fill_null("")


def split_codes(supplier: pl.Series) -> tuple[pl.Series, pl.Series]:
    """(payee name, ledger code) with a code written before or after the name split off; else (text, null)."""
    uniq = supplier.drop_nulls().unique()
    after = uniq.str.extract_groups(CODE_AFTER)
    before = uniq.str.extract_groups(CODE_BEFORE)
    frame = (
        pl.DataFrame({"text": uniq, "after": after, "before": before})
        .select(
            "text",
            pl.coalesce(pl.col("after").struct.field("1"), pl.col("before").struct.field("2")).alias("name"),
            pl.coalesce(pl.col("after").struct.field("2"), pl.col("before").struct.field("1")).alias("code"),
        )
        .filter(pl.col("code").is_not_null() & pl.col("name").str.contains(r"[A-Za-z]{2,}"))
    )
    if frame.is_empty():
        return supplier, pl.Series(supplier.name, [None] * len(supplier), dtype=pl.String)
    names = supplier.replace(frame["text"], frame["name"].str.strip_chars())
    codes = supplier.replace_strict(frame["text"], frame["code"], default=None, return_dtype=pl.String)
    return names, codes


def cell_problems(data: pl.DataFrame, names: list[str]) -> pl.Expr | None:
    """Per row, why a cell cannot be stored (a NUL byte, or longer than TEXT_LIMIT), naming the column; None
    when no cell has either problem (checked a column at a time first, so a clean file costs one pass each)."""
    limit = values.TEXT_LIMIT
    found = data.select(
        *(pl.col(n).str.contains("\x00", literal=True).any().alias(f"nul {n}") for n in names),
        *((pl.col(n).str.len_bytes().max() > limit).alias(f"long {n}") for n in names),
    ).row(0, named=True)
    checks = []
    for n in names:
        if found[f"nul {n}"]:
            checks.append((pl.col(n).str.contains("\x00", literal=True), pl.lit(f"a NUL byte in column {n!r}")))
        if found[f"long {n}"]:
            length = pl.col(n).str.len_chars()
            checks.append(
                (length > limit, pl.format(f"column {n!r} holds {{}} characters (the limit is {limit:,})", length))
            )
    if not checks:
        return None
    reason = pl.coalesce([pl.when(test).then(said) for test, said in checks])  # the first problem found
    return pl.format("{} (row {})", reason, pl.col("row_number"))


def redaction_column(layout: cols.Layout, profiles: dict[str, Profile], sample: pl.DataFrame) -> str | None:
    """An unmapped column that carries redaction labels (by its header or its cells), else None."""
    for name in layout.unmapped_columns:
        if name not in sample.columns:
            continue
        labels = values.redaction_flags(sample[name].drop_nulls())
        if pl.Series([name]).str.contains(REDACTION_HEADER).item() or (len(labels) and labels.any()):
            return name
    return None


def signed_amount(mapping: dict[str, str]) -> tuple[pl.Expr, pl.Expr, list[tuple[pl.Expr, pl.Expr]]]:
    """The amount (over debit_gbp, credit_gbp), the cell it was read from, and (test, reason) for a row without
    one: from one column as written, or from a pair, a debit as it is and a credit negative (a refund)."""
    debit, debit_raw = pl.col("debit_gbp"), pl.col("amount")
    if not mapping.get("credit"):
        return (
            debit,
            debit_raw,
            [
                (debit_raw.is_null(), pl.lit("no amount")),
                (debit.is_null(), pl.format("amount not a number (or too large): '{}'", debit_raw)),
            ],
        )
    credit, credit_raw = pl.col("credit_gbp"), pl.col("credit")
    named, credit_named = repr(mapping["amount"]), repr(mapping["credit"])
    paid = (debit != 0).fill_null(False)
    refund = (credit != 0).fill_null(False)
    # A credit written with its own minus ('-25.50' under 'Credit') is the same refund as '25.50' there.
    amount = pl.when(refund & ~paid).then(-credit.abs()).otherwise(pl.coalesce(debit, -credit.abs()))
    both = pl.format(
        f"both {named} and {credit_named} filled ('{{}}' and '{{}}'): a line is a payment or a refund, not both",
        debit_raw,
        credit_raw,
    )
    checks = [
        (debit_raw.is_null() & credit_raw.is_null(), pl.lit(f"no amount (neither {named} nor {credit_named} filled)")),
        (
            debit_raw.is_not_null() & debit.is_null(),
            pl.format(f"amount not a number (or too large) in {named}: '{{}}'", debit_raw),
        ),
        (
            credit_raw.is_not_null() & credit.is_null(),
            pl.format(f"credit not a number (or too large) in {credit_named}: '{{}}'", credit_raw),
        ),
        (paid & refund, both),
    ]
    return amount, pl.when(refund & ~paid).then(credit_raw).otherwise(debit_raw), checks


def clean(
    data: pl.DataFrame,
    mapping: dict[str, str],
    sheet: str,
    entity_default: str | None,
    dates: pl.Series,
    redaction: str | None = None,
    problems: pl.Expr | None = None,
    today: dt.date | None = None,
) -> pl.DataFrame:
    """Typed payment columns plus reject_reason (null for a loadable row), one row per data row."""
    cells = data.select(
        pl.col("row_number"),
        *((pl.col(mapping[f]) if mapping.get(f) else pl.lit(None, pl.String)).alias(f) for f in cols.FIELDS),
        (pl.col(redaction) if redaction else pl.lit(None, pl.String)).alias("__redaction"),
        (problems if problems is not None else pl.lit(None, pl.String)).alias("__problem"),
    )
    # A filler ('-', 'N/A', 'none') in the payee column gives no payee, as a blank cell does: never a supplier.
    payee = cells.select(pl.when(~pl.col("supplier").str.to_lowercase().is_in(NO_VALUE)).then("supplier"))
    names, codes = split_codes(payee.to_series().rename("supplier"))
    if mapping.get("credit"):  # a pair of amount columns: a filler ('-', 'nil') in one is the blank side
        cells = cells.with_columns(
            pl.when(~pl.col(f).str.to_lowercase().is_in(NO_VALUE)).then(f).alias(f) for f in ("amount", "credit")
        )
    typed = cells.with_columns(
        values.parse_amounts(cells["amount"]).alias("debit_gbp"),
        values.parse_amounts(cells["credit"]).alias("credit_gbp"),
        values.parse_amounts(cells["vat"]).alias("vat_gbp"),
        values.parse_amounts(cells["gross"]).alias("gross_gbp"),
        dates.alias("date"),
        values.fiscal_period_starts(cells["fiscal_period"]).alias("period_date"),
        names.alias("payee"),
        codes.alias("payee_code"),
    )
    amount, amount_raw, amount_checks = signed_amount(mapping)
    typed = typed.with_columns(amount.alias("amount_gbp"))
    date_raw, period_raw = pl.col("paid_on"), pl.col("fiscal_period")
    paid_on = pl.coalesce("date", pl.when(date_raw.is_null()).then(pl.col("period_date")))
    latest = (today or dt.date.today()) + dt.timedelta(days=values.LATEST_AHEAD_DAYS)
    reason: Then | ChainedThen = pl.when(pl.col("__problem").is_not_null()).then(pl.col("__problem"))
    for check, said in amount_checks:
        reason = reason.when(check).then(said)
    reason = (
        reason.when(values.amount_bound(pl.col("amount_gbp")))
        .then(pl.format("amount beyond the £10bn ceiling of a payment line: '{}'", amount_raw))
        .when(date_raw.is_not_null() & pl.col("date").is_null())
        .then(pl.format("date not recognised: '{}'", date_raw))
        .when(date_raw.is_null() & period_raw.is_not_null() & pl.col("period_date").is_null())
        .then(
            pl.format(
                "fiscal period not recognised: '{}' (expected YYYYPP, P1 = April, or a month such as Mar-22)",
                period_raw,
            )
        )
        .when(date_raw.is_null() & period_raw.is_null())
        .then(pl.lit("no payment date"))
        .when(values.date_bound(paid_on, today))
        .then(pl.format(f"date outside {values.EARLIEST_PAYMENT} to {latest}: '{{}}'", paid_on))
    )
    redacted_label = pl.when(values.is_redaction(values.text("__redaction"))).then("__redaction")
    entity = pl.col("entity") if entity_default is None else pl.col("entity").fill_null(entity_default)
    return typed.select(
        pl.lit(sheet).alias("sheet"),
        pl.col("row_number"),
        paid_on.alias("paid_on"),
        (date_raw.is_null() & pl.col("period_date").is_not_null()).alias("is_date_derived"),
        "amount_gbp",
        "vat_gbp",
        "gross_gbp",
        pl.coalesce("payee", redacted_label, pl.lit(NO_PAYEE)).alias("supplier_raw"),
        "payee_code",
        entity.alias("entity_raw"),
        "expense_type",
        "expense_area",
        "description",
        "transaction_ref",
        _number_text(pl.col("company_number")).alias("company_number"),
        _number_text(pl.col("charity_number")).alias("charity_number"),
        (pl.col("payee").is_null() | values.is_redaction(pl.col("payee")).fill_null(False)).alias("is_redacted"),
        reason.alias("reject_reason"),
        (date_raw.is_null() & period_raw.is_null()).alias("__undated"),
    )


def dated_totals(rows: pl.DataFrame, labelled: pl.Series) -> pl.Series:
    """True for loadable rows labelled 'Total' whose amount is the sum of the payments above them (since the
    last such line, or from the top): a totals line dated like a payment. 'Total Gas & Power' paid £900 is
    a payment, since the two or more rows above it do not add up to exactly £900."""
    candidates = labelled & rows["reject_reason"].is_null()
    flags = [False] * rows.height
    if not candidates.any():
        return pl.Series("total", flags, dtype=pl.Boolean)
    pence = (rows["amount_gbp"].cast(pl.Float64) * 100).round(0).cast(pl.Int64).fill_null(0).to_list()
    loadable = rows["reject_reason"].is_null().to_list()
    section = everything = 0
    counted = counted_all = 0
    for position, candidate in enumerate(candidates.to_list()):
        if candidate and (
            (counted >= 2 and pence[position] == section) or (counted_all >= 2 and pence[position] == everything)
        ):
            flags[position] = True
            section, counted = 0, 0
            continue
        if loadable[position]:
            section, everything = section + pence[position], everything + pence[position]
            counted, counted_all = counted + 1, counted_all + 1
    return pl.Series("total", flags, dtype=pl.Boolean)


def summary_flags(rows: pl.DataFrame, data: pl.DataFrame, names: list[str]) -> pl.Series:
    """True for totals lines and report footers: undated rows with a 'Total'/'Sum' label, or a lone amount
    (one or two cells) on the last line, and dated lines labelled 'Total' whose amount sums the rows above.
    They are neither payments nor rejections."""
    undated = rows["__undated"] & rows["reject_reason"].is_not_null()
    labelled_all = data.select(
        pl.any_horizontal(pl.col(n).str.contains(TOTAL_LABEL).fill_null(False) for n in names)
    ).to_series()
    flags = dated_totals(rows, labelled_all)
    if not undated.any():
        return flags
    picked = data.filter(undated)
    labelled = picked.select(
        pl.any_horizontal(pl.col(n).str.contains(TOTAL_LABEL).fill_null(False) for n in names)
    ).to_series()
    filled = picked.select(pl.sum_horizontal(pl.col(n).is_not_null() for n in names)).to_series()
    last = picked["row_number"] == data["row_number"].max()
    footers = pl.Series("summary", [False] * rows.height).scatter(undated.arg_true(), labelled | (last & (filled <= 2)))
    return flags | footers


def parse_sheet(
    raw: RawSheet,
    mapping: dict[str, str] | None,
    remembered: dict[str, dict[str, str]],
    date_order: str | None = None,
    split: bool = True,
) -> ParsedSheet:
    """Parse one sheet (each table in it by its own header, unless split is off); raise IngestError if its
    columns cannot be placed."""
    header, layout, profiles = layout_of(raw, mapping, remembered)
    cols.check_mapping(layout.mapping, layout.columns, profiles if not mapping else None)
    data = text_rows(raw, header)
    filled = pl.any_horizontal(pl.col(name).is_not_null() for name in header.names)
    data = data.with_columns(filled.alias("__filled"))
    blank_rows = data.height - int(data["__filled"].sum())
    data = data.filter(pl.col("__filled")).drop("__filled")
    inner = cols.inner_headers(data, header, layout.mapping.get("amount"))
    own = cols.fingerprint(header.raw)
    starts = [number for number, found in inner if found != own]
    unread = []
    if starts and split:  # another block under its own header: its rows must be read by its own columns
        try:
            return parse_blocks(raw, starts, mapping, remembered, date_order)
        except IngestError as exc:  # a row that only looked like a header: read the sheet as one table
            unread.append(f"row {starts[0]} looks like another header, but {exc}; read as rows of the first table")
    raw.cells = raw.cells.clear()  # the text cells are all that is needed from here: free the rest
    repeated = data["row_number"].is_in(pl.Series([number for number, _ in inner], dtype=pl.Int64).implode())
    entity_default = raw.name or None  # a workbook's sheet name stands for the entity when no column gives it
    date_column = layout.mapping.get("paid_on")
    reading = values.read_dates(
        data[date_column] if date_column else pl.Series("paid_on", [None] * data.height, dtype=pl.String),
        order=date_order or values.order_named(date_column),  # given, else spelt out in the header
        fallback=layout.date_order,
    )
    redaction = redaction_column(layout, profiles, data.head(PROFILE_ROWS))
    rows = clean(
        data,
        layout.mapping,
        raw.name,
        entity_default,
        reading.dates,
        redaction,
        cell_problems(data, header.names),
    )
    summary = summary_flags(rows, data, header.names) | repeated  # the header printed again: not a row
    rows = rows.filter(~summary)
    bad = rows["reject_reason"].is_not_null()
    reasons = rows.filter(bad).select("sheet", "row_number", pl.col("reject_reason").alias("reason"))
    payments = rows.filter(~bad).select(PAYMENT_COLUMNS)
    warnings = list(layout.warnings) + reading.warnings + unread
    far = values.far_dates_warning(payments["paid_on"], payments["row_number"])
    signs = values.sign_warning(payments["amount_gbp"])
    warnings.extend(warning for warning in (far, signs) if warning)
    if date_column and reading.order_used:
        layout.date_order = reading.order_used if reading.order_used in values.ORDERS else layout.date_order
    sheet = ParsedSheet(
        name=raw.name,
        layout=layout,
        payments=payments,
        rejected=reasons,
        blank_rows=blank_rows,
        source=data.filter(~summary),
        summary_rows=int(summary.sum()),
        date_order=reading.order_used,
        warnings=warnings,
    )
    sheet.rejected = reasons.join(sheet.raw_text(reasons["row_number"]), on=["sheet", "row_number"], how="left")
    return sheet


def parse_blocks(
    raw: RawSheet,
    starts: list[int],
    mapping: dict[str, str] | None,
    remembered: dict[str, dict[str, str]],
    date_order: str | None,
) -> ParsedSheet:
    """A sheet holding several tables one below another (one per body, each with its own header), parsed
    block by block and counted as one sheet; each block's header line counts as a non-payment line."""
    cuts = [0, *(number - raw.first_row for number in starts), raw.cells.height]
    blocks = []
    for begin, end in itertools.pairwise(cuts):
        part = RawSheet(name=raw.name, cells=raw.cells.slice(begin, end - begin), first_row=raw.first_row + begin)
        try:
            blocks.append(parse_sheet(part, mapping, remembered, date_order, split=False))
        except IngestError as exc:
            raise IngestError(f"the table under the header on row {part.first_row}: {exc}") from None
    raw.cells = raw.cells.clear()
    merged = blocks[0]
    for block, start in zip(blocks[1:], starts, strict=True):
        merged.payments = pl.concat([merged.payments, block.payments])
        merged.rejected = pl.concat([merged.rejected, block.rejected])
        merged.source = pl.concat([merged.source, block.source], how="diagonal_relaxed")
        merged.blank_rows += block.blank_rows
        merged.summary_rows += block.summary_rows + 1
        orders = {merged.date_order, block.date_order} - {None}
        merged.date_order = orders.pop() if len(orders) == 1 else ("mixed" if orders else None)
        merged.warnings.append(
            f"row {start} starts another table with its own header ({', '.join(block.layout.columns[:8])}); "
            "its rows were read by its own columns"
        )
        merged.warnings.extend(block.warnings)
    return merged


def commonest_reason(rejected: pl.DataFrame) -> tuple[str, int]:
    """The commonest kind of rejection reason and how many rows it covers."""
    return next(iter(reason_counts(rejected["reason"]).items()))


def first_of_kind(rejected: pl.DataFrame, kind: str) -> str:
    """The first rejected row of a kind of reason, with the value it quotes: "row 2: amount not a number: 'abc'"."""
    rows = rejected.filter(reason_kind(pl.col("reason")) == kind).sort("row_number")
    if rows.is_empty():
        return ""
    first = rows.row(0, named=True)
    where = f"sheet {first['sheet']!r} " if first.get("sheet") else ""
    return f"{where}row {first['row_number']}: {first['reason']}"


def parse_file(
    path: Path,
    data: bytes,
    sha256: str,
    sheet: str | None = None,
    mapping: dict[str, str] | None = None,
    remembered: dict[str, dict[str, str]] | None = None,
    date_order: str | None = None,
) -> ParsedFile:
    """Parse every sheet that holds payments; a workbook skips sheets whose columns cannot be placed.

    A file that keeps no payment at all is refused (NothingKept), so that it is never stored as loaded."""
    if date_order is not None and date_order not in values.ORDERS:
        raise IngestError(f"the date order must be one of {', '.join(values.ORDERS)}, not {date_order!r}")
    raw_sheets, encoding = read_sheets(path, data, sheet)
    parsed, skipped, errors = [], [], []
    for raw in raw_sheets:
        try:
            parsed.append(parse_sheet(raw, mapping, remembered or {}, date_order))
        except IngestError as exc:
            if len(raw_sheets) == 1:
                raise
            errors.append(f"sheet {raw.name!r}: {exc}")
            skipped.append(f"{raw.name}: {exc}")
    if not parsed:
        raise IngestError("; ".join(errors) or "the workbook has no sheets")
    if not any(p.payments.height for p in parsed):
        rejected = pl.concat([p.rejected for p in parsed])
        if rejected.is_empty():
            raise NothingKept("nothing to load: the file holds no payment rows below its header", rejected)
        kind, count = commonest_reason(rejected)
        first = first_of_kind(rejected, kind)
        raise NothingKept(
            f"nothing to load: all {rejected.height:,} rows were rejected (commonest reason: {kind}, "
            f"{count:,} rows{f'; first at {first}' if first else ''}); nothing was stored",
            rejected,
        )
    return ParsedFile(path=path, sha256=sha256, encoding=encoding, sheets=parsed, skipped=skipped)


def detect_layout(
    path: Path | str, sheet: str | None = None, remembered: dict[str, dict[str, str]] | None = None
) -> list[cols.Layout]:
    """Header, proposed mapping (with how each field was placed, and each column's profile) and missing fields
    of each sheet, with sample rows, for the Data page."""
    path = Path(path)
    raw_sheets, _ = read_sheets(path, read_spend_file(path), sheet)
    layouts = []
    for raw in raw_sheets:
        try:
            header, layout, _ = layout_of(raw, None, remembered or {})
        except IngestError:
            continue
        sample = raw.cells.slice(header.row_index + 1, 5).select(
            pl.col(c).alias(n) for c, n in zip(header.columns, header.names, strict=True)
        )
        layout.sample = sample.to_dicts()
        layouts.append(layout)
    return layouts
