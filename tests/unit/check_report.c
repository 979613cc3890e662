/*
 * Unit tests of fcgi/report.c: report recipients, event-name lists, the
 * report kinds table (each available kind has its exporter in
 * export_rows.c); test_manage_tables also checks the
 * schedule/range/weekday names (tz.c, with text.c's name_index()) and some
 * role capabilities.
 */
#include <stdlib.h>
#include <string.h>

#include "check.h"

#include "../../fcgi/arena.h"
#include "../../fcgi/export_rows.h"
#include "../../fcgi/report.h"
#include "../../fcgi/roles.h"
#include "../../fcgi/text.h"
#include "../../fcgi/sched.h"
#include "../../fcgi/tz.h"

static const struct {
	const char	*in;
	int		 rc;
	size_t		 n;
	const char	*first, *bad;
} rcpts[] = {
	{ "", 0, 0, NULL, NULL },
	{ " \n ,; ", 0, 0, NULL, NULL },
	{ "Ann@Example.COM", 0, 1, "ann@example.com", NULL },
	{ "a@x.io, B@X.io;c@y.io\n a@x.io", 0, 3, "a@x.io", NULL },
	{ "a@x.io\r\nb@x.io", 0, 2, "a@x.io", NULL },
	{ "a@x.io, not-an-address", -1, 0, NULL, "not-an-address" },
	{ "a@x.io <b@x.io>", -1, 0, NULL, "<b@x.io>" },
	{ "zo\xc3\xab@x.io", -1, 0, NULL, "zo\xc3\xab@x.io" },
	{ "1@x.io 2@x.io 3@x.io 4@x.io 5@x.io 6@x.io 7@x.io 8@x.io 9@x.io 10@x.io", 0, 10, "1@x.io", NULL },
	{ "1@x.io 2@x.io 3@x.io 4@x.io 5@x.io 6@x.io 7@x.io 8@x.io 9@x.io 10@x.io 11@x.io", -2, 0, NULL, NULL },
	{ "1@x.io 1@x.io 1@x.io 1@x.io 1@x.io 1@x.io 1@x.io 1@x.io 1@x.io 1@x.io 1@x.io 2@x.io", 0, 2, "1@x.io", NULL },
};

START_TEST(test_manage_recipients)
{
	struct arena	 a;
	const char	**v, *bad;
	size_t		 n;
	int		 rc;

	arena_init(&a);
	rc = recipients_parse(&a, rcpts[_i].in, &v, &n, &bad);
	ck_assert_msg(rc == rcpts[_i].rc, "\"%s\": rc %d", rcpts[_i].in, rc);
	if (rc == 0) {
		ck_assert_uint_eq(n, rcpts[_i].n);
		if (rcpts[_i].first)
			ck_assert_str_eq(v[0], rcpts[_i].first);
	}
	if (rcpts[_i].bad)
		ck_assert_str_eq(bad, rcpts[_i].bad);
	arena_reset(&a);
}
END_TEST

static const struct {
	const char	*in;
	int		 rc;
	size_t		 n;
	const char	*last;
} enames[] = {
	{ "", 0, 0, NULL },
	{ "\n\r\n\n", 0, 0, NULL },
	{ "Purchase", 0, 1, "Purchase" },
	{ "Purchase\r\nApp Launched\n\nAdded to cart, twice\nPurchase", 0, 3, "Added to cart, twice" },
	{ " Purchase", -1, 0, NULL },
	{ "Purchase\nbad\x01name", -1, 0, NULL },
	{ "a\tb", -1, 0, NULL },
	{ "e1\ne2\ne3\ne4\ne5\ne6\ne7\ne8\ne9\ne10\ne11\ne12\ne13\ne14\ne15\ne16\ne17\ne18\ne19\ne20", 0, 20, "e20" },
	{ "e1\ne2\ne3\ne4\ne5\ne6\ne7\ne8\ne9\ne10\ne11\ne12\ne13\ne14\ne15\ne16\ne17\ne18\ne19\ne20\ne21", -2, 0, NULL },
};

START_TEST(test_manage_event_names)
{
	struct arena	 a;
	const char	**v, *bad;
	size_t		 n;
	int		 rc;
	char		*long_name;

	arena_init(&a);
	rc = event_names_parse(&a, enames[_i].in, &v, &n, &bad);
	ck_assert_msg(rc == enames[_i].rc, "case %d: rc %d", _i, rc);
	if (rc == 0) {
		ck_assert_uint_eq(n, enames[_i].n);
		if (enames[_i].last)
			ck_assert_str_eq(v[n - 1], enames[_i].last);
	}
	long_name = malloc(122);
	ck_assert_ptr_nonnull(long_name);
	memset(long_name, 'x', 121);
	long_name[121] = '\0';
	ck_assert_int_eq(event_names_parse(&a, long_name, &v, &n, &bad), -1);
	long_name[120] = '\0';
	ck_assert_int_eq(event_names_parse(&a, long_name, &v, &n, &bad), 0);
	free(long_name);
	arena_reset(&a);
}
END_TEST

START_TEST(test_manage_tables)
{
	int	 k;

	for (k = RKIND_EVENTS; k < RKIND__MAX; k++) {
		ck_assert_int_eq(rkind_parse(rkind_get((enum rkind)k)->key), k);
		ck_assert_str_ne(rkind_get((enum rkind)k)->about, "");
		/* a kind the form offers has rows to export, and back */
		ck_assert_int_eq(rkind_get((enum rkind)k)->available,
		    export_kind_ok((enum rkind)k));
	}
	ck_assert_int_eq(rkind_parse("Events"), RKIND_NONE);
	ck_assert_int_eq(rkind_parse("none"), RKIND_NONE);
	ck_assert_int_eq(rkind_parse(NULL), RKIND_NONE);
	ck_assert_int_eq(rkind_get(RKIND__MAX)->available, 0);
	ck_assert(rkind_get(RKIND_INVOICES)->available);
	ck_assert(rkind_get(RKIND_INVOICES)->filters & RF_RANGE);
	ck_assert(role_can(ROLE_ADMIN, rkind_get(RKIND_INVOICES)->cap));
	ck_assert(!role_can(ROLE_CREATOR, rkind_get(RKIND_INVOICES)->cap));
	ck_assert(!role_can(ROLE_MEMBER, rkind_get(RKIND_INVOICES)->cap));
	ck_assert(rkind_get(RKIND_EVENTS)->filters & RF_EVENTS);
	ck_assert(rkind_get(RKIND_CSV)->filters & RF_LABEL);
	ck_assert_int_eq(name_index(sched_names, SCHED__MAX, "weekly"), SCHED_WEEKLY);
	ck_assert_int_eq(name_index(sched_names, SCHED__MAX, "hourly"), -1);
	ck_assert_int_eq(name_index(weekday_names, 7, "sunday"), 0);
	ck_assert_int_eq(name_index(weekday_names, 7, "Monday"), -1);
	ck_assert_int_eq(name_index(range_names, RANGE__MAX, "custom"), RANGE_CUSTOM);
	ck_assert_int_eq(name_index(range_names, RANGE__MAX, NULL), -1);
	ck_assert(!role_can(ROLE_MEMBER, rkind_get(RKIND_MEMBERS)->cap));
	ck_assert(role_can(ROLE_MEMBER, rkind_get(RKIND_EVENTS)->cap));
	ck_assert(!role_can(ROLE_AGENT, rkind_get(RKIND_EVENTS)->cap));
	ck_assert(role_can(ROLE_CREATOR, CAP_LABELS_EDIT));
	ck_assert(!role_can(ROLE_MEMBER, CAP_LABELS_EDIT));
	ck_assert(role_can(ROLE_AGENT, CAP_DOWNLOADS));
	ck_assert(!role_can(ROLE_AGENT, CAP_REPORTS));
}
END_TEST

Suite *
report_suite(void)
{
	Suite	*s = suite_create("report");
	TCase	*t = tcase_create("report");

	tcase_set_timeout(t, 30);
	tcase_add_loop_test(t, test_manage_recipients, 0, N(rcpts));
	tcase_add_loop_test(t, test_manage_event_names, 0, N(enames));
	tcase_add_test(t, test_manage_tables);
	suite_add_tcase(s, t);
	return s;
}
