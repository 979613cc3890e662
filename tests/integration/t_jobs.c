/*
 * Tests of the job runner: exactly once across runners, leases, retries
 * with backoff, and the test kinds only where test_jobs = yes (the local
 * stack's steward.conf).  Included by itest.c after t_ingest.c.
 */

/* steward-jobs (beside steward-admin) with args; its stdout into out. */
static int
jobs_run(char *out, size_t outlen, ...)
{
	char		 bin[PATH_MAX + 32], *slash;
	const char	*argv[16];
	int		 op[2], st, argc = 0;
	size_t		 got = 0;
	ssize_t		 k;
	pid_t		 pid;
	va_list		 ap;

	snprintf(bin, sizeof(bin), "%s", g_admin);
	if ((slash = strrchr(bin, '/')) != NULL)
		snprintf(slash + 1, sizeof(bin) - (size_t)(slash + 1 - bin), "steward-jobs");
	argv[argc++] = bin;
	argv[argc++] = "-c";
	argv[argc++] = g_conf;
	va_start(ap, outlen);
	while (argc < 15 && (argv[argc] = va_arg(ap, const char *)) != NULL)
		argc++;
	va_end(ap);
	argv[argc] = NULL;
	if (pipe(op) == -1)
		return -1;
	fflush(stdout);
	if ((pid = fork()) == -1)
		return -1;
	if (pid == 0) {
		dup2(op[1], 1);
		close(op[0]);
		close(op[1]);
		if ((st = open("/dev/null", O_WRONLY)) >= 0)
			dup2(st, 2);		/* the failing jobs' log lines */
		execv(bin, (char *const *)argv);
		_exit(127);
	}
	close(op[1]);
	while (outlen > 1 && got < outlen - 1 && (k = read(op[0], out + got, outlen - got - 1)) > 0)
		got += (size_t)k;
	if (outlen > 0)
		out[got] = '\0';
	close(op[0]);
	if (waitpid(pid, &st, 0) == -1)
		return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* Starts "steward-jobs drain" in the background; its pid. */
static pid_t
jobs_drain_bg(void)
{
	char	 bin[PATH_MAX + 32], *slash;
	pid_t	 pid;
	int	 fd;

	snprintf(bin, sizeof(bin), "%s", g_admin);
	if ((slash = strrchr(bin, '/')) != NULL)
		snprintf(slash + 1, sizeof(bin) - (size_t)(slash + 1 - bin), "steward-jobs");
	fflush(stdout);
	if ((pid = fork()) == 0) {
		if ((fd = open("/dev/null", O_WRONLY)) >= 0) {
			dup2(fd, 1);
			dup2(fd, 2);
		}
		execl(bin, bin, "-c", g_conf, "drain", (char *)NULL);
		_exit(127);
	}
	return pid;
}

/* The value of key= in a "k=v k=v" line, or -1. */
static long long
kv_num(const char *line, const char *key)
{
	char		 pat[64];
	const char	*p;

	snprintf(pat, sizeof(pat), "%s=", key);
	if ((p = strstr(line, pat)) == NULL)
		return -1;
	return strtoll(p + strlen(pat), NULL, 10);
}

static void
test_jobs_once(void)
{
	char		 out[512], first[32], last[32];
	pid_t		 p1, p2;
	int		 st, i;
	long long	 done = 0;

	t_begin("jobs: 300 jobs, two steward-jobs runners and the worker's thread on one queue -> every job runs exactly once");
	REQUIRE(jobs_run(out, sizeof(out), "enqueue", "test.noop", "300", NULL) == 0,
	    "steward-jobs enqueue failed: %s", out);
	REQUIRE(sscanf(out, "first=%31s last=%31s", first, last) == 2, "enqueue printed %s", out);
	p1 = jobs_drain_bg();
	p2 = jobs_drain_bg();
	REQUIRE(p1 > 0 && p2 > 0, "fork failed");
	waitpid(p1, &st, 0);
	REQUIRE(WIFEXITED(st) && WEXITSTATUS(st) == 0, "runner 1 exited %d", st);
	waitpid(p2, &st, 0);
	REQUIRE(WIFEXITED(st) && WEXITSTATUS(st) == 0, "runner 2 exited %d", st);
	for (i = 0; i < 100; i++) {	/* the worker's thread may hold the last ones */
		REQUIRE(jobs_run(out, sizeof(out), "status", first, last, NULL) == 0, "status failed");
		if ((done = kv_num(out, "done")) == 300)
			break;
		usleep(100000);
	}
	REQUIRE(done == 300, "only %lld of 300 done: %s", done, out);
	REQUIRE(kv_num(out, "runs_not_once") == 0, "jobs ran other than once: %s", out);
	REQUIRE(kv_num(out, "failed") == 0 && kv_num(out, "queued") == 0 && kv_num(out, "running") == 0,
	    "status %s", out);
	REQUIRE(kv_num(out, "runners") >= 2, "one runner did all the work: %s", out);
done:
	t_end();
}

static void
test_jobs_lease(void)
{
	long long	 id, id2;
	char		 out[256];
	int		 i;

	t_begin("jobs: a job left running by a dead runner (lease over) is taken up again; one with a live lease is not");
	/* The ids from the inserting session: the stack's own runners may
	 * take the stale job up (and change its runner) at once. */
	id = sqln("INSERT INTO job (kind, state, attempts, lease_until, runner) VALUES"
	    " ('test.noop', 2, 1, UTC_TIMESTAMP(6) - INTERVAL 1 MINUTE, 'dead:1:x');"
	    " SELECT LAST_INSERT_ID()");
	id2 = sqln("INSERT INTO job (kind, state, attempts, lease_until, runner) VALUES"
	    " ('test.noop', 2, 1, UTC_TIMESTAMP(6) + INTERVAL 1 HOUR, 'alive:1:x');"
	    " SELECT LAST_INSERT_ID()");
	REQUIRE(id > 0 && id2 > 0, "inserting the jobs failed: %s", sql1("SELECT 1"));
	REQUIRE(jobs_run(out, sizeof(out), "drain", NULL) == 0, "drain failed");
	for (i = 0; i < 50 && sqln("SELECT state FROM job WHERE id = %lld", id) != 3; i++)
		usleep(100000);
	REQUIRE(sqln("SELECT state FROM job WHERE id = %lld", id) == 3, "the stale job is in state %lld",
	    sqln("SELECT state FROM job WHERE id = %lld", id));
	REQUIRE(sqln("SELECT runs FROM job WHERE id = %lld", id) == 1, "it ran %lld times",
	    sqln("SELECT runs FROM job WHERE id = %lld", id));
	REQUIRE(sqln("SELECT attempts FROM job WHERE id = %lld", id) == 2, "attempts %lld",
	    sqln("SELECT attempts FROM job WHERE id = %lld", id));
	REQUIRE(strcmp(sql1("SELECT runner FROM job WHERE id = %lld", id), "dead:1:x") != 0,
	    "the runner is still the dead one");
	REQUIRE(sqln("SELECT state FROM job WHERE id = %lld", id2) == 2 &&
	    sqln("SELECT runs FROM job WHERE id = %lld", id2) == 0, "a job with a live lease was taken");
done:
	sql1("UPDATE job SET state = 3 WHERE runner = 'alive:1:x'");
	t_end();
}

/*
 * Queues a job of kind and starts "steward-jobs drain" (*p, or -1; the
 * worker's own runner may take the job first); its id once a runner holds
 * it (state 2), else -1.
 */
static long long
job_taken(const char *kind, pid_t *p)
{
	long long	 id;
	int		 i;

	*p = -1;
	if ((id = sqln("INSERT INTO job (kind) VALUES ('%s'); SELECT LAST_INSERT_ID()", kind)) <= 0)
		return -1;
	*p = jobs_drain_bg();
	for (i = 0; i < 100 && sqln("SELECT state FROM job WHERE id = %lld", id) != 2; i++)
		usleep(50000);
	return sqln("SELECT state FROM job WHERE id = %lld", id) == 2 ? id : -1;
}

static void
test_jobs_taken_over(void)
{
	long long	 id, runs = 0;
	pid_t		 p;
	int		 i, st;

	t_begin("jobs: a job claimed again by another runner while it runs (as a claim committed on another Galera node) -> this run is rolled back and not recorded; the other claim stands");
	REQUIRE((id = job_taken("test.slow", &p)) > 0, "no runner claimed a test.slow job");
	sql1("UPDATE job SET runner = 'elsewhere:1:jobs', attempts = attempts + 1,"
	    " lease_until = UTC_TIMESTAMP(6) + INTERVAL 1 HOUR WHERE id = %lld", id);
	if (p > 0)
		waitpid(p, &st, 0);
	for (i = 0; i < 30 && (runs = sqln("SELECT runs FROM job WHERE id = %lld", id)) == 0; i++)
		usleep(100000);		/* test.slow counts its run after 1.5 s */
	REQUIRE(runs == 0, "the run that lost its claim committed its effect: runs %lld", runs);
	REQUIRE(sqln("SELECT state FROM job WHERE id = %lld", id) == 2 &&
	    strcmp(sql1("SELECT runner FROM job WHERE id = %lld", id), "elsewhere:1:jobs") == 0,
	    "the other claim was overwritten: state %lld, runner %s",
	    sqln("SELECT state FROM job WHERE id = %lld", id), sql1("SELECT runner FROM job WHERE id = %lld", id));
done:
	sql1("UPDATE job SET state = 3, lease_until = NULL WHERE id = %lld", id);
	t_end();
}

static void
test_jobs_connection_lost(void)
{
	long long	 id, tid = 0, state = 0, runs = 0;
	pid_t		 p;
	int		 i, st;

	t_begin("jobs: the connection of a job's open transaction killed before its \"done\" -> the run is gone and the job queued again, never \"done\" alone on a new connection");
	REQUIRE((id = job_taken("test.hold", &p)) > 0, "no runner claimed a test.hold job");
	/* The runner's open transaction: it counted the run (1 row) and waits. */
	for (i = 0; i < 100 && tid <= 0; i++) {
		tid = sqln("SELECT t.trx_mysql_thread_id FROM information_schema.INNODB_TRX t"
		    " JOIN information_schema.PROCESSLIST l ON l.ID = t.trx_mysql_thread_id"
		    " WHERE l.COMMAND = 'Sleep' AND t.trx_rows_modified = 1 AND l.USER = 'steward'"
		    " LIMIT 1");
		if (tid <= 0)
			usleep(50000);
	}
	REQUIRE(tid > 0, "no runner's transaction holds the job: state %lld",
	    sqln("SELECT state FROM job WHERE id = %lld", id));
	sql1("KILL CONNECTION %lld", tid);
	if (p > 0)
		waitpid(p, &st, 0);
	for (i = 0; i < 40; i++) {	/* test.hold waits 1.5 s before "done" */
		state = sqln("SELECT state FROM job WHERE id = %lld", id);
		runs = sqln("SELECT runs FROM job WHERE id = %lld", id);
		if (state != 2)
			break;
		usleep(100000);
	}
	REQUIRE(!(state == 3 && runs == 0), "recorded done without its run (the \"done\" ran alone on a new connection)");
	REQUIRE(state == 1 && runs == 0, "state %lld, runs %lld: expected queued again (1) with no run", state, runs);
done:
	sql1("UPDATE job SET state = 3, lease_until = NULL WHERE id = %lld", id);
	t_end();
}

static void
test_jobs_retry(void)
{
	long long	 id, wait;
	char		 out[256];
	int		 i;

	t_begin("jobs: a failing job is retried after a backoff of 5 s, then 10 s …, and fails for good after 5 attempts");
	id = sqln("INSERT INTO job (kind, runner) VALUES ('test.fail', 'itest-retry');"
	    " SELECT LAST_INSERT_ID()");
	REQUIRE(id > 0, "insert failed");
	for (i = 0; i < 50 && sqln("SELECT attempts FROM job WHERE id = %lld", id) < 1; i++) {
		jobs_run(out, sizeof(out), "drain", NULL);
		usleep(100000);
	}
	REQUIRE(sqln("SELECT attempts FROM job WHERE id = %lld", id) == 1, "attempts %lld",
	    sqln("SELECT attempts FROM job WHERE id = %lld", id));
	REQUIRE(sqln("SELECT state FROM job WHERE id = %lld", id) == 1, "not queued again: state %lld",
	    sqln("SELECT state FROM job WHERE id = %lld", id));
	wait = sqln("SELECT TIMESTAMPDIFF(SECOND, UTC_TIMESTAMP(6), run_after) FROM job WHERE id = %lld", id);
	REQUIRE(wait >= 2 && wait <= 5, "retry in %lld s, expected about 5", wait);
	REQUIRE(strstr(sql1("SELECT last_error FROM job WHERE id = %lld", id), "always fails") != NULL,
	    "last_error \"%s\"", sql1("SELECT last_error FROM job WHERE id = %lld", id));
	jobs_run(out, sizeof(out), "drain", NULL);
	REQUIRE(sqln("SELECT attempts FROM job WHERE id = %lld", id) == 1, "retried before its time");
	sql1("UPDATE job SET run_after = UTC_TIMESTAMP(6) WHERE id = %lld", id);
	for (i = 0; i < 50 && sqln("SELECT attempts FROM job WHERE id = %lld", id) < 2; i++) {
		jobs_run(out, sizeof(out), "drain", NULL);
		usleep(100000);
	}
	wait = sqln("SELECT TIMESTAMPDIFF(SECOND, UTC_TIMESTAMP(6), run_after) FROM job WHERE id = %lld", id);
	REQUIRE(wait >= 7 && wait <= 10, "second retry in %lld s, expected about 10", wait);
	sql1("UPDATE job SET attempts = 4, run_after = UTC_TIMESTAMP(6) WHERE id = %lld", id);
	for (i = 0; i < 50 && sqln("SELECT state FROM job WHERE id = %lld", id) != 4; i++) {
		jobs_run(out, sizeof(out), "drain", NULL);
		usleep(100000);
	}
	REQUIRE(sqln("SELECT state FROM job WHERE id = %lld", id) == 4, "state %lld after the 5th attempt",
	    sqln("SELECT state FROM job WHERE id = %lld", id));
	REQUIRE(sqln("SELECT finished_at IS NOT NULL FROM job WHERE id = %lld", id) == 1, "no finished_at");
	REQUIRE(sqln("SELECT runs FROM job WHERE id = %lld", id) == 3, "ran %lld times",
	    sqln("SELECT runs FROM job WHERE id = %lld", id));
done:
	t_end();
}

static void
test_jobs_test_kinds_off(void)
{
	char	 out[256];
	int	 rc;

	t_begin("jobs: with test_jobs = no, steward-jobs refuses to queue test kinds; with yes it queues them");
	setenv("STEWARD_TEST_JOBS", "no", 1);
	rc = jobs_run(out, sizeof(out), "enqueue", "test.noop", NULL);
	unsetenv("STEWARD_TEST_JOBS");
	REQUIRE(rc == 1, "enqueue with test_jobs = no exited %d: %s", rc, out);
	REQUIRE(strstr(out, "first=") == NULL, "a job was queued: %s", out);
	REQUIRE(jobs_run(out, sizeof(out), "enqueue", "test.noop", NULL) == 0 &&
	    strstr(out, "first=") != NULL, "enqueue with test_jobs = yes: %s", out);
	REQUIRE(jobs_run(out, sizeof(out), "enqueue", "csv.import", NULL) == 1,
	    "a real kind was queued by hand: %s", out);
done:
	t_end();
}

/* ---------------------------------------------- the period close job */

/* Requeues today's billing.close (as midnight would) and waits until a
 * runner has done it: two drains beside the worker's thread.  1 when done. */
static int
billing_close_run(void)
{
	pid_t	 p1, p2;
	int	 st, i;

	sql1("UPDATE job SET state = 1, attempts = 0, run_after = UTC_TIMESTAMP(6),"
	    " finished_at = NULL WHERE once_key = CONCAT('billing.close ', UTC_DATE())");
	p1 = jobs_drain_bg();
	p2 = jobs_drain_bg();
	if (p1 > 0)
		waitpid(p1, &st, 0);
	if (p2 > 0)
		waitpid(p2, &st, 0);
	for (i = 0; i < 100; i++) {
		if (sqln("SELECT state FROM job WHERE once_key ="
		    " CONCAT('billing.close ', UTC_DATE())") == 3)
			return 1;
		usleep(100000);
	}
	return 0;
}

static void
test_jobs_billing_close(void)
{
	struct account	 o;
	char		 out[256];
	long long	 org;

	t_begin("jobs: billing.close, queued once a day by every runner (no cron), closes an ended period once: "
	    "1 invoice, 1 audit row, the period moved on, tomorrow's close queued once at 00:15 UTC; run again, nothing more");
	REQUIRE(make_account(&o, "close") == 0, "org-create failed");
	org = atoll(o.org);
	sql1("UPDATE organization SET plan_code = 'essentials', pending_plan_code = NULL,"
	    " period_start = UTC_DATE() - INTERVAL 1 MONTH - INTERVAL 2 DAY WHERE id = %lld", org);
	REQUIRE(jobs_run(out, sizeof(out), "drain", NULL) == 0 &&
	    jobs_run(out, sizeof(out), "drain", NULL) == 0, "drain failed: %s", out);
	REQUIRE(sqln("SELECT COUNT(*) FROM job WHERE once_key = CONCAT('billing.close ', UTC_DATE())") == 1,
	    "%lld closes queued for today after two runner starts",
	    sqln("SELECT COUNT(*) FROM job WHERE once_key = CONCAT('billing.close ', UTC_DATE())"));
	REQUIRE(billing_close_run(), "today's close did not finish: state %lld, error %s",
	    sqln("SELECT state FROM job WHERE once_key = CONCAT('billing.close ', UTC_DATE())"),
	    sql1("SELECT last_error FROM job WHERE once_key = CONCAT('billing.close ', UTC_DATE())"));
	REQUIRE(sqln("SELECT COUNT(*) FROM invoice WHERE org_id = %lld AND kind = 'period'", org) == 1,
	    "%lld period invoices, not 1",
	    sqln("SELECT COUNT(*) FROM invoice WHERE org_id = %lld AND kind = 'period'", org));
	REQUIRE(sqln("SELECT period_start = UTC_DATE() - INTERVAL 2 DAY FROM organization WHERE id = %lld",
	    org) == 1, "the period starts %s", sql1("SELECT period_start FROM organization WHERE id = %lld", org));
	REQUIRE(sqln("SELECT COUNT(*) FROM audit_log WHERE action = 'billing.period_close'"
	    " AND target LIKE 'organization %lld:%%'", org) == 1, "audit rows: %lld",
	    sqln("SELECT COUNT(*) FROM audit_log WHERE action = 'billing.period_close'"
	    " AND target LIKE 'organization %lld:%%'", org));
	REQUIRE(sqln("SELECT COUNT(*) FROM job WHERE kind = 'billing.close' AND state = 1"
	    " AND once_key = CONCAT('billing.close ', UTC_DATE() + INTERVAL 1 DAY)"
	    " AND run_after = TIMESTAMP(UTC_DATE() + INTERVAL 1 DAY, '00:15:00')") == 1,
	    "tomorrow's close is not queued once at 00:15 (%lld queued closes)",
	    sqln("SELECT COUNT(*) FROM job WHERE kind = 'billing.close' AND state = 1"));
	REQUIRE(billing_close_run(), "the second run did not finish");
	REQUIRE(sqln("SELECT COUNT(*) FROM invoice WHERE org_id = %lld AND kind = 'period'", org) == 1,
	    "a second run of the close issued another invoice");
	REQUIRE(sqln("SELECT COUNT(*) FROM job WHERE kind = 'billing.close' AND state = 1") == 1,
	    "%lld closes queued after the second run",
	    sqln("SELECT COUNT(*) FROM job WHERE kind = 'billing.close' AND state = 1"));
done:
	t_end();
}

/* --------------------------------------------------- migrate's lock */

/* A mariadb client holding the lock "steward.migrate" for secs seconds. */
static pid_t
migrate_lock_hold(int secs)
{
	char	 cnf[PATH_MAX + 32], q[128];
	pid_t	 pid;
	int	 fd;

	snprintf(cnf, sizeof(cnf), "--defaults-file=%s/my.cnf", g_var);
	snprintf(q, sizeof(q), "SELECT GET_LOCK('steward.migrate', 5); DO SLEEP(%d);", secs);
	fflush(stdout);
	if ((pid = fork()) == 0) {
		if ((fd = open("/dev/null", O_WRONLY)) >= 0)
			dup2(fd, 1);
		execlp("mariadb", "mariadb", cnf, "-N", "-B", "-e", q, (char *)NULL);
		_exit(127);
	}
	return pid;
}

static void
test_migrate_lock(void)
{
	char	 out[512];
	pid_t	 holder, mig;
	ssize_t	 k;
	int	 fd = -1, st, waiting = 0;

	t_begin("migrate: waits while another holds its lock (\"steward.migrate\"), then runs: exit 0, schema up to date");
	REQUIRE((holder = migrate_lock_hold(4)) > 0, "fork failed");
	REQUIRE(lock_seen("steward.migrate"), "the holder did not take the lock");
	REQUIRE((mig = admin_spawn(&fd, "migrate", NULL, NULL, NULL, NULL, NULL)) > 0, "spawn failed");
	usleep(1000000);
	waiting = waitpid(mig, &st, WNOHANG) == 0;
	waitpid(holder, &st, 0);
	k = read(fd, out, sizeof(out) - 1);
	out[k > 0 ? k : 0] = '\0';
	REQUIRE(waitpid(mig, &st, 0) == mig && WIFEXITED(st) && WEXITSTATUS(st) == 0,
	    "migrate exited %d: %s", st, out);
	REQUIRE(waiting, "migrate did not wait for the lock");
	REQUIRE(strstr(out, "schema is up to date") != NULL, "migrate said: %s", out);
done:
	if (fd >= 0)
		close(fd);
	t_end();
}

/* ------------------------------------------------------------ group */

static void
part_jobs(void)
{
	test_jobs_once();
	test_jobs_lease();
	test_jobs_taken_over();
	test_jobs_connection_lost();
	test_jobs_retry();
	test_jobs_test_kinds_off();
	test_jobs_billing_close();
	test_migrate_lock();
}
