/*
 * Passwords: the change form of /settings/password (current, new,
 * confirm), and the reset by mail (/password/forgot, /password/reset).
 * New passwords pass password_policy(); a change ends every other session
 * and mails a notice; a reset ends every session.  Forgot answers the
 * same, in about the same time, for known and unknown emails.
 */
#include <ctype.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "../arena.h"
#include "../audit.h"
#include "../db.h"
#include "../decode.h"
#include "../hash.h"
#include "../input.h"
#include "../limits.h"
#include "../log.h"
#include "../mail.h"
#include "../rc.h"
#include "../request.h"
#include "../session.h"
#include "../text.h"
#include "../throttle.h"
#include "../token.h"
#include "../twofa.h"
#include "../valid.h"
#include "../xml.h"

#define SENT	"If %s has a Steward login, a link to set a new password is " \
		"on its way. It works once, within 1 hour."

/* <password-rules>: what the form says about a new password. */
static void
add_rules(struct req *r)
{
	xmlNodePtr	 n = xml_el(r->root, "password-rules", NULL);

	xml_attr_i(n, "min", MIN_PASSWORD_CHARS);
	xml_attr_i(n, "max", MAX_PASSWORD_CHARS);
}

/* GET /settings/password: the change form. */
int
page_password(struct req *r)
{
	if (xml_page(r, "password") == NULL)
		return -1;
	add_rules(r);
	return 0;
}

/* Re-draws the change form with one error (status 422 or 429). */
static int
change_refuse(struct req *r, int status, const char *field, const char *msg)
{
	r->status = status;
	if (xml_page(r, "password") == NULL)
		return -1;
	xml_error(r, field, msg);
	add_rules(r);
	return 0;
}

/*
 * The sentence against a new password and its confirmation (NULL when
 * both are fine), with the field it belongs to in *field.
 */
static const char *
new_password_problem(const char *pw, const char *confirm, const char *email,
    const char **field)
{
	const char	*why;

	*field = "new_password";
	if (pw == NULL || *pw == '\0')
		return "Enter a new password.";
	if ((why = password_policy(pw, strlen(pw), email)) != NULL)
		return why;
	*field = "confirm";
	if (confirm == NULL || strcmp(pw, confirm) != 0)
		return "The two new passwords are not the same.";
	return NULL;
}

/* The notice that a password changed. */
static void
changed_notice(struct req *r, const char *email, const char *name,
    const char *how)
{
	mail_notice(email, name, "Your Steward password was changed",
	    arena_printf(r->a,
	    "Hello,\n\n"
	    "The password of your Steward login %s was %s from the address "
	    "%s; your other sessions were signed out.\n\n"
	    "If this was not you, reset your password now:\n"
	    "%s/password/forgot\n"
	    "and tell an Admin of your organization.\n",
	    email, how, r->ip, req_client_origin(r)));
}

/*
 * POST /settings/password (password, new_password, confirm): 303 back
 * with a flash; the session gets a new token and every other session
 * ends.  422 for a refused new password, a confirmation that differs or
 * a wrong current password (counted like a failed sign-in), 429 while
 * throttled, 503 without a database or hashing slot.
 */
int
page_password_post(struct req *r)
{
	const char	*cur = kv_get(&r->form, "password");
	const char	*pw = kv_get(&r->form, "new_password");
	const char	*why, *field;
	char		 enc[256];
	enum pw_result	 pr;

	if ((why = new_password_problem(pw, kv_get(&r->form, "confirm"),
	    r->s->email, &field)) != NULL)
		return change_refuse(r, 422, field, why);
	if (current_password(r, cur, &why) == -1)
		return why == NULL ? -1 : change_refuse(r, r->retry_after ? 429 :
		    422, "password", why);
	if ((pr = password_hash(pw, strlen(pw), enc, sizeof(enc))) != PW_OK) {
		r->status = 503;
		return -1;
	}
	if (db_begin(r->db) != RC_OK)
		goto down;
	if (db_exec(r->db, r->a, STMT_USER_SET_HASH, NULL, NULL, NULL, "su",
	    enc, r->s->user_id) != RC_OK ||
	    db_exec(r->db, r->a, STMT_SESSION_END_OTHERS, NULL, NULL, NULL, "uu",
	    r->s->user_id, r->s->id) != RC_OK ||
	    session_drop(r) != RC_OK ||
	    session_create(r, r->s->user_id, r->s->account_id) != RC_OK ||
	    audit_req(r, "password.change", "") != RC_OK || db_commit(r->db) != RC_OK) {
		db_rollback(r->db);
		r->ncookies_out = 0;
		goto down;
	}
	changed_notice(r, r->s->email, r->s->user_name, "changed");
	req_flash(r, "ok", "Your password was changed. Your other sessions "
	    "were signed out.");
	req_redirect(r, "/settings/password");
	return 0;
down:
	r->status = 503;
	return -1;
}

/* ---------------------------------------------------------- forgot */

/* Draws the forgot form (signed-out layout) with status and an error. */
static int
forgot_render(struct req *r, int status, const char *err, const char *email)
{
	xmlNodePtr	 n;

	if (r->s == NULL)
		session_pre(r);
	r->status = status;
	if (xml_page(r, "forgot") == NULL)
		return -1;
	if (err != NULL)
		xml_error(r, status == 422 ? "email" : NULL, err);
	n = xml_el(r->root, "forgot", NULL);
	xml_attr(n, "email", email ? email : "");
	return 0;
}

/* GET /password/forgot. */
int
page_forgot(struct req *r)
{
	return forgot_render(r, 200, NULL, NULL);
}

/* Microseconds of the monotonic clock. */
static long long
mono_us(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* Sleeps until FORGOT_MIN_US after t0. */
static void
pad_until(long long t0)
{
	long long	 left = t0 + FORGOT_MIN_US - mono_us();
	struct timespec	 ts;

	if (left <= 0)
		return;
	ts.tv_sec = (time_t)(left / 1000000);
	ts.tv_nsec = (long)(left % 1000000) * 1000;
	while (nanosleep(&ts, &ts) == -1)
		;
}

/*
 * For a known user: a reset link (token stored hashed, 1 hour), audited,
 * mailed; all or nothing.  Returns 0, or -1 (nothing stored).
 */
static int
forgot_known(struct req *r, uint64_t user, const char *email,
    const char *name)
{
	char		 tok[TOKEN_B64_LEN + 1], err[256];
	unsigned char	 hash[HASH_BYTES];
	xmlNodePtr	 m;
	int		 rc = -1;

	token_new(tok);
	token_hash(tok, hash);
	if (db_begin(r->db) != RC_OK)
		goto out;
	if (db_exec(r->db, r->a, STMT_RESET_NEW, NULL, NULL, NULL, "ubsi", user,
	    hash, sizeof(hash), r->ip, (long long)RESET_TTL) != RC_OK ||
	    audit(r->db, first_account(r->db, r->a, user), user,
	    "password.reset.request", email, r->ip) != RC_OK)
		goto fail;
	m = mail_doc("password-reset", email, name, "Set a new Steward password");
	xml_attr(xml_el(m, "login", NULL), "email", email);
	xml_attr(xml_el(m, "client", NULL), "ip", r->ip);
	xml_attr(xml_el(m, "link", NULL), "href", arena_printf(r->a,
	    "%s/password/reset?token=%s", req_client_origin(r), tok));
	if (mail_send_doc(m, err, sizeof(err)) == -1) {
		log_error("reset mail to %s: %s", email, err);
		goto fail;
	}
	if (db_commit(r->db) != RC_OK)
		goto out;
	rc = 0;
	goto out;
fail:
	db_rollback(r->db);
out:
	sodium_memzero(tok, sizeof(tok));
	return rc;
}

/* For an unknown email: a mail that says there is no login (audited). */
static int
forgot_unknown(struct req *r, const char *email)
{
	xmlNodePtr	 m;
	char		 err[256];

	(void)audit(r->db, 0, 0, "password.reset.unknown", email, r->ip);
	m = mail_doc("password-unknown", email, NULL, "Set a new Steward password");
	xml_attr(xml_el(m, "login", NULL), "email", email);
	xml_attr(xml_el(m, "client", NULL), "ip", r->ip);
	if (mail_send_doc(m, err, sizeof(err)) == -1) {
		log_error("reset mail to %s: %s", email, err);
		return -1;
	}
	return 0;
}

/*
 * POST /password/forgot (email): the same 303 to /login with the same
 * flash, after at least FORGOT_MIN_US, whether or not the email has a
 * login; each request is throttled per email and per client.  422 for an
 * address that is not one, 429 while throttled, 503 when the database or
 * the mail fails.
 */
int
page_forgot_post(struct req *r)
{
	long long	 t0 = mono_us();
	char		*email = email_normalise(r->a, kv_get(&r->form, "email"));
	const char	*key;
	struct dbres	 res;
	int		 wait, rc;

	if (email == NULL)
		return -1;
	if (*email == '\0')
		return forgot_render(r, 422, "Enter your email address.", email);
	if (!valid_check(VALID_EMAIL, email, strlen(email)))
		return forgot_render(r, 422, valid_message(VALID_EMAIL),
		    kv_get(&r->form, "email"));
	key = arena_printf(r->a, "forgot:%s", email);
	if (key == NULL || (wait = throttle_wait(r, key)) < 0)
		goto down;
	if (wait > 0) {
		r->retry_after = wait;
		return forgot_render(r, 429, arena_printf(r->a, "Too many "
		    "requests. Try again in %d seconds.", wait), email);
	}
	(void)throttle_fail(r, key);
	if (db_exec(r->db, r->a, STMT_USER_BY_EMAIL, &res, NULL, NULL, "s",
	    email) != RC_OK)
		goto down;
	rc = res.nrows == 1 ? forgot_known(r, db_u64(&res, 0, 0), email,
	    db_cell(&res, 0, 2)) : forgot_unknown(r, email);
	pad_until(t0);
	if (rc == -1)
		return forgot_render(r, 503, "The mail could not be sent. Try "
		    "again in a moment.", email);
	req_flash(r, "ok", arena_printf(r->a, SENT, email));
	req_redirect(r, "/login");
	return 0;
down:
	r->status = 503;
	return -1;
}

/* ----------------------------------------------------------- reset */

/*
 * Draws the reset form for token (valid: the link works; email: whose it
 * is) with status; errors are added by the caller.
 */
static int
reset_render(struct req *r, int status, const char *token, int valid,
    const char *email)
{
	xmlNodePtr	 n;

	if (r->s == NULL)
		session_pre(r);
	r->status = status;
	if (r->doc == NULL && xml_page(r, "reset") == NULL)
		return -1;
	n = xml_el(r->root, "reset", NULL);
	xml_attr(n, "token", valid ? token : "");
	xml_attr_yes(n, "valid", valid);
	xml_attr(n, "email", valid && email ? email : "");
	add_rules(r);
	return 0;
}

/* GET /password/reset?token=: the form, or 404 when the link is dead. */
int
page_reset(struct req *r)
{
	const char	*token = kv_get(&r->query, "token");
	struct dbres	 res;

	if (token_lookup(r, token, STMT_RESET_GET, &res) != RC_OK) {
		r->status = 503;
		return -1;
	}
	if (res.nrows != 1)
		return reset_render(r, 404, NULL, 0, NULL);
	return reset_render(r, 200, token, 1, db_cell(&res, 0, 2));
}

/*
 * POST /password/reset (token, new_password, confirm): sets the password,
 * uses up every open link of the user, ends all their sessions, forgets
 * their failed sign-ins (and a lock-out), audits, mails a notice, and
 * answers 303 to
 * /login.  404 for a dead link, 422 for a refused password (the form
 * keeps the link), 503 without a database.
 */
int
page_reset_post(struct req *r)
{
	const char	*token = kv_get(&r->form, "token");
	const char	*pw = kv_get(&r->form, "new_password"), *why, *field;
	const char	*email, *name;
	struct dbres	 res;
	char		 enc[256];
	uint64_t	 user;

	if (token_lookup(r, token, STMT_RESET_GET, &res) != RC_OK)
		goto down;
	if (res.nrows != 1)
		return reset_render(r, 404, NULL, 0, NULL);
	email = db_cell(&res, 0, 2);
	if ((why = new_password_problem(pw, kv_get(&r->form, "confirm"),
	    email, &field)) != NULL) {
		if (r->s == NULL)
			session_pre(r);
		if (xml_page(r, "reset") == NULL)
			return -1;
		xml_error(r, field, why);
		return reset_render(r, 422, token, 1, email);
	}
	if (password_hash(pw, strlen(pw), enc, sizeof(enc)) != PW_OK)
		goto down;
	if (db_begin(r->db) != RC_OK)
		goto down;
	if (token_lookup(r, token, STMT_RESET_LOCK, &res) != RC_OK)
		goto fail;
	if (res.nrows != 1) {		/* used by a request that came first */
		db_rollback(r->db);
		return reset_render(r, 404, NULL, 0, NULL);
	}
	user = db_u64(&res, 0, 1);
	email = db_cell(&res, 0, 2);
	name = db_cell(&res, 0, 3);
	if (db_exec(r->db, r->a, STMT_USER_SET_HASH, NULL, NULL, NULL, "su",
	    enc, user) != RC_OK ||
	    db_exec(r->db, r->a, STMT_RESET_USE, NULL, NULL, NULL, "u",
	    user) != RC_OK ||
	    db_exec(r->db, r->a, STMT_SESSION_END_ALL, NULL, NULL, NULL, "u",
	    user) != RC_OK ||
	    throttle_forget(r->db, r->a, "email", email) != RC_OK ||
	    db_exec(r->db, r->a, STMT_USER_UNLOCK, NULL, NULL, NULL, "s",
	    email) != RC_OK ||
	    audit(r->db, first_account(r->db, r->a, user), user,
	    "password.reset", email, r->ip) != RC_OK ||
	    db_commit(r->db) != RC_OK)
		goto fail;
	changed_notice(r, email, name, "reset through the link mailed to you");
	if (r->s != NULL && r->s->user_id == user) {
		(void)session_end(r);	/* the row is gone; drops the cookie */
		r->s = NULL;
	}
	req_flash(r, "ok", "Your new password is set, and every session of "
	    "your login was signed out. Sign in with the new password.");
	req_redirect(r, "/login");
	return 0;
fail:
	db_rollback(r->db);
down:
	r->status = 503;
	return -1;
}
