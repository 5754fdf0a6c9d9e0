-- Open review-queue pairs: a payee spelling and an organisation it might belong to; one row per pair.
-- Params: none
select q.alias_id,
       a.raw_name as spelling,
       a.supplier_id as now_supplier_id,
       q.candidate_supplier_id,
       s.name as candidate_name,
       round(q.score, 1) as score,
       q.reason
from review_queue as q
inner join supplier_aliases as a on a.alias_id = q.alias_id
inner join suppliers as s on s.supplier_id = q.candidate_supplier_id
where q.status = 'open' and a.supplier_id is distinct from q.candidate_supplier_id
order by q.score desc, q.alias_id
