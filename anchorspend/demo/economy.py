"""The demo's economy: suppliers with sectors, types and locations, and what each anchor spends with whom."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from anchorspend.demo import names
from anchorspend.demo.geography import Geography
from anchorspend.demo.sectors import ANCHORS, SECTORS, AnchorProfile

YEARS = 2  # payments cover 24 months, so the latest year has a baseline a year earlier


@dataclass
class Supplier:
    """One organisation the anchors pay."""

    no: int
    name: str  # legal name, as the register writes it
    kind: str  # ltd, plc, llp, cic, charity, public, partnership
    sector: str
    sic_codes: tuple[str, ...]
    home: str  # where it counts as based: local, regional or outside (branch first, CLES rule)
    district_code: str
    postcode: str  # registered office
    branch_postcode: str  # a branch in the local district, '' when none
    company_number: str
    charity_number: str
    employees: int
    is_sme: bool
    size: float  # relative size, drives spend
    in_register: bool
    lookalike_of: int = 0  # the supplier whose name this one resembles (a different organisation)

    @property
    def is_vcse(self) -> bool:
        """A charity or social enterprise."""
        return self.kind in ("charity", "cic")


@dataclass
class Economy:
    """All suppliers, and each anchor's two-year spend per payee."""

    suppliers: list[Supplier]
    spend: dict[
        str, list[tuple[int, float]]
    ]  # anchor name -> (supplier no, or -1 for individuals; £ over 2 years)

    def by_no(self) -> dict[int, Supplier]:
        """Suppliers by their number."""
        return {s.no: s for s in self.suppliers}


# Public bodies the anchors pay: non-influenceable by default (precepts, tax, pensions, other public bodies).
PUBLIC_BODIES = (
    ("HM Revenue & Customs", "outside", ("council", "nhs", "police", "education", "housing")),
    ("Dogger Vale Pension Fund", "local", ("council", "police", "housing")),
    ("Dogger Vale Police and Crime Commissioner", "local", ("council",)),
    ("Dogger Vale Fire and Rescue Authority", "local", ("council",)),
    ("Fennmouth Hospitals NHS Foundation Trust", "local", ("council",)),
    ("Quillbridge Borough Council", "regional", ("council", "police")),
    ("Environment Agency", "outside", ("council",)),
    ("NHS Supply Chain Coordination", "outside", ("nhs",)),
    ("NHS Business Services Authority", "outside", ("nhs",)),
    ("NHS Pension Scheme", "outside", ("nhs",)),
    ("Universities Superannuation Scheme", "outside", ("education",)),
    ("Regulator of Social Housing", "outside", ("housing",)),
)


def _place(rng: np.random.Generator, geo: Geography, home: str, vcse: bool) -> tuple[str, str]:
    """A district and a postcode for a supplier based in home; charities lean to deprived small areas."""
    if home == "local":
        areas = [a for a in geo.small_areas if a.district_code == geo.local.code and a.postcodes]
        weights = np.array([(11 - a.imd_decile) ** (2.0 if vcse else 0.5) for a in areas], dtype=float)
        area = areas[rng.choice(len(areas), p=weights / weights.sum())]
        return area.district_code, str(rng.choice(area.postcodes))
    pool = (
        [d for d in geo.districts if d.in_region and d.code != geo.local.code]
        if home == "regional"
        else [d for d in geo.districts if not d.in_region]
    )
    district = pool[rng.integers(len(pool))]
    return district.code, str(rng.choice(district.postcodes))


def _company_number(rng: np.random.Generator, used: set[str]) -> str:
    """An eight-digit company number (fictional firms; numbers chosen at random)."""
    while True:
        number = f"{int(rng.integers(1_000_000, 15_999_999)):08d}"
        if number not in used:
            used.add(number)
            return number


def _sector_suppliers(
    rng: np.random.Generator, geo: Geography, start: int, used_names: set[str], numbers: set[str]
) -> list[Supplier]:
    """The supplier pool of every sector, with local capacity only where the sector has it."""
    suppliers: list[Supplier] = []
    for sector in SECTORS:
        n_local = 0 if sector.local == 0 else max(3, round(sector.pool * min(0.7, sector.local + 0.1)))
        n_regional = 0 if sector.regional == 0 else max(2, round(sector.pool * 0.2))
        homes = ["local"] * n_local + ["regional"] * n_regional
        homes += ["outside"] * max(4, sector.pool - len(homes))
        for home in homes:
            vcse = home != "outside" and rng.random() < sector.vcse
            large = home == "outside" and rng.random() < 0.45
            kind = (
                ("charity" if rng.random() < 0.7 else "cic")
                if vcse
                else ("plc" if large and rng.random() < 0.4 else "ltd")
            )
            trade = str(rng.choice(sector.trades))
            while True:
                stem = names.brand(rng) if home == "outside" else names.local_word(rng)
                name = " ".join(w for w in (stem, trade, names.legal_suffix(kind)) if w)
                if name not in used_names:
                    used_names.add(name)
                    break
            district, postcode = _place(rng, geo, home, vcse)
            branch = ""
            # A national firm with a local branch counts as local (never in sectors the place cannot supply).
            if large and sector.local > 0 and rng.random() < 0.15:
                branch = _place(rng, geo, "local", False)[1]
            employees = int(rng.lognormal(7.0, 1.0)) + 250 if large else int(rng.lognormal(2.8, 1.1)) + 1
            sics = (sector.sic,) if rng.random() < 0.85 else (sector.sic, "82990")
            size = float(rng.lognormal(0, 1.5)) * (4.0 if large else 1.0)
            # Big suppliers are known to the register; the unknown-location tail is mostly small firms.
            p_register = 0.98 if size > 2.0 else (0.9 if home == "local" else 0.7)
            suppliers.append(
                Supplier(
                    start + len(suppliers),
                    name,
                    kind,
                    sector.key,
                    sics,
                    "local" if branch else home,
                    district,
                    postcode,
                    branch,
                    _company_number(rng, numbers) if kind in ("ltd", "plc", "cic") else "",
                    str(int(rng.integers(200_000, 1_199_999)))
                    if kind in ("charity", "cic") and rng.random() < 0.8
                    else "",
                    employees,
                    employees < 250,
                    size,
                    in_register=bool(rng.random() < p_register),
                )
            )
    return suppliers


def _lookalikes(
    rng: np.random.Generator, geo: Geography, suppliers: list[Supplier], numbers: set[str]
) -> list[Supplier]:
    """Different organisations whose names look like existing ones ('Castlegate Roofing Services Limited')."""
    made: list[Supplier] = []
    locals_ = [s for s in suppliers if s.home == "local" and s.kind == "ltd"]
    for index in rng.choice(len(locals_), size=min(20, len(locals_)), replace=False):  # same draws as choosing items
        original = locals_[index]
        stem = original.name.removesuffix(" Limited")
        name = f"{stem} {rng.choice(names.LOOKALIKE_WORDS)} Limited"
        if any(s.name == name for s in suppliers + made):
            continue
        district, postcode = _place(rng, geo, "outside", False)
        made.append(
            Supplier(
                len(suppliers) + len(made) + 1,
                name,
                "ltd",
                original.sector,
                original.sic_codes,
                "outside",
                district,
                postcode,
                "",
                _company_number(rng, numbers),
                "",
                int(rng.lognormal(3.5, 1.0)) + 1,
                True,
                original.size,
                True,
                lookalike_of=original.no,
            )
        )
    return made


def _public_bodies(rng: np.random.Generator, geo: Geography, start: int) -> list[Supplier]:
    """Public bodies, located where they are based."""
    bodies = []
    for k, (name, home, _) in enumerate(PUBLIC_BODIES):
        district, postcode = _place(rng, geo, home, False)
        bodies.append(
            Supplier(
                start + k,
                name,
                "public",
                "public",
                ("84110",),
                home,
                district,
                postcode,
                "",
                "",
                "",
                5000,
                False,
                1.0,
                True,
            )
        )
    return bodies


def _allocate(
    rng: np.random.Generator, anchor: AnchorProfile, suppliers: list[Supplier], n_suppliers: int
) -> list[tuple[int, float]]:
    """An anchor's two-year spend per supplier: sector budgets, split local/regional/outside, long-tailed."""
    total = anchor.annual_gbp * YEARS
    influenceable = total * (1 - anchor.non_influenceable - anchor.individuals)
    mix = dict(anchor.mix)
    weight_sum = sum(mix.values())
    spend: dict[int, float] = {}
    for key, share in mix.items():
        budget = influenceable * share / weight_sum
        sector = next(s for s in SECTORS if s.key == key)
        pool = {
            h: [s for s in suppliers if s.sector == key and s.home == h]
            for h in ("local", "regional", "outside")
        }
        local = min(0.93, sector.local * anchor.local_factor) if pool["local"] else 0.0
        regional = min(1 - local, sector.regional) if pool["regional"] else 0.0
        k_sector = max(3, round(n_suppliers * share / weight_sum))
        for home, part in (("local", local), ("regional", regional), ("outside", 1 - local - regional)):
            if part <= 0 or not pool[home]:
                continue
            k = min(len(pool[home]), max(1, round(k_sector * (part**0.7))))
            sizes = np.array([s.size for s in pool[home]])
            chosen = rng.choice(len(pool[home]), size=k, replace=False, p=sizes / sizes.sum())
            shares = sizes[chosen] * rng.lognormal(0, 0.6, size=k)
            for idx, w in zip(chosen, shares / shares.sum(), strict=True):
                supplier = pool[home][idx]
                spend[supplier.no] = spend.get(supplier.no, 0.0) + budget * part * float(w)
    bodies = [s for s in suppliers if s.kind == "public" and anchor.kind in _payers(s.name)]
    weights = rng.dirichlet(np.ones(len(bodies)) * 0.7)
    for body, w in zip(bodies, weights, strict=True):
        spend[body.no] = spend.get(body.no, 0.0) + total * anchor.non_influenceable * float(w)
    spend[-1] = total * anchor.individuals
    return sorted(spend.items())


def _payers(body: str) -> tuple[str, ...]:
    """The anchor kinds that pay a public body."""
    return next(kinds for name, _, kinds in PUBLIC_BODIES if name == body)


def generate(seed: int, geo: Geography) -> Economy:
    """Suppliers and each anchor's spend with them, for a seed."""
    rng = np.random.default_rng([seed, 2])
    numbers: set[str] = set()
    suppliers = _sector_suppliers(rng, geo, 1, set(), numbers)
    suppliers += _lookalikes(rng, geo, suppliers, numbers)
    suppliers += _public_bodies(rng, geo, len(suppliers) + 1)
    spend = {}
    for anchor in ANCHORS:
        n = {"council": 900, "nhs": 160, "police": 300, "education": 350, "housing": 220}[anchor.kind]
        spend[anchor.name] = _allocate(rng, anchor, suppliers, n if anchor.annual_gbp > 10e6 else 70)
    return Economy(suppliers, spend)
