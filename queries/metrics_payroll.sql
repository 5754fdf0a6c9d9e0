-- Anchor payroll prorated to the period: one row per (anchor, financial year) whose year overlaps the period.
-- A year's payroll counts in proportion to the days of that year inside the period. staff_respend_rate falls
-- back to the 'staff' default re-spend rate.
-- Params: $date_from DATE, $date_to DATE, $anchor_ids INTEGER[] (null: all)
with years as (
    select
        ap.*,
        (ap.year_from + interval 1 year - interval 1 day)::date as year_to
    from anchor_payroll as ap
    where $anchor_ids is null or list_contains($anchor_ids, ap.anchor_id)
)
select
    y.anchor_id,
    an.name as anchor,
    y.year_from,
    y.payroll_gbp,
    y.staff_local_share,
    coalesce(y.staff_respend_rate, st.rate) as staff_respend_rate,
    coalesce(y.staff_respend_rate, st.low, st.rate) as staff_respend_low,
    coalesce(y.staff_respend_rate, st.high, st.rate) as staff_respend_high,
    case when y.staff_respend_rate is not null then coalesce(y.source, 'anchor payroll import')
        else st.source end as staff_rate_source,
    y.source,
    datediff('day', greatest(y.year_from, $date_from), least(y.year_to, $date_to)) + 1 as days_in_period,
    datediff('day', y.year_from, y.year_to) + 1 as days_in_year
from years as y
join anchors as an on y.anchor_id = an.anchor_id
left join respend_rates as st on st.org_type = 'staff' and st.sic_division = '*' and st.supplier_tier = 'local'
where y.year_from <= $date_to and y.year_to >= $date_from
order by an.name, y.year_from
