/*
 * The job queue and its runner.
 */
#ifndef STEWARD_JOBS_H
#define STEWARD_JOBS_H

#include <stddef.h>
#include <stdint.h>

#include "db.h"

/* The job runner (fcgi/pages/data_jobs.c). */
struct job {
	uint64_t	 id, account, ref;
	const char	*kind;
	unsigned	 attempt;
	const char	*runner;
};

typedef int (*job_fn)(struct db *, struct arena *, const struct job *,
    char *err, size_t errlen);

long		 job_backoff(unsigned attempt);
int		 job_enqueue(struct db *, struct arena *, uint64_t account,
		    const char *kind, uint64_t ref, uint64_t *id);
int		 job_run_one(struct db *, struct arena *, const char *runner);
int		 job_renew(struct db *, struct arena *, const struct job *);
int		 jobs_thread_start(void);
void		 jobs_thread_stop(void);
void		 job_runner_name(char *out, size_t outlen, const char *what);
void		 job_request_stop(void);
int		 job_stopping(void);

#endif
