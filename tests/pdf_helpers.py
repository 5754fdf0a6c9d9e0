"""Spend tables printed to PDF for the tests and the bench (WeasyPrint, already a runtime dependency)."""

from __future__ import annotations

import datetime as dt
import html
import random
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

CSS = """
@page { size: A4 landscape; margin: 12mm; @bottom-center { content: "Page " counter(page); font-size: 7pt; } }
body { font-family: sans-serif; font-size: 7pt; }
h1 { font-size: 11pt; margin: 0 0 2mm 0; } p.note { margin: 0 0 4mm 0; }
table { border-collapse: collapse; width: 100%; }
thead { display: table-header-group; }
th { text-align: left; vertical-align: bottom; padding: 1pt 3pt; }
td { vertical-align: top; padding: 1pt 3pt; }
td.money { text-align: right; }
col.supplier { width: 22%; } col.narrow { width: 9%; }
"""
HEADER = ("Date", "Expense Type", "Supplier", "Transaction Number", "Amount (£)", "Invoice Description")


@dataclass
class Payment:
    """One printed payment line."""

    paid_on: dt.date
    expense: str
    supplier: str
    reference: str
    amount: Decimal
    description: str

    def printed_amount(self) -> str:
        text = f"{abs(self.amount):,.2f}"
        return f"({text})" if self.amount < 0 else text


def payments(count: int, seed: int = 7) -> list[Payment]:
    """Payments with long supplier names and descriptions (they wrap) and some credits."""
    rng = random.Random(seed)
    words = ["Community", "Health", "Services", "Partnership", "Medical", "Estates", "Consulting", "Care"]
    rows = []
    for i in range(count):
        name = " ".join(rng.choice(words) for _ in range(rng.randint(2, 9))) + " Limited"
        pence = rng.randint(2_500_000, 900_000_000)
        amount = Decimal(pence).scaleb(-2) * (-1 if i % 17 == 5 else 1)
        description = " ".join(rng.choice(words).lower() for _ in range(rng.randint(1, 14)))
        day = dt.date(2021, 3, 1) + dt.timedelta(days=rng.randint(0, 30))
        rows.append(
            Payment(day, rng.choice(["Drugs", "Rent", "Agency staff"]), name, f"T{40000 + i}", amount, description)
        )
    return rows


def spend_pdf(path: Path, rows: list[Payment], title: str = "NHS Example CCG — Payments over £25,000") -> Path:
    """Print the payments as a report: a title block, a header repeated on every page, page numbers."""
    from weasyprint import HTML

    body = "".join(
        "<tr>"
        f"<td>{p.paid_on:%d/%m/%Y}</td><td>{html.escape(p.expense)}</td><td>{html.escape(p.supplier)}</td>"
        f"<td>{p.reference}</td><td class='money'>{p.printed_amount()}</td><td>{html.escape(p.description)}</td>"
        "</tr>"
        for p in rows
    )
    head = "".join(f"<th>{html.escape(name)}</th>" for name in HEADER)
    document = (
        f"<html><head><style>{CSS}</style></head><body><h1>{html.escape(title)}</h1>"
        "<p class='note'>Note: this report lists invoice lines paid in the month.</p>"
        "<table><colgroup><col class='narrow'><col class='narrow'><col class='supplier'><col class='narrow'>"
        f"<col class='narrow'><col></colgroup><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
        "</body></html>"
    )
    HTML(string=document).write_pdf(path)
    return path


def scanned_pdf(path: Path) -> Path:
    """A PDF whose one page is a picture of a table: no text layer, as a scanner makes."""
    import base64
    import io

    from PIL import Image, ImageDraw
    from weasyprint import HTML

    image = Image.new("RGB", (600, 300), "white")
    draw = ImageDraw.Draw(image)
    for row in range(10):
        draw.text((10, 10 + 25 * row), f"01/03/2021   Supplier {row} Ltd   1,234.{row:02d}", fill="black")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    data = base64.b64encode(buffer.getvalue()).decode()
    HTML(string=f"<html><body><img src='data:image/png;base64,{data}' width='600'></body></html>").write_pdf(path)
    return path
