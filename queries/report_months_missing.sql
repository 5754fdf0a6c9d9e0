-- Months of a period for which an anchor in scope has no payments loaded; one row per (anchor, month).
-- Params: $date_from DATE, $date_to DATE, $anchors VARCHAR[] (anchor names; empty means every anchor)
with months as (
    select unnest(generate_series(
        date_trunc('month', $date_from::date), date_trunc('month', $date_to::date), interval 1 month
    ))::date as month
),

scope_anchors as (
    select anchor_id, name
    from anchors
    where len($anchors::varchar []) = 0 or list_contains($anchors::varchar [], name)
),

loaded as (
    select distinct
        p.anchor_id,
        date_trunc('month', p.paid_on)::date as month
    from payments as p
    inner join source_files as f on p.file_id = f.file_id
    where f.status = 'active' and p.paid_on between $date_from::date and $date_to::date
)

select
    a.name as anchor,
    m.month
from scope_anchors as a
cross join months as m
left join loaded as l on a.anchor_id = l.anchor_id and m.month = l.month
where l.month is null
order by a.name, m.month
