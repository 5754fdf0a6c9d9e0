-- Anchors with payments loaded, one row per anchor, largest first.
-- Params: none
select a.anchor_id, a.name, a.kind, coalesce(sum(f.amount_total), 0) as amount_gbp
from anchors as a
left join source_files as f on f.anchor_id = a.anchor_id and f.status = 'active'
group by a.anchor_id, a.name, a.kind
order by amount_gbp desc, a.name
