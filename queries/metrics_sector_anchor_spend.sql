-- In-scope spend per (SIC division, anchor) split by where the suppliers are; one row per pair. sic_division is
-- null for payees with no sector (individuals, unclassified). leakage_gbp = spend with suppliers located outside
-- the leakage tier ($leakage_tier 'regional' or 'local'); nonlocal_gbp = located outside the local tier.
-- Scope params: $date_from DATE, $date_to DATE, $anchor_ids INTEGER[] (null: all), $all_spend BOOLEAN,
-- $local_codes VARCHAR[], $regional_codes VARCHAR[] (regional includes local)
-- Params: $leakage_tier VARCHAR
select
    sp.sic_division,
    any_value(sp.sic_section) as sic_section,
    sp.anchor_id,
    an.name as anchor,
    sum(sp.amount_gbp) as total_gbp,
    coalesce(sum(sp.amount_gbp) filter (where sp.tier = 'local'), 0) as local_gbp,
    coalesce(sum(sp.amount_gbp) filter (where sp.tier in ('regional', 'outside')), 0) as nonlocal_gbp,
    coalesce(sum(sp.amount_gbp) filter (
        where sp.tier = 'outside' or ($leakage_tier = 'local' and sp.tier = 'regional')
    ), 0) as leakage_gbp,
    count(distinct sp.supplier_id) filter (where sp.tier = 'local') as local_suppliers_used,
    count(distinct sp.supplier_id) filter (
        where sp.tier = 'outside' or ($leakage_tier = 'local' and sp.tier = 'regional')
    ) as leaking_suppliers
from metrics_scoped_totals($date_from, $date_to, $anchor_ids, $all_spend, $local_codes, $regional_codes) as sp
join anchors as an on sp.anchor_id = an.anchor_id
group by sp.sic_division, sp.anchor_id, an.name
order by sp.sic_division, an.name
