-- The payments behind a number, one row per payment in the period, for the chosen anchors, supplier and sector.
-- Params: $date_from DATE, $date_to DATE, $anchors VARCHAR[] (empty: all), $supplier_id INTEGER (null: any),
--         $sic_division VARCHAR (null: any), $limit INTEGER
select
    p.paid_on,
    a.name as anchor,
    coalesce(s.name, p.supplier_raw) as supplier,
    p.supplier_raw as supplier_as_written,
    p.amount_gbp,
    p.expense_type,
    p.expense_area,
    p.description,
    p.transaction_ref,
    s.sic_division,
    s.district_code,
    f.name as source_file,
    p.row_number,
    (p.is_redacted or al.is_individual) as is_individual
from payments as p
join source_files as f on f.file_id = p.file_id and f.status = 'active'
join anchors as a on a.anchor_id = p.anchor_id
join supplier_aliases as al on al.alias_id = p.alias_id
left join suppliers as s on s.supplier_id = al.supplier_id
where p.paid_on between $date_from and $date_to
    and (len($anchors) = 0 or list_contains($anchors, a.name))
    and ($supplier_id is null or s.supplier_id = $supplier_id)
    and ($sic_division is null or s.sic_division = $sic_division)
order by p.amount_gbp desc
limit $limit
