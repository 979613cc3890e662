/*
 * /invitations/accept?token=: the page an invitation link opens, signed
 * in or not (the form uses the pre-session CSRF token when signed out).
 *
 * Who is at the link decides the form ("mode"):
 *   new       no login has the invited email: name and password (DESIGN §8
 *             rules through password_policy) create it;
 *   existing  a login has that email: its password (throttled like the
 *             sign-in) proves it, and the membership is added;
 *   sign-in   that login uses 2-step verification: sign in first (the
 *             sign-in comes back here), then join;
 *   join      signed in as the invited email: one button;
 *   other     signed in as someone else: sign out first.
 * Whatever the mode, the acceptance, the membership, the audit row and the
 * new session are one transaction, and the invitation is locked and
 * checked again inside it: a link is used once.
 *
 * A link that matches nothing answers 404; an expired, used or revoked
 * one 410 — each a page that says what happened and what to do.
 */
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "../arena.h"
#include "../audit.h"
#include "../db.h"
#include "../decode.h"
#include "../hash.h"
#include "../input.h"
#include "../limits.h"
#include "../rc.h"
#include "../request.h"
#include "../roles.h"
#include "../session.h"
#include "../throttle.h"
#include "../token.h"
#include "../valid.h"
#include "../xml.h"

#define CLAIM_GONE	1	/* acc_claim: the invitation is no longer open */

enum state { ST_INVALID, ST_OPEN, ST_EXPIRED, ST_USED, ST_REVOKED, ST__MAX };
enum mode { MODE_NEW, MODE_EXISTING, MODE_SIGN_IN, MODE_JOIN, MODE_OTHER,
	MODE__MAX };

static const struct {
	const char	*name;
	int		 status;
} states[ST__MAX] = {
	[ST_INVALID] = { "invalid", 404 },	[ST_OPEN] = { "open", 200 },
	[ST_EXPIRED] = { "expired", 410 },	[ST_USED] = { "used", 410 },
	[ST_REVOKED] = { "revoked", 410 },
};

static const char *const modes[MODE__MAX] = {
	[MODE_NEW] = "new", [MODE_EXISTING] = "existing",
	[MODE_SIGN_IN] = "sign-in", [MODE_JOIN] = "join", [MODE_OTHER] = "other",
};

/* The invitation behind a link. */
struct acc {
	const char	*token;
	unsigned char	 hash[HASH_BYTES];
	enum state	 state;
	enum mode	 mode;
	uint64_t	 id, account, user;	/* user: 0 for a new person */
	enum role	 role;
	const char	*email, *account_name, *account_public, *inviter;
	const char	*message;
};

/* The mode of an open invitation for this visitor. */
static enum mode
mode_of(struct req *r, const struct acc *v, int totp)
{
	if (r->s != NULL)
		return strcmp(r->s->email, v->email) == 0 ? MODE_JOIN : MODE_OTHER;
	if (v->user == 0)
		return MODE_NEW;
	return totp ? MODE_SIGN_IN : MODE_EXISTING;
}

/*
 * Finds the invitation of token (any state).  Returns RC_OK with
 * v->state ST_INVALID when there is none, or an rc.
 */
static int
acc_load(struct req *r, const char *token, struct acc *v)
{
	struct dbres	 res;
	int		 rc;

	memset(v, 0, sizeof(*v));
	v->state = ST_INVALID;
	v->token = token;
	if (token == NULL || !valid_check(VALID_TOKEN, token, strlen(token)) ||
	    token_hash(token, v->hash) == -1)
		return RC_OK;
	if ((rc = db_exec(r->db, r->a, STMT_INVITATION_BY_TOKEN, &res, NULL,
	    NULL, "b", v->hash, sizeof(v->hash))) != RC_OK || res.nrows != 1)
		return rc;
	v->id = db_u64(&res, 0, 0);
	v->account = db_u64(&res, 0, 1);
	v->email = db_cell(&res, 0, 2);
	v->role = (enum role)db_u64(&res, 0, 3);
	v->state = (enum state)db_u64(&res, 0, 4);
	v->account_name = db_cell(&res, 0, 5);
	v->account_public = db_cell(&res, 0, 6);
	v->inviter = db_cell(&res, 0, 7);
	v->message = db_cell(&res, 0, 8);
	v->user = db_u64(&res, 0, 9);
	if (v->state <= ST_INVALID || v->state >= ST__MAX)
		v->state = ST_INVALID;
	v->mode = mode_of(r, v, db_u64(&res, 0, 10) != 0);
	return RC_OK;
}

/*
 * Draws the accept page for v with status (0: the state's own) and the
 * name typed so far; errors are added by the caller afterwards.
 */
static int
acc_render(struct req *r, const struct acc *v, int status, const char *name)
{
	xmlNodePtr	 n;

	if (r->s == NULL)
		session_pre(r);
	r->status = status ? status : states[v->state].status;
	if (xml_page(r, "invitation") == NULL)
		return -1;
	n = xml_el(r->root, "invitation", NULL);
	xml_attr(n, "state", states[v->state].name);
	if (v->state != ST_OPEN)
		return 0;
	xml_attr(n, "mode", modes[v->mode]);
	xml_attr(n, "token", v->token);
	xml_attr(n, "email", v->email);
	xml_attr(n, "role", role_name(v->role));
	xml_attr(n, "account-name", v->account_name);
	xml_attr(n, "account-id", v->account_public);
	xml_attr(n, "inviter", v->inviter);
	xml_attr(n, "name", name ? name : "");
	xml_attr(n, "next", arena_printf(r->a, "/invitations/accept?token=%s",
	    v->token));
	if (v->message != NULL && *v->message != '\0')
		xml_el(n, "message", v->message);
	return 0;
}

/* GET /invitations/accept?token=: the page (200, 404 or 410). */
int
page_accept(struct req *r)
{
	struct acc	 v;

	if (acc_load(r, kv_get(&r->query, "token"), &v) != RC_OK) {
		r->status = 503;
		return -1;
	}
	return acc_render(r, &v, 0, NULL);
}

/*
 * Inside the caller's transaction: locks the invitation if it is still
 * open, adds the membership, marks it used, audits, and starts a session
 * of user in the invited account.  Returns RC_OK, CLAIM_GONE when the
 * invitation was used, revoked or expired meanwhile, or an rc.
 */
static int
acc_claim(struct req *r, const struct acc *v, uint64_t user)
{
	struct dbres	 res;
	int		 rc;

	if ((rc = db_exec(r->db, r->a, STMT_INVITATION_CLAIM, &res, NULL, NULL,
	    "ub", v->id, v->hash, sizeof(v->hash))) != RC_OK)
		return rc;
	if (res.nrows != 1)
		return CLAIM_GONE;
	if ((rc = db_exec(r->db, r->a, STMT_MEMBERSHIP_JOIN, NULL, NULL, NULL,
	    "uui", v->account, user, (long long)v->role)) != RC_OK ||
	    (rc = db_exec(r->db, r->a, STMT_INVITATION_ACCEPTED, NULL, NULL,
	    NULL, "u", v->id)) != RC_OK ||
	    (rc = db_exec(r->db, r->a, STMT_USER_LOGGED_IN, NULL, NULL, NULL,
	    "u", user)) != RC_OK ||
	    (rc = audit(r->db, v->account, user, "invite.accept",
	    arena_printf(r->a, "%s as %s", v->email, role_name(v->role)),
	    r->ip)) != RC_OK ||
	    (rc = session_drop(r)) != RC_OK)
		return rc;
	return session_create(r, user, v->account);
}

/*
 * Ends an acceptance: commit, then 303 to the overview of the account
 * joined.  When the invitation was used meanwhile the page says so.
 */
static int
acc_finish(struct req *r, struct acc *v, int rc)
{
	if (rc == RC_OK && (rc = db_commit(r->db)) == RC_OK) {
		req_flash(r, "ok", arena_printf(r->a, "Welcome to %s. You joined "
		    "as %s.", v->account_name, role_label(v->role)));
		req_redirect(r, "/settings");
		return 0;
	}
	db_rollback(r->db);
	r->ncookies_out = 0;
	if (rc == CLAIM_GONE) {
		if (acc_load(r, v->token, v) != RC_OK)
			goto down;
		if (v->state == ST_OPEN)
			v->state = ST_USED;
		return acc_render(r, v, 0, NULL);
	}
down:
	r->status = 503;
	return -1;
}

/* A 422 of the accept form with one error. */
static int
acc_refuse(struct req *r, const struct acc *v, int status, const char *field,
    const char *msg, const char *name)
{
	if (acc_render(r, v, status, name) == -1)
		return -1;
	xml_error(r, field, msg);
	return 0;
}

/* mode new: checks name and password, creates the login, joins. */
static int
accept_new(struct req *r, struct acc *v)
{
	const char	*name = kv_get(&r->form, "name");
	const char	*pw = kv_get(&r->form, "password");
	const char	*why;
	char		 enc[256];
	uint64_t	 user;
	enum pw_result	 pr;
	int		 rc;

	if (name == NULL || !valid_check(VALID_PERSON_NAME, name, strlen(name)))
		return acc_refuse(r, v, 422, "name",
		    valid_message(VALID_PERSON_NAME), name);
	if (pw == NULL || *pw == '\0')
		return acc_refuse(r, v, 422, "password", "Choose a password.",
		    name);
	if ((why = password_policy(pw, strlen(pw), v->email)) != NULL)
		return acc_refuse(r, v, 422, "password", why, name);
	if ((pr = password_hash(pw, strlen(pw), enc, sizeof(enc))) != PW_OK) {
		r->status = 503;
		return -1;
	}
	if (db_begin(r->db) != RC_OK)
		goto down;
	rc = db_exec(r->db, r->a, STMT_USER_NEW, NULL, NULL, &user, "sss",
	    v->email, name, enc);
	sodium_memzero(enc, sizeof(enc));
	if (rc == RC_DUP) {		/* the login was made meanwhile */
		db_rollback(r->db);
		v->mode = MODE_EXISTING;
		return acc_refuse(r, v, 422, NULL, "A login with this email "
		    "exists now: enter its password to join.", NULL);
	}
	if (rc != RC_OK)
		return acc_finish(r, v, RC_DOWN);
	return acc_finish(r, v, acc_claim(r, v, user));
down:
	r->status = 503;
	return -1;
}

/* mode existing: the login's password (throttled), then joins. */
static int
accept_existing(struct req *r, struct acc *v)
{
	const char	*pw = kv_get(&r->form, "password");
	struct dbres	 res;
	enum pw_result	 pr = PW_MISMATCH;
	int		 wait;

	if (pw == NULL || *pw == '\0')
		return acc_refuse(r, v, 422, "password", "Enter your password.",
		    NULL);
	if ((wait = throttle_wait(r, v->email)) < 0)
		goto down;
	if (wait > 0) {
		r->retry_after = wait;
		return acc_refuse(r, v, 429, NULL, arena_printf(r->a, "Too many "
		    "attempts. Try again in %d seconds.", wait), NULL);
	}
	if (db_exec(r->db, r->a, STMT_USER_LOGIN_BY_EMAIL, &res, NULL, NULL,
	    "s", v->email) != RC_OK || res.nrows != 1)
		goto down;
	if (valid_check(VALID_LOGIN_PASSWORD, pw, strlen(pw)))
		pr = password_verify(db_cell(&res, 0, 1), pw, strlen(pw));
	if (pr == PW_BUSY)
		goto down;
	if (pr != PW_OK) {
		(void)throttle_fail(r, v->email);
		(void)audit(r->db, 0, v->user, "login.failed", v->email, r->ip);
		return acc_refuse(r, v, 422, "password", "This password is not "
		    "correct.", NULL);
	}
	if (db_u64(&res, 0, 2) != 0) {		/* 2-step on meanwhile */
		v->mode = MODE_SIGN_IN;
		return acc_refuse(r, v, 422, NULL, "This login uses 2-step "
		    "verification: sign in first.", NULL);
	}
	if (db_begin(r->db) != RC_OK)
		goto down;
	if (throttle_clear(r, v->email) != RC_OK)
		return acc_finish(r, v, RC_DOWN);
	return acc_finish(r, v, acc_claim(r, v, v->user));
down:
	r->status = 503;
	return -1;
}

/*
 * POST /invitations/accept (anyone with the link; fields token, csrf, and
 * name + password or password by mode): 303 to /settings of the joined
 * account with a new session; 422 with the form refilled (the password
 * never) for a refused name or password; 429 while the login is
 * throttled; 403 when signed in as someone else or 2-step verification
 * needs the sign-in first; 404/410 for a dead link; 503 without a
 * database or a hashing slot.
 */
int
page_accept_post(struct req *r)
{
	struct acc	 v;

	if (acc_load(r, kv_get(&r->form, "token"), &v) != RC_OK) {
		r->status = 503;
		return -1;
	}
	if (v.state != ST_OPEN)
		return acc_render(r, &v, 0, NULL);
	switch (v.mode) {
	case MODE_NEW:
		return accept_new(r, &v);
	case MODE_EXISTING:
		return accept_existing(r, &v);
	case MODE_JOIN:
		if (db_begin(r->db) != RC_OK) {
			r->status = 503;
			return -1;
		}
		return acc_finish(r, &v, acc_claim(r, &v, r->s->user_id));
	case MODE_SIGN_IN:
	case MODE_OTHER:
		return acc_render(r, &v, 403, NULL);
	default:
		abort();
	}
}
