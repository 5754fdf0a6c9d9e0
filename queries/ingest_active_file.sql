-- The active file of an anchor with the given bytes, if any (at most one row), with its row accounting.
-- Params: $anchor VARCHAR, $sha256 VARCHAR
select
    f.file_id,
    f.name,
    f.rows_read,
    f.rows_loaded,
    f.rows_rejected,
    f.blank_rows,
    coalesce(f.summary_rows, 0) as summary_rows,
    f.amount_total,
    f.amount_basis,
    f.layout_fingerprint,
    f.encoding,
    cast(f.period_from as varchar) as period_from,
    cast(f.period_to as varchar) as period_to
from source_files as f
inner join anchors as a on f.anchor_id = a.anchor_id
where a.name = $anchor and f.sha256 = $sha256 and f.status = 'active'
