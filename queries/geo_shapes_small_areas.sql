-- LSOA 2011 boundaries for maps with their IMD 2019 rank and decile; one row per small area with a polygon.
-- Params: $codes VARCHAR[] (LSOA codes, null: all), $within VARCHAR[] (district codes, null: all)
select s.lsoa_code as code, s.name, s.district_code, d.imd_rank, d.imd_decile, s.geometry_wkb
from small_areas as s
left join deprivation as d on s.lsoa_code = d.lsoa_code
where s.geometry_wkb is not null
    and ($codes is null or s.lsoa_code in (select unnest($codes)))
    and ($within is null or s.district_code in (select unnest($within)))
order by s.lsoa_code
