-- Every postcode that could locate a supplier, best evidence first (a postcode set by hand, then the CLES
-- "based or branched" rule: a register's branch/delivery postcode, then its registered office, then a
-- contracts register, then the national registers).
-- One row per supplier x evidence x postcode as written. Params: none
with candidates as (
    select supplier_id, 'manual' as evidence, 0 as evidence_rank, 0 as source_order, value as postcode_raw
    from supplier_overrides
    where field = 'postcode' and supplier_id is not null
    union all
    select supplier_id, 'register_branch' as evidence, 1 as evidence_rank, entry_id as source_order,
        unnest(branch_postcodes) as postcode_raw
    from register_entries
    where supplier_id is not null and branch_postcodes is not null
    union all
    select supplier_id, 'registered_office' as evidence, 2 as evidence_rank, entry_id as source_order,
        registered_postcode as postcode_raw
    from register_entries
    where supplier_id is not null and registered_postcode is not null
    union all
    select supplier_id, 'contracts_register' as evidence, 3 as evidence_rank, contract_id as source_order,
        supplier_postcode as postcode_raw
    from contracts
    where supplier_id is not null and supplier_postcode is not null
    union all
    -- The national registers, for an organisation linked to one: a public body's site, a charity's address,
    -- then a company's registered office (often a head office far from where the work is done).
    select l.supplier_id,
        case l.register when 'companies_house' then 'registered_office' when 'charities' then 'charity_address'
            else 'public_site' end as evidence,
        case l.register when 'companies_house' then 6 when 'charities' then 5 else 4 end as evidence_rank,
        0 as source_order,
        e.postcode as postcode_raw
    from supplier_register_links as l
    inner join register_entities as e on e.register = l.register and e.entity_id = l.entity_id
    where l.status = 'accepted' and e.postcode is not null
)
select c.supplier_id, c.evidence, c.evidence_rank, c.postcode_raw
from candidates as c
inner join suppliers as s on c.supplier_id = s.supplier_id
where trim(c.postcode_raw) <> ''
order by c.supplier_id, c.evidence_rank, c.source_order
