/*
 * The job runner (DESIGN §1): background work is rows of the job table.
 * A runner claims the oldest ready job with SELECT … FOR UPDATE SKIP
 * LOCKED and a lease, so any number of runners on any number of hosts
 * share one queue and each job runs once; a job whose lease ran out (its
 * runner died) is ready again; a failed job is retried after a doubling
 * backoff, JOB_MAX_ATTEMPTS times in all.  The runner is a thread of the
 * worker (steward.conf "jobs = yes") and the program steward-jobs.
 *
 * On a Galera cluster two runners on two nodes can claim one job: the
 * claim that commits second fails certification (a deadlock error), and
 * db_txn() claims again (the next ready job) instead of failing.  The row
 * lock of the SELECT is its node's own, so the claim's UPDATE takes the
 * job only while it is still ready (0 rows: claimed elsewhere, claimed
 * again), and "done" only while the job is still this runner's.
 * A job whose function leaves its transaction open on success is marked
 * done in that transaction, so its effect and its "done" commit together
 * (exactly once even when the database node dies in between, or another
 * runner claimed the job meanwhile: then the run is rolled back).
 *
 * The kinds test.noop, test.slow, test.hold and test.fail exist for the
 * queue's tests; a runner knows them only with steward.conf "test_jobs = yes" (a
 * production runner fails such a job as of an unknown kind).
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
#include "billing_job.h"
#include "conf.h"
#include "csv_import.h"
#include "db.h"
#include "export.h"
#include "limits.h"
#include "log.h"
#include "mem.h"
#include "rc.h"
#include "tick.h"

/* Columns of STMT_JOB_CLAIM. */
enum {
	JC_ID,
	JC_ACCOUNT,
	JC_KIND,
	JC_REF,
	JC_ATTEMPTS,
};

static int	job_noop(struct db *, struct arena *, const struct job *,
		    char *, size_t);
static int	job_slow(struct db *, struct arena *, const struct job *,
		    char *, size_t);
static int	job_hold(struct db *, struct arena *, const struct job *,
		    char *, size_t);
static int	job_fail(struct db *, struct arena *, const struct job *,
		    char *, size_t);

/* A kind of job and what it runs. */
struct kind {
	const char	*kind;
	job_fn		 fn;
};

/* The kinds every runner runs. */
static const struct kind kinds[] = {
	{ "csv.import", csv_import_job },	/* a CSV upload's import */
	{ "report.export", report_export_job },	/* an export to download */
	{ "manage.tick", manage_tick_job },	/* the report scheduler */
	{ "billing.close", billing_close_job },	/* the daily period close */
};

/* The queue's test kinds (test_jobs = yes only). */
static const struct kind test_kinds[] = {
	{ "test.noop", job_noop },	/* counts its runs: exactly once */
	{ "test.slow", job_slow },	/* test.noop after JOB_TEST_SLOW_MS */
	{ "test.hold", job_hold },	/* test.noop holding its transaction as long */
	{ "test.fail", job_fail },	/* always fails: retries and backoff */
};

#define NKINDS(t)	(sizeof(t) / sizeof((t)[0]))

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

/* Queues a job of kind for account (0: none) about row ref, its id into
 * *id (may be NULL).  An rc. */
int
job_enqueue(struct db *db, struct arena *a, uint64_t account, const char *kind,
    uint64_t ref, uint64_t *id)
{
	return db_exec(db, a, STMT_JOB_NEW, NULL, NULL, id, "nsui", account,
	    kind, ref, (long long)JOB_MAX_ATTEMPTS);
}

/* Extends the lease of a running job.  RC_OK, or RC_ERROR when it is no
 * longer ours (or the database failed). */
int
job_renew(struct db *db, struct arena *a, const struct job *j)
{
	uint64_t	 n = 0;

	if (db_exec(db, a, STMT_JOB_RENEW, NULL, &n, NULL, "ius",
	    (long long)JOB_LEASE, j->id, j->runner) != RC_OK)
		return RC_ERROR;
	return n == 1 ? RC_OK : RC_ERROR;
}

/* A claim made by job_claim_tx(). */
struct claim {
	struct arena	*a;
	const char	*runner;
	struct job	*j;
	int		 got;		/* out: a job was claimed */
};

/* db_txn_fn: takes the oldest ready job, if any, into c->j.  An rc. */
static int
job_claim_tx(struct db *db, void *arg)
{
	struct claim	*c = arg;
	struct job	*j = c->j;
	struct dbres	 res;
	uint64_t	 n = 0;
	int		 rc;

	c->got = 0;
	if ((rc = db_exec(db, c->a, STMT_JOB_CLAIM, &res, NULL, NULL, "")) !=
	    RC_OK || res.nrows == 0)
		return rc;
	j->id = db_u64(&res, 0, JC_ID);
	j->account = db_u64(&res, 0, JC_ACCOUNT);
	j->kind = db_cell(&res, 0, JC_KIND);
	j->ref = db_u64(&res, 0, JC_REF);
	j->attempt = (unsigned)db_u64(&res, 0, JC_ATTEMPTS) + 1;
	j->runner = c->runner;
	if ((rc = db_exec(db, c->a, STMT_JOB_TAKE, NULL, &n, NULL, "isu",
	    (long long)JOB_LEASE, c->runner, j->id)) != RC_OK)
		return rc;
	if (n != 1) {		/* claimed on another node meanwhile */
		log_info("job %llu: claimed by another runner meanwhile",
		    (unsigned long long)j->id);
		db_conflict(db);
		return RC_ERROR;
	}
	c->got = 1;
	return RC_OK;
}

/*
 * Claims the oldest ready job in its own transaction (db_txn).  JOB_RAN
 * with *j filled (the job is ours to run), JOB_IDLE when nothing is
 * ready, JOB_DB_ERROR on a database error.
 */
static enum job_run
job_claim(struct db *db, struct arena *a, const char *runner, struct job *j)
{
	struct claim	 c = { a, runner, j, 0 };

	if (db_txn(db, job_claim_tx, &c) != RC_OK)
		return JOB_DB_ERROR;
	return c.got ? JOB_RAN : JOB_IDLE;
}

/* The function of kind in the n kinds of table t, or NULL. */
static job_fn
kind_fn(const struct kind *t, size_t n, const char *kind)
{
	size_t	 i;

	for (i = 0; kind != NULL && i < n; i++)
		if (strcmp(t[i].kind, kind) == 0)
			return t[i].fn;
	return NULL;
}

/* 1 when kind is one of the queue's test kinds. */
int
job_is_test(const char *kind)
{
	return kind_fn(test_kinds, NKINDS(test_kinds), kind) != NULL;
}

/* The function of a kind this runner runs (test kinds only with
 * test_jobs = yes), or NULL. */
static job_fn
job_kind(const char *kind)
{
	job_fn	 fn;

	if ((fn = kind_fn(kinds, NKINDS(kinds), kind)) == NULL && conf.test_jobs)
		fn = kind_fn(test_kinds, NKINDS(test_kinds), kind);
	return fn;
}

/*
 * Records the outcome rc of job j, run by runner; a success inside the
 * job's still open transaction commits with it (when that commit fails,
 * the job's effect is gone too and it is recorded as a failed attempt).
 * A job that is no longer this runner's (claimed again elsewhere) is not
 * recorded, and its open transaction is rolled back: its effect is the
 * other run's.  An rc.
 */
static int
job_record(struct db *db, const struct job *j, const char *runner, int rc,
    const char *err)
{
	struct arena	 own;		/* the job may have used up its arena */
	uint64_t	 n = 0;

	arena_init(&own);
	if (rc == RC_OK) {
		rc = db_exec(db, &own, STMT_JOB_DONE, NULL, &n, NULL, "us",
		    j->id, runner);
		if (rc == RC_OK && n != 1) {
			log_error("job %llu (%s) attempt %u: no longer this "
			    "runner's%s", (unsigned long long)j->id,
			    j->kind ? j->kind : "?", j->attempt, db->in_tx ?
			    "; its run is rolled back" : "");
			if (db->in_tx)
				db_rollback(db);
			goto out;
		}
		if (!db->in_tx)		/* its work committed itself: "done" alone */
			goto out;
		if (rc == RC_OK && (rc = db_commit(db)) == RC_OK)
			goto out;
		db_rollback(db);
		err = "the job's commit failed";
		rc = RC_ERROR;
	}
	log_error("job %llu (%s) attempt %u: %s", (unsigned long long)j->id,
	    j->kind ? j->kind : "?", j->attempt, err[0] ? err : "failed");
	rc = db_exec(db, &own, STMT_JOB_FAILED, NULL, NULL, NULL, "isus",
	    (long long)job_backoff(j->attempt), err[0] ? err : "failed",
	    j->id, runner);
out:
	arena_reset(&own);
	return rc;
}

/*
 * Claims and runs one job; a run that failed on a conflict (db_retry)
 * runs again at once, without spending an attempt.  JOB_RAN when a job
 * ran (whatever its outcome), JOB_IDLE when none was ready, JOB_DB_ERROR
 * on a database error.
 */
enum job_run
job_run_one(struct db *db, struct arena *a, const char *runner)
{
	struct db_retry	 rt = { 0, 0 };
	struct job	 j;
	job_fn		 fn;
	char		 err[256] = "";
	enum job_run	 got;
	int		 rc;

	if ((got = job_claim(db, a, runner, &j)) != JOB_RAN)
		return got;
	if ((fn = job_kind(j.kind)) == NULL) {
		snprintf(err, sizeof(err), "unknown kind %.32s", j.kind);
		rc = RC_ERROR;
	} else
		do {		/* a job is made to be run again whole */
			err[0] = '\0';
			rc = fn(db, a, &j, err, sizeof(err));
			if (rc != RC_OK && db->in_tx)	/* failed mid-transaction */
				db_rollback(db);
		} while (rc != RC_OK && db_retry(db, &rt));
	rc = job_record(db, &j, runner, rc, err);
	if (db_settle(db))
		log_error("job %llu (%s): a transaction left open: rolled back",
		    (unsigned long long)j.id, j.kind ? j.kind : "?");
	return rc == RC_OK ? JOB_RAN : JOB_DB_ERROR;
}

/* Sleeps ms milliseconds (signals do not cut it short). */
static void
job_sleep_ms(long ms)
{
	struct timespec	 ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		;
}

/* test.noop (a job_fn): counts the run (the exactly-once test reads it)
 * in a transaction it leaves open: the count commits with "done". */
static int
job_noop(struct db *db, struct arena *a, const struct job *j, char *err,
    size_t errlen)
{
	job_sleep_ms(5);	/* widen the races */
	if (db_begin(db) != RC_OK ||
	    db_exec(db, a, STMT_JOB_RAN, NULL, NULL, NULL, "u", j->id) != RC_OK) {
		snprintf(err, errlen, "database");
		return RC_ERROR;
	}
	return RC_OK;
}

/* test.slow (a job_fn): test.noop after JOB_TEST_SLOW_MS, time for a
 * test to claim the job again meanwhile, as another node's runner can. */
static int
job_slow(struct db *db, struct arena *a, const struct job *j, char *err,
    size_t errlen)
{
	job_sleep_ms(JOB_TEST_SLOW_MS);
	return job_noop(db, a, j, err, errlen);
}

/* test.hold (a job_fn): test.noop, its transaction then held open for
 * JOB_TEST_SLOW_MS, time for a test to kill its connection meanwhile. */
static int
job_hold(struct db *db, struct arena *a, const struct job *j, char *err,
    size_t errlen)
{
	int	 rc;

	if ((rc = job_noop(db, a, j, err, errlen)) == RC_OK)
		job_sleep_ms(JOB_TEST_SLOW_MS);
	return rc;
}

/* test.fail (a job_fn): counts the run and fails. */
static int
job_fail(struct db *db, struct arena *a, const struct job *j, char *err,
    size_t errlen)
{
	(void)db_exec(db, a, STMT_JOB_RAN, NULL, NULL, NULL, "u", j->id);
	snprintf(err, errlen, "this job always fails (attempt %u)", j->attempt);
	return RC_ERROR;
}

/* ------------------------------------------------- the worker's thread */

static struct {
	pthread_t	 thread;
	pthread_mutex_t	 mu;
	pthread_cond_t	 cv;
	int		 running, stop, wake;
} runner = { .mu = PTHREAD_MUTEX_INITIALIZER, .cv = PTHREAD_COND_INITIALIZER };

/* Sleeps up to secs, or until jobs_thread_stop() or jobs_wake(); 1 when
 * stopping. */
static int
runner_wait(int secs)
{
	struct timespec	 until;
	int		 stop;

	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += secs;
	pthread_mutex_lock(&runner.mu);
	while (!runner.stop && !runner.wake && pthread_cond_timedwait(
	    &runner.cv, &runner.mu, &until) != ETIMEDOUT)
		continue;
	runner.wake = 0;
	stop = runner.stop;
	pthread_mutex_unlock(&runner.mu);
	return stop;
}

/*
 * Tells this process's runner thread that a job was queued and committed
 * (a CSV import): it looks at once instead of after its JOB_POLL sleep.
 * Any runner may still claim the job; without a runner thread (the
 * admin tool, steward-jobs) it does nothing.
 */
void
jobs_wake(void)
{
	pthread_mutex_lock(&runner.mu);
	runner.wake = 1;
	pthread_cond_signal(&runner.cv);
	pthread_mutex_unlock(&runner.mu);
}

/* 1 when the worker's runner thread is to stop. */
static int
runner_stopping(void)
{
	int	 stop;

	pthread_mutex_lock(&runner.mu);
	stop = runner.stop;
	pthread_mutex_unlock(&runner.mu);
	return stop;
}

/*
 * The thread: runs ready jobs, sleeps JOB_POLL seconds when none is;
 * gives the memory a job used back to the system after it (mem.c).
 */
static void *
runner_main(void *arg)
{
	struct db	 db;
	struct arena	 a;
	char		 name[128];
	enum job_run	 got;
	int		 ensured = 0;	/* today's period close queued */

	(void)arg;
	mysql_thread_init();
	memset(&db, 0, sizeof(db));
	arena_init(&a);
	job_runner_name(name, sizeof(name), "worker");
	while (!runner_stopping()) {
		if (db.my == NULL && db_open(&db) == -1)
			got = JOB_DB_ERROR;
		else if (!ensured && billing_close_ensure(&db, &a) != RC_OK)
			got = JOB_DB_ERROR;
		else {
			ensured = 1;
			got = job_run_one(&db, &a, name);
		}
		arena_reset(&a);
		if (got == JOB_RAN)
			mem_trim();
		if (got != JOB_RAN && runner_wait(JOB_POLL))
			break;
	}
	db_close(&db);
	mysql_thread_end();
	return NULL;
}

/* Starts the worker's runner thread.  RC_OK, or RC_ERROR when it cannot. */
int
jobs_thread_start(void)
{
	runner.stop = 0;
	if (pthread_create(&runner.thread, NULL, runner_main, NULL) != 0)
		return RC_ERROR;
	runner.running = 1;
	log_info("job runner started");
	return RC_OK;
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
