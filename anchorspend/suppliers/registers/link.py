"""Link organisations to national register entities: by number, then exact name, then a blocked fuzzy match.

Every link keeps its method, score and evidence in words. Numbers and a name that only one active entity of a
register has are accepted; a name shared by several entities and fuzzy matches that are close but not sure go to
review. A link a person rejected is never made again. Only organisations whose names, numbers or own postcode
changed since they were last linked are linked again (register_link_inputs); a register import links all again.
"""

from __future__ import annotations

import duckdb
import polars as pl
from rapidfuzz import fuzz

from anchorspend import db
from anchorspend.suppliers.matching import core_key, tokens_compatible
from anchorspend.suppliers.normalise import normalise_name, strip_references

ACCEPT_SCORE = 92.0  # token_sort_ratio of the telling words at or above which a compatible name is accepted
REVIEW_SCORE = 85.0  # below it nothing is kept; between the two a person decides
LINK_SCHEMA: dict[str, pl.DataType | type[pl.DataType]] = {
    "supplier_id": pl.Int64,
    "register": pl.String,
    "entity_id": pl.String,
    "method": pl.String,
    "score": pl.Float64,
    "evidence": pl.String,
    "status": pl.String,
}


def any_register(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether any national register has been imported (when none has, linking is skipped)."""
    return bool(db.scalar(con, "select count(*) from register_imports"))


def link(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Link the organisations whose names, numbers or postcode changed since they were last linked (every one
    after a register import); people's decisions kept. Return how many were linked and the links by method."""
    if not any_register(con):
        return {}
    names = db.run_query(con, "registers_payee_names")
    con.register("payee_names", names)
    try:
        wanted = changed_organisations(con)
    finally:
        con.unregister("payee_names")
    if wanted:
        cleaned = names.filter(pl.col("supplier_id").is_in(wanted)).with_columns(
            pl.col("raw_name").map_elements(strip_references, return_dtype=pl.String).alias("cleaned")
        )
        relink(con, cleaned)
    con.execute("delete from register_link_inputs where supplier_id in (select supplier_id from link_wanted)")
    con.execute("""delete from register_link_inputs
                   where supplier_id not in (select supplier_id from link_inputs)""")
    con.execute("""insert into register_link_inputs (supplier_id, fingerprint)
                   select supplier_id, fingerprint from link_inputs
                   where supplier_id in (select supplier_id from link_wanted)""")
    counts = con.execute(
        "select method || ':' || status, count(*) from supplier_register_links group by all"
    ).fetchall()
    return {"organisations_linked": len(wanted), **{key: int(n) for key, n in counts}}


def changed_organisations(con: duckdb.DuckDBPyConnection) -> list[int]:
    """The organisations to link now (temp table link_wanted): new ones, and those whose inputs changed."""
    con.execute(f"create or replace temp table link_inputs as {db.load_query('registers_link_inputs')}")
    con.execute("""create or replace temp table link_wanted as
                   select i.supplier_id from link_inputs i
                   left join register_link_inputs r on r.supplier_id = i.supplier_id and r.fingerprint = i.fingerprint
                   where r.supplier_id is null""")
    # Links of organisations to be linked again, or gone (merged into another), are made again or dropped;
    # a person's decisions stay: links they rejected, and links they confirmed (method 'manual').
    con.execute("""delete from supplier_register_links
                   where status <> 'rejected' and method <> 'manual'
                     and (supplier_id in (select supplier_id from link_wanted)
                          or supplier_id not in (select supplier_id from link_inputs))""")
    return [row[0] for row in con.execute("select supplier_id from link_wanted order by supplier_id").fetchall()]


def relink(con: duckdb.DuckDBPyConnection, cleaned: pl.DataFrame) -> None:
    """Make the links of the organisations in link_wanted: numbers, then exact names, then fuzzy names."""
    links = [db.run_query(con, "registers_link_numbers")]
    con.register("payee_names", cleaned)
    try:
        links.append(db.run_query(con, "registers_link_names"))
        linked = set(pl.concat(links).filter(pl.col("status") == "accepted")["supplier_id"].to_list())
        unlinked = cleaned.filter(~pl.col("supplier_id").is_in(list(linked))).select(
            "supplier_id", "raw_name", "cleaned"
        )
        links.append(fuzzy_links(con, unlinked))
    finally:
        con.unregister("payee_names")
    filled = [f.cast(LINK_SCHEMA) for f in links if f.height]  # type: ignore[arg-type]  # polars wants its own Mapping type
    if not filled:
        return
    frame = pl.concat(filled)
    con.register("links_frame", frame.unique(["supplier_id", "register", "entity_id"], keep="first"))
    try:
        con.execute("""insert into supplier_register_links
                       (supplier_id, register, entity_id, method, score, evidence, status)
                       select f.supplier_id, f.register, f.entity_id, f.method, f.score, f.evidence, f.status
                       from links_frame f
                       where not exists (select 1 from supplier_register_links r
                                         where r.supplier_id = f.supplier_id
                                           and r.register = f.register and r.entity_id = f.entity_id)""")
    finally:
        con.unregister("links_frame")


def fuzzy_links(con: duckdb.DuckDBPyConnection, unlinked: pl.DataFrame) -> pl.DataFrame:
    """Accepted and review links for organisations no number or exact name linked, from blocked candidates."""
    if unlinked.is_empty():
        return pl.DataFrame(schema=LINK_SCHEMA)
    con.register("unlinked_frame", unlinked)
    try:
        con.execute(
            "create or replace temp table unlinked_names as "
            "select supplier_id, raw_name, register_name_key(cleaned) as name_key from unlinked_frame "
            "where length(register_name_key(cleaned)) >= 3"
        )
    finally:
        con.unregister("unlinked_frame")
    candidates = db.run_query(con, "registers_fuzzy_candidates")
    postcodes = dict(con.execute("select supplier_id, postcode from suppliers where postcode is not null").fetchall())
    best: dict[tuple[int, str], tuple] = {}
    for row in candidates.iter_rows(named=True):
        # Scored on the resolver's keys (abbreviations, initialisms and codes dealt with), not the blocking keys.
        words, other = normalise_name(row["raw_name"]).split(), normalise_name(row["name"]).split()
        mine, theirs = core_key(words), core_key(other)
        # Word order aside ("SMITH & JONES" / "JONES & SMITH"), or spaces aside ("FOODBANK" / "FOOD BANK").
        score = max(fuzz.token_sort_ratio(mine, theirs), fuzz.ratio(mine.replace(" ", ""), theirs.replace(" ", "")))
        if score < REVIEW_SCORE:
            continue
        known = postcodes.get(row["supplier_id"])
        same_place = not known or not row["postcode"] or known.split()[0] == row["postcode"].split()[0]
        sure = score >= ACCEPT_SCORE and tokens_compatible(words, other) and same_place and row["is_active"]
        where = "" if not known or not row["postcode"] else f"; postcodes {known} / {row['postcode']}"
        link_row = (
            row["supplier_id"],
            row["register"],
            row["entity_id"],
            "fuzzy",
            round(score / 100, 3),
            f"similar name {row['raw_name']} ~ {row['name']} ({score:.0f}){where}",
            "accepted" if sure else "review",
        )
        key = (row["supplier_id"], row["register"])
        rank = (sure, score)
        if key not in best or rank > (best[key][6] == "accepted", best[key][4] * 100):
            best[key] = link_row
    return pl.DataFrame(list(best.values()), schema=LINK_SCHEMA, orient="row")


def decide(
    con: duckdb.DuckDBPyConnection, supplier_id: int, register: str, entity_id: str, accept: bool, by: str | None = None
) -> None:
    """A person confirms (kept as method 'manual') or rejects a link; either way it is never re-made by matching."""
    from anchorspend.suppliers.decisions import DecisionError

    known = con.execute(
        "select name from register_entities where register = $r and entity_id = $e", {"r": register, "e": entity_id}
    ).fetchone()
    if known is None:
        raise DecisionError(f"no {register} entity {entity_id!r} (import the register first)")
    with db.transaction(con):
        con.execute(
            "delete from supplier_register_links where supplier_id = $s and register = $r and entity_id = $e",
            {"s": supplier_id, "r": register, "e": entity_id},
        )
        con.execute(
            "insert into supplier_register_links (supplier_id, register, entity_id, method, score, evidence, status) "
            "values ($s, $r, $e, 'manual', 1.0, $why, $status)",
            {
                "s": supplier_id,
                "r": register,
                "e": entity_id,
                "why": f"{'confirmed' if accept else 'rejected'} by {by or db.current_user()}: {known[0]}",
                "status": "accepted" if accept else "rejected",
            },
        )
        # Linked again by the next refresh: a rejected candidate may leave room for another.
        con.execute("delete from register_link_inputs where supplier_id = $s", {"s": supplier_id})
        action = "registers.accept" if accept else "registers.reject"
        db.log_change(con, action, str(supplier_id), None, f"{register} {entity_id}", by)
