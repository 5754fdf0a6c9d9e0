-- In-scope spend per anchor, split by where the payee is; one row per anchor with spend in scope.
-- tier: local (in the local tier), regional (in the regional tier, outside the local), outside, unknown
-- (no location, incl. individuals). regional_gbp includes local_gbp.
-- Scope params: $date_from DATE, $date_to DATE, $anchor_ids INTEGER[] (null: all), $all_spend BOOLEAN,
-- $local_codes VARCHAR[], $regional_codes VARCHAR[] (regional includes local)
select
    sp.anchor_id,
    an.name as anchor,
    sum(sp.amount_gbp) as total_gbp,
    coalesce(sum(sp.amount_gbp) filter (where sp.tier = 'local'), 0) as local_gbp,
    coalesce(sum(sp.amount_gbp) filter (where sp.tier in ('local', 'regional')), 0) as regional_gbp,
    coalesce(sum(sp.amount_gbp) filter (where sp.tier = 'outside'), 0) as outside_gbp,
    coalesce(sum(sp.amount_gbp) filter (where sp.tier = 'unknown'), 0) as unknown_gbp,
    coalesce(sum(sp.amount_gbp) filter (where sp.is_individual), 0) as individual_gbp,
    sum(sp.payment_count)::bigint as payment_count
from metrics_scoped_totals($date_from, $date_to, $anchor_ids, $all_spend, $local_codes, $regional_codes) as sp
join anchors as an on sp.anchor_id = an.anchor_id
group by all
order by an.name
