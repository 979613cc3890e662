/*
 * Time zones (TZif files and POSIX TZ rules) and civil dates.
 */
#ifndef STEWARD_TZ_H
#define STEWARD_TZ_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "arena.h"

#define TZ_DAY		86400LL		/* seconds of a day */

struct tz;

/* A date of a POSIX TZ rule: Jn, n or Mm.w.d, with its local time. */
struct tzdate {
	char		 form;		/* 'J', 'n' or 'M' */
	int		 a, b, c;	/* n | month, week, weekday */
	int32_t		 secs;		/* local time of the change */
};

/* A POSIX TZ rule: standard and daylight offsets and when they change. */
struct tzrule {
	int32_t		 std, dst;	/* UTC offsets, seconds east */
	int		 has_dst;
	struct tzdate	 start, end;
};

int64_t		 tz_days(int64_t y, int m, int d);
void		 tz_civil(int64_t days, int *y, int *m, int *d);
int		 tz_weekday(int64_t days);
int64_t		 tz_day_of(int64_t secs);
int		 tz_rule_parse(const char *, struct tzrule *);
int		 tz_parse(struct arena *, const unsigned char *, size_t, struct tz **);
int		 tz_load(struct arena *, const char *dir, const char *name,
		    struct tz **);
int32_t		 tz_offset(const struct tz *, int64_t t);
int64_t		 tz_to_local(const struct tz *, int64_t t);
int64_t		 tz_from_local(const struct tz *, int64_t local);
void		 tz_sql(int64_t t, char out[20]);
void		 tz_iso(const struct tz *, int64_t t, char out[26]);
int		 tz_iso_cell(const struct tz *, const char *secs, char out[26]);
const char	*tz_iso_text(struct arena *, const struct tz *, const char *secs);
void		 tz_date(const struct tz *, int64_t t, char out[11]);
struct tz	*tz_or_utc(struct arena *, const char *name);

#endif
