-- Contracts ending in a window, one row per contract, with the anchor and the SIC division of its sector.
-- Params: $ends_after DATE, $ends_before DATE
select
    coalesce(a.name, 'unknown') as anchor,
    coalesce(c.sic_division, s.sic_division) as sector,
    coalesce(c.title, c.category, 'untitled') as title,
    coalesce(s.name, c.supplier_raw) as supplier,
    c.start_on,
    coalesce(c.expiry_on, c.end_on) as end_on,
    coalesce(c.annual_value_gbp, c.total_value_gbp) as value_gbp
from contracts as c
left join anchors as a on a.anchor_id = c.anchor_id
left join suppliers as s on s.supplier_id = c.supplier_id
where coalesce(c.expiry_on, c.end_on) between $ends_after and $ends_before
order by sector, end_on
