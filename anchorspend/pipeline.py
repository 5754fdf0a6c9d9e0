"""Rebuild what is derived from the loaded data: supplier identities, their locations, sectors and types."""

from __future__ import annotations

import duckdb


def refresh(con: duckdb.DuckDBPyConnection) -> dict[str, object]:
    """Bring derived tables up to date after any load; return what each step did.

    Steps are added here as their modules land (supplier resolution, location, classification).
    """
    from anchorspend import suppliers

    done: dict[str, object] = {}
    done["resolve"] = suppliers.resolve(con)
    done["classify"] = suppliers.classify(con)
    return done
