-- Organisations whose company or charity number is in a national register: one row per (supplier, register
-- entity). A number is the strongest evidence there is, so these links are accepted outright.
-- Params: none (reads link_wanted: the supplier_ids to link)
select
    s.supplier_id,
    'companies_house' as register,
    c.entity_id,
    'company_number' as method,
    1.0 as score,
    'company number ' || c.entity_id as evidence,
    'accepted' as status
from suppliers as s
inner join register_companies_house as c on c.entity_id = s.company_number
where s.supplier_id in (select w.supplier_id from link_wanted as w)
union all
select
    s.supplier_id,
    'charities',
    h.entity_id,
    'charity_number',
    1.0,
    'charity number ' || h.entity_id,
    'accepted'
from suppliers as s
inner join register_charities as h on h.entity_id = s.charity_number
where s.supplier_id in (select w.supplier_id from link_wanted as w)
union all
-- A charitable company: the charity register names its company number.
select
    s.supplier_id,
    'charities',
    h.entity_id,
    'company_number',
    1.0,
    'company number ' || h.company_number || ' of charity ' || h.entity_id,
    'accepted'
from suppliers as s
inner join register_charities as h on h.company_number = s.company_number
where s.charity_number is null and s.supplier_id in (select w.supplier_id from link_wanted as w)
