"""The supplier register, the anchors' contracts registers (Salford's layout) and the LM3 assumptions file."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from anchorspend.demo.economy import Economy, Supplier
from anchorspend.demo.sectors import ANCHORS, BY_KEY

REGISTER_HEADER = [
    "Name",
    "Registered Postcode",
    "Branch Postcodes",
    "Company Number",
    "Charity Number",
    "SIC Codes",
    "Employees",
    "SME",
    "Organisation Type",
]
KIND_LABEL = {
    "ltd": "Private limited company",
    "plc": "Public limited company",
    "cic": "Community interest company",
    "charity": "charity",
    "public": "public",
    "llp": "Limited liability partnership",
}
CONTRACTS_HEADER = [
    "Directorate Name",
    "Process Used",
    "Purchasing Body",
    "Contract Reference",
    "Contract Title",
    "Contract Description",
    "Supplier Company Name",
    "Supplier Postcode",
    "Annual Value",
    "Total Contract Value (including extensions)",
    "OJEU/FTS?",
    "Start Date",
    "End Date",
    "Contract Duration (months)",
    "Option to extend (months)",
    "How many extensions",
    "Extension 1 Taken?",
    "Extension 2 Taken?",
    "Current Expiry Date",
    "SME Supplier?",
    "ProClass Classification",
    "ProClass Description",
    "Company Number",
    "Visibility",
]
# Sectors whose big contracts come up for renewal at several anchors within the next two years: the aligned
# re-procurement opportunity the Collaboration page shows.
ALIGNED = ("cleaning", "it", "agency", "catering", "security", "waste", "energy")
ALIGNED_FROM, ALIGNED_TO = dt.date(2027, 6, 1), dt.date(2028, 9, 30)
CONTRACT_ANCHORS = (0, 1, 2, 3, 4)  # the small housing co-operative publishes no contracts register


def _csv_bytes(header: list[str], rows: Sequence[Sequence[object]], bom: bool = False) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return (b"\xef\xbb\xbf" if bom else b"") + buffer.getvalue().encode("utf-8")


def write_register(folder: Path, economy: Economy, seed: int) -> Path:
    """The suppliers the region knows about: postcodes, numbers, SIC codes, size; a few fields missing."""
    rng = np.random.default_rng([seed, 5])
    rows = []
    for s in economy.suppliers:
        if not s.in_register:
            continue
        employees = "" if rng.random() < 0.15 else str(s.employees)
        sme = "" if employees and rng.random() < 0.5 else ("Y" if s.is_sme else "N")
        rows.append(
            [
                s.name,
                s.postcode,
                s.branch_postcode,
                s.company_number,
                s.charity_number,
                " ".join(s.sic_codes) if s.kind != "public" or rng.random() < 0.5 else "",
                employees,
                sme,
                KIND_LABEL[s.kind],
            ]
        )
    path = folder / "dogger-vale_supplier-register_FICTIONAL.csv"
    path.write_bytes(_csv_bytes(REGISTER_HEADER, rows))
    return path


def _contract_row(
    anchor_index: int, k: int, s: Supplier, annual: float, start: dt.date, end: dt.date
) -> list:
    sector = BY_KEY[s.sector]
    anchor = ANCHORS[anchor_index]
    months = (end.year - start.year) * 12 + end.month - start.month
    trade = sector.trades[0].lower()
    number = s.company_number.lstrip("0")  # as Salford publishes them, leading zeros dropped
    return [
        "Corporate" if anchor.kind != "council" else "Place",
        "Open Tender" if annual > 200_000 else "RFQ",
        anchor.name,
        f"{anchor.name.split()[0][:3].upper()}{anchor_index}{k:04d}",
        f"Provision of {trade} services",
        f"{sector.expense} for {anchor.name} (fictional demo contract)",
        s.name,
        s.branch_postcode or s.postcode,
        f"{annual:.2f}",
        f"{annual * months / 12:.2f}",
        "Yes" if annual > 200_000 else "No",
        start.isoformat(),
        end.isoformat(),
        months,
        12,
        1,
        "N/A",
        "N/A",
        end.isoformat(),
        "Yes" if s.is_sme else "No",
        sector.sic,
        sector.expense,
        number,
        "Public",
    ]


def write_contracts(folder: Path, economy: Economy, seed: int) -> list[tuple[Path, str]]:
    """One contracts register per anchor that publishes one: its biggest suppliers' contracts."""
    by_no = economy.by_no()
    written = []
    for anchor_index in CONTRACT_ANCHORS:
        anchor = ANCHORS[anchor_index]
        rng = np.random.default_rng([seed, 6, anchor_index])
        spend = [(no, gbp) for no, gbp in economy.spend[anchor.name] if no > 0 and by_no[no].kind != "public"]
        spend.sort(key=lambda item: -item[1])
        rows = []
        for k, (no, gbp) in enumerate(spend[:60]):
            supplier = by_no[no]
            if supplier.sector in ALIGNED:  # renewals due in the next two years
                end = ALIGNED_FROM + dt.timedelta(days=int(rng.integers(0, (ALIGNED_TO - ALIGNED_FROM).days)))
            else:
                end = dt.date(2025, 1, 1) + dt.timedelta(days=int(rng.integers(0, 6 * 365)))
            start = end - dt.timedelta(days=int(rng.choice([3, 4, 5])) * 365)
            rows.append(_contract_row(anchor_index, k, supplier, gbp / 2, start, end))
        path = folder / f"{anchor.name.lower().replace(' ', '-')}_contracts-register_FICTIONAL.csv"
        path.write_bytes(_csv_bytes(CONTRACTS_HEADER, rows, bom=True))
        written.append((path, anchor.name))
    return written


def _toml_value(value: object) -> str:
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, dt.date):
        return value.isoformat()
    return repr(value)


def write_assumptions(folder: Path, economy: Economy) -> Path:
    """Payroll and staff locality per anchor and year, a few suppliers' survey returns, one extra rule."""
    source = "Demo assumption (fictional anchor, invented figure)"
    items: list[tuple[str, dict[str, object]]] = []
    for anchor in ANCHORS:
        for year in (2024, 2025, 2026):
            growth = 1.03 ** (year - 2024)
            items.append(
                (
                    "payroll",
                    {
                        "anchor": anchor.name,
                        "year_from": dt.date(year, 4, 1),
                        "payroll_gbp": round(anchor.payroll_gbp * growth),
                        "staff_local_share": anchor.staff_local_share,
                        "staff_respend_rate": 0.36,
                        "source": source,
                    },
                )
            )
    local_vcse = [s for s in economy.suppliers if s.home == "local" and s.is_vcse and s.in_register][:4]
    for k, s in enumerate(local_vcse):
        items.append(
            (
                "survey_return",
                {
                    "supplier": s.name,
                    "rate": round(0.55 + 0.07 * k, 2),
                    "returned_on": dt.date(2026, 6, 1),
                    "source": "Demo supplier survey (fictional)",
                },
            )
        )
    items.append(
        (
            "influenceable_rule",
            {
                "applies_to": "supplier_name",
                "pattern": "^NHS Supply Chain",
                "reason": "National NHS framework, bought centrally (demo rule)",
            },
        )
    )
    lines = ["# LM3 assumptions for the fictional Dogger Vale demo region: invented figures, not real ones."]
    for kind, fields in items:
        lines.append(f"\n[[{kind}]]")
        lines += [f"{key} = {_toml_value(value)}" for key, value in fields.items()]
    path = folder / "dogger-vale_assumptions_FICTIONAL.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
