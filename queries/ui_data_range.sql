-- The span of loaded payments, one row: first and last payment date in active files.
-- Params: none
select min(p.paid_on) as first_paid_on, max(p.paid_on) as last_paid_on
from payments as p
join source_files as f on f.file_id = p.file_id and f.status = 'active'
