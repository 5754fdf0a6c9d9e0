-- Register matches waiting for a person: an organisation and a register entity it may be; one row per pair.
-- Params: none
select
    l.supplier_id,
    s.name as supplier_name,
    l.register,
    l.entity_id,
    e.name as entity_name,
    e.postcode as entity_postcode,
    round(l.score, 3) as score,
    l.method,
    l.evidence
from supplier_register_links as l
inner join suppliers as s on s.supplier_id = l.supplier_id
inner join register_entities as e on e.register = l.register and e.entity_id = l.entity_id
where l.status = 'review'
order by l.score desc, l.supplier_id, l.register, l.entity_id
