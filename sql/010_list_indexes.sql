-- The Users page on indexes (issue 14): the member list reads one index
-- per sort order instead of sorting the whole account in a temporary table.
--
-- * membership.sort_name, .email, .last_login_at: copies of the member's
--   user row (the name shown, else the email; the email; the last
--   sign-in), so that an index of membership can serve every sort of the
--   list.  Kept by triggers: set when a membership is made, rewritten when
--   the user's name, email or last sign-in changes.
-- * One index per sort order, in the list's exact order (ties by email; an
--   email is unique among members, so the order is total).  Descending
--   parts where the natural order mixes directions (role, last sign-in,
--   name and since reversed: their ties stay A to Z by email).

ALTER TABLE membership
  ADD COLUMN sort_name VARCHAR(254) NOT NULL DEFAULT '',
  ADD COLUMN email VARCHAR(254) NOT NULL DEFAULT '',
  ADD COLUMN last_login_at DATETIME(6) NULL;

UPDATE membership m JOIN user u ON u.id = m.user_id
  SET m.sort_name = COALESCE(NULLIF(u.name, ''), u.email),
      m.email = u.email, m.last_login_at = u.last_login_at;

ALTER TABLE membership
  ADD KEY membership_name (account_id, sort_name, email),
  ADD KEY membership_name_desc (account_id, sort_name DESC, email),
  ADD KEY membership_email (account_id, email),
  ADD KEY membership_role (account_id, role, email),
  ADD KEY membership_role_desc (account_id, role DESC, email),
  ADD KEY membership_login (account_id, last_login_at, email),
  ADD KEY membership_login_desc (account_id, last_login_at DESC, email),
  ADD KEY membership_since (account_id, created_at, email),
  ADD KEY membership_since_desc (account_id, created_at DESC, email);

CREATE TRIGGER membership_copy_ins BEFORE INSERT ON membership FOR EACH ROW
  SET NEW.sort_name = (SELECT COALESCE(NULLIF(name, ''), email) FROM user
                        WHERE id = NEW.user_id),
      NEW.email = (SELECT email FROM user WHERE id = NEW.user_id),
      NEW.last_login_at = (SELECT last_login_at FROM user
                            WHERE id = NEW.user_id);

CREATE TRIGGER membership_copy_upd AFTER UPDATE ON user FOR EACH ROW
  IF NOT (NEW.name <=> OLD.name AND NEW.email <=> OLD.email
          AND NEW.last_login_at <=> OLD.last_login_at) THEN
    UPDATE membership
       SET sort_name = COALESCE(NULLIF(NEW.name, ''), NEW.email),
           email = NEW.email, last_login_at = NEW.last_login_at
     WHERE user_id = NEW.id;
  END IF;
