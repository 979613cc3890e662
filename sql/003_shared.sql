-- What several parts of the product read and write, made once so that each
-- part can be built on its own: 2-step verification and lock state of a
-- user (read by the Users page, written by Profile), the usage counters
-- (written by ingestion, read by Billing), and local_time() for showing
-- UTC times in an account's time zone.

ALTER TABLE user
  ADD COLUMN phone VARCHAR(16) CHARACTER SET ascii NOT NULL DEFAULT '',
  ADD COLUMN totp_enabled BOOLEAN NOT NULL DEFAULT FALSE,
  ADD COLUMN totp_secret_enc VARBINARY(128) NULL,
  ADD COLUMN locked_until DATETIME(6) NULL;

-- Data points (events + profile updates) per account and UTC day.
CREATE TABLE usage_day (
  account_id    BIGINT UNSIGNED NOT NULL,
  day           DATE NOT NULL,
  data_points   BIGINT UNSIGNED NOT NULL DEFAULT 0,
  PRIMARY KEY (account_id, day),
  CONSTRAINT usage_day_account FOREIGN KEY (account_id) REFERENCES account (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Monthly active users: one row per identity seen in a month (month = the
-- first day), and the per-month count kept beside it.
CREATE TABLE active_identity (
  account_id    BIGINT UNSIGNED NOT NULL,
  month         DATE NOT NULL,
  identity_hash BINARY(32) NOT NULL,
  PRIMARY KEY (account_id, month, identity_hash),
  CONSTRAINT active_identity_account FOREIGN KEY (account_id) REFERENCES account (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE usage_month (
  account_id    BIGINT UNSIGNED NOT NULL,
  month         DATE NOT NULL,
  mau           BIGINT UNSIGNED NOT NULL DEFAULT 0,
  PRIMARY KEY (account_id, month),
  CONSTRAINT usage_month_account FOREIGN KEY (account_id) REFERENCES account (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- local_time(t, tz): the UTC time t in zone tz as ISO 8601 with its offset,
-- e.g. 2026-03-29T03:30:00+02:00; NULL for NULL; UTC when the zone is
-- unknown (time zone tables not loaded, or a bad name).
CREATE FUNCTION local_time(t DATETIME(6), tz VARCHAR(64)) RETURNS VARCHAR(32)
  DETERMINISTIC
  RETURN IF(t IS NULL, NULL, CONCAT(
    DATE_FORMAT(COALESCE(CONVERT_TZ(t, '+00:00', tz), t), '%Y-%m-%dT%H:%i:%s'),
    IF(COALESCE(CONVERT_TZ(t, '+00:00', tz), t) < t, '-', '+'),
    TIME_FORMAT(SEC_TO_TIME(ABS(TIMESTAMPDIFF(SECOND, t,
      COALESCE(CONVERT_TZ(t, '+00:00', tz), t)))), '%H:%i')));
