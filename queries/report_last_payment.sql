-- The date of the latest payment in an active file (null when none): a report's period stops there, as the
-- dashboard's does, so that neither counts a baseline day the current period has no data for.
-- Params: none
select max(p.paid_on) as last_paid_on
from payments as p
where p.file_id in (select f.file_id from source_files as f where f.status = 'active')
