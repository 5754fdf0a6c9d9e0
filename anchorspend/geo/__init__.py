"""Geography: boundaries, postcodes, deprivation, where suppliers are, and which districts are local."""

from typing import TYPE_CHECKING, Any

from anchorspend.geo.postcodes import normalise_postcode, outward_code
from anchorspend.geo.report import GeoFileError, LoadReport

if TYPE_CHECKING:
    from anchorspend.geo.load import import_files, read_geo_file


def __getattr__(name: str) -> Any:
    """The file readers, imported when first used: they bring GeoPandas, which the app's pages other than the map
    (and most commands) never need, and which took a third of the app's first import."""
    if name in ("import_files", "read_geo_file"):
        from anchorspend.geo import load

        return getattr(load, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

__all__ = [
    "GeoFileError",
    "LoadReport",
    "import_files",
    "normalise_postcode",
    "outward_code",
    "read_geo_file",
]
