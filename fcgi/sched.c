/*
 * Report schedules and date ranges.  A schedule runs on its days at an
 * hour of the local clock of a zone; a range is a span of local days.
 * Both are computed with the zone's own rules (tz.c), so that a run at
 * 02:30 or a range over a daylight-saving change comes out right.
 */
#include <stdint.h>

#include "sched.h"
#include "arena.h"
#include "rc.h"
#include "text.h"
#include "tz.h"

/* The names of schedules, ranges and weekdays, as stored and in XML. */
const char *const sched_names[SCHED__MAX] = { "none", "daily", "weekly", "monthly" };
const char *const range_names[RANGE__MAX] = {
	"all", "last-7-days", "last-30-days", "this-month", "last-month", "custom",
};
const char *const weekday_names[7] = {
	"sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
};

/* 1 when day number z is a day the schedule s runs on. */
static int
sched_day(const struct sched *s, int64_t z)
{
	int	 y, m, d, last;

	switch (s->kind) {
	case SCHED_DAILY:
		return 1;
	case SCHED_WEEKLY:
		return tz_weekday(z) == s->weekday;
	case SCHED_MONTHLY:
		tz_civil(z, &y, &m, &d);
		last = month_days(y, m);
		return d == (s->mday < last ? s->mday : last);
	default:
		return 0;
	}
}

/*
 * The first time after now (UTC) at which schedule s runs in zone z: on
 * its days, at its hour of the local clock; a monthly date past the end
 * of a month is that month's last day.  -1 for no schedule.
 */
int64_t
sched_next(const struct sched *s, const struct tz *z, int64_t now)
{
	int64_t	 today = tz_day_of(tz_to_local(z, now)), day, t;

	if (s->kind == SCHED_NONE || s->hour < 0 || s->hour > 23)
		return -1;
	for (day = today; day < today + 400; day++) {
		if (!sched_day(s, day))
			continue;
		t = tz_from_local(z, day * TZ_DAY + s->hour * 3600LL);
		if (t > now)
			return t;
	}
	return -1;
}

/*
 * sched_next() as MariaDB reads a DATETIME ("YYYY-MM-DD HH:MM:SS", UTC),
 * allocated in a; NULL for no schedule (or on exhaustion).
 */
const char *
sched_next_sql(struct arena *a, const struct sched *s, const struct tz *z,
    int64_t now)
{
	int64_t	 t = sched_next(s, z, now);
	char	 buf[20];

	if (t < 0)
		return NULL;
	tz_sql(t, buf);
	return arena_strdup(a, buf);
}

/*
 * The UTC bounds [*from, *to) of range r in zone z at time now; custom
 * uses the local dates fy-fm-fd … ty-tm-td, both included.  RC_OK, or
 * RC_ERROR for RANGE_ALL (no bounds) and a custom range that ends before
 * it starts.
 */
int
range_bounds(const struct range *r, const struct tz *z, int64_t now,
    int64_t *from, int64_t *to)
{
	int64_t	 today = tz_day_of(tz_to_local(z, now)), f, t;
	int	 y, m, d;

	tz_civil(today, &y, &m, &d);
	switch (r->kind) {
	case RANGE_LAST_7:
		f = today - 6, t = today + 1;
		break;
	case RANGE_LAST_30:
		f = today - 29, t = today + 1;
		break;
	case RANGE_THIS_MONTH:
		f = tz_days(y, m, 1);
		t = f + month_days(y, m);
		break;
	case RANGE_LAST_MONTH:
		t = tz_days(y, m, 1);
		tz_civil(t - 1, &y, &m, &d);
		f = tz_days(y, m, 1);
		break;
	case RANGE_CUSTOM:
		f = tz_days(r->fy, r->fm, r->fd);
		t = tz_days(r->ty, r->tm, r->td) + 1;
		if (t <= f)
			return RC_ERROR;
		break;
	default:
		return RC_ERROR;
	}
	*from = tz_from_local(z, f * TZ_DAY);
	*to = tz_from_local(z, t * TZ_DAY);
	return RC_OK;
}
