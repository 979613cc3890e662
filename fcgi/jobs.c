/*
 * The job runner (DESIGN §1): background work is rows of the job table.
 * A runner claims the oldest ready job with SELECT … FOR UPDATE SKIP
 * LOCKED and a lease, so any number of runners on any number of hosts
 * share one queue and each job runs once; a job whose lease ran out (its
 * runner died) is ready again; a failed job is retried after a doubling
 * backoff, JOB_MAX_ATTEMPTS times in all.  The runner is a thread of the
 * worker (steward.conf "jobs = yes") and the program steward-jobs.
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "jobs.h"
#include "arena.h"
#include "csv_import.h"
#include "db.h"
#include "export.h"
#include "limits.h"
#include "log.h"
#include "rc.h"
#include "tick.h"

static int	job_noop(struct db *, struct arena *, const struct job *,
		    char *, size_t);
static int	job_fail(struct db *, struct arena *, const struct job *,
		    char *, size_t);

/* What each kind of job runs. */
static const struct {
	const char	*kind;
	job_fn		 fn;
} kinds[] = {
	{ "csv.import", csv_import_job },
	{ "report.export", report_export_job },	/* manage part: an export */
	{ "manage.tick", manage_tick_job },	/* manage part: the scheduler */
	{ "test.noop", job_noop },	/* counts its runs: the queue's tests */
	{ "test.fail", job_fail },	/* always fails: retries and backoff */
};

/* Set when the runner should stop: long jobs check it between batches. */
static volatile sig_atomic_t	 stop_requested;

/* Asks running jobs to stop at their next batch (async-signal-safe). */
void
job_request_stop(void)
{
	stop_requested = 1;
}

/* 1 when the runner is stopping; a long job then gives its job back. */
int
job_stopping(void)
{
	return stop_requested != 0;
}

/* Seconds before the retry after attempt n (1…): 5, 10, 20, … capped. */
long
job_backoff(unsigned attempt)
{
	long	 s = JOB_BACKOFF_BASE;

	while (attempt-- > 1 && s < JOB_BACKOFF_MAX)
		s *= 2;
	return s < JOB_BACKOFF_MAX ? s : JOB_BACKOFF_MAX;
}

/* "host:pid:what", the runner's name in the job table. */
void
job_runner_name(char *out, size_t outlen, const char *what)
{
	char	 host[64];

	if (gethostname(host, sizeof(host)) != 0)
		snprintf(host, sizeof(host), "localhost");
	host[sizeof(host) - 1] = '\0';
	snprintf(out, outlen, "%.30s:%ld:%.16s", host, (long)getpid(), what);
}

/* Queues a job of kind for account (0: none) about row ref; an rc. */
int
job_enqueue(struct db *db, struct arena *a, uint64_t account, const char *kind,
    uint64_t ref, uint64_t *id)
{
	return db_exec(db, a, STMT_JOB_NEW, NULL, NULL, id, "nsui", account,
	    kind, ref, (long long)JOB_MAX_ATTEMPTS);
}

/* Extends the lease of a running job; -1 when it is no longer ours. */
int
job_renew(struct db *db, struct arena *a, const struct job *j)
{
	uint64_t	 n = 0;

	if (db_exec(db, a, STMT_JOB_RENEW, NULL, &n, NULL, "ius",
	    (long long)JOB_LEASE, j->id, j->runner) != RC_OK)
		return -1;
	return n == 1 ? 0 : -1;
}

/*
 * Claims the oldest ready job in its own transaction.  1 with *j filled,
 * 0 when nothing is ready, -1 on a database error.
 */
static int
job_claim(struct db *db, struct arena *a, const char *runner, struct job *j)
{
	struct dbres	 res;

	if (db_begin(db) != RC_OK)
		return -1;
	if (db_exec(db, a, STMT_JOB_CLAIM, &res, NULL, NULL, "") != RC_OK)
		goto fail;
	if (res.nrows == 0) {
		db_rollback(db);
		return 0;
	}
	j->id = db_u64(&res, 0, 0);
	j->account = db_u64(&res, 0, 1);
	j->kind = db_cell(&res, 0, 2);
	j->ref = db_u64(&res, 0, 3);
	j->attempt = (unsigned)db_u64(&res, 0, 4) + 1;
	j->runner = runner;
	if (db_exec(db, a, STMT_JOB_TAKE, NULL, NULL, NULL, "isu",
	    (long long)JOB_LEASE, runner, j->id) != RC_OK ||
	    db_commit(db) != RC_OK)
		goto fail;
	return 1;
fail:
	db_rollback(db);
	return -1;
}

/* The function of a kind, or NULL. */
static job_fn
job_kind(const char *kind)
{
	size_t	 i;

	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (strcmp(kinds[i].kind, kind) == 0)
			return kinds[i].fn;
	return NULL;
}

/*
 * Claims and runs one job.  1 when a job ran (whatever its outcome), 0
 * when none was ready, -1 on a database error.
 */
int
job_run_one(struct db *db, struct arena *a, const char *runner)
{
	struct job	 j;
	struct arena	 own;		/* the job may have used up a */
	job_fn		 fn;
	char		 err[256] = "";
	int		 rc;

	if ((rc = job_claim(db, a, runner, &j)) != 1)
		return rc;
	if ((fn = job_kind(j.kind)) == NULL) {
		snprintf(err, sizeof(err), "unknown kind %.32s", j.kind);
		rc = -1;
	} else
		rc = fn(db, a, &j, err, sizeof(err));
	if (db->in_tx)		/* a handler that failed mid-transaction */
		db_rollback(db);
	arena_init(&own);
	if (rc == 0)
		rc = db_exec(db, &own, STMT_JOB_DONE, NULL, NULL, NULL, "us",
		    j.id, runner);
	else {
		log_error("job %llu (%s) attempt %u: %s",
		    (unsigned long long)j.id, j.kind ? j.kind : "?", j.attempt,
		    err[0] ? err : "failed");
		rc = db_exec(db, &own, STMT_JOB_FAILED, NULL, NULL, NULL, "isus",
		    (long long)job_backoff(j.attempt), err[0] ? err : "failed",
		    j.id, runner);
	}
	arena_reset(&own);
	return rc == RC_OK ? 1 : -1;
}

/* test.noop: counts the run (the queue's exactly-once test reads it). */
static int
job_noop(struct db *db, struct arena *a, const struct job *j, char *err,
    size_t errlen)
{
	struct timespec	 ts = { 0, 5 * 1000 * 1000 };	/* widen the races */

	nanosleep(&ts, NULL);
	if (db_exec(db, a, STMT_JOB_RAN, NULL, NULL, NULL, "u", j->id) != RC_OK) {
		snprintf(err, errlen, "database");
		return -1;
	}
	return 0;
}

/* test.fail: counts the run and fails. */
static int
job_fail(struct db *db, struct arena *a, const struct job *j, char *err,
    size_t errlen)
{
	(void)db_exec(db, a, STMT_JOB_RAN, NULL, NULL, NULL, "u", j->id);
	snprintf(err, errlen, "this job always fails (attempt %u)", j->attempt);
	return -1;
}

/* ------------------------------------------------- the worker's thread */

static struct {
	pthread_t	 thread;
	pthread_mutex_t	 mu;
	pthread_cond_t	 cv;
	int		 running, stop;
} runner = { .mu = PTHREAD_MUTEX_INITIALIZER, .cv = PTHREAD_COND_INITIALIZER };

/* Sleeps up to secs, or until jobs_thread_stop(); 1 when stopping. */
static int
runner_wait(int secs)
{
	struct timespec	 until;
	int		 stop;

	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += secs;
	pthread_mutex_lock(&runner.mu);
	while (!runner.stop && pthread_cond_timedwait(&runner.cv, &runner.mu,
	    &until) != ETIMEDOUT)
		continue;
	stop = runner.stop;
	pthread_mutex_unlock(&runner.mu);
	return stop;
}

/* The thread: runs ready jobs, sleeps JOB_POLL seconds when none is. */
static void *
runner_main(void *arg)
{
	struct db	 db;
	struct arena	 a;
	char		 name[128];
	int		 rc;

	(void)arg;
	mysql_thread_init();
	memset(&db, 0, sizeof(db));
	arena_init(&a);
	job_runner_name(name, sizeof(name), "worker");
	for (;;) {
		pthread_mutex_lock(&runner.mu);
		rc = runner.stop;
		pthread_mutex_unlock(&runner.mu);
		if (rc)
			break;
		if (db.my == NULL && db_open(&db) == -1)
			rc = -1;
		else
			rc = job_run_one(&db, &a, name);
		arena_reset(&a);
		if (rc != 1 && runner_wait(JOB_POLL))
			break;
	}
	db_close(&db);
	mysql_thread_end();
	return NULL;
}

/* Starts the worker's runner thread; -1 when it cannot. */
int
jobs_thread_start(void)
{
	runner.stop = 0;
	if (pthread_create(&runner.thread, NULL, runner_main, NULL) != 0)
		return -1;
	runner.running = 1;
	log_info("job runner started");
	return 0;
}

/* Stops the runner thread after its current job, and waits for it. */
void
jobs_thread_stop(void)
{
	if (!runner.running)
		return;
	job_request_stop();
	pthread_mutex_lock(&runner.mu);
	runner.stop = 1;
	pthread_cond_signal(&runner.cv);
	pthread_mutex_unlock(&runner.mu);
	pthread_join(runner.thread, NULL);
	runner.running = 0;
}
