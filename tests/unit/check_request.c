/*
 * Unit tests of fcgi/request.c: the Content-Disposition of downloads.
 */
#include <string.h>

#include "check.h"

#include "../../fcgi/arena.h"
#include "../../fcgi/request.h"

static const struct {
	const char	*name, *out;
} disps[] = {
	{ "Weekly events 2026-11-28.csv", "attachment; filename=\"Weekly_events_2026-11-28.csv\"; "
	    "filename*=UTF-8''Weekly%20events%202026-11-28.csv" },
	{ "a\"b\r\nc.csv", "attachment; filename=\"a_b__c.csv\"; filename*=UTF-8''a%22b%0D%0Ac.csv" },
	{ "Zo\xc3\xab.csv", "attachment; filename=\"Zo_.csv\"; filename*=UTF-8''Zo%C3%AB.csv" },
	{ "\xe5\xbc\xa0", "attachment; filename=\"download\"; filename*=UTF-8''%E5%BC%A0" },
	{ "../../etc/passwd", "attachment; filename=\".._.._etc_passwd\"; filename*=UTF-8''..%2F..%2Fetc%2Fpasswd" },
};

START_TEST(test_manage_disposition)
{
	struct arena	 a;
	const char	*d;

	arena_init(&a);
	d = content_disposition(&a, disps[_i].name);
	ck_assert_str_eq(d, disps[_i].out);
	ck_assert_ptr_null(strpbrk(d, "\r\n"));
	arena_reset(&a);
}
END_TEST

Suite *
request_suite(void)
{
	Suite	*s = suite_create("request");
	TCase	*t = tcase_create("request");

	tcase_set_timeout(t, 30);
	tcase_add_loop_test(t, test_manage_disposition, 0, N(disps));
	suite_add_tcase(s, t);
	return s;
}
