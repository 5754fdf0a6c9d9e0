"""Geography speed: WKB -> GeoDataFrame for maps, and a national-size NSPL import, each beside a baseline."""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import geopandas as gpd
import numpy as np
import polars as pl
import shapely
import shapely.wkb

from anchorspend import db
from anchorspend.geo import import_files
from anchorspend.geo.locate import locate
from anchorspend.geo.shapes import shapes

LSOAS_ENGLAND = 32_844


def _small_areas(con, count: int) -> None:  # noqa: ANN001
    """count LSOA-like polygons of 60 vertices each (a super-generalised LSOA has tens)."""
    rng = np.random.default_rng(7)
    centres = np.column_stack([rng.uniform(-3, 0, count), rng.uniform(51, 54, count)])
    angles = np.linspace(0, 2 * np.pi, 60, endpoint=False)
    rings = [np.column_stack([x + 0.01 * np.cos(angles), y + 0.01 * np.sin(angles)]) for x, y in centres]
    wkb = shapely.to_wkb(shapely.polygons(rings))
    codes = [f"E01{i:06d}" for i in range(count)]
    areas = pl.DataFrame(
        {
            "code": codes,
            "wkb": pl.Series(list(wkb), dtype=pl.Binary),
            "rank": range(1, count + 1),
            "decile": [i % 10 + 1 for i in range(count)],
        }
    )
    con.register("areas", areas)  # executemany would take minutes for this many rows
    con.execute("insert into small_areas (lsoa_code, name, geometry_wkb) select code, code, wkb from areas")
    con.execute(
        "insert into deprivation (lsoa_code, imd_rank, imd_decile) select code, rank, decile\n    from areas"
    )
    con.unregister("areas")


def _nspl(path: Path, count: int) -> None:
    """A synthetic NSPL with count postcodes in the real column layout."""
    header = "pcd,pcd2,pcds,dointr,doterm,usertype,laua,ward,lsoa11,lat,long"
    lines = [header]
    for i in range(count):
        inward = i % 6760  # digit + two letters: 6,760 postcodes per outward code
        postcode = f"ZZ{i // 6760 + 1} {inward % 10}{chr(65 + inward // 10 % 26)}{chr(65 + inward // 260)}"
        lines.append(
            f'"{postcode}","{postcode}","{postcode}","199001","","1","E07000123","E05012193",'
            f'"E01025231",53.76,-2.70'
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def run(args: argparse.Namespace) -> list[dict]:
    """Time shapes() against row-by-row WKB parsing, and an NSPL import of a given size."""
    count = args.rows or LSOAS_ENGLAND
    results = []
    with tempfile.TemporaryDirectory() as folder, db.connect(Path(folder) / "bench.duckdb") as con:
        _small_areas(con, count)
        started = time.perf_counter()
        frame = shapes(con, "small_area")
        vectorised = time.perf_counter() - started
        started = time.perf_counter()
        rows = con.execute("select lsoa_code, geometry_wkb from small_areas").fetchall()
        baseline = gpd.GeoDataFrame(
            {"code": [r[0] for r in rows]}, geometry=[shapely.wkb.loads(r[1]) for r in rows], crs="EPSG:4326"
        )
        row_by_row = time.perf_counter() - started
        assert len(frame) == len(baseline) == count
        results.append(
            {
                "measure": "small areas -> GeoDataFrame (with IMD)",
                "rows": count,
                "seconds": round(vectorised, 3),
                "baseline": "fetchall + shapely.wkb.loads per row",
                "baseline_seconds": round(row_by_row, 3),
            }
        )
        postcodes = min(count * 6, 600_000)  # the real NSPL has 2.7 million; this shows the rate
        nspl = Path(folder) / "nspl.csv"
        _nspl(nspl, postcodes)
        started = time.perf_counter()
        report = import_files(con, [nspl])[0]
        imported = time.perf_counter() - started
        results.append(
            {
                "measure": "NSPL import (read, check, write)",
                "rows": report.rows_loaded,
                "seconds": round(imported, 2),
                "rows_per_second": int(report.rows_loaded / imported),
            }
        )
        results.append(_locate(con, count * 3))
    return results


def _locate(con, suppliers: int) -> dict:  # noqa: ANN001
    """Locate suppliers with a registered office: two in three by full postcode, one in three by outcode."""
    known = [r[0] for r in con.execute("select postcode from postcodes limit 5000").fetchall()]
    con.execute(
        "insert into outcode_centroids (outcode, lat, lon, district_code) values ('PR1', 53.76, -2.70,"
        " 'E07000123')"
    )
    con.execute(
        "insert into suppliers (supplier_id, name, name_key) select i, 'S' || i, 'S' || i"
        " from range(1, $n + 1) as t (i)",
        {"n": suppliers},
    )
    postcodes = [known[i % len(known)] if i % 3 else "PR1 9ZZ" for i in range(suppliers)]
    entries = pl.DataFrame({"supplier_id": range(1, suppliers + 1), "postcode": postcodes})
    con.register("entries", entries)
    con.execute(
        "insert into register_entries (source_file, source_sha256, name, registered_postcode, supplier_id)"
        " select 'bench', 'x', 'n', postcode, supplier_id from entries"
    )
    started = time.perf_counter()
    counts = locate(con, None)
    seconds = time.perf_counter() - started
    assert sum(counts.values()) == suppliers
    return {
        "measure": "locate suppliers",
        "rows": suppliers,
        "seconds": round(seconds, 2),
        "rows_per_second": int(suppliers / seconds),
    }
