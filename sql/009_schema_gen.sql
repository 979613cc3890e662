-- The generation of an account's event and property schema (issue 14):
-- bumped by every discard, restore and describe, read by each ingestion
-- batch, so the names a process caches (fcgi/name_cache.c) are dropped
-- as soon as any of them may have changed.
ALTER TABLE data_counter
  ADD COLUMN schema_gen BIGINT UNSIGNED NOT NULL DEFAULT 0;
