-- The ONS lists of councils as a national register: its table, in register_entities, and allowed in
-- register_imports (a check constraint cannot be altered in DuckDB, so the table is made again with its rows).
create table if not exists register_councils (
    entity_id varchar not null,
    name varchar not null,
    name_key varchar not null,
    previous_names varchar[],
    postcode varchar,
    status varchar,
    is_active boolean not null,
    category varchar,
    org_kind varchar,
    accounts_category varchar,
    sic_codes varchar[],
    company_number varchar,
    charity_number varchar
);

create or replace view register_entities as
select 'companies_house' as register, entity_id, name, name_key, previous_names, postcode, status, is_active, category, org_kind, accounts_category, sic_codes, company_number, charity_number
from register_companies_house
union all
select 'charities' as register, entity_id, name, name_key, previous_names, postcode, status, is_active, category, org_kind, accounts_category, sic_codes, company_number, charity_number
from register_charities
union all
select 'ods' as register, entity_id, name, name_key, previous_names, postcode, status, is_active, category, org_kind, accounts_category, sic_codes, company_number, charity_number
from register_ods
union all
select 'gias' as register, entity_id, name, name_key, previous_names, postcode, status, is_active, category, org_kind, accounts_category, sic_codes, company_number, charity_number
from register_gias
union all
select 'councils' as register, entity_id, name, name_key, previous_names, postcode, status, is_active, category, org_kind, accounts_category, sic_codes, company_number, charity_number
from register_councils;

create table register_imports_councils (
    register varchar not null check (register in ('companies_house', 'charities', 'ods', 'gias', 'councils')),
    files varchar not null,
    sha256 varchar not null,
    rows_loaded bigint not null,
    rows_rejected bigint not null,
    imported_by varchar not null,
    imported_at timestamp not null default current_timestamp
);
insert into register_imports_councils
select register, files, sha256, rows_loaded, rows_rejected, imported_by, imported_at
from register_imports;
drop table register_imports;
alter table register_imports_councils rename to register_imports;
