-- `./steward bench`: 1,000 members for the bench account (idempotent).
-- The driver sets @account_public_id before sourcing this file. The members
-- share the bench user's password hash; nobody signs in as them.
SET @account_id = (SELECT id FROM account WHERE public_id = @account_public_id);
SET @hash = (SELECT u.password_hash FROM user u
               JOIN membership m ON m.user_id = u.id
              WHERE m.account_id = @account_id ORDER BY u.id LIMIT 1);

INSERT IGNORE INTO user (email, name, password_hash)
SELECT CONCAT('bench-member-', seq, '@example.com'), CONCAT('Bench Member ', seq), @hash
  FROM seq_1_to_1000;

-- roles 1..3: agent, member, creator (sql/001_init.sql).  The ids go
-- through a temporary table: the membership triggers update user, which
-- a statement reading user may not do (error 1442).
CREATE TEMPORARY TABLE bench_ids (id BIGINT UNSIGNED PRIMARY KEY, seq INT)
SELECT u.id, seq FROM seq_1_to_1000
  JOIN user u ON u.email = CONCAT('bench-member-', seq, '@example.com');
INSERT IGNORE INTO membership (account_id, user_id, role)
SELECT @account_id, id, 1 + seq MOD 3 FROM bench_ids;
DROP TEMPORARY TABLE bench_ids;
