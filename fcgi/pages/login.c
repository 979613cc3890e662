/*
 * /login and POST /logout: sign in and sign out (DESIGN §8).  A sign-in
 * answers the same way and costs the same Argon2id time whether or not
 * the email exists; failures are throttled per email and per client
 * address and audited.
 */
#include <string.h>

#include "../audit.h"
#include "../conf.h"
#include "../db.h"
#include "../hash.h"
#include "../input.h"
#include "../limits.h"
#include "../passwd.h"
#include "../rc.h"
#include "../request.h"
#include "../session.h"
#include "../text.h"
#include "../throttle.h"
#include "../xml.h"
#include "pages.h"

#define WRONG	"Email or password is incorrect."

/* Columns of STMT_FIRST_MEMBERSHIP_STEP. */
enum { FM_ACCOUNT, FM_PASSKEY_STEP };

/*
 * Draws the sign-in form with status, an optional error (field NULL:
 * about the whole form) and the email typed so far.  Returns RC_OK, or
 * RC_ERROR on exhaustion.
 */
int
login_render(struct req *r, int status, const char *field, const char *err,
    const char *email, const char *next)
{
	xmlNodePtr	 n;

	session_pre(r);
	r->status = status;
	if (xml_page(r, "login") == NULL)
		return RC_ERROR;
	if (err != NULL)
		xml_error(r, field, err);
	n = xml_el(r->root, "login", NULL);
	xml_attr(n, "email", email);
	xml_attr(n, "next", next);
	return RC_OK;
}

/* GET /login (next): the form; a signed-in visitor goes to the overview. */
int
page_login(struct req *r)
{
	if (r->s != NULL) {
		req_redirect(r, "/settings");
		return RC_OK;
	}
	return login_render(r, 200, NULL, NULL, "",
	    next_path(in_str(r, "next")));
}

/*
 * Starts the session of l->user in l->account: the user row locked first
 * (the session and audit inserts take shared locks on it, and two
 * sign-ins of one user that took those first would deadlock on the
 * update), the old session (if any) ended, audited.  With a second step
 * to come (l->step), the session only waits for it, at most VERIFY_TTL
 * seconds, and the email's failures are forgotten only after it.  l->how
 * names a sign-in without a password in the audit log (NULL: "login", or
 * "login.password" before the second step).  Returns an rc.
 */
static int
login_session(struct req *r, const struct login *l)
{
	int	 rc;

	if ((rc = db_exec(r->db, r->a, STMT_USER_LOGGED_IN, NULL, NULL, NULL,
	    "u", l->user)) != RC_OK || (rc = session_drop(r)) != RC_OK ||
	    (rc = session_create_stage(r, l->user, l->account, l->step ?
	    STAGE_VERIFY : STAGE_FULL, l->step ? VERIFY_TTL :
	    conf.session_max)) != RC_OK ||
	    (rc = audit(r->db, l->account, l->user, l->how != NULL ? l->how :
	    l->step ? "login.password" : "login", l->email, r->ip)) != RC_OK)
		return rc;
	return l->step ? RC_OK : throttle_clear(r, l->email);
}

/*
 * req_txn_fn (a struct login, see pages.h): signs l->user in to their
 * first account (login_session), first to the second step with l->totp,
 * or when the account's organization requires 2-step and the person has
 * a passkey (unless l->how: a passkey sign-in was both steps).  Sets
 * l->account, l->step and l->none (no account any more: nothing
 * written) afresh on every try.  Returns an rc.
 */
int
login_tx(struct req *r, void *arg)
{
	struct login	*l = arg;
	struct dbres	 res;
	int		 rc;

	l->account = 0;
	l->step = l->totp;
	l->none = 0;
	if ((rc = db_exec(r->db, r->a, STMT_FIRST_MEMBERSHIP_STEP, &res, NULL,
	    NULL, "u", l->user)) != RC_OK)
		return rc;
	if (res.nrows == 0) {
		l->none = 1;
		return RC_OK;
	}
	l->account = db_u64(&res, 0, FM_ACCOUNT);
	if (l->how == NULL && db_u64(&res, 0, FM_PASSKEY_STEP) != 0)
		l->step = 1;
	return login_session(r, l);
}

/*
 * The answer to a sign-in login_tx() committed: 303 to next (or first to
 * /login/verify for the second step); 422 when the login belongs to no
 * account any more.  Returns RC_OK, or RC_ERROR with r->status set.
 */
int
login_answer(struct req *r, const struct login *l, const char *next)
{
	if (l->none)
		return login_render(r, 422, NULL, "This login has no access to "
		    "any account any more. Ask an Admin for an invitation.",
		    l->email, next);
	req_redirect(r, l->step ? verify_location(r->a, next) : next);
	return RC_OK;
}

/*
 * Signs user in with their password (totp: they have TOTP on), then on
 * as login_answer() says; 503 without a database.  Returns RC_OK, or
 * RC_ERROR with r->status set.
 */
static int
login_start(struct req *r, uint64_t user, const char *email, const char *next,
    int totp)
{
	struct login	 l = { .user = user, .email = email, .totp = totp };

	if (req_txn(r, login_tx, &l) != RC_OK)
		return req_down(r);
	return login_answer(r, &l, next);
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
 * A wrong email or password: counted for the email and the client,
 * audited, the login locked when its failures reach the cap; the form
 * again (422), the same for unknown emails.
 */
static int
login_wrong(struct req *r, uint64_t user, const char *email, const char *next)
{
	(void)throttle_fail(r, email);
	(void)audit(r->db, 0, user, "login.failed", email, r->ip);
	if (user != 0)
		lockout_check(r, user, email);
	return login_render(r, 422, NULL, WRONG, email, next);
}

/*
 * POST /login (email, password, next): 303 to next on success; 422 for a
 * wrong email or password (the same answer for unknown emails), 429
 * while throttled, 503 when the database or the hashing slots are busy.
 */
int
page_login_post(struct req *r)
{
	const char	*next = next_path(in_str(r, "next"));
	const char	*pw = in_str(r, "password"), *email, *hash, *why;
	struct dbres	 res;
	uint64_t	 user = 0;
	enum pw_result	 pr;
	int		 wait, totp = 0;

	if ((why = in_error(r, "email")) != NULL)
		return login_render(r, 422, "email", why, in_typed(r, "email"),
		    next);
	if ((email = email_normalise(r->a, in_str(r, "email"))) == NULL)
		return RC_ERROR;
	if ((why = in_error(r, "password")) != NULL)
		return login_render(r, 422, "password", why, email, next);
	if ((wait = throttle_wait(r, email)) < 0)
		return req_down(r);
	if (wait > 0)
		return login_render(r, 429, NULL, throttle_refusal(r, wait,
		    "attempts"), email, next);
	if (db_exec(r->db, r->a, STMT_USER_BY_EMAIL, &res, NULL, NULL, "s",
	    email) != RC_OK)
		return req_down(r);
	hash = password_dummy_hash();
	if (res.nrows == 1) {
		user = db_u64(&res, 0, UE_ID);
		hash = db_cell(&res, 0, UE_HASH);
		totp = db_u64(&res, 0, UE_TOTP) != 0;
	}
	if ((pr = passwd_verify(hash, pw)) == PW_BUSY)
		return req_down(r);
	if (user == 0 || pr != PW_OK)
		return login_wrong(r, user, email, next);
	rehash(r, user, pw, hash);
	return login_start(r, user, email, next, totp);
}

/* POST /logout: ends this session (audited) and goes to the sign-in page. */
int
page_logout_post(struct req *r)
{
	(void)audit_req(r, "logout", "");
	if (session_end(r) != RC_OK)
		return req_down(r);
	r->s = NULL;
	r->csrf[0] = '\0';
	req_flash(r, "ok", "You have signed out.");
	req_redirect(r, "/login");
	return RC_OK;
}
