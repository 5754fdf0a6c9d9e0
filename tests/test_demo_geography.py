"""The demo geography: valid, nested, non-overlapping boundaries; codes and postcodes that cannot be real."""

from __future__ import annotations

import csv
import math
import re
from pathlib import Path

import pytest
import shapely
from shapely.geometry import box

from anchorspend.demo import geography


@pytest.fixture(scope="module")
def geo() -> geography.Geography:
    return geography.generate(11)


def test_five_region_districts_tile_the_region_box_without_overlap(geo: geography.Geography) -> None:
    region = [d for d in geo.districts if d.in_region]
    assert len(region) == 5
    assert all(d.geometry.is_valid and d.geometry.geom_type == "Polygon" for d in geo.districts)
    union = shapely.union_all([d.geometry for d in region])
    box_area = box(*geography.REGION_BOX).area
    assert math.isclose(union.area, box_area, rel_tol=1e-9)
    assert math.isclose(sum(d.geometry.area for d in region), box_area, rel_tol=1e-9)  # no overlaps


def test_about_forty_wards_each_inside_its_district_and_small_areas_inside_their_ward(
    geo: geography.Geography,
) -> None:
    assert len(geo.wards) == 40
    districts = {d.code: d.geometry for d in geo.districts}
    wards = {w.code: w.geometry for w in geo.wards}
    for ward in geo.wards:
        assert ward.geometry.is_valid
        assert ward.geometry.within(districts[ward.district_code].buffer(1e-9)), ward.name
    local_wards = [w for w in geo.wards if w.district_code == geo.local.code]
    assert 8 <= len(local_wards) <= 14
    for area in geo.small_areas:
        assert area.geometry.is_valid and area.geometry.geom_type == "Polygon"
        assert area.geometry.within(wards[area.ward_code].buffer(1e-9)), area.name
    assert sum(a.geometry.area for a in geo.small_areas) == pytest.approx(
        sum(w.geometry.area for w in geo.wards), rel=1e-9
    )


def test_codes_have_gss_shape_but_a_range_ons_never_issued(geo: geography.Geography) -> None:
    assert all(re.fullmatch(r"E06999\d{3}", d.code) for d in geo.districts)
    assert all(re.fullmatch(r"E05999\d{3}", w.code) for w in geo.wards)
    assert all(re.fullmatch(r"E01999\d{3}", a.code) for a in geo.small_areas)


def test_no_code_or_postcode_area_clashes_with_the_real_ones(
    geo: geography.Geography, reference: Path
) -> None:
    with (reference / "lookups" / "LAD_Dec2023_UK_BFC_centroids_attributes.csv").open(
        encoding="utf-8-sig"
    ) as f:
        real_lads = {row["LAD23CD"] for row in csv.DictReader(f)}
    with (reference / "deprivation" / "IMD2019_File_1_Index_of_Multiple_Deprivation_LSOA.csv").open(
        encoding="utf-8-sig"
    ) as f:
        real_lsoas = {row["LSOA code (2011)"] for row in csv.DictReader(f)}
    with (reference / "lookups" / "uk_outcode_centroids_academe.csv").open(encoding="utf-8") as f:
        real_areas = {re.match(r"[A-Z]+", row["postcode"]).group() for row in csv.DictReader(f)}
    assert not {d.code for d in geo.districts} & real_lads
    assert not {a.code for a in geo.small_areas} & real_lsoas
    ours = {re.match(r"[A-Z]+", p).group() for p in geo.postcodes}
    assert ours == {"ZX", "ZY"} and not ours & real_areas


def test_postcodes_lie_in_their_small_area_and_deciles_follow_ranks(geo: geography.Geography) -> None:
    areas = {a.code: a for a in geo.small_areas}
    region = [p for p in geo.postcodes.values() if p.lsoa_code]
    assert len(region) > 1000
    for pc in region[:300]:
        assert areas[pc.lsoa_code].geometry.contains(shapely.Point(pc.lon, pc.lat))
        assert re.fullmatch(r"ZX\d{1,2} \d[A-Z]{2}", pc.postcode)
    for area in geo.small_areas:
        assert area.imd_decile == math.ceil(area.imd_rank / 3284.4)
    local = [a.imd_decile for a in geo.small_areas if a.district_code == geo.local.code]
    assert any(d <= 2 for d in local) and any(d >= 8 for d in local)  # deprived and affluent areas both


def test_same_seed_same_geography_other_seed_other_geography() -> None:
    one, again, other = geography.generate(5), geography.generate(5), geography.generate(6)
    assert list(one.postcodes) == list(again.postcodes)
    assert [w.geometry.wkt for w in one.wards] == [w.geometry.wkt for w in again.wards]
    assert [w.geometry.wkt for w in one.wards] != [w.geometry.wkt for w in other.wards]
