-- Version 4 (ingest): the day/month order a layout's dates read in, totals lines skipped per file, and the
-- ledger code split off a payee's name ('BOC LTD :02107500').
alter table layouts add column if not exists date_order varchar;
alter table source_files add column if not exists summary_rows integer default 0;
alter table payments add column if not exists payee_code varchar;
