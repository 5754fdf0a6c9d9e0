"""The data the shared dashboard figures take, read from metrics and geo, and the figures themselves."""

from __future__ import annotations

from typing import Any

import duckdb
import plotly.graph_objects as go

from anchorspend.report.content import ReportContent


def place(con: duckdb.DuckDBPyConnection) -> tuple[str, bool]:
    """The stored place's name and whether it is fictional."""
    from anchorspend.geo.place import get_place

    stored = get_place(con)
    return (stored.name, stored.is_fictional) if stored else ("Place not set", False)


def figures(
    con: duckdb.DuckDBPyConnection, scope: Any, resolved: Any, content: ReportContent
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], dict[str, go.Figure]]:
    """The trend and district rows, and the trend, leakage and map figures as the dashboard draws them."""
    from anchorspend import charts, metrics
    from anchorspend.geo.shapes import shapes_geojson

    trend = metrics.monthly_trend(con, scope)
    districts = metrics.spend_by_district(con, scope)
    geojson = shapes_geojson(con, "district", resolved.regional_codes)
    figs = {
        "trend": charts.monthly_trend(trend, content.place_name),
        "leakage": charts.leakage_by_sector(content.metrics.get("leakage_by_sector") or []),
        "map": charts.district_map(geojson, districts, resolved.local_codes, resolved.regional_codes),
    }
    return trend.to_dicts(), districts.sort("spend_gbp", descending=True).to_dicts(), figs


def assumptions(con: duckdb.DuckDBPyConnection, metrics: dict[str, Any]) -> list[dict[str, Any]]:
    """The LM3 assumptions with their sources, as the metrics report them."""
    lm3 = metrics.get("lm3") or {}
    rows = lm3.get("assumptions") or []
    return [
        {"name": r.get("name", ""), "value": r.get("value", ""), "source": r.get("source", "")} for r in rows
    ]
