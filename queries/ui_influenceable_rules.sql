-- What the influenceable-spend filter leaves out, one row per rule.
-- Params: none
select rule_id, applies_to, pattern, reason, enabled
from influenceable_rules
order by rule_id
