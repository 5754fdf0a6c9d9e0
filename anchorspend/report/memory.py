"""What earlier reports printed: each report stores its headline figures so the next can show the change."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import duckdb

from anchorspend import db
from anchorspend.report.period import ReportPeriod


def filters_key(filters: dict[str, Any]) -> str:
    """Canonical JSON for a report's filters: reports with the same key are compared with each other."""
    return json.dumps(filters, sort_keys=True, separators=(",", ":"), default=str)


def previous_report(
    con: duckdb.DuckDBPyConnection, filters: dict[str, Any], week: str
) -> dict[str, Any] | None:
    """The latest report for the same filters from an earlier week, with the figures it printed, or None."""
    rows = db.run_query(con, "report_previous", filters_json=filters_key(filters), week=week).to_dicts()
    if not rows:
        return None
    row = rows[0]
    row["figures"] = json.loads(row.pop("figures_json"))
    return row


def record_report(
    con: duckdb.DuckDBPyConnection,
    period: ReportPeriod,
    filters: dict[str, Any],
    figures: dict[str, Any],
    path: str | None,
    generated_at: dt.datetime,
) -> int:
    """Remember a report's printed figures (inside the caller's transaction); return its id."""
    row = db.one_row(
        con,
        "insert into reports (generated_at, week, period_from, period_to, filters_json, figures_json, path) "
        "values ($generated_at, $week, $period_from, $period_to, $filters_json, $figures_json, $path) "
        "returning report_id",
        {
            "generated_at": generated_at,
            "week": period.week,
            "period_from": period.date_from,
            "period_to": period.date_to,
            "filters_json": filters_key(filters),
            "figures_json": json.dumps(figures, sort_keys=True),
            "path": path,
        },
    )
    return int(row[0])
