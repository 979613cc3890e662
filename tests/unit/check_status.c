/*
 * Unit tests of fcgi/status.c: status names and codes.
 */
#include "check.h"

#include "../../fcgi/status.h"

START_TEST(test_member_status)
{
	static const char *names[] = { "active", "locked", "invited", "expired" };
	int	 i;

	for (i = 0; i < 4; i++) {
		ck_assert_str_eq(member_status_name(i + 1), names[i]);
		ck_assert_int_eq(member_status_parse(names[i]), i + 1);
	}
	ck_assert_ptr_null(member_status_name(0));
	ck_assert_ptr_null(member_status_name(5));
	ck_assert_ptr_null(member_status_name(-1));
	ck_assert_int_eq(member_status_parse("Active"), 0);
	ck_assert_int_eq(member_status_parse(NULL), 0);
	ck_assert_int_eq(member_status_parse(""), 0);
}
END_TEST

Suite *
status_suite(void)
{
	Suite	*s = suite_create("status");
	TCase	*t = tcase_create("status");

	tcase_set_timeout(t, 30);
	tcase_add_test(t, test_member_status);
	suite_add_tcase(s, t);
	return s;
}
