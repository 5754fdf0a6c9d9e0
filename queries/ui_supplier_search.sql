-- Suppliers whose name or any spelling contains the search text, one row per supplier, most paid first.
-- Params: $q VARCHAR (case-insensitive substring; '' lists all), $limit INTEGER
with paid as (
    select al.supplier_id, sum(p.amount_gbp) as spend_gbp, count(*) as payments,
           count(distinct p.anchor_id) as anchors
    from payments as p
    join source_files as f on f.file_id = p.file_id and f.status = 'active'
    join supplier_aliases as al on al.alias_id = p.alias_id
    where al.supplier_id is not null
    group by al.supplier_id
)
select s.supplier_id, s.name, s.org_type, s.sic_division, s.sic_section, s.district_code, s.location_evidence,
       coalesce(paid.spend_gbp, 0) as spend_gbp, coalesce(paid.payments, 0) as payments,
       coalesce(paid.anchors, 0) as anchors
from suppliers as s
left join paid on paid.supplier_id = s.supplier_id
where $q = ''
    or s.name ilike '%' || $q || '%'
    or exists (select 1 from supplier_aliases as a where a.supplier_id = s.supplier_id and a.raw_name ilike '%' || $q || '%')
order by spend_gbp desc, s.name
limit $limit
