-- Data in (issue 6): what the ingestion API and CSV imports write, the
-- event and profile-property schemas the Events and User Properties pages
-- govern, the background job queue, and CSV uploads.  Times are UTC.
-- Names are compared exactly (utf8mb4_bin): "Purchase" and "purchase" are
-- two events, as the SDKs send them.

-- Per-account counters, so that the 512-event / 256-property limits and the
-- page totals never need a COUNT(*) (DESIGN §7).
CREATE TABLE data_counter (
  account_id    BIGINT UNSIGNED NOT NULL PRIMARY KEY,
  event_names   INT UNSIGNED NOT NULL DEFAULT 0,
  profile_props INT UNSIGNED NOT NULL DEFAULT 0,
  profiles      BIGINT UNSIGNED NOT NULL DEFAULT 0,
  CONSTRAINT data_counter_account FOREIGN KEY (account_id) REFERENCES account (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The event schema: one row per event name an account has sent.
CREATE TABLE event_def (
  id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  account_id    BIGINT UNSIGNED NOT NULL,
  name          VARCHAR(120) COLLATE utf8mb4_bin NOT NULL,
  display_name  VARCHAR(120) NOT NULL DEFAULT '',
  description   VARCHAR(1000) NOT NULL DEFAULT '',
  is_system     BOOLEAN NOT NULL DEFAULT FALSE,
  discarded_at  DATETIME(6) NULL,
  first_seen    DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
  last_seen     DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
  total         BIGINT UNSIGNED NOT NULL DEFAULT 0,
  dropped       BIGINT UNSIGNED NOT NULL DEFAULT 0,
  props         INT UNSIGNED NOT NULL DEFAULT 0,
  UNIQUE KEY event_def_name (account_id, name),
  KEY event_def_seen (account_id, last_seen),
  CONSTRAINT event_def_account FOREIGN KEY (account_id) REFERENCES account (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- No foreign key from the ingestion's hot child tables (event_month,
-- event_prop, event_log, profile_value) to event_def / profile_prop: a
-- child insert takes a shared lock on the parent row, and the batch's
-- later UPDATE of that row (its counts) turns two concurrent batches into
-- a deadlock.  The rows are only ever written with an id just read from
-- the parent, in the same transaction, and names are never deleted.

-- Accepted events per event and UTC month (the page's "this month" and
-- "last month" counts).
CREATE TABLE event_month (
  account_id    BIGINT UNSIGNED NOT NULL,
  event_id      BIGINT UNSIGNED NOT NULL,
  month         DATE NOT NULL,
  n             BIGINT UNSIGNED NOT NULL DEFAULT 0,
  PRIMARY KEY (event_id, month),
  KEY event_month_account (account_id, month)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The property names seen with each event.
CREATE TABLE event_prop (
  account_id    BIGINT UNSIGNED NOT NULL,
  event_id      BIGINT UNSIGNED NOT NULL,
  name          VARCHAR(120) COLLATE utf8mb4_bin NOT NULL,
  PRIMARY KEY (event_id, name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The events themselves: who (SHA-256 of the identity), what, when, and
-- the event's properties as the JSON object that was sent.
CREATE TABLE event_log (
  id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  account_id    BIGINT UNSIGNED NOT NULL,
  event_id      BIGINT UNSIGNED NOT NULL,
  identity_hash BINARY(32) NOT NULL,
  ts            DATETIME(6) NOT NULL,
  data          TEXT NOT NULL,
  received_at   DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
  KEY event_log_event (account_id, event_id, ts)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The profile schema: one row per profile property name.
-- data_type: 1 string, 2 number, 3 boolean, 4 date, 5 list (fcgi/pages/data_ingest.c)
CREATE TABLE profile_prop (
  id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  account_id    BIGINT UNSIGNED NOT NULL,
  name          VARCHAR(120) COLLATE utf8mb4_bin NOT NULL,
  data_type     TINYINT UNSIGNED NOT NULL CHECK (data_type BETWEEN 1 AND 5),
  type_set      BOOLEAN NOT NULL DEFAULT FALSE,
  description   VARCHAR(1000) NOT NULL DEFAULT '',
  discarded_at  DATETIME(6) NULL,
  first_seen    DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
  last_seen     DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
  profiles      BIGINT UNSIGNED NOT NULL DEFAULT 0,
  dropped       BIGINT UNSIGNED NOT NULL DEFAULT 0,
  UNIQUE KEY profile_prop_name (account_id, name),
  CONSTRAINT profile_prop_account FOREIGN KEY (account_id) REFERENCES account (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- User profiles, found by the SHA-256 of their identity.
CREATE TABLE profile (
  id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  account_id    BIGINT UNSIGNED NOT NULL,
  identity_hash BINARY(32) NOT NULL,
  identity      VARCHAR(512) NOT NULL,
  created_at    DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
  updated_at    DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
  UNIQUE KEY profile_identity (account_id, identity_hash),
  CONSTRAINT profile_account FOREIGN KEY (account_id) REFERENCES account (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The current value of each property of each profile (lists as JSON).
CREATE TABLE profile_value (
  profile_id    BIGINT UNSIGNED NOT NULL,
  prop_id       BIGINT UNSIGNED NOT NULL,
  value         TEXT NOT NULL,
  updated_at    DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
  PRIMARY KEY (profile_id, prop_id),
  KEY profile_value_prop (prop_id),
  CONSTRAINT profile_value_of FOREIGN KEY (profile_id) REFERENCES profile (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Background work (DESIGN §1): claimed with SELECT … FOR UPDATE SKIP
-- LOCKED.  state: 1 queued, 2 running, 3 done, 4 failed.  A running job
-- whose lease ran out (its runner died) is claimed again.
CREATE TABLE job (
  id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  account_id    BIGINT UNSIGNED NULL,
  kind          VARCHAR(32) CHARACTER SET ascii NOT NULL,
  ref_id        BIGINT UNSIGNED NOT NULL DEFAULT 0,
  state         TINYINT UNSIGNED NOT NULL DEFAULT 1,
  attempts      INT UNSIGNED NOT NULL DEFAULT 0,
  max_attempts  INT UNSIGNED NOT NULL DEFAULT 5,
  runs          INT UNSIGNED NOT NULL DEFAULT 0,
  run_after     DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
  lease_until   DATETIME(6) NULL,
  runner        VARCHAR(64) CHARACTER SET ascii NOT NULL DEFAULT '',
  last_error    VARCHAR(255) NOT NULL DEFAULT '',
  created_at    DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
  finished_at   DATETIME(6) NULL,
  KEY job_ready (state, run_after),
  KEY job_lease (state, lease_until),
  CONSTRAINT job_account FOREIGN KEY (account_id) REFERENCES account (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- CSV uploads.  kind: 1 profiles, 2 events.  status: 1 uploaded (being
-- received), 2 mapping, 3 queued, 4 processing, 5 completed, 6 completed
-- with errors, 7 failed.
CREATE TABLE csv_upload (
  id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  account_id    BIGINT UNSIGNED NOT NULL,
  user_id       BIGINT UNSIGNED NULL,
  name          VARCHAR(255) NOT NULL,
  stored        CHAR(32) CHARACTER SET ascii NOT NULL,
  kind          TINYINT UNSIGNED NOT NULL CHECK (kind BETWEEN 1 AND 2),
  status        TINYINT UNSIGNED NOT NULL DEFAULT 1 CHECK (status BETWEEN 1 AND 7),
  size_bytes    BIGINT UNSIGNED NOT NULL DEFAULT 0,
  columns       INT UNSIGNED NOT NULL DEFAULT 0,
  rows_total    BIGINT UNSIGNED NOT NULL DEFAULT 0,
  rows_done     BIGINT UNSIGNED NOT NULL DEFAULT 0,
  rows_imported BIGINT UNSIGNED NOT NULL DEFAULT 0,
  rows_refused  BIGINT UNSIGNED NOT NULL DEFAULT 0,
  mapping       TEXT NOT NULL DEFAULT '',
  error         VARCHAR(255) NOT NULL DEFAULT '',
  created_at    DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
  updated_at    DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
  UNIQUE KEY csv_upload_stored (stored),
  KEY csv_upload_account (account_id, created_at),
  CONSTRAINT csv_upload_acct FOREIGN KEY (account_id) REFERENCES account (id) ON DELETE CASCADE,
  CONSTRAINT csv_upload_user FOREIGN KEY (user_id) REFERENCES user (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The refused rows of an import: row number (1 = first data row), the
-- column's header, and why.  At most CSV_MAX_ERRORS rows per upload.
CREATE TABLE csv_error (
  upload_id     BIGINT UNSIGNED NOT NULL,
  seq           INT UNSIGNED NOT NULL,
  row_no        BIGINT UNSIGNED NOT NULL,
  column_name   VARCHAR(255) NOT NULL DEFAULT '',
  reason        VARCHAR(255) NOT NULL,
  PRIMARY KEY (upload_id, seq),
  CONSTRAINT csv_error_of FOREIGN KEY (upload_id) REFERENCES csv_upload (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
