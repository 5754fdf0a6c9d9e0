-- Every change to the store, newest first: who, when, what, old -> new.
-- Params: $limit INTEGER
select changed_at, changed_by, action, target, old_value, new_value
from change_log
order by change_id desc
limit $limit
