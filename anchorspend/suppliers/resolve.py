"""Attach every new payee spelling, register entry and contract to an organisation, keeping ids stable."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

import duckdb
import polars as pl

from anchorspend import db
from anchorspend.suppliers import decisions, overrides
from anchorspend.suppliers.individuals import payee_kind
from anchorspend.suppliers.matching import SupplierIndex
from anchorspend.suppliers.normalise import (
    has_legal_form,
    normalise_charity_number,
    normalise_company_number,
    normalise_name,
)
from anchorspend.suppliers.registers.link import link as link_registers

# Registers first (their names and numbers are the most reliable), then anything with a number, then the rest.
SOURCE_ORDER = {"register": 0, "contract": 1, "alias": 2}


@dataclass
class Record:
    """Something with a supplier name to resolve: a payee spelling, a register entry or a contract."""

    source: str
    row_id: int
    raw_name: str
    company: str | None
    charity: str | None
    name_key: str = ""
    legal: bool = False  # written as a full legal name ("... Limited")

    def __post_init__(self) -> None:
        self.name_key = normalise_name(self.raw_name)
        self.legal = has_legal_form(self.raw_name)


def load_index(con: duckdb.DuckDBPyConnection) -> SupplierIndex:
    """An index of every organisation already known, by its key, its spellings' keys and its numbers."""
    index = SupplierIndex()
    # Ordered, so that when two organisations claim one number the same one wins on every run.
    for supplier_id, name, name_key, company, charity in con.execute(
        "select supplier_id, name, name_key, company_number, charity_number from suppliers order by supplier_id"
    ).fetchall():
        index.add(supplier_id, name_key, company, charity, has_legal_form(name))
    known = db.run_query(con, "suppliers_known_names")
    for supplier_id, raw_name, company, charity in known.iter_rows():
        index.add(
            supplier_id,
            normalise_name(raw_name),
            normalise_company_number(company),
            normalise_charity_number(charity),
            has_legal_form(raw_name),
        )
    index.keep_apart = decisions.keep_apart_pairs(con)
    return index


def pending_records(con: duckdb.DuckDBPyConnection) -> tuple[list[Record], list[tuple[int, str]]]:
    """Unresolved records in matching order, and the aliases that are individuals (id, kind)."""
    records: list[Record] = []
    individuals: list[tuple[int, str]] = []
    for source, row_id, raw_name, company, charity, flagged in db.run_query(
        con, "suppliers_pending"
    ).iter_rows():
        # A payee with a company or charity number is an organisation, however its name reads.
        numbered = normalise_company_number(company) or normalise_charity_number(charity)
        kind = payee_kind(raw_name) if source == "alias" and not numbered else None
        if source == "alias" and (flagged or kind):
            individuals.append((row_id, kind or "redacted"))
            continue
        records.append(
            Record(
                source, row_id, raw_name, normalise_company_number(company), normalise_charity_number(charity)
            )
        )
    # By name, not by row id: ids given by another area's inserts must not decide which organisation is first.
    records.sort(
        key=lambda r: (
            not (r.company or r.charity),
            SOURCE_ORDER[r.source],
            r.raw_name,
            r.company or "",
            r.row_id,
        )
    )
    return records, individuals


def resolve(con: duckdb.DuckDBPyConnection) -> dict[str, object]:
    """Resolve what is new since the last run, replay manual decisions, refresh facts; return counts."""
    index = load_index(con)
    records, individuals = pending_records(con)
    next_temp = -1
    assigned: list[
        tuple[str, int, int, str, float]
    ] = []  # source, row id, supplier id (<0 new), method, conf.
    new_suppliers: dict[int, Record] = {}
    review: list[tuple[int, int, int, float]] = []  # alias row id, temp/new id, candidate id, score
    methods: Counter[str] = Counter()
    for record in records:
        found = index.match(record.name_key, record.company, record.charity, record.legal)
        supplier_id = found.supplier_id
        if supplier_id is None:
            supplier_id, next_temp = next_temp, next_temp - 1
            new_suppliers[supplier_id] = record
        index.add(supplier_id, record.name_key, record.company, record.charity, record.legal)
        assigned.append((record.source, record.row_id, supplier_id, found.method, found.confidence))
        methods[found.method] += 1
        if record.source == "alias":
            review.extend((record.row_id, supplier_id, c, s) for c, s in found.review)
    ids = allocate_ids(con, len(new_suppliers))
    real = dict(zip(sorted(new_suppliers, reverse=True), ids, strict=True))
    # A pipeline step: the caller holds the transaction (as for geo.locate and the metrics summary).
    insert_suppliers(con, {real[t]: r for t, r in new_suppliers.items()})
    write_assignments(con, [(s, r, real.get(i, i), m, c) for s, r, i, m, c in assigned], individuals)
    queue_for_review(con, [(a, real.get(c, c), s) for a, _, c, s in review])
    record_numbers(con, [(real.get(i, i), r) for (_, _, i, _, _), r in zip(assigned, records, strict=True)])
    folded = fold_by_numbers(con)
    replayed = decisions.replay(con)
    refresh_supplier_facts(con)
    overrides.rebind(con)  # names, postcodes, sectors and types set by hand follow their organisation
    overrides.apply_names(con)
    linked = link_registers(con)  # national registers: numbers, exact names, then blocked fuzzy names
    summary = {
        "records": len(records),
        "new_suppliers": len(new_suppliers),
        "individuals": len(individuals),
        "review": len(review),
        "folded_by_number": folded,
        "decisions_replayed": replayed,
        **{f"by_{k}": v for k, v in methods.items()},
        **({"register_links": linked} if linked else {}),
    }
    if records or individuals:
        db.log_change(con, "suppliers.resolve", None, None, summary)
    return summary


def fold_by_numbers(con: duckdb.DuckDBPyConnection) -> int:
    """Fold organisations with no company number into the one organisation with a number and the same name.

    A spelling resolved before any file gave its number ("EQUANS Regeneration Limited" from one council) and
    the same name arriving later with a number (another council's file) are one company.
    """
    numbers = dict(con.execute("select supplier_id, company_number from suppliers").fetchall())
    owners: dict[str, set[int]] = defaultdict(set)
    for supplier_id, raw_name, _, _ in db.run_query(con, "suppliers_known_names").iter_rows():
        owners[normalise_name(raw_name)].add(supplier_id)
    # A name a person has kept apart from another is left to people.
    apart = {key for pair in decisions.keep_apart_pairs(con) for key in pair}
    folded = 0
    for key, ids in owners.items():
        numbered = {i for i in ids if numbers.get(i)}
        if len(ids) < 2 or key in apart or len({numbers[i] for i in numbered}) != 1:
            continue
        into = min(numbered)
        for from_id in sorted(ids - numbered):
            if from_id in numbers:  # not folded already under another of its names
                decisions.move_supplier(con, from_id, into)
                db.log_change(con, "suppliers.fold_by_number", str(into), str(from_id), numbers[into])
                numbers.pop(from_id)
                folded += 1
    return folded


def allocate_ids(con: duckdb.DuckDBPyConnection, count: int) -> list[int]:
    """Take count new supplier ids from the sequence (ids are never reused or renumbered)."""
    if not count:
        return []
    return [
        row[0]
        for row in con.execute("select nextval('seq_supplier_id') from range($n)", {"n": count}).fetchall()
    ]


def insert_suppliers(con: duckdb.DuckDBPyConnection, new: dict[int, Record]) -> None:
    """Create one organisation per new id, named by the record that founded it."""
    if not new:
        return
    frame = pl.DataFrame(
        {
            "supplier_id": list(new),
            "name": [r.raw_name.strip() for r in new.values()],
            "name_key": [r.name_key for r in new.values()],
            "company_number": [r.company for r in new.values()],
            "charity_number": [r.charity for r in new.values()],
        },
        schema={
            "supplier_id": pl.Int32,
            "name": pl.Utf8,
            "name_key": pl.Utf8,
            "company_number": pl.Utf8,
            "charity_number": pl.Utf8,
        },
    )
    con.register("new_suppliers_frame", frame)
    con.execute(
        "insert into suppliers (supplier_id, name, name_key, company_number, charity_number) "
        "select * from new_suppliers_frame"
    )
    con.unregister("new_suppliers_frame")


def write_assignments(
    con: duckdb.DuckDBPyConnection,
    assigned: list[tuple[str, int, int, str, float]],
    individuals: list[tuple[int, str]],
) -> None:
    """Store where each record went (aliases keep method and confidence) and mark individuals."""
    frame = pl.DataFrame(
        assigned,
        schema={
            "source": pl.Utf8,
            "row_id": pl.Int64,
            "supplier_id": pl.Int64,
            "method": pl.Utf8,
            "confidence": pl.Float64,
        },
        orient="row",
    )
    con.register("assigned_frame", frame)
    con.execute("""update supplier_aliases a set supplier_id = f.supplier_id, match_method = f.method,
                   match_confidence = f.confidence, resolved_at = current_timestamp
                   from assigned_frame f where f.source = 'alias' and a.alias_id = f.row_id""")
    con.execute("""update register_entries e set supplier_id = f.supplier_id
                   from assigned_frame f where f.source = 'register' and e.entry_id = f.row_id""")
    con.execute("""update contracts c set supplier_id = f.supplier_id
                   from assigned_frame f where f.source = 'contract' and c.contract_id = f.row_id""")
    con.unregister("assigned_frame")
    if individuals:
        frame = pl.DataFrame(
            [(a, f"individual:{k}") for a, k in individuals],
            orient="row",
            schema={"alias_id": pl.Int64, "method": pl.Utf8},
        )
        con.register("individuals_frame", frame)
        con.execute("""update supplier_aliases a
                       set supplier_id = null, is_individual = true, match_method = f.method,
                           match_confidence = 1.0, resolved_at = current_timestamp
                       from individuals_frame f where a.alias_id = f.alias_id""")
        con.unregister("individuals_frame")


def queue_for_review(con: duckdb.DuckDBPyConnection, pairs: list[tuple[int, int, float]]) -> None:
    """Ask a person about (alias, candidate organisation, score) pairs the resolver would not decide."""
    if not pairs:
        return
    frame = pl.DataFrame(
        pairs, orient="row", schema={"alias_id": pl.Int32, "candidate": pl.Int32, "score": pl.Float64}
    )
    con.register("review_frame", frame.unique(["alias_id", "candidate"]))
    con.execute(
        "insert or ignore into review_queue (alias_id, candidate_supplier_id, score, reason) "
        "select alias_id, candidate, score, 'similar name' from review_frame"
    )
    con.unregister("review_frame")


def record_numbers(con: duckdb.DuckDBPyConnection, linked: list[tuple[int, Record]]) -> None:
    """Give an organisation the company or charity number a spend file states, when it has none yet."""
    rows = [(i, r.company, r.charity) for i, r in linked if r.company or r.charity]
    if not rows:
        return
    frame = (
        pl.DataFrame(
            rows, schema={"supplier_id": pl.Int64, "company": pl.Utf8, "charity": pl.Utf8}, orient="row"
        )
        .group_by("supplier_id")
        .agg(pl.col("company").min(), pl.col("charity").min())
    )
    con.register("numbers_frame", frame)
    con.execute("""update suppliers s set company_number = coalesce(s.company_number, f.company),
                   charity_number = coalesce(s.charity_number, f.charity)
                   from numbers_frame f where s.supplier_id = f.supplier_id""")
    con.unregister("numbers_frame")


def refresh_supplier_facts(con: duckdb.DuckDBPyConnection) -> None:
    """Fill each organisation's display name, numbers, SME flag and staff count from what is linked to it."""
    facts = db.run_query(con, "suppliers_facts")
    if facts.is_empty():
        return
    con.register("facts_frame", facts)
    con.execute("""update suppliers s set name = coalesce(f.display_name, s.name),
                   company_number = coalesce(s.company_number, f.company_number),
                   charity_number = coalesce(s.charity_number, f.charity_number),
                   is_sme = f.is_sme, employees = f.employees, updated_at = current_timestamp
                   from facts_frame f where s.supplier_id = f.supplier_id""")
    con.unregister("facts_frame")
