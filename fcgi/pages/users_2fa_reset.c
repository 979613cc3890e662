/*
 * POST /settings/users/2fa-reset: an Admin turns off the 2-step
 * verification of a member who lost their authenticator (the Users
 * page's button; twofa_reset() does the work, as steward-admin does).
 */
#include <string.h>

#include "../arena.h"
#include "../db.h"
#include "../error.h"
#include "../input.h"
#include "../log.h"
#include "../rc.h"
#include "../request.h"
#include "../twofa.h"

/* Columns of STMT_MEMBER_USER. */
enum { MU_ID, MU_EMAIL, MU_NAME, MU_TOTP };

/* Columns of STMT_MEMBER_OTHER_ORGS. */
enum { MO_COUNT };

/* The page to return to: a /settings page named by "back", or the Users page. */
static const char *
reset_back(struct req *r)
{
	const char	*b = in_str(r, "back");

	if (b != NULL && strncmp(b, "/settings", 9) == 0 &&
	    (b[9] == '\0' || b[9] == '/'))
		return b;
	return "/settings/users";
}

/* 404: the id is not a member of the session's account. */
static int
no_member(struct req *r)
{
	page_error(r, 404, "There is no such member of this account.");
	return RC_OK;
}

/*
 * Draws why the Admin may not reset the 2-step verification of user (403)
 * and sets *refused, or leaves *refused 0.  Returns RC_OK, or RC_ERROR
 * with r->status 503.
 */
static int
reset_refusal(struct req *r, uint64_t user, int *refused)
{
	struct dbres	 other;

	*refused = 1;
	if (user == r->s->user_id) {
		page_error(r, 403, "Turn off your own 2-step verification on "
		    "your Profile page.");
		return RC_OK;
	}
	if (db_exec(r->db, r->a, STMT_MEMBER_OTHER_ORGS, &other, NULL, NULL,
	    "uu", user, r->s->account_id) != RC_OK)
		return req_down(r);
	if (db_u64(&other, 0, MO_COUNT) != 0) {	/* one login, several owners */
		page_error(r, 403, "This login also belongs to another "
		    "organization, so only a Steward administrator can reset its "
		    "2-step verification (steward-admin user-reset-2fa).");
		return RC_OK;
	}
	*refused = 0;
	return RC_OK;
}

/*
 * POST /settings/users/2fa-reset (user, back): an Admin turns off a
 * member's 2-step verification (twofa_reset: audited, all their sessions
 * ended, mailed); 303 back with a flash.  404 when the id is not a member
 * of this account; 403 for one's own (use the Profile page) and for a
 * login that also belongs to another organization (whose Admins did not
 * agree); 503 without a database.
 */
int
page_users_2fa_reset_post(struct req *r)
{
	struct dbres	 res;
	char		 err[256];
	uint64_t	 user = 0;
	int		 refused;

	if (in_u64(r, "user", &user) != RC_OK)
		return no_member(r);
	if (db_exec(r->db, r->a, STMT_MEMBER_USER, &res, NULL, NULL, "uu",
	    r->s->account_id, user) != RC_OK)
		return req_down(r);
	if (res.nrows != 1)
		return no_member(r);
	if (reset_refusal(r, user, &refused) != RC_OK)
		return RC_ERROR;
	if (refused)
		return RC_OK;
	if (db_u64(&res, 0, MU_TOTP) == 0) {
		req_flash(r, "ok", arena_printf(r->a, "%s has no 2-step "
		    "verification to reset.", db_cell(&res, 0, MU_EMAIL)));
		req_redirect(r, reset_back(r));
		return RC_OK;
	}
	if (twofa_reset(r->db, r->a, user, db_cell(&res, 0, MU_EMAIL),
	    db_cell(&res, 0, MU_NAME), r->s->account_id, r->s->user_id, r->ip,
	    err, sizeof(err)) != RC_OK) {
		log_error("2fa reset of user %llu: %s", (unsigned long long)user,
		    err);
		return req_down(r);
	}
	req_flash(r, "ok", arena_printf(r->a, "2-step verification of %s was "
	    "reset; they were signed out and told by mail.",
	    db_cell(&res, 0, MU_EMAIL)));
	req_redirect(r, reset_back(r));
	return RC_OK;
}
