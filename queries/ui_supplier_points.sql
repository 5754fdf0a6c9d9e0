-- Located suppliers paid in the period, one row per supplier: where it is, its sector, type and spend.
-- Params: $date_from DATE, $date_to DATE, $anchors VARCHAR[] (empty: all)
select s.supplier_id, s.name, s.lat, s.lon, s.district_code, coalesce(s.sic_section, 'unknown') as sector,
       s.sic_division, s.org_type, sum(p.amount_gbp) as spend_gbp, count(distinct a.name) as anchors
from payments as p
join source_files as f on f.file_id = p.file_id and f.status = 'active'
join anchors as a on a.anchor_id = p.anchor_id
join supplier_aliases as al on al.alias_id = p.alias_id
join suppliers as s on s.supplier_id = al.supplier_id
where p.paid_on between $date_from and $date_to
    and (len($anchors) = 0 or list_contains($anchors, a.name))
    and s.lat is not null and s.lon is not null
group by all
having sum(p.amount_gbp) > 0
order by spend_gbp desc
