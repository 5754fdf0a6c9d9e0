"""The data the shared dashboard figures take, read from metrics and geo, and the figures themselves."""

from __future__ import annotations

from typing import Any

import duckdb
import plotly.graph_objects as go
import polars as pl

from anchorspend.present.formats import figure
from anchorspend.present.place import NO_PLACE_NAME
from anchorspend.report import mapsvg
from anchorspend.report.content import ReportContent


def place(con: duckdb.DuckDBPyConnection) -> tuple[str, bool]:
    """The stored place's name and whether it is fictional."""
    from anchorspend.geo.place import get_place

    stored = get_place(con)
    return (stored.name, stored.is_fictional) if stored else (NO_PLACE_NAME, False)


def figures(
    con: duckdb.DuckDBPyConnection, scope: Any, resolved: Any, content: ReportContent
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], dict[str, go.Figure]]:
    """The trend and district rows, and the trend, leakage and map figures as the dashboard draws them."""
    from anchorspend import charts, metrics
    from anchorspend.charts.maps import licence_for
    from anchorspend.geo.shapes import shapes_geojson
    from anchorspend.report.view import TOP
    from anchorspend.view import trend_frame

    trend = trend_frame(metrics.monthly_trend(con, scope))
    # The same columns the dashboard's Map page gives district_map.
    districts = metrics.spend_by_district(con, scope).select(
        "district_code", pl.col("district").alias("name"), pl.col("amount_gbp").alias("spend_gbp"), "tier"
    )
    geojson = shapes_geojson(con, "district")
    figs = {
        "trend": charts.monthly_trend(trend, content.place_name if resolved.local_codes else ""),
        # the sectors the table beside it lists: fifteen bars crammed into the page's chart were unreadable
        "leakage": charts.leakage_by_sector(content.metrics.get("leakage_by_sector") or [], top=TOP, label_width=52),
        "map": charts.district_map(
            geojson,
            districts,
            resolved.local_codes,
            resolved.regional_codes,
            licence=licence_for(content.is_fictional),
        ),
    }
    ranked = districts.sort("spend_gbp", descending=True, nulls_last=True)
    content.map_image = mapsvg.district_map(
        geojson, ranked.to_dicts(), resolved.local_codes, resolved.regional_codes
    )
    return trend.to_dicts(), ranked.to_dicts(), figs


def assumptions(metrics: dict[str, Any]) -> list[dict[str, str]]:
    """The LM3 re-spend assumptions behind this report's figure, with their sources, from metrics."""
    rows = (metrics.get("lm3") or {}).get("assumptions") or []
    return [
        {
            "suppliers": f"{'Local' if r.get('supplier_tier') == 'local' else 'Non-local'} suppliers "
            f"({int(r.get('suppliers') or 0):,})"
            + (f", rate from {str(r['rate_from']).replace('_', ' ')}" if r.get("rate_from") else ""),
            "spend": figure(r.get("spend"), "gbp"),
            "rate": figure(r.get("rate"), "share"),
            "source": str(r.get("source") or "not given"),
        }
        for r in rows
    ]
