-- Users, invitations and the audit log (issue 3).
--
-- * account.members: a counter of each account's memberships kept by
--   triggers, so the Users page states "1,000 members" without a COUNT(*)
--   per request (DESIGN §7).  Cascaded deletes (an account deleted) do not
--   fire triggers, and then the account is gone too.
-- * invitation.token_nonce: the invitation link's token is derived from
--   this random nonce with a key from the key file (fcgi/pages/users_invite.c),
--   so that "copy link" can show the link again while the database alone
--   holds no usable token (only its SHA-256 and the nonce).
-- * Indexes for the audit log filters (by action, by actor) and for the
--   pending invitations of an account.

ALTER TABLE account ADD COLUMN members INT UNSIGNED NOT NULL DEFAULT 0;

UPDATE account a SET members =
  (SELECT COUNT(*) FROM membership m WHERE m.account_id = a.id);

CREATE TRIGGER membership_account_ins AFTER INSERT ON membership FOR EACH ROW
  UPDATE account SET members = members + 1 WHERE id = NEW.account_id;

CREATE TRIGGER membership_account_del AFTER DELETE ON membership FOR EACH ROW
  UPDATE account SET members = GREATEST(members, 1) - 1 WHERE id = OLD.account_id;

ALTER TABLE invitation
  ADD COLUMN token_nonce BINARY(32) NULL AFTER token_hash,
  ADD KEY invitation_pending (account_id, accepted_at, revoked_at, created_at);

ALTER TABLE audit_log
  ADD KEY audit_account_action (account_id, action, created_at),
  ADD KEY audit_actor_time (actor_id, created_at);
