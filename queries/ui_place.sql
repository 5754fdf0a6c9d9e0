-- The stored place, one row per (tier, district), with the place's name.
-- Params: none
select p.name as place_name, p.is_fictional, d.tier, d.district_code
from place as p
cross join place_districts as d
order by d.tier, d.district_code
