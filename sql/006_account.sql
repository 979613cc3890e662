-- The account part (issue 5): plans, the organization's billing state
-- (plan, period, payment card, billing contact, invoice counter), invoices
-- and their lines.  Money is integer minor units of an ISO 4217 currency;
-- billing periods are calendar months in UTC (period_start is always the
-- first day of a month).  Times are UTC.

-- tier orders the plans: a higher tier is an upgrade.
CREATE TABLE plan (
  code          VARCHAR(16) CHARACTER SET ascii NOT NULL PRIMARY KEY,
  name          VARCHAR(40) NOT NULL,
  tier          TINYINT UNSIGNED NOT NULL,
  price_minor   BIGINT UNSIGNED NOT NULL,
  currency      CHAR(3) CHARACTER SET ascii NOT NULL,
  mau           BIGINT UNSIGNED NOT NULL,
  data_points   BIGINT UNSIGNED NOT NULL,
  UNIQUE KEY plan_tier (tier)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO plan (code, name, tier, price_minor, currency, mau, data_points) VALUES
  ('free',       'Free',       1,      0, 'USD',   1000,    1000000),
  ('essentials', 'Essentials', 2,   4900, 'USD',  10000,   10000000),
  ('advanced',   'Advanced',   3,  24900, 'USD',  50000,   50000000),
  ('enterprise', 'Enterprise', 4,  99900, 'USD', 250000,  500000000);

-- Every organization (existing ones too) starts on the Free plan in the
-- current month.  invoice_next is the per-organization counter that gives
-- invoices their numbers without gaps: it is read and advanced under the
-- row lock (SELECT ... FOR UPDATE) in the transaction that issues one.
-- The card: brand, last 4 digits, expiry and holder only — never the number.
ALTER TABLE organization
  ADD COLUMN tax_id            VARCHAR(32) NOT NULL DEFAULT '',
  ADD COLUMN plan_code         VARCHAR(16) CHARACTER SET ascii NOT NULL DEFAULT 'free',
  ADD COLUMN pending_plan_code VARCHAR(16) CHARACTER SET ascii NULL,
  ADD COLUMN period_start      DATE NOT NULL DEFAULT (DATE_FORMAT(UTC_DATE(), '%Y-%m-01')),
  ADD COLUMN invoice_next      INT UNSIGNED NOT NULL DEFAULT 1,
  ADD COLUMN card_brand        VARCHAR(16) CHARACTER SET ascii NULL,
  ADD COLUMN card_last4        CHAR(4) CHARACTER SET ascii NULL,
  ADD COLUMN card_exp_month    TINYINT UNSIGNED NULL,
  ADD COLUMN card_exp_year     SMALLINT UNSIGNED NULL,
  ADD COLUMN card_holder       VARCHAR(100) NULL,
  ADD COLUMN billing_name      VARCHAR(100) NOT NULL DEFAULT '',
  ADD COLUMN billing_email     VARCHAR(254) NOT NULL DEFAULT '',
  ADD COLUMN billing_address   VARCHAR(500) NOT NULL DEFAULT '',
  ADD COLUMN billing_country   CHAR(2) NOT NULL DEFAULT '',
  ADD COLUMN billing_tax_id    VARCHAR(32) NOT NULL DEFAULT '',
  ADD KEY organization_period (period_start),
  ADD CONSTRAINT organization_plan FOREIGN KEY (plan_code) REFERENCES plan (code),
  ADD CONSTRAINT organization_pending_plan FOREIGN KEY (pending_plan_code) REFERENCES plan (code),
  ADD CONSTRAINT organization_card_last4 CHECK (card_last4 IS NULL OR card_last4 REGEXP '^[0-9]{4}$');

-- kind: 'period' (the plan for a new period, made by the period close) or
-- 'upgrade' (the prorated difference of an upgrade).  period_end is the
-- last day covered.  bill_* keep who was billed when it was issued.
CREATE TABLE invoice (
  id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  org_id        BIGINT UNSIGNED NOT NULL,
  number        INT UNSIGNED NOT NULL,
  kind          ENUM('period','upgrade') NOT NULL,
  status        ENUM('open','paid','void') NOT NULL DEFAULT 'open',
  period_start  DATE NOT NULL,
  period_end    DATE NOT NULL,
  currency      CHAR(3) CHARACTER SET ascii NOT NULL,
  total_minor   BIGINT UNSIGNED NOT NULL,
  issued_at     DATETIME(6) NOT NULL,
  due_at        DATETIME(6) NOT NULL,
  bill_name     VARCHAR(200) NOT NULL DEFAULT '',
  bill_contact  VARCHAR(100) NOT NULL DEFAULT '',
  bill_email    VARCHAR(254) NOT NULL DEFAULT '',
  bill_address  VARCHAR(500) NOT NULL DEFAULT '',
  bill_country  CHAR(2) NOT NULL DEFAULT '',
  bill_tax_id   VARCHAR(32) NOT NULL DEFAULT '',
  UNIQUE KEY invoice_number (org_id, number),
  CONSTRAINT invoice_org FOREIGN KEY (org_id) REFERENCES organization (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE invoice_line (
  invoice_id    BIGINT UNSIGNED NOT NULL,
  position      TINYINT UNSIGNED NOT NULL,
  description   VARCHAR(200) NOT NULL,
  quantity      INT UNSIGNED NOT NULL,
  unit_minor    BIGINT UNSIGNED NOT NULL,
  amount_minor  BIGINT UNSIGNED NOT NULL,
  PRIMARY KEY (invoice_id, position),
  CONSTRAINT invoice_line_invoice FOREIGN KEY (invoice_id) REFERENCES invoice (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
