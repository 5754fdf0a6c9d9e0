"""Rebuild what is derived from the loaded data: supplier identities, their sectors, types and locations, and the
spend summary the metrics read. The one entry for it: writers only write, then their caller runs refresh()."""

from __future__ import annotations

import logging
from typing import Any, TypedDict

import duckdb

from anchorspend import db

log = logging.getLogger(__name__)


class Steps(TypedDict):
    """What each step of a refresh did."""

    resolve: dict[str, Any]
    classify: dict[str, Any]
    locate: dict[str, int]  # suppliers by location evidence
    metrics: dict[str, object]


def refresh(con: duckdb.DuckDBPyConnection) -> Steps:
    """Bring every derived table up to date in one transaction of its own; return what each step did.

    All or nothing: a failure or a kill part-way leaves the derived tables as they were, and a refresh that a
    write asked for (db.transaction(needs_refresh=True)) stays asked for until one completes.
    """
    # imported here so that importing the pipeline stays light
    from anchorspend import suppliers
    from anchorspend.geo.locate import locate
    from anchorspend.geo.place import get_place
    from anchorspend.metrics.facts import refresh as refresh_metrics

    with db.transaction(con, changes_derived=False, anchors=()):  # the anchors whose payees it changed
        steps = Steps(
            resolve=suppliers.resolve(con),  # spellings -> organisations (ids stable across re-loads)
            classify=suppliers.classify(con),  # sector and organisation type
            locate=locate(con, get_place(con)),  # after resolution: postcodes -> district, ward, LSOA
            metrics=refresh_metrics(con),  # last: the spend summary every metric reads
        )
        db.refresh_done(con)
        db.pause_point("refresh")
    return steps


def finish_pending(con: duckdb.DuckDBPyConnection) -> None:
    """Run a refresh that a write asked for and a kill kept from running (every writer, on opening the store)."""
    if not db.refresh_pending(con):
        return
    try:
        refresh(con)
    except Exception as exc:  # the writer's own work must not be blocked by it; the mark stays for the next one
        log.warning("the refresh a previous command left unfinished failed (%s: %s)", type(exc).__name__, exc)


db.on_open_for_writing(finish_pending)
