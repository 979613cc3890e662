/*
 * billing.close, the period close as a job: once a UTC day (at
 * BILLING_CLOSE_AT seconds past midnight: periods end at a UTC date) the
 * runner that claims it closes every ended period (invoice.c, each
 * organization in its own transaction, a period closed once however often
 * or wherever the close runs) and queues the next day's.  Every runner
 * queues today's when it starts, so a new installation or a cluster needs
 * no cron; the job's once_key keeps one job a day however many runners
 * queue it.
 */
#include <stdio.h>

#include "billing_job.h"
#include "arena.h"
#include "db.h"
#include "invoice.h"
#include "limits.h"
#include "log.h"
#include "rc.h"

/* Queues the close of day (TO_DAYS; 0 for today) unless it is queued or
 * done.  An rc (RC_OK when it was already there). */
static int
close_queue(struct db *db, struct arena *a, uint64_t day)
{
	return db_exec(db, a, STMT_BILLING_CLOSE_NEXT, NULL, NULL, NULL, "iiu",
	    (long long)JOB_MAX_ATTEMPTS, (long long)BILLING_CLOSE_AT, day);
}

/* Queues today's close unless it is queued or done (runners call it when
 * they start).  An rc. */
int
billing_close_ensure(struct db *db, struct arena *a)
{
	return close_queue(db, a, 0);
}

/*
 * billing.close (a job_fn): closes the periods that ended by now, then
 * queues the next day's close.  RC_OK, or RC_ERROR with err set (the
 * runner retries it; what was closed stays closed).
 */
int
billing_close_job(struct db *db, struct arena *a, const struct job *j,
    char *err, size_t errlen)
{
	int	 orgs, issued;

	if (billing_close_all(db, a, 0, NULL, &orgs, &issued) != RC_OK) {
		snprintf(err, errlen, "period close: database error");
		return RC_ERROR;
	}
	log_info("billing.close: %d organization(s) closed, %d invoice(s)",
	    orgs, issued);
	if (close_queue(db, a, j->ref + 1) != RC_OK) {
		snprintf(err, errlen, "cannot queue the next close");
		return RC_ERROR;
	}
	return RC_OK;
}
