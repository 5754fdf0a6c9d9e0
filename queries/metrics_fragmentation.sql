-- Small suppliers per SIC division across the anchors in scope: one row per division. A supplier is small when
-- its combined net in-scope spend is positive and below $small_gbp.
-- Scope params: $date_from DATE, $date_to DATE, $anchor_ids INTEGER[] (null: all), $all_spend BOOLEAN,
-- $local_codes VARCHAR[], $regional_codes VARCHAR[] (regional includes local)
-- Params: $small_gbp DECIMAL
with per_supplier as (
    select
        sp.supplier_id,
        any_value(sp.sic_division) as sic_division,
        any_value(sp.sic_section) as sic_section,
        sum(sp.amount_gbp) as amount_gbp,
        list(distinct sp.anchor_id) as anchor_ids
    from metrics_scoped_totals($date_from, $date_to, $anchor_ids, $all_spend, $local_codes, $regional_codes) as sp
    where sp.supplier_id is not null and sp.sic_division is not null
    group by sp.supplier_id
)
select
    ps.sic_division,
    any_value(ps.sic_section) as sic_section,
    count(*) as small_suppliers,
    sum(ps.amount_gbp) as small_gbp,
    len(list_distinct(flatten(list(ps.anchor_ids)))) as anchor_count
from per_supplier as ps
where ps.amount_gbp > 0 and ps.amount_gbp < $small_gbp
group by ps.sic_division
order by small_gbp desc
