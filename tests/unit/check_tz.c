/*
 * Unit tests of fcgi/tz.c: time zones (TZif files, POSIX rules, offsets
 * across daylight-saving changes), schedules, date ranges, time formats.
 * Zones are read from TZ_DIR (/usr/share/zoneinfo). The calendar and
 * format tests also use text.c's month_days() and date_parse().
 */
#include <stdint.h>
#include <string.h>

#include "check.h"

#include "../../fcgi/arena.h"
#include "../../fcgi/limits.h"
#include "../../fcgi/text.h"
#include "../../fcgi/sched.h"
#include "../../fcgi/tz.h"

/* Seconds since 1970 of a UTC time. */
static int64_t
utc(int y, int mo, int d, int h, int mi)
{
	return tz_days(y, mo, d) * 86400 + h * 3600 + mi * 60;
}

START_TEST(test_manage_calendar)
{
	int64_t	 z;
	int	 y, m, d;

	ck_assert_int_eq(tz_days(1970, 1, 1), 0);
	ck_assert_int_eq(tz_days(2000, 3, 1), 11017);
	ck_assert_int_eq(tz_weekday(tz_days(2026, 3, 29)), 0);	/* a Sunday */
	ck_assert_int_eq(tz_weekday(tz_days(2026, 11, 30)), 1);	/* a Monday */
	ck_assert_int_eq(month_days(2028, 2), 29);
	ck_assert_int_eq(month_days(2100, 2), 28);
	ck_assert_int_eq(month_days(2000, 2), 29);
	ck_assert_int_eq(month_days(2026, 13), 0);
	for (z = -800; z < 80000; z += 13) {	/* 1967 … 2189 */
		tz_civil(z, &y, &m, &d);
		ck_assert_int_eq(tz_days(y, m, d), z);
	}
}
END_TEST

static const struct {
	const char	*s;
	int		 ok;
	int32_t		 std, dst;
	int		 has_dst;
} rules[] = {
	{ "CET-1CEST,M3.5.0,M10.5.0/3", 1, 3600, 7200, 1 },
	{ "EST5EDT,M3.2.0,M11.1.0", 1, -18000, -14400, 1 },
	{ "AEST-10AEDT,M10.1.0,M4.1.0/3", 1, 36000, 39600, 1 },
	{ "<+0330>-3:30", 1, 12600, 12600, 0 },
	{ "<-03>3", 1, -10800, -10800, 0 },
	{ "UTC0", 1, 0, 0, 0 },
	{ "IST-2IDT,M3.4.4/26,M10.5.0", 1, 7200, 10800, 1 },
	{ "EST5EDT", 1, -18000, -14400, 1 },
	{ "XXX3YYY,J60/2,300/-1", 1, -10800, -7200, 1 },
	{ "", 0, 0, 0, 0 },
	{ "C-1", 0, 0, 0, 0 },
	{ "CET", 0, 0, 0, 0 },
	{ "CET-1CEST,M13.1.0,M10.5.0", 0, 0, 0, 0 },
	{ "CET-1CEST,M3.6.0,M10.5.0", 0, 0, 0, 0 },
	{ "CET-1CEST,M3.5.0", 0, 0, 0, 0 },
	{ "CET-1CEST,M3.5.0,M10.5.0/3x", 0, 0, 0, 0 },
	{ "CET-200", 0, 0, 0, 0 },
	{ "<+03", 0, 0, 0, 0 },
};

START_TEST(test_manage_rules)
{
	struct tzrule	 r;
	int		 rc = tz_rule_parse(rules[_i].s, &r);

	ck_assert_msg((rc == 0) == rules[_i].ok, "rule \"%s\": rc %d", rules[_i].s, rc);
	if (rc != 0)
		return;
	ck_assert_int_eq(r.std, rules[_i].std);
	ck_assert_int_eq(r.dst, rules[_i].dst);
	ck_assert_int_eq(r.has_dst, rules[_i].has_dst);
}
END_TEST

/* Offsets of real zones (TZ_DIR) around their changes, and beyond 2037
 * where the footer's rule answers. */
static const struct {
	const char	*zone;
	int		 y, mo, d, h, mi;	/* UTC */
	int32_t		 off;
} offsets[] = {
	{ "Europe/Berlin", 2026, 3, 29, 0, 59, 3600 },
	{ "Europe/Berlin", 2026, 3, 29, 1, 0, 7200 },
	{ "Europe/Berlin", 2026, 10, 25, 0, 59, 7200 },
	{ "Europe/Berlin", 2026, 10, 25, 1, 0, 3600 },
	{ "Europe/Berlin", 2050, 7, 1, 12, 0, 7200 },
	{ "Europe/Berlin", 2050, 1, 1, 12, 0, 3600 },
	{ "Europe/Berlin", 2050, 3, 27, 0, 59, 3600 },	/* last Sunday */
	{ "Europe/Berlin", 2050, 3, 27, 1, 0, 7200 },
	{ "Europe/Berlin", 1890, 1, 1, 0, 0, 3208 },	/* local mean time */
	{ "America/New_York", 2026, 3, 8, 6, 59, -18000 },
	{ "America/New_York", 2026, 3, 8, 7, 0, -14400 },
	{ "Australia/Sydney", 2026, 4, 4, 15, 59, 39600 },
	{ "Australia/Sydney", 2026, 4, 4, 16, 0, 36000 },
	{ "Asia/Kolkata", 2026, 6, 1, 0, 0, 19800 },
	{ "UTC", 2026, 6, 1, 0, 0, 0 },
};

START_TEST(test_manage_offsets)
{
	struct arena	 a;
	struct tz	*z;

	arena_init(&a);
	ck_assert_int_eq(tz_load(&a, TZ_DIR, offsets[_i].zone, &z), 0);
	ck_assert_msg(tz_offset(z, utc(offsets[_i].y, offsets[_i].mo, offsets[_i].d,
	    offsets[_i].h, offsets[_i].mi)) == offsets[_i].off,
	    "%s at %04d-%02d-%02d %02d:%02d UTC: %d, expected %d",
	    offsets[_i].zone, offsets[_i].y, offsets[_i].mo, offsets[_i].d,
	    offsets[_i].h, offsets[_i].mi, tz_offset(z, utc(offsets[_i].y,
	    offsets[_i].mo, offsets[_i].d, offsets[_i].h, offsets[_i].mi)),
	    offsets[_i].off);
	arena_reset(&a);
}
END_TEST

/* A TZif v2 image with no transitions and footer rule (RFC 8536). */
static size_t
tzif_rule_only(unsigned char *b, const char *footer)
{
	static const unsigned char type[6] = { 0, 0, 0x0e, 0x10, 0, 0 };	/* +1h */
	size_t	 n = 0, i;

	for (i = 0; i < 2; i++) {
		memset(b + n, 0, 44);
		memcpy(b + n, "TZif2", 5);
		b[n + 39] = 1;			/* typecnt */
		b[n + 43] = 4;			/* charcnt */
		n += 44;
		memcpy(b + n, type, 6);
		n += 6;
		memcpy(b + n, "CET", 4);
		n += 4;
	}
	b[n++] = '\n';
	memcpy(b + n, footer, strlen(footer));
	n += strlen(footer);
	b[n++] = '\n';
	return n;
}

START_TEST(test_manage_tzif)
{
	struct arena	 a;
	struct tz	*z;
	unsigned char	 b[512];
	size_t		 n;

	arena_init(&a);
	n = tzif_rule_only(b, "CET-1CEST,M3.5.0,M10.5.0/3");
	ck_assert_int_eq(tz_parse(&a, b, n, &z), 0);
	ck_assert_int_eq(tz_offset(z, utc(2026, 3, 29, 0, 59)), 3600);
	ck_assert_int_eq(tz_offset(z, utc(2026, 3, 29, 1, 0)), 7200);
	ck_assert_int_eq(tz_offset(z, utc(2026, 10, 25, 0, 59)), 7200);
	ck_assert_int_eq(tz_offset(z, utc(2026, 10, 25, 1, 0)), 3600);
	/* malformed images are refused, not read past their end */
	ck_assert_int_eq(tz_parse(&a, b, 43, &z), -1);
	ck_assert_int_eq(tz_parse(&a, b, 60, &z), -1);
	memcpy(b, "TZix", 4);
	ck_assert_int_eq(tz_parse(&a, b, n, &z), -1);
	n = tzif_rule_only(b, "CET-1CEST,M3.5.0,M10.5.0/3");
	b[39] = 0;			/* no local time type */
	ck_assert_int_eq(tz_parse(&a, b, n, &z), -1);
	ck_assert_int_eq(tz_load(&a, TZ_DIR, "../etc/passwd", &z), -1);
	ck_assert_int_eq(tz_load(&a, TZ_DIR, "Mars/Olympus_Mons", &z), -1);
	arena_reset(&a);
}
END_TEST

/* tz_or_utc: a zone is read once per process and shared; a zone that
 * cannot be read is UTC, never cached under its name. */
START_TEST(test_manage_zone_cache)
{
	struct arena	 a;
	struct tz	*z1, *z2, *u;

	arena_init(&a);
	z1 = tz_or_utc(&a, "Europe/Berlin");
	z2 = tz_or_utc(&a, "Europe/Berlin");
	ck_assert_ptr_nonnull(z1);
	ck_assert_ptr_eq(z1, z2);
	ck_assert_int_eq(a.grown, 0);	/* nothing of the zone in the caller's arena */
	ck_assert_int_eq(tz_offset(z1, utc(2026, 7, 1, 12, 0)), 7200);
	u = tz_or_utc(&a, "Mars/Olympus_Mons");
	ck_assert_ptr_nonnull(u);
	ck_assert_ptr_eq(u, tz_or_utc(&a, "UTC"));
	ck_assert_int_eq(tz_offset(u, utc(2026, 7, 1, 12, 0)), 0);
	arena_reset(&a);
}
END_TEST

/* Wall clock → UTC: a skipped time is read past the jump, a repeated one
 * is its first occurrence. */
static const struct {
	const char	*zone;
	int		 y, mo, d, h, mi;		/* local */
	int		 uy, umo, ud, uh, umi;		/* UTC */
} locals[] = {
	{ "Europe/Berlin", 2026, 6, 1, 9, 0, 2026, 6, 1, 7, 0 },
	{ "Europe/Berlin", 2026, 3, 29, 1, 59, 2026, 3, 29, 0, 59 },
	{ "Europe/Berlin", 2026, 3, 29, 2, 30, 2026, 3, 29, 1, 30 },	/* skipped */
	{ "Europe/Berlin", 2026, 3, 29, 3, 0, 2026, 3, 29, 1, 0 },
	{ "Europe/Berlin", 2026, 10, 25, 2, 30, 2026, 10, 25, 0, 30 },	/* twice */
	{ "Europe/Berlin", 2026, 10, 25, 3, 0, 2026, 10, 25, 2, 0 },
	{ "America/New_York", 2026, 3, 8, 2, 30, 2026, 3, 8, 7, 30 },	/* skipped */
	{ "America/New_York", 2026, 11, 1, 1, 30, 2026, 11, 1, 5, 30 },	/* twice */
	{ "Australia/Sydney", 2026, 4, 5, 2, 30, 2026, 4, 4, 15, 30 },	/* twice */
	{ "Australia/Sydney", 2026, 10, 4, 2, 30, 2026, 10, 3, 16, 30 },	/* skipped */
};

START_TEST(test_manage_from_local)
{
	struct arena	 a;
	struct tz	*z;
	int64_t		 got, want;

	arena_init(&a);
	ck_assert_int_eq(tz_load(&a, TZ_DIR, locals[_i].zone, &z), 0);
	got = tz_from_local(z, utc(locals[_i].y, locals[_i].mo, locals[_i].d,
	    locals[_i].h, locals[_i].mi));
	want = utc(locals[_i].uy, locals[_i].umo, locals[_i].ud, locals[_i].uh,
	    locals[_i].umi);
	ck_assert_msg(got == want, "%s %04d-%02d-%02d %02d:%02d local: %lld UTC, "
	    "expected %lld", locals[_i].zone, locals[_i].y, locals[_i].mo,
	    locals[_i].d, locals[_i].h, locals[_i].mi, (long long)got,
	    (long long)want);
	arena_reset(&a);
}
END_TEST

/* The next run of a schedule after "now" (both UTC). */
static const struct {
	const char	*zone;
	struct sched	 s;
	int		 ny, nmo, nd, nh, nmi;	/* now */
	int		 ry, rmo, rd, rh, rmi;	/* next; ry 0: none */
} nexts[] = {
	/* Berlin, spring forward (2026-03-29 02:00 → 03:00) */
	{ "Europe/Berlin", { SCHED_DAILY, 0, 1, 2 }, 2026, 3, 28, 12, 0, 2026, 3, 29, 1, 0 },
	{ "Europe/Berlin", { SCHED_DAILY, 0, 1, 2 }, 2026, 3, 29, 1, 0, 2026, 3, 30, 0, 0 },
	{ "Europe/Berlin", { SCHED_DAILY, 0, 1, 9 }, 2026, 3, 28, 9, 0, 2026, 3, 29, 7, 0 },
	{ "Europe/Berlin", { SCHED_DAILY, 0, 1, 9 }, 2026, 3, 28, 7, 59, 2026, 3, 28, 8, 0 },
	{ "Europe/Berlin", { SCHED_WEEKLY, 0, 1, 3 }, 2026, 3, 28, 12, 0, 2026, 3, 29, 1, 0 },
	/* Berlin, fall back (2026-10-25 03:00 → 02:00): once, not twice */
	{ "Europe/Berlin", { SCHED_DAILY, 0, 1, 2 }, 2026, 10, 24, 12, 0, 2026, 10, 25, 0, 0 },
	{ "Europe/Berlin", { SCHED_DAILY, 0, 1, 2 }, 2026, 10, 25, 0, 0, 2026, 10, 26, 1, 0 },
	{ "Europe/Berlin", { SCHED_DAILY, 0, 1, 9 }, 2026, 10, 25, 7, 0, 2026, 10, 25, 8, 0 },
	{ "Europe/Berlin", { SCHED_DAILY, 0, 1, 9 }, 2026, 10, 24, 7, 0, 2026, 10, 25, 8, 0 },
	/* weekly and monthly */
	{ "Europe/Berlin", { SCHED_WEEKLY, 1, 1, 9 }, 2026, 11, 28, 17, 0, 2026, 11, 30, 8, 0 },
	{ "Europe/Berlin", { SCHED_WEEKLY, 1, 1, 9 }, 2026, 11, 30, 8, 0, 2026, 12, 7, 8, 0 },
	{ "Europe/Berlin", { SCHED_MONTHLY, 0, 31, 8 }, 2026, 4, 1, 0, 0, 2026, 4, 30, 6, 0 },
	{ "Europe/Berlin", { SCHED_MONTHLY, 0, 31, 8 }, 2026, 2, 10, 0, 0, 2026, 2, 28, 7, 0 },
	{ "Europe/Berlin", { SCHED_MONTHLY, 0, 31, 8 }, 2026, 3, 31, 6, 0, 2026, 4, 30, 6, 0 },
	{ "Europe/Berlin", { SCHED_MONTHLY, 0, 29, 8 }, 2028, 2, 1, 0, 0, 2028, 2, 29, 7, 0 },
	{ "Europe/Berlin", { SCHED_MONTHLY, 0, 1, 0 }, 2026, 12, 31, 23, 30, 2027, 1, 31, 23, 0 },
	/* New York (2026-03-08 02:00 → 03:00) and Sydney (southern) */
	{ "America/New_York", { SCHED_DAILY, 0, 1, 2 }, 2026, 3, 7, 12, 0, 2026, 3, 8, 7, 0 },
	{ "America/New_York", { SCHED_DAILY, 0, 1, 2 }, 2026, 3, 8, 7, 0, 2026, 3, 9, 6, 0 },
	{ "Australia/Sydney", { SCHED_DAILY, 0, 1, 9 }, 2026, 4, 4, 12, 0, 2026, 4, 4, 23, 0 },
	{ "Australia/Sydney", { SCHED_DAILY, 0, 1, 9 }, 2026, 10, 3, 12, 0, 2026, 10, 3, 22, 0 },
	/* UTC, exactly on time: the next one */
	{ "UTC", { SCHED_DAILY, 0, 1, 9 }, 2026, 6, 1, 9, 0, 2026, 6, 2, 9, 0 },
	{ "UTC", { SCHED_NONE, 0, 1, 9 }, 2026, 6, 1, 9, 0, 0, 0, 0, 0, 0 },
	{ "UTC", { SCHED_DAILY, 0, 1, 24 }, 2026, 6, 1, 9, 0, 0, 0, 0, 0, 0 },
};

START_TEST(test_manage_sched_next)
{
	struct arena	 a;
	struct tz	*z;
	int64_t		 got, want;

	arena_init(&a);
	ck_assert_int_eq(tz_load(&a, TZ_DIR, nexts[_i].zone, &z), 0);
	got = sched_next(&nexts[_i].s, z, utc(nexts[_i].ny, nexts[_i].nmo,
	    nexts[_i].nd, nexts[_i].nh, nexts[_i].nmi));
	want = nexts[_i].ry == 0 ? -1 : utc(nexts[_i].ry, nexts[_i].rmo,
	    nexts[_i].rd, nexts[_i].rh, nexts[_i].rmi);
	ck_assert_msg(got == want, "case %d (%s): next %lld, expected %lld",
	    _i, nexts[_i].zone, (long long)got, (long long)want);
	arena_reset(&a);
}
END_TEST

/* Date ranges in Berlin at 2026-03-30 10:00 UTC (a day after the spring
 * change) and 2026-10-26 (a day after the autumn one). */
static const struct {
	struct range	 r;
	int		 ny, nmo, nd;
	int		 fy, fmo, fd, fh, ty, tmo, td, th;	/* UTC; fy 0: refused */
} ranges[] = {
	{ { RANGE_LAST_7, 0, 0, 0, 0, 0, 0 }, 2026, 3, 30, 2026, 3, 23, 23, 2026, 3, 30, 22 },
	{ { RANGE_LAST_30, 0, 0, 0, 0, 0, 0 }, 2026, 3, 30, 2026, 2, 28, 23, 2026, 3, 30, 22 },
	{ { RANGE_THIS_MONTH, 0, 0, 0, 0, 0, 0 }, 2026, 3, 30, 2026, 2, 28, 23, 2026, 3, 31, 22 },
	{ { RANGE_LAST_MONTH, 0, 0, 0, 0, 0, 0 }, 2026, 3, 30, 2026, 1, 31, 23, 2026, 2, 28, 23 },
	{ { RANGE_LAST_MONTH, 0, 0, 0, 0, 0, 0 }, 2026, 1, 15, 2025, 11, 30, 23, 2025, 12, 31, 23 },
	{ { RANGE_CUSTOM, 2026, 10, 25, 2026, 10, 25 }, 2026, 10, 26, 2026, 10, 24, 22, 2026, 10, 25, 23 },
	{ { RANGE_CUSTOM, 2026, 3, 29, 2026, 3, 29 }, 2026, 10, 26, 2026, 3, 28, 23, 2026, 3, 29, 22 },
	{ { RANGE_CUSTOM, 2026, 3, 2, 2026, 3, 1 }, 2026, 10, 26, 0, 0, 0, 0, 0, 0, 0, 0 },
	{ { RANGE_ALL, 0, 0, 0, 0, 0, 0 }, 2026, 10, 26, 0, 0, 0, 0, 0, 0, 0, 0 },
};

START_TEST(test_manage_ranges)
{
	struct arena	 a;
	struct tz	*z;
	int64_t		 f = 0, t = 0;
	int		 rc;

	arena_init(&a);
	ck_assert_int_eq(tz_load(&a, TZ_DIR, "Europe/Berlin", &z), 0);
	rc = range_bounds(&ranges[_i].r, z, utc(ranges[_i].ny, ranges[_i].nmo,
	    ranges[_i].nd, 10, 0), &f, &t);
	if (ranges[_i].fy == 0) {
		ck_assert_int_eq(rc, -1);
	} else {
		ck_assert_int_eq(rc, 0);
		ck_assert_msg(f == utc(ranges[_i].fy, ranges[_i].fmo, ranges[_i].fd,
		    ranges[_i].fh, 0), "case %d: from %lld", _i, (long long)f);
		ck_assert_msg(t == utc(ranges[_i].ty, ranges[_i].tmo, ranges[_i].td,
		    ranges[_i].th, 0), "case %d: to %lld", _i, (long long)t);
	}
	arena_reset(&a);
}
END_TEST

START_TEST(test_manage_formats)
{
	struct arena	 a;
	struct tz	*z;
	char		 iso[26], sql[20], date[11];
	int		 y, m, d;

	arena_init(&a);
	ck_assert_int_eq(tz_load(&a, TZ_DIR, "Europe/Berlin", &z), 0);
	tz_iso(z, utc(2026, 3, 29, 1, 0), iso);
	ck_assert_str_eq(iso, "2026-03-29T03:00:00+02:00");
	tz_iso(z, utc(2026, 12, 31, 23, 30), iso);
	ck_assert_str_eq(iso, "2027-01-01T00:30:00+01:00");
	tz_sql(utc(2026, 3, 29, 1, 0) + 7, sql);
	ck_assert_str_eq(sql, "2026-03-29 01:00:07");
	tz_date(z, utc(2026, 10, 24, 22, 0), date);
	ck_assert_str_eq(date, "2026-10-25");
	ck_assert_int_eq(tz_load(&a, TZ_DIR, "America/St_Johns", &z), 0);
	tz_iso(z, utc(2026, 1, 10, 12, 0), iso);
	ck_assert_str_eq(iso, "2026-01-10T08:30:00-03:30");
	ck_assert_int_eq(date_parse("2028-02-29", &y, &m, &d), 0);
	ck_assert_int_eq(y * 10000 + m * 100 + d, 20280229);
	ck_assert_int_eq(date_parse("2026-02-29", &y, &m, &d), -1);
	ck_assert_int_eq(date_parse("2026-13-01", &y, &m, &d), -1);
	ck_assert_int_eq(date_parse("2026-1-01", &y, &m, &d), -1);
	ck_assert_int_eq(date_parse("1969-12-31", &y, &m, &d), -1);
	ck_assert_int_eq(date_parse("2026-03-01x", &y, &m, &d), -1);
	ck_assert_int_eq(date_parse(NULL, &y, &m, &d), -1);
	ck_assert_int_eq(date_parse("", &y, &m, &d), -1);
	arena_reset(&a);
}
END_TEST

/* A list's time cell (whole seconds since 1970) in a zone, and what is not
 * one: NULL, empty, a sign alone, letters, too many digits -> "" and 0
 * (tz_iso_text: NULL). */
static const struct {
	const char	*zone, *cell, *iso;
	int		 ok;
} cells[] = {
	{ "Europe/Berlin", "1774746000", "2026-03-29T03:00:00+02:00", 1 },
	{ "Europe/Berlin", "1798759800", "2027-01-01T00:30:00+01:00", 1 },
	{ "UTC", "0", "1970-01-01T00:00:00+00:00", 1 },
	{ "America/St_Johns", "1768046400", "2026-01-10T08:30:00-03:30", 1 },
	{ "UTC", NULL, "", 0 },
	{ "UTC", "", "", 0 },
	{ "UTC", "-", "", 0 },
	{ "UTC", "17a4", "", 0 },
	{ "UTC", "1774746000.5", "", 0 },
	{ "UTC", "99999999999999999999999", "", 0 },
};

START_TEST(test_manage_iso_cell)
{
	struct arena	 a;
	struct tz	*z;
	const char	*s;
	char		 iso[26];

	arena_init(&a);
	ck_assert_int_eq(tz_load(&a, TZ_DIR, cells[_i].zone, &z), 0);
	ck_assert_int_eq(tz_iso_cell(z, cells[_i].cell, iso), cells[_i].ok);
	ck_assert_str_eq(iso, cells[_i].iso);
	/* the same as a string of the arena; NULL for what is not a time */
	s = tz_iso_text(&a, z, cells[_i].cell);
	if (cells[_i].ok)
		ck_assert_str_eq(s, cells[_i].iso);
	else
		ck_assert_ptr_null(s);
	arena_reset(&a);
}
END_TEST

Suite *
tz_suite(void)
{
	Suite	*s = suite_create("tz");
	TCase	*t = tcase_create("tz");

	tcase_set_timeout(t, 30);
	tcase_add_test(t, test_manage_calendar);
	tcase_add_loop_test(t, test_manage_rules, 0, N(rules));
	tcase_add_loop_test(t, test_manage_offsets, 0, N(offsets));
	tcase_add_test(t, test_manage_tzif);
	tcase_add_test(t, test_manage_zone_cache);
	tcase_add_loop_test(t, test_manage_from_local, 0, N(locals));
	tcase_add_loop_test(t, test_manage_sched_next, 0, N(nexts));
	tcase_add_loop_test(t, test_manage_ranges, 0, N(ranges));
	tcase_add_test(t, test_manage_formats);
	tcase_add_loop_test(t, test_manage_iso_cell, 0, N(cells));
	suite_add_tcase(s, t);
	return s;
}
