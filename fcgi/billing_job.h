/*
 * The period close of billing as a job of the runner (billing.close).
 */
#ifndef STEWARD_BILLING_JOB_H
#define STEWARD_BILLING_JOB_H

#include "jobs.h"

int	 billing_close_job(struct db *, struct arena *, const struct job *,
	    char *err, size_t errlen);
int	 billing_close_ensure(struct db *, struct arena *);

#endif
