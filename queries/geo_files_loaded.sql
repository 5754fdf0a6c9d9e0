-- The geography files imported, newest first, with their load reports; one row per (file name, kind).
-- Params: none
select name, kind, rows_read, rows_loaded, rows_rejected, report_json, imported_at
from geo_files
order by imported_at desc, name
