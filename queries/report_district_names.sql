-- Names of the districts in a tier, for the cover; one row per code given that the store knows.
-- Params: $codes VARCHAR[] (GSS district codes)
select
    district_code,
    name
from districts
where list_contains($codes::varchar [], district_code)
order by name
