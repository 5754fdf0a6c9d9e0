-- Every spelling of one supplier, one row per alias, with how it was matched and how much was paid under it.
-- Params: $supplier_id INTEGER
select al.alias_id, al.raw_name, al.company_number, al.charity_number, al.match_method, al.match_confidence,
       count(p.payment_id) as payments, coalesce(sum(p.amount_gbp), 0) as spend_gbp
from supplier_aliases as al
left join payments as p
    on p.alias_id = al.alias_id
    and p.file_id in (select f.file_id from source_files as f where f.status = 'active')
where al.supplier_id = $supplier_id
group by all
order by spend_gbp desc
