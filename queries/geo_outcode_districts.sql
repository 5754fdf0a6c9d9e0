-- Postcode districts (outward codes) placed in an imported district by their centroid; one row per outcode.
-- Params: none
select outcode, district_code, lat, lon
from outcode_centroids
where district_code is not null
