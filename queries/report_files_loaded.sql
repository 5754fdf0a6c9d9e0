-- Spend files loaded after a moment (the previous report), for the anchors in scope; one row per active file.
-- Params: $since TIMESTAMP, $anchors VARCHAR[] (anchor names; empty means every anchor)
select
    a.name as anchor,
    f.name as file_name,
    f.loaded_at,
    f.period_from,
    f.period_to,
    f.rows_loaded,
    f.rows_rejected
from source_files as f
inner join anchors as a on f.anchor_id = a.anchor_id
where
    f.status = 'active'
    and f.loaded_at > $since
    and (len($anchors::varchar []) = 0 or list_contains($anchors::varchar [], a.name))
order by f.loaded_at, a.name, f.name
