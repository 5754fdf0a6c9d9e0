-- The re-spend rate assumptions as stored; one row per (org_type, sic_division, supplier_tier).
-- Params: none
select org_type, sic_division, supplier_tier, rate, low, high, source
from respend_rates
order by supplier_tier, org_type = '*', org_type, sic_division
