/*
 * Time zones: report schedules are set in the account's local time and
 * stored in UTC.  The zone is read from its TZif file (RFC 8536) with the
 * POSIX TZ rule of its footer for times after the last transition, so
 * that the conversion is exact across daylight-saving changes,
 * thread-safe (no TZ/tzset), and testable without a database.
 *
 * Conventions: times are int64_t seconds since 1970 UTC; "local seconds"
 * are the wall clock read as if it were UTC.  A wall-clock time that a
 * spring-forward skips (02:30 in Berlin on the last Sunday of March) is
 * taken as the same distance past the jump (03:30); one that a fall-back
 * repeats (02:30 on the last Sunday of October) is its first occurrence.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tz.h"
#include "arena.h"
#include "limits.h"
#include "log.h"
#include "rc.h"
#include "text.h"
#include "valid.h"

struct tz {
	size_t		 ntrans;
	int64_t		*trans;
	unsigned char	*idx;
	size_t		 ntypes;
	int32_t		 off[TZ_MAX_TYPES];
	int		 has_rule;
	struct tzrule	 rule;
};

/* ------------------------------------------------------------- calendar */

/* Days since 1970-01-01 of the proleptic Gregorian date y-m-d (m 1…12). */
int64_t
tz_days(int64_t y, int m, int d)
{
	int64_t	 era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* The date of day number z (days since 1970-01-01). */
void
tz_civil(int64_t z, int *y, int *m, int *d)
{
	int64_t	 era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

/* 0 Sunday … 6 Saturday, of day number z. */
int
tz_weekday(int64_t z)
{
	int64_t	 w = (z + 4) % 7;

	return (int)(w < 0 ? w + 7 : w);
}

/* The day number (days since 1970-01-01) of UTC or local seconds secs. */
int64_t
tz_day_of(int64_t secs)
{
	return secs >= 0 ? secs / TZ_DAY : -((-secs + TZ_DAY - 1) / TZ_DAY);
}

/* ------------------------------------------------------ POSIX TZ rules */

/* Parses [+-]hh[:mm[:ss]] (hours up to 167).  RC_OK, or RC_ERROR when malformed. */
static int
rule_hms(const char **pp, int32_t *out)
{
	const char	*p = *pp;
	long		 v[3] = { 0, 0, 0 }, sign = 1;
	int		 i, digits;

	if (*p == '+' || *p == '-')
		sign = *p++ == '-' ? -1 : 1;
	for (i = 0; i < 3; i++) {
		if (i > 0 && *p != ':')
			break;
		if (i > 0)
			p++;
		for (digits = 0; *p >= '0' && *p <= '9' && digits < 3; digits++)
			v[i] = v[i] * 10 + (*p++ - '0');
		if (digits == 0 || (i > 0 && v[i] > 59) || (i == 0 && v[0] > 167))
			return RC_ERROR;
	}
	*out = (int32_t)(sign * (v[0] * 3600 + v[1] * 60 + v[2]));
	*pp = p;
	return RC_OK;
}

/* Skips a zone abbreviation: three or more letters, or <…>.  An rc. */
static int
rule_name(const char **pp)
{
	const char	*p = *pp;
	size_t		 n = 0;

	if (*p == '<') {
		for (p++; *p != '\0' && *p != '>'; p++)
			n++;
		if (*p != '>' || n < 3)
			return RC_ERROR;
		*pp = p + 1;
		return RC_OK;
	}
	while ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z'))
		p++, n++;
	if (n < 3)
		return RC_ERROR;
	*pp = p;
	return RC_OK;
}

/* Parses a number of at most 3 digits within lo…hi.  An rc. */
static int
rule_num(const char **pp, int lo, int hi, int *out)
{
	int	 v = 0, digits = 0;

	while (**pp >= '0' && **pp <= '9' && digits < 3)
		v = v * 10 + (*(*pp)++ - '0'), digits++;
	if (digits == 0 || v < lo || v > hi)
		return RC_ERROR;
	*out = v;
	return RC_OK;
}

/* Parses one rule date with its optional /time.  An rc. */
static int
rule_date(const char **pp, struct tzdate *d)
{
	const char	*p = *pp;

	d->secs = 7200;
	if (*p == 'M') {
		p++;
		d->form = 'M';
		if (rule_num(&p, 1, 12, &d->a) != RC_OK || *p++ != '.' ||
		    rule_num(&p, 1, 5, &d->b) != RC_OK || *p++ != '.' ||
		    rule_num(&p, 0, 6, &d->c) != RC_OK)
			return RC_ERROR;
	} else if (*p == 'J') {
		p++;
		d->form = 'J';
		if (rule_num(&p, 1, 365, &d->a) != RC_OK)
			return RC_ERROR;
	} else {
		d->form = 'n';
		if (rule_num(&p, 0, 365, &d->a) != RC_OK)
			return RC_ERROR;
	}
	if (*p == '/') {
		p++;
		if (rule_hms(&p, &d->secs) != RC_OK)
			return RC_ERROR;
	}
	*pp = p;
	return RC_OK;
}

/*
 * Parses a POSIX TZ string such as "CET-1CEST,M3.5.0,M10.5.0/3".  RC_OK,
 * or RC_ERROR when it is not one this code understands.
 */
int
tz_rule_parse(const char *s, struct tzrule *r)
{
	const char	*p = s;
	int32_t		 o;

	memset(r, 0, sizeof(*r));
	if (rule_name(&p) != RC_OK || rule_hms(&p, &o) != RC_OK)
		return RC_ERROR;
	r->std = r->dst = -o;
	if (*p == '\0')
		return RC_OK;
	if (rule_name(&p) != RC_OK)
		return RC_ERROR;
	r->has_dst = 1;
	r->dst = r->std + 3600;
	if (*p != ',' && *p != '\0') {
		if (rule_hms(&p, &o) != RC_OK)
			return RC_ERROR;
		r->dst = -o;
	}
	if (*p == '\0') {	/* POSIX's default: the US rules */
		r->start = (struct tzdate){ 'M', 3, 2, 0, 7200 };
		r->end = (struct tzdate){ 'M', 11, 1, 0, 7200 };
		return RC_OK;
	}
	if (*p++ != ',' || rule_date(&p, &r->start) != RC_OK || *p++ != ',' ||
	    rule_date(&p, &r->end) != RC_OK || *p != '\0')
		return RC_ERROR;
	return RC_OK;
}

/* Day number (since 1970) of a rule date in year y. */
static int64_t
rule_day(int y, const struct tzdate *d)
{
	int64_t	 first;
	int	 day;

	switch (d->form) {
	case 'J':
		return tz_days(y, 1, 1) + d->a - 1 + (leap_year(y) && d->a >= 60);
	case 'n':
		return tz_days(y, 1, 1) + d->a;
	default:
		first = tz_days(y, d->a, 1);
		day = 1 + (d->c - tz_weekday(first) + 7) % 7 + (d->b - 1) * 7;
		while (day > month_days(y, d->a))
			day -= 7;
		return first + day - 1;
	}
}

/* The UTC offset the rule gives at time t. */
static int32_t
rule_offset(const struct tzrule *r, int64_t t)
{
	int64_t	 start, end;
	int	 y, m, d;

	if (!r->has_dst)
		return r->std;
	tz_civil(tz_day_of(t + r->std), &y, &m, &d);
	start = rule_day(y, &r->start) * TZ_DAY + r->start.secs - r->std;
	end = rule_day(y, &r->end) * TZ_DAY + r->end.secs - r->dst;
	if (start < end)
		return t >= start && t < end ? r->dst : r->std;
	return t >= end && t < start ? r->std : r->dst;
}

/* ---------------------------------------------------------------- TZif */

/* Big-endian integers. */
static int64_t
be(const unsigned char *p, size_t n)
{
	uint64_t	 v = 0;
	size_t		 i;

	for (i = 0; i < n; i++)
		v = v << 8 | p[i];
	if (n == 4)
		return (int32_t)(uint32_t)v;
	return (int64_t)v;
}

/* The six counts of a TZif header. */
struct tzhead {
	int64_t	 isut, isstd, leap, time, type, chars;
};

/* Reads the counts of the TZif header at p (44 bytes) into h. */
static void
tzif_head(const unsigned char *p, struct tzhead *h)
{
	h->isut = be(p + 20, 4);
	h->isstd = be(p + 24, 4);
	h->leap = be(p + 28, 4);
	h->time = be(p + 32, 4);
	h->type = be(p + 36, 4);
	h->chars = be(p + 40, 4);
}

/* Bytes of a data block with w-byte times. */
static int64_t
tzif_block(const struct tzhead *h, int w)
{
	return h->time * w + h->time + h->type * 6 + h->chars +
	    h->leap * (w + 4) + h->isstd + h->isut;
}

/*
 * Reads a TZif image of n bytes into *out (allocated in a).  RC_OK, or
 * RC_ERROR when it is malformed or over the limits.
 */
int
tz_parse(struct arena *a, const unsigned char *buf, size_t n, struct tz **out)
{
	struct tzhead		 h;
	const unsigned char	*p = buf, *end = buf + n, *data, *blk, *nl;
	struct tz		*z;
	int			 w = 4;
	size_t			 i;
	char			 foot[TZ_MAX_RULE + 1];

	if (n < 44 || memcmp(p, "TZif", 4) != 0)
		return RC_ERROR;
	tzif_head(p, &h);
	if (p[4] >= '2') {	/* skip the 32-bit block, use the 64-bit one */
		if (h.time < 0 || h.type < 0 || h.chars < 0 || h.leap < 0 ||
		    h.isstd < 0 || h.isut < 0 || tzif_block(&h, 4) > end - p - 44)
			return RC_ERROR;
		p += 44 + tzif_block(&h, 4);
		if (end - p < 44 || memcmp(p, "TZif", 4) != 0)
			return RC_ERROR;
		tzif_head(p, &h);
		w = 8;
	}
	if (h.time < 0 || h.time > TZ_MAX_TRANS || h.type < 1 ||
	    h.type > TZ_MAX_TYPES || h.chars < 0 || h.leap < 0 || h.isstd < 0 ||
	    h.isut < 0 || tzif_block(&h, w) > end - p - 44)
		return RC_ERROR;
	blk = data = p + 44;
	if ((z = arena_alloc(a, sizeof(*z))) == NULL)
		return RC_ERROR;
	memset(z, 0, sizeof(*z));
	z->ntrans = (size_t)h.time;
	z->ntypes = (size_t)h.type;
	z->trans = arena_alloc(a, sizeof(*z->trans) * (z->ntrans + 1));
	z->idx = arena_alloc(a, z->ntrans + 1);
	if (z->trans == NULL || z->idx == NULL)
		return RC_ERROR;
	for (i = 0; i < z->ntrans; i++) {
		z->trans[i] = be(data + i * w, (size_t)w);
		z->idx[i] = data[h.time * w + i];
		if (z->idx[i] >= z->ntypes || (i > 0 && z->trans[i] <= z->trans[i - 1]))
			return RC_ERROR;
	}
	data += h.time * w + h.time;
	for (i = 0; i < z->ntypes; i++)
		z->off[i] = (int32_t)be(data + i * 6, 4);
	p = blk + tzif_block(&h, w);	/* the footer: "\nTZ\n" */
	if (w == 8 && p < end && *p == '\n' &&
	    (nl = memchr(p + 1, '\n', (size_t)(end - p - 1))) != NULL &&
	    nl - p - 1 > 0 && nl - p - 1 <= TZ_MAX_RULE) {
		memcpy(foot, p + 1, (size_t)(nl - p - 1));
		foot[nl - p - 1] = '\0';
		z->has_rule = tz_rule_parse(foot, &z->rule) == RC_OK;
	}
	*out = z;
	return RC_OK;
}

/*
 * Loads zone name (an IANA name such as "Europe/Berlin", already checked
 * by VALID_TIMEZONE) from dir into *out.  RC_OK, or RC_ERROR when it
 * cannot be read.
 */
int
tz_load(struct arena *a, const char *dir, const char *name, struct tz **out)
{
	struct arena	 tmp;		/* the file, not kept */
	char		 path[1024];
	unsigned char	*buf;
	ssize_t		 k;
	size_t		 n = 0;
	int		 fd, rc = RC_ERROR;

	if (name == NULL || !valid_check(VALID_TIMEZONE, name, strlen(name)))
		return RC_ERROR;
	if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir, name) >= sizeof(path))
		return RC_ERROR;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return RC_ERROR;
	arena_init(&tmp);
	if ((buf = arena_alloc(&tmp, TZ_MAX_FILE)) == NULL)
		goto out;
	while (n < TZ_MAX_FILE && (k = read(fd, buf + n, TZ_MAX_FILE - n)) != 0) {
		if (k == -1 && errno == EINTR)
			continue;
		if (k == -1)
			goto out;
		n += (size_t)k;
	}
	if (n < TZ_MAX_FILE)
		rc = tz_parse(a, buf, n, out);
out:
	close(fd);
	arena_free(&tmp);
	return rc;
}

/* The UTC offset (seconds east) of zone z at time t. */
int32_t
tz_offset(const struct tz *z, int64_t t)
{
	size_t	 lo = 0, hi = z->ntrans;

	if (z->ntrans == 0)
		return z->has_rule ? rule_offset(&z->rule, t) : z->off[0];
	if (t < z->trans[0])
		return z->off[0];
	if (t >= z->trans[z->ntrans - 1] && z->has_rule)
		return t == z->trans[z->ntrans - 1] ? z->off[z->idx[z->ntrans - 1]] :
		    rule_offset(&z->rule, t);
	while (hi - lo > 1) {	/* the last transition at or before t */
		size_t mid = lo + (hi - lo) / 2;

		if (z->trans[mid] <= t)
			lo = mid;
		else
			hi = mid;
	}
	return z->off[z->idx[lo]];
}

/* Local seconds (the wall clock read as UTC) of time t. */
int64_t
tz_to_local(const struct tz *z, int64_t t)
{
	return t + tz_offset(z, t);
}

/*
 * The UTC time of the wall-clock time local (local seconds): its first
 * occurrence when the clock repeats it, the time as far past the jump as
 * it is past the last valid minute when the clock skips it.
 */
int64_t
tz_from_local(const struct tz *z, int64_t local)
{
	int32_t	 before = tz_offset(z, local - TZ_DAY), after = tz_offset(z, local + TZ_DAY);
	int64_t	 tb = local - before, ta = local - after;
	int	 okb = tz_offset(z, tb) == before, oka = tz_offset(z, ta) == after;

	if (okb && oka)
		return tb < ta ? tb : ta;
	if (okb)
		return tb;
	if (oka)
		return ta;
	return tb;	/* skipped: read with the offset before the jump */
}

/* "YYYY-MM-DD HH:MM:SS" of UTC time t, as MariaDB reads a DATETIME. */
void
tz_sql(int64_t t, char out[20])
{
	int	 y, m, d;
	int64_t	 s = t - tz_day_of(t) * TZ_DAY;
	char	 buf[64];

	tz_civil(tz_day_of(t), &y, &m, &d);
	snprintf(buf, sizeof(buf), "%04d-%02d-%02d %02d:%02d:%02d", y % 10000,
	    m, d, (int)(s / 3600), (int)(s / 60 % 60), (int)(s % 60));
	memcpy(out, buf, 19);
	out[19] = '\0';
}

/* UTC time t in zone z as ISO 8601 with its offset: 2026-03-29T03:00:00+02:00. */
void
tz_iso(const struct tz *z, int64_t t, char out[26])
{
	int32_t	 off = tz_offset(z, t);
	int64_t	 l = t + off, s = l - tz_day_of(l) * TZ_DAY;
	int	 y, m, d, a = off < 0 ? -off : off;
	char	 buf[80];

	tz_civil(tz_day_of(l), &y, &m, &d);
	snprintf(buf, sizeof(buf), "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d",
	    y % 10000, m, d, (int)(s / 3600), (int)(s / 60 % 60), (int)(s % 60),
	    off < 0 ? '-' : '+', a / 3600 % 100, a / 60 % 60);
	memcpy(out, buf, 25);
	out[25] = '\0';
}

/*
 * tz_iso() of a database cell of whole seconds since 1970 (UTC), as the
 * list statements select it (FLOOR(UNIX_TIMESTAMP(col)) on a UTC session).
 * Answers 1 with out written, 0 (out empty) when secs is NULL or not a
 * decimal integer.
 */
int
tz_iso_cell(const struct tz *z, const char *secs, char out[26])
{
	int64_t	 t = 0;
	int	 neg = 0;
	const char *p = secs;

	out[0] = '\0';
	if (p == NULL || *p == '\0')
		return 0;
	if (*p == '-') {
		neg = 1;
		p++;
	}
	if (*p == '\0')
		return 0;		/* a sign alone */
	for (; *p != '\0'; p++) {
		if (*p < '0' || *p > '9' || t > INT64_MAX / 10 - 10)
			return 0;
		t = t * 10 + (*p - '0');
	}
	tz_iso(z, neg ? -t : t, out);
	return 1;
}

/*
 * tz_iso_cell() as a string of arena a, for a caller that keeps it (a
 * form's field, a CSV cell): NULL when secs is NULL or not a number, or
 * when a is out of memory.
 */
const char *
tz_iso_text(struct arena *a, const struct tz *z, const char *secs)
{
	char	 buf[26];

	return tz_iso_cell(z, secs, buf) ? arena_strdup(a, buf) : NULL;
}

/* The local date (YYYY-MM-DD) in zone z of UTC time t. */
void
tz_date(const struct tz *z, int64_t t, char out[11])
{
	int	 y, m, d;
	char	 buf[40];

	tz_civil(tz_day_of(tz_to_local(z, t)), &y, &m, &d);
	snprintf(buf, sizeof(buf), "%04d-%02d-%02d", y % 10000, m, d);
	memcpy(out, buf, 10);
	out[10] = '\0';
}

/*
 * The zones this process has read from TZ_DIR, by name, kept for its
 * life (a new tzdata is read by the next deploy's workers): a list page
 * used to read and parse its zone's file, with a 64 KB buffer, on every
 * request.  At most TZ_CACHE_MAX zones; the lock guards all of it.
 */
static struct {
	pthread_mutex_t	 lock;
	struct arena	 a;		/* names and zones */
	const char	*name[TZ_CACHE_MAX];
	struct tz	*z[TZ_CACHE_MAX];
	size_t		 n;
} cache = { .lock = PTHREAD_MUTEX_INITIALIZER };

/*
 * Zone name from the process's cache, read into it on first use; NULL
 * when it cannot be read or the cache is full.  The zone is shared:
 * read-only.
 */
static struct tz *
tz_cached(const char *name)
{
	struct tz	*z = NULL;
	const char	*copy;
	size_t		 i;

	if (name == NULL)
		return NULL;
	pthread_mutex_lock(&cache.lock);
	for (i = 0; i < cache.n; i++)
		if (strcmp(cache.name[i], name) == 0) {
			z = cache.z[i];
			goto out;
		}
	if (cache.n < TZ_CACHE_MAX &&
	    tz_load(&cache.a, TZ_DIR, name, &z) == RC_OK &&
	    (copy = arena_strdup(&cache.a, name)) != NULL) {
		cache.name[cache.n] = copy;
		cache.z[cache.n++] = z;
	} else
		z = NULL;
out:
	pthread_mutex_unlock(&cache.lock);
	return z;
}

/*
 * Zone name from TZ_DIR (the process's cache, else read into a), or UTC
 * when it cannot be read (logged); NULL only when not even UTC can.  The
 * zone is read-only.
 */
struct tz *
tz_or_utc(struct arena *a, const char *name)
{
	struct tz	*z;

	if ((z = tz_cached(name)) != NULL ||
	    tz_load(a, TZ_DIR, name, &z) == RC_OK)
		return z;
	log_error("time zone %s: cannot read it from %s; using UTC",
	    name ? name : "(none)", TZ_DIR);
	if ((z = tz_cached("UTC")) != NULL)
		return z;
	return tz_load(a, TZ_DIR, "UTC", &z) == RC_OK ? z : NULL;
}
