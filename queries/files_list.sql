-- Loaded files, one row per file (newest first), with row accounting, period, status and what replaced it.
-- Params: none
select
    f.file_id,
    a.name as anchor,
    a.kind,
    f.name,
    f.status,
    f.replaced_by,
    f.sheet,
    f.period_from,
    f.period_to,
    f.rows_read,
    f.rows_loaded,
    f.rows_rejected,
    f.blank_rows,
    f.amount_total,
    f.amount_basis,
    f.loaded_at,
    f.sha256
from source_files as f
inner join anchors as a on f.anchor_id = a.anchor_id
order by f.file_id desc
