-- The payments behind a number: one row per in-scope payment matching the drill-down filters, largest first.
-- Filters (null: any): $supplier_ids INTEGER[], $sic_division VARCHAR ('' = no sector), $tiers VARCHAR[],
-- $org_types VARCHAR[]. Individuals' names are shown only when $show_individuals.
-- Scope params: $date_from DATE, $date_to DATE, $anchor_ids INTEGER[] (null: all), $all_spend BOOLEAN,
-- $local_codes VARCHAR[], $regional_codes VARCHAR[]; $limit INTEGER
with payees as (
    select
        pe.*,
        s.name as supplier
    from metrics_payees($all_spend, $local_codes, $regional_codes) as pe
    left join suppliers as s on pe.supplier_id = s.supplier_id
)
select
    p.payment_id,
    an.name as anchor,
    p.paid_on,
    p.amount_gbp,
    case when p.is_redacted or pe.is_individual then
            case when $show_individuals then p.supplier_raw else 'Individual (name withheld)' end
        else coalesce(pe.supplier, p.supplier_raw) end as payee,
    case when p.is_redacted or pe.is_individual then null else p.supplier_raw end as supplier_as_written,
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
from payments as p
join payees as pe on p.alias_id = pe.alias_id
join anchors as an on p.anchor_id = an.anchor_id
left join source_files as f on p.file_id = f.file_id
where p.paid_on between $date_from and $date_to
    and coalesce(f.status, 'active') = 'active'
    and ($anchor_ids is null or list_contains($anchor_ids, p.anchor_id))
    and ($all_spend or p.payment_id not in (select e.payment_id from metrics_excluded_payments as e))
    and (p.is_redacted or not pe.is_excluded)
    and ($supplier_ids is null or (not p.is_redacted and list_contains($supplier_ids, pe.supplier_id)))
    and ($sic_division is null or coalesce(case when p.is_redacted then null else pe.sic_division end, '') = $sic_division)
    and ($tiers is null or list_contains($tiers, case when p.is_redacted then 'unknown' else pe.tier end))
    and ($org_types is null or list_contains($org_types, case when p.is_redacted then 'individual' else pe.org_type end))
order by abs(p.amount_gbp) desc, p.payment_id
limit $limit
