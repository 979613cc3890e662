/*
 * POST /settings/account: the account switcher in the header.  Moving to
 * another account can change the role, so the session token is rotated
 * (DESIGN §8: a new token at every privilege change).
 */
#include <string.h>

#include "../arena.h"
#include "../audit.h"
#include "../db.h"
#include "../decode.h"
#include "../error.h"
#include "../rc.h"
#include "../request.h"
#include "../session.h"
#include "../valid.h"

/*
 * 303 to /settings of the chosen account; 404 when the account does not
 * exist or the user is not a member of it (no hint which); 503 without a
 * database.
 */
int
page_switch_post(struct req *r)
{
	const char	*pub = kv_get(&r->form, "account");
	struct dbres	 res;
	uint64_t	 acc;

	if (pub == NULL || !valid_check(VALID_ACCOUNT_ID, pub, strlen(pub))) {
		page_error(r, 404, NULL);
		return 0;
	}
	if (db_exec(r->db, r->a, STMT_ACCOUNT_BY_PUBLIC, &res, NULL, NULL, "s",
	    pub) != RC_OK)
		goto down;
	if (res.nrows != 1) {
		page_error(r, 404, NULL);
		return 0;
	}
	acc = db_u64(&res, 0, 0);
	if (db_exec(r->db, r->a, STMT_MEMBERSHIP_ROLE, &res, NULL, NULL, "uu",
	    acc, r->s->user_id) != RC_OK)
		goto down;
	if (res.nrows != 1) {
		page_error(r, 404, NULL);
		return 0;
	}
	if (acc == r->s->account_id) {
		req_redirect(r, "/settings");
		return 0;
	}
	if (db_begin(r->db) != RC_OK)
		goto down;
	if (session_drop(r) != RC_OK ||
	    session_create(r, r->s->user_id, acc) != RC_OK ||
	    audit(r->db, acc, r->s->user_id, "account.switch", pub,
	    r->ip) != RC_OK) {
		db_rollback(r->db);
		r->ncookies_out = 0;
		goto down;
	}
	if (db_commit(r->db) != RC_OK) {
		r->ncookies_out = 0;
		goto down;
	}
	req_flash(r, "ok", arena_printf(r->a, "Switched to account %s.", pub));
	req_redirect(r, "/settings");
	return 0;
down:
	r->status = 503;
	return -1;
}
