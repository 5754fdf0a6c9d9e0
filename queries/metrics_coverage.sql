-- What is loaded: one row per (anchor, month) of the period for every chosen anchor, with the active files that
-- cover that month and the payments dated in it (all spend, whether influenceable or not). is_missing when the
-- month has neither a file nor a payment.
-- Params: $date_from DATE, $date_to DATE, $anchor_ids INTEGER[] (null: all)
with
months as (
    select unnest(generate_series(date_trunc('month', $date_from::date), date_trunc('month', $date_to::date),
        interval 1 month))::date as month
),
chosen as (
    select anchor_id, name from anchors where $anchor_ids is null or list_contains($anchor_ids, anchor_id)
),
files as (
    select c.anchor_id, m.month, count(*) as file_count, list(f.name order by f.name) as files
    from source_files as f
    join chosen as c on f.anchor_id = c.anchor_id
    join months as m
        on f.period_from <= last_day(m.month) and f.period_to >= m.month
    where f.status = 'active'
    group by all
),
paid as (
    select am.anchor_id, am.month, sum(am.payment_count)::bigint as payment_count, sum(am.amount_gbp) as amount_gbp
    from metrics_spend_months as am
    where am.month between date_trunc('month', $date_from::date) and $date_to
        and ($anchor_ids is null or list_contains($anchor_ids, am.anchor_id))
    group by all
)
select
    c.anchor_id,
    c.name as anchor,
    m.month,
    coalesce(f.file_count, 0) as file_count,
    f.files,
    coalesce(p.payment_count, 0) as payment_count,
    coalesce(p.amount_gbp, 0) as amount_gbp,
    f.file_count is null and p.payment_count is null as is_missing
from chosen as c
cross join months as m
left join files as f on c.anchor_id = f.anchor_id and m.month = f.month
left join paid as p on c.anchor_id = p.anchor_id and m.month = p.month
order by c.name, m.month
