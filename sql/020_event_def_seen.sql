-- Ingestion updates event_def.last_seen of every name of every batch
-- (issue 14): each index holding last_seen costs a delete and an insert
-- per name per batch.  event_def_seen (account_id, last_seen) serves no
-- statement: the events list by last seen reads event_def_list_seen
-- (011), whose prefix it repeats, and account_id leads four other keys
-- for the foreign key.
ALTER TABLE event_def DROP KEY event_def_seen;
