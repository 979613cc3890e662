-- Profile, password, 2-step verification and sessions (issue 4).
-- Times are UTC.

-- stage: 0 a full session, 1 waiting for the second step of sign-in
-- (fcgi/session.c); attempts: wrong second-step codes so far.
ALTER TABLE session
  ADD COLUMN stage TINYINT UNSIGNED NOT NULL DEFAULT 0,
  ADD COLUMN attempts TINYINT UNSIGNED NOT NULL DEFAULT 0;

-- totp_pending_enc: a secret being set up, sealed like totp_secret_enc;
-- totp_last_step: the last RFC 6238 time step accepted (a code works once).
ALTER TABLE user
  ADD COLUMN totp_pending_enc VARBINARY(128) NULL,
  ADD COLUMN totp_last_step BIGINT NOT NULL DEFAULT 0,
  ADD COLUMN totp_enabled_at DATETIME(6) NULL;

-- Ten single-use recovery codes per user, stored as keyed hashes.
CREATE TABLE recovery_code (
  user_id       BIGINT UNSIGNED NOT NULL,
  code_hash     BINARY(32) NOT NULL,
  created_at    DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
  used_at       DATETIME(6) NULL,
  PRIMARY KEY (user_id, code_hash),
  CONSTRAINT recovery_code_user FOREIGN KEY (user_id) REFERENCES user (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Password-reset links: 256-bit token stored hashed, single use, 1 hour.
CREATE TABLE password_reset (
  id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  user_id       BIGINT UNSIGNED NOT NULL,
  token_hash    BINARY(32) NOT NULL,
  ip            VARCHAR(45) CHARACTER SET ascii NOT NULL DEFAULT '',
  created_at    DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
  expires_at    DATETIME(6) NOT NULL,
  used_at       DATETIME(6) NULL,
  UNIQUE KEY password_reset_token (token_hash),
  KEY password_reset_user (user_id),
  CONSTRAINT password_reset_user FOREIGN KEY (user_id) REFERENCES user (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A change of sign-in email waits until the link mailed to the new
-- address is followed: 256-bit token stored hashed, single use, 24 hours.
CREATE TABLE email_change (
  id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  user_id       BIGINT UNSIGNED NOT NULL,
  old_email     VARCHAR(254) NOT NULL,
  new_email     VARCHAR(254) NOT NULL,
  token_hash    BINARY(32) NOT NULL,
  created_at    DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
  expires_at    DATETIME(6) NOT NULL,
  used_at       DATETIME(6) NULL,
  UNIQUE KEY email_change_token (token_hash),
  KEY email_change_user (user_id),
  CONSTRAINT email_change_user FOREIGN KEY (user_id) REFERENCES user (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
