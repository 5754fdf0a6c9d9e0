-- Each payee as written and what the numbers read of it (its organisation, whether an individual), as one hash per
-- row: db.transaction compares them before and after a write to find the anchors a shared payee's change reaches.
-- How it was matched (method, confidence, when) is left out: no number or view of an anchor's spend shows it.
-- Params: none
select
    a.alias_id as row_id,
    hash(*columns(* exclude (alias_id, match_method, match_confidence, resolved_at))) as row_hash
from supplier_aliases as a
