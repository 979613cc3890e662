/*
 * /email/confirm?token=: the link mailed to a new sign-in email
 * (profile_email.c).  The GET only shows the change and a button; the
 * POST makes it, so that mail scanners following links change nothing.
 * The old address is told.
 */
#include "../arena.h"
#include "../audit.h"
#include "../db.h"
#include "../input.h"
#include "../mail.h"
#include "../provision.h"
#include "../rc.h"
#include "../request.h"
#include "../session.h"
#include "../valid.h"
#include "../xml.h"

/* Columns of STMT_EMAIL_CHANGE_GET and STMT_EMAIL_CHANGE_LOCK. */
enum { EC_ID, EC_USER, EC_OLD, EC_NEW, EC_EMAIL, EC_NAME };

/*
 * Draws the confirm page for token with status; the rest from res (NULL:
 * the link does not work).  Returns RC_OK, or RC_ERROR on exhaustion.
 */
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
		return RC_ERROR;
	n = xml_el(r->root, "email-confirm", NULL);
	xml_attr_yes(n, "valid", valid);
	xml_attr(n, "token", valid ? token : "");
	xml_attr(n, "from", valid ? db_cell(res, 0, EC_OLD) : "");
	xml_attr(n, "to", valid ? db_cell(res, 0, EC_NEW) : "");
	return RC_OK;
}

/* GET /email/confirm (token): the confirm button, or 404 for a dead link. */
int
page_email_confirm(struct req *r)
{
	const char	*token = in_str(r, "token");
	struct dbres	 res;

	if (token_lookup(r, token, STMT_EMAIL_CHANGE_GET, &res) != RC_OK)
		return req_down(r);
	return confirm_render(r, res.nrows == 1 ? 200 : 404, token, &res);
}

/*
 * The change of res (the locked link) cannot be made (rc RC_DUP: the new
 * address is taken; RC_OK: the login's email changed since): the page
 * again with why (422).
 */
static int
confirm_refuse(struct req *r, const char *token, const struct dbres *res,
    int rc)
{
	if (r->s == NULL)
		session_pre(r);
	if (xml_page(r, "email-confirm") == NULL)
		return RC_ERROR;
	xml_error(r, NULL, rc == RC_DUP ? "This address is used by "
	    "another Steward login now, so the change cannot be made." :
	    "The email of this login changed since the link was sent.");
	return confirm_render(r, 422, token, res);
}

/* A confirmation made by confirm_tx(). */
struct confirm {
	const char	*token;
	struct dbres	 res;		/* out: the link's row */
	uint64_t	 n;		/* out: the logins changed */
	int		 dead;		/* out: no such open link */
	int		 moved;		/* out: the login's email changed since */
};

/*
 * req_txn_fn: locks the link and makes its change: the login's email
 * replaced (when it is still the old one: else moved, rolled back), the
 * link used up, audited.  RC_ERROR with dead set for a dead link; RC_DUP
 * when the new address is taken; another rc on a database error.
 */
static int
confirm_tx(struct req *r, void *arg)
{
	struct confirm		*c = arg;
	const struct dbres	*res = &c->res;
	uint64_t		 user;
	int			 rc;

	c->n = 0;
	c->dead = c->moved = 0;
	if ((rc = token_lookup(r, c->token, STMT_EMAIL_CHANGE_LOCK, &c->res)) !=
	    RC_OK)
		return rc;
	if (res->nrows != 1) {
		c->dead = 1;
		return RC_ERROR;
	}
	user = db_u64(res, 0, EC_USER);
	if ((rc = db_exec(r->db, r->a, STMT_USER_SET_EMAIL, NULL, &c->n, NULL,
	    "sus", db_cell(res, 0, EC_NEW), user, db_cell(res, 0, EC_OLD))) !=
	    RC_OK)
		return rc;
	if (c->n == 0) {
		c->moved = 1;
		return RC_ERROR;
	}
	if ((rc = db_exec(r->db, r->a, STMT_EMAIL_CHANGE_USE, NULL, NULL, NULL,
	    "u", db_u64(res, 0, EC_ID))) != RC_OK)
		return rc;
	return audit(r->db, first_account(r->db, r->a, user), user,
	    "email.change", arena_printf(r->a, "%s to %s", db_cell(res, 0,
	    EC_OLD), db_cell(res, 0, EC_NEW)), r->ip);
}

/*
 * POST /email/confirm (token): the login's email becomes the new one
 * (the link used up, audited, the old address told); 303 to the profile
 * when signed in, else to /login.  404 for a dead link, 422 when the new
 * address is taken meanwhile or the login's email changed since, 503
 * without a database.
 */
int
page_email_confirm_post(struct req *r)
{
	const char	*token = in_str(r, "token");
	struct confirm	 c = { token, { 0 }, 0, 0, 0 };
	struct dbres	*res = &c.res;
	int		 rc;

	rc = req_txn(r, confirm_tx, &c);
	if (c.dead)
		return confirm_render(r, 404, NULL, NULL);
	if (rc == RC_DUP || c.moved)
		return confirm_refuse(r, token, res, rc == RC_DUP ? RC_DUP :
		    RC_OK);
	if (rc != RC_OK)
		return req_down(r);
	mail_notice(db_cell(res, 0, EC_OLD), db_cell(res, 0, EC_NAME), "Your Steward email "
	    "was changed", arena_printf(r->a,
	    "Hello,\n\n"
	    "Your Steward login now signs in with %s instead of %s (the link "
	    "mailed to the new address was followed from %s).\n\n"
	    "If this was not you, tell an Admin of your organization now.\n",
	    db_cell(res, 0, EC_NEW), db_cell(res, 0, EC_OLD), r->ip));
	req_flash(r, "ok", arena_printf(r->a, "Your sign-in email is now %s.",
	    db_cell(res, 0, EC_NEW)));
	req_redirect(r, r->s != NULL && r->s->user_id == db_u64(res, 0, EC_USER) ?
	    "/settings/profile" : "/login");
	return RC_OK;
}
