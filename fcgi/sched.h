/*
 * Report schedules (daily, weekly, monthly at an hour of the account's
 * time zone) and date ranges (last 7 days … custom), in a zone.
 */
#ifndef STEWARD_SCHED_H
#define STEWARD_SCHED_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "tz.h"

enum sched_kind { SCHED_NONE, SCHED_DAILY, SCHED_WEEKLY, SCHED_MONTHLY, SCHED__MAX };

struct sched {
	enum sched_kind	 kind;
	int		 weekday;	/* 0 Sunday … 6 */
	int		 mday;		/* 1 … 31 */
	int		 hour;		/* 0 … 23, local */
};

enum range_kind {
	RANGE_ALL, RANGE_LAST_7, RANGE_LAST_30, RANGE_THIS_MONTH,
	RANGE_LAST_MONTH, RANGE_CUSTOM, RANGE__MAX
};

struct range {
	enum range_kind	 kind;
	int		 fy, fm, fd, ty, tm, td;	/* custom: local dates */
};

int64_t		 sched_next(const struct sched *, const struct tz *, int64_t now);
const char	*sched_next_sql(struct arena *, const struct sched *,
		    const struct tz *, int64_t now);
int		 range_bounds(const struct range *, const struct tz *, int64_t now,
		    int64_t *from, int64_t *to);

extern const char *const	 sched_names[SCHED__MAX];
extern const char *const	 range_names[RANGE__MAX];
extern const char *const	 weekday_names[7];

#endif
