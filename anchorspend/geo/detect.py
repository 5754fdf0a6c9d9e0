"""What kind of geography file is this? Decided from its content (fields, header, values), never its name."""

from __future__ import annotations

from pathlib import Path

import pyogrio

from anchorspend.geo.boundaries import LAD_CODE, LAD_NAME, boundary_fields
from anchorspend.geo.csvfile import read_first_rows, read_header
from anchorspend.geo.deprivation import deprivation_columns
from anchorspend.geo.postcodes import OUTCODE, outcode_columns
from anchorspend.geo.report import GeoFileError

# Import order when several files come together: code lists before the files that need them.
KINDS = (
    "district_centroids",
    "districts",
    "district_names",
    "wards",
    "small_areas",
    "outcode_centroids",
    "postcodes",
    "deprivation",
)
NSPL_FIELDS = {"pcds", "laua", "ward", "lat", "long", "doterm"}


def _head(path: Path) -> bytes:
    with path.open("rb") as handle:
        return handle.read(4096).lstrip(b"\xef\xbb\xbf").lstrip()


def detect_geojson(path: Path) -> str:
    """The kind of a GeoJSON boundary layer, from its fields and a sample of its codes."""
    try:
        fields = [str(f) for f in pyogrio.read_info(path)["fields"]]
        sample = []
        if "ons_code" in fields:
            table = pyogrio.read_dataframe(path, columns=["ons_code"], read_geometry=False, max_features=50)
            sample = [str(v) for v in table["ons_code"]]
    except pyogrio.errors.DataSourceError as exc:
        raise GeoFileError(f"{path.name}: not readable as GeoJSON ({str(exc).splitlines()[0]})") from exc
    detected = boundary_fields(fields, sample)
    if detected is None and any(f.upper() == "LSOA21CD" for f in fields):
        raise GeoFileError(
            f"{path.name}: LSOA 2021 boundaries; IMD 2019 and NSPL's lsoa11 use LSOA 2011 codes"
        )
    if detected is None:
        raise GeoFileError(
            f"{path.name}: GeoJSON without a LAD, ward or LSOA 2011 code (fields: {', '.join(fields)})"
        )
    return detected[0]


def detect_csv(path: Path) -> str | None:
    """The kind of a CSV lookup table, or None."""
    header = read_header(path)
    lower = {cell.lower() for cell in header}
    if lower >= NSPL_FIELDS and lower & {"lsoa11", "lsoa21"}:
        return "postcodes"
    if deprivation_columns(header):
        return "deprivation"
    if (
        any(LAD_CODE.match(c) for c in header)
        and any(LAD_NAME.match(c) for c in header)
        and {"lat", "long"} <= lower
    ):
        return "district_centroids"
    if columns := outcode_columns(header):
        at = header.index(columns[0])
        values = [row[at].strip().upper() for row in read_first_rows(path) if len(row) > at]
        if values and sum(bool(OUTCODE.match(v)) for v in values) >= 0.8 * len(values):
            return "outcode_centroids"
    return None


def detect(path: Path) -> str:
    """One of KINDS, or a GeoFileError naming what the file lacks."""
    if not path.is_file():
        raise GeoFileError(f"{path}: no such file")
    head = _head(path)
    if head.startswith(b"{"):
        return detect_geojson(path)
    if head.startswith(b"PK\x03\x04"):  # a zip archive, as the ONS hub serves NSPL
        raise GeoFileError(
            f"{path.name}: a zip archive; unzip it and import the CSV inside (Data/NSPL_*.csv)"
        )
    kind = detect_csv(path)
    if kind is None:
        columns = ", ".join(read_header(path)[:8]) or "none"
        raise GeoFileError(
            f"{path.name}: not a boundary, postcode, centroid or IMD file (columns: {columns})"
        )
    return kind
