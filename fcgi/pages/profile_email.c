/*
 * Changing the sign-in email: asked for on the Profile page with the
 * current password, it takes effect only when the link mailed to the new
 * address is followed (/email/confirm, a POST from the page the link
 * opens, so that mail scanners following links change nothing).  The old
 * address is told at both steps.  Whether the new address is taken is
 * only said to the holder of the link.
 */
#include <ctype.h>
#include <string.h>

#include <sodium.h>

#include "../arena.h"
#include "../audit.h"
#include "../db.h"
#include "../decode.h"
#include "../input.h"
#include "../limits.h"
#include "../log.h"
#include "../mail.h"
#include "../rc.h"
#include "../request.h"
#include "../session.h"
#include "../text.h"
#include "../token.h"
#include "../twofa.h"
#include "../valid.h"
#include "../xml.h"

/* Re-draws the profile with one error on the email form (422/429/503). */
static int
email_refuse(struct req *r, int status, const char *field, const char *msg,
    const char *typed)
{
	r->status = status;
	if (xml_page(r, "profile") == NULL)
		return -1;
	xml_error(r, field, msg);
	return profile_render(r, "email", NULL, NULL, typed);
}

/* The mail with the confirmation link, to the new address. */
static int
link_mail(struct req *r, const char *to, const char *tok)
{
	xmlNodePtr	 m, n;
	char		 err[256];

	m = mail_doc("email-confirm", to, r->s->user_name,
	    "Confirm your new Steward sign-in email");
	n = xml_el(m, "change", NULL);
	xml_attr(n, "name", r->s->user_name);
	xml_attr(n, "from", r->s->email);
	xml_attr(n, "to", to);
	xml_attr(xml_el(m, "link", NULL), "href", arena_printf(r->a,
	    "%s/email/confirm?token=%s", req_client_origin(r), tok));
	if (mail_send_doc(m, err, sizeof(err)) == -1) {
		log_error("email-change mail to %s: %s", to, err);
		return -1;
	}
	return 0;
}

/*
 * POST /settings/profile/email (email, password): stores the change
 * (token hashed, 24 hours; an earlier pending one is replaced), mails the
 * link to the new address and a notice to the old one; 303 back.  422 for
 * an empty, malformed or unchanged address or a wrong password, 429 while
 * throttled, 503 when the database or the mail fails (nothing stored).
 */
int
page_email_post(struct req *r)
{
	const char	*typed = kv_get(&r->form, "email"), *why;
	char		*email = email_normalise(r->a, typed);
	char		 tok[TOKEN_B64_LEN + 1];
	unsigned char	 hash[HASH_BYTES];

	if (email == NULL)
		return -1;
	if (*email == '\0')
		return email_refuse(r, 422, "email", "Enter the new email address.",
		    "");
	if (!valid_check(VALID_EMAIL, email, strlen(email)))
		return email_refuse(r, 422, "email", valid_message(VALID_EMAIL),
		    typed);
	if (strcmp(email, r->s->email) == 0)
		return email_refuse(r, 422, "email", "This is your email address "
		    "already.", typed);
	if (current_password(r, kv_get(&r->form, "password"), &why) == -1)
		return why == NULL ? -1 : email_refuse(r, r->retry_after ? 429 :
		    422, "password", why, email);
	token_new(tok);
	token_hash(tok, hash);
	if (db_begin(r->db) != RC_OK)
		goto down;
	if (db_exec(r->db, r->a, STMT_EMAIL_CHANGE_CLEAR, NULL, NULL, NULL, "u",
	    r->s->user_id) != RC_OK ||
	    db_exec(r->db, r->a, STMT_EMAIL_CHANGE_NEW, NULL, NULL, NULL, "ussbi",
	    r->s->user_id, r->s->email, email, hash, sizeof(hash),
	    (long long)EMAIL_CHANGE_TTL) != RC_OK ||
	    audit_req(r, "email.change.request",
	    email) != RC_OK) {
		db_rollback(r->db);
		goto down;
	}
	if (link_mail(r, email, tok) == -1) {
		db_rollback(r->db);
		sodium_memzero(tok, sizeof(tok));
		return email_refuse(r, 503, NULL, "The confirmation mail could "
		    "not be sent, so nothing was changed. Try again later.", email);
	}
	sodium_memzero(tok, sizeof(tok));
	if (db_commit(r->db) != RC_OK)
		goto down;
	mail_notice(r->s->email, r->s->user_name, "A change of your Steward email was "
	    "asked for", arena_printf(r->a,
	    "Hello,\n\n"
	    "Someone signed in as %s asked, from the address %s, to sign in "
	    "with %s instead. Nothing changes unless the link mailed to %s is "
	    "followed within 24 hours.\n\n"
	    "If this was not you, change your password now:\n%s/settings/password\n",
	    r->s->email, r->ip, email, email, req_client_origin(r)));
	req_flash(r, "ok", arena_printf(r->a, "We sent a link to %s. Your "
	    "email changes when you follow it.", email));
	req_redirect(r, "/settings/profile");
	return 0;
down:
	r->status = 503;
	return -1;
}

/* Draws the confirm page for token with status; the rest from res. */
static int
confirm_render(struct req *r, int status, const char *token,
    const struct dbres *res)
{
	xmlNodePtr	 n;
	int		 valid = res != NULL && res->nrows == 1;

	if (r->s == NULL)
		session_pre(r);
	r->status = status;
	if (r->doc == NULL && xml_page(r, "email-confirm") == NULL)
		return -1;
	n = xml_el(r->root, "email-confirm", NULL);
	xml_attr_yes(n, "valid", valid);
	xml_attr(n, "token", valid ? token : "");
	xml_attr(n, "from", valid ? db_cell(res, 0, 2) : "");
	xml_attr(n, "to", valid ? db_cell(res, 0, 3) : "");
	return 0;
}

/* GET /email/confirm?token=: the confirm button, or 404 for a dead link. */
int
page_email_confirm(struct req *r)
{
	const char	*token = kv_get(&r->query, "token");
	struct dbres	 res;

	if (token_lookup(r, token, STMT_EMAIL_CHANGE_GET, &res) != RC_OK) {
		r->status = 503;
		return -1;
	}
	return confirm_render(r, res.nrows == 1 ? 200 : 404, token, &res);
}

/*
 * POST /email/confirm (token): the login's email becomes the new one
 * (the link used up, audited, the old address told); 303 to the profile
 * when signed in, else to /login.  404 for a dead link or a login whose
 * email changed since, 422 when the new address is taken meanwhile, 503
 * without a database.
 */
int
page_email_confirm_post(struct req *r)
{
	const char	*token = kv_get(&r->form, "token");
	struct dbres	 res;
	uint64_t	 n = 0, user;
	int		 rc;

	if (db_begin(r->db) != RC_OK)
		goto down;
	if (token_lookup(r, token, STMT_EMAIL_CHANGE_LOCK, &res) != RC_OK)
		goto fail;
	if (res.nrows != 1) {
		db_rollback(r->db);
		return confirm_render(r, 404, NULL, NULL);
	}
	user = db_u64(&res, 0, 1);
	rc = db_exec(r->db, r->a, STMT_USER_SET_EMAIL, NULL, &n, NULL, "sus",
	    db_cell(&res, 0, 3), user, db_cell(&res, 0, 2));
	if (rc == RC_DUP || (rc == RC_OK && n == 0)) {
		db_rollback(r->db);
		if (r->s == NULL)
			session_pre(r);
		if (xml_page(r, "email-confirm") == NULL)
			return -1;
		xml_error(r, NULL, rc == RC_DUP ? "This address is used by "
		    "another Steward login now, so the change cannot be made." :
		    "The email of this login changed since the link was sent.");
		return confirm_render(r, 422, token, &res);
	}
	if (rc != RC_OK ||
	    db_exec(r->db, r->a, STMT_EMAIL_CHANGE_USE, NULL, NULL, NULL, "u",
	    db_u64(&res, 0, 0)) != RC_OK ||
	    audit(r->db, first_account(r->db, r->a, user), user, "email.change",
	    arena_printf(r->a, "%s to %s", db_cell(&res, 0, 2),
	    db_cell(&res, 0, 3)), r->ip) != RC_OK || db_commit(r->db) != RC_OK)
		goto fail;
	mail_notice(db_cell(&res, 0, 2), db_cell(&res, 0, 5), "Your Steward email "
	    "was changed", arena_printf(r->a,
	    "Hello,\n\n"
	    "Your Steward login now signs in with %s instead of %s (the link "
	    "mailed to the new address was followed from %s).\n\n"
	    "If this was not you, tell an Admin of your organization now.\n",
	    db_cell(&res, 0, 3), db_cell(&res, 0, 2), r->ip));
	req_flash(r, "ok", arena_printf(r->a, "Your sign-in email is now %s.",
	    db_cell(&res, 0, 3)));
	req_redirect(r, r->s != NULL && r->s->user_id == user ?
	    "/settings/profile" : "/login");
	return 0;
fail:
	db_rollback(r->db);
down:
	r->status = 503;
	return -1;
}
