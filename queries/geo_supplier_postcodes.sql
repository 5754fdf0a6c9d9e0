-- Every postcode that could locate a supplier, best evidence first (a postcode set by hand, then the CLES
-- "based or branched" rule: a register's branch/delivery postcode, then its registered office, then a
-- contracts register).
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
)
select c.supplier_id, c.evidence, c.evidence_rank, c.postcode_raw
from candidates as c
inner join suppliers as s on c.supplier_id = s.supplier_id
where trim(c.postcode_raw) <> ''
order by c.supplier_id, c.evidence_rank, c.source_order
