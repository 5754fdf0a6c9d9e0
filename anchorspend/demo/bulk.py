"""Millions of demo payments straight into the store, with the same draws and columns as the importer writes.

At benchmark sizes (`anchorspend demo --scale 10000000`) writing CSV files and parsing them again would take
far longer than the payments are worth, so the rows are drawn in numpy batches (the same `payments.draw` the
file writers use, so the distributions are the same), handed to DuckDB as Arrow tables, and inserted with the
columns the ingest writes: one source_files row per anchor (named as generated), supplier_aliases keyed by
(raw_name, company_number, charity_number) with redaction labels as individuals, and payments that point at
them. Nothing is rejected, so rows read = rows loaded.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

import duckdb
import numpy as np
import pyarrow as pa

from anchorspend import db
from anchorspend.demo import DEFAULT_SCALE, economy, geography, payments
from anchorspend.demo.sectors import ANCHORS
from anchorspend.demo.spend_rows import booking

BATCH = 1_000_000  # rows per Arrow batch: about 40 MB of numbers, bounded memory at any scale
REDACTION_LABELS = {label for labels in payments.INDIVIDUAL_LABELS.values() for label in labels}


def split_rows(n_payments: int) -> list[int]:
    """Rows per anchor in proportion to their row shares, adding up to exactly n_payments."""
    shares = np.array([a.row_share for a in ANCHORS])
    rows = np.floor(n_payments * shares / shares.sum()).astype(int)
    rows[0] += n_payments - rows.sum()
    return [int(r) for r in rows]


def _anchor_id(con: duckdb.DuckDBPyConnection, name: str, kind: str) -> int:
    row = con.execute("select anchor_id from anchors where name = $n", {"n": name}).fetchone()
    if row is None:
        row = db.one_row(
            con, "insert into anchors (name, kind) values ($n, $k) returning anchor_id", {"n": name, "k": kind}
        )
    return int(row[0])


def _payee_table(plan: payments.Plan, eco: economy.Economy) -> pa.Table:
    """One row per (payee, spelling), in draw order: the text and numbers a file would carry, its booking."""
    by_no = eco.by_no()
    rows: dict[str, list] = {
        k: []
        for k in (
            "raw_name",
            "company_number",
            "charity_number",
            "expense_type",
            "expense_area",
            "is_redacted",
        )
    }
    for no, spellings in zip(plan.payees, plan.spellings, strict=True):
        supplier = by_no.get(no)
        expense, area = booking(plan.anchor.kind, "individual" if supplier is None else supplier.sector)
        gives_numbers = plan.anchor.layout == "police_lgtc" and supplier is not None
        company, charity = (
            (supplier.company_number, supplier.charity_number) if gives_numbers and supplier else ("", "")
        )
        for text in spellings:
            rows["raw_name"].append(text)
            rows["company_number"].append(company)
            rows["charity_number"].append(charity)
            rows["expense_type"].append(expense)
            rows["expense_area"].append(area)
            rows["is_redacted"].append(text in REDACTION_LABELS)
    return pa.table(rows)


def generate(
    con: duckdb.DuckDBPyConnection, n_payments: int, seed: int, out: Callable[[str], None] = lambda _: None
) -> dict[str, int]:
    """Add n_payments demo payments to the store (anchors and aliases created as needed); rows per anchor."""
    eco = economy.generate(seed, geography.generate(seed))
    existing = db.scalar(con, "select count(*) from payments")
    factor = payments.spend_factor(existing + n_payments, DEFAULT_SCALE)
    written = {}
    for index, (anchor, rows) in enumerate(zip(ANCHORS, split_rows(n_payments), strict=True)):
        if rows == 0:
            continue
        plan = payments.plan(seed, eco, index, rows, factor)
        with db.transaction(con):
            written[anchor.name] = _insert_anchor(con, plan, eco, rows, seed)
        out(f"  bulk {anchor.name}: {rows:,} payments")
    return written


def _aliases(con: duckdb.DuckDBPyConnection, payees: pa.Table) -> np.ndarray:
    """The alias id of every (payee, spelling), inserting the ones the store has not seen (as ingest does)."""
    con.register("demo_payees", payees)
    try:
        con.execute("""
            insert into supplier_aliases (raw_name, company_number, charity_number, is_individual)
            select raw_name, company_number, charity_number, bool_or(is_redacted) from demo_payees as p
            where not exists (select 1 from supplier_aliases as a where a.raw_name = p.raw_name
                              and a.company_number = p.company_number and a.charity_number = p.charity_number)
            group by all order by all""")
        ids = con.execute("""
            select a.alias_id from (select *, row_number() over () as k from demo_payees) as p
            join supplier_aliases as a on a.raw_name = p.raw_name and a.company_number = p.company_number
                and a.charity_number = p.charity_number
            order by p.k""").fetchnumpy()["alias_id"]
    finally:
        con.unregister("demo_payees")
    return np.asarray(ids, dtype=np.int32)


def _insert_anchor(
    con: duckdb.DuckDBPyConnection, plan: payments.Plan, eco: economy.Economy, rows: int, seed: int
) -> int:
    """One anchor's generated file: its source_files row, new aliases, then the payments batch by batch."""
    anchor = plan.anchor
    anchor_id = _anchor_id(con, anchor.name, anchor.kind)
    name = f"bulk-generated demo payments, {anchor.name}, seed {seed}, {rows} rows"
    digest = hashlib.sha256(name.encode()).hexdigest()
    file_id = db.scalar(
        con,
        "insert into source_files (anchor_id, name, sha256, rows_read, rows_loaded, rows_rejected, "
        "blank_rows, "
        "amount_total, amount_basis) values ($a, $n, $s, $r, $r, 0, 0, 0, 'net') returning file_id",
        {"a": anchor_id, "n": name, "s": digest, "r": rows},
    )
    payees = _payee_table(plan, eco)
    alias_ids = _aliases(con, payees)
    offsets = np.concatenate([[0], np.cumsum([len(s) for s in plan.spellings])[:-1]]).astype(np.int64)
    rng = np.random.default_rng([seed, 7, plan.index])
    base_ref = (plan.index + 1) * 1_000_000_000
    for start in range(0, rows, BATCH):
        n = min(BATCH, rows - start)
        drawn = payments.draw(plan, rng, n)
        # An Arrow scan keeps its row order, so payment ids follow row numbers without a sort.
        code = pa.array((offsets[drawn["payee"]] + drawn["spelling"]).astype(np.int32))
        batch = pa.table(
            {
                "row_number": np.arange(start + 2, start + n + 2, dtype=np.int64),
                "paid_on": pa.array(drawn["paid_on"].astype(np.int32), type=pa.int32()).cast(pa.date32()),
                "amount_pence": np.round(drawn["amount"] * 100).astype(np.int64),
                "alias_id": alias_ids[code.to_numpy()],
                "supplier_raw": pa.DictionaryArray.from_arrays(code, payees["raw_name"].combine_chunks()),
                "expense_type": pa.DictionaryArray.from_arrays(code, payees["expense_type"].combine_chunks()),
                "expense_area": pa.DictionaryArray.from_arrays(code, payees["expense_area"].combine_chunks()),
                "is_redacted": payees["is_redacted"].combine_chunks().take(code),
            }
        )
        con.register("demo_batch", batch)
        con.execute(
            """
            insert into payments (anchor_id, file_id, sheet, row_number, paid_on, amount_gbp, alias_id,
                supplier_raw,
                entity_raw, expense_type, expense_area, transaction_ref, is_redacted, is_date_derived)
            select $a, $f, '', row_number, paid_on,
                cast(cast(amount_pence as decimal(18, 0)) * 0.01 as decimal(18, 2)), alias_id, supplier_raw,
                $entity, expense_type, expense_area, cast($ref + row_number as varchar),
                is_redacted, false
            from demo_batch""",
            {"a": anchor_id, "f": file_id, "entity": anchor.name, "ref": base_ref},
        )
        con.unregister("demo_batch")
    con.execute(
        """
        update source_files set amount_total = t.total, period_from = t.first, period_to = t.last
        from (select sum(amount_gbp) as total, min(paid_on) as first, max(paid_on) as last
              from payments where file_id = $f) as t
        where file_id = $f""",
        {"f": file_id},
    )
    return rows
