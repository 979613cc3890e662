-- The remaining list pages on indexes (issue 14): each sort order a list
-- offers is read from an index in that order, so a page stops at its
-- limit instead of sorting the whole account.
--
-- * event_def.sort_name, profile_prop.sort_name: the name in the order
--   the pages show it (utf8mb4_unicode_ci; the name itself compares
--   bytes), a virtual column so that an index can hold it.
-- * Events and user properties: by name, by last seen (newest first,
--   then by name); user properties also by profiles (most first, then by
--   name).  Ties end with the id, so the order is total.
-- * Reports (a person's, by name), CSV uploads (newest first): their
--   order was served by no index.  Labels (label_name), downloads
--   (download_owner) and the audit log (audit_account_time) have theirs.

ALTER TABLE event_def
  ADD COLUMN sort_name VARCHAR(120) COLLATE utf8mb4_unicode_ci
    AS (name) VIRTUAL,
  ADD KEY event_def_list_name (account_id, sort_name, id),
  ADD KEY event_def_list_seen (account_id, last_seen DESC, sort_name, id);

ALTER TABLE profile_prop
  ADD COLUMN sort_name VARCHAR(120) COLLATE utf8mb4_unicode_ci
    AS (name) VIRTUAL,
  ADD KEY profile_prop_list_name (account_id, sort_name, id),
  ADD KEY profile_prop_list_seen (account_id, last_seen DESC, sort_name, id),
  ADD KEY profile_prop_list_count (account_id, profiles DESC, sort_name, id);

ALTER TABLE report
  ADD KEY report_list (account_id, user_id, name, id);

ALTER TABLE csv_upload
  ADD KEY csv_upload_list (account_id, id);
