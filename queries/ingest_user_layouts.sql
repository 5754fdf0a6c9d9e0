-- Layouts whose column mapping a person gave, reused for files with the same header; one row per layout.
-- Params: none
select fingerprint, mapping_json
from layouts
where mapped_by = 'user'
