/*
 * Unit tests of fcgi/mem.c: a request that grew past MEM_TRIM_AFTER is
 * followed by a trim, a smaller one is not.
 */
#include <stdlib.h>

#include "check.h"

#include "../../fcgi/limits.h"
#include "../../fcgi/mem.h"

START_TEST(test_mem_trim_after)
{
	void	*p;

	ck_assert_int_eq(mem_after_request(0), 0);
	ck_assert_int_eq(mem_after_request(MEM_TRIM_AFTER - 1), 0);
	/* Freed memory to give back, then the trim itself. */
	p = malloc(4 * MEM_TRIM_AFTER);
	ck_assert_ptr_nonnull(p);
	free(p);
	ck_assert_int_eq(mem_after_request(MEM_TRIM_AFTER), 1);
	ck_assert_int_eq(mem_after_request(8 * MEM_TRIM_AFTER), 1);
}
END_TEST

Suite *
mem_suite(void)
{
	Suite	*s = suite_create("mem");
	TCase	*t = tcase_create("mem");

	tcase_add_test(t, test_mem_trim_after);
	suite_add_tcase(s, t);
	return s;
}
