-- What every view's numbers read beyond its own anchors' payments, in one row: the local capacity of each sector
-- (metrics_local_capacity: every located organisation with a sector, and register entries no organisation claims).
-- A write that changes it changes every view, whichever anchors paid for the change.
-- Params: none
with
located as (
    select count(*) as n, coalesce(sum(hash(s.supplier_id, s.sic_division, s.district_code)), 0) as h
    from suppliers as s
    where s.sic_division is not null and s.district_code is not null
),
unclaimed as (
    select count(*) as n, coalesce(sum(hash(r.entry_id)), 0) as h
    from register_entries as r
    where r.supplier_id is null
)
select
    l.n as located_suppliers,
    l.h as located_hash,
    u.n as unclaimed_entries,
    u.h as unclaimed_hash
from located as l
cross join unclaimed as u
