"""A supplier's name, postcode, sector and type set by hand: checked, logged, and kept across re-loads."""

from __future__ import annotations

import re

import duckdb

from anchorspend import db
from anchorspend.suppliers.decisions import DecisionError, name_key_of, owners_by_key
from anchorspend.suppliers.sic import section_of
from anchorspend.suppliers.tables import postcodes_in

FIELDS = ("name", "postcode", "sector", "type")
TYPES = ("public", "vcse", "sme", "large", "unknown")
MAX_NAME = 200
CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# The column each field shows in, for the change log's old value.
CURRENT = {"name": "name", "postcode": "postcode", "sector": "sic_division", "type": "org_type"}


def checked_value(field: str, value: str) -> str:
    """The value as stored, or DecisionError saying in one line what is wrong with it."""
    text = " ".join(str(value).split()) if field == "name" else str(value).strip()
    if field == "name":
        if not text or len(text) > MAX_NAME or CONTROL.search(str(value).strip("\n")):
            raise DecisionError(f"a supplier name must be 1-{MAX_NAME} characters with no control characters")
        return text
    if field == "postcode":
        squeezed = "".join(text.upper().split())
        found = postcodes_in(squeezed)  # normalised 'AB1 2CD'
        postcode = found[0] if len(found) == 1 and found[0].replace(" ", "") == squeezed else None
        if postcode is None:
            raise DecisionError(f"{text[:20]!r} is not a full UK postcode (e.g. 'M5 4WT')")
        return postcode
    if field == "sector":
        division = text.zfill(2) if text.isdigit() else text
        if section_of(division) is None:
            raise DecisionError(f"{text[:20]!r} is not a SIC 2007 division (two digits, e.g. '86')")
        return division
    if field == "type":
        if text.lower() not in TYPES:
            raise DecisionError(f"{text[:20]!r} is not a supplier type ({', '.join(TYPES)})")
        return text.lower()
    raise DecisionError(f"{field!r} cannot be set by hand ({', '.join(FIELDS)})")


def set_field(con: duckdb.DuckDBPyConnection, supplier_id: int, field: str, value: str, by: str | None = None) -> str:
    """Set one field of a supplier by hand, for good (replayed after every resolution); return the value."""
    stored = checked_value(field, value)
    key = name_key_of(con, supplier_id)
    column = CURRENT[field]
    old = con.execute(f"select {column} from suppliers where supplier_id = $id", {"id": supplier_id}).fetchone()
    with db.transaction(con):
        con.execute(
            "insert or replace into supplier_overrides (name_key, field, value, supplier_id, decided_by) "
            "values ($k, $f, $v, $id, $by)",
            {"k": key, "f": field, "v": stored, "id": supplier_id, "by": by or db.current_user()},
        )
        action = "suppliers.rename" if field == "name" else f"suppliers.set_{field}"
        db.log_change(con, action, str(supplier_id), old[0] if old else None, stored, by)
        apply_names(con)
    return stored


def rebind(con: duckdb.DuckDBPyConnection) -> int:
    """Point every override at the organisation that owns its name key now (after merges and re-loads)."""
    rows = con.execute("select name_key, supplier_id from supplier_overrides").fetchall()
    if not rows:
        return 0
    owners = owners_by_key(con)
    changed = 0
    for key, current in rows:
        owner = min(owners[key]) if owners.get(key) else None
        if owner != current:
            con.execute("update supplier_overrides set supplier_id = $s where name_key = $k", {"s": owner, "k": key})
            changed += 1
    return changed


def apply_names(con: duckdb.DuckDBPyConnection) -> None:
    """Give organisations the names people chose for them (after the facts refresh picks a display name)."""
    # The latest choice wins when a merge brought two organisations' chosen names together.
    con.execute("""update suppliers s set name = o.value, updated_at = current_timestamp
                   from (select supplier_id, arg_max(value, decided_at) as value from supplier_overrides
                         where field = 'name' and supplier_id is not null group by supplier_id) o
                   where o.supplier_id = s.supplier_id and s.name <> o.value""")


def manual_values(con: duckdb.DuckDBPyConnection, field: str) -> dict[int, str]:
    """supplier id -> the value set by hand for field, for every organisation that has one."""
    return dict(
        con.execute(
            "select supplier_id, arg_max(value, decided_at) from supplier_overrides "
            "where field = $f and supplier_id is not null group by supplier_id",
            {"f": field},
        ).fetchall()
    )
