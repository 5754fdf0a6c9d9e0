-- Incoming rows (the registered relation `incoming`) that repeat a payment already loaded from an active file
-- of the same anchor: same date, amount, supplier text and reference. One row per repeated incoming row, with
-- the stored file and row it repeats. The k-th copy of a key in the incoming file pairs with the k-th stored
-- copy, so a file's own genuine repeats still load, and only as many copies as are already stored are rejected.
-- The file being replaced, if any, does not count (its rows stop counting in the same commit as the new ones start).
-- Params: $anchor_id INTEGER, $replacing INTEGER (null when none)
with incoming_keyed as (
    select
        sheet,
        row_number,
        paid_on,
        amount_gbp,
        supplier_raw,
        coalesce(transaction_ref, '') as ref,
        row_number() over (
            partition by paid_on, amount_gbp, supplier_raw, coalesce(transaction_ref, '')
            order by sheet, row_number
        ) as occurrence
    from incoming
),

stored as (
    select
        p.file_id,
        p.sheet,
        p.row_number,
        p.paid_on,
        p.amount_gbp,
        p.supplier_raw,
        coalesce(p.transaction_ref, '') as ref,
        row_number() over (
            partition by p.paid_on, p.amount_gbp, p.supplier_raw, coalesce(p.transaction_ref, '')
            order by p.file_id, p.sheet, p.row_number
        ) as occurrence
    from payments as p
    inner join source_files as f on p.file_id = f.file_id
    where
        p.anchor_id = $anchor_id
        and f.status = 'active'
        and f.file_id is distinct from $replacing
        and exists (  -- only keys the incoming file has, so a big anchor's history is not windowed whole
            select 1 from incoming as k
            where k.paid_on = p.paid_on and k.amount_gbp = p.amount_gbp and k.supplier_raw = p.supplier_raw
        )
)

select
    i.sheet,
    i.row_number,
    s.file_id as duplicate_file_id,
    s.sheet as duplicate_sheet,
    s.row_number as duplicate_row
from incoming_keyed as i
inner join stored as s
    on
        i.paid_on = s.paid_on
        and i.amount_gbp = s.amount_gbp
        and i.supplier_raw = s.supplier_raw
        and i.ref = s.ref
        and i.occurrence = s.occurrence
