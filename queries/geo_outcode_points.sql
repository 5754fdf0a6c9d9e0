-- Postcode-district centroids to place in a district; one row per outward code.
-- Params: $everything BOOLEAN (true: all of them; false: only those without a district)
select outcode, lat, lon
from outcode_centroids
where $everything or district_code is null
