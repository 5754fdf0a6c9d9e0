-- What is known about each organisation from what is linked to it; one row per supplier_id.
-- display_name: the register's name, else the spelling with most payment lines; numbers from registers,
-- contracts (spend files' numbers are set by the resolver); is_sme and employees from registers, then contracts registers.
-- Params: none
with spellings as (
    select a.supplier_id, a.raw_name, count(p.payment_id) as lines
    from supplier_aliases as a
    left join payments as p on p.alias_id = a.alias_id
    where a.supplier_id is not null
    group by all
),

registered as (
    select supplier_id,
           min(name) as register_name,
           min(company_number) as company_number,
           min(charity_number) as charity_number,
           bool_or(is_sme) as is_sme,
           max(employees) as employees
    from register_entries
    where supplier_id is not null
    group by supplier_id
),

contracted as (
    select supplier_id, min(company_number) as company_number, bool_or(is_sme) as is_sme
    from contracts
    where supplier_id is not null
    group by supplier_id
),

spelt as (
    select supplier_id,
           first(raw_name order by lines desc, length(raw_name), raw_name) as top_spelling
    from spellings
    group by supplier_id
)

select s.supplier_id,
       trim(coalesce(r.register_name, sp.top_spelling)) as display_name,
       coalesce(r.company_number, c.company_number) as company_number,
       r.charity_number,
       coalesce(r.is_sme, c.is_sme) as is_sme,
       r.employees
from suppliers as s
left join registered as r on r.supplier_id = s.supplier_id
left join contracted as c on c.supplier_id = s.supplier_id
left join spelt as sp on sp.supplier_id = s.supplier_id
