/*
 * The job queue and its runner.
 */
#ifndef STEWARD_JOBS_H
#define STEWARD_JOBS_H

#include <stddef.h>
#include <stdint.h>

#include "db.h"

/* A claimed job, as its function sees it. */
struct job {
	uint64_t	 id, account, ref;
	const char	*kind;
	unsigned	 attempt;	/* 1 … JOB_MAX_ATTEMPTS */
	const char	*runner;
};

/*
 * What a kind of job runs: RC_OK when the job is done (or there is
 * nothing to do), RC_ERROR with err set when it is to be tried again
 * after a backoff (failed for good after JOB_MAX_ATTEMPTS).
 */
/* A function that returns RC_OK inside a transaction it opened leaves
 * it to the runner, which marks the job done in it and commits. */
typedef int (*job_fn)(struct db *, struct arena *, const struct job *,
    char *err, size_t errlen);

/* What job_run_one() answers. */
enum job_run {
	JOB_DB_ERROR = -1,	/* the database failed */
	JOB_IDLE = 0,		/* no job was ready */
	JOB_RAN = 1		/* a job ran, whatever its outcome */
};

long		 job_backoff(unsigned attempt);
int		 job_enqueue(struct db *, struct arena *, uint64_t account,
		    const char *kind, uint64_t ref, uint64_t *id);
int		 job_is_test(const char *kind);
enum job_run	 job_run_one(struct db *, struct arena *, const char *runner);
int		 job_renew(struct db *, struct arena *, const struct job *);
int		 jobs_thread_start(void);
void		 jobs_thread_stop(void);
void		 jobs_wake(void);
void		 job_runner_name(char *out, size_t outlen, const char *what);
void		 job_request_stop(void);
int		 job_stopping(void);

#endif
