/*
 * Usage counters as the ingestion path will keep them (usage_day,
 * usage_month); until it does, steward-admin usage-add fills them.
 */
#include "usage.h"
#include "arena.h"
#include "db.h"
#include "rc.h"

/* The counts added by usage_tx(). */
struct usage_add {
	struct arena	*a;
	uint64_t	 account;
	const char	*day;
	uint64_t	 data_points, mau;
};

/* db_txn_fn: usage_add()'s transaction. */
static int
usage_tx(struct db *db, void *arg)
{
	struct usage_add	*u = arg;
	int			 rc;

	if ((rc = db_exec(db, u->a, STMT_USAGE_DAY_ADD, NULL, NULL, NULL, "usi",
	    u->account, u->day, (long long)u->data_points)) != RC_OK)
		return rc;
	return db_exec(db, u->a, STMT_USAGE_MAU_ADD, NULL, NULL, NULL, "usi",
	    u->account, u->day, (long long)u->mau);
}

/*
 * Adds data_points to account's day ('YYYY-MM-DD') and mau to the month
 * of that day, in one transaction (db_txn).  Returns an rc.
 */
int
usage_add(struct db *db, struct arena *a, uint64_t account, const char *day,
    uint64_t data_points, uint64_t mau)
{
	struct usage_add	 u = { a, account, day, data_points, mau };

	return db_txn(db, usage_tx, &u);
}
