-- Contracts ending between $window_from and $window_to (6 to 24 months after the period end), one row per
-- contract, with its sector (the contract's SIC division, else its supplier's) and anchor. Aligned
-- re-procurement is a sector with such contracts at two or more anchors.
-- Params: $window_from DATE, $window_to DATE, $anchor_ids INTEGER[] (null: all)
select
    c.contract_id,
    c.anchor_id,
    an.name as anchor,
    coalesce(c.sic_division, s.sic_division) as sic_division,
    c.title,
    c.reference,
    coalesce(s.name, c.supplier_raw) as supplier,
    c.supplier_id,
    coalesce(c.expiry_on, c.end_on) as ends_on,
    c.annual_value_gbp,
    c.total_value_gbp,
    -- £ at stake per year: the annual value, else the total spread over the contract's years
    coalesce(c.annual_value_gbp, c.total_value_gbp / greatest(1, datediff('day', c.start_on, coalesce(c.expiry_on, c.end_on)) / 365.25), c.total_value_gbp) as value_gbp
from contracts as c
join anchors as an on c.anchor_id = an.anchor_id
left join suppliers as s on c.supplier_id = s.supplier_id
where coalesce(c.expiry_on, c.end_on) between $window_from and $window_to
    and coalesce(c.sic_division, s.sic_division) is not null
    and ($anchor_ids is null or list_contains($anchor_ids, c.anchor_id))
order by sic_division, ends_on
