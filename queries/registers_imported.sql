-- The latest import of each national register; one row per register imported.
-- Params: none
select register, files, rows_loaded, rows_rejected, imported_by, imported_at
from register_imports
qualify row_number() over (partition by register order by imported_at desc) = 1
order by register
