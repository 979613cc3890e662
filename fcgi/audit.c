/*
 * The audit log: one row per security-relevant change, written on the
 * caller's connection so that it commits or rolls back with the change.
 */
#include "audit.h"
#include "arena.h"
#include "db.h"
#include "rc.h"
#include "request.h"

/*
 * Records action (e.g. "passcode.reveal") by actor on target in account;
 * account or actor 0 is stored as NULL.  Returns an rc.
 */
int
audit(struct db *db, uint64_t account, uint64_t actor, const char *action,
    const char *target, const char *ip)
{
	struct arena	 a;
	int		 rc;

	arena_init(&a);
	rc = db_exec(db, &a, STMT_AUDIT_NEW, NULL, NULL, NULL, "nnsss",
	    account, actor, action, target ? target : "", ip ? ip : "");
	arena_reset(&a);
	return rc;
}

/*
 * Records action on target by the session's user in the session's
 * account, from the client's address.  Returns an rc.
 */
int
audit_req(struct req *r, const char *action, const char *target)
{
	return audit(r->db, r->s->account_id, r->s->user_id, action, target,
	    r->ip);
}

/*
 * Ends a change made in the open transaction: its audit row (as
 * audit_req()), then the commit.  On any failure the whole change is
 * rolled back.  Returns an rc.
 */
int
audit_commit(struct req *r, const char *action, const char *target)
{
	int	 rc;

	if ((rc = audit_req(r, action, target)) == RC_OK &&
	    (rc = db_commit(r->db)) == RC_OK)
		return RC_OK;
	db_rollback(r->db);
	return rc;
}

/* A request's change as db_txn() runs it. */
struct req_change {
	struct req	*r;
	req_txn_fn	 fn;
	void		*arg;
};

/* db_txn_fn of req_txn(): the change's function on its request. */
static int
req_change_run(struct db *db, void *arg)
{
	struct req_change	*c = arg;

	(void)db;
	return c->fn(c->r, c->arg);
}

/*
 * Runs fn(r, arg) as one transaction on the request's connection, tried
 * again whole after a conflict (db_txn).  Returns fn's rc or the
 * commit's; nothing is left open.
 */
int
req_txn(struct req *r, req_txn_fn fn, void *arg)
{
	struct req_change	 c = { r, fn, arg };

	return db_txn(r->db, req_change_run, &c);
}
