/*
 * Unit tests of fcgi/name_cache.c: hits and misses by kind, owner and
 * name; generations (older ignored, newer empties); drops; accounts given
 * way to; the bound on names per account.
 */
#include <stdio.h>
#include <string.h>

#include "check.h"

#include "../../fcgi/limits.h"
#include "../../fcgi/name_cache.h"

/* An entry with id and props set. */
static struct nc_entry
ent(uint64_t id, uint64_t props)
{
	struct nc_entry	 e;

	memset(&e, 0, sizeof(e));
	e.id = id;
	e.props = props;
	e.complete = 1;
	return e;
}

START_TEST(test_nc_hits)
{
	struct nc_entry	 e = ent(7, 3), got;

	name_cache_clear();
	ck_assert(!name_cache_get(1, 0, NC_EVENT, 0, "Purchase", &got));
	ck_assert(name_cache_put(1, 0, NC_EVENT, 0, "Purchase", &e));
	ck_assert(name_cache_get(1, 0, NC_EVENT, 0, "Purchase", &got));
	ck_assert_uint_eq(got.id, 7);
	ck_assert_uint_eq(got.props, 3);
	ck_assert(got.complete);
	/* another kind, owner, name, account or generation: a miss */
	ck_assert(!name_cache_get(1, 0, NC_PROP, 0, "Purchase", &got));
	ck_assert(!name_cache_get(1, 0, NC_EVENT_PROP, 7, "Purchase", &got));
	ck_assert(!name_cache_get(1, 0, NC_EVENT, 0, "purchase", &got));
	ck_assert(!name_cache_get(2, 0, NC_EVENT, 0, "Purchase", &got));
	ck_assert(!name_cache_get(1, 1, NC_EVENT, 0, "Purchase", &got));
	/* event properties are told apart by their event */
	e = ent(0, 0);
	ck_assert(name_cache_put(1, 0, NC_EVENT_PROP, 7, "amount", &e));
	ck_assert(name_cache_get(1, 0, NC_EVENT_PROP, 7, "amount", &got));
	ck_assert(!name_cache_get(1, 0, NC_EVENT_PROP, 8, "amount", &got));
	/* a put replaces */
	e = ent(7, 4);
	ck_assert(name_cache_put(1, 0, NC_EVENT, 0, "Purchase", &e));
	ck_assert(name_cache_get(1, 0, NC_EVENT, 0, "Purchase", &got));
	ck_assert_uint_eq(got.props, 4);
	name_cache_clear();
}
END_TEST

START_TEST(test_nc_generations)
{
	struct nc_entry	 e = ent(7, 0), got;

	name_cache_clear();
	ck_assert(name_cache_put(1, 5, NC_EVENT, 0, "A", &e));
	ck_assert(name_cache_put(1, 5, NC_PROP, 0, "B", &e));
	/* an older batch's knowledge is ignored */
	ck_assert(!name_cache_put(1, 4, NC_EVENT, 0, "C", &e));
	ck_assert(!name_cache_get(1, 4, NC_EVENT, 0, "A", &got));
	ck_assert(name_cache_get(1, 5, NC_PROP, 0, "B", &got));
	/* a newer generation empties the account first */
	ck_assert(name_cache_put(1, 6, NC_EVENT, 0, "C", &e));
	ck_assert(!name_cache_get(1, 6, NC_EVENT, 0, "A", &got));
	ck_assert(!name_cache_get(1, 6, NC_PROP, 0, "B", &got));
	ck_assert(!name_cache_get(1, 5, NC_PROP, 0, "B", &got));
	ck_assert(name_cache_get(1, 6, NC_EVENT, 0, "C", &got));
	name_cache_clear();
}
END_TEST

START_TEST(test_nc_drop)
{
	struct nc_entry	 e = ent(9, 0), got;

	name_cache_clear();
	ck_assert(name_cache_put(3, 0, NC_EVENT, 0, "A", &e));
	ck_assert(name_cache_put(3, 0, NC_EVENT, 0, "B", &e));
	name_cache_drop(3, NC_EVENT, 0, "A");
	name_cache_drop(3, NC_EVENT, 0, "never there");
	ck_assert(!name_cache_get(3, 0, NC_EVENT, 0, "A", &got));
	ck_assert(name_cache_get(3, 0, NC_EVENT, 0, "B", &got));
	ck_assert(name_cache_put(3, 0, NC_EVENT, 0, "A", &e));
	ck_assert(name_cache_get(3, 0, NC_EVENT, 0, "A", &got));
	name_cache_clear();
}
END_TEST

START_TEST(test_nc_accounts)
{
	struct nc_entry	 e = ent(1, 0), got;
	uint64_t	 a;

	name_cache_clear();
	for (a = 1; a <= NAME_CACHE_ACCOUNTS; a++)
		ck_assert(name_cache_put(a, 0, NC_EVENT, 0, "A", &e));
	/* account 1 used last: account 2 is the least recently used */
	ck_assert(name_cache_get(1, 0, NC_EVENT, 0, "A", &got));
	ck_assert(name_cache_put(NAME_CACHE_ACCOUNTS + 1, 0, NC_EVENT, 0, "A", &e));
	ck_assert(name_cache_get(1, 0, NC_EVENT, 0, "A", &got));
	ck_assert(!name_cache_get(2, 0, NC_EVENT, 0, "A", &got));
	ck_assert(name_cache_get(3, 0, NC_EVENT, 0, "A", &got));
	ck_assert(name_cache_get(NAME_CACHE_ACCOUNTS + 1, 0, NC_EVENT, 0, "A", &got));
	name_cache_clear();
}
END_TEST

START_TEST(test_nc_bounds)
{
	struct nc_entry	 e = ent(1, 0), got;
	char		 name[32];
	size_t		 i, stored = 0;

	name_cache_clear();
	for (i = 0; i < NAME_CACHE_SLOTS; i++) {
		snprintf(name, sizeof(name), "p%zu", i);
		stored += (size_t)name_cache_put(4, 0, NC_EVENT_PROP, 1, name, &e);
	}
	/* three quarters of the slots, then puts are refused */
	ck_assert_uint_eq(stored, NAME_CACHE_SLOTS / 4 * 3);
	ck_assert(name_cache_get(4, 0, NC_EVENT_PROP, 1, "p0", &got));
	snprintf(name, sizeof(name), "p%d", NAME_CACHE_SLOTS - 1);
	ck_assert(!name_cache_get(4, 0, NC_EVENT_PROP, 1, name, &got));
	/* a known key is still replaced */
	ck_assert(name_cache_put(4, 0, NC_EVENT_PROP, 1, "p0", &e));
	name_cache_clear();
}
END_TEST

Suite *
name_cache_suite(void)
{
	Suite	*s = suite_create("name_cache");
	TCase	*t = tcase_create("name_cache");

	tcase_add_test(t, test_nc_hits);
	tcase_add_test(t, test_nc_generations);
	tcase_add_test(t, test_nc_drop);
	tcase_add_test(t, test_nc_accounts);
	tcase_add_test(t, test_nc_bounds);
	suite_add_tcase(s, t);
	return s;
}
