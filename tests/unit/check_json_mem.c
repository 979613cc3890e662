/*
 * Unit tests of fcgi/json_mem.c: jansson's values live in the arena of an
 * open scope, in malloc'd memory outside one or past JSON_ARENA_MAX, and
 * every free is right whatever was open (check_main.c installs the
 * allocator first, as the programs' start-up does; valgrind and ASan
 * check the frees).
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "check.h"

#include "../../fcgi/arena.h"
#include "../../fcgi/json_mem.h"
#include "../../fcgi/limits.h"

static const char batch[] =
    "{\"d\":[{\"identity\":\"u1\",\"evtName\":\"Sign up\",\"evtData\":{\"n\":1}}]}";

START_TEST(test_scope_uses_arena)
{
	struct arena	 a;
	json_t		*v;
	char		*dump;
	size_t		 used;

	arena_init(&a);
	ck_assert_uint_eq(json_mem_scope(&a), 0);
	v = json_loads(batch, JSON_REJECT_DUPLICATES, NULL);
	ck_assert_ptr_nonnull(v);
	ck_assert_uint_gt(a.used, 0);		/* the values are in the arena */
	used = a.used;
	dump = json_dumps(v, JSON_COMPACT);
	ck_assert_ptr_nonnull(dump);
	ck_assert_uint_gt(a.used, used);
	json_mem_free(dump);			/* nothing to do, no crash */
	json_decref(v);
	ck_assert_uint_eq(json_mem_scope(NULL), 0);	/* nothing malloc'd */
	ck_assert_int_eq(a.failed, 0);
	arena_free(&a);
}
END_TEST

START_TEST(test_outside_scope_uses_malloc)
{
	struct arena	 a;
	json_t		*v;
	char		*dump;

	arena_init(&a);
	ck_assert_uint_eq(json_mem_scope(&a), 0);
	ck_assert_uint_eq(json_mem_scope(NULL), 0);
	v = json_loads(batch, 0, NULL);		/* after the scope closed */
	ck_assert_ptr_nonnull(v);
	ck_assert_uint_eq(a.used, 0);
	dump = json_dumps(v, JSON_COMPACT);
	ck_assert_str_eq(dump, "{\"d\":[{\"identity\":\"u1\",\"evtName\":"
	    "\"Sign up\",\"evtData\":{\"n\":1}}]}");
	json_mem_free(dump);			/* freed (valgrind: no leak) */
	json_decref(v);
	arena_free(&a);
}
END_TEST

/* Past JSON_ARENA_MAX a scope's values come from malloc: the arena does
 * not fail the request, the scope says a json_decref is needed. */
START_TEST(test_scope_past_bound)
{
	struct arena	 a;
	json_t		*small, *big;
	char		*text;

	text = malloc(JSON_ARENA_MAX + 1);
	ck_assert_ptr_nonnull(text);
	memset(text, 'x', JSON_ARENA_MAX);
	arena_init(&a);
	ck_assert_uint_eq(json_mem_scope(&a), 0);
	small = json_string("in the arena");
	big = json_stringn(text, JSON_ARENA_MAX);
	ck_assert_ptr_nonnull(small);
	ck_assert_ptr_nonnull(big);
	ck_assert_uint_lt(a.used, JSON_ARENA_MAX);
	ck_assert_uint_ge(json_mem_scope(NULL), 1);
	ck_assert_int_eq(a.failed, 0);
	ck_assert_uint_eq(json_string_length(big), JSON_ARENA_MAX);
	json_decref(big);			/* frees the malloc'd blocks */
	json_decref(small);
	arena_free(&a);
	free(text);
}
END_TEST

Suite *
json_mem_suite(void)
{
	Suite	*s = suite_create("json_mem");
	TCase	*t = tcase_create("json_mem");

	tcase_set_timeout(t, 30);
	tcase_add_test(t, test_scope_uses_arena);
	tcase_add_test(t, test_outside_scope_uses_malloc);
	tcase_add_test(t, test_scope_past_bound);
	suite_add_tcase(s, t);
	return s;
}
