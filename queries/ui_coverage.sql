-- What is loaded, one row per (anchor, month) with payments: count and net £ in active files.
-- Params: $date_from DATE, $date_to DATE
select
    a.name as anchor,
    cast(date_trunc('month', p.paid_on) as date) as month,
    count(*) as payments,
    sum(p.amount_gbp) as amount_gbp
from payments as p
join source_files as f on f.file_id = p.file_id and f.status = 'active'
join anchors as a on a.anchor_id = p.anchor_id
where p.paid_on between $date_from and $date_to
group by all
order by anchor, month
