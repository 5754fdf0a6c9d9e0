-- Suppliers' own re-spend rates from survey returns, one row per return.
-- Params: none
select supplier_name, rate, returned_on, source
from survey_returns
order by supplier_name
