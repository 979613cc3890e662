-- The foundation: organizations, accounts, users, memberships, sessions,
-- invitations, the audit log and login throttling.  Times are UTC.

CREATE TABLE organization (
  id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name          VARCHAR(120) NOT NULL,
  legal_name    VARCHAR(200) NOT NULL DEFAULT '',
  address       VARCHAR(500) NOT NULL DEFAULT '',
  country       CHAR(2) NOT NULL DEFAULT '',
  website       VARCHAR(255) NOT NULL DEFAULT '',
  invite_domains VARCHAR(1000) NOT NULL DEFAULT '',
  require_2fa   BOOLEAN NOT NULL DEFAULT FALSE,
  created_at    DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE account (
  id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  org_id        BIGINT UNSIGNED NOT NULL,
  public_id     CHAR(12) CHARACTER SET ascii NOT NULL,
  name          VARCHAR(120) NOT NULL,
  region        ENUM('eu1','in1','sg1','us1','aps3','mec1') NOT NULL,
  timezone      VARCHAR(64) CHARACTER SET ascii NOT NULL DEFAULT 'UTC',
  passcode_enc  VARBINARY(128) NOT NULL,
  created_at    DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
  UNIQUE KEY account_public (public_id),
  CONSTRAINT account_org FOREIGN KEY (org_id) REFERENCES organization (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE user (
  id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  email         VARCHAR(254) NOT NULL,
  name          VARCHAR(100) NOT NULL,
  password_hash VARCHAR(160) CHARACTER SET ascii NOT NULL,
  created_at    DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
  last_login_at DATETIME(6) NULL,
  UNIQUE KEY user_email (email)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- role: 1 agent, 2 member, 3 creator, 4 admin (fcgi/roles.c)
CREATE TABLE membership (
  account_id    BIGINT UNSIGNED NOT NULL,
  user_id       BIGINT UNSIGNED NOT NULL,
  role          TINYINT UNSIGNED NOT NULL CHECK (role BETWEEN 1 AND 4),
  created_at    DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
  PRIMARY KEY (account_id, user_id),
  KEY membership_user (user_id),
  CONSTRAINT membership_account FOREIGN KEY (account_id) REFERENCES account (id) ON DELETE CASCADE,
  CONSTRAINT membership_user FOREIGN KEY (user_id) REFERENCES user (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE session (
  id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  token_hash    BINARY(32) NOT NULL,
  user_id       BIGINT UNSIGNED NOT NULL,
  account_id    BIGINT UNSIGNED NOT NULL,
  ip            VARCHAR(45) CHARACTER SET ascii NOT NULL DEFAULT '',
  user_agent    VARCHAR(512) NOT NULL DEFAULT '',
  created_at    DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
  last_seen_at  DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
  expires_at    DATETIME(6) NOT NULL,
  UNIQUE KEY session_token (token_hash),
  KEY session_user (user_id),
  CONSTRAINT session_user FOREIGN KEY (user_id) REFERENCES user (id) ON DELETE CASCADE,
  CONSTRAINT session_account FOREIGN KEY (account_id, user_id)
    REFERENCES membership (account_id, user_id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE invitation (
  id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  account_id    BIGINT UNSIGNED NOT NULL,
  email         VARCHAR(254) NOT NULL,
  role          TINYINT UNSIGNED NOT NULL CHECK (role BETWEEN 1 AND 4),
  token_hash    BINARY(32) NOT NULL,
  invited_by    BIGINT UNSIGNED NULL,
  message       VARCHAR(1000) NOT NULL DEFAULT '',
  created_at    DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
  expires_at    DATETIME(6) NOT NULL,
  accepted_at   DATETIME(6) NULL,
  revoked_at    DATETIME(6) NULL,
  UNIQUE KEY invitation_token (token_hash),
  UNIQUE KEY invitation_email (account_id, email),
  CONSTRAINT invitation_account FOREIGN KEY (account_id) REFERENCES account (id) ON DELETE CASCADE,
  CONSTRAINT invitation_inviter FOREIGN KEY (invited_by) REFERENCES user (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE audit_log (
  id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  account_id    BIGINT UNSIGNED NULL,
  actor_id      BIGINT UNSIGNED NULL,
  action        VARCHAR(64) CHARACTER SET ascii NOT NULL,
  target        VARCHAR(255) NOT NULL DEFAULT '',
  ip            VARCHAR(45) CHARACTER SET ascii NOT NULL DEFAULT '',
  created_at    DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
  KEY audit_account_time (account_id, created_at),
  CONSTRAINT audit_account FOREIGN KEY (account_id) REFERENCES account (id) ON DELETE CASCADE,
  CONSTRAINT audit_actor FOREIGN KEY (actor_id) REFERENCES user (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- scope: 1 email, 2 client address; key_hash: SHA-256 of the key
CREATE TABLE throttle (
  scope         TINYINT UNSIGNED NOT NULL,
  key_hash      BINARY(32) NOT NULL,
  failures      INT UNSIGNED NOT NULL DEFAULT 0,
  next_at       DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
  updated_at    DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
  PRIMARY KEY (scope, key_hash)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
