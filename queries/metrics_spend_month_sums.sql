-- Spend summed per (anchor, month, supplier, individual or not, first excluding text rule): the summary every
-- metric reads. Individuals (redacted payment or individual payee) have no supplier. Payments of removed or
-- replaced files and payments without a date are left out.
-- Params: none
with excluded as (
    select payment_id, min(rule_id) as rule_id from metrics_excluded_payments group by payment_id
)
select
    p.anchor_id,
    date_trunc('month', p.paid_on)::date as month,
    case when p.is_redacted or a.is_individual then null else a.supplier_id end as supplier_id,
    p.is_redacted or a.is_individual as is_individual,
    e.rule_id as excluded_rule_id,
    sum(p.amount_gbp) as amount_gbp,
    count(*)::integer as payment_count
from payments as p
join supplier_aliases as a on p.alias_id = a.alias_id
left join excluded as e on p.payment_id = e.payment_id
where
    p.paid_on is not null
    and p.file_id in (select f.file_id from source_files as f where f.status = 'active')
group by all
order by month, p.anchor_id
