-- How current each anchor in scope is: one row per anchor, with its latest payment and rejected rows.
-- Params: $anchors VARCHAR[] (anchor names; empty means every anchor)
with files as (
    select
        anchor_id,
        count(*) as files_active,
        max(loaded_at) as last_loaded_at,
        max(period_to) as latest_paid_on,
        sum(rows_loaded) as rows_loaded,
        sum(rows_rejected) as rows_rejected
    from source_files
    where status = 'active'
    group by anchor_id
)

select
    a.name as anchor,
    a.kind,
    coalesce(f.files_active, 0) as files_active,
    f.last_loaded_at,
    f.latest_paid_on,
    coalesce(f.rows_loaded, 0) as rows_loaded,
    coalesce(f.rows_rejected, 0) as rows_rejected
from anchors as a
left join files as f on a.anchor_id = f.anchor_id
where len($anchors::varchar []) = 0 or list_contains($anchors::varchar [], a.name)
order by a.name
