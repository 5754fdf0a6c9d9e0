-- Version 6: payments count only through an active file, and derived tables know the store version they were built
-- at (issue 16.1, 15.2).
--
-- A load now writes its rows under a file id first and makes them count with the file's source_files row in a
-- small second transaction; payments and rejected rows with no active file are an unfinished load or removal, which
-- the next writer discards (anchorspend.ingest.load.discard_unfinished). Stores of the previous release may hold
-- such rows already (a kill during a load's commit): they are discarded here.
delete from payments where file_id not in (select f.file_id from source_files as f where f.status = 'active');
delete from rejected_rows where file_id not in (select f.file_id from source_files as f where f.status = 'active');
delete from source_sheets where file_id not in (select f.file_id from source_files as f);

-- was a fingerprint of payments, rules and payees (facts_key); the summary is rebuilt on its next use
drop table if exists metrics_facts_state;
create table metrics_facts_state (
    store_version bigint not null,
    refreshed_at timestamp not null default current_timestamp
);

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

