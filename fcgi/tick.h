/*
 * The scheduler: the manage.tick job, queued again after each run.
 */
#ifndef STEWARD_TICK_H
#define STEWARD_TICK_H

#include <stddef.h>

#include "arena.h"
#include "db.h"
#include "jobs.h"

int		 manage_tick_job(struct db *, struct arena *, const struct job *,
		    char *err, size_t errlen);
int		 tick_ensure(struct db *, struct arena *);

#endif
