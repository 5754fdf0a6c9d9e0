-- Each organisation (name, numbers, type, sector, size, location and its evidence) as one hash per row: compared
-- before and after a write, so that the anchors paying an organisation it changed see new numbers.
-- Params: none
select
    s.supplier_id as row_id,
    hash(*columns(* exclude (supplier_id, created_at, updated_at))) as row_hash
from suppliers as s
