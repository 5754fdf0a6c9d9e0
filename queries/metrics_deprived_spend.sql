-- Local spend by the IMD 2019 decile of the supplier's LSOA (null: not located to a small area by full
-- postcode, or no decile); one row per decile.
-- Scope params: $date_from DATE, $date_to DATE, $anchor_ids INTEGER[] (null: all), $all_spend BOOLEAN,
-- $local_codes VARCHAR[], $regional_codes VARCHAR[] (regional includes local)
select
    d.imd_decile,
    sum(sp.amount_gbp) as local_gbp,
    count(distinct sp.supplier_id) as supplier_count
from metrics_scoped_totals($date_from, $date_to, $anchor_ids, $all_spend, $local_codes, $regional_codes) as sp
join suppliers as s on sp.supplier_id = s.supplier_id
left join deprivation as d on s.lsoa_code = d.lsoa_code
where sp.tier = 'local'
group by d.imd_decile
order by d.imd_decile
