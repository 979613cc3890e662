-- `./steward bench`: the PHP-FPM + PDO comparison page's own small database,
-- shaped like Steward's (organization, account, user, membership, session),
-- with 1,000 members, so the baseline does not depend on Steward's schema.
-- Idempotent; the session token is "bench-session-token".
CREATE DATABASE IF NOT EXISTS steward_phpbench CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
USE steward_phpbench;

CREATE TABLE IF NOT EXISTS organization (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name VARCHAR(120) NOT NULL
) ENGINE=InnoDB;
CREATE TABLE IF NOT EXISTS account (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  org_id BIGINT UNSIGNED NOT NULL,
  public_id CHAR(12) CHARACTER SET ascii NOT NULL,
  name VARCHAR(120) NOT NULL,
  region VARCHAR(8) NOT NULL,
  timezone VARCHAR(64) NOT NULL,
  UNIQUE KEY (public_id),
  FOREIGN KEY (org_id) REFERENCES organization (id)
) ENGINE=InnoDB;
CREATE TABLE IF NOT EXISTS user (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  email VARCHAR(254) NOT NULL,
  name VARCHAR(100) NOT NULL,
  UNIQUE KEY (email)
) ENGINE=InnoDB;
CREATE TABLE IF NOT EXISTS membership (
  account_id BIGINT UNSIGNED NOT NULL,
  user_id BIGINT UNSIGNED NOT NULL,
  role TINYINT UNSIGNED NOT NULL,
  PRIMARY KEY (account_id, user_id),
  KEY (user_id),
  FOREIGN KEY (account_id) REFERENCES account (id),
  FOREIGN KEY (user_id) REFERENCES user (id)
) ENGINE=InnoDB;
CREATE TABLE IF NOT EXISTS session (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  token_hash BINARY(32) NOT NULL,
  user_id BIGINT UNSIGNED NOT NULL,
  account_id BIGINT UNSIGNED NOT NULL,
  last_seen_at DATETIME(6) NOT NULL,
  expires_at DATETIME(6) NOT NULL,
  UNIQUE KEY (token_hash),
  FOREIGN KEY (account_id, user_id) REFERENCES membership (account_id, user_id)
) ENGINE=InnoDB;

INSERT IGNORE INTO organization (id, name) VALUES (1, 'Bench Organization');
INSERT IGNORE INTO account (id, org_id, public_id, name, region, timezone) VALUES
  (1, 1, 'W8R-K4Z-7Q2M', 'Bench app', 'eu1', 'Europe/Berlin'),
  (2, 1, 'K2P-9XQ-4TZ1', 'Second app', 'us1', 'America/New_York');
INSERT IGNORE INTO user (id, email, name) VALUES (1, 'bench@example.com', 'Bench Admin');
INSERT IGNORE INTO user (email, name)
  SELECT CONCAT('bench-member-', seq, '@example.com'), CONCAT('Bench Member ', seq) FROM seq_1_to_1000;
INSERT IGNORE INTO membership (account_id, user_id, role) VALUES (1, 1, 4), (2, 1, 3);
INSERT IGNORE INTO membership (account_id, user_id, role)
  SELECT 1, u.id, 1 + seq MOD 3 FROM seq_1_to_1000
    JOIN user u ON u.email = CONCAT('bench-member-', seq, '@example.com');
DELETE FROM session WHERE token_hash = UNHEX(SHA2('bench-session-token', 256));
INSERT INTO session (token_hash, user_id, account_id, last_seen_at, expires_at)
  VALUES (UNHEX(SHA2('bench-session-token', 256)), 1, 1, UTC_TIMESTAMP(6),
          UTC_TIMESTAMP(6) + INTERVAL 1 DAY);
