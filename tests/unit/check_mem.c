/*
 * Unit tests of fcgi/mem.c: a request that grew past MEM_TRIM_AFTER is
 * followed by a trim, a smaller one is not; the GLIBC_TUNABLES a worker
 * is executed with.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* GLIBC_TUNABLES after mem_worker_env() with old set (NULL: unset). */
static const char *
worker_env(const char *old)
{
	if (old == NULL)
		unsetenv("GLIBC_TUNABLES");
	else
		setenv("GLIBC_TUNABLES", old, 1);
	ck_assert_int_eq(mem_worker_env(), 0);
	return getenv("GLIBC_TUNABLES");
}

START_TEST(test_mem_worker_env)
{
	char	 want[128], *saved = getenv("GLIBC_TUNABLES"), *keep, *big;

	keep = saved != NULL ? strdup(saved) : NULL;
	snprintf(want, sizeof(want), "glibc.malloc.tcache_count=%d",
	    MEM_TCACHE_COUNT);
	ck_assert_str_eq(worker_env(NULL), want);
	ck_assert_str_eq(worker_env(""), want);
	snprintf(want, sizeof(want), "glibc.malloc.mxfast=0:"
	    "glibc.malloc.tcache_count=%d", MEM_TCACHE_COUNT);
	ck_assert_str_eq(worker_env("glibc.malloc.mxfast=0"), want);
	/* the operator's own count wins */
	ck_assert_str_eq(worker_env("glibc.malloc.tcache_count=16"),
	    "glibc.malloc.tcache_count=16");
	/* too long: refused, left as it was */
	big = malloc(MEM_TUNABLES_MAX);
	ck_assert_ptr_nonnull(big);
	memset(big, 'x', MEM_TUNABLES_MAX - 1);
	big[MEM_TUNABLES_MAX - 1] = '\0';
	setenv("GLIBC_TUNABLES", big, 1);
	ck_assert_int_eq(mem_worker_env(), -1);
	ck_assert_str_eq(getenv("GLIBC_TUNABLES"), big);
	free(big);
	if (keep != NULL)
		setenv("GLIBC_TUNABLES", keep, 1);
	else
		unsetenv("GLIBC_TUNABLES");
	free(keep);
}
END_TEST

Suite *
mem_suite(void)
{
	Suite	*s = suite_create("mem");
	TCase	*t = tcase_create("mem");

	tcase_add_test(t, test_mem_trim_after);
	tcase_add_test(t, test_mem_worker_env);
	suite_add_tcase(s, t);
	return s;
}
