-- Every name already attached to an organisation, so new spellings can meet old ones; one row per
-- (supplier_id, raw_name, company_number, charity_number) from payee spellings, register entries and contracts.
-- Ordered, so that an index built from it is the same on every run.
-- Params: none
select supplier_id, raw_name, company_number, charity_number
from supplier_aliases
where supplier_id is not null
union
select supplier_id, name, coalesce(company_number, ''), coalesce(charity_number, '')
from register_entries
where supplier_id is not null
union
select supplier_id, supplier_raw, coalesce(company_number, ''), ''
from contracts
where supplier_id is not null and supplier_raw is not null
order by supplier_id, raw_name, company_number, charity_number
