"""English Indices of Deprivation 2019 by LSOA 2011: IMD rank and decile (File 1, File 2 or File 7 CSVs)."""

from __future__ import annotations

import re
from pathlib import Path

import polars as pl

from anchorspend.geo.csvfile import read_csv_text
from anchorspend.geo.report import GeoFileError, LoadReport

LSOA_CODE = re.compile(r"^[EW]01\d{6}$")
LSOA_COUNT_2011 = 32_844  # LSOAs in England in 2011: the largest IMD 2019 rank


def deprivation_columns(header: list[str]) -> tuple[int, int, int] | None:
    """Where the LSOA code, IMD rank and IMD decile are, if this is an IMD 2019 table."""
    lower = [cell.lower() for cell in header]

    def first(prefix: str) -> int | None:
        return next((i for i, cell in enumerate(lower) if cell.startswith(prefix)), None)

    lsoa = first("lsoa code")
    rank = first("index of multiple deprivation (imd) rank")
    decile = first("index of multiple deprivation (imd) decile")
    return None if lsoa is None or rank is None or decile is None else (lsoa, rank, decile)


def _integer(text: str) -> int | None:
    """'29,199' or '29199' -> 29199 (File 1 quotes its ranks with thousands separators)."""
    cleaned = text.replace(",", "").strip()
    return int(cleaned) if cleaned.isdigit() else None


def read_deprivation(path: Path) -> tuple[pl.DataFrame, LoadReport]:
    """Read IMD 2019 rank and decile per LSOA into deprivation rows."""
    header, rows = read_csv_text(path)
    columns = deprivation_columns(header)
    if columns is None:
        raise GeoFileError(f"{path.name}: an IMD file needs 'LSOA code', 'IMD Rank' and 'IMD Decile' columns")
    code_at, rank_at, decile_at = columns
    report = LoadReport(path.name, "deprivation", rows_read=len(rows))
    kept: dict[str, tuple[int, int]] = {}
    for row in rows:
        if len(row) <= max(columns):
            report.reject("too few fields")
            continue
        code, rank, decile = row[code_at].strip(), _integer(row[rank_at]), _integer(row[decile_at])
        if not LSOA_CODE.match(code):
            report.reject("not an LSOA code")
        elif rank is None or not 1 <= rank <= LSOA_COUNT_2011 or decile is None or not 1 <= decile <= 10:
            report.reject("rank or decile out of range")
        elif code in kept:
            report.reject("LSOA repeated in the file")
        else:
            kept[code] = (rank, decile)
    frame = pl.DataFrame(
        {
            "lsoa_code": list(kept),
            "imd_rank": [v[0] for v in kept.values()],
            "imd_decile": [v[1] for v in kept.values()],
        },
        schema={"lsoa_code": pl.String, "imd_rank": pl.Int32, "imd_decile": pl.Int32},
    ).with_columns(pl.lit(path.name).alias("source"))
    report.rows_loaded = frame.height
    return frame, report
