-- Local spend per LSOA of the supplier's full-postcode location, with the LSOA's IMD 2019 decile; one row per
-- LSOA (lsoa_code null: local suppliers not located to a small area).
-- Scope params: $date_from DATE, $date_to DATE, $anchor_ids INTEGER[] (null: all), $all_spend BOOLEAN,
-- $local_codes VARCHAR[], $regional_codes VARCHAR[] (regional includes local)
select
    s.lsoa_code,
    a.name as lsoa,
    dep.imd_decile,
    sum(sp.amount_gbp) as amount_gbp,
    count(distinct sp.supplier_id) as supplier_count
from metrics_scoped_totals($date_from, $date_to, $anchor_ids, $all_spend, $local_codes, $regional_codes) as sp
join suppliers as s on sp.supplier_id = s.supplier_id
left join small_areas as a on s.lsoa_code = a.lsoa_code
left join deprivation as dep on s.lsoa_code = dep.lsoa_code
where sp.tier = 'local'
group by s.lsoa_code, a.name, dep.imd_decile
order by amount_gbp desc
