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

/*
 * A new session in account acc for the signed-in user, the old one ended,
 * audited in acc.  Returns an rc; on failure no new cookie is sent.
 */
static int
switch_session(struct req *r, uint64_t acc, const char *pub)
{
	if (db_begin(r->db) != RC_OK)
		return RC_DOWN;
	if (session_drop(r) != RC_OK ||
	    session_create(r, r->s->user_id, acc) != RC_OK ||
	    audit(r->db, acc, r->s->user_id, "account.switch", pub,
	    r->ip) != RC_OK) {
		db_rollback(r->db);
		r->ncookies_out = 0;
		return RC_DOWN;
	}
	if (db_commit(r->db) != RC_OK) {
		r->ncookies_out = 0;
		return RC_DOWN;
	}
	return RC_OK;
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
