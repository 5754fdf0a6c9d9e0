-- In-scope spend per month and anchor by where the payees are; one row per (month, anchor) with spend.
-- regional_gbp includes local_gbp.
-- Scope params: $date_from DATE, $date_to DATE, $anchor_ids INTEGER[] (null: all), $all_spend BOOLEAN,
-- $local_codes VARCHAR[], $regional_codes VARCHAR[] (regional includes local)
select
    sp.month,
    sp.anchor_id,
    an.name as anchor,
    sum(sp.amount_gbp) as total_gbp,
    coalesce(sum(sp.amount_gbp) filter (where sp.tier = 'local'), 0) as local_gbp,
    coalesce(sum(sp.amount_gbp) filter (where sp.tier in ('local', 'regional')), 0) as regional_gbp,
    coalesce(sum(sp.amount_gbp) filter (where sp.tier = 'unknown'), 0) as unknown_gbp,
    sum(sp.payment_count)::bigint as payment_count
from metrics_scoped_spend($date_from, $date_to, $anchor_ids, $all_spend, $local_codes, $regional_codes) as sp
join anchors as an on sp.anchor_id = an.anchor_id
group by all
order by sp.month, an.name
