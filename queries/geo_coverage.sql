-- What the geography pack holds, for the Data page and the report's quality notes; one row per table.
-- Params: none
select 'districts' as what, count(*) as row_count, count(geometry_wkb) as with_polygon from districts
union all
select 'wards' as what, count(*) as row_count, count(geometry_wkb) as with_polygon from wards
union all
select 'small_areas' as what, count(*) as row_count, count(geometry_wkb) as with_polygon from small_areas
union all
select 'postcodes' as what, count(*) as row_count, null as with_polygon from postcodes
union all
select 'outcode_centroids' as what, count(*) as row_count, null as with_polygon from outcode_centroids
union all
select 'deprivation' as what, count(*) as row_count, null as with_polygon from deprivation
