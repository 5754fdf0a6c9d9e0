-- Register, contracts-register and national-register entries matched to one supplier: the evidence of where it
-- is and what it is, with how each national-register link was made.
-- Params: $supplier_id INTEGER
select 'register' as source, r.source_file, r.name, r.company_number, r.registered_postcode as postcode,
       array_to_string(r.branch_postcodes, ', ') as branch_postcodes, array_to_string(r.sic_codes, ', ') as sic_codes
from register_entries as r
where r.supplier_id = $supplier_id
union all
select 'contracts', c.source_file, c.supplier_raw, c.company_number, c.supplier_postcode, null, c.sic_division
from contracts as c
where c.supplier_id = $supplier_id
union all
select l.register || ' (' || l.method || ', ' || l.status || ')', l.evidence, e.name, e.entity_id, e.postcode, null,
       array_to_string(e.sic_codes, ', ')
from supplier_register_links as l
inner join register_entities as e on e.register = l.register and e.entity_id = l.entity_id
where l.supplier_id = $supplier_id and l.status <> 'rejected'
