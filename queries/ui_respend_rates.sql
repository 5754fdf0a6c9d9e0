-- Default local re-spend rates, one row per rate, with their band and source.
-- Params: none
select *
from respend_rates
order by all
