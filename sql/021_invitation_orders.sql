-- The Users page's invitations on indexes (issue 14), as its members are
-- (010, 011): each order the list offers reads an index of the account's
-- pending invitations (accepted_at and revoked_at NULL) in that order and
-- stops at the page, instead of sorting all of them on every view.  An
-- account keeps one invitation an address (invitation_email), expired
-- ones included, so they grow with every address ever invited.
--
-- * by email (both ways: an address is unique in the account, so the id
--   never decides and the index is read backwards);
-- * by role, Admins first and the other way, then by email;
-- * by sent, oldest and newest first, then by email: a bulk invite sends
--   its invitations within one timestamp, so the email decides among
--   them.  invitation_pending gains the email for it; the page's check
--   for any pending invitation reads its prefix as before.
-- * invitation_open: the page's count of open (unexpired) invitations,
--   up to 1,000, from the index alone; it read each row for expires_at.
ALTER TABLE invitation
  DROP KEY invitation_pending,
  ADD KEY invitation_pending
    (account_id, accepted_at, revoked_at, created_at, email),
  ADD KEY invitation_list_sent_desc
    (account_id, accepted_at, revoked_at, created_at DESC, email),
  ADD KEY invitation_list_email (account_id, accepted_at, revoked_at, email),
  ADD KEY invitation_list_role (account_id, accepted_at, revoked_at, role, email),
  ADD KEY invitation_list_role_desc
    (account_id, accepted_at, revoked_at, role DESC, email),
  ADD KEY invitation_open (account_id, accepted_at, revoked_at, expires_at);
