-- Imported district boundaries for point-in-polygon; one row per district with a polygon.
-- Params: none
select district_code, geometry_wkb
from districts
where geometry_wkb is not null
order by district_code
