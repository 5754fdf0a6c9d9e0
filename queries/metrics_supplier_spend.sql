-- In-scope spend per supplier with what the Suppliers page and the map show; one row per supplier (individual
-- payees never appear). anchor_count counts anchors with positive net spend; is_shared when two or more;
-- is_leaking when located outside the leakage tier ($leakage_tier 'regional' or 'local').
-- Scope params: $date_from DATE, $date_to DATE, $anchor_ids INTEGER[] (null: all), $all_spend BOOLEAN,
-- $local_codes VARCHAR[], $regional_codes VARCHAR[] (regional includes local)
-- Params: $leakage_tier VARCHAR
with per_anchor as (
    select sp.supplier_id, sp.anchor_id, any_value(sp.tier) as tier, sum(sp.amount_gbp) as amount_gbp
    from metrics_scoped_totals($date_from, $date_to, $anchor_ids, $all_spend, $local_codes, $regional_codes) as sp
    where sp.supplier_id is not null
    group by sp.supplier_id, sp.anchor_id
),
per_supplier as (
    select
        pa.supplier_id,
        any_value(pa.tier) as tier,
        sum(pa.amount_gbp) as amount_gbp,
        count(*) filter (where pa.amount_gbp > 0) as anchor_count,
        list(an.name order by an.name) filter (where pa.amount_gbp > 0) as anchors
    from per_anchor as pa
    join anchors as an on pa.anchor_id = an.anchor_id
    group by pa.supplier_id
)
select
    s.supplier_id,
    s.name as supplier,
    ps.amount_gbp,
    ps.tier,
    s.org_type,
    s.sic_division,
    s.sic_section,
    s.sector_source,
    s.location_evidence,
    s.postcode,
    s.district_code,
    s.ward_code,
    s.lsoa_code,
    s.lat,
    s.lon,
    ps.anchor_count,
    ps.anchors,
    ps.anchor_count >= 2 as is_shared,
    (ps.tier = 'outside' or ($leakage_tier = 'local' and ps.tier = 'regional')) as is_leaking
from per_supplier as ps
join suppliers as s on ps.supplier_id = s.supplier_id
order by ps.amount_gbp desc, s.supplier_id
