"""Rebuild what is derived from the loaded data: supplier identities, their locations, sectors and types."""

from __future__ import annotations

import duckdb


def refresh(con: duckdb.DuckDBPyConnection) -> dict[str, object]:
    """Bring derived tables up to date after any load; return what each step did.

    Steps are added here as their modules land (supplier resolution, location, classification).
    """
    # imported here so that importing the pipeline stays light
    from anchorspend import suppliers
    from anchorspend.geo.locate import locate
    from anchorspend.metrics.facts import refresh as refresh_metrics

    steps: dict[str, object] = {}
    steps["resolve"] = suppliers.resolve(con)  # spellings -> organisations (ids stable across re-loads)
    steps["classify"] = suppliers.classify(con)  # sector and organisation type
    steps["locate"] = locate(con)  # after resolution: suppliers' postcodes -> district, ward, LSOA
    steps["metrics"] = refresh_metrics(con)  # last: the spend summary every metric reads
    return steps
