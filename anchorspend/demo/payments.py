"""Payment lines drawn from the economy: who was paid, how much, when; shared by the file writers and bulk."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from anchorspend.demo import names
from anchorspend.demo.economy import Economy, Supplier
from anchorspend.demo.sectors import ANCHORS, AnchorProfile

FIRST_MONTH = dt.date(2024, 11, 1)  # 24 months, Nov 2024 .. Oct 2026: a full baseline year for the latest
MONTHS = 24
ROW_EXPONENT = 0.6  # rows per payee grow slower than spend: big suppliers get bigger invoices
INDIVIDUAL_LABELS = {  # how each anchor writes an individual payee
    "council_500": ("Redacted Personal Information",),
    "nhs_25k": ("REDACTED",),
    "police_lgtc": ("REDACTED - Personal Information", "Redacted"),
    "university_salford": (),  # names people outright (made up at plan time)
    "housing_xlsx": ("Personal data withheld",),
    "housing_small_csv": (),  # gives a tenant code instead of a name
}
DEFAULT_STYLE = {
    "council_500": "upper_ltd",
    "nhs_25k": "upper_limited",
    "police_lgtc": "register",
    "university_salford": "title_ltd",
    "housing_xlsx": "register",
    "housing_small_csv": "dotted",
}


@dataclass
class Plan:
    """What one anchor's payments are drawn from: payees, their row probabilities and mean excess amounts."""

    anchor: AnchorProfile
    index: int
    payees: list[int]  # supplier numbers; -1 for individuals
    row_p: np.ndarray  # probability that a row goes to each payee
    excess_mean: np.ndarray  # mean amount above the publishing threshold, per row, per payee
    is_local: np.ndarray  # payee counts as local (for the upward trend at the council)
    spellings: list[list[str]]  # how this anchor writes each payee (first is the usual one)
    credit_rate: float


def spend_factor(scale: int, default_scale: int) -> float:
    """Above the default scale amounts grow with the row count, so each payment keeps its size."""
    return max(1.0, scale / default_scale)


def _spellings(rng: np.random.Generator, anchor: AnchorProfile, supplier: Supplier | None) -> list[str]:
    """This anchor's spellings of one payee: its house style, sometimes another, sometimes two."""
    if supplier is None:
        labels = INDIVIDUAL_LABELS[anchor.layout]
        if labels:
            return list(labels)
        if anchor.layout == "university_salford":
            return sorted({names.person(rng) for _ in range(40)})
        return [f"Tenant refund T{int(n):05d}" for n in rng.integers(1000, 99999, size=30)]
    style = DEFAULT_STYLE[anchor.layout]
    if rng.random() < 0.15:
        style = str(rng.choice(names.STYLES))
    if style == "uk" and supplier.employees < 250:
        style = "upper_limited"
    spelled = [names.spell(supplier.name, supplier.kind, style)]
    if rng.random() < 0.06:  # the same anchor spells it two ways over time
        other = names.spell(supplier.name, supplier.kind, str(rng.choice(names.STYLES[:4])))
        if other != spelled[0]:
            spelled.append(other)
    return spelled


def plan(seed: int, economy: Economy, anchor_index: int, rows: int, factor: float) -> Plan:
    """The drawing plan for one anchor with about `rows` payments; amounts multiplied by factor."""
    anchor = ANCHORS[anchor_index]
    rng = np.random.default_rng([seed, 3, anchor_index])
    by_no = economy.by_no()
    payees = [no for no, _ in economy.spend[anchor.name]]
    spend = np.array([s for _, s in economy.spend[anchor.name]]) * factor
    weight = spend**ROW_EXPONENT
    individual = np.array([no < 0 for no in payees])
    # Individuals are many small payments (care packages, refunds), not a few large ones.
    weight[individual] = weight[~individual].sum() * 0.09 if anchor.individuals else 0.0
    expected_rows = rows * weight / weight.sum()
    # Keep every payment at or above the threshold: fewer, larger rows where spend per row would fall below.
    cap = spend / (1.5 * anchor.threshold_gbp)
    expected_rows = np.minimum(expected_rows, cap)
    row_p = expected_rows / expected_rows.sum()
    n = row_p * rows
    excess = np.maximum(spend / np.maximum(n, 1e-9) - anchor.threshold_gbp, 0.0)
    spellings = [_spellings(rng, anchor, by_no.get(no)) for no in payees]
    is_local = np.array(
        [no > 0 and by_no[no].home == "local" and by_no[no].kind != "public" for no in payees]
    )
    credit = {"nhs_25k": 0.004, "housing_small_csv": 0.01}.get(anchor.layout, 0.025)
    return Plan(anchor, anchor_index, payees, row_p, excess, is_local, spellings, credit)


def draw(plan: Plan, rng: np.random.Generator, n: int) -> dict[str, np.ndarray]:
    """n payment lines: payee and spelling indexes, amount (credits negative), paid_on in days since 1970."""
    payee = rng.choice(len(plan.payees), size=n, p=plan.row_p)
    size = rng.lognormal(-0.5, 1.0, size=n)  # mean 1
    amount = plan.anchor.threshold_gbp + plan.excess_mean[payee] * size
    credit = rng.random(n) < plan.credit_rate
    amount = np.where(credit, -np.round(amount * rng.uniform(0.05, 1.0, size=n), 2), np.round(amount, 2))
    month = rng.integers(0, MONTHS, size=n)
    if plan.anchor.kind == "council":  # more local buying in the latest year: a change worth showing
        shift = plan.is_local[payee] & (month < 12) & (rng.random(n) < 0.12)
        month = np.where(shift, month + 12, month)
    first = np.datetime64(FIRST_MONTH, "M") + month
    days_in = ((first + 1).astype("datetime64[D]") - first.astype("datetime64[D]")).astype(int)
    day = first.astype("datetime64[D]") + (rng.random(n) * days_in).astype(int)
    weekday = (day.astype(int) + 3) % 7  # 0 = Monday; payment runs are on weekdays
    back = day - np.where(weekday >= 5, weekday - 4, 0)
    forward = day + np.where(weekday >= 5, 7 - weekday, 0)
    day = np.where(back.astype("datetime64[M]") == first, back, forward)
    spelling_count = np.array([len(s) for s in plan.spellings])
    spelling = (rng.random(n) * spelling_count[payee]).astype(int)
    return {
        "payee": payee,
        "spelling": spelling,
        "amount": amount,
        "paid_on": day.astype(int),
        "credit": credit,
    }
