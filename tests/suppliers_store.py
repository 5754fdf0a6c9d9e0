"""Hand-made spend for supplier tests: an anchor, payee spellings and payments inserted directly."""

from __future__ import annotations

import duckdb


def add_anchor(con: duckdb.DuckDBPyConnection, name: str, kind: str = "council") -> int:
    """Create an anchor and a source file for it; return the anchor id."""
    anchor_id = con.execute(
        "insert into anchors (name, kind) values ($n, $k) returning anchor_id", {"n": name, "k": kind}
    ).fetchone()[0]
    con.execute(
        "insert into source_files (file_id, anchor_id, name, sha256, rows_read, rows_loaded, rows_rejected, "
        "blank_rows, amount_total, amount_basis) values ($a, $a, $n, $n, 0, 0, 0, 0, 0, 'net')",
        {"a": anchor_id, "n": f"{name}.csv"},
    )
    return anchor_id


def add_payee(
    con: duckdb.DuckDBPyConnection,
    anchor_id: int,
    raw_name: str,
    amount: float = 100.0,
    company: str = "",
    charity: str = "",
    expense: str | None = None,
    is_individual: bool = False,
) -> int:
    """Insert a payee spelling (if new) and one payment to it, as ingest does; return the alias id."""
    row = con.execute(
        "select alias_id from supplier_aliases where raw_name = $r and company_number = $c "
        "and charity_number = $h",
        {"r": raw_name, "c": company, "h": charity},
    ).fetchone()
    alias_id = (
        row[0]
        if row
        else con.execute(
            "insert into supplier_aliases (raw_name, company_number, charity_number, is_individual) "
            "values ($r, $c, $h, $i) returning alias_id",
            {"r": raw_name, "c": company, "h": charity, "i": is_individual},
        ).fetchone()[0]
    )
    con.execute(
        "insert into payments (anchor_id, file_id, row_number, paid_on, amount_gbp, alias_id, supplier_raw, "
        "expense_type, is_redacted) values ($a, $a, 2, date '2022-05-01', $m, $al, $r, $e, $i)",
        {"a": anchor_id, "m": amount, "al": alias_id, "r": raw_name, "e": expense, "i": is_individual},
    )
    return alias_id


def supplier_of(con: duckdb.DuckDBPyConnection, raw_name: str) -> int | None:
    """The organisation a spelling was resolved to (None for an individual)."""
    return con.execute(
        "select supplier_id from supplier_aliases where raw_name = $r", {"r": raw_name}
    ).fetchone()[0]
