-- One supplier's identity and location evidence, one row.
-- Params: $supplier_id INTEGER
select s.supplier_id, s.name, s.company_number, s.charity_number, s.org_type, s.org_type_rule, s.sic_division,
       s.sic_section, s.sector_source, s.employees, s.is_sme, s.postcode, s.location_evidence, s.district_code,
       d.name as district, s.ward_code, w.name as ward, s.lsoa_code, s.lat, s.lon
from suppliers as s
left join districts as d on d.district_code = s.district_code
left join wards as w on w.ward_code = s.ward_code
where s.supplier_id = $supplier_id
