"""Build small metrics stores from compact Python literals (a conftest-free helper for test_metrics_*)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import duckdb

from anchorspend.metrics.sectors import section_of

KINDS = {"council", "nhs", "housing", "education", "police", "other"}


def pay(anchor: str, payee: str, amount: float, day: str = "2024-05-15", **extra: object) -> dict:
    """One payment: anchor name, payee as written, net £, date; extra: expense_type, redacted, description."""
    return {"anchor": anchor, "payee": payee, "amount": amount, "day": day, **extra}


def build(
    con: duckdb.DuckDBPyConnection,
    payments: Iterable[dict],
    suppliers: dict[str, dict] | None = None,
    *,
    local: Iterable[str] = ("L1",),
    regional: Iterable[str] = ("L1", "R1"),
    individuals: Iterable[str] = (),
    deprivation: dict[str, int] | None = None,
    anchor_kinds: dict[str, str] | None = None,
) -> None:
    """Insert anchors, one file per anchor, aliases, suppliers and payments, the place and IMD deciles.

    suppliers: name -> {district, org_type, division, lsoa, lat, lon, ward}; a payee that is neither a supplier
    nor an individual gets an unresolved alias (no supplier: location unknown).
    """
    suppliers = suppliers or {}
    payments = list(payments)
    anchors = sorted({p["anchor"] for p in payments} | set(anchor_kinds or {}))
    for number, name in enumerate(anchors, start=1):
        kind = (anchor_kinds or {}).get(name, "council")
        con.execute(
            "insert into anchors (anchor_id, name, kind) values ($i, $n, $k)",
            {"i": number, "n": name, "k": kind},
        )
        days = [dt.date.fromisoformat(p["day"]) for p in payments if p["anchor"] == name] or [
            dt.date(2024, 1, 1)
        ]
        con.execute(
            "insert into source_files (file_id, anchor_id, name, sha256, period_from, period_to, rows_read, "
            "rows_loaded, rows_rejected, blank_rows, amount_total, amount_basis) "
            "values ($i, $i, $n, $n, $lo, $hi, 0, 0, 0, 0, 0, 'net')",
            {"i": number, "n": f"{name}.csv", "lo": min(days), "hi": max(days)},
        )
    anchor_id = {name: number for number, name in enumerate(anchors, start=1)}
    supplier_id = {}
    for number, (name, s) in enumerate(sorted(suppliers.items()), start=1):
        supplier_id[name] = number
        division = s.get("division")
        con.execute(
            "insert into suppliers (supplier_id, name, name_key, org_type, sic_division, sic_section, district_code, "
            "ward_code, lsoa_code, lat, lon, location_evidence) values ($i, $n, lower($n), $t, $d, $sec, $dc, $w, "
            "$l, $lat, $lon, $ev)",
            {
                "i": number,
                "n": name,
                "t": s.get("org_type", "unknown"),
                "d": division,
                "sec": s.get("section", section_of(division)),
                "dc": s.get("district"),
                "w": s.get("ward"),
                "l": s.get("lsoa"),
                "lat": s.get("lat"),
                "lon": s.get("lon"),
                "ev": "registered_office" if s.get("district") else "unknown",
            },
        )
    people = set(individuals)
    alias_id: dict[str, int] = {}
    for p in payments:
        name = p["payee"]
        if name in alias_id:
            continue
        alias_id[name] = len(alias_id) + 1
        con.execute(
            "insert into supplier_aliases (alias_id, raw_name, supplier_id, is_individual) values ($i, $n, $s, $ind)",
            {"i": alias_id[name], "n": name, "s": supplier_id.get(name), "ind": name in people},
        )
    for number, p in enumerate(payments, start=1):
        con.execute(
            "insert into payments (payment_id, anchor_id, file_id, row_number, paid_on, amount_gbp, alias_id, "
            "supplier_raw, expense_type, expense_area, description, is_redacted) "
            "values ($i, $a, $a, $i, $d, $amt, $al, $raw, $et, $ea, $desc, $red)",
            {
                "i": number,
                "a": anchor_id[p["anchor"]],
                "d": dt.date.fromisoformat(p["day"]),
                "amt": p["amount"],
                "al": alias_id[p["payee"]],
                "raw": p["payee"],
                "et": p.get("expense_type"),
                "ea": p.get("expense_area"),
                "desc": p.get("description"),
                "red": bool(p.get("redacted")),
            },
        )
    for code in local:
        con.execute("insert into place_districts values ('local', $c)", {"c": code})
    for code in regional:
        con.execute("insert into place_districts values ('regional', $c)", {"c": code})
    for lsoa, decile in (deprivation or {}).items():
        con.execute(
            "insert into deprivation (lsoa_code, imd_decile) values ($l, $d)", {"l": lsoa, "d": decile}
        )
