"""LM3 assumptions and influenceable rules: import from a TOML or CSV file (defaults: db.DEFAULTS)."""

from __future__ import annotations

import datetime as dt
import math
import tomllib
from pathlib import Path

import duckdb

from anchorspend import db
from anchorspend.files.errors import FileRefused
from anchorspend.files.limits import read_file
from anchorspend.files.sheets import read_table
from anchorspend.files.text import decode_text, named

KINDS = ("payroll", "respend_rate", "survey_return", "influenceable_rule")
# TOML tables are plural-free array names; a CSV carries the same fields with a `kind` column.
REQUIRED = {
    "payroll": ("anchor", "year_from", "payroll_gbp", "staff_local_share"),
    "respend_rate": ("org_type", "rate", "source"),
    "survey_return": ("supplier", "rate"),
    "influenceable_rule": ("applies_to", "pattern", "reason"),
}


class AssumptionsError(ValueError):
    """An assumptions file that cannot be imported, said in one line."""


def read_items(path: Path) -> list[tuple[str, dict]]:
    """(kind, fields) for every item in a TOML or CSV assumptions file."""
    if not path.exists():
        raise AssumptionsError(f"no such file: {path}")
    if path.suffix.lower() == ".toml":
        try:
            data = tomllib.loads(decode_text(read_file(path))[0])  # the one reader's encodings and limits
        except FileRefused as exc:
            raise AssumptionsError(named(path, exc)) from None
        except tomllib.TOMLDecodeError as exc:
            raise AssumptionsError(f"{path.name} is not valid TOML: {exc}") from None
        unknown = sorted(set(data) - set(KINDS))
        if unknown:
            raise AssumptionsError(
                f"{path.name}: unknown table [[{unknown[0]}]] (expected one of {', '.join(KINDS)})"
            )
        return [(kind, dict(item)) for kind in KINDS for item in data.get(kind, [])]
    if path.suffix.lower() == ".csv":
        try:
            header, body = read_table(path)
        except FileRefused as exc:
            raise AssumptionsError(named(path, exc)) from None
        rows = [dict(zip(header, row + [""] * (len(header) - len(row)), strict=False)) for row in body]
        items = []
        for number, row in enumerate(rows, start=2):
            kind = (row.pop("kind", "") or "").strip()
            if kind not in KINDS:
                raise AssumptionsError(
                    f"{path.name} row {number}: kind must be one of {', '.join(KINDS)}, not {kind!r}"
                )
            items.append(
                (kind, {k: v.strip() for k, v in row.items() if k and v is not None and v.strip() != ""})
            )
        return items
    raise AssumptionsError(f"{path.name}: assumptions are a .toml or .csv file")


def _number(
    item: dict, key: str, where: str, *, share: bool = False, not_negative: bool = False
) -> float | None:
    if item.get(key) in (None, ""):
        return None
    try:
        value = float(item[key])
    except (TypeError, ValueError):
        raise AssumptionsError(f"{where}: {key} must be a number, not {item[key]!r}") from None
    if share and not 0 <= value <= 1:
        raise AssumptionsError(f"{where}: {key} must be a fraction between 0 and 1, not {value}")
    if not math.isfinite(value) or (not_negative and value < 0):
        raise AssumptionsError(f"{where}: {key} must be a number of 0 or more, not {item[key]!r}")
    return value


def _date(item: dict, key: str, where: str) -> dt.date | None:
    value = item.get(key)
    if value in (None, "") or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise AssumptionsError(f"{where}: {key} must be a date YYYY-MM-DD, not {value!r}") from None


# What identifies an imported item's row, per kind: (table, condition); its $params come from _import_one.
ROW_KEYS = {
    "payroll": ("anchor_payroll", "anchor_id = $a and year_from = $y"),
    "respend_rate": ("respend_rates", "org_type = $t and sic_division = $d and supplier_tier = $tier"),
    "survey_return": ("survey_returns", "lower(supplier_name) = lower($n)"),
    "influenceable_rule": ("influenceable_rules", "applies_to = $a and pattern = $p"),
}


def _row(con: duckdb.DuckDBPyConnection, kind: str, key: dict) -> str | None:
    """The stored row an item replaces or wrote, as text for the change log (None when there is none)."""
    table, condition = ROW_KEYS[kind]
    cursor = con.execute(f"select * from {table} where {condition}", key)
    row = cursor.fetchone()
    if row is None:
        return None
    names = [d[0] for d in cursor.description]
    return ", ".join(f"{n}={v}" for n, v in zip(names, row, strict=True) if n not in ("rule_id", "supplier_id"))


def _import_one(con: duckdb.DuckDBPyConnection, kind: str, item: dict, where: str) -> tuple[str | None, dict]:
    """Write one item, replacing the row it names; return that row as it was (text, or None) and its key."""
    missing = [key for key in REQUIRED[kind] if item.get(key) in (None, "")]
    if missing:
        raise AssumptionsError(f"{where}: {kind} needs {missing[0]}")
    if kind == "payroll":
        row = con.execute("select anchor_id from anchors where name = $n", {"n": item["anchor"]}).fetchone()
        if row is None:
            raise AssumptionsError(f"{where}: unknown anchor {item['anchor']!r}")
        values = {
            "a": row[0],
            "y": _date(item, "year_from", where),
            "p": _number(item, "payroll_gbp", where, not_negative=True),
            "s": _number(item, "staff_local_share", where, share=True),
            "r": _number(item, "staff_respend_rate", where, share=True),
            "src": item.get("source"),
        }
        key = {"a": values["a"], "y": values["y"]}
        old = _row(con, kind, key)
        con.execute("insert or replace into anchor_payroll values ($a, $y, $p, $s, $r, $src)", values)
        return old, key
    elif kind == "respend_rate":
        tier = item.get("supplier_tier", "local")
        if tier not in ("local", "nonlocal"):
            raise AssumptionsError(f"{where}: supplier_tier must be local or nonlocal, not {tier!r}")
        rate = _number(item, "rate", where, share=True)
        values = {
            "t": str(item["org_type"]),
            "d": str(item.get("sic_division", "*")).zfill(2).replace("0*", "*"),
            "tier": tier,
            "r": rate,
            "lo": _number(item, "low", where, share=True),
            "hi": _number(item, "high", where, share=True),
            "src": str(item["source"]),
        }
        key = {"t": values["t"], "d": values["d"], "tier": tier}
        old = _row(con, kind, key)
        con.execute("insert or replace into respend_rates values ($t, $d, $tier, $r, $lo, $hi, $src)", values)
        return old, key
    elif kind == "survey_return":
        supplier_id = db.scalar(
            con,
            "select min(supplier_id) from suppliers where lower(name) = lower($n) or name_key = lower($n) "
            "or (company_number is not null and company_number = $c)",
            {"n": str(item["supplier"]), "c": str(item.get("company_number", "")).zfill(8)},
        )
        key = {"n": str(item["supplier"])}
        old = _row(con, kind, key)
        con.execute("delete from survey_returns where lower(supplier_name) = lower($n)", key)
        con.execute(
            "insert into survey_returns values ($n, $id, $r, $d, $src)",
            {
                "n": str(item["supplier"]),
                "id": supplier_id,
                "r": _number(item, "rate", where, share=True),
                "d": _date(item, "returned_on", where),
                "src": item.get("source"),
            },
        )
        return old, key
    else:
        if item["applies_to"] not in (
            "org_type",
            "supplier_name",
            "expense_type",
            "expense_area",
            "description",
        ):
            raise AssumptionsError(f"{where}: applies_to {item['applies_to']!r} is not a rule kind")
        enabled = str(item.get("enabled", True)).lower() not in ("false", "0", "no")
        key = {"a": item["applies_to"], "p": item["pattern"]}
        old = _row(con, kind, key)
        con.execute("delete from influenceable_rules where applies_to = $a and pattern = $p", key)
        con.execute(
            "insert into influenceable_rules (applies_to, pattern, reason, enabled) values ($a, $p, $r, $e)",
            {"a": item["applies_to"], "p": item["pattern"], "r": item["reason"], "e": enabled},
        )
        return old, key


# Rules that leave out more than this share of all spend are refused unless forced: "." as a pattern would
# quietly make every figure describe almost nothing.
EXCLUDED_SHARE_LIMIT = 0.9


def import_assumptions(con: duckdb.DuckDBPyConnection, path: Path | str, force: bool = False) -> dict[str, int]:
    """Import payroll, re-spend rates, survey returns and rules from a file, all or nothing; count by kind.

    Rules that together exclude more than 90% of all spend are refused unless force.
    """
    path = Path(path)
    items = read_items(path)
    if not items:
        raise AssumptionsError(f"{path.name} holds no assumptions")
    counts = dict.fromkeys(KINDS, 0)
    with db.transaction(con, needs_refresh=True):  # rules decide which payments the summary leaves out
        for number, (kind, item) in enumerate(items, start=1):
            where = f"{path.name} item {number} ({kind})"
            old, key = _import_one(con, kind, item, where)
            # old -> new for every item, so an import that overwrites a rate leaves the old one on record
            db.log_change(con, f"assumptions.import.{kind}", where, old, _row(con, kind, key))
            counts[kind] += 1
        db.log_change(con, "assumptions.import", path.name, None, counts)
        if counts["influenceable_rule"] and not force:
            share = excluded_share(con)
            if share is not None and share > EXCLUDED_SHARE_LIMIT:
                raise AssumptionsError(
                    f"{path.name}: the rules would leave out {share:.0%} of all spend (more than "
                    f"{EXCLUDED_SHARE_LIMIT:.0%}); check the patterns, or import with --force"
                )
    return counts


def excluded_share(con: duckdb.DuckDBPyConnection) -> float | None:
    """The share of all loaded spend the text rules as they now stand leave out (None when nothing is loaded).

    Read from the rules and payments directly: the summary is refreshed after the import, not inside it."""
    row = con.execute(
        "select sum(p.amount_gbp) filter (where p.payment_id in (select e.payment_id from ("
        f"{db.load_query('metrics_excluded_payments')}) as e)), sum(p.amount_gbp) from payments as p"
    ).fetchone()
    excluded, everything = (row or (None, None))
    if not everything or everything <= 0:
        return None
    return float((excluded or 0) / everything)
