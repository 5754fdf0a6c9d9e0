-- The stored place: its name and every district of each tier; one row per (tier, district).
-- Params: none
select p.name, p.is_fictional, p.updated_at, d.tier, d.district_code
from place as p
inner join place_districts as d on true
order by d.tier, d.district_code
