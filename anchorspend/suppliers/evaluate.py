"""Precision and recall of supplier matching on hand-labelled pairs of real names.

Two labelled files. `supplier_pairs.csv`: payee spelling against payee spelling, scored by resolving every name
together (the resolver). `register_pairs.csv`: a payee as a spend file writes it against a name a register
writes, each pair judged by whichever matcher meets that register in the product: a contracts register's
names are resolved into organisations with the payees (the resolver), a national register's entities are linked
to organisations afterwards (registers.link). Its `split` column was fixed before any rule was tuned on it.
"""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import duckdb
import polars as pl

from anchorspend import db
from anchorspend.suppliers.individuals import payee_kind
from anchorspend.suppliers.matching import cluster_names
from anchorspend.suppliers.normalise import normalise_name

HELD_OUT_DIGITS = "01234567"  # sha1 first hex digits of the pairs never used to tune (half of them)
CONTRACTS = "contracts register"  # a `register` value starting so is matched by the resolver


@dataclass(frozen=True)
class LabelledPair:
    """One row of register_pairs.csv."""

    payee: str
    register_name: str
    register: str
    same: bool
    kind: str
    split: str


def split_of(payee: str) -> str:
    """'held_out' or 'tuning', from a hash of the payee's name (upper case, spaces collapsed): fixed forever."""
    digest = hashlib.sha1(" ".join(payee.upper().split()).encode("utf-8")).hexdigest()
    return "held_out" if digest[0] in HELD_OUT_DIGITS else "tuning"


def read_pairs(path: Path) -> list[tuple[str, str, bool]]:
    """(name_a, name_b, same_organisation) rows of a labelled payee pairs CSV."""
    with path.open(newline="", encoding="utf-8") as handle:
        return [(r["name_a"], r["name_b"], r["same_organisation"].strip() == "1") for r in csv.DictReader(handle)]


def read_register_pairs(path: Path, split: str | None = None) -> list[LabelledPair]:
    """The rows of register_pairs.csv, those of one split when asked."""
    with path.open(newline="", encoding="utf-8") as handle:
        pairs = [
            LabelledPair(
                r["payee_name"], r["register_name"], r["register"], r["same_entity"] == "1", r["kind"], r["split"]
            )
            for r in csv.DictReader(handle)
        ]
    return [p for p in pairs if split is None or p.split == split]


def resolved_together(pairs: Iterable[tuple[str, str]]) -> list[bool]:
    """Whether the resolver puts each pair's names in one organisation, every name resolved together."""
    pairs = list(pairs)
    names = list(dict.fromkeys(n for pair in pairs for n in pair))
    organisations = [n for n in names if payee_kind(n) is None]
    clusters = dict(
        zip(organisations, cluster_names(organisations, [normalise_name(n) for n in organisations]), strict=True)
    )
    return [a in clusters and b in clusters and clusters[a] == clusters[b] for a, b in pairs]


def linked(pairs: Iterable[tuple[str, str, str]]) -> list[bool]:
    """Whether registers.link accepts a link from each payee to its register entity (payee, name, register).

    A fresh in-memory store holds one organisation per payee and one register entity per distinct key of the
    register names, so the real exact, blocked and fuzzy steps run on them; a pair counts as linked when the
    payee's organisation has an accepted link to the entity its register name became.
    """
    from anchorspend.suppliers.registers.link import link

    pairs = list(pairs)
    con = duckdb.connect()
    try:
        db.ensure_schema(con)
        payees = list(dict.fromkeys(p for p, _, _ in pairs))
        supplier_of = {name: number for number, name in enumerate(payees, start=1)}
        con.register(
            "payee_frame",
            pl.DataFrame(
                {"supplier_id": list(supplier_of.values()), "name": payees},
                schema={"supplier_id": pl.Int64, "name": pl.String},
            ),
        )
        con.execute(
            "insert into suppliers (supplier_id, name, name_key) select supplier_id, name, name from payee_frame"
        )
        con.execute("insert into supplier_aliases (raw_name, supplier_id) select name, supplier_id from payee_frame")
        entities = pl.DataFrame({"name": [n for _, n, _ in pairs], "register": [r for _, _, r in pairs]}).unique(
            maintain_order=True
        )
        con.register("entity_frame", entities)
        keyed = con.execute(
            "select name, register, register_name_key(name) as name_key, "
            "dense_rank() over (order by register, register_name_key(name)) as entity_id from entity_frame"
        ).pl()
        con.register("keyed_frame", keyed)
        for register in ("companies_house", "ods"):
            con.execute(
                f"insert into register_{register} (entity_id, name, name_key, is_active) "  # noqa: S608 - fixed names
                "select any_value(entity_id::varchar), min(name), name_key, true from keyed_frame "
                "where register = $r group by name_key",
                {"r": register},
            )
            con.execute(
                "insert into register_imports (register, files, sha256, rows_loaded, rows_rejected, imported_by) "
                "values ($r, 'labelled pairs', '', 0, 0, 'evaluate')",
                {"r": register},
            )
        link(con)
        accepted = {
            (supplier_id, register, entity_id)
            for supplier_id, register, entity_id in con.execute(
                "select supplier_id, register, entity_id from supplier_register_links where status = 'accepted'"
            ).fetchall()
        }
        entity_of = {(r["name"], r["register"]): str(r["entity_id"]) for r in keyed.iter_rows(named=True)}
        return [(supplier_of[p], r, entity_of[(n, r)]) in accepted for p, n, r in pairs]
    finally:
        con.close()


def national_register(label: str) -> str:
    """The register a national-register pair's entity belongs to ('ods' or 'companies_house')."""
    return "ods" if "ODS" in label else "companies_house"


def verdicts(pairs: list[LabelledPair]) -> list[bool]:
    """Each pair judged by the matcher that meets its register in the product (see the module docstring)."""
    by_resolver = [p for p in pairs if p.register.startswith(CONTRACTS)]
    by_linker = [p for p in pairs if not p.register.startswith(CONTRACTS)]
    found = dict(zip(by_resolver, resolved_together((p.payee, p.register_name) for p in by_resolver), strict=True))
    found |= dict(
        zip(
            by_linker,
            linked((p.payee, p.register_name, national_register(p.register)) for p in by_linker),
            strict=True,
        )
    )
    return [found[p] for p in pairs]


def scores(together: list[bool], same: list[bool]) -> dict[str, float | int]:
    """Counts, precision and recall of matching decisions against labels."""
    tp = sum(t and s for t, s in zip(together, same, strict=True))
    fp = sum(t and not s for t, s in zip(together, same, strict=True))
    fn = sum(s and not t for t, s in zip(together, same, strict=True))
    return {
        "pairs": len(same),
        "matches": tp + fn,
        "true_pos": tp,
        "false_pos": fp,
        "false_neg": fn,
        "precision": round(tp / (tp + fp), 3) if tp + fp else 1.0,
        "recall": round(tp / (tp + fn), 3) if tp + fn else 1.0,
    }


def pair_scores(pairs: list[tuple[str, str, bool]]) -> dict[str, float | int]:
    """Resolve every name in the payee pairs together, then count pairs put together rightly and wrongly."""
    return scores(resolved_together((a, b) for a, b, _ in pairs), [same for _, _, same in pairs])


def register_pair_scores(pairs: list[LabelledPair]) -> dict[str, float | int]:
    """Precision and recall on register pairs, each judged by its matcher."""
    return scores(verdicts(pairs), [p.same for p in pairs])
