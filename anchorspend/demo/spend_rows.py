"""One anchor's payment lines as a finance system would export them: text names, expense codes, references."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from anchorspend.demo import payments
from anchorspend.demo.economy import Economy
from anchorspend.demo.sectors import ANCHORS, BY_KEY

# Where in each kind of anchor a sector's spend is booked.
AREAS = {
    "council": {
        "residential_care": "Adult Social Care",
        "home_care": "Adult Social Care",
        "community": "Communities & Neighbourhoods",
        "construction": "Growth & Development",
        "repairs": "Corporate Property",
        "civil": "Highways",
        "waste": "Neighbourhoods",
        "cleaning": "Corporate Property",
        "grounds": "Neighbourhoods",
        "catering": "Education Services",
        "transport": "Children's Services",
        "it": "Corporate Core",
        "agency": "Corporate Core",
        "legal": "Corporate Core",
        "public": "Corporate Finance",
        "individual": "Adult Social Care",
    },
    "nhs": {
        "pharma": "PHARMACY",
        "medical": "THEATRES & CLINICAL SUPPORT",
        "agency": "WORKFORCE",
        "it": "DIGITAL SERVICES",
        "construction": "ESTATES & FACILITIES",
        "cleaning": "ESTATES & FACILITIES",
        "catering": "ESTATES & FACILITIES",
        "public": "FINANCE",
        "private_health": "OUTSOURCED ACTIVITY",
    },
    "police": {
        "vehicles": "Fleet",
        "fuel": "Fleet",
        "it": "Digital Policing",
        "telecoms": "Digital Policing",
        "private_health": "Forensic & Custody Health",
        "public": "Finance",
        "individual": "Witness Care",
    },
    "education": {
        "lab": "Faculty of Science",
        "construction": "Estates",
        "repairs": "Estates",
        "catering": "Campus Services",
        "cleaning": "Campus Services",
        "it": "IT Services",
        "public": "Finance",
        "individual": "Academic Departments",
    },
    "housing": {
        "construction": "Development",
        "repairs": "Responsive Repairs",
        "grounds": "Estate Services",
        "cleaning": "Estate Services",
        "community": "Tenancy Sustainment",
        "public": "Finance",
        "individual": "Rent Accounts",
    },
}
DEFAULT_AREA = {
    "council": "Corporate Core",
    "nhs": "CORPORATE SERVICES",
    "police": "Corporate Services",
    "education": "Professional Services",
    "housing": "Corporate Services",
}


def booking(kind: str, sector: str) -> tuple[str, str]:
    """(expense type, expense area) of a payment to this sector in this kind of anchor's books."""
    expense = {"individual": "Payments to Individuals", "public": "Payments to Other Public Bodies"}.get(
        sector
    ) or BY_KEY[sector].expense
    if kind == "nhs":
        expense = f"EXP - {expense.upper()}"
    return expense, AREAS[kind].get(sector, DEFAULT_AREA[kind])


@dataclass
class Line:
    """One payment line, before a layout writes it."""

    paid_on: dt.date
    supplier: str
    amount: float
    expense_type: str
    expense_area: str
    reference: str
    sector: str  # the payee's sector key, 'public' or 'individual'
    company_number: str
    charity_number: str
    is_vcse: bool


def anchor_lines(seed: int, economy: Economy, anchor_index: int, rows: int, factor: float) -> list[Line]:
    """About `rows` payment lines for one anchor over the demo's 24 months, in date order."""
    anchor = ANCHORS[anchor_index]
    plan = payments.plan(seed, economy, anchor_index, rows, factor)
    drawn = payments.draw(plan, np.random.default_rng([seed, 4, anchor_index]), rows)
    by_no = economy.by_no()
    order = np.lexsort((drawn["payee"], drawn["paid_on"]))
    epoch = dt.date(1970, 1, 1)
    lines = []
    for k, i in enumerate(order):
        payee = plan.payees[drawn["payee"][i]]
        supplier = by_no.get(payee)
        sector = "individual" if supplier is None else supplier.sector
        expense, area = booking(anchor.kind, sector)
        lines.append(
            Line(
                epoch + dt.timedelta(days=int(drawn["paid_on"][i])),
                plan.spellings[drawn["payee"][i]][drawn["spelling"][i]],
                float(drawn["amount"][i]),
                expense,
                area,
                f"{(anchor_index + 1) * 10_000_000 + k + 1}",
                sector,
                supplier.company_number if supplier else "",
                supplier.charity_number if supplier else "",
                bool(supplier and supplier.is_vcse),
            )
        )
    return lines
