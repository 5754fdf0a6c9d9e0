-- Rows a kill left uncounted (see store_unfinished.sql), deleted by the next writer before it writes
-- (anchorspend.db.discard_unfinished): payments and rejected rows of no active file, then the payees that no
-- payment names, that resolution never saw and that no one placed (a load's new spellings go in with its rows).
delete from payments where file_id not in (select f.file_id from source_files as f where f.status = 'active');
delete from rejected_rows where file_id not in (select f.file_id from source_files as f where f.status = 'active');
delete from supplier_aliases
where resolved_at is null and supplier_id is null and alias_id not in (select p.alias_id from payments as p);
