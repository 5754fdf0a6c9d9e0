-- The latest earlier report printed for the same filters; at most one row.
-- Params: $filters_json VARCHAR (the report's filters, canonical JSON), $week VARCHAR ('YYYY-Www' of this report)
select
    report_id,
    generated_at,
    week,
    period_from,
    period_to,
    figures_json
from reports
where filters_json = $filters_json and week < $week
order by week desc, generated_at desc
limit 1
