-- Records not yet resolved to an organisation; one row per payee spelling, register entry or contract.
-- source is 'alias', 'register' or 'contract'; is_individual is what ingest already knew.
-- Params: none
select 'alias' as source, alias_id as row_id, raw_name, company_number, charity_number, is_individual
from supplier_aliases
where resolved_at is null
union all
select 'register', entry_id, name, company_number, charity_number, false
from register_entries
where supplier_id is null
union all
select 'contract', contract_id, supplier_raw, company_number, null, false
from contracts
where supplier_id is null and nullif(trim(supplier_raw), '') is not null
order by source, row_id
