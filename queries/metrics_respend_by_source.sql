-- Supplier spend with the local re-spend rate that applies to it, summed per (tier group, rate source); one
-- row per (supplier_tier, rate_from, source). supplier_tier 'local' = suppliers located in the local tier;
-- 'nonlocal' = suppliers located outside it. A supplier's survey return wins, then the default for its
-- type and SIC division, then for its type, then '*'. Individuals and unlocated payees have no rate.
-- Scope params: $date_from DATE, $date_to DATE, $anchor_ids INTEGER[] (null: all), $all_spend BOOLEAN,
-- $local_codes VARCHAR[], $regional_codes VARCHAR[] (regional includes local)
with
per_supplier as (
    select
        sp.supplier_id,
        case when sp.tier = 'local' then 'local' else 'nonlocal' end as supplier_tier,
        any_value(sp.org_type) as org_type,
        any_value(sp.sic_division) as sic_division,
        sum(sp.amount_gbp) as amount_gbp
    from metrics_scoped_totals($date_from, $date_to, $anchor_ids, $all_spend, $local_codes, $regional_codes) as sp
    where sp.supplier_id is not null and sp.tier <> 'unknown'
    group by all
),
surveys as (
    select s.supplier_id, arg_max(r.rate, coalesce(r.returned_on, date '1900-01-01')) as rate,
        arg_max(coalesce(r.source, 'supplier survey return'), coalesce(r.returned_on, date '1900-01-01')) as source
    from survey_returns as r
    join suppliers as s on r.supplier_id = s.supplier_id or (r.supplier_id is null and lower(r.supplier_name) = lower(s.name))
    group by s.supplier_id
),
rated as (
    select
        ps.*,
        sv.rate as survey_rate,
        sv.source as survey_source,
        coalesce(td.rate, t.rate, st.rate) as default_rate,
        coalesce(td.low, td.rate, t.low, t.rate, st.low, st.rate) as default_low,
        coalesce(td.high, td.rate, t.high, t.rate, st.high, st.rate) as default_high,
        case when td.rate is not null then 'type and division' when t.rate is not null then 'type'
            when st.rate is not null then 'default' end as default_from,
        coalesce(td.source, t.source, st.source) as default_source
    from per_supplier as ps
    left join surveys as sv on ps.supplier_id = sv.supplier_id
    left join respend_rates as td
        on ps.org_type = td.org_type and ps.sic_division = td.sic_division and ps.supplier_tier = td.supplier_tier
    left join respend_rates as t
        on ps.org_type = t.org_type and t.sic_division = '*' and ps.supplier_tier = t.supplier_tier
    left join respend_rates as st
        on st.org_type = '*' and st.sic_division = '*' and ps.supplier_tier = st.supplier_tier
)
select
    supplier_tier,
    case when survey_rate is not null then 'survey' else coalesce(default_from, 'none') end as rate_from,
    coalesce(survey_source, default_source, 'no rate: counted as 0') as source,
    sum(amount_gbp) as amount_gbp,
    sum(amount_gbp * coalesce(survey_rate, default_rate, 0)) as respent_gbp,
    sum(amount_gbp * coalesce(survey_rate, default_low, 0)) as respent_low_gbp,
    sum(amount_gbp * coalesce(survey_rate, default_high, 0)) as respent_high_gbp,
    count(*) as supplier_count
from rated
group by all
order by supplier_tier, rate_from, source
