"""Where each supplier is: its best postcode by evidence, via the postcode directory or outcode centroids."""

from __future__ import annotations

from collections import Counter
from itertools import groupby
from operator import itemgetter
from typing import TYPE_CHECKING, NamedTuple

import duckdb
import polars as pl

from anchorspend import db
from anchorspend.geo.postcodes import postcode_columns

if TYPE_CHECKING:
    from anchorspend.geo.place import Place

LOCATED_COLUMNS = {
    "supplier_id": pl.Int32,
    "postcode": pl.String,
    "location_evidence": pl.String,
    "district_code": pl.String,
    "ward_code": pl.String,
    "lsoa_code": pl.String,
    "lat": pl.Float64,
    "lon": pl.Float64,
}


class Located(NamedTuple):
    """One candidate postcode and where it puts the supplier."""

    postcode: str
    evidence: str  # the source's evidence, or 'district_centroid' when only the outward code placed it
    district_code: str
    ward_code: str | None
    lsoa_code: str | None
    lat: float | None
    lon: float | None


def _resolve(
    postcode: str | None, outcode: str | None, evidence: str, full: dict, outcodes: dict
) -> Located | None:
    """A normalised postcode -> full-postcode location, else its postcode district's centroid, else None."""
    if postcode is not None and postcode in full:
        district, ward, lsoa, lat, lon = full[postcode]
        return Located(postcode, evidence, district, ward, lsoa, lat, lon)
    if outcode is not None and outcode in outcodes:
        district, lat, lon = outcodes[outcode]
        return Located(postcode or outcode, "district_centroid", district, None, None, lat, lon)
    return None


def choose(
    candidates: list[tuple[str, str | None, str | None]],
    full: dict,
    outcodes: dict,
    local: frozenset[str] = frozenset(),
    regional: frozenset[str] = frozenset(),
) -> Located | None:
    """The best location from (evidence, postcode, outcode) candidates, given best evidence first.

    The first kind of evidence that locates anything wins. Within it, a branch in the local tier beats one in
    the regional tier, which beats one elsewhere ("based or branched"); then a full postcode beats a centroid.
    """
    by_evidence: dict[str, list[Located]] = {}
    for evidence, postcode, outcode in candidates:
        if (found := _resolve(postcode, outcode, evidence, full, outcodes)) is not None:
            by_evidence.setdefault(evidence, []).append(found)
    if not by_evidence:
        return None
    first = next(iter(by_evidence.values()))  # dicts keep insertion order: the best evidence came first

    def rank(found: Located) -> tuple[int, int]:
        tier = 0 if found.district_code in local else 1 if found.district_code in regional else 2
        return tier, found.evidence == "district_centroid"

    return min(first, key=rank)  # min keeps the earliest of equals


def locate(con: duckdb.DuckDBPyConnection, place: Place | None) -> dict[str, int]:
    """Write every supplier's postcode, location evidence, district, ward, LSOA and lat/lon; return counts.

    place (geo.place.get_place) decides among several branches: one in the local tier wins, then the regional.
    """
    postcode, outcode = postcode_columns(pl.col("postcode_raw"))
    candidates = db.run_query(con, "geo_supplier_postcodes").with_columns(
        postcode.alias("postcode"), outcode.alias("outcode")
    )
    wanted = candidates["postcode"].drop_nulls().unique().to_list()
    full = {row[0]: row[1:] for row in db.run_query(con, "geo_postcode_lookup", postcodes=wanted).iter_rows()}
    outcodes = {row[0]: row[1:] for row in db.run_query(con, "geo_outcode_districts").iter_rows()}
    local = frozenset(place.local) if place else frozenset()
    regional = frozenset(place.regional) if place else frozenset()
    rows: list[tuple[object, ...]] = []
    ordered = candidates.select("supplier_id", "evidence", "postcode", "outcode").iter_rows()  # by supplier
    for supplier_id, group in groupby(ordered, key=itemgetter(0)):
        triples = [row[1:] for row in group]
        found = choose(triples, full, outcodes, local, regional)
        if found is None:  # keep the best postcode given, so a person can see why it was not placed
            given = next((p or o for _, p, o in triples if p or o), None)
            rows.append((supplier_id, given, "unknown", None, None, None, None, None))
        else:
            rows.append((supplier_id, *found))  # fields in LOCATED_COLUMNS order
    located = pl.DataFrame(rows, schema=LOCATED_COLUMNS, orient="row")
    con.register("located_suppliers", located)
    try:
        con.execute(
            "update suppliers set postcode = l.postcode,"
            " location_evidence = coalesce(l.location_evidence, 'unknown'),"
            " district_code = l.district_code, ward_code = l.ward_code, lsoa_code = l.lsoa_code,"
            " lat = l.lat, lon = l.lon, updated_at = current_timestamp"
            " from (select s.supplier_id, l.* exclude (supplier_id) from suppliers s"
            "       left join located_suppliers l using (supplier_id)) as l"
            " where suppliers.supplier_id = l.supplier_id"
        )
    finally:
        con.unregister("located_suppliers")
    counts = Counter(located["location_evidence"].to_list())
    total = db.scalar(con, "select count(*) from suppliers")
    if total > located.height:  # suppliers with no postcode from any source
        counts["unknown"] += total - located.height
    return dict(counts)
