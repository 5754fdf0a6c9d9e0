-- Districts the user can put in a tier, one row per local-authority district.
-- Params: none
select district_code, name
from districts
order by name
