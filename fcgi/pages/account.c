/*
 * POST /settings/account: the account switcher in the header.  Moving to
 * another account can change the role, so the session token is rotated
 * (DESIGN §8: a new token at every privilege change).
 */
#include "../arena.h"
#include "../audit.h"
#include "../db.h"
#include "../input.h"
#include "../provision.h"
#include "../rc.h"
#include "../request.h"
#include "../session.h"

/*
 * The id of the account with public id pub of which the signed-in user is
 * a member, into *acc; 0 when there is none (no such account, or not a
 * member).  Returns RC_OK, or RC_DOWN when the database fails.
 */
static int
member_account(struct req *r, const char *pub, uint64_t *acc)
{
	struct dbres	 res;
	uint64_t	 id;

	*acc = 0;
	if (db_exec(r->db, r->a, STMT_ACCOUNT_BY_PUBLIC, &res, NULL, NULL, "s",
	    pub) != RC_OK)
		return RC_DOWN;
	if (res.nrows != 1)
		return RC_OK;
	id = db_u64(&res, 0, AP_ID);
	if (db_exec(r->db, r->a, STMT_MEMBERSHIP_ROLE, &res, NULL, NULL, "uu",
	    id, r->s->user_id) != RC_OK)
		return RC_DOWN;
	if (res.nrows == 1)
		*acc = id;
	return RC_OK;
}

/* The account a session switches to. */
struct switch_to {
	uint64_t	 acc;
	const char	*pub;
};

/* req_txn_fn: switch_session()'s transaction. */
static int
switch_tx(struct req *r, void *arg)
{
	struct switch_to	*t = arg;
	int			 rc;

	if ((rc = session_drop(r)) != RC_OK ||
	    (rc = session_create(r, r->s->user_id, t->acc)) != RC_OK)
		return rc;
	return audit(r->db, t->acc, r->s->user_id, "account.switch", t->pub,
	    r->ip);
}

/*
 * A new session in account acc for the signed-in user, the old one ended,
 * audited in acc, in one transaction (req_txn).  Returns an rc; on
 * failure no new cookie is sent.
 */
static int
switch_session(struct req *r, uint64_t acc, const char *pub)
{
	struct switch_to	 t = { acc, pub };

	return req_txn(r, switch_tx, &t) == RC_OK ? RC_OK : RC_DOWN;
}

/*
 * POST /settings/account: account, an Account ID.  303 to /settings of
 * the chosen account; 404 when the account does not exist or the user is
 * not a member of it (no hint which); 503 without a database.
 */
int
page_switch_post(struct req *r)
{
	const char	*pub = in_str(r, "account");
	uint64_t	 acc = 0;

	if (pub != NULL && member_account(r, pub, &acc) != RC_OK)
		return req_down(r);
	if (acc == 0) {
		r->status = 404;
		return RC_ERROR;
	}
	if (acc == r->s->account_id) {
		req_redirect(r, "/settings");
		return RC_OK;
	}
	if (switch_session(r, acc, pub) != RC_OK)
		return req_down(r);
	req_flash(r, "ok", arena_printf(r->a, "Switched to account %s.", pub));
	req_redirect(r, "/settings");
	return RC_OK;
}
