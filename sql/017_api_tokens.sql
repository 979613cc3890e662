-- Scoped API tokens (issue 16): personal tokens for scripts, sent as
-- "Authorization: Bearer stw_<public_id>_<secret>" on /api/… paths.
-- Only the SHA-256 of the secret is stored (as sessions, fcgi/session.c);
-- public_id is shown in lists and lets secret scanners recognise a leak.
-- scopes: bit set of enum api_scope (fcgi/api_token.h), bounded on every
-- request by the owner's current role.  A member's tokens go with the
-- membership (removing someone from the account deletes them).
-- expires_at NULL: never (Admins only); revoked_at set: dead, kept listed.
CREATE TABLE api_token (
  id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  account_id    BIGINT UNSIGNED NOT NULL,
  user_id       BIGINT UNSIGNED NOT NULL,
  name          VARCHAR(80) NOT NULL,
  public_id     CHAR(10) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  secret_hash   BINARY(32) NOT NULL,
  scopes        INT UNSIGNED NOT NULL,
  created_at    DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
  expires_at    DATETIME(6) NULL,
  last_used_at  DATETIME(6) NULL,
  last_used_ip  VARCHAR(45) CHARACTER SET ascii NOT NULL DEFAULT '',
  revoked_at    DATETIME(6) NULL,
  UNIQUE KEY api_token_secret (secret_hash),
  UNIQUE KEY api_token_public (public_id),
  KEY api_token_owner (account_id, user_id, id),
  KEY api_token_account (account_id, id),
  CONSTRAINT api_token_member FOREIGN KEY (account_id, user_id)
    REFERENCES membership (account_id, user_id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
