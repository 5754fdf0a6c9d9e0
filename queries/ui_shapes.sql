-- Boundaries to draw, one row per area: districts (all), or wards / LSOAs inside the given districts.
-- Params: $level VARCHAR ('district', 'ward' or 'lsoa'), $districts VARCHAR[]
select district_code as code, name, geometry_wkb from districts
where $level = 'district' and geometry_wkb is not null
union all
select ward_code, name, geometry_wkb from wards
where $level = 'ward' and list_contains($districts, district_code) and geometry_wkb is not null
union all
select sa.lsoa_code, coalesce(sa.name, sa.lsoa_code), sa.geometry_wkb from small_areas as sa
where $level = 'lsoa' and list_contains($districts, sa.district_code) and sa.geometry_wkb is not null
