-- A register read by the file reader (Charity Commission, NHS ODS, GIAS) as register entities: the loadable
-- rows of register_frame with their name key and postcode normalised; one row per entity (first of duplicates).
-- Params: none
select
    entity_id,
    trim(name) as name,
    register_name_key(name) as name_key,
    previous_names,
    register_postcode(postcode) as postcode,
    status,
    is_active,
    category,
    org_kind,
    accounts_category,
    sic_codes,
    company_number,
    charity_number
from register_frame
where rejected is null
qualify row_number() over (partition by entity_id order by is_active desc, name) = 1
