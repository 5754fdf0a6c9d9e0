"""Typed, cached reads the pages call: metrics for the sidebar's filters, the place, boundaries, names."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Concatenate, ParamSpec, TypeVar, cast

import duckdb
import polars as pl

from anchorspend import metrics
from anchorspend.geo.place import Place, get_place
from anchorspend.ui.store import cached_read, has_store, query
from anchorspend.view import Filters, make_scope

P = ParamSpec("P")
T = TypeVar("T")
SIMPLIFY_DEGREES = 0.0005  # about 50 m: outlines stay faithful and the page stays light


def scope_of(filters: Filters, **extra: object) -> metrics.Scope:
    """The metrics scope for the sidebar's filters (plus Scope fields such as leakage_tier)."""
    return cast(metrics.Scope, make_scope(metrics.Scope, filters, **extra))


def by_filters(
    function: Callable[Concatenate[duckdb.DuckDBPyConnection, metrics.Scope, P], T], spinner: str | bool = False
) -> Callable[Concatenate[Filters, P], T]:
    """metrics function(con, scope, ...) as function(filters, ...), cached by filters and store change."""

    def on_store(con: duckdb.DuckDBPyConnection, filters: Filters, *args: P.args, **kwargs: P.kwargs) -> T:
        return function(con, scope_of(filters), *args, **kwargs)

    on_store.__module__, on_store.__qualname__ = function.__module__, function.__qualname__
    return cached_read(on_store, spinner, by_anchors=True)


def _compute(con: duckdb.DuckDBPyConnection, filters: Filters, leakage_tier: str) -> dict[str, Any]:
    return metrics.compute(con, scope_of(filters, leakage_tier=leakage_tier))


_cached_compute = cached_read(_compute, spinner="Working out the numbers…", by_anchors=True)


def compute(filters: Filters, leakage_tier: str = metrics.Scope.leakage_tier) -> dict[str, Any]:
    """The metrics --json object for these filters: every headline number comes from here.

    One cache entry per filters and tier whichever way a page asks (compute(f) and compute(f, "regional") are the
    same entry), so the first page a session opens computes it and every other page reads it."""
    return _cached_compute(filters, leakage_tier)
monthly_trend = by_filters(metrics.monthly_trend)
coverage = by_filters(metrics.coverage)
spend_by_district = by_filters(metrics.spend_by_district)
spend_by_ward = by_filters(metrics.spend_by_ward)
spend_by_lsoa = by_filters(metrics.spend_by_lsoa)
supplier_points = by_filters(metrics.supplier_points)
supplier_table = by_filters(metrics.supplier_table)
payments = by_filters(metrics.payments)
opportunity_payments = by_filters(metrics.opportunity_payments)


def _boundaries(con: duckdb.DuckDBPyConnection, level: str, within: tuple[str, ...] | None) -> dict[str, Any]:
    """Boundaries of one level as GeoJSON (feature id = GSS code), simplified."""
    from anchorspend.geo.shapes import shapes as geo_shapes

    frame = geo_shapes(con, level, within=within)
    frame["geometry"] = frame.geometry.simplify(SIMPLIFY_DEGREES, preserve_topology=True)
    return cast(dict[str, Any], frame.set_index("code", drop=False).__geo_interface__)


_cached_boundaries = cached_read(_boundaries, by_anchors=True)  # geography only
_cached_place = cached_read(get_place, by_anchors=True)  # the place only


def shapes(level: str, districts: tuple[str, ...] = ()) -> dict[str, Any]:
    """Every district, or the wards / small areas (with IMD decile) inside some districts, as GeoJSON."""
    if not has_store():
        return {"type": "FeatureCollection", "features": []}
    return _cached_boundaries(level, tuple(sorted(districts)) if level != "district" else None)


def place() -> Place | None:
    """The stored place, or None."""
    return _cached_place() if has_store() else None


def tiers(filters: Filters) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The local and regional district codes in force: the sidebar's, else the stored place."""
    if filters.local:
        return filters.local, filters.regional
    stored = place()
    if stored is None:
        return (), ()
    return tuple(stored.local), tuple(sorted(set(stored.regional) | set(stored.local)))


def district_names() -> dict[str, str]:
    """Each district's name by its code (empty before geography is imported)."""
    districts = query("ui_districts")
    if districts.is_empty():
        return {}
    return dict(zip(districts["district_code"], districts["name"], strict=True))


def anchor_ids() -> dict[int, str]:
    """Each loaded anchor's id and name (links name anchors by id)."""
    anchors = query("ui_anchors") if has_store() else pl.DataFrame()
    if anchors.is_empty():
        return {}
    return dict(zip(anchors["anchor_id"], anchors["name"], strict=True))
