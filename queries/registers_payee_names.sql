-- Every name an organisation is known by (payee spellings, supplier-register entries, contracts), to match
-- against the national registers; one row per (supplier_id, raw_name), ordered.
-- Params: none
select supplier_id, raw_name
from supplier_aliases
where supplier_id is not null and not is_individual
union
select supplier_id, name from register_entries where supplier_id is not null
union
select supplier_id, supplier_raw from contracts where supplier_id is not null and supplier_raw is not null
order by supplier_id, raw_name
