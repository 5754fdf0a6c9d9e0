-- Each anchor with the store version of the last write that changed what its numbers read (db.transaction keeps
-- them in store_meta as 'anchor:<id>'; 0 when none has since the store began keeping them).
-- Params: none
select
    a.name,
    a.anchor_id,
    coalesce(try_cast(m.value as bigint), 0) as version
from anchors as a
left join store_meta as m on m.key = 'anchor:' || a.anchor_id
order by a.name
