-- Version 2: suppliers set by hand (supplier_overrides) and the location evidence of the national registers.
-- DuckDB cannot alter a CHECK constraint, so suppliers is rebuilt with the wider checks, rows and ids kept.
create table suppliers_v2 (
    supplier_id integer primary key default nextval('seq_supplier_id'),
    name varchar not null,                 -- display name (most used spelling or register name)
    name_key varchar not null,             -- normalised name used for matching
    company_number varchar,                -- 8 characters, leading zeros restored
    charity_number varchar,
    org_type varchar not null default 'unknown'
        check (org_type in ('public', 'vcse', 'sme', 'large', 'unknown')),
    org_type_rule varchar,                 -- which rule typed it, for "how was this computed"
    sic_division varchar(2),               -- SIC 2007 division, two digits
    sic_section varchar(1),                -- A-U
    sector_source varchar check (sector_source in ('register', 'inferred', 'manual')),
    employees integer,
    is_sme boolean,                        -- flagged by a register/contracts register
    postcode varchar,                      -- best postcode, normalised 'AB1 2CD'
    location_evidence varchar not null default 'unknown'
        check (location_evidence in ('manual', 'register_branch', 'registered_office', 'charity_address',
                                     'public_site', 'contracts_register', 'spend_file', 'district_centroid',
                                     'unknown')),
    district_code varchar,                 -- LAD GSS code
    ward_code varchar,
    lsoa_code varchar,                     -- LSOA 2011, only when located by full postcode
    lat double,
    lon double,
    created_at timestamp not null default current_timestamp,
    updated_at timestamp not null default current_timestamp
);

insert into suppliers_v2 (supplier_id, name, name_key, company_number, charity_number, org_type, org_type_rule, sic_division, sic_section, sector_source, employees, is_sme, postcode, location_evidence, district_code, ward_code, lsoa_code, lat, lon, created_at, updated_at)
select supplier_id, name, name_key, company_number, charity_number, org_type, org_type_rule, sic_division, sic_section, sector_source, employees, is_sme, postcode, location_evidence, district_code, ward_code, lsoa_code, lat, lon, created_at, updated_at
from suppliers;
drop table suppliers;
alter table suppliers_v2 rename to suppliers;

create table if not exists supplier_overrides (
    name_key varchar not null,
    field varchar not null check (field in ('name', 'postcode', 'sector', 'type')),
    value varchar not null,
    supplier_id integer,                   -- the organisation it applies to now (set by resolution)
    decided_by varchar not null,
    decided_at timestamp not null default current_timestamp,
    primary key (name_key, field)
);
