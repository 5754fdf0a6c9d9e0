-- Every record with a supplier name, resolved or not, so that all are resolved together in one order: payee
-- spellings (those already found to be people left out), register entries and contracts, each with the
-- organisation it has now and whether it is new since the last resolution (a spelling given an organisation
-- some other way, never resolved, is not new).
-- Params: none
select
    'alias' as source,
    alias_id as row_id,
    raw_name,
    company_number,
    charity_number,
    is_individual,
    supplier_id,
    resolved_at is null and supplier_id is null as is_new
from supplier_aliases
where resolved_at is null or not is_individual
union all
select 'register', entry_id, name, company_number, charity_number, false, supplier_id, supplier_id is null
from register_entries
union all
select 'contract', contract_id, supplier_raw, company_number, null, false, supplier_id, supplier_id is null
from contracts
where nullif(trim(supplier_raw), '') is not null
order by source, row_id
