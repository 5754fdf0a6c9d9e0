-- What classification reads about each organisation; one row per supplier_id.
-- names: every spelling (payees, register, contracts); sic_codes: the register's codes, first entry first;
-- paid_for: the most common expense type / description texts of its payments.
-- Params: none
with spellings as (
    select supplier_id, raw_name as name from supplier_aliases where supplier_id is not null
    union
    select supplier_id, name from register_entries where supplier_id is not null
    union
    select supplier_id, supplier_raw from contracts where supplier_id is not null and supplier_raw is not null
),

registered as (
    select supplier_id,
           flatten(list(sic_codes order by entry_id)) as sic_codes,
           list(distinct org_kind order by org_kind) filter (where org_kind is not null) as org_kinds
    from register_entries
    where supplier_id is not null
    group by supplier_id
),

paid_for as (
    select a.supplier_id,
           string_agg(distinct coalesce(p.expense_type, '') || ' ' || coalesce(p.description, '')
                      || ' ' || coalesce(p.expense_area, ''), ' | ') as paid_for
    from payments as p
    inner join supplier_aliases as a on a.alias_id = p.alias_id
    where a.supplier_id is not null
    group by a.supplier_id
),

contracted as (
    select supplier_id, string_agg(distinct coalesce(category, '') || ' ' || coalesce(title, ''), ' | ') as work
    from contracts
    where supplier_id is not null
    group by supplier_id
)

select s.supplier_id,
       list(distinct sp.name order by sp.name) as names,
       any_value(r.sic_codes) as sic_codes,
       coalesce(any_value(r.org_kinds), []) as org_kinds,
       any_value(s.charity_number) as charity_number,
       any_value(s.employees) as employees,
       any_value(s.is_sme) as is_sme,
       any_value(pf.paid_for) as paid_for,
       any_value(c.work) as contracted_for
from suppliers as s
left join spellings as sp on sp.supplier_id = s.supplier_id
left join registered as r on r.supplier_id = s.supplier_id
left join paid_for as pf on pf.supplier_id = s.supplier_id
left join contracted as c on c.supplier_id = s.supplier_id
group by s.supplier_id
