/*
 * steward-jobs: the job runner as a program of its own (the worker runs
 * the same loop as a thread).  Several may run on several hosts against
 * one database; each job runs once.  Exit 0 on success, 1 on a usage
 * error, 2 on a runtime error.
 *
 *   steward-jobs [-c FILE]                    run until SIGTERM / SIGINT
 *   steward-jobs [-c FILE] drain              run until no job is ready
 *   steward-jobs [-c FILE] enqueue KIND [N]   queue N test jobs (test.noop,
 *                                             test.slow, test.hold,
 *                                             test.fail; with test_jobs =
 *                                             yes only); prints their ids
 *   steward-jobs [-c FILE] status FIRST LAST  the outcome of those jobs
 */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <sodium.h>

#include "arena.h"
#include "billing_job.h"
#include "conf.h"
#include "db.h"
#include "jobs.h"
#include "limits.h"
#include "log.h"
#include "rc.h"
#include "startup.h"
#include "valid.h"

#define EX_USAGE_	1
#define EX_RUNTIME	2
#define MAX_ENQUEUE	100000

/* Columns of STMT_JOB_STATUS. */
enum {
	JS_JOBS,
	JS_QUEUED,
	JS_RUNNING,
	JS_DONE,
	JS_FAILED,
	JS_NOT_ONCE,
	JS_RUNNERS,
};

static volatile sig_atomic_t	 stopping;

/* SIGTERM / SIGINT: finish the current job, then stop. */
static void
on_signal(int sig)
{
	(void)sig;
	stopping = 1;
	job_request_stop();
}

static int
usage(void)
{
	fputs("usage: steward-jobs [-c FILE] [drain | enqueue KIND [N] | "
	    "status FIRST LAST]\n"
	    "Runs Steward's background jobs. See steward-jobs(8).\n", stderr);
	return EX_USAGE_;
}

/* Runs jobs until stopped (forever) or, with drain, until none is ready. */
static int
cmd_run(struct db *db, struct arena *a, int drain)
{
	char		 name[128];
	unsigned long	 ran = 0;
	enum job_run	 got;

	job_runner_name(name, sizeof(name), drain ? "drain" : "jobs");
	if (billing_close_ensure(db, a) != RC_OK)
		log_error("steward-jobs: cannot queue today's period close; "
		    "the next start will");
	arena_reset(a);
	while (!stopping) {
		got = job_run_one(db, a, name);
		arena_reset(a);
		if (got == JOB_RAN) {
			ran++;
			continue;
		}
		if (got == JOB_DB_ERROR)
			log_error("steward-jobs: database error; retrying");
		if (drain && got == JOB_IDLE)
			break;
		sleep(JOB_POLL);
	}
	printf("ran %lu\n", ran);
	return 0;
}

/* Parses a positive number of at most max; 0 when it is not one. */
static unsigned long long
number(const char *s, unsigned long long max)
{
	char			*end;
	unsigned long long	 n;

	if (s == NULL || !valid_check(VALID_ID, s, strlen(s)))
		return 0;
	n = strtoull(s, &end, 10);
	return *end == '\0' && n <= max ? n : 0;
}

/* enqueue KIND [N]: only the test kinds (real jobs come with their rows),
 * and only where the runners run them (test_jobs = yes). */
static int
cmd_enqueue(struct db *db, struct arena *a, int argc, char *argv[])
{
	uint64_t		 id, first = 0;
	unsigned long long	 n = argc > 2 ? number(argv[2], MAX_ENQUEUE) : 1, i;

	if (argc < 2 || n == 0 || !job_is_test(argv[1]))
		return usage();
	if (!conf.test_jobs) {
		fputs("steward-jobs: test jobs are off (test_jobs = yes in "
		    "steward.conf turns them on)\n", stderr);
		return EX_USAGE_;
	}
	if (db_begin(db) != RC_OK)
		return EX_RUNTIME;
	for (i = 0; i < n; i++) {
		if (job_enqueue(db, a, 0, argv[1], 0, &id) != RC_OK) {
			db_rollback(db);
			return EX_RUNTIME;
		}
		if (i == 0)
			first = id;
		if (i % 1000 == 999)
			arena_reset(a);
	}
	if (db_commit(db) != RC_OK)
		return EX_RUNTIME;
	printf("first=%llu last=%llu\n", (unsigned long long)first,
	    (unsigned long long)id);
	return 0;
}

/* status FIRST LAST */
static int
cmd_status(struct db *db, struct arena *a, int argc, char *argv[])
{
	struct dbres	 res;
	uint64_t	 lo, hi;

	if (argc < 3 || (lo = number(argv[1], UINT64_MAX / 2)) == 0 ||
	    (hi = number(argv[2], UINT64_MAX / 2)) == 0)
		return usage();
	if (db_exec(db, a, STMT_JOB_STATUS, &res, NULL, NULL, "uu", lo, hi) !=
	    RC_OK || res.nrows != 1)
		return EX_RUNTIME;
	printf("jobs=%s queued=%s running=%s done=%s failed=%s "
	    "runs_not_once=%s runners=%s\n", db_cell(&res, 0, JS_JOBS),
	    db_cell(&res, 0, JS_QUEUED), db_cell(&res, 0, JS_RUNNING),
	    db_cell(&res, 0, JS_DONE), db_cell(&res, 0, JS_FAILED),
	    db_cell(&res, 0, JS_NOT_ONCE), db_cell(&res, 0, JS_RUNNERS));
	return 0;
}

int
main(int argc, char *argv[])
{
	const char		*path = NULL;
	char			 err[512];
	struct db		 db;
	struct arena		 a;
	struct sigaction	 sa;
	int			 ch, rc;

	if ((ch = startup_options(argc, argv, &path)) < 0)
		return usage();
	argc -= ch;
	argv += ch;
	if (startup_conf(path, err, sizeof(err)) != RC_OK ||
	    startup_libs(0, 0, err, sizeof(err)) != RC_OK) {
		fprintf(stderr, "steward-jobs: %s\n", err);
		return EX_RUNTIME;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	if (db_open(&db) == -1) {
		fprintf(stderr, "steward-jobs: cannot reach the database\n");
		return EX_RUNTIME;
	}
	arena_init(&a);
	if (argc == 0)
		rc = cmd_run(&db, &a, 0);
	else if (strcmp(argv[0], "drain") == 0)
		rc = cmd_run(&db, &a, 1);
	else if (strcmp(argv[0], "enqueue") == 0)
		rc = cmd_enqueue(&db, &a, argc, argv);
	else if (strcmp(argv[0], "status") == 0)
		rc = cmd_status(&db, &a, argc, argv);
	else
		rc = usage();
	arena_reset(&a);
	db_close(&db);
	startup_end();
	return rc;
}
