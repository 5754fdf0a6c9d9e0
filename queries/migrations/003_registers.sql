-- Version 3: the national open registers (Companies House, Charity Commission, NHS ODS, GIAS) and the links
-- from organisations to their entries.
create table if not exists register_companies_house (
    entity_id varchar not null,            -- company number, 8 characters ('SC012345', '01234567')
    name varchar not null,
    name_key varchar not null,             -- register_name_key(name)
    previous_names varchar[],              -- earlier registered names
    postcode varchar,                      -- registered office / charity contact address / site
    status varchar,                        -- as published ('Active', 'Registered', 'Open', ...)
    is_active boolean not null,
    category varchar,                      -- as published (CompanyCategory, charity type, establishment type)
    org_kind varchar,                      -- ltd, plc, llp, cic, cio, charity, society, guarantee, public, ...
    accounts_category varchar,             -- Companies House accounts category, as published
    sic_codes varchar[],                   -- 5-digit SIC 2007 codes
    company_number varchar,                -- the company number, also for charities and academies
    charity_number varchar
);
-- The other registers' tables have the same columns.
create table if not exists register_charities (
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
create table if not exists register_ods (
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
create table if not exists register_gias (
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

-- Every register's entities together, each row saying which register it is from.
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
from register_gias;

-- One row per import of a register (the files that make it up); the latest per register is the one loaded.
create table if not exists register_imports (
    register varchar not null check (register in ('companies_house', 'charities', 'ods', 'gias')),
    files varchar not null,
    sha256 varchar not null,               -- of the files' bytes, in order
    rows_loaded bigint not null,
    rows_rejected bigint not null,
    imported_by varchar not null,
    imported_at timestamp not null default current_timestamp
);

-- Which register entity an organisation is, how that was found and how sure; 'review' links wait for a person.
create table if not exists supplier_register_links (
    supplier_id integer not null,
    register varchar not null,
    entity_id varchar not null,
    method varchar not null,               -- company_number, charity_number, exact_name, previous_name, fuzzy
    score double not null,                 -- 1.0 for numbers and exact names, the similarity for fuzzy ones
    evidence varchar not null,             -- what matched, in words a person can check
    status varchar not null default 'accepted' check (status in ('accepted', 'review', 'rejected')),
    linked_at timestamp not null default current_timestamp
);

-- The key a register name is matched by, the same for a register's names and a payee's (after the resolver has
-- cut account and card references off it): upper-case ASCII, '&' and '+' as AND, punctuation and THE/UK/GB
-- dropped, legal forms at the end dropped, at most 200 characters. 'The Acme (UK) Ltd.' -> 'ACME'.
create or replace macro register_name_key(n) as left(trim(regexp_replace(regexp_replace(regexp_replace(
    regexp_replace(regexp_replace(regexp_replace(upper(strip_accents(left(coalesce(n, ''), 1000))), '[''’]', '', 'g'),
        '[&+]', ' AND ', 'g'), '[^A-Z0-9]+', ' ', 'g'), '\b(?:THE|UK|GB)\b', ' ', 'g'), '\s+', ' ', 'g'),
    '(?: (?:LTD|LIMITED|PLC|LLP|CIC|CIO|INC|CYF|CYFYNGEDIG|COMMUNITY INTEREST COMPANY|PUBLIC LIMITED COMPANY|LIMITED LIABILITY PARTNERSHIP|CHARITABLE INCORPORATED ORGANISATION))+ ?$', '')), 200);

-- A postcode as the registers write it, normalised 'AB1 2CD'; null when it is not a full UK postcode.
create or replace macro register_postcode(p) as case
    when regexp_matches(upper(replace(coalesce(p, ''), ' ', '')), '^[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}$')
    then left(upper(replace(p, ' ', '')), length(replace(p, ' ', '')) - 3) || ' ' || right(upper(replace(p, ' ', '')), 3)
end;
