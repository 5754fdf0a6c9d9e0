-- The anchors a write reached through shared rows: those paying a payee as written or an organisation whose row
-- changed (added, removed or different), and those publishing a contract that changed or whose organisation did.
-- A null anchor_id is a contract no anchor published: only views of every anchor read it.
-- Reads the temp tables db.transaction fills from store_rows_*.sql before (versions_before_*) and after the write.
-- Params: none
with
changed_aliases as (
    select coalesce(n.row_id, b.row_id) as alias_id
    from versions_after_aliases as n
    full outer join versions_before_aliases as b on n.row_id = b.row_id
    where n.row_hash is distinct from b.row_hash
),
changed_suppliers as (
    select coalesce(n.row_id, b.row_id) as supplier_id
    from versions_after_suppliers as n
    full outer join versions_before_suppliers as b on n.row_id = b.row_id
    where n.row_hash is distinct from b.row_hash
),
touched_aliases as (
    select ca.alias_id from changed_aliases as ca
    union
    select sa.alias_id
    from supplier_aliases as sa
    inner join changed_suppliers as cs on sa.supplier_id = cs.supplier_id
),
contract_rows as (
    select n.row_id as now_id, n.anchor_id as now_anchor, b.row_id as before_id, b.anchor_id as before_anchor
    from versions_after_contracts as n
    full outer join versions_before_contracts as b on n.row_id = b.row_id
    where n.row_hash is distinct from b.row_hash
),
changed_contracts as (
    select cr.now_anchor as anchor_id from contract_rows as cr where cr.now_id is not null
    union all
    select cr.before_anchor from contract_rows as cr where cr.before_id is not null
    union all
    select c.anchor_id
    from contracts as c
    inner join changed_suppliers as cs on c.supplier_id = cs.supplier_id
)
select distinct p.anchor_id
from payments as p
inner join touched_aliases as t on p.alias_id = t.alias_id
union
select cc.anchor_id from changed_contracts as cc
