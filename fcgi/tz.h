/*
 * Time zones (TZif), civil dates, schedules and date ranges.
 */
#ifndef STEWARD_TZ_H
#define STEWARD_TZ_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "arena.h"

/* Time zones and schedules (fcgi/pages/manage_tz.c). */
struct tz;

struct tzdate {
	char		 form;		/* 'J', 'n' or 'M' */
	int		 a, b, c;	/* n | month, week, weekday */
	int32_t		 secs;		/* local time of the change */
};

struct tzrule {
	int32_t		 std, dst;	/* UTC offsets, seconds east */
	int		 has_dst;
	struct tzdate	 start, end;
};

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

int64_t		 tz_days(int64_t y, int m, int d);
void		 tz_civil(int64_t days, int *y, int *m, int *d);
int		 tz_weekday(int64_t days);
int		 tz_rule_parse(const char *, struct tzrule *);
int		 tz_parse(struct arena *, const unsigned char *, size_t, struct tz **);
int		 tz_load(struct arena *, const char *dir, const char *name,
		    struct tz **);
int32_t		 tz_offset(const struct tz *, int64_t t);
int64_t		 tz_to_local(const struct tz *, int64_t t);
int64_t		 tz_from_local(const struct tz *, int64_t local);
void		 tz_sql(int64_t t, char out[20]);
void		 tz_iso(const struct tz *, int64_t t, char out[26]);
void		 tz_date(const struct tz *, int64_t t, char out[11]);
struct tz	*manage_zone(struct arena *, const char *name);
int		 date_parse(const char *, int *y, int *m, int *d);
int64_t		 sched_next(const struct sched *, const struct tz *, int64_t now);
int		 range_bounds(const struct range *, const struct tz *, int64_t now,
		    int64_t *from, int64_t *to);

extern const char *const	 sched_names[SCHED__MAX];
extern const char *const	 range_names[RANGE__MAX];
extern const char *const	 weekday_names[7];

#endif
