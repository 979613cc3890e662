/*
 * POST /settings/users/invite: the invite box of the overview.  Creates
 * (or renews) an invitation with a 256-bit token stored hashed and a 7-day
 * expiry, mails the link, and audits it — all or nothing.
 */
#include <ctype.h>
#include <string.h>

#include <sodium.h>

#include "../extern.h"

/* The page to return to: a /settings page named by "back", or /settings. */
static const char *
back_to(struct req *r)
{
	const char	*b = kv_get(&r->form, "back");

	if (b != NULL && valid_check(VALID_LOCAL_PATH, b, strlen(b)) &&
	    strncmp(b, "/settings", 9) == 0 && (b[9] == '\0' || b[9] == '/'))
		return b;
	return "/settings";
}

/* Re-draws the overview with one field error and status 422 (or other). */
static int
refuse(struct req *r, int status, const char *field, const char *msg,
    const char *email, const char *role)
{
	r->status = status;
	if (xml_page(r, "settings") == NULL)
		return -1;
	xml_error(r, field, msg);
	return settings_render(r, email, role, NULL);
}

/* The invitation mail. */
static int
invite_mail(struct req *r, const char *email, enum role role,
    const char *token, char *err, size_t errlen)
{
	struct mail	 m;
	const char	*base = req_client_origin(r);

	m.to_addr = email;
	m.to_name = NULL;
	m.subject = arena_printf(r->a, "%s invited you to %s", r->s->user_name,
	    r->s->account_name);
	m.text = arena_printf(r->a,
	    "Hello,\n\n"
	    "%s (%s) invited you to join the account \"%s\" (%s) as %s.\n\n"
	    "Accept the invitation:\n%s/invitations/accept?token=%s\n\n"
	    "The link works once and expires in 7 days.\n"
	    "If you did not expect this invitation, you can ignore this mail.\n",
	    r->s->user_name, r->s->email, r->s->account_name,
	    r->s->account_public, role_label(role), base ? base : "", token);
	if (m.subject == NULL || m.text == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	return mail_send(&m, err, errlen);
}

/*
 * 303 back with a flash on success; 422 with the form refilled for a bad
 * email or role or an existing member; 403 for a role above one's own;
 * 503 when the database or the mail is unavailable (nothing is created).
 */
int
page_invite_post(struct req *r)
{
	const char	*raw = kv_get(&r->form, "email");
	const char	*rname = kv_get(&r->form, "role");
	char		*email, tok[TOKEN_B64_LEN + 1], err[256];
	const char	*domains;
	unsigned char	 hash[HASH_BYTES];
	enum role	 role;
	struct dbres	 res;
	size_t		 i, n;
	int		 rc;

	n = raw ? strlen(raw) : 0;
	while (n > 0 && isspace((unsigned char)raw[n - 1]))
		n--;
	while (n > 0 && isspace((unsigned char)*raw))
		raw++, n--;
	if ((email = arena_strndup(r->a, raw ? raw : "", n)) == NULL)
		return -1;
	for (i = 0; i < n; i++)
		email[i] = (char)tolower((unsigned char)email[i]);
	role = role_parse(rname);
	if (!valid_check(VALID_EMAIL, email, n))
		return refuse(r, 422, "email", n == 0 ? "Enter an email address." :
		    valid_message(VALID_EMAIL), raw ? raw : "",
		    role == ROLE_NONE ? NULL : rname);
	if (role == ROLE_NONE)
		return refuse(r, 422, "role", valid_message(VALID_ROLE), email,
		    NULL);
	if (!role_may_grant(r->s->role, role)) {
		r->status = 403;
		page_error(r, 403, "You cannot grant a role above your own.");
		return 0;
	}
	/* the organization's invite domains (account part) */
	if ((rc = org_invite_allowed(r->db, r->a, r->s->account_id, email,
	    &domains)) == -1) {
		r->status = 503;
		return -1;
	}
	if (rc == 0)
		return refuse(r, 422, "email", arena_printf(r->a, "Your "
		    "organization allows invitations only to addresses at %s.",
		    domains), email, rname);
	rc = db_exec(r->db, r->a, STMT_MEMBER_BY_EMAIL, &res, NULL, NULL, "us",
	    r->s->account_id, email);
	if (rc != DB_OK) {
		r->status = 503;
		return -1;
	}
	if (res.nrows > 0)
		return refuse(r, 422, "email", arena_printf(r->a,
		    "%s is already a member of this account.", email), email,
		    rname);

	token_new(tok);
	token_hash(tok, hash);
	if (db_begin(r->db) != DB_OK) {
		r->status = 503;
		return -1;
	}
	if (db_exec(r->db, r->a, STMT_INVITE_UPSERT, NULL, NULL, NULL, "usibui",
	    r->s->account_id, email, (long long)role, hash, sizeof(hash),
	    r->s->user_id, (long long)INVITE_TTL) != DB_OK ||
	    audit(r->db, r->s->account_id, r->s->user_id, "invite.send",
	    arena_printf(r->a, "%s as %s", email, role_name(role)),
	    r->ip) != DB_OK) {
		db_rollback(r->db);
		r->status = 503;
		return -1;
	}
	if (invite_mail(r, email, role, tok, err, sizeof(err)) == -1) {
		db_rollback(r->db);
		sodium_memzero(tok, sizeof(tok));
		log_error("invite mail to %s: %s", email, err);
		return refuse(r, 503, NULL, "The invitation mail could not be "
		    "sent, so no invitation was created. Try again later.",
		    email, rname);
	}
	sodium_memzero(tok, sizeof(tok));
	if (db_commit(r->db) != DB_OK) {
		r->status = 503;
		return -1;
	}
	req_flash(r, "ok", arena_printf(r->a, "Invitation sent to %s as %s.",
	    email, role_label(role)));
	req_redirect(r, back_to(r));
	return 0;
}
