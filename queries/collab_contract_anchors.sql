-- The anchors in scope with a contracts register loaded: one row per anchor with its number of contracts. An
-- anchor missing here has no contract dates, which the collaboration sentences say rather than imply none end.
-- Params: $anchor_ids INTEGER[] (null: all)
select
    an.name as anchor,
    count(*) as contracts
from contracts as c
join anchors as an on c.anchor_id = an.anchor_id
where $anchor_ids is null or list_contains($anchor_ids, c.anchor_id)
group by an.name
order by an.name
