-- Wards and small areas not yet given a district; one row per area with a polygon.
-- Params: none
select 'wards' as level, ward_code as code, geometry_wkb
from wards
where district_code is null and geometry_wkb is not null
union all
select 'small_areas' as level, lsoa_code as code, geometry_wkb
from small_areas
where district_code is null and geometry_wkb is not null
