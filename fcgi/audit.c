/*
 * The audit log: one row per security-relevant change, written on the
 * caller's connection so that it commits or rolls back with the change.
 */
#include "audit.h"
#include "arena.h"
#include "db.h"

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
