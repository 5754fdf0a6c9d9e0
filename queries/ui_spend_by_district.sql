-- Spend by the supplier's district, one row per district with located spend, for the period and anchors.
-- Params: $date_from DATE, $date_to DATE, $anchors VARCHAR[] (empty: all)
select s.district_code, coalesce(d.name, s.district_code) as name, sum(p.amount_gbp) as spend_gbp,
       count(distinct s.supplier_id) as suppliers
from payments as p
join source_files as f on f.file_id = p.file_id and f.status = 'active'
join anchors as a on a.anchor_id = p.anchor_id
join supplier_aliases as al on al.alias_id = p.alias_id
join suppliers as s on s.supplier_id = al.supplier_id
left join districts as d on d.district_code = s.district_code
where p.paid_on between $date_from and $date_to
    and (len($anchors) = 0 or list_contains($anchors, a.name))
    and s.district_code is not null
group by all
