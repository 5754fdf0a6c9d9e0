-- Default local re-spend rates, one row per rate, with their band and source.
-- Params: none
-- Every column: the assumptions editor shows and saves the whole table.
select *  -- noqa: AM04
from respend_rates
order by all
