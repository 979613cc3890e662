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

/* A session ended by end_tx(). */
struct end {
	uint64_t	 id;
	int		 self;
	uint64_t	 n;		/* out: rows ended (0: not the user's) */
};

/* req_txn_fn: ends one of the user's sessions, audited when there was one. */
static int
end_tx(struct req *r, void *arg)
{
	struct end	*e = arg;
	int		 rc;

	e->n = 0;
	if ((rc = db_exec(r->db, r->a, STMT_SESSION_END_MINE, NULL, &e->n,
	    NULL, "uu", e->id, r->s->user_id)) != RC_OK || e->n == 0)
		return rc;
	return audit_req(r, e->self ? "logout" : "session.end",
	    arena_printf(r->a, "session %llu", (unsigned long long)e->id));
}

/* req_txn_fn: ends the user's other sessions (their count into arg),
 * audited. */
static int
end_others_tx(struct req *r, void *arg)
{
	uint64_t	*n = arg;
	int		 rc;

	*n = 0;
	if ((rc = db_exec(r->db, r->a, STMT_SESSION_END_OTHERS, NULL, n, NULL,
	    "uu", r->s->user_id, r->s->id)) != RC_OK)
		return rc;
	return audit_req(r, "session.end-others", arena_printf(r->a,
	    "%llu sessions", (unsigned long long)*n));
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
	struct end	 e;
	uint64_t	 id;
	int		 self, rc;

	if (in_u64(r, "session", &id) != RC_OK)
		return no_session(r);
	self = id == r->s->id;
	e.id = id;
	e.self = self;
	if ((rc = req_txn(r, end_tx, &e)) != RC_OK || e.n == 0)
		return rc != RC_OK ? req_down(r) : no_session(r);
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

	if (req_txn(r, end_others_tx, &n) != RC_OK)
		return req_down(r);
	req_flash(r, "ok", n == 0 ? "There were no other sessions." :
	    n == 1 ? "Signed out 1 other session." :
	    arena_printf(r->a, "Signed out %llu other sessions.",
	    (unsigned long long)n));
	req_redirect(r, "/settings/profile");
	return RC_OK;
}
