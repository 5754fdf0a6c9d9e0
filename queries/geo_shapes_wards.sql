-- Ward boundaries for maps; one row per ward with a polygon.
-- Params: $codes VARCHAR[] (ward codes, null: all), $within VARCHAR[] (district codes, null: all)
select ward_code as code, name, district_code, geometry_wkb
from wards
where geometry_wkb is not null
    and ($codes is null or ward_code in (select unnest($codes)))
    and ($within is null or district_code in (select unnest($within)))
order by ward_code
