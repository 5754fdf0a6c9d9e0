-- Local capacity: one row per SIC division with at least one known supplier located in the local tier (a
-- supplier row, i.e. paid by any anchor or matched to a register, or a register entry not matched to any
-- supplier whose postcode lies in the local tier); local_suppliers counts them.
-- Params: $local_codes VARCHAR[]
with
located_suppliers as (
    select 'supplier:' || s.supplier_id as who, s.sic_division
    from suppliers as s
    where s.sic_division is not null and list_contains($local_codes, s.district_code)
),
register_only as (
    select distinct 'register:' || r.entry_id as who, left(sic.code, 2) as sic_division
    from register_entries as r
    cross join unnest(r.sic_codes) as sic (code)
    join postcodes as pc
        on pc.postcode = r.registered_postcode or list_contains(r.branch_postcodes, pc.postcode)
    where r.supplier_id is null and list_contains($local_codes, pc.district_code)
        and regexp_matches(sic.code, '^\d{2}')
)
select sic_division, count(distinct who) as local_suppliers
from (select * from located_suppliers union all select * from register_only) as known_suppliers
group by sic_division
order by sic_division
