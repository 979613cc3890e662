/*
 * The scheduler, as the job manage.tick: queues the runs of the reports
 * that are due and moves their next run on, deletes the files of expired
 * downloads (and marks their rows), then queues the next tick MANAGE_TICK
 * seconds later.  A report's run is a download with its report.export
 * job (export.c).
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "tick.h"
#include "arena.h"
#include "db.h"
#include "download.h"
#include "jobs.h"
#include "limits.h"
#include "log.h"
#include "rc.h"
#include "report.h"
#include "sched.h"
#include "tz.h"

/* Columns of STMT_REPORT_DUE. */
enum {
	RD_ID, RD_ACCOUNT, RD_OWNER, RD_NAME, RD_KIND, RD_SCHEDULE, RD_WEEKDAY,
	RD_MDAY, RD_HOUR, RD_TZ, RD_DUE, RD_RANGE, RD_FROM, RD_TO, RD_EVENTS,
	RD_LABEL, RD_LABEL_NAME
};

/* Columns of STMT_DOWNLOAD_EXPIRED. */
enum { DE_ID, DE_STORED };

/* The schedule, date range and download of due row i of res. */
static void
due_row(const struct dbres *res, size_t i, struct sched *sc, struct range *rg,
    struct dl_spec *s)
{
	sc->kind = (enum sched_kind)db_u64(res, i, RD_SCHEDULE);
	sc->weekday = (int)db_u64(res, i, RD_WEEKDAY);
	sc->mday = (int)db_u64(res, i, RD_MDAY);
	sc->hour = (int)db_u64(res, i, RD_HOUR);
	report_range(rg, db_u64(res, i, RD_RANGE), db_cell(res, i, RD_FROM),
	    db_cell(res, i, RD_TO));
	memset(s, 0, sizeof(*s));
	s->account = db_u64(res, i, RD_ACCOUNT);
	s->user = db_u64(res, i, RD_OWNER);
	s->report = db_u64(res, i, RD_ID);
	s->name = db_cell(res, i, RD_NAME);
	s->kind = (enum rkind)db_u64(res, i, RD_KIND);
	s->events = db_cell(res, i, RD_EVENTS);
	s->label = db_u64(res, i, RD_LABEL);
	s->label_name = db_cell(res, i, RD_LABEL_NAME);
	s->notify = 1;
}

/*
 * Queues the run of due row i of res at now (its range as of now) and
 * moves the report's next run on from when it was due.  An rc.
 */
static int
due_run(struct db *db, struct arena *a, const struct dbres *res, size_t i,
    const struct tz *z, int64_t now)
{
	struct dl_spec	 s;
	struct sched	 sc;
	struct range	 rg;
	int64_t		 due = (int64_t)db_u64(res, i, RD_DUE);
	uint64_t	 id;
	int		 rc;

	due_row(res, i, &sc, &rg, &s);
	if (download_snapshot(a, z, now, &rg, &s) != RC_OK)
		return RC_ERROR;
	if ((rc = download_create(db, a, &s, &id)) != RC_OK)
		return rc;
	return db_exec(db, a, STMT_REPORT_ADVANCE, NULL, NULL, NULL, "suu",
	    sched_next_sql(a, &sc, z, now > due ? now : due), id, s.report);
}

/* The tick of tick_due_tx(). */
struct due {
	struct arena	*a;
	int64_t		 now;
};

/* db_txn_fn: queues the due reports' runs, moves their next runs on. */
static int
tick_due_tx(struct db *db, void *arg)
{
	struct due	*d = arg;
	struct dbres	 res;
	struct tz	*z;
	size_t		 i;
	int		 rc;

	if ((rc = db_exec(db, d->a, STMT_REPORT_DUE, &res, NULL, NULL, "i",
	    (long long)TICK_BATCH)) != RC_OK)
		return rc;
	for (i = 0; i < res.nrows; i++) {
		if ((z = tz_or_utc(d->a, db_cell(&res, i, RD_TZ))) == NULL)
			return RC_ERROR;
		if ((rc = due_run(db, d->a, &res, i, z, d->now)) != RC_OK)
			return rc;
	}
	return RC_OK;
}

/*
 * Queues a run of every due report (up to TICK_BATCH) and moves its next
 * run on, in one transaction (db_txn); the rows are locked SKIP LOCKED,
 * so two runners never queue one run twice.  An rc (nothing done unless
 * RC_OK).
 */
static int
tick_due(struct db *db, struct arena *a, int64_t now)
{
	struct due	 d = { a, now };

	return db_txn(db, tick_due_tx, &d);
}

/*
 * Deletes the files of ready downloads past their expiry (the row is
 * marked expired first, so a download never points at a missing file),
 * and forgets expired rows DOWNLOAD_KEEP seconds later.  An rc.
 */
static int
tick_expire(struct db *db, struct arena *a)
{
	struct dbres	 res;
	uint64_t	 n;
	size_t		 i;
	int		 rc;

	if ((rc = db_exec(db, a, STMT_DOWNLOAD_EXPIRED, &res, NULL, NULL, "i",
	    (long long)TICK_BATCH)) != RC_OK)
		return rc;
	for (i = 0; i < res.nrows; i++) {
		n = 0;
		if ((rc = db_exec(db, a, STMT_DOWNLOAD_EXPIRE, NULL, &n, NULL, "u",
		    db_u64(&res, i, DE_ID))) != RC_OK)
			return rc;
		if (n == 1)
			download_remove(db_cell(&res, i, DE_STORED), "expire");
	}
	return db_exec(db, a, STMT_DOWNLOAD_PURGE, NULL, NULL, NULL, "ii",
	    (long long)DOWNLOAD_KEEP, (long long)TICK_BATCH);
}

/*
 * Queues a tick delay seconds from now unless another than the running
 * one (id self, 0: none) is queued or running: the once_key of ticks
 * that no longer need it is freed first, and the new tick takes it, so
 * two chains never start however many nodes queue at once.  An rc.
 */
static int
tick_queue(struct db *db, struct arena *a, long long delay, uint64_t self)
{
	int	 rc;

	if ((rc = db_exec(db, a, STMT_TICK_RELEASE, NULL, NULL, NULL, "u",
	    self)) != RC_OK)
		return rc;
	return db_exec(db, a, STMT_TICK_NEXT, NULL, NULL, NULL, "iiu",
	    (long long)JOB_MAX_ATTEMPTS, delay, self);
}

/*
 * manage.tick: due reports, expired files, then the next tick.  The tick
 * fails (and the runner retries it) only when the next one cannot be
 * queued, so the chain of ticks does not break.  RC_OK, or RC_ERROR with
 * err set.
 */
int
manage_tick_job(struct db *db, struct arena *a, const struct job *j,
    char *err, size_t errlen)
{
	if (tick_due(db, a, (int64_t)time(NULL)) != RC_OK)
		log_error("manage.tick: due reports: database error");
	if (tick_expire(db, a) != RC_OK)
		log_error("manage.tick: expiry: database error");
	if (tick_queue(db, a, (long long)MANAGE_TICK, j->id) != RC_OK) {
		snprintf(err, errlen, "cannot queue the next tick");
		return RC_ERROR;
	}
	return RC_OK;
}

/* Queues a tick now unless one is queued or running.  An rc. */
int
tick_ensure(struct db *db, struct arena *a)
{
	return tick_queue(db, a, 0, 0);
}
