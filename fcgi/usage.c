/*
 * Usage counters as the ingestion path will keep them (usage_day,
 * usage_month); until it does, steward-admin usage-add fills them.
 */
#include "usage.h"
#include "arena.h"
#include "db.h"
#include "rc.h"

/*
 * Adds data_points to account's day ('YYYY-MM-DD') and mau to the month
 * of that day, in one transaction.  Returns an rc.
 */
int
usage_add(struct db *db, struct arena *a, uint64_t account, const char *day,
    uint64_t data_points, uint64_t mau)
{
	int	 rc;

	if ((rc = db_begin(db)) != RC_OK)
		return rc;
	if ((rc = db_exec(db, a, STMT_USAGE_DAY_ADD, NULL, NULL, NULL, "usi",
	    account, day, (long long)data_points)) != RC_OK ||
	    (rc = db_exec(db, a, STMT_USAGE_MAU_ADD, NULL, NULL, NULL, "usi",
	    account, day, (long long)mau)) != RC_OK) {
		db_rollback(db);
		return rc;
	}
	return db_commit(db);
}
