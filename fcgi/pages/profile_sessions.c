/*
 * The sessions of the profile page: ending one of one's own sessions
 * (this one signs out), or all the others.  Every statement names the
 * signed-in user, so another user's session id answers 404.
 */
#include "../arena.h"
#include "../audit.h"
#include "../db.h"
#include "../error.h"
#include "../input.h"
#include "../rc.h"
#include "../request.h"
#include "../session.h"

/* 404: the id is not a session of the signed-in user. */
static int
no_session(struct req *r)
{
	page_error(r, 404, "There is no such session of yours.");
	return RC_OK;
}

/*
 * POST /settings/profile/sessions/end (session): ends one of the user's
 * own sessions (303 back, audited); the current one signs out (303 to
 * /login).  404 when the id is not a session of this user, 503 without
 * a database.
 */
int
page_profile_session_end_post(struct req *r)
{
	uint64_t	 id, n = 0;
	int		 self, rc;

	if (in_u64(r, "session", &id) != RC_OK)
		return no_session(r);
	self = id == r->s->id;
	if (db_begin(r->db) != RC_OK)
		return req_down(r);
	if ((rc = db_exec(r->db, r->a, STMT_SESSION_END_MINE, NULL, &n, NULL,
	    "uu", id, r->s->user_id)) != RC_OK || n == 0) {
		db_rollback(r->db);
		return rc != RC_OK ? req_down(r) : no_session(r);
	}
	if (audit_commit(r, self ? "logout" : "session.end", arena_printf(r->a,
	    "session %llu", (unsigned long long)id)) != RC_OK)
		return req_down(r);
	if (self) {
		(void)session_end(r);	/* the row is gone; drops the cookie */
		r->s = NULL;
		r->csrf[0] = '\0';
		req_flash(r, "ok", "You have signed out.");
		req_redirect(r, "/login");
		return RC_OK;
	}
	req_flash(r, "ok", "The session was ended; that browser is signed out.");
	req_redirect(r, "/settings/profile");
	return RC_OK;
}

/*
 * POST /settings/profile/sessions/end-others: ends every session of the
 * user but this one (303 back, audited with the count); 503 without a
 * database.
 */
int
page_profile_sessions_end_others_post(struct req *r)
{
	uint64_t	 n = 0;

	if (db_begin(r->db) != RC_OK)
		return req_down(r);
	if (db_exec(r->db, r->a, STMT_SESSION_END_OTHERS, NULL, &n, NULL, "uu",
	    r->s->user_id, r->s->id) != RC_OK) {
		db_rollback(r->db);
		return req_down(r);
	}
	if (audit_commit(r, "session.end-others", arena_printf(r->a,
	    "%llu sessions", (unsigned long long)n)) != RC_OK)
		return req_down(r);
	req_flash(r, "ok", n == 0 ? "There were no other sessions." :
	    n == 1 ? "Signed out 1 other session." :
	    arena_printf(r->a, "Signed out %llu other sessions.",
	    (unsigned long long)n));
	req_redirect(r, "/settings/profile");
	return RC_OK;
}
