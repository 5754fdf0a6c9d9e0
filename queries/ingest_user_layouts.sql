-- Layouts whose column mapping a person gave, reused for files with the same header; and the day/month order
-- any layout's dates were read in, used when a later file's dates read the same either way. One row per layout:
-- mapping_json is the person's field -> column mapping (empty for a proposed one) plus "date_order" when known.
-- Params: none
select
    fingerprint,
    cast(json_merge_patch(
        case when mapped_by = 'user' then mapping_json else '{}' end,
        case when date_order is null then '{}' else json_object('date_order', date_order) end
    ) as varchar) as mapping_json
from layouts
where mapped_by = 'user' or date_order is not null
