-- Open uncertain matches for a person to confirm, one row per (spelling, candidate supplier), most likely first.
-- Params: none
select q.alias_id, al.raw_name as spelling, q.candidate_supplier_id, s.name as candidate, q.score, q.reason,
       al.supplier_id as current_supplier_id, cur.name as current_supplier
from review_queue as q
join supplier_aliases as al on al.alias_id = q.alias_id
join suppliers as s on s.supplier_id = q.candidate_supplier_id
left join suppliers as cur on cur.supplier_id = al.supplier_id
where q.status = 'open'
order by q.score desc
