"""Collaboration opportunities, ranked by £ at stake, each with the drill-down filters to its payments."""

from __future__ import annotations

from collections import defaultdict

from anchorspend.metrics.sectors import DIVISIONS, sector_label
from anchorspend.present.formats import gbp

# Thresholds, stated with each opportunity so that a reader can check it.
MATERIAL_GBP = 10_000.0  # an anchor's leakage in a sector counts from this much in the period
SMALL_SUPPLIER_GBP = 25_000.0  # a supplier with less combined spend than this in the period is small
MIN_SMALL_SUPPLIERS = 10  # fragmentation: this many small suppliers in one sector across anchors
SUPPLIERS_LISTED = 10  # a sector's drill-down lists this many of its largest suppliers when it has no contracts
DAYS_A_YEAR = 365.25


def shared_suppliers(supplier_rows: list[dict], capacity: dict[str, int]) -> list[dict]:
    """Suppliers paid by two or more anchors, largest first; non-local ones with local capacity flagged."""
    shared = []
    for row in supplier_rows:
        if not row["is_shared"]:
            continue
        is_local = row["tier"] == "local"
        shared.append(
            {
                "supplier": row["supplier"],
                "supplier_id": row["supplier_id"],
                "anchors": row["anchors"],
                "spend": row["amount_gbp"],
                "tier": row["tier"],
                "is_local": is_local,
                "sector": row["sic_division"],
                "relocalisation_candidate": not is_local
                and row["tier"] != "unknown"
                and capacity.get(row["sic_division"] or "", 0) > 0,
            }
        )
    return sorted(shared, key=lambda s: (-s["spend"], s["supplier"]))


def _by_sector(sector_rows: list[dict]) -> dict[str, list[dict]]:
    grouped: dict[str, list[dict]] = defaultdict(list)
    for row in sector_rows:
        if row["sic_division"]:
            grouped[row["sic_division"]].append(row)
    return grouped


def common_leaking(sector_rows: list[dict], tier: str) -> list[dict]:
    """Sectors where two or more anchors each leak at least MATERIAL_GBP outside the tier."""
    found = []
    for division, rows in _by_sector(sector_rows).items():
        leaking = [r for r in rows if r["leakage_gbp"] >= MATERIAL_GBP]
        if len(leaking) >= 2:
            amount = sum(r["leakage_gbp"] for r in leaking)
            anchors = sorted(r["anchor"] for r in leaking)
            found.append(
                {
                    "kind": "common_leaking_category",
                    "amount": amount,
                    "sector": division,
                    "anchors": anchors,
                    "title": f"{sector_label(division)}: {len(anchors)} anchors spend {gbp(amount, short=False)} "
                    f"outside the {tier} tier",
                    "rule": f"two or more anchors each with at least {gbp(MATERIAL_GBP, short=False)} of leakage "
                    "in the division",
                    "drill": {
                        "sic_division": division,
                        "tiers": ["outside"] if tier == "regional" else ["regional", "outside"],
                        "anchors": anchors,
                    },
                }
            )
    return found


def local_intelligence(sector_rows: list[dict], supplier_rows: list[dict]) -> list[dict]:
    """Sectors where some anchors buy mostly from local suppliers while others buy the same mostly from non-local
    ones (at least MATERIAL_GBP each): the first know local firms the others could use."""
    local_suppliers: dict[str, list[str]] = defaultdict(list)
    for row in supplier_rows:
        if row["tier"] == "local" and row["sic_division"] and row["amount_gbp"] > 0:
            local_suppliers[row["sic_division"]].append(row["supplier"])
    found = []
    for division, rows in _by_sector(sector_rows).items():
        users = sorted(r["anchor"] for r in rows if r["local_gbp"] > 0 and r["local_gbp"] >= r["nonlocal_gbp"])
        others = [r for r in rows if r["nonlocal_gbp"] > r["local_gbp"] and r["nonlocal_gbp"] >= MATERIAL_GBP]
        if not users or not others:
            continue
        amount = sum(r["nonlocal_gbp"] for r in others)
        names = local_suppliers[division][:5]
        found.append(
            {
                "kind": "local_supplier_intelligence",
                "amount": amount,
                "sector": division,
                "anchors": sorted(r["anchor"] for r in others),
                "local_users": users,
                "local_suppliers": names,
                "title": f"{sector_label(division)}: {', '.join(users)} {'buys' if len(users) == 1 else 'buy'} "
                f"locally (e.g. {', '.join(names[:3])}); {len(others)} other "
                f"{'anchor spends' if len(others) == 1 else 'anchors spend'} {gbp(amount, short=False)} "
                "with non-local suppliers",
                "rule": "anchors buying a division mostly locally, beside anchors buying it mostly non-locally "
                f"(at least {gbp(MATERIAL_GBP, short=False)} each)",
                "drill": {
                    "sic_division": division,
                    "tiers": ["regional", "outside"],
                    "anchors": sorted(r["anchor"] for r in others),
                },
            }
        )
    return found


def aligned_reprocurement(contract_rows: list[dict]) -> list[dict]:
    """Sectors with contracts ending 6-24 months after the period end at two or more anchors."""
    found = []
    by_division: dict[str, list[dict]] = defaultdict(list)
    for row in contract_rows:
        by_division[row["sic_division"]].append(row)
    for division, rows in by_division.items():
        anchors = sorted({r["anchor"] for r in rows})
        if len(anchors) < 2:
            continue
        amount = sum(float(r["value_gbp"] or 0) for r in rows)
        found.append(
            {
                "kind": "aligned_reprocurement",
                "amount": amount,
                "sector": division,
                "anchors": anchors,
                "title": f"{sector_label(division)}: {len(rows)} contracts at {len(anchors)} anchors end between "
                f"{min(r['ends_on'] for r in rows)} and {max(r['ends_on'] for r in rows)}",
                "rule": "contracts in the same division ending 6 to 24 months after the period end at two or more "
                "anchors; £ is their annual value (else total ÷ years)",
                "contracts": [
                    {
                        k: (str(v) if k == "ends_on" else v)
                        for k, v in r.items()
                        if k in ("anchor", "title", "reference", "supplier", "ends_on", "value_gbp")
                    }
                    for r in rows
                ],
                "drill": {
                    "sic_division": division,
                    "anchors": anchors,
                    "supplier_ids": sorted({r["supplier_id"] for r in rows if r["supplier_id"] is not None})
                    or None,
                },
            }
        )
    return found


def fragmentation(fragment_rows: list[dict]) -> list[dict]:
    """Sectors with many small suppliers across two or more anchors."""
    return [
        {
            "kind": "fragmentation",
            "amount": r["small_gbp"],
            "sector": r["sic_division"],
            "small_suppliers": r["small_suppliers"],
            "title": f"{sector_label(r['sic_division'])}: {r['small_suppliers']} small suppliers across "
            f"{r['anchor_count']} anchors share {gbp(r['small_gbp'], short=False)}",
            "rule": f"at least {MIN_SMALL_SUPPLIERS} suppliers each under {gbp(SMALL_SUPPLIER_GBP, short=False)} "
            "in the period, "
            "across two or more anchors",
            "drill": {"sic_division": r["sic_division"]},
        }
        for r in fragment_rows
        if r["small_suppliers"] >= MIN_SMALL_SUPPLIERS and r["anchor_count"] >= 2
    ]


def shared_opportunities(shared: list[dict]) -> list[dict]:
    """Each shared supplier as an opportunity."""
    return [
        {
            "kind": "shared_supplier",
            "amount": s["spend"],
            "sector": s["sector"],
            "anchors": s["anchors"],
            "supplier_id": s["supplier_id"],
            "title": f"{s['supplier']}: paid by {', '.join(s['anchors'])} ({gbp(s['spend'], short=False)}, {s['tier']})"
            + ("; a joint re-localisation candidate" if s["relocalisation_candidate"] else ""),
            "rule": "a supplier paid by two or more anchors",
            "drill": {"supplier_ids": [s["supplier_id"]], "anchors": s["anchors"]},
        }
        for s in shared
    ]


def rank(*groups: list[dict]) -> list[dict]:
    """All opportunities, ranked by £ at stake."""
    merged = [o for group in groups for o in group]
    return sorted(merged, key=lambda o: (-o["amount"], o["kind"], o["title"]))


def per_year(amount: float, period_days: int) -> float:
    """An amount of the period as pounds a year (the period's daily rate times a year's days)."""
    return amount * DAYS_A_YEAR / max(period_days, 1)


def _ranking_key(entry: dict) -> tuple:
    # The rule the page states (present.collaboration.RANKING_RULE): the money leaving first, then the spend.
    return (-round(entry["leakage"], 2), -round(entry["spend"], 2), entry["sector"])


def sector_list(
    sector_rows: list[dict],
    supplier_rows: list[dict],
    capacity: dict[str, int],
    opportunities: list[dict],
    contracts: list[dict],
    registers: dict[str, int],
    period_days: int,
) -> list[dict]:
    """The decision list: one entry per sector (SIC division) where two or more anchors could act together, ranked
    by the money a year its anchors pay to suppliers outside the leakage tier, then by their spend in it.

    A sector is listed when two or more anchors buy in it (or hold contracts in it) and at least one kind of
    opportunity (shared supplier, common leakage, local supplier intelligence, aligned re-procurement,
    fragmentation) was found in it. contracts: the anchors' contracts ending after the period, with a sector;
    registers: anchor -> contracts loaded (any date), so that "no contract dates loaded" is told apart from none.
    """
    kinds: dict[str, set[str]] = defaultdict(set)
    local_users: dict[str, list[str]] = {}
    aligned_anchors: dict[str, list[str]] = {}
    small: dict[str, int] = {}
    for o in opportunities:
        if not o.get("sector"):
            continue
        kinds[o["sector"]].add(o["kind"])
        if o["kind"] == "local_supplier_intelligence":
            local_users[o["sector"]] = o["local_users"]
        elif o["kind"] == "aligned_reprocurement":
            aligned_anchors[o["sector"]] = o["anchors"]
        elif o["kind"] == "fragmentation":
            small[o["sector"]] = o.get("small_suppliers", 0)
    by_contract: dict[str, list[dict]] = defaultdict(list)
    for c in contracts:
        by_contract[c["sic_division"]].append(c)
    suppliers: dict[str, list[dict]] = defaultdict(list)
    for row in supplier_rows:
        if row["sic_division"] and row["amount_gbp"] > 0:
            suppliers[row["sic_division"]].append(row)
    entries = []
    for division, rows in _by_sector(sector_rows).items():
        if not kinds.get(division):
            continue
        buying = sorted((r for r in rows if r["total_gbp"] > 0), key=lambda r: (-r["total_gbp"], r["anchor"]))
        held = by_contract.get(division, [])
        anchors = [r["anchor"] for r in buying] + sorted({c["anchor"] for c in held} - {r["anchor"] for r in buying})
        if len(anchors) < 2:
            continue
        spend = sum(r["total_gbp"] for r in rows)
        local = sum(r["local_gbp"] for r in rows)
        leakage = sum(r["leakage_gbp"] for r in rows)
        unknown = spend - local - sum(r["nonlocal_gbp"] for r in rows)
        listed = sorted(held, key=lambda c: (c["ends_on"], c["anchor"], c["title"] or ""))
        entries.append(
            {
                "sector": division,
                "label": sector_label(division),
                "title": DIVISIONS.get(division, sector_label(division)),
                "anchors": anchors,
                "spend": spend,
                "spend_per_year": per_year(spend, period_days),
                "local_spend": local,
                "leakage": leakage,
                "leakage_per_year": per_year(leakage, period_days),
                "leakage_share": leakage / spend if spend > 0 else None,
                "unknown_spend": unknown,
                "unknown_share": unknown / spend if spend > 0 else None,
                "local_suppliers": capacity.get(division, 0),
                "local_users": local_users.get(division, []),
                "aligned_anchors": aligned_anchors.get(division, []),
                "small_suppliers": small.get(division, 0),
                "shared_suppliers": sum(1 for s in suppliers[division] if s["is_shared"]),
                "kinds": sorted(kinds[division]),
                "contracts": [
                    {
                        "title": c["title"],
                        "supplier": c["supplier"],
                        "anchor": c["anchor"],
                        "value_gbp": None if c["value_gbp"] is None else float(c["value_gbp"]),
                        "ends_on": c["ends_on"],
                    }
                    for c in listed
                ],
                "first_end": listed[0]["ends_on"] if listed else None,
                "last_end": listed[-1]["ends_on"] if listed else None,
                "without_register": [a for a in anchors if not registers.get(a)],
                "suppliers": [
                    {"supplier": s["supplier"], "anchors": s["anchors"], "spend": s["amount_gbp"], "tier": s["tier"]}
                    for s in sorted(suppliers[division], key=lambda s: (-s["amount_gbp"], s["supplier"]))[
                        :SUPPLIERS_LISTED
                    ]
                ],
                "drill": {"sic_division": division, "anchors": anchors},
            }
        )
    ranked = sorted(entries, key=_ranking_key)
    for number, entry in enumerate(ranked, start=1):
        entry["rank"] = number
    return ranked
