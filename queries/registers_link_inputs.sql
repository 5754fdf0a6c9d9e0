-- What an organisation is matched to the national registers by: its names, company and charity numbers and
-- postcode, as one fingerprint; one row per organisation. An organisation whose fingerprint is the one it was
-- last linked with (register_link_inputs) is not linked again. The postcode counts only when it is the
-- organisation's own (a person's, a supplier or contracts register's, a spend file's): one taken from a national
-- register it is linked to would change the fingerprint because it was linked.
-- Params: none (reads payee_names: supplier_id, raw_name)
select
    s.supplier_id,
    md5(concat_ws(
        chr(31),
        coalesce(s.company_number, ''),
        coalesce(s.charity_number, ''),
        case when s.location_evidence in ('manual', 'register_branch', 'contracts_register', 'spend_file')
            then coalesce(s.postcode, '') else '' end,
        array_to_string(list_sort(list(distinct p.raw_name) filter (where p.raw_name is not null)), chr(31))
    )) as fingerprint
from suppliers as s
left join payee_names as p on s.supplier_id = p.supplier_id
group by s.supplier_id, s.company_number, s.charity_number, s.postcode, s.location_evidence
