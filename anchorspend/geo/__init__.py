"""Geography: boundaries, postcodes, deprivation, where suppliers are, and which districts are local."""

from anchorspend.geo.load import import_files, read_geo_file
from anchorspend.geo.postcodes import normalise_postcode, outward_code
from anchorspend.geo.report import GeoFileError, LoadReport

__all__ = [
    "GeoFileError",
    "LoadReport",
    "import_files",
    "normalise_postcode",
    "outward_code",
    "read_geo_file",
]
