-- The Anchor Spend store: every table, at the version recorded in schema_version.
-- Later versions arrive as queries/migrations/NNN_<what>.sql, applied in order by anchorspend.db.
-- Amounts are GBP DECIMAL(18, 2); shares are DOUBLE fractions; codes are ONS GSS codes.

create table if not exists schema_version (
    version integer not null,
    applied_at timestamp not null default current_timestamp
);

-- Bumped by every write transaction, so readers can tell the store changed.
create table if not exists store_meta (
    key varchar primary key,
    value varchar not null
);

create sequence if not exists seq_change_id;
create table if not exists change_log (
    change_id bigint primary key default nextval('seq_change_id'),
    changed_at timestamp not null default current_timestamp,
    changed_by varchar not null,           -- signed-in user, or 'cli:<os user>'
    action varchar not null,               -- e.g. 'ingest', 'files.remove', 'suppliers.merge'
    target varchar,                        -- what was changed (file id, supplier id, setting name)
    old_value varchar,
    new_value varchar
);

-- ---------------------------------------------------------------- spend (ingest)

create sequence if not exists seq_anchor_id;
create table if not exists anchors (
    anchor_id integer primary key default nextval('seq_anchor_id'),
    name varchar not null unique,
    kind varchar not null check (kind in ('council', 'nhs', 'housing', 'education', 'police', 'other')),
    created_at timestamp not null default current_timestamp
);

-- A remembered column mapping for one publisher layout (header fingerprint).
create table if not exists layouts (
    fingerprint varchar primary key,       -- sha256 of the normalised header cells
    header varchar not null,               -- the header as read, for people
    mapping_json varchar not null,         -- canonical field -> source column name
    mapped_by varchar not null default 'synonyms', -- 'synonyms' (proposed) or 'user' (given; reused next time)
    publisher varchar,                     -- anchor name it was first seen for
    created_at timestamp not null default current_timestamp,
    date_order varchar                     -- 'dmy' or 'mdy': how its day/month dates read (read or given)
);

create sequence if not exists seq_file_id;
create table if not exists source_files (
    file_id integer primary key default nextval('seq_file_id'),
    anchor_id integer not null references anchors (anchor_id),
    name varchar not null,                 -- file name as uploaded
    sha256 varchar not null,
    layout_fingerprint varchar,
    sheet varchar,                         -- sheet(s) loaded from a workbook; null for CSV
    period_from date,                      -- earliest paid_on loaded
    period_to date,                        -- latest paid_on loaded
    loaded_at timestamp not null default current_timestamp,
    rows_read integer not null,            -- data records after the header with a non-empty field
    rows_loaded integer not null,
    rows_rejected integer not null,
    blank_rows integer not null,           -- wholly empty records, skipped
    amount_total decimal(18, 2) not null,  -- sum of loaded amounts
    amount_basis varchar not null check (amount_basis in ('net', 'gross', 'unknown')),
    status varchar not null default 'active' check (status in ('active', 'removed', 'replaced')),
    replaced_by integer,
    encoding varchar,                      -- 'utf-8', 'cp1252', 'latin-1' or 'xlsx'
    summary_rows integer default 0         -- totals lines and report footers skipped (not payments)
    -- The same bytes may be active once per anchor (ingest checks); a removed file may be loaded again.
);

-- Rows per sheet of a loaded file (one row for a CSV).
create table if not exists source_sheets (
    file_id integer not null references source_files (file_id),
    sheet varchar not null,                -- '' for CSV
    rows_read integer not null,
    rows_loaded integer not null,
    rows_rejected integer not null,
    blank_rows integer not null,
    amount_total decimal(18, 2) not null,
    primary key (file_id, sheet)
);

-- Every distinct payee as written (text plus any numbers the file gives); resolution fills supplier_id.
create sequence if not exists seq_alias_id;
create table if not exists supplier_aliases (
    alias_id integer primary key default nextval('seq_alias_id'),
    raw_name varchar not null,             -- supplier text exactly as written
    company_number varchar not null default '',   -- as given by the file, '' when none
    charity_number varchar not null default '',
    supplier_id integer,                   -- null until resolved, and for individual payees
    is_individual boolean not null default false, -- redaction label or a person's name/code
    match_method varchar,                  -- 'company_number', 'charity_number', 'exact_name', 'fuzzy', 'manual', 'new'
    match_confidence double,
    resolved_at timestamp,
    unique (raw_name, company_number, charity_number)
);

create sequence if not exists seq_payment_id;
-- No primary-key index on payment_id: the sequence keeps it unique, and an index would slow bulk loads.
create table if not exists payments (
    payment_id bigint not null default nextval('seq_payment_id'),
    anchor_id integer not null,
    file_id integer not null,
    sheet varchar not null default '',
    row_number integer not null,           -- as a spreadsheet shows it (header row counted)
    paid_on date,                          -- null only when is_date_derived and no period given
    amount_gbp decimal(18, 2) not null,    -- net where the file gives net; credits negative
    vat_gbp decimal(18, 2),
    gross_gbp decimal(18, 2),
    alias_id integer not null,             -- -> supplier_aliases
    supplier_raw varchar not null,         -- as written
    entity_raw varchar,                    -- body/entity/sheet text as written
    expense_type varchar,
    expense_area varchar,
    description varchar,
    transaction_ref varchar,
    is_redacted boolean not null default false,
    is_date_derived boolean not null default false, -- paid_on derived from a fiscal period
    payee_code varchar                     -- a ledger code written beside the payee's name, split off it
);

create table if not exists rejected_rows (
    file_id integer not null,
    sheet varchar not null default '',
    row_number integer not null,
    raw_text varchar not null,
    reason varchar not null
);

-- ---------------------------------------------------------------- suppliers, registers, contracts

-- One real organisation behind many spellings. Individuals never get a row here.
create sequence if not exists seq_supplier_id;
create table if not exists suppliers (
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

-- Manual decisions; replayed after every re-resolution so they survive re-loads.
create sequence if not exists seq_decision_id;
create table if not exists supplier_decisions (
    decision_id integer primary key default nextval('seq_decision_id'),
    decided_at timestamp not null default current_timestamp,
    decided_by varchar not null,
    action varchar not null check (action in ('merge', 'split', 'keep_apart')),
    alias_raw_name varchar,                -- for split: the spelling moved out
    from_name_key varchar,                 -- the organisations involved, by stable key
    to_name_key varchar,
    note varchar
);

-- A supplier's name, postcode, sector or type set by hand; keyed by the organisation's stable name key (as
-- decisions are) and re-bound to whichever organisation owns that key after each resolution, so it lasts.
create table if not exists supplier_overrides (
    name_key varchar not null,
    field varchar not null check (field in ('name', 'postcode', 'sector', 'type')),
    value varchar not null,
    supplier_id integer,                   -- the organisation it applies to now (set by resolution)
    decided_by varchar not null,
    decided_at timestamp not null default current_timestamp,
    primary key (name_key, field)
);

-- Pairs the resolver was unsure about, for a person to confirm.
create table if not exists review_queue (
    alias_id integer not null,
    candidate_supplier_id integer not null,
    score double not null,
    reason varchar,
    status varchar not null default 'open' check (status in ('open', 'accepted', 'rejected')),
    primary key (alias_id, candidate_supplier_id)
);

create sequence if not exists seq_register_id;
create table if not exists register_entries (
    entry_id integer primary key default nextval('seq_register_id'),
    source_file varchar not null,
    source_sha256 varchar not null,
    name varchar not null,
    company_number varchar,
    charity_number varchar,
    branch_postcodes varchar[],            -- branch / delivery postcodes (CLES "based or branched")
    registered_postcode varchar,
    sic_codes varchar[],                   -- 5-digit SIC 2007 codes as given
    employees integer,
    is_sme boolean,
    org_kind varchar,                      -- e.g. 'ltd', 'plc', 'charity', 'cic', 'public', as given
    supplier_id integer,                   -- the organisation it was matched to by resolution
    loaded_at timestamp not null default current_timestamp
);

create sequence if not exists seq_contract_id;
create table if not exists contracts (
    contract_id integer primary key default nextval('seq_contract_id'),
    anchor_id integer,                     -- the publishing anchor, when known
    source_file varchar not null,
    source_sha256 varchar not null,
    reference varchar,
    title varchar,
    description varchar,
    supplier_raw varchar,
    supplier_id integer,
    supplier_postcode varchar,
    company_number varchar,
    is_sme boolean,
    category varchar,                      -- as written (e.g. ProClass description)
    sic_division varchar(2),
    annual_value_gbp decimal(18, 2),
    total_value_gbp decimal(18, 2),
    start_on date,
    end_on date,
    expiry_on date,                        -- current expiry including extensions taken
    loaded_at timestamp not null default current_timestamp
);

-- ---------------------------------------------------------------- geography

create table if not exists districts (
    district_code varchar primary key,     -- LAD GSS code
    name varchar not null,
    geometry_wkb blob,                     -- WGS84 polygon, WKB
    centroid_lat double,
    centroid_lon double,
    is_fictional boolean not null default false,
    source varchar
);

create table if not exists wards (
    ward_code varchar primary key,
    name varchar not null,
    district_code varchar,
    geometry_wkb blob,
    source varchar
);

create table if not exists small_areas (
    lsoa_code varchar primary key,         -- LSOA 2011
    name varchar,
    district_code varchar,
    geometry_wkb blob,
    source varchar
);

create table if not exists postcodes (
    postcode varchar primary key,          -- normalised 'AB1 2CD'
    district_code varchar,
    ward_code varchar,
    lsoa_code varchar,
    lat double,
    lon double,
    terminated_on date,
    source varchar
);

-- Postcode districts (outward codes such as 'HX4') with a centroid; not a local authority.
create table if not exists outcode_centroids (
    outcode varchar primary key,
    lat double not null,
    lon double not null,
    district_code varchar,                 -- by point-in-polygon against districts, when known
    source varchar
);

create table if not exists deprivation (
    lsoa_code varchar primary key,
    imd_rank integer,
    imd_decile integer check (imd_decile between 1 and 10),
    source varchar
);

-- One imported geography file and its load report (the latest import of each file name and kind).
create table if not exists geo_files (
    name varchar not null,                 -- file name as imported
    kind varchar not null,                 -- detected from the content: districts, wards, small_areas, ...
    sha256 varchar not null,
    rows_read integer not null,
    rows_loaded integer not null,
    rows_rejected integer not null,
    report_json varchar not null,          -- reasons for rejected rows and notes
    imported_at timestamp not null default current_timestamp,
    primary key (name, kind)
);

-- The place: which districts are local and which regional (the regional tier includes the local).
create table if not exists place (
    place_id integer primary key default 1 check (place_id = 1),
    name varchar not null,
    is_fictional boolean not null default false,
    updated_at timestamp not null default current_timestamp
);

create table if not exists place_districts (
    tier varchar not null check (tier in ('local', 'regional')),
    district_code varchar not null,
    primary key (tier, district_code)
);

-- ---------------------------------------------------------------- assumptions and rules (metrics)

-- What the influenceable-spend filter excludes; data a user edits, not code. Defaults are seeded when the store is
-- made, from queries/metrics_default_rules.sql (anchorspend.db.DEFAULTS).
create sequence if not exists seq_rule_id;
create table if not exists influenceable_rules (
    rule_id integer primary key default nextval('seq_rule_id'),
    applies_to varchar not null
        check (applies_to in ('org_type', 'supplier_name', 'expense_type', 'expense_area', 'description')),
    pattern varchar not null,              -- exact value for org_type; case-insensitive regex otherwise
    reason varchar not null,
    enabled boolean not null default true
);

create table if not exists anchor_payroll (
    anchor_id integer not null,
    year_from date not null,               -- first day of the financial year the figures cover
    payroll_gbp decimal(18, 2) not null,
    staff_local_share double not null check (staff_local_share between 0 and 1),
    staff_respend_rate double,             -- share of local staff pay re-spent locally
    source varchar,
    primary key (anchor_id, year_from)
);

-- Default local re-spend rates; the most specific row wins (type + division, then type, then '*').
-- supplier_tier 'local' rates feed LM3's R3 and r_local; 'nonlocal' rates give r_nonlocal (value per £1 of
-- spend with a supplier outside the local tier). org_type 'staff' is the re-spend rate of local staff pay.
create table if not exists respend_rates (
    org_type varchar not null,             -- supplier org type, 'staff', or '*'
    sic_division varchar not null default '*',
    supplier_tier varchar not null default 'local' check (supplier_tier in ('local', 'nonlocal')),
    rate double not null check (rate between 0 and 1),
    low double check (low between 0 and 1),
    high double check (high between 0 and 1),
    source varchar not null,
    primary key (org_type, sic_division, supplier_tier)
);

-- A local supplier's own answer to "how much of what we are paid do we re-spend locally?".
create table if not exists survey_returns (
    supplier_name varchar not null,
    supplier_id integer,
    rate double not null check (rate between 0 and 1),
    returned_on date,
    source varchar
);

-- Derived by anchorspend.metrics.facts.refresh (the last pipeline step): spend summed per anchor, month and
-- supplier, so that the dashboard's queries read a fraction of the payments. Payments of removed/replaced files
-- are left out. supplier_id is null for individuals (a redacted payment or an individual payee) and for payees
-- not yet resolved. excluded_rule_id is the first influenceable rule on the payment's text (expense type/area,
-- description, payee as written) that excludes it; org_type rules apply at query time, since types change.
create table if not exists metrics_spend_months (
    anchor_id integer not null,
    month date not null,                   -- first day of the month
    supplier_id integer,
    is_individual boolean not null,
    excluded_rule_id integer,
    amount_gbp decimal(18, 2) not null,
    payment_count integer not null
);

-- Payments an influenceable text rule excludes (the summary above keeps only the sums).
create table if not exists metrics_excluded_payments (
    payment_id bigint primary key,
    rule_id integer not null
);

-- The store version the derived tables were built at: they are current while no write that changes what they are
-- built from (store_meta 'derived_changed') came later.
create table if not exists metrics_facts_state (
    store_version bigint not null,
    refreshed_at timestamp not null default current_timestamp
);

-- In-scope spend rows (anchor, month, supplier, individual?): whole months from the summary, partial months at the
-- period's edges from the payments. all_spend switches the influenceable text rules off; anchor_ids null means
-- every anchor. Individuals have no supplier.
create or replace macro metrics_scoped_rows(date_from, date_to, anchor_ids, all_spend) as table
    select m.anchor_id, m.month, m.supplier_id, m.is_individual, m.amount_gbp, m.payment_count
    from metrics_spend_months as m
    where m.month >= date_from and last_day(m.month) <= date_to
        and (anchor_ids is null or list_contains(anchor_ids, m.anchor_id))
        and (all_spend or m.excluded_rule_id is null)
    union all
    select p.anchor_id, date_trunc('month', p.paid_on)::date,
        case when p.is_redacted or a.is_individual then null else a.supplier_id end,
        p.is_redacted or a.is_individual, p.amount_gbp, 1
    from payments as p
    join supplier_aliases as a on p.alias_id = a.alias_id
    where p.paid_on between date_from and date_to
        -- outside the period's whole months, written as plain date comparisons: DuckDB skips row groups on them,
        -- where a date function of every payment made each query read all ten million dates
        and (p.paid_on < case when day(date_from) = 1 then date_from
                              else (date_trunc('month', date_from) + interval 1 month)::date end
             or p.paid_on > case when date_to = last_day(date_to) then date_to
                                 else (date_trunc('month', date_to) - interval 1 day)::date end)
        and (anchor_ids is null or list_contains(anchor_ids, p.anchor_id))
        and p.file_id in (select f.file_id from source_files as f where f.status = 'active')
        and (all_spend or p.payment_id not in (select e.payment_id from metrics_excluded_payments as e));

-- Every supplier's type, tier and sector for the given tiers, and whether an org_type rule of the influenceable
-- filter excludes it. tier: local | regional (in the regional tier, outside the local) | outside | unknown.
create or replace macro metrics_supplier_tiers(all_spend, local_codes, regional_codes) as table
    select
        s.supplier_id,
        coalesce(s.org_type, 'unknown') as org_type,
        case
            when s.district_code is null then 'unknown'
            when list_contains(local_codes, s.district_code) then 'local'
            when list_contains(regional_codes, s.district_code) then 'regional'
            else 'outside'
        end as tier,
        s.sic_division,
        s.sic_section,
        coalesce(not all_spend and s.org_type in (
            select x.pattern from influenceable_rules as x where x.enabled and x.applies_to = 'org_type'
        ), false) as is_excluded
    from suppliers as s;

-- In-scope spend per (anchor, month, supplier) with the supplier's type, tier and sector. Individuals have type
-- 'individual' and tier 'unknown', as have payees not yet resolved (type 'unknown').
create or replace macro metrics_scoped_spend(date_from, date_to, anchor_ids, all_spend, local_codes, regional_codes)
as table
    select
        r.anchor_id, r.month, r.amount_gbp, r.payment_count, r.is_individual, r.supplier_id,
        case when r.is_individual then 'individual' else coalesce(t.org_type, 'unknown') end as org_type,
        coalesce(t.tier, 'unknown') as tier,
        t.sic_division,
        t.sic_section
    from metrics_scoped_rows(date_from, date_to, anchor_ids, all_spend) as r
    left join metrics_supplier_tiers(all_spend, local_codes, regional_codes) as t on r.supplier_id = t.supplier_id
    where t.is_excluded is null or not t.is_excluded;

-- The same over the whole period: one row per (anchor, supplier or individual/unresolved), summed before the
-- supplier attributes are joined, which is what most queries need and several times cheaper.
create or replace macro metrics_scoped_totals(date_from, date_to, anchor_ids, all_spend, local_codes, regional_codes)
as table
    select
        r.anchor_id, r.amount_gbp, r.payment_count, r.is_individual, r.supplier_id,
        case when r.is_individual then 'individual' else coalesce(t.org_type, 'unknown') end as org_type,
        coalesce(t.tier, 'unknown') as tier,
        t.sic_division,
        t.sic_section
    from (
        select anchor_id, supplier_id, is_individual, sum(amount_gbp) as amount_gbp,
            sum(payment_count) as payment_count
        from metrics_scoped_rows(date_from, date_to, anchor_ids, all_spend)
        group by anchor_id, supplier_id, is_individual
    ) as r
    left join metrics_supplier_tiers(all_spend, local_codes, regional_codes) as t on r.supplier_id = t.supplier_id
    where t.is_excluded is null or not t.is_excluded;

-- Every payee as written with its supplier, type, tier and sector, and whether an org_type rule of the
-- influenceable filter excludes it (for the payments drill-down). Individuals as above.
create or replace macro metrics_payees(all_spend, local_codes, regional_codes) as table
    select
        a.alias_id,
        a.is_individual,
        case when a.is_individual then null else a.supplier_id end as supplier_id,
        case when a.is_individual then 'individual' else coalesce(t.org_type, 'unknown') end as org_type,
        case when a.is_individual then 'unknown' else coalesce(t.tier, 'unknown') end as tier,
        case when a.is_individual then null else t.sic_division end as sic_division,
        case when a.is_individual then null else t.sic_section end as sic_section,
        coalesce(not a.is_individual and t.is_excluded, false) as is_excluded
    from supplier_aliases as a
    left join metrics_supplier_tiers(all_spend, local_codes, regional_codes) as t on a.supplier_id = t.supplier_id;

-- ---------------------------------------------------------------- reports

create sequence if not exists seq_report_id;
create table if not exists reports (
    report_id integer primary key default nextval('seq_report_id'),
    generated_at timestamp not null default current_timestamp,
    week varchar not null,                 -- ISO week 'YYYY-Www'
    period_from date not null,
    period_to date not null,
    filters_json varchar not null,
    figures_json varchar not null,         -- the headline figures printed, for "change since last report"
    path varchar
);

-- ---------------------------------------------------------------- national registers

-- The national open registers as imported: Companies House, the Charity Commission, NHS ODS, GIAS and the ONS
-- lists of councils. One table per register, each replaced whole (create or replace, in one transaction) by a
-- newer import; same columns in each, read together through register_entities.
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

-- The ONS lists of councils: entity_id the GSS code, name as ONS writes it, previous_names the ways spend files
-- write the council ("Salford City Council").
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
from register_gias
union all
select 'councils' as register, entity_id, name, name_key, previous_names, postcode, status, is_active, category, org_kind, accounts_category, sic_codes, company_number, charity_number
from register_councils;

-- One row per import of a register (the files that make it up); the latest per register is the one loaded.
create table if not exists register_imports (
    register varchar not null check (register in ('companies_house', 'charities', 'ods', 'gias', 'councils')),
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

-- What each organisation was last linked to the national registers with (registers_link_inputs.sql), so that a
-- refresh links only the organisations whose names, numbers or postcode changed; emptied by a register import.
create table if not exists register_link_inputs (
    supplier_id integer not null,
    fingerprint varchar not null
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
