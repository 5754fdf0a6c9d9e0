-- The imported districts among some codes (to validate a place); one row per known district.
-- Params: $codes VARCHAR[]
select district_code, name, is_fictional, geometry_wkb is not null as has_boundary
from districts
where district_code in (select unnest($codes))
order by district_code
