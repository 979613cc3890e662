-- Passkeys (WebAuthn) and their challenges (issue 17).  Times are UTC.

-- A person's passkeys: the credential id the authenticator chose, its
-- COSE public key as registered (never shown), the last sign counter,
-- the AAGUID (the authenticator's kind), the name the person gave it.
-- flags: the authenticator data flags at registration (0x08 backup
-- eligible: a synced passkey).  Deleted explicitly (the Profile page,
-- the 2-step reset) or with the user.
CREATE TABLE passkey (
  id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  user_id       BIGINT UNSIGNED NOT NULL,
  cred_id       VARBINARY(1023) NOT NULL,
  public_key    VARBINARY(1024) NOT NULL,
  alg           SMALLINT NOT NULL,
  sign_count    INT UNSIGNED NOT NULL DEFAULT 0,
  aaguid        BINARY(16) NOT NULL,
  flags         TINYINT UNSIGNED NOT NULL DEFAULT 0,
  name          VARCHAR(64) NOT NULL,
  created_at    DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
  last_used_at  DATETIME(6) NULL,
  UNIQUE KEY passkey_cred (cred_id),
  KEY passkey_user (user_id, id),
  CONSTRAINT passkey_user FOREIGN KEY (user_id) REFERENCES user (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci ROW_FORMAT=DYNAMIC;

-- WebAuthn challenges: 32 random bytes, single use (deleted when taken),
-- WA_CHALLENGE_TTL seconds.  binding: SHA-256 of the session token (adding
-- a passkey, the second step of sign-in) or of the pre-session cookie
-- (signing in with a passkey); purpose: 1 add, 2 sign in, 3 second step.
-- One open challenge per binding and purpose: a new one replaces it.
CREATE TABLE webauthn_challenge (
  binding       BINARY(32) NOT NULL,
  purpose       TINYINT UNSIGNED NOT NULL,
  challenge     BINARY(32) NOT NULL,
  expires_at    DATETIME(6) NOT NULL,
  PRIMARY KEY (binding, purpose),
  KEY webauthn_challenge_expires (expires_at)
) ENGINE=InnoDB;
