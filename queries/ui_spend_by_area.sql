-- Spend with suppliers in each ward and LSOA of the given districts, one row per (level, code) with spend.
-- Params: $date_from DATE, $date_to DATE, $anchors VARCHAR[] (empty: all), $districts VARCHAR[]
select 'ward' as level, s.ward_code as code, sum(p.amount_gbp) as spend_gbp, count(distinct s.supplier_id) as suppliers
from payments as p
join source_files as f on f.file_id = p.file_id and f.status = 'active'
join anchors as a on a.anchor_id = p.anchor_id
join supplier_aliases as al on al.alias_id = p.alias_id
join suppliers as s on s.supplier_id = al.supplier_id
where p.paid_on between $date_from and $date_to
    and (len($anchors) = 0 or list_contains($anchors, a.name))
    and list_contains($districts, s.district_code) and s.ward_code is not null
group by all
union all
select 'lsoa', s.lsoa_code, sum(p.amount_gbp), count(distinct s.supplier_id)
from payments as p
join source_files as f on f.file_id = p.file_id and f.status = 'active'
join anchors as a on a.anchor_id = p.anchor_id
join supplier_aliases as al on al.alias_id = p.alias_id
join suppliers as s on s.supplier_id = al.supplier_id
where p.paid_on between $date_from and $date_to
    and (len($anchors) = 0 or list_contains($anchors, a.name))
    and list_contains($districts, s.district_code) and s.lsoa_code is not null
group by all
