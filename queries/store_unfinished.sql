-- Whether a load or removal cut short by a kill may have left rows behind: payments and rejected rows no active
-- file counts, or payees not yet resolved (a load's new aliases, which go in with its rows). A load's rows go in
-- before its file record (so they sit past the newest file id); a removal's rows are deleted after its file stops
-- being active. Each test on its own lets DuckDB skip row groups by file_id (one OR of them did not).
-- Params: none
select
    (select count(*) from payments where file_id > (select coalesce(max(file_id), 0) from source_files))
    + (select count(*) from payments where file_id in (select file_id from source_files where status <> 'active'))
    + (select count(*) from rejected_rows where file_id > (select coalesce(max(file_id), 0) from source_files))
    + (
        select count(*) from rejected_rows
        where file_id in (select file_id from source_files where status <> 'active')
    )
    + (select count(*) from supplier_aliases where resolved_at is null and supplier_id is null) as rows
