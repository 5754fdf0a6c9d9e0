"""Edits made in the app to the rules and LM3 assumptions tables, each kept in the change log."""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass

import duckdb
import polars as pl

from anchorspend import db


@dataclass(frozen=True)
class Editable:
    """A table the app lets a signed-in user edit, and the columns that identify a row."""

    table: str
    key: tuple[str, ...]
    columns: tuple[str, ...]


# Table and column names come only from here, never from user input (values are always bound).
EDITABLE = {
    "influenceable_rules": Editable(
        "influenceable_rules", ("rule_id",), ("rule_id", "applies_to", "pattern", "reason", "enabled")
    ),
    "respend_rates": Editable(
        "respend_rates",
        ("org_type", "sic_division", "supplier_tier"),
        ("org_type", "sic_division", "supplier_tier", "rate", "low", "high", "source"),
    ),
    "anchor_payroll": Editable(
        "anchor_payroll",
        ("anchor_id", "year_from"),
        ("anchor_id", "year_from", "payroll_gbp", "staff_local_share", "staff_respend_rate", "source"),
    ),
}


def _clean(value: object) -> object:
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def _rows(frame: pl.DataFrame, columns: Sequence[str]) -> list[dict[str, object]]:
    present = [c for c in columns if c in frame.columns]
    return [{k: _clean(v) for k, v in row.items()} for row in frame.select(present).iter_rows(named=True)]


def _target(spec: Editable, key: tuple[object, ...]) -> str:
    """The row changed, for the change log: 'rule_id=3' or 'anchor_id=1, year_from=2024-04-01'."""
    return ", ".join(f"{k}={v}" for k, v in zip(spec.key, key, strict=True))


def _text(row: dict[str, object] | None) -> str | None:
    return None if row is None else json.dumps(row, default=str, sort_keys=True)


def save_table(
    con: duckdb.DuckDBPyConnection, name: str, before: pl.DataFrame, after: pl.DataFrame, changed_by: str
) -> int:
    """Apply the difference between two versions of a table in one transaction; return rows changed."""
    spec = EDITABLE[name]
    present = set(before.columns) | set(after.columns)
    # Columns an older store lacks are left out, so the editor works before and after a schema upgrade.
    spec = Editable(
        spec.table, tuple(k for k in spec.key if k in present), tuple(c for c in spec.columns if c in present)
    )
    # The editor hands back pandas types (a whole-number column with an empty cell becomes float): read
    # the edited table as the stored one's types, so a row is compared, keyed and logged as it is stored.
    after = after.cast({c: t for c, t in before.schema.items() if c in after.columns}, strict=False)
    old = {tuple(r[k] for k in spec.key): r for r in _rows(before, spec.columns)}
    new_rows = _rows(after, spec.columns)
    generated = spec.key == ("rule_id",)  # a new rule gets its id from the sequence
    new = {
        tuple(r.get(k) for k in spec.key): r for r in new_rows if not (generated and r.get("rule_id") is None)
    }
    added = [r for r in new_rows if generated and r.get("rule_id") is None]
    for row in new_rows:
        missing = [
            c
            for c in spec.columns
            if c not in spec.key
            and c != "rule_id"
            and row.get(c) is None
            and c in ("applies_to", "pattern", "reason", "rate", "source", "payroll_gbp", "staff_local_share")
        ]
        if missing:
            raise ValueError(f"{name}: a row has no {missing[0]}")
    changes = 0
    where = " and ".join(f"{k} = ${k}" for k in spec.key)
    # Text rules decide which payments the derived summary leaves out (pipeline.refresh rebuilds it); the other
    # tables are read as they are by the metrics, so the summary stays current.
    rules = spec.table == "influenceable_rules"
    with db.transaction(con, changes_derived=rules, needs_refresh=rules):
        for key, row in old.items():
            if key not in new:
                con.execute(f"delete from {spec.table} where {where}", dict(zip(spec.key, key, strict=True)))
                db.log_change(con, f"{name}.delete", _target(spec, key), _text(row), None, changed_by)
                changes += 1
        for key, row in new.items():
            if row == old.get(key):
                continue
            if key in old:
                con.execute(f"delete from {spec.table} where {where}", dict(zip(spec.key, key, strict=True)))
            _insert(con, spec, row)
            db.log_change(
                con,
                f"{name}.{'update' if key in old else 'add'}",
                _target(spec, key),
                _text(old.get(key)),
                _text(row),
                changed_by,
            )
            changes += 1
        for row in added:
            _insert(con, spec, {k: v for k, v in row.items() if k != "rule_id"})
            db.log_change(con, f"{name}.add", None, None, _text(row), changed_by)
            changes += 1
    return changes


def _insert(con: duckdb.DuckDBPyConnection, spec: Editable, row: dict[str, object]) -> None:
    columns = [c for c in spec.columns if c in row]
    con.execute(
        f"insert into {spec.table} ({', '.join(columns)}) values ({', '.join('$' + c for c in columns)})",
        {c: row[c] for c in columns},
    )
