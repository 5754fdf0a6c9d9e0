-- Each contract with its publishing anchor, as one hash per row (resolution sets its organisation): compared
-- before and after a write, so that the anchor publishing a contract it changed sees new numbers.
-- Params: none
select
    c.contract_id as row_id,
    c.anchor_id,
    hash(*columns(* exclude (contract_id, loaded_at))) as row_hash
from contracts as c
