-- Manage (issue 7): labels, a person's reports and schedules, a person's
-- downloads (exports).  Times are UTC; dates of a report's custom range are
-- local dates of the account's time zone.  Numbers name the values of
-- fcgi/pages/manage_util.c's tables (palette, kinds, schedules, ranges).

-- Labels: unique per account whatever the case (utf8mb4_unicode_ci
-- compares "Q1" and "q1" equal), at most 40 characters, one colour of the
-- palette.  reports / uploads count where the label is attached; they are
-- recomputed by every change of an attachment (fcgi/tables/manage.sql.def
-- STMT_LABEL_RECOUNT) and by the trigger below when a member leaves.
CREATE TABLE label (
  id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  account_id    BIGINT UNSIGNED NOT NULL,
  name          VARCHAR(40) NOT NULL,
  color         TINYINT UNSIGNED NOT NULL,
  description   VARCHAR(200) NOT NULL DEFAULT '',
  reports       INT UNSIGNED NOT NULL DEFAULT 0,
  uploads       INT UNSIGNED NOT NULL DEFAULT 0,
  created_by    BIGINT UNSIGNED NULL,
  created_at    DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
  updated_at    DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
  UNIQUE KEY label_name (account_id, name),
  CONSTRAINT label_account FOREIGN KEY (account_id) REFERENCES account (id) ON DELETE CASCADE,
  CONSTRAINT label_creator FOREIGN KEY (created_by) REFERENCES user (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A person's saved report.  kind: 1 events summary, 2 user-properties
-- summary, 3 members, 4 invoices, 5 CSV uploads.  range_kind: 0 all time,
-- 1 last 7 days, 2 last 30 days, 3 this month, 4 last month, 5 custom
-- (range_from … range_to, local dates).  schedule: 0 none, 1 daily,
-- 2 weekly (weekday 0 Sunday … 6), 3 monthly (mday 1…31; the last day of a
-- shorter month), at hour (local).  next_run_at is UTC, NULL when there is
-- no schedule or it is paused.  The owner's membership owns the report.
CREATE TABLE report (
  id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  account_id    BIGINT UNSIGNED NOT NULL,
  user_id       BIGINT UNSIGNED NOT NULL,
  name          VARCHAR(100) NOT NULL,
  kind          TINYINT UNSIGNED NOT NULL CHECK (kind BETWEEN 1 AND 5),
  format        TINYINT UNSIGNED NOT NULL DEFAULT 1,
  range_kind    TINYINT UNSIGNED NOT NULL DEFAULT 0 CHECK (range_kind BETWEEN 0 AND 5),
  range_from    DATE NULL,
  range_to      DATE NULL,
  event_names   TEXT NOT NULL DEFAULT '',
  label_id      BIGINT UNSIGNED NULL,
  schedule      TINYINT UNSIGNED NOT NULL DEFAULT 0 CHECK (schedule BETWEEN 0 AND 3),
  weekday       TINYINT UNSIGNED NOT NULL DEFAULT 1 CHECK (weekday BETWEEN 0 AND 6),
  mday          TINYINT UNSIGNED NOT NULL DEFAULT 1 CHECK (mday BETWEEN 1 AND 31),
  hour          TINYINT UNSIGNED NOT NULL DEFAULT 8 CHECK (hour BETWEEN 0 AND 23),
  paused        BOOLEAN NOT NULL DEFAULT FALSE,
  next_run_at   DATETIME(6) NULL,
  last_run_at   DATETIME(6) NULL,
  last_download BIGINT UNSIGNED NULL,
  created_at    DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
  updated_at    DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
  KEY report_owner (account_id, user_id, id),
  KEY report_due (next_run_at),
  CONSTRAINT report_member FOREIGN KEY (account_id, user_id)
    REFERENCES membership (account_id, user_id) ON DELETE CASCADE,
  CONSTRAINT report_label_filter FOREIGN KEY (label_id) REFERENCES label (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Who a scheduled run is mailed to (lower-case addresses).
CREATE TABLE report_recipient (
  account_id    BIGINT UNSIGNED NOT NULL,
  report_id     BIGINT UNSIGNED NOT NULL,
  email         VARCHAR(254) NOT NULL,
  PRIMARY KEY (report_id, email),
  CONSTRAINT report_recipient_of FOREIGN KEY (report_id) REFERENCES report (id) ON DELETE CASCADE,
  CONSTRAINT report_recipient_account FOREIGN KEY (account_id) REFERENCES account (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Labels attached to reports and to CSV uploads: one join table per target.
CREATE TABLE report_label (
  account_id    BIGINT UNSIGNED NOT NULL,
  label_id      BIGINT UNSIGNED NOT NULL,
  report_id     BIGINT UNSIGNED NOT NULL,
  PRIMARY KEY (label_id, report_id),
  KEY report_label_report (report_id),
  CONSTRAINT report_label_label FOREIGN KEY (label_id) REFERENCES label (id) ON DELETE CASCADE,
  CONSTRAINT report_label_report FOREIGN KEY (report_id) REFERENCES report (id) ON DELETE CASCADE,
  CONSTRAINT report_label_account FOREIGN KEY (account_id) REFERENCES account (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE csv_upload_label (
  account_id    BIGINT UNSIGNED NOT NULL,
  label_id      BIGINT UNSIGNED NOT NULL,
  upload_id     BIGINT UNSIGNED NOT NULL,
  PRIMARY KEY (label_id, upload_id),
  KEY csv_upload_label_upload (upload_id),
  CONSTRAINT csv_upload_label_label FOREIGN KEY (label_id) REFERENCES label (id) ON DELETE CASCADE,
  CONSTRAINT csv_upload_label_upload FOREIGN KEY (upload_id) REFERENCES csv_upload (id) ON DELETE CASCADE,
  CONSTRAINT csv_upload_label_account FOREIGN KEY (account_id) REFERENCES account (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A person's exports.  source: the report kind exported (1…5).  status:
-- 1 queued, 2 running, 3 ready, 4 failed, 5 expired.  The filters are a
-- snapshot taken when it was requested, so that a retry writes the same
-- rows; label_name remembers a label filter whose label was deleted since.
-- The file is exports_dir/<stored>.csv from ready until expires_at.
CREATE TABLE download (
  id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  account_id    BIGINT UNSIGNED NOT NULL,
  user_id       BIGINT UNSIGNED NOT NULL,
  report_id     BIGINT UNSIGNED NULL,
  name          VARCHAR(160) NOT NULL,
  source        TINYINT UNSIGNED NOT NULL CHECK (source BETWEEN 1 AND 5),
  status        TINYINT UNSIGNED NOT NULL DEFAULT 1 CHECK (status BETWEEN 1 AND 5),
  range_from    DATETIME(6) NULL,
  range_to      DATETIME(6) NULL,
  range_text    VARCHAR(64) NOT NULL DEFAULT '',
  event_names   TEXT NOT NULL DEFAULT '',
  label_id      BIGINT UNSIGNED NULL,
  label_name    VARCHAR(40) NOT NULL DEFAULT '',
  notify        BOOLEAN NOT NULL DEFAULT FALSE,
  stored        CHAR(32) CHARACTER SET ascii NULL,
  rows_done     BIGINT UNSIGNED NOT NULL DEFAULT 0,
  rows_total    BIGINT UNSIGNED NOT NULL DEFAULT 0,
  size_bytes    BIGINT UNSIGNED NOT NULL DEFAULT 0,
  error         VARCHAR(255) NOT NULL DEFAULT '',
  created_at    DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
  started_at    DATETIME(6) NULL,
  finished_at   DATETIME(6) NULL,
  expires_at    DATETIME(6) NULL,
  UNIQUE KEY download_stored (stored),
  KEY download_owner (account_id, user_id, id),
  KEY download_expiry (status, expires_at),
  CONSTRAINT download_account FOREIGN KEY (account_id) REFERENCES account (id) ON DELETE CASCADE,
  CONSTRAINT download_owner_user FOREIGN KEY (user_id) REFERENCES user (id) ON DELETE CASCADE,
  CONSTRAINT download_report FOREIGN KEY (report_id) REFERENCES report (id) ON DELETE SET NULL,
  CONSTRAINT download_label FOREIGN KEY (label_id) REFERENCES label (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A member who leaves takes their reports along (cascade); cascades fire
-- no triggers, so the label counters are corrected before the membership
-- row goes.
CREATE TRIGGER manage_member_leaves BEFORE DELETE ON membership FOR EACH ROW
  UPDATE label l SET l.reports = (SELECT COUNT(*) FROM report_label x
    JOIN report r ON r.id = x.report_id
    WHERE x.label_id = l.id AND r.user_id <> OLD.user_id)
  WHERE l.account_id = OLD.account_id;

-- The scheduler: one "manage.tick" job runs due reports and expires old
-- downloads, then queues the next tick (fcgi/pages/manage_export.c).
INSERT INTO job (account_id, kind, ref_id, max_attempts)
  VALUES (NULL, 'manage.tick', 0, 5);
