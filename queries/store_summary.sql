-- What is loaded, one row per anchor: files, payments, rejected rows, period and total.
-- Params: none
select
    a.name as anchor,
    a.kind,
    count(distinct f.file_id) as files,
    coalesce(sum(f.rows_loaded), 0) as payments,
    coalesce(sum(f.rows_rejected), 0) as rejected_rows,
    min(f.period_from) as first_payment,
    max(f.period_to) as last_payment,
    coalesce(sum(f.amount_total), 0) as amount_gbp
from anchors as a
left join source_files as f on f.anchor_id = a.anchor_id and f.status = 'active'
group by a.name, a.kind
order by amount_gbp desc
