/*
 * MariaDB transactions: begin, commit, rollback, and db_txn(), which runs
 * a function as one transaction tried again whole after a conflict of
 * concurrent writers (the retryable table), bounded and jittered.
 */

#include <errno.h>
#include <time.h>

#include <mysqld_error.h>
#include <sodium.h>

#include "db.h"
#include "db_int.h"
#include "limits.h"
#include "log.h"
#include "rc.h"

/*
 * The server errors after which a transaction (or a statement outside
 * one) is tried again from its start: the conflicts of concurrent
 * writers, never a constraint or a bug.
 */
static const unsigned int retryable[] = {
	ER_LOCK_DEADLOCK,	/* 1213: a deadlock; also Galera's certification failure */
	ER_LOCK_WAIT_TIMEOUT,	/* 1205: a row lock held past DB_LOCK_WAIT */
	ER_AUTOINC_READ_FAILED,	/* 1467: the auto-increment conflict of INSERT … SELECT */
	ER_CHECKREAD,		/* 1020: the row changed since it was read (snapshot isolation) */
	ER_UNKNOWN_COM_ERROR,	/* 1047: Galera "WSREP has not yet prepared node" while a node syncs */
};

/* 1 for a server error after which the work is tried again whole. */
int
db_retryable(unsigned int err)
{
	size_t	 i;

	for (i = 0; i < sizeof(retryable) / sizeof(retryable[0]); i++)
		if (retryable[i] == err)
			return 1;
	return 0;
}

/*
 * After a failed try of some work (a statement, a transaction, a job):
 * 1 when the failure was a conflict (db->conflict) and the work may be
 * tried again — fewer than DB_TXN_TRIES tries, started less than
 * DB_TXN_DEADLINE_MS ago — after a wait of DB_TXN_BACKOFF_MS doubled at
 * each try (at most DB_TXN_BACKOFF_MAX_MS), jittered by ±50% so that the
 * writers who conflicted do not meet again; else 0.  rt starts zeroed
 * and counts the tries.
 */
int
db_retry(struct db *db, struct db_retry *rt)
{
	struct timespec	 ts;
	long long	 ms = DB_TXN_BACKOFF_MS;
	int		 i;

	if (rt->tries++ == 0)
		rt->t0 = db_now_ms();
	if (!db->conflict || rt->tries >= DB_TXN_TRIES ||
	    db_now_ms() - rt->t0 >= DB_TXN_DEADLINE_MS)
		return 0;
	for (i = 1; i < rt->tries && ms < DB_TXN_BACKOFF_MAX_MS; i++)
		ms *= 2;
	if (ms > DB_TXN_BACKOFF_MAX_MS)
		ms = DB_TXN_BACKOFF_MAX_MS;
	ms = ms / 2 + randombytes_uniform((uint32_t)ms + 1);
	ts.tv_sec = (time_t)(ms / 1000);
	ts.tv_nsec = (long)(ms % 1000) * 1000000L;
	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		;
	return 1;
}

/* Notes a failed statement's error err: a conflict sets db->conflict. */
void
db_failed(struct db *db, int id, unsigned int err, const char *msg)
{
	if (db_retryable(err)) {
		db->conflict = 1;
		log_info("statement %d: conflict: %s", id, msg);
	} else
		log_error("statement %d: %s", id, msg);
}

/* Starts a transaction; the connection is (re)opened first if needed.
 * One lost with its connection and never ended ends here. */
int
db_begin(struct db *db)
{
	static const char q[] = "START TRANSACTION";

	if (db->my == NULL)
		db->in_tx = 0;
	db_maybe_return(db);
	if (db->my == NULL && db_open(db) == -1)
		return RC_DOWN;
	if (mysql_real_query(db->my, q, sizeof(q) - 1)) {
		if (db_gone(mysql_errno(db->my))) {
			db_close(db);
			if (db_open(db) == -1 ||
			    mysql_real_query(db->my, q, sizeof(q) - 1))
				return RC_DOWN;
		} else
			return RC_ERROR;
	}
	db->in_tx = 1;
	db->conflict = 0;
	return RC_OK;
}

/* Commits; on failure the transaction is rolled back (one whose
 * connection died is gone already: RC_DOWN). */
int
db_commit(struct db *db)
{
	int	 rc = RC_OK;

	if (db->my == NULL) {
		db->in_tx = 0;
		return RC_DOWN;
	}
	if (mysql_commit(db->my)) {
		db_failed(db, -1, mysql_errno(db->my), mysql_error(db->my));
		rc = db_gone(mysql_errno(db->my)) ? RC_DOWN : RC_ERROR;
		db_rollback(db);
	}
	db->in_tx = 0;
	return rc;
}

/* Rolls back; a dead connection is closed (its transaction is gone too). */
void
db_rollback(struct db *db)
{
	if (db->my != NULL && mysql_rollback(db->my))
		db_close(db);
	db->in_tx = 0;
}

/*
 * After a request or a job: a transaction its code left open (or one
 * lost with its connection and never ended) is rolled back, so that the
 * next starts clean.  1 when there was one.
 */
int
db_settle(struct db *db)
{
	if (!db->in_tx)
		return 0;
	db_rollback(db);
	return 1;
}

/*
 * Marks the open transaction as conflicting: a concurrent writer
 * committed what its snapshot cannot see (a duplicate key on a name it
 * found missing).  Its work then fails and db_txn() / db_retry() try it
 * again whole.
 */
void
db_conflict(struct db *db)
{
	db->conflict = 1;
}

/*
 * Runs fn(db, arg) as one transaction: committed when it answers RC_OK,
 * rolled back otherwise.  When a statement or the commit met a conflict
 * (deadlock, lock-wait timeout, auto-increment conflict, Galera
 * certification failure: db_retryable), the whole transaction is rolled
 * back and fn runs again after a jittered wait, up to DB_TXN_TRIES times
 * within DB_TXN_DEADLINE_MS.  Returns fn's rc, the commit's, or RC_ERROR
 * when still conflicting (logged); nothing is left open.
 */
int
db_txn(struct db *db, db_txn_fn fn, void *arg)
{
	struct db_retry	 rt = { 0, 0 };
	int		 rc;

	if (db->in_tx && db->my != NULL) {
		log_error("db_txn: a transaction is already open");
		return RC_ERROR;
	}
	do {
		if ((rc = db_begin(db)) != RC_OK)
			return rc;
		rc = fn(db, arg);
		if (rc == RC_OK && !db->conflict)
			rc = db_commit(db);
		else {
			db_rollback(db);
			if (rc == RC_OK)
				rc = RC_ERROR;
		}
	} while (rc != RC_OK && db_retry(db, &rt));
	if (rc != RC_OK && db->conflict)
		log_error("transaction: still conflicting after %d tries",
		    rt.tries);
	return rc;
}
