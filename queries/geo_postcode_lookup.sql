-- Where full postcodes are, from the postcode directory (terminated ones too: they were real addresses).
-- One row per postcode found with a district. Params: $postcodes VARCHAR[] (normalised 'AB1 2CD')
select postcode, district_code, ward_code, lsoa_code, lat, lon
from postcodes
where postcode in (select unnest($postcodes)) and district_code is not null
