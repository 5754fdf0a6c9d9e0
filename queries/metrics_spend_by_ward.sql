-- Local spend per ward of the supplier's location; one row per ward (ward_code null: local suppliers not located
-- to a ward).
-- Scope params: $date_from DATE, $date_to DATE, $anchor_ids INTEGER[] (null: all), $all_spend BOOLEAN,
-- $local_codes VARCHAR[], $regional_codes VARCHAR[] (regional includes local)
select
    s.ward_code,
    w.name as ward,
    s.district_code,
    sum(sp.amount_gbp) as amount_gbp,
    count(distinct sp.supplier_id) as supplier_count
from metrics_scoped_totals($date_from, $date_to, $anchor_ids, $all_spend, $local_codes, $regional_codes) as sp
join suppliers as s on sp.supplier_id = s.supplier_id
left join wards as w on s.ward_code = w.ward_code
where sp.tier = 'local'
group by s.ward_code, w.name, s.district_code
order by amount_gbp desc
