-- The influenceable-spend filter's default exclusions (PRODUCT.md "Influenceable spend"), seeded once per store;
-- one row per rule. Patterns are exact org types, or case-insensitive regular expressions on the text.
-- Params: none
select * from (values
    ('org_type', 'public',
        'Payments to other public bodies (councils, NHS bodies, government): transfers an anchor cannot redirect'),
    ('supplier_name', '\bhmrc\b|h\.?\s?m\.?\s+revenue|revenue\s+(and|&)\s+customs',
        'HMRC: tax and National Insurance'),
    ('supplier_name', 'pension', 'Pension funds and schemes'),
    ('expense_type', 'pension|superannuation', 'Pension contributions'),
    ('expense_type', 'precept|\blev(y|ies)\b', 'Precepts and levies'),
    ('expense_area', 'precept|\blev(y|ies)\b', 'Precepts and levies'),
    ('description', 'precept|\blev(y|ies)\b', 'Precepts and levies'),
    ('expense_type', '\b(income tax|national insurance|paye)\b', 'Tax and National Insurance')
    -- the alias t is what names the VALUES columns, though nothing refers to it
) as t (applies_to, pattern, reason)  -- noqa: AL05
