-- Payroll and staff locality per anchor, one row per (anchor, financial year).
-- Params: none
select p.anchor_id, a.name as anchor, p.year_from, p.payroll_gbp, p.staff_local_share, p.staff_respend_rate, p.source
from anchor_payroll as p
join anchors as a on a.anchor_id = p.anchor_id
order by a.name, p.year_from
