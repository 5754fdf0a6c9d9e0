-- The $candidates largest in-scope payments matching the drill-down filters, by size then id (their row ids, for
-- metrics_payments to read only those rows' text columns), each with whether an
-- influenceable text rule excludes it (checked for these rows only: anti-joining ten million payments against the
-- excluded list is most of the cost, so the caller asks for more candidates until enough are not excluded).
-- Filters (null: any): $supplier_ids INTEGER[], $sic_division VARCHAR ('' = no sector), $tiers VARCHAR[],
-- $org_types VARCHAR[]. Scope params: $date_from DATE, $date_to DATE, $anchor_ids INTEGER[] (null: all),
-- $all_spend BOOLEAN, $local_codes VARCHAR[], $regional_codes VARCHAR[]; $candidates INTEGER
with payees as (
    select alias_id, supplier_id, org_type, tier, sic_division, is_excluded
    from metrics_payees($all_spend, $local_codes, $regional_codes)
),
candidates as (
    select p.rowid as row_id, p.payment_id, abs(p.amount_gbp) as size
    from payments as p
    join payees as pe on p.alias_id = pe.alias_id
    where p.paid_on between $date_from and $date_to
        and p.file_id in (select f.file_id from source_files as f where f.status = 'active')
        and ($anchor_ids is null or list_contains($anchor_ids, p.anchor_id))
        and (p.is_redacted or not pe.is_excluded)
        and ($supplier_ids is null or (not p.is_redacted and list_contains($supplier_ids, pe.supplier_id)))
        and ($sic_division is null
            or coalesce(case when p.is_redacted then null else pe.sic_division end, '') = $sic_division)
        and ($tiers is null or list_contains($tiers, case when p.is_redacted then 'unknown' else pe.tier end))
        and ($org_types is null
            or list_contains($org_types, case when p.is_redacted then 'individual' else pe.org_type end))
    order by size desc, p.payment_id
    limit $candidates
)
select
    c.row_id,
    not $all_spend and c.payment_id in (select e.payment_id from metrics_excluded_payments as e) as is_excluded
from candidates as c
order by c.size desc, c.payment_id
