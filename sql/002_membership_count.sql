-- A counter of each user's memberships, kept by triggers, so that a page
-- needs the account-switcher query only for people in several accounts
-- (DESIGN §7: keep counters).  Cascaded deletes do not fire triggers, so
-- the count can be too high, never too low: "> 1" stays a safe test.

ALTER TABLE user ADD COLUMN memberships INT UNSIGNED NOT NULL DEFAULT 0;

UPDATE user u SET memberships =
  (SELECT COUNT(*) FROM membership m WHERE m.user_id = u.id);

CREATE TRIGGER membership_count_ins AFTER INSERT ON membership FOR EACH ROW
  UPDATE user SET memberships = memberships + 1 WHERE id = NEW.user_id;

CREATE TRIGGER membership_count_del AFTER DELETE ON membership FOR EACH ROW
  UPDATE user SET memberships = GREATEST(memberships, 1) - 1 WHERE id = OLD.user_id;
