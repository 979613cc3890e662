/*
 * /password/reset?token=: the link mailed by /password/forgot.  It opens
 * a form for a new password (password_policy()); setting one uses up
 * every open link of the login, ends all its sessions, lifts a lock-out
 * and mails a notice.
 */
#include <string.h>

#include "../audit.h"
#include "../db.h"
#include "../hash.h"
#include "../input.h"
#include "../passwd.h"
#include "../provision.h"
#include "../rc.h"
#include "../request.h"
#include "../session.h"
#include "../throttle.h"
#include "../valid.h"
#include "../xml.h"
#include "pages.h"

/* Columns of STMT_RESET_GET (RS_ID … RS_EMAIL) and STMT_RESET_LOCK. */
enum { RS_ID, RS_USER, RS_EMAIL, RS_NAME };

/*
 * Draws the reset form for token (valid: the link works; email: whose it
 * is) with status; errors are added by the caller.  Returns RC_OK, or
 * RC_ERROR on exhaustion.
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
		return RC_ERROR;
	n = xml_el(r->root, "reset", NULL);
	xml_attr(n, "token", valid ? token : "");
	xml_attr_yes(n, "valid", valid);
	xml_attr(n, "email", valid && email ? email : "");
	password_rules(r);
	return RC_OK;
}

/* The page of a link that does not work (404). */
static int
reset_dead(struct req *r)
{
	return reset_render(r, 404, NULL, 0, NULL);
}

/* GET /password/reset (token): the form, or 404 when the link is dead. */
int
page_password_reset(struct req *r)
{
	const char	*token = in_str(r, "token");
	struct dbres	 res;

	if (token_lookup(r, token, STMT_RESET_GET, &res) != RC_OK)
		return req_down(r);
	if (res.nrows != 1)
		return reset_dead(r);
	return reset_render(r, 200, token, 1, db_cell(&res, 0, RS_EMAIL));
}

/* A reset made by reset_tx(). */
struct reset {
	const char	*token, *enc;
	struct dbres	 res;		/* out: the link's row */
	int		 dead;		/* out: used by a request that came first */
};

/*
 * req_txn_fn: locks the link; when it is still open, sets the hash for
 * its user: every open link of the user used up, all their sessions
 * ended, their failed sign-ins (and a lock-out) forgotten, audited.
 * RC_ERROR (rolled back) with dead set for a dead link; another rc on a
 * database error.
 */
static int
reset_tx(struct req *r, void *arg)
{
	struct reset	*rs = arg;
	uint64_t	 user;
	const char	*email, *enc = rs->enc;
	int		 rc;

	rs->dead = 0;
	if ((rc = token_lookup(r, rs->token, STMT_RESET_LOCK, &rs->res)) !=
	    RC_OK)
		return rc;
	if (rs->res.nrows != 1) {
		rs->dead = 1;
		return RC_ERROR;
	}
	user = db_u64(&rs->res, 0, RS_USER);
	email = db_cell(&rs->res, 0, RS_EMAIL);
	if ((rc = db_exec(r->db, r->a, STMT_USER_SET_HASH, NULL, NULL, NULL,
	    "su", enc, user)) != RC_OK ||
	    (rc = db_exec(r->db, r->a, STMT_RESET_USE, NULL, NULL, NULL, "u",
	    user)) != RC_OK ||
	    (rc = db_exec(r->db, r->a, STMT_SESSION_END_ALL, NULL, NULL, NULL,
	    "u", user)) != RC_OK ||
	    (rc = throttle_forget(r->db, r->a, "email", email)) != RC_OK ||
	    (rc = db_exec(r->db, r->a, STMT_USER_UNLOCK, NULL, NULL, NULL, "s",
	    email)) != RC_OK ||
	    (rc = audit(r->db, first_account(r->db, r->a, user), user,
	    "password.reset", email, r->ip)) != RC_OK)
		return rc;
	return RC_OK;
}

/*
 * Sets the new password (hash enc) through the link token, which is
 * locked first: 404 when a request that came first used it; then the
 * notice, and 303 to /login.  503 without a database.
 */
static int
reset_apply(struct req *r, const char *token, const char *enc)
{
	struct reset	 rs = { token, enc, { 0 }, 0 };
	struct dbres	*res = &rs.res;
	int		 rc;

	rc = req_txn(r, reset_tx, &rs);
	if (rs.dead)		/* used by a request that came first */
		return reset_dead(r);
	if (rc != RC_OK)
		return req_down(r);
	password_notice(r, db_cell(res, 0, RS_EMAIL), db_cell(res, 0, RS_NAME),
	    "reset through the link mailed to you");
	if (r->s != NULL && r->s->user_id == db_u64(res, 0, RS_USER)) {
		(void)session_end(r);	/* the row is gone; drops the cookie */
		r->s = NULL;
	}
	req_flash(r, "ok", "Your new password is set, and every session of "
	    "your login was signed out. Sign in with the new password.");
	req_redirect(r, "/login");
	return RC_OK;
}

/*
 * POST /password/reset (token, new_password, confirm): sets the password
 * (reset_apply) and answers 303 to /login.  404 for a dead link, 422 for
 * a refused password (the form keeps the link), 503 without a database.
 */
int
page_password_reset_post(struct req *r)
{
	const char	*token = in_str(r, "token");
	const char	*pw = in_str(r, "new_password"), *email, *why, *field;
	struct dbres	 res;
	char		 enc[256];

	if (token_lookup(r, token, STMT_RESET_GET, &res) != RC_OK)
		return req_down(r);
	if (res.nrows != 1)
		return reset_dead(r);
	email = db_cell(&res, 0, RS_EMAIL);
	if ((why = new_password_problem(r, email, &field)) != NULL) {
		if (r->s == NULL)
			session_pre(r);
		if (xml_page(r, "reset") == NULL)
			return RC_ERROR;
		xml_error(r, field, why);
		return reset_render(r, 422, token, 1, email);
	}
	if (password_hash(pw, strlen(pw), enc, sizeof(enc)) != PW_OK)
		return req_down(r);
	return reset_apply(r, token, enc);
}
