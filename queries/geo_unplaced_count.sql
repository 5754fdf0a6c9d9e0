-- How many areas or outcodes one imported file brought that lie in no imported district; one row.
-- Params: $level VARCHAR ('wards', 'small_areas' or 'outcode_centroids'), $source VARCHAR (file name)
select count(*) as unplaced
from (
    select 'wards' as level, source from wards where district_code is null
    union all
    select 'small_areas' as level, source from small_areas where district_code is null
    union all
    select 'outcode_centroids' as level, source from outcode_centroids where district_code is null
) as unplaced_rows
where level = $level and source = $source
