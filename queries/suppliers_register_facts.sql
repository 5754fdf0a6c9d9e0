-- What the national registers say about each organisation linked to them (accepted links only): the kinds of
-- body (ltd, cic, cio, charity, public, ...), the Companies House SIC codes and accounts category, and which
-- entities say so. One row per linked supplier_id.
-- Params: none
with linked as (
    select l.supplier_id, l.register, l.entity_id, l.method, e.org_kind, e.sic_codes, e.accounts_category,
        e.is_active
    from supplier_register_links as l
    inner join register_entities as e on e.register = l.register and e.entity_id = l.entity_id
    where l.status = 'accepted'
)

select
    supplier_id,
    list(distinct org_kind order by org_kind) filter (where org_kind is not null) as org_kinds,
    list(distinct register || ' ' || entity_id order by register || ' ' || entity_id) as entities,
    first(sic_codes order by method <> 'company_number', not is_active, entity_id)
        filter (where register = 'companies_house') as sic_codes,
    first(entity_id order by method <> 'company_number', not is_active, entity_id)
        filter (where register = 'companies_house') as company_entity,
    first(accounts_category order by method <> 'company_number', not is_active, entity_id)
        filter (where register = 'companies_house') as accounts_category
from linked
group by supplier_id
