"""Everything one report prints, gathered from the store: metrics, charts' data, memory and data quality."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import duckdb
import plotly.graph_objects as go

from anchorspend import db
from anchorspend.report.memory import previous_report
from anchorspend.report.period import ReportPeriod

EPOCH = dt.datetime(1970, 1, 1)


@dataclass
class ReportContent:
    """The facts behind one report, before any formatting."""

    period: ReportPeriod
    generated_at: dt.datetime
    filters: dict[str, Any]
    place_name: str
    is_fictional: bool
    local_tier: list[tuple[str, str]]  # (code, name)
    regional_tier: list[tuple[str, str]]
    metrics: dict[str, Any]
    previous: dict[str, Any] | None
    anchors: list[dict[str, Any]]
    months_missing: list[dict[str, Any]]
    files_loaded: list[dict[str, Any]]
    figures: dict[str, go.Figure] = field(default_factory=dict)
    trend: list[dict[str, Any]] = field(default_factory=list)
    districts: list[dict[str, Any]] = field(default_factory=list)  # spend by supplier district, for the map
    definitions: list[tuple[str, str]] = field(default_factory=list)
    assumptions: list[dict[str, Any]] = field(default_factory=list)
    map_image: tuple[bytes, str] = (b"", "")  # the print map as SVG, with its text alternative


def tier_names(con: duckdb.DuckDBPyConnection, codes: list[str]) -> list[tuple[str, str]]:
    """(code, name) for each code, the code alone when the store has no name for it."""
    names = dict(db.run_query(con, "report_district_names", codes=list(codes)).iter_rows())
    return [(code, names.get(code, code)) for code in codes]


def data_quality(
    con: duckdb.DuckDBPyConnection, anchors: list[str], since: dt.datetime | None
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Each anchor's freshness (files, latest payment, rejected rows), and the files loaded since a moment."""
    freshness = db.run_query(con, "report_anchor_freshness", anchors=anchors).to_dicts()
    files = db.run_query(con, "report_files_loaded", since=since or EPOCH, anchors=anchors).to_dicts()
    return freshness, files


def memory_and_quality(
    con: duckdb.DuckDBPyConnection, period: ReportPeriod, filters: dict[str, Any]
) -> tuple[dict[str, Any] | None, list[dict[str, Any]], list[dict[str, Any]]]:
    """The previous report for these filters, then data_quality measured since it."""
    previous = previous_report(con, filters, period.week)
    since = previous["generated_at"] if previous else None
    return (previous, *data_quality(con, list(filters.get("anchors") or []), since))
