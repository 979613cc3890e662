/*
 * The audit log: one row per security-relevant change, written on the
 * caller's connection so that it commits or rolls back with the change.
 */
#include <stdarg.h>

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

/* A request's change as db_txn() runs it. */
struct req_change {
	struct req	*r;
	req_txn_fn	 fn;
	void		*arg;
	size_t		 ncookies;	/* the cookies set before it */
};

/* db_txn_fn of req_txn(): the change's function on its request, without
 * the cookies an earlier try set. */
static int
req_change_run(struct db *db, void *arg)
{
	struct req_change	*c = arg;

	(void)db;
	c->r->ncookies_out = c->ncookies;
	return c->fn(c->r, c->arg);
}

/*
 * Runs fn(r, arg) as one transaction on the request's connection, tried
 * again whole after a conflict (db_txn).  The cookies fn sets (a new
 * session's) are kept only when it committed.  Returns fn's rc or the
 * commit's; nothing is left open.
 */
int
req_txn(struct req *r, req_txn_fn fn, void *arg)
{
	struct req_change	 c = { r, fn, arg, r->ncookies_out };
	int			 rc;

	if ((rc = db_txn(r->db, req_change_run, &c)) != RC_OK)
		r->ncookies_out = c.ncookies;
	return rc;
}

/* One statement and its audit row, for req_txn_exec(). */
struct req_exec {
	enum stmt	 id;
	const char	*types;
	va_list		*ap;
	const char	*action, *target;
};

/* req_txn_fn of req_txn_exec(): the statement, then the audit row. */
static int
req_exec_run(struct req *r, void *arg)
{
	struct req_exec	*e = arg;
	va_list		 aq;
	int		 rc;

	va_copy(aq, *e->ap);
	rc = db_vexec(r->db, r->a, e->id, NULL, NULL, NULL, e->types, aq);
	va_end(aq);
	if (rc != RC_OK)
		return rc;
	return audit_req(r, e->action, e->target);
}

/*
 * Statement id with its parameters (as db_exec() takes them) and the
 * audit row action/target, as one transaction tried again whole after a
 * conflict (req_txn).  Returns an rc; nothing changes unless RC_OK.
 */
int
req_txn_exec(struct req *r, const char *action, const char *target,
    enum stmt id, const char *types, ...)
{
	struct req_exec	 e = { id, types, NULL, action, target };
	va_list		 ap;
	int		 rc;

	va_start(ap, types);
	e.ap = &ap;
	rc = req_txn(r, req_exec_run, &e);
	va_end(ap);
	return rc;
}
