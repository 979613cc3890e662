/*
 * Sign in and sign out (DESIGN §8).  A sign-in answers the same way and
 * costs the same Argon2id time whether or not the email exists; failures
 * are throttled per email and per client address and audited.
 */
#include <ctype.h>
#include <string.h>

#include "../arena.h"
#include "../audit.h"
#include "../conf.h"
#include "../db.h"
#include "../decode.h"
#include "../hash.h"
#include "../input.h"
#include "../limits.h"
#include "../rc.h"
#include "../request.h"
#include "../session.h"
#include "../text.h"
#include "../throttle.h"
#include "../twofa.h"
#include "../valid.h"
#include "../xml.h"

#define WRONG	"Email or password is incorrect."

/*
 * Draws the sign-in form with status, an optional error (field NULL:
 * about the whole form) and the email typed so far.
 */
static int
login_render(struct req *r, int status, const char *field, const char *err,
    const char *email, const char *next)
{
	xmlNodePtr	 n;

	session_pre(r);
	r->status = status;
	if (xml_page(r, "login") == NULL)
		return -1;
	if (err != NULL)
		xml_error(r, field, err);
	n = xml_el(r->root, "login", NULL);
	xml_attr(n, "email", email);
	xml_attr(n, "next", next);
	return 0;
}

/* GET /login: the form; a signed-in visitor goes to the overview. */
int
page_login(struct req *r)
{
	if (r->s != NULL) {
		req_redirect(r, "/settings");
		return 0;
	}
	return login_render(r, 200, NULL, NULL, "",
	    next_path(kv_get(&r->query, "next")));
}

/*
 * Signs user in to their first account: a new session (the old one, if
 * any, ends), audited, in one transaction.  With 2-step verification on,
 * the session only waits for the second step (/login/verify, at most
 * VERIFY_TTL seconds) and the email's failures are forgotten only after
 * it.  Returns 0 or -1 (status set).
 */
static int
login_start(struct req *r, uint64_t user, const char *email, const char *next,
    int totp)
{
	struct dbres	 res;
	uint64_t	 account;
	enum stage	 stage = totp ? STAGE_VERIFY : STAGE_FULL;

	if (db_exec(r->db, r->a, STMT_FIRST_MEMBERSHIP, &res, NULL, NULL, "u",
	    user) != RC_OK) {
		r->status = 503;
		return -1;
	}
	if (res.nrows == 0)
		return login_render(r, 422, NULL, "This login has no access to "
		    "any account any more. Ask an Admin for an invitation.",
		    email, next);
	account = db_u64(&res, 0, 0);
	if (db_begin(r->db) != RC_OK)
		goto fail;
	/* The user row is locked first: the session and audit inserts take
	 * shared locks on it (foreign keys), and two sign-ins of one user
	 * that took those first would deadlock on the update. */
	if (db_exec(r->db, r->a, STMT_USER_LOGGED_IN, NULL, NULL, NULL, "u",
	    user) != RC_OK || session_drop(r) != RC_OK ||
	    session_create_stage(r, user, account, stage, totp ? VERIFY_TTL :
	    conf.session_max) != RC_OK ||
	    audit(r->db, account, user, totp ? "login.password" : "login",
	    email, r->ip) != RC_OK ||
	    (!totp && throttle_clear(r, email) != RC_OK)) {
		db_rollback(r->db);
		goto fail;
	}
	if (db_commit(r->db) != RC_OK)
		goto fail;
	req_redirect(r, totp ? verify_location(r->a, next) : next);
	return 0;
fail:
	r->ncookies_out = 0;
	r->status = 503;
	return -1;
}

/* Stores a new hash when the stored one has outdated parameters. */
static void
rehash(struct req *r, uint64_t user, const char *pw, const char *old)
{
	char	 enc[256];

	if (!password_needs_rehash(old) ||
	    password_hash(pw, strlen(pw), enc, sizeof(enc)) != PW_OK)
		return;
	(void)db_exec(r->db, r->a, STMT_USER_SET_HASH, NULL, NULL, NULL, "su",
	    enc, user);
}

/*
 * POST /login: 303 to next on success; 422 for a wrong email or password
 * (the same answer for unknown emails), 429 while throttled, 503 when the
 * database or the hashing slots are busy.
 */
int
page_login_post(struct req *r)
{
	const char	*email = email_normalise(r->a, kv_get(&r->form, "email"));
	const char	*pw = kv_get(&r->form, "password");
	const char	*next = next_path(kv_get(&r->form, "next"));
	const char	*hash;
	struct dbres	 res;
	uint64_t	 user = 0;
	enum pw_result	 pr;
	int		 wait, totp = 0;

	if (email == NULL)
		return -1;
	if (!valid_check(VALID_EMAIL, email, strlen(email)))
		return login_render(r, 422, "email", valid_message(VALID_EMAIL),
		    kv_get(&r->form, "email"), next);
	if (pw == NULL || *pw == '\0')
		return login_render(r, 422, "password", "Enter your password.",
		    email, next);
	if ((wait = throttle_wait(r, email)) < 0) {
		r->status = 503;
		return -1;
	}
	if (wait > 0) {
		r->retry_after = wait;
		return login_render(r, 429, NULL, arena_printf(r->a,
		    "Too many attempts. Try again in %d seconds.", wait),
		    email, next);
	}
	if (db_exec(r->db, r->a, STMT_USER_BY_EMAIL, &res, NULL, NULL, "s",
	    email) != RC_OK) {
		r->status = 503;
		return -1;
	}
	hash = password_dummy_hash();
	if (res.nrows == 1) {
		user = db_u64(&res, 0, 0);
		hash = db_cell(&res, 0, 1);
		totp = db_u64(&res, 0, 3) != 0;
	}
	pr = valid_check(VALID_LOGIN_PASSWORD, pw, strlen(pw)) ?
	    password_verify(hash, pw, strlen(pw)) : PW_MISMATCH;
	if (pr == PW_BUSY) {
		r->status = 503;
		return -1;
	}
	if (user == 0 || pr != PW_OK) {
		(void)throttle_fail(r, email);
		(void)audit(r->db, 0, user, "login.failed", email, r->ip);
		if (user != 0)
			lockout_check(r, user, email);
		return login_render(r, 422, NULL, WRONG, email, next);
	}
	rehash(r, user, pw, hash);
	return login_start(r, user, email, next, totp);
}

/* POST /logout: ends this session (audited) and goes to the sign-in page. */
int
page_logout_post(struct req *r)
{
	(void)audit_req(r, "logout", "");
	if (session_end(r) != RC_OK) {
		r->status = 503;
		return -1;
	}
	r->s = NULL;
	r->csrf[0] = '\0';
	req_flash(r, "ok", "You have signed out.");
	req_redirect(r, "/login");
	return 0;
}
