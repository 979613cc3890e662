/*
 * Unit tests of fcgi/arena.c: allocation, printf, the size limit,
 * cleanups.
 */
#include "check.h"

#include "../../fcgi/arena.h"
#include "../../fcgi/limits.h"

static int cleaned;

static void
count_cleanup(void *p)
{
	cleaned += *(int *)p;
}

START_TEST(test_arena)
{
	struct arena	 a;
	char		*p;
	int		 one = 1;
	size_t		 i;

	arena_init(&a);
	p = arena_printf(&a, "%s-%d", "x", 42);
	ck_assert_str_eq(p, "x-42");
	ck_assert_str_eq(arena_strndup(&a, "abcdef", 3), "abc");
	for (i = 0; i < 100; i++)
		ck_assert_ptr_nonnull(arena_alloc(&a, 1000));
	ck_assert_ptr_nonnull(arena_alloc(&a, ARENA_BLOCK * 3));
	ck_assert_ptr_null(arena_alloc(&a, ARENA_MAX));
	ck_assert(a.failed);
	cleaned = 0;
	arena_cleanup(&a, count_cleanup, &one);
	arena_cleanup(&a, count_cleanup, &one);
	arena_reset(&a);
	ck_assert_int_eq(cleaned, 2);
	ck_assert_ptr_null(a.head);
	ck_assert(!a.failed);
}
END_TEST

Suite *
arena_suite(void)
{
	Suite	*s = suite_create("arena");
	TCase	*t = tcase_create("arena");

	tcase_set_timeout(t, 30);
	tcase_add_test(t, test_arena);
	suite_add_tcase(s, t);
	return s;
}
