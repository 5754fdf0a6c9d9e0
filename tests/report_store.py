"""A hand-made store for the report tests: two anchors, three districts, payments in two financial years."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from anchorspend import db

LOCAL, REGIONAL, OUTSIDE = "E07000901", "E07000902", "E07000903"
# (name, org_type, district, SIC division, section)
SUPPLIERS = (
    ("Millbrook Builders Ltd", "sme", LOCAL, "41", "F"),
    ("Eastmoor Catering CIC", "vcse", REGIONAL, "56", "I"),
    ("National Software Plc", "large", OUTSIDE, "62", "J"),
    ("Distant Construction Ltd", "large", OUTSIDE, "41", "F"),
    ("Nowhere Known Ltd", "unknown", None, None, None),
)
REDACTED_LABEL = "Redacted Personal Information"
PERSON = "Jane Q Example"  # an individual payee named outright in a file: must never be printed

# (anchor, supplier index or a payee label, paid_on, amount). In-year (2026-27) to 22 November 2026:
# Council: 100,000 local + 50,000 regional + 80,000 outside + 10,000 unknown + 5,000 redacted + 2,000 person
# NHS:     30,000 local + 60,000 outside (software) - 5,000 credit local
PAYMENTS = (
    ("Northbridge Council", 0, dt.date(2026, 4, 10), 60_000),
    ("Northbridge Council", 0, dt.date(2026, 6, 10), 40_000),
    ("Northbridge Council", 1, dt.date(2026, 5, 3), 50_000),
    ("Northbridge Council", 2, dt.date(2026, 7, 1), 50_000),
    ("Northbridge Council", 3, dt.date(2026, 9, 15), 30_000),
    ("Northbridge Council", 4, dt.date(2026, 10, 20), 10_000),
    ("Northbridge Council", REDACTED_LABEL, dt.date(2026, 8, 1), 5_000),
    ("Northbridge Council", PERSON, dt.date(2026, 8, 2), 2_000),
    ("Northbridge NHS Trust", 0, dt.date(2026, 4, 20), 30_000),
    ("Northbridge NHS Trust", 0, dt.date(2026, 5, 20), -5_000),
    ("Northbridge NHS Trust", 2, dt.date(2026, 6, 20), 60_000),
    ("Northbridge Council", 0, dt.date(2026, 11, 30), 999_999),  # after the week: outside the period
    # The baseline year, 2025-26 to 22 November 2025
    ("Northbridge Council", 0, dt.date(2025, 5, 10), 40_000),
    ("Northbridge Council", 2, dt.date(2025, 6, 10), 60_000),
    ("Northbridge NHS Trust", 1, dt.date(2025, 7, 10), 20_000),
)


def square(lon: float, lat: float) -> bytes:
    """A small square district boundary as WKB."""
    import shapely

    return shapely.to_wkb(shapely.box(lon, lat, lon + 0.1, lat + 0.1))


def build_store(path: Path, *, loaded_at: dt.datetime = dt.datetime(2026, 11, 20, 9, 0)) -> Path:
    """Write the store at path and return it."""
    with db.connect(path) as con, db.transaction(con):
        for code, name, lon in (
            (LOCAL, "Northbridge", -2.0),
            (REGIONAL, "Eastmoor", -1.9),
            (OUTSIDE, "Faraway", -1.0),
        ):
            con.execute(
                "insert into districts (district_code, name, geometry_wkb, centroid_lat, centroid_lon, "
                "is_fictional, source) values ($c, $n, $g, 53.05, $lon, true, 'test')",
                {"c": code, "n": name, "g": square(lon, 53.0), "lon": lon + 0.05},
            )
        con.execute("insert into place (name, is_fictional) values ('Northbridge', true)")
        con.execute(
            "insert into place_districts values ('local', $l), ('regional', $l), ('regional', $r)",
            {"l": LOCAL, "r": REGIONAL},
        )
        anchors = {}
        for name, kind in (("Northbridge Council", "council"), ("Northbridge NHS Trust", "nhs")):
            anchors[name] = con.execute(
                "insert into anchors (name, kind) values ($n, $k) returning anchor_id", {"n": name, "k": kind}
            ).fetchone()[0]
        files = {}
        for name, anchor_id in anchors.items():
            files[name] = con.execute(
                "insert into source_files (anchor_id, name, sha256, period_from, period_to, loaded_at, "
                "rows_read, rows_loaded, rows_rejected, blank_rows, amount_total, amount_basis) "
                "values ($a, $f, $s, '2025-04-01', '2026-11-30', $t, 20, 18, 2, 0, 0, 'net') "
                "returning file_id",
                {"a": anchor_id, "f": f"{name.split()[-2].lower()}-spend.csv", "s": name, "t": loaded_at},
            ).fetchone()[0]
        suppliers = []
        for name, org_type, district, division, section in SUPPLIERS:
            supplier_id = con.execute(
                "insert into suppliers (name, name_key, org_type, sic_division, sic_section, sector_source, "
                "district_code, location_evidence) values ($n, lower($n), $t, $d, $s, $src, $dc, $ev) "
                "returning supplier_id",
                {
                    "n": name,
                    "t": org_type,
                    "d": division,
                    "s": section,
                    "src": "register" if division else None,
                    "dc": district,
                    "ev": "registered_office" if district else "unknown",
                },
            ).fetchone()[0]
            alias_id = con.execute(
                "insert into supplier_aliases (raw_name, supplier_id, match_method) "
                "values ($n, $s, 'exact_name') returning alias_id",
                {"n": name, "s": supplier_id},
            ).fetchone()[0]
            suppliers.append((name, alias_id))
        people = {}
        for label in (REDACTED_LABEL, PERSON):
            people[label] = con.execute(
                "insert into supplier_aliases (raw_name, is_individual) values ($n, true) returning alias_id",
                {"n": label},
            ).fetchone()[0]
        for row, (anchor, payee, paid_on, amount) in enumerate(PAYMENTS, start=2):
            raw, alias_id = (payee, people[payee]) if isinstance(payee, str) else suppliers[payee]
            con.execute(
                "insert into payments (anchor_id, file_id, row_number, paid_on, amount_gbp, alias_id, "
                "supplier_raw, expense_type, is_redacted) "
                "values ($a, $f, $r, $d, $m, $al, $raw, 'Services', $red)",
                {
                    "a": anchors[anchor],
                    "f": files[anchor],
                    "r": row,
                    "d": paid_on,
                    "m": amount,
                    "al": alias_id,
                    "raw": raw,
                    "red": payee == REDACTED_LABEL,
                },
            )
    return path
