-- Payments the influenceable filter excludes by their text; one row per (payment, matching rule).
-- Each enabled text rule is a case-insensitive regex, matched once per distinct value, then joined back.
-- Params: none
with
expense_types as (
    select distinct v.value, r.rule_id
    from (select distinct expense_type as value from payments where expense_type is not null) as v
    join influenceable_rules as r
        on r.enabled and r.applies_to = 'expense_type' and regexp_matches(v.value, r.pattern, 'i')
),
expense_areas as (
    select distinct v.value, r.rule_id
    from (select distinct expense_area as value from payments where expense_area is not null) as v
    join influenceable_rules as r
        on r.enabled and r.applies_to = 'expense_area' and regexp_matches(v.value, r.pattern, 'i')
),
descriptions as (
    select distinct v.value, r.rule_id
    from (select distinct description as value from payments where description is not null) as v
    join influenceable_rules as r
        on r.enabled and r.applies_to = 'description' and regexp_matches(v.value, r.pattern, 'i')
),
payees as (
    select distinct v.value, r.rule_id
    from (select distinct supplier_raw as value from payments) as v
    join influenceable_rules as r
        on r.enabled and r.applies_to = 'supplier_name' and regexp_matches(v.value, r.pattern, 'i')
)
select p.payment_id, m.rule_id from payments as p join expense_types as m on p.expense_type = m.value
union all
select p.payment_id, m.rule_id from payments as p join expense_areas as m on p.expense_area = m.value
union all
select p.payment_id, m.rule_id from payments as p join descriptions as m on p.description = m.value
union all
select p.payment_id, m.rule_id from payments as p join payees as m on p.supplier_raw = m.value
