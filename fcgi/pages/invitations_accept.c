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

/* Columns of STMT_INVITATION_BY_TOKEN. */
enum {
	IT_ID, IT_ACCOUNT, IT_EMAIL, IT_ROLE, IT_STATE, IT_ACCOUNT_NAME,
	IT_ACCOUNT_PUBLIC, IT_INVITER, IT_MESSAGE, IT_USER, IT_TOTP
};

/* Columns of STMT_USER_LOGIN_BY_EMAIL. */
enum { LE_ID, LE_HASH, LE_TOTP };

/* IT_STATE, and ST_INVALID for a link that matches nothing. */
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
struct accept {
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
mode_of(struct req *r, const struct accept *v, int totp)
{
	if (r->s != NULL)
		return strcmp(r->s->email, v->email) == 0 ? MODE_JOIN : MODE_OTHER;
	if (v->user == 0)
		return MODE_NEW;
	return totp ? MODE_SIGN_IN : MODE_EXISTING;
}

/*
 * Finds the invitation of token (any state; NULL: none given).  Returns
 * RC_OK with v->state ST_INVALID when there is none, or an rc.
 */
static int
accept_load(struct req *r, const char *token, struct accept *v)
{
	struct dbres	 res;
	int		 rc;

	memset(v, 0, sizeof(*v));
	v->state = ST_INVALID;
	v->token = token;
	if ((rc = token_lookup(r, token, STMT_INVITATION_BY_TOKEN, &res)) !=
	    RC_OK || res.nrows != 1 || token_hash(token, v->hash) == -1)
		return rc;
	v->id = db_u64(&res, 0, IT_ID);
	v->account = db_u64(&res, 0, IT_ACCOUNT);
	v->email = db_cell(&res, 0, IT_EMAIL);
	v->role = (enum role)db_u64(&res, 0, IT_ROLE);
	v->state = (enum state)db_u64(&res, 0, IT_STATE);
	v->account_name = db_cell(&res, 0, IT_ACCOUNT_NAME);
	v->account_public = db_cell(&res, 0, IT_ACCOUNT_PUBLIC);
	v->inviter = db_cell(&res, 0, IT_INVITER);
	v->message = db_cell(&res, 0, IT_MESSAGE);
	v->user = db_u64(&res, 0, IT_USER);
	if (v->state <= ST_INVALID || v->state >= ST__MAX)
		v->state = ST_INVALID;
	v->mode = mode_of(r, v, db_u64(&res, 0, IT_TOTP) != 0);
	return RC_OK;
}

/*
 * Draws the accept page for v with status (0: the state's own) and the
 * name typed so far; errors are added by the caller afterwards.  Returns
 * RC_OK, or RC_ERROR with r->status set.
 */
static int
accept_render(struct req *r, const struct accept *v, int status,
    const char *name)
{
	xmlNodePtr	 n;

	if (r->s == NULL)
		session_pre(r);
	r->status = status ? status : states[v->state].status;
	if (xml_page(r, "invitation") == NULL)
		return RC_ERROR;
	n = xml_el(r->root, "invitation", NULL);
	xml_attr(n, "state", states[v->state].name);
	if (v->state != ST_OPEN)
		return RC_OK;
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
	return RC_OK;
}

/* GET /invitations/accept?token=: the page (200, 404 or 410). */
int
page_accept(struct req *r)
{
	struct accept	 v;

	if (accept_load(r, in_str(r, "token"), &v) != RC_OK)
		return req_down(r);
	return accept_render(r, &v, 0, NULL);
}

/*
 * Inside the caller's transaction: locks the invitation if it is still
 * open, adds the membership, marks it used, audits, and starts a session
 * of user in the invited account.  Returns an rc; RC_OK with *gone set
 * (nothing done) when the invitation was used, revoked or expired
 * meanwhile.
 */
static int
accept_claim(struct req *r, const struct accept *v, uint64_t user, int *gone)
{
	struct dbres	 res;
	int		 rc;

	*gone = 0;
	if ((rc = db_exec(r->db, r->a, STMT_INVITATION_CLAIM, &res, NULL, NULL,
	    "ub", v->id, v->hash, sizeof(v->hash))) != RC_OK)
		return rc;
	if (res.nrows != 1) {
		*gone = 1;
		return RC_OK;
	}
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

/* The accept form refused with one error (status 422 or 429).  Returns
 * RC_OK, or RC_ERROR with r->status set. */
static int
accept_refuse(struct req *r, const struct accept *v, int status,
    const char *field, const char *msg, const char *name)
{
	if (accept_render(r, v, status, name) != RC_OK)
		return RC_ERROR;
	xml_error(r, field, msg);
	return RC_OK;
}

/* A joining made by join_tx(). */
struct join {
	struct accept	*v;
	uint64_t	 user;		/* 0: a new login of name and enc */
	const char	*name, *enc;
	int		 gone;		/* out: the invitation was used meanwhile */
	int		 dup;		/* out: the new login exists meanwhile */
};

/*
 * req_txn_fn: the new login (when j->user is 0) or the existing one's
 * sign-in failures forgotten, then the join (accept_claim).  RC_ERROR
 * (rolled back) with gone or dup set when refused; another rc on a
 * database error.
 */
static int
join_tx(struct req *r, void *arg)
{
	struct join	*j = arg;
	uint64_t	 user = j->user;
	int		 rc;

	j->gone = j->dup = 0;
	if (user == 0) {
		rc = db_exec(r->db, r->a, STMT_USER_NEW, NULL, NULL, &user,
		    "sss", j->v->email, j->name, j->enc);
		if (rc == RC_DUP)
			j->dup = 1;
		if (rc != RC_OK)
			return rc;
	} else if (j->v->mode == MODE_EXISTING &&
	    (rc = throttle_clear(r, j->v->email)) != RC_OK)
		return rc;
	if ((rc = accept_claim(r, j->v, user, &j->gone)) != RC_OK)
		return rc;
	return j->gone ? RC_ERROR : RC_OK;
}

/*
 * Joins the login of j to the account of its invitation in one
 * transaction (req_txn), then 303 to the overview of the account joined.
 * When the invitation was used meanwhile the page says so; when a new
 * login's email was taken meanwhile, the form asks for its password.
 * Returns RC_OK, or RC_ERROR with r->status set.
 */
static int
accept_finish(struct req *r, struct join *j)
{
	struct accept	*v = j->v;
	int		 rc;

	rc = req_txn(r, join_tx, j);
	if (rc == RC_OK) {
		req_flash(r, "ok", arena_printf(r->a, "Welcome to %s. You joined "
		    "as %s.", v->account_name, role_label(v->role)));
		req_redirect(r, "/settings");
		return RC_OK;
	}
	if (j->dup) {
		v->mode = MODE_EXISTING;
		return accept_refuse(r, v, 422, NULL, "A login with this email "
		    "exists now: enter its password to join.", NULL);
	}
	if (!j->gone)
		return req_down(r);
	if (accept_load(r, v->token, v) != RC_OK)
		return req_down(r);
	if (v->state == ST_OPEN)
		v->state = ST_USED;
	return accept_render(r, v, 0, NULL);
}

/*
 * Mode new: checks name and password, creates the login, joins.  Returns
 * RC_OK, or RC_ERROR with r->status set.
 */
static int
accept_new(struct req *r, struct accept *v)
{
	const char	*name = in_str(r, "name"), *typed = in_typed(r, "name");
	const char	*pw = in_typed(r, "password"), *why;
	char		 enc[256];
	struct join	 j;
	int		 rc;

	if (name == NULL)
		return accept_refuse(r, v, 422, "name",
		    valid_message(VALID_PERSON_NAME), typed);
	if (*pw == '\0')
		return accept_refuse(r, v, 422, "password", "Choose a password.",
		    name);
	if ((why = password_policy(pw, strlen(pw), v->email)) != NULL)
		return accept_refuse(r, v, 422, "password", why, name);
	if (password_hash(pw, strlen(pw), enc, sizeof(enc)) != PW_OK)
		return req_down(r);
	j.v = v;
	j.user = 0;
	j.name = name;
	j.enc = enc;
	rc = accept_finish(r, &j);
	sodium_memzero(enc, sizeof(enc));
	return rc;
}

/*
 * Checks the password of the existing login of v (throttled like the
 * sign-in; a failure is audited).  Returns RC_OK when it is right; with
 * *answered set, what the handler returns after refusing the form (422,
 * 429, or 2-step verification turned on meanwhile); else an rc (no
 * database or no hashing slot).
 */
static int
accept_password(struct req *r, struct accept *v, int *answered)
{
	const char	*pw = in_typed(r, "password");
	struct dbres	 res;
	enum pw_result	 pr = PW_MISMATCH;
	int		 wait;

	*answered = 1;
	if (*pw == '\0')
		return accept_refuse(r, v, 422, "password", "Enter your password.",
		    NULL);
	if ((wait = throttle_wait(r, v->email)) < 0)
		goto down;
	if (wait > 0) {
		r->retry_after = wait;
		return accept_refuse(r, v, 429, NULL, arena_printf(r->a, "Too "
		    "many attempts. Try again in %d seconds.", wait), NULL);
	}
	if (db_exec(r->db, r->a, STMT_USER_LOGIN_BY_EMAIL, &res, NULL, NULL,
	    "s", v->email) != RC_OK || res.nrows != 1)
		goto down;
	if (valid_check(VALID_LOGIN_PASSWORD, pw, strlen(pw)))
		pr = password_verify(db_cell(&res, 0, LE_HASH), pw, strlen(pw));
	if (pr == PW_BUSY)
		goto down;
	if (pr != PW_OK) {
		(void)throttle_fail(r, v->email);
		(void)audit(r->db, 0, v->user, "login.failed", v->email, r->ip);
		return accept_refuse(r, v, 422, "password", "This password is "
		    "not correct.", NULL);
	}
	if (db_u64(&res, 0, LE_TOTP) != 0) {	/* 2-step on meanwhile */
		v->mode = MODE_SIGN_IN;
		return accept_refuse(r, v, 422, NULL, "This login uses 2-step "
		    "verification: sign in first.", NULL);
	}
	*answered = 0;
	return RC_OK;
down:
	*answered = 0;
	return RC_DOWN;
}

/*
 * Mode existing: the login's password, then joins.  Returns RC_OK, or
 * RC_ERROR with r->status set.
 */
static int
accept_existing(struct req *r, struct accept *v)
{
	struct join	 j = { v, v->user, NULL, NULL, 0, 0 };
	int		 rc, answered;

	rc = accept_password(r, v, &answered);
	if (answered)
		return rc;
	if (rc != RC_OK)
		return req_down(r);
	return accept_finish(r, &j);
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
	struct accept	 v;
	struct join	 j = { NULL, 0, NULL, NULL, 0, 0 };

	if (accept_load(r, in_str(r, "token"), &v) != RC_OK)
		return req_down(r);
	if (v.state != ST_OPEN)
		return accept_render(r, &v, 0, NULL);
	switch (v.mode) {
	case MODE_NEW:
		return accept_new(r, &v);
	case MODE_EXISTING:
		return accept_existing(r, &v);
	case MODE_JOIN:
		j.v = &v;
		j.user = r->s->user_id;
		return accept_finish(r, &j);
	case MODE_SIGN_IN:
	case MODE_OTHER:
		return accept_render(r, &v, 403, NULL);
	default:
		abort();
	}
}
