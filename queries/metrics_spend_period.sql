-- The period the loaded spend covers: one row, first_day (first day of the first month with spend) and
-- last_day (last day of the last month); nulls when nothing is loaded.
-- Params: none
select min(month) as first_day, max(last_day(month)) as last_day from metrics_spend_months
