-- The organisation export: one row per supplier with its spellings, anchors, spend, location, sector and type.
-- Params: none
with spend as (
    select a.supplier_id,
           sum(p.amount_gbp) as spend_gbp,
           count(p.payment_id) as payment_count,
           list(distinct an.name order by an.name) as anchors
    from payments as p
    inner join supplier_aliases as a on a.alias_id = p.alias_id
    inner join anchors as an on an.anchor_id = p.anchor_id
    inner join source_files as f on f.file_id = p.file_id and f.status = 'active'
    where a.supplier_id is not null
    group by a.supplier_id
),

spellings as (
    select supplier_id, list(distinct raw_name order by raw_name) as aliases
    from supplier_aliases
    where supplier_id is not null
    group by supplier_id
),

-- The national register entities each organisation is linked to, with how and how sure (the evidence).
registered as (
    select supplier_id,
           list({'register': register, 'id': entity_id, 'method': method, 'score': score, 'evidence': evidence,
                 'status': status} order by status, register, entity_id) as registers
    from supplier_register_links
    where status <> 'rejected'
    group by supplier_id
)

select s.supplier_id as id,
       s.name,
       coalesce(sp.aliases, []) as aliases,
       coalesce(sd.anchors, []) as anchors,
       coalesce(sd.spend_gbp, 0) as spend,
       coalesce(sd.payment_count, 0) as payment_count,
       s.location_evidence,
       s.postcode,
       s.district_code as district,
       s.sic_division as sector,
       s.sic_section as sector_section,
       s.sector_source,
       s.org_type as type,
       s.org_type_rule as type_rule,
       s.company_number,
       s.charity_number,
       s.is_sme,
       s.employees,
       coalesce(rg.registers, []) as registers
from suppliers as s
left join spend as sd on sd.supplier_id = s.supplier_id
left join spellings as sp on sp.supplier_id = s.supplier_id
left join registered as rg on rg.supplier_id = s.supplier_id
order by spend desc, s.supplier_id
