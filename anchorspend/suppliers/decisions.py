"""Manual merge and split decisions: applied at once, stored, and replayed after every resolution."""

from __future__ import annotations

import duckdb

from anchorspend import db
from anchorspend.suppliers.normalise import normalise_name

LINKED_TABLES = (
    ("supplier_aliases", "supplier_id"),
    ("register_entries", "supplier_id"),
    ("contracts", "supplier_id"),
)


class DecisionError(ValueError):
    """A merge or split that cannot be done (unknown supplier, nothing to split)."""


def name_key_of(con: duckdb.DuckDBPyConnection, supplier_id: int) -> str:
    """The stable name key an organisation is remembered by; DecisionError for an unknown id."""
    row = con.execute(
        "select name_key from suppliers where supplier_id = $id", {"id": supplier_id}
    ).fetchone()
    if row is None:
        raise DecisionError(f"no supplier with id {supplier_id}")
    return row[0]


def keep_apart_pairs(con: duckdb.DuckDBPyConnection) -> set[frozenset[str]]:
    """Name keys a person said are different organisations (splits and rejected review pairs)."""
    rows = con.execute(
        "select from_name_key, to_name_key, alias_raw_name from supplier_decisions "
        "where action in ('split', 'keep_apart')"
    ).fetchall()
    pairs = set()
    for from_key, to_key, alias_raw in rows:
        other = to_key or (normalise_name(alias_raw) if alias_raw else None)
        if from_key and other and from_key != other:
            pairs.add(frozenset((from_key, other)))
    return pairs


def move_supplier(con: duckdb.DuckDBPyConnection, from_id: int, into_id: int) -> None:
    """Give everything linked to from_id to into_id and delete from_id (no decision recorded)."""
    for table, column in LINKED_TABLES:
        con.execute(
            f"update {table} set {column} = $into where {column} = $from", {"into": into_id, "from": from_id}
        )
    con.execute(
        "update review_queue set status = 'accepted' where candidate_supplier_id = $into and alias_id in "
        "(select alias_id from supplier_aliases where supplier_id = $into)",
        {"into": into_id},
    )
    con.execute("delete from review_queue where candidate_supplier_id = $from", {"from": from_id})
    con.execute("delete from suppliers where supplier_id = $from", {"from": from_id})


def merge(con: duckdb.DuckDBPyConnection, from_id: int, into_id: int, by: str | None = None) -> None:
    """Fold organisation from_id into into_id (ids of the rest never change) and remember the decision."""
    if from_id == into_id:
        raise DecisionError("a supplier cannot be merged into itself")
    from_key, into_key = name_key_of(con, from_id), name_key_of(con, into_id)
    with db.transaction(con, needs_refresh=True):
        move_supplier(con, from_id, into_id)
        con.execute(
            "insert into supplier_decisions (decided_by, action, from_name_key, to_name_key) "
            "values ($by, 'merge', $f, $t)",
            {"by": by or db.current_user(), "f": from_key, "t": into_key},
        )
        db.log_change(
            con, "suppliers.merge", str(into_id), f"{from_id} {from_key}", f"{into_id} {into_key}", by
        )


def split(con: duckdb.DuckDBPyConnection, raw_name: str, by: str | None = None) -> int:
    """Move the spellings with raw_name's key out of their organisation into a new one; return its id."""
    key = normalise_name(raw_name)
    row = con.execute(
        "select distinct supplier_id from supplier_aliases where raw_name = $r and supplier_id is not null",
        {"r": raw_name},
    ).fetchone()
    if row is None:
        raise DecisionError(f"no resolved supplier spelling {raw_name!r}")
    old_id = row[0]
    old_key = name_key_of(con, old_id)
    if old_key == key:
        raise DecisionError(
            f"{raw_name!r} is the main name of supplier {old_id}; split the other spellings instead"
        )
    with db.transaction(con, needs_refresh=True):
        new_id = _split_out(con, old_id, key, raw_name)
        con.execute(
            "insert into supplier_decisions (decided_by, action, alias_raw_name, from_name_key) "
            "values ($by, 'split', $r, $f)",
            {"by": by or db.current_user(), "r": raw_name, "f": old_key},
        )
        db.log_change(con, "suppliers.split", str(old_id), f"{old_id} {old_key}", f"{new_id} {raw_name}", by)
    return new_id


def _split_out(con: duckdb.DuckDBPyConnection, old_id: int, key: str, raw_name: str) -> int:
    """Create a new organisation for the spellings of old_id whose key is key."""
    alias_ids = [
        a
        for a, r in con.execute(
            "select alias_id, raw_name from supplier_aliases where supplier_id = $s", {"s": old_id}
        ).fetchall()
        if normalise_name(r) == key
    ]
    new_id = db.scalar(
        con,
        "insert into suppliers (name, name_key) values ($n, $k) returning supplier_id",
        {"n": raw_name.strip(), "k": key},
    )
    con.executemany(
        "update supplier_aliases set supplier_id = $1, match_method = 'manual', match_confidence = 1.0 "
        "where alias_id = $2",
        [[new_id, a] for a in alias_ids],
    )
    return new_id


def keep_apart(
    con: duckdb.DuckDBPyConnection, alias_id: int, candidate_id: int, by: str | None = None
) -> None:
    """Reject a review-queue pair: the spelling and the candidate are different organisations, for good."""
    row = con.execute("select raw_name from supplier_aliases where alias_id = $a", {"a": alias_id}).fetchone()
    if row is None:
        raise DecisionError(f"no supplier spelling with alias id {alias_id}")
    candidate_key = name_key_of(con, candidate_id)
    with db.transaction(con, needs_refresh=True):
        con.execute(
            "update review_queue set status = 'rejected' where alias_id = $a and candidate_supplier_id = $c",
            {"a": alias_id, "c": candidate_id},
        )
        con.execute(
            "insert into supplier_decisions (decided_by, action, from_name_key, to_name_key, alias_raw_name) "
            "values ($by, 'keep_apart', $f, $t, $r)",
            {"by": by or db.current_user(), "f": candidate_key, "t": normalise_name(row[0]), "r": row[0]},
        )
        db.log_change(con, "suppliers.keep_apart", str(candidate_id), None, row[0], by)


def accept(con: duckdb.DuckDBPyConnection, alias_id: int, candidate_id: int, by: str | None = None) -> None:
    """Accept a review-queue pair: the spelling is the candidate organisation, remembered like any merge.

    A spelling that is not its organisation's own name is split off first, so only it moves.
    """
    row = con.execute(
        "select raw_name, supplier_id from supplier_aliases where alias_id = $a", {"a": alias_id}
    ).fetchone()
    if row is None:
        raise DecisionError(f"no supplier spelling with alias id {alias_id}")
    raw_name, current = row
    if current is None:
        raise DecisionError(f"{raw_name!r} has no organisation yet: run `anchorspend suppliers resolve`")
    name_key_of(con, candidate_id)  # fail early on an unknown candidate
    if current == candidate_id:
        return
    if normalise_name(raw_name) != name_key_of(con, current):
        current = split(con, raw_name, by=by)
    merge(con, current, candidate_id, by=by)


def owners_by_key(con: duckdb.DuckDBPyConnection) -> dict[str, set[int]]:
    """Each name key -> the organisations that own a spelling with it (or have it as their own key)."""
    owners: dict[str, set[int]] = {}
    for supplier_id, raw_name in con.execute(
        "select supplier_id, raw_name from supplier_aliases where supplier_id is not null "
        "union select supplier_id, name_key from suppliers"
    ).fetchall():
        owners.setdefault(normalise_name(raw_name), set()).add(supplier_id)
    return owners


def replay(con: duckdb.DuckDBPyConnection) -> int:
    """Re-apply stored decisions to the current organisations (after re-loads); return how many acted."""
    stored = con.execute(
        "select action, from_name_key, to_name_key, alias_raw_name from supplier_decisions "
        "where action in ('merge', 'split') order by decision_id"
    ).fetchall()
    if not stored:
        return 0
    owners = owners_by_key(con)
    acted = 0
    for action, from_key, to_key, raw_name in stored:
        if action == "merge":
            sources, targets = owners.get(from_key, set()), owners.get(to_key, set())
            if targets and sources - targets:
                into = min(targets)
                for from_id in sources - targets:
                    move_supplier(con, from_id, into)
                    acted += 1
                owners[from_key] = {into}
        elif action == "split" and raw_name:
            key = normalise_name(raw_name)
            for supplier_id in owners.get(key, set()) & owners.get(from_key, set()):
                new_id = _split_out(con, supplier_id, key, raw_name)
                owners[key] = (owners[key] - {supplier_id}) | {new_id}
                acted += 1
    return acted
