-- Default local re-spend rates, seeded once per store; one row per (org_type, sic_division, supplier_tier).
-- They are published averages, to be replaced by local supplier and staff surveys (anchorspend assumptions
-- import). The low/high band is a sensitivity range chosen by Anchor Spend, not a published figure.
-- Params: none
select * from (values
    ('*', '*', 'local', 0.76, 0.40, 0.85,
        'Default: NEF, The Money Trail (2002), Northumberland County Council study: local suppliers re-spent '
        || '76p of each £1 in the county (£1.76 per £1). Replace with local supplier survey returns.'),
    ('*', '*', 'nonlocal', 0.36, 0.20, 0.45,
        'Default: NEF, Northumberland County Council study: non-local suppliers re-spent 36p of each £1 '
        || 'in the county. Replace with local survey returns.'),
    ('staff', '*', 'local', 0.76, 0.40, 0.85,
        'Default: assumed equal to the NEF local-supplier figure until a staff survey is imported.')
    -- the alias t is what names the VALUES columns, though nothing refers to it
) as t (org_type, sic_division, supplier_tier, rate, low, high, source)  -- noqa: AL05
