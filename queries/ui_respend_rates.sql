-- Default local re-spend rates, one row per (org_type, sic_division), with their band and source.
-- Params: none
select org_type, sic_division, rate, low, high, source
from respend_rates
order by org_type, sic_division
