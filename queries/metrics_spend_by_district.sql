-- In-scope spend per supplier district (local authority); one row per district with located spend, with its
-- tier and name (null name when the geography pack lacks it).
-- Scope params: $date_from DATE, $date_to DATE, $anchor_ids INTEGER[] (null: all), $all_spend BOOLEAN,
-- $local_codes VARCHAR[], $regional_codes VARCHAR[] (regional includes local)
select
    s.district_code,
    d.name as district,
    any_value(sp.tier) as tier,
    sum(sp.amount_gbp) as amount_gbp,
    count(distinct sp.supplier_id) as supplier_count
from metrics_scoped_totals($date_from, $date_to, $anchor_ids, $all_spend, $local_codes, $regional_codes) as sp
join suppliers as s on sp.supplier_id = s.supplier_id
left join districts as d on s.district_code = d.district_code
where s.district_code is not null
group by s.district_code, d.name
order by amount_gbp desc
