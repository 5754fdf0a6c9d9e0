-- In-scope spend per organisation type (public, vcse, sme, large, unknown, individual); one row per type.
-- Scope params: $date_from DATE, $date_to DATE, $anchor_ids INTEGER[] (null: all), $all_spend BOOLEAN,
-- $local_codes VARCHAR[], $regional_codes VARCHAR[] (regional includes local)
select
    sp.org_type,
    sum(sp.amount_gbp) as amount_gbp,
    count(distinct sp.supplier_id) as supplier_count
from metrics_scoped_totals($date_from, $date_to, $anchor_ids, $all_spend, $local_codes, $regional_codes) as sp
group by sp.org_type
order by sp.org_type
