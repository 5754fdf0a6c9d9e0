-- District boundaries for maps; one row per district with a polygon.
-- Params: $codes VARCHAR[] (null: every district), $within VARCHAR[] (unused for districts; null)
select district_code as code, name, district_code, centroid_lat, centroid_lon, geometry_wkb
from districts
where geometry_wkb is not null
    and ($codes is null or district_code in (select unnest($codes)))
    and ($within is null or district_code in (select unnest($within)))
order by district_code
