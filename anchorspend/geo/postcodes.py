"""Postcodes: normalisation, the NSPL postcode directory and postcode-district (outward code) centroids."""

from __future__ import annotations

import re
from pathlib import Path

import polars as pl

from anchorspend import validate
from anchorspend.files.errors import FileRefused
from anchorspend.files.limits import read_file
from anchorspend.files.text import named, to_utf8
from anchorspend.geo.csvfile import read_csv_text
from anchorspend.geo.report import GeoFileError, LoadReport

# A UK postcode: outward code (area letters, district digit, optional letter/digit)
# + inward code (digit, 2 letters).
POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})$")
OUTCODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]?$")
POSTCODE_REGEX = r"^[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}$"  # the same rules, for polars, spaces removed
OUTCODE_REGEX = r"^[A-Z]{1,2}[0-9][A-Z0-9]?$"
SPACES = re.compile(r"\s+")
NSPL_COLUMNS = ("pcds", "doterm", "laua", "ward", "lat", "long")
NSPL_LSOA_COLUMNS = ("lsoa11", "lsoa21")  # 2011 LSOAs join IMD 2019; newer NSPLs also carry 2021 ones


def normalise_postcode(text: object) -> str | None:
    """'hx4 0dz' / 'HX40DZ' / 'HX4  0DZ' -> 'HX4 0DZ'; None when it is not a full UK postcode."""
    if not isinstance(text, str):
        return None
    squeezed = SPACES.sub("", text).upper()
    match = POSTCODE.match(squeezed)
    return f"{match.group(1)} {match.group(2)}" if match else None


def outward_code(text: object) -> str | None:
    """The postcode district of a full postcode or of an outward code alone ('HX4 0DZ' -> 'HX4')."""
    if not isinstance(text, str):
        return None
    squeezed = SPACES.sub("", text).upper()
    if match := POSTCODE.match(squeezed):
        return match.group(1)
    return squeezed if OUTCODE.match(squeezed) else None


def postcode_columns(raw: pl.Expr) -> tuple[pl.Expr, pl.Expr]:
    """normalise_postcode and outward_code for a whole column at once: (postcode, outcode) expressions."""
    squeezed = raw.str.replace_all(r"\s+", "").str.to_uppercase()
    is_full = squeezed.str.contains(POSTCODE_REGEX)
    head = squeezed.str.slice(0, squeezed.str.len_chars() - 3)
    postcode = pl.when(is_full).then(head + " " + squeezed.str.slice(-3)).otherwise(None)
    outcode = pl.when(is_full).then(head).when(squeezed.str.contains(OUTCODE_REGEX)).then(squeezed).otherwise(None)
    return postcode, outcode


def _real_code(column: str) -> pl.Expr:
    """An ONS code, with NSPL's pseudo codes ('E99999999' = not applicable) and blanks as null."""
    code = pl.col(column).str.strip_chars()
    return pl.when(code.is_null() | (code == "") | code.str.ends_with("99999999")).then(None).otherwise(code)


def read_nspl(path: Path) -> tuple[pl.DataFrame, LoadReport]:
    """Read an NSPL CSV into postcodes rows (terminated postcodes kept: they were real addresses)."""
    try:
        data, _ = to_utf8(read_file(path))  # the one reader: never replacement characters
    except FileRefused as exc:
        raise GeoFileError(named(path, exc)) from None
    header = pl.read_csv(data, n_rows=0, infer_schema=False).columns
    names = {name.lstrip("\ufeff").strip().lower(): name for name in header}
    lsoa = next((names[c] for c in NSPL_LSOA_COLUMNS if c in names), None)
    missing = [c for c in NSPL_COLUMNS if c not in names]
    if missing or lsoa is None:
        raise GeoFileError(f"{path.name}: an NSPL file needs columns {', '.join(NSPL_COLUMNS)} and lsoa11")
    raw = pl.read_csv(data, columns=[names[c] for c in NSPL_COLUMNS] + [lsoa], infer_schema=False)
    raw = raw.rename({names[c]: c for c in NSPL_COLUMNS} | {lsoa: "lsoa"})
    postcode, _ = postcode_columns(pl.col("pcds"))
    lat, lon = pl.col("lat").cast(pl.Float64, strict=False), pl.col("long").cast(pl.Float64, strict=False)
    # NSPL writes 99.999999 for no fix; anything else outside the UK is a broken row: kept, without a position
    (lat_low, lat_high), (lon_low, lon_high) = validate.UK_LATITUDE, validate.UK_LONGITUDE
    no_fix = lat.is_null() | ~lat.is_between(lat_low, lat_high) | ~lon.is_between(lon_low, lon_high)
    frame = raw.select(
        postcode.alias("postcode"),
        _real_code("laua").alias("district_code"),
        _real_code("ward").alias("ward_code"),
        _real_code("lsoa").alias("lsoa_code"),
        pl.when(no_fix).then(None).otherwise(lat).alias("lat"),
        pl.when(no_fix).then(None).otherwise(lon).alias("lon"),
        pl.col("doterm").str.strip_chars().str.to_date("%Y%m", strict=False).alias("terminated_on"),
    )
    valid = pl.col("postcode").is_not_null()
    report = LoadReport(path.name, "postcodes", rows_read=raw.height)
    report.reject("not a UK postcode", frame.filter(~valid).height)
    frame = frame.filter(valid)
    before = frame.height
    frame = frame.unique("postcode", keep="first", maintain_order=True)
    report.reject("postcode repeated in the file", before - frame.height)
    report.rows_loaded = frame.height
    if lsoa.strip().lower() == "lsoa21":  # Census 2021 editions of NSPL dropped lsoa11
        report.notes.append("LSOAs are 2021 codes; IMD 2019 uses 2011 ones (unchanged areas kept their code)")
    return frame.with_columns(pl.lit(path.name).alias("source")), report


OUTCODE_NAMES = ("outcode", "postcode district", "postcode_district", "pcd_district", "postcode")
LAT_NAMES = ("latitude", "lat")
LON_NAMES = ("longitude", "long", "lon", "lng")


def outcode_columns(header: list[str]) -> tuple[str, str, str] | None:
    """The (outcode, latitude, longitude) columns of a postcode-district centroid table, if it is one."""
    lower = {name.strip().lower(): name for name in header}
    outcode, lat, lon = (
        next((lower[n] for n in names if n in lower), None) for names in (OUTCODE_NAMES, LAT_NAMES, LON_NAMES)
    )
    return None if outcode is None or lat is None or lon is None else (outcode, lat, lon)


def read_outcode_centroids(path: Path) -> tuple[pl.DataFrame, LoadReport]:
    """Read a postcode-district centroid CSV (outward code, latitude, longitude) into outcode rows."""
    header, rows = read_csv_text(path)
    columns = outcode_columns(header)
    if columns is None:
        raise GeoFileError(f"{path.name}: a postcode-district centroid file needs outcode, latitude, longitude")
    at = [header.index(c) for c in columns]
    report = LoadReport(path.name, "outcode_centroids", rows_read=len(rows))
    kept: dict[str, tuple[float, float]] = {}
    for row in rows:
        outcode = row[at[0]].strip().upper() if len(row) > at[0] else ""
        try:
            lat, lon = float(row[at[1]]), float(row[at[2]])
        except (ValueError, IndexError):
            report.reject("no latitude/longitude")
            continue
        if not OUTCODE.match(outcode):
            report.reject("not an outward code")
        elif not validate.in_uk(lat, lon):
            report.reject("latitude/longitude outside the UK")
        elif outcode in kept:
            report.reject("outward code repeated in the file")
        else:
            kept[outcode] = (lat, lon)
    frame = pl.DataFrame(
        {"outcode": list(kept), "lat": [v[0] for v in kept.values()], "lon": [v[1] for v in kept.values()]},
        schema={"outcode": pl.String, "lat": pl.Float64, "lon": pl.Float64},
    ).with_columns(pl.lit(path.name).alias("source"))
    report.rows_loaded = frame.height
    return frame, report
