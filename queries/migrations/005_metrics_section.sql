-- Version 5: the metrics tables and macros for any earlier store, whichever build made it (before this, a hash
-- of schema.sql's metrics section decided when to re-run it). Idempotent: tables are created if missing, macros
-- replaced. The section below is schema.sql's as of this version.
delete from store_meta where key = 'metrics_section';


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

