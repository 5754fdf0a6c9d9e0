"""Real payment rows written the ways other publishers write them, for tests of ingest on unseen files.

The rows come from a real file in ../shared/reference (read here with the csv module, never copied into the
repository); each writer below changes one habit at a time (header spellings, column order, date and money
forms, redaction labels, preambles, footers, encodings, delimiters, containers) and returns the truth the
product must reproduce: the payments, and the lines that must not be loaded.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from xml.sax.saxutils import escape

BASE_FILE = "spend/greater_manchester/manchester/manchester_2022-03_clean.csv"
BASE_REDACTION = "Redacted Personal Information"
FIELDS = ("body", "area", "type", "date", "ref", "amount", "supplier")


@dataclass(frozen=True)
class Row:
    """One real payment line."""

    body: str
    area: str
    type: str
    date: dt.date
    ref: str
    amount: Decimal
    supplier: str  # '' where the publisher redacted the payee

    @property
    def redacted(self) -> bool:
        return not self.supplier


def base_rows(reference: Path, step: int = 17) -> list[Row]:
    """Every step-th row of Manchester's March 2022 file (credits and redactions among them), by the csv module."""
    with (reference / BASE_FILE).open(encoding="utf-8", newline="") as handle:
        records = list(csv.DictReader(handle))
    rows = []
    for record in records[::step]:
        supplier = record["Supplier Name"].strip()
        rows.append(
            Row(
                body=record["Body Name"],
                area=record["Service Area"],
                type=record["Expenses Type"],
                date=dt.date.fromisoformat(record["Invoice Payment Date"]),
                ref=record["Transaction Number"],
                amount=Decimal(record["Net Amount"]),
                supplier="" if supplier == BASE_REDACTION else supplier,
            )
        )
    return rows


@dataclass
class Style:
    """How one publisher writes its file."""

    headers: dict[str, str] = field(
        default_factory=lambda: {
            "body": "Body Name",
            "area": "Service Area",
            "type": "Expense Type",
            "date": "Payment Date",
            "ref": "Transaction Number",
            "amount": "Net Amount",
            "supplier": "Supplier Name",
        }
    )
    order: Sequence[str] = FIELDS
    date: Callable[[dt.date], object] = lambda d: d.strftime("%d/%m/%Y")
    amount: Callable[[Decimal], object] = lambda a: f"{a:.2f}"
    redaction: str = "REDACTED"
    redactions: list[str] = field(default_factory=list)  # labels used in turn, when a file mixes them
    preamble: list[list[str]] = field(default_factory=list)  # lines above the header
    footer: list[list[str]] = field(default_factory=list)  # lines below the data that are not payments
    blank_every: int = 0  # a wholly blank line after every n-th row (0: none)
    extra: dict[str, Callable[[Row], str]] = field(default_factory=dict)  # more columns: header -> cell


def table(rows: list[Row], style: Style) -> tuple[list[object], list[list[object]]]:
    """The header and the lines (preamble, data, blanks, footer) as cells."""
    header: list[object] = [style.headers[f] for f in style.order] + list(style.extra)
    lines: list[list[object]] = []
    labels = iter(style.redactions * len(rows) if style.redactions else [])
    for position, row in enumerate(rows, 1):
        label = next(labels) if style.redactions and row.redacted else style.redaction
        cells: dict[str, object] = {
            "body": row.body,
            "area": row.area,
            "type": row.type,
            "date": style.date(row.date),
            "ref": row.ref,
            "amount": style.amount(row.amount),
            "supplier": row.supplier or label,
        }
        lines.append([cells[f] for f in style.order] + [make(row) for make in style.extra.values()])
        if style.blank_every and position % style.blank_every == 0:
            lines.append([""] * len(header))
    return header, lines


def csv_bytes(
    rows: list[Row], style: Style, delimiter: str = ",", encoding: str = "utf-8", newline: str = "\r\n"
) -> bytes:
    """The file as a CSV in the given delimiter and encoding ('utf-8-sig' for a byte-order mark)."""
    header, lines = table(rows, style)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=newline)
    for line in [*style.preamble, header, *lines, *style.footer]:
        writer.writerow(line)
    return buffer.getvalue().encode(encoding)


def xlsx_file(
    path: Path,
    sheets: list[tuple[str, list[list[object]]]],
    merges: dict[str, list[str]] | None = None,
    formats: dict[str, str] | None = None,
) -> Path:
    """A workbook of the given sheets (cells as Python values), with merged ranges and number formats by column."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for name, lines in sheets:
        sheet = book.create_sheet(name)
        for line in lines:
            sheet.append(line)
        for merged in (merges or {}).get(name, []):
            sheet.merge_cells(merged)
        for column, number_format in (formats or {}).items():
            for cell in sheet[column]:
                if isinstance(cell.value, (int, float, dt.date)):
                    cell.number_format = number_format
    book.save(path)
    return path


def all_lines(rows: list[Row], style: Style) -> list[list[object]]:
    """Preamble, header, data and footer as one list of lines, for a workbook sheet."""
    header, lines = table(rows, style)
    return [*style.preamble, header, *lines, *style.footer]


def ods_file(path: Path, sheets: list[tuple[str, list[list[object]]]]) -> Path:
    """An OpenDocument spreadsheet (LibreOffice's .ods), written as its XML; dates and numbers typed."""

    def cell(value: object) -> str:
        if value is None or value == "":
            return "<table:table-cell/>"
        if isinstance(value, dt.date):
            return (
                f'<table:table-cell office:value-type="date" office:date-value="{value.isoformat()}">'
                f"<text:p>{value:%d/%m/%Y}</text:p></table:table-cell>"
            )
        if isinstance(value, (int, float, Decimal)):
            return (
                f'<table:table-cell office:value-type="float" office:value="{value}">'
                f"<text:p>{value}</text:p></table:table-cell>"
            )
        return f'<table:table-cell office:value-type="string"><text:p>{escape(str(value))}</text:p></table:table-cell>'

    body = "".join(
        f'<table:table table:name="{escape(name)}">'
        + "".join("<table:table-row>" + "".join(cell(v) for v in line) + "</table:table-row>" for line in lines)
        + "</table:table>"
        for name, lines in sheets
    )
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f"<office:body><office:spreadsheet>{body}</office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
        'manifest:version="1.2"><manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w") as book:
        book.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        book.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
        book.writestr("META-INF/manifest.xml", manifest, compress_type=zipfile.ZIP_DEFLATED)
    return path


def c1_as_cp1252(text: str) -> str:
    """U+0080..U+009F (cp1252 bytes a publisher's export decoded as Latin-1) as the characters they meant."""
    return "".join(ch.encode("latin-1").decode("cp1252") if "\x80" <= ch <= "\x9f" else ch for ch in text)


def printable(rows: list[Row]) -> list[Row]:
    """The rows with the control characters of the real file turned into what they meant, as a printout shows."""
    return [dataclasses.replace(r, supplier=c1_as_cp1252(r.supplier), type=c1_as_cp1252(r.type)) for r in rows]


def pdf_file(path: Path, rows: list[Row], style: Style, title: str = "Payments over £500") -> Path:
    """The table printed as a report (title, note, header repeated on each page), as a finance system does."""
    import html

    from weasyprint import HTML

    from tests.pdf_helpers import CSS

    header, lines = table(rows, style)
    head = "".join(f"<th>{html.escape(str(name))}</th>" for name in header)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(str(cell))}</td>" for cell in line) + "</tr>" for line in lines if any(line)
    )
    document = (
        f"<html><head><style>{CSS}</style></head><body><h1>{html.escape(title)}</h1>"
        "<p class='note'>Note: payments to individuals are redacted.</p>"
        f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></body></html>"
    )
    HTML(string=document).write_pdf(path)
    return path
