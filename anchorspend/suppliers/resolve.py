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


def all_records(
    con: duckdb.DuckDBPyConnection,
) -> tuple[list[Record], list[tuple[int, str]], dict[tuple[str, int], int], set[tuple[str, int]]]:
    """Every record in matching order, new people (alias id, kind), each record's organisation now, the new ones."""
    records: list[Record] = []
    individuals: list[tuple[int, str]] = []
    current: dict[tuple[str, int], int] = {}
    new: set[tuple[str, int]] = set()
    for source, row_id, raw_name, company, charity, flagged, supplier_id, is_new in db.run_query(
        con, "suppliers_records"
    ).iter_rows():
        if is_new:
            new.add((source, row_id))
        if source == "alias" and is_new:
            # A payee with a company or charity number is an organisation, however its name reads.
            numbered = normalise_company_number(company) or normalise_charity_number(charity)
            kind = payee_kind(raw_name) if not numbered else None
            if flagged or kind:
                individuals.append((row_id, kind or "redacted"))
                continue
        records.append(
            Record(source, row_id, raw_name, normalise_company_number(company), normalise_charity_number(charity))
        )
        if supplier_id is not None:
            current[(source, row_id)] = supplier_id
    # By name, not by row id or load order: which file came first must not decide which organisation is founded.
    records.sort(
        key=lambda r: (
            not (r.company or r.charity),
            SOURCE_ORDER[r.source],
            r.raw_name,
            r.company or "",
            r.charity or "",
            r.source,
            r.row_id,
        )
    )
    return records, individuals, current, new


def kept_ids(
    clusters: dict[int, list[Record]], current: dict[tuple[str, int], int], owners: dict[str, list[int]]
) -> tuple[dict[int, int], dict[int, int]]:
    """Which organisation id each cluster keeps, and where each organisation no cluster kept went.

    A cluster keeps the id most of its records have now (ties: the smaller), unless a cluster before it in
    matching order took that id; an organisation no cluster kept went where most of its records went. An
    organisation's own name key counts half a record, so one whose spellings were all re-loaded is found again.
    """
    kept: dict[int, int] = {}
    taken: set[int] = set()
    went: dict[int, Counter[int]] = defaultdict(Counter)
    for temp, members in clusters.items():
        had: dict[int, float] = defaultdict(float)
        for key in {r.name_key for r in members}:
            for supplier_id in owners.get(key, ()):
                had[supplier_id] += 0.5
        for r in members:
            if (r.source, r.row_id) in current:
                had[current[(r.source, r.row_id)]] += 1
        for supplier_id, _ in sorted(had.items(), key=lambda kv: (-kv[1], kv[0])):
            if supplier_id not in taken:
                kept[temp] = supplier_id
                taken.add(supplier_id)
                break
        for r in members:
            if (r.source, r.row_id) in current:
                went[current[(r.source, r.row_id)]][temp] += 1
    gone = {
        supplier_id: min(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0]
        for supplier_id, counts in went.items()
        if supplier_id not in taken
    }
    return kept, gone


def resolve(con: duckdb.DuckDBPyConnection) -> dict[str, object]:
    """Resolve every record together when any is new, keeping ids, replay manual decisions; return counts.

    Resolving all records in one order, not only the new ones against what earlier loads left, makes the
    organisations and the review queue the same whichever order the files were loaded and refreshed in.
    """
    records, individuals, current, new = all_records(con)
    summary: dict[str, object] = {"records": len(new), "new_suppliers": 0, "individuals": len(individuals), "review": 0}
    if new:
        summary |= cluster_all(con, records, individuals, current, new)
    folded = fold_by_numbers(con)
    replayed = decisions.replay(con)
    refresh_supplier_facts(con)
    overrides.rebind(con)  # names, postcodes, sectors and types set by hand follow their organisation
    overrides.apply_names(con)
    linked = link_registers(con)  # national registers: numbers, exact names, then blocked fuzzy names
    summary |= {
        "folded_by_number": folded,
        "decisions_replayed": replayed,
        **({"register_links": linked} if linked else {}),
    }
    if new:
        db.log_change(con, "suppliers.resolve", None, None, summary)
    return summary


def cluster_all(
    con: duckdb.DuckDBPyConnection,
    records: list[Record],
    individuals: list[tuple[int, str]],
    current: dict[tuple[str, int], int],
    new: set[tuple[str, int]],
) -> dict[str, object]:
    """Cluster every record from nothing, map clusters onto the ids organisations have now, store it all."""
    index = SupplierIndex()
    index.keep_apart = decisions.keep_apart_pairs(con)
    clusters: dict[int, list[Record]] = {}
    placed: list[tuple[Record, int, str, float]] = []
    review: list[tuple[int, int, float]] = []  # alias row id, candidate cluster, score
    methods: Counter[str] = Counter()
    for record in records:
        found = index.match(record.name_key, record.company, record.charity, record.legal)
        # Numbered as cluster_names numbers them: in the order founded.
        cluster = found.supplier_id if found.supplier_id is not None else len(clusters) + 1
        clusters.setdefault(cluster, []).append(record)
        index.add(cluster, record.name_key, record.company, record.charity, record.legal)
        placed.append((record, cluster, found.method, found.confidence))
        methods[found.method] += 1
        if record.source == "alias":
            review.extend((record.row_id, c, score) for c, score in found.review)
    owners: dict[str, list[int]] = defaultdict(list)
    for supplier_id, name_key in con.execute(
        "select supplier_id, name_key from suppliers order by supplier_id"
    ).fetchall():
        owners[name_key].append(supplier_id)
    kept, gone = kept_ids(clusters, current, owners)
    fresh = [c for c in clusters if c not in kept]
    real = kept | dict(zip(fresh, allocate_ids(con, len(fresh)), strict=True))
    # A pipeline step: the caller holds the transaction (as for geo.locate and the metrics summary).
    insert_suppliers(con, {real[c]: clusters[c][0] for c in fresh})
    rekey_suppliers(con, {real[c]: clusters[c][0].name_key for c in kept})
    # Only records that are new or moved are written; each says how it meets the rest of its organisation.
    moved = [
        (r.source, r.row_id, real[c], *(joined(r, clusters[c], m, conf) if c in kept else (m, conf)))
        for r, c, m, conf in placed
        if (r.source, r.row_id) in new or current.get((r.source, r.row_id)) != real[c]
    ]
    write_assignments(con, moved, individuals)
    for supplier_id, cluster in sorted(gone.items()):
        retire_supplier(con, supplier_id, real[cluster])
    # The open questions are this pass's: an answered one stays answered (and keeps its pair apart or together).
    con.execute("delete from review_queue where status = 'open'")
    queue_for_review(con, [(a, real[c], score) for a, c, score in review])
    record_numbers(con, [(real[c], r) for r, c, _, _ in placed])
    return {
        "new_suppliers": len(fresh),
        "review": len(review),
        **{f"by_{k}": v for k, v in methods.items()},
    }


def joined(record: Record, members: list[Record], method: str, confidence: float) -> tuple[str, float]:
    """How a record that founds its cluster in matching order meets the organisation's other records."""
    if method != "new" or len(members) < 2:
        return method, confidence
    others = SupplierIndex()
    for other in members:
        if other is not record:
            others.add(1, other.name_key, other.company, other.charity, other.legal)
    found = others.match(record.name_key, record.company, record.charity, record.legal)
    return (found.method, found.confidence) if found.supplier_id is not None else (method, confidence)


def rekey_suppliers(con: duckdb.DuckDBPyConnection, keys: dict[int, str]) -> None:
    """Give each kept organisation the key of the record that founds it now (the first in matching order)."""
    if not keys:
        return
    frame = pl.DataFrame(
        {"supplier_id": list(keys), "name_key": list(keys.values())},
        schema={"supplier_id": pl.Int64, "name_key": pl.Utf8},
    )
    con.register("keys_frame", frame)
    con.execute("""update suppliers s set name_key = f.name_key from keys_frame f
                   where s.supplier_id = f.supplier_id and s.name_key <> f.name_key""")
    con.unregister("keys_frame")


def retire_supplier(con: duckdb.DuckDBPyConnection, supplier_id: int, into: int) -> None:
    """An organisation whose records all went elsewhere: what a person said about it follows them; it goes."""
    con.execute(
        "update supplier_register_links set supplier_id = $into where supplier_id = $from "
        "and (method = 'manual' or status = 'rejected')",
        {"into": into, "from": supplier_id},
    )
    decisions.move_supplier(con, supplier_id, into)


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
    return [row[0] for row in con.execute("select nextval('seq_supplier_id') from range($n)", {"n": count}).fetchall()]


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
    frame = pl.DataFrame(pairs, orient="row", schema={"alias_id": pl.Int32, "candidate": pl.Int32, "score": pl.Float64})
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
        pl.DataFrame(rows, schema={"supplier_id": pl.Int64, "company": pl.Utf8, "charity": pl.Utf8}, orient="row")
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
