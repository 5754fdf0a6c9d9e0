-- IMD 2019 for the small areas of the given districts, one row per LSOA (with its ward where postcodes say).
-- Params: $districts VARCHAR[]
select sa.lsoa_code, sa.name, d.imd_decile, d.imd_rank
from small_areas as sa
join deprivation as d on d.lsoa_code = sa.lsoa_code
where list_contains($districts, sa.district_code)
