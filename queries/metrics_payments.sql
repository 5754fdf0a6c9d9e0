-- The payments behind a number, given by row id (chosen by metrics_payments_largest on the same connection), largest
-- first, with their anchor, payee, supplier attributes and source. Individuals' names are shown only when
-- $show_individuals. Params: $row_ids BIGINT[], $show_individuals BOOLEAN, $all_spend BOOLEAN,
-- $local_codes VARCHAR[], $regional_codes VARCHAR[]
-- The chosen rows are read first, on their own (materialized): joined straight to the small tables, the planner
-- reads every payment's text columns before filtering. The payee as written is its alias's raw name (an alias is
-- one spelling), one text column fewer to read from the payments.
with picked as materialized (
    select
        payment_id, anchor_id, file_id, paid_on, amount_gbp, alias_id, expense_type, expense_area, description,
        transaction_ref, sheet, row_number, is_redacted
    from payments
    where rowid in (select unnest($row_ids))
)
select
    p.payment_id,
    an.name as anchor,
    p.paid_on,
    p.amount_gbp,
    case when p.is_redacted or pe.is_individual then
            case when $show_individuals then a.raw_name else 'Individual (name withheld)' end
        else coalesce(s.name, a.raw_name) end as payee,
    case when p.is_redacted or pe.is_individual then null else a.raw_name end as supplier_as_written,
    case when p.is_redacted then null else pe.supplier_id end as supplier_id,
    case when p.is_redacted then 'individual' else pe.org_type end as org_type,
    case when p.is_redacted then 'unknown' else pe.tier end as tier,
    case when p.is_redacted then null else pe.sic_division end as sic_division,
    p.expense_type,
    p.expense_area,
    p.description,
    p.transaction_ref,
    f.name as source_file,
    p.sheet,
    p.row_number
from picked as p
join metrics_payees($all_spend, $local_codes, $regional_codes) as pe on p.alias_id = pe.alias_id
join supplier_aliases as a on p.alias_id = a.alias_id
join anchors as an on p.anchor_id = an.anchor_id
left join suppliers as s on pe.supplier_id = s.supplier_id
left join source_files as f on p.file_id = f.file_id
order by abs(p.amount_gbp) desc, p.payment_id
