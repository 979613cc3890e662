/*
 * Unit tests of fcgi/arena.c: allocation, printf, the size limit,
 * cleanups, and what a reset keeps (spare blocks up to arena_keep(), never
 * a block bigger than ARENA_BLOCK).
 */
#include <stdio.h>
#include <string.h>

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

/* A plain arena (arena_init only) keeps no block across a reset. */
START_TEST(test_arena_keeps_nothing_by_default)
{
	struct arena	 a;
	size_t		 i;

	arena_init(&a);
	for (i = 0; i < 10; i++)
		ck_assert_ptr_nonnull(arena_alloc(&a, ARENA_BLOCK / 2));
	arena_reset(&a);
	ck_assert_ptr_null(a.spare);
	ck_assert_uint_eq(a.spare_bytes, 0);
}
END_TEST

/* arena_keep(): a reset keeps standard blocks up to the bound, the next
 * request takes them before malloc; a lower bound or arena_free() frees. */
START_TEST(test_arena_keep_bound)
{
	struct arena	 a;
	size_t		 i, n = ARENA_KEEP / ARENA_BLOCK;

	arena_init(&a);
	arena_keep(&a, ARENA_KEEP);
	/* A request of 3 × the bound: only the bound is kept. */
	for (i = 0; i < 3 * n; i++)
		ck_assert_ptr_nonnull(arena_alloc(&a, ARENA_BLOCK));
	ck_assert_uint_ge(a.grown, 3 * ARENA_KEEP);
	arena_reset(&a);
	ck_assert_uint_eq(a.spare_bytes, n * ARENA_BLOCK);
	ck_assert_uint_le(a.spare_bytes, ARENA_KEEP);
	ck_assert_uint_eq(a.used, 0);
	ck_assert_uint_eq(a.grown, 0);
	ck_assert_ptr_null(a.head);
	/* The next request of that size mallocs nothing. */
	for (i = 0; i < n; i++)
		ck_assert_ptr_nonnull(arena_alloc(&a, ARENA_BLOCK));
	ck_assert_uint_eq(a.grown, 0);
	ck_assert_uint_eq(a.spare_bytes, 0);
	arena_reset(&a);
	ck_assert_uint_eq(a.spare_bytes, n * ARENA_BLOCK);
	/* A lower bound frees the spares above it at once. */
	arena_keep(&a, ARENA_BLOCK);
	ck_assert_uint_eq(a.spare_bytes, ARENA_BLOCK);
	arena_free(&a);
	ck_assert_ptr_null(a.spare);
	ck_assert_uint_eq(a.spare_bytes, 0);
	ck_assert_uint_eq(a.keep, 0);
}
END_TEST

/* A block bigger than ARENA_BLOCK never outlives its request. */
START_TEST(test_arena_big_blocks_go_back)
{
	struct arena	 a;
	char		*small, *big, *after;

	arena_init(&a);
	arena_keep(&a, ARENA_KEEP);
	small = arena_alloc(&a, 64);
	/* A 1 MiB body: a block of its own, behind the one being filled. */
	big = arena_alloc(&a, 1024 * 1024);
	ck_assert_ptr_nonnull(big);
	memset(big, 'x', 1024 * 1024);
	after = arena_alloc(&a, 64);
	ck_assert_ptr_eq(after, small + 64);
	ck_assert_uint_ge(a.grown, 1024 * 1024 + ARENA_BLOCK);
	arena_reset(&a);
	/* Only the standard block is kept; the big one was freed. */
	ck_assert_uint_eq(a.spare_bytes, ARENA_BLOCK);
	ck_assert_ptr_nonnull(a.spare);
	arena_free(&a);
}
END_TEST

/* Contents stay intact across blocks taken from the spares. */
START_TEST(test_arena_spare_reuse_content)
{
	struct arena	 a;
	char		*p[40];
	size_t		 i, round;

	arena_init(&a);
	arena_keep(&a, ARENA_KEEP);
	for (round = 0; round < 3; round++) {
		for (i = 0; i < 40; i++) {
			p[i] = arena_printf(&a, "%zu-%zu-%0*d", round, i, 4000, 7);
			ck_assert_ptr_nonnull(p[i]);
		}
		for (i = 0; i < 40; i++) {
			char	 want[32];

			snprintf(want, sizeof(want), "%zu-%zu-", round, i);
			ck_assert(strncmp(p[i], want, strlen(want)) == 0);
			ck_assert_uint_eq(strlen(p[i]), strlen(want) + 4000);
		}
		arena_reset(&a);
		ck_assert_uint_le(a.spare_bytes, ARENA_KEEP);
	}
	arena_free(&a);
}
END_TEST

Suite *
arena_suite(void)
{
	Suite	*s = suite_create("arena");
	TCase	*t = tcase_create("arena");

	tcase_set_timeout(t, 30);
	tcase_add_test(t, test_arena);
	tcase_add_test(t, test_arena_keeps_nothing_by_default);
	tcase_add_test(t, test_arena_keep_bound);
	tcase_add_test(t, test_arena_big_blocks_go_back);
	tcase_add_test(t, test_arena_spare_reuse_content);
	suite_add_tcase(s, t);
	return s;
}
