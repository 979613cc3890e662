/*
 * Unit tests of fcgi/active_cache.c: hits and misses by account,
 * generation, month and identity hash; a put at another generation
 * replaces the key's; a full set gives way to the least recently used
 * key; the table is bounded; clear empties it.
 */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "check.h"

#include "../../fcgi/limits.h"
#include "../../fcgi/active_cache.h"

/* The identity hash of text (as ingest.c makes it). */
static void
hash_of(unsigned char h[HASH_BYTES], const char *text)
{
	crypto_hash_sha256(h, (const unsigned char *)text, strlen(text));
}

START_TEST(test_ac_keys)
{
	unsigned char	 a[HASH_BYTES], b[HASH_BYTES];

	active_cache_clear();
	hash_of(a, "user-1");
	hash_of(b, "user-2");
	ck_assert(!active_cache_has(1, 0, 202612, a));
	active_cache_put(1, 0, 202612, a);
	ck_assert(active_cache_has(1, 0, 202612, a));
	/* another identity, account, month or generation: a miss */
	ck_assert(!active_cache_has(1, 0, 202612, b));
	ck_assert(!active_cache_has(2, 0, 202612, a));
	ck_assert(!active_cache_has(1, 0, 202701, a));
	ck_assert(!active_cache_has(1, 0, 202611, a));
	ck_assert(!active_cache_has(1, 1, 202612, a));
	/* a put at a newer generation: the older one misses now */
	active_cache_put(1, 1, 202612, a);
	ck_assert(active_cache_has(1, 1, 202612, a));
	ck_assert(!active_cache_has(1, 0, 202612, a));
	/* the same identity in another month is another key */
	active_cache_put(1, 1, 202701, a);
	ck_assert(active_cache_has(1, 1, 202701, a));
	ck_assert(active_cache_has(1, 1, 202612, a));
	active_cache_clear();
	ck_assert(!active_cache_has(1, 1, 202612, a));
}
END_TEST

START_TEST(test_ac_lru)
{
	unsigned char	 k[ACTIVE_CACHE_WAYS + 1][HASH_BYTES];
	size_t		 i;

	/* hashes alike in their first 8 bytes share a set (active_cache.c) */
	memset(k, 0, sizeof(k));
	for (i = 0; i <= ACTIVE_CACHE_WAYS; i++)
		k[i][HASH_BYTES - 1] = (unsigned char)(i + 1);
	active_cache_clear();
	for (i = 0; i < ACTIVE_CACHE_WAYS; i++)
		active_cache_put(3, 0, 202612, k[i]);
	for (i = 0; i < ACTIVE_CACHE_WAYS; i++)
		ck_assert(active_cache_has(3, 0, 202612, k[i]));
	/* k[0] looked up last of all but k[1..]: k[1] is the oldest now */
	ck_assert(active_cache_has(3, 0, 202612, k[0]));
	active_cache_put(3, 0, 202612, k[ACTIVE_CACHE_WAYS]);
	ck_assert(active_cache_has(3, 0, 202612, k[ACTIVE_CACHE_WAYS]));
	ck_assert(active_cache_has(3, 0, 202612, k[0]));
	ck_assert(!active_cache_has(3, 0, 202612, k[1]));
	for (i = 2; i < ACTIVE_CACHE_WAYS; i++)
		ck_assert(active_cache_has(3, 0, 202612, k[i]));
	/* putting a known key again takes no other slot */
	active_cache_put(3, 0, 202612, k[0]);
	for (i = 2; i <= ACTIVE_CACHE_WAYS; i++)
		ck_assert(active_cache_has(3, 0, 202612, k[i]));
	active_cache_clear();
}
END_TEST

START_TEST(test_ac_bound)
{
	unsigned char	 h[HASH_BYTES];
	char		 id[32];
	size_t		 i, hits = 0, n = 2 * ACTIVE_CACHE_SLOTS;

	active_cache_clear();
	for (i = 0; i < n; i++) {
		snprintf(id, sizeof(id), "id-%zu", i);
		hash_of(h, id);
		active_cache_put(4, 0, 202612, h);
	}
	for (i = 0; i < n; i++) {
		snprintf(id, sizeof(id), "id-%zu", i);
		hash_of(h, id);
		hits += active_cache_has(4, 0, 202612, h);
	}
	/* never more keys than slots; most slots in use */
	ck_assert_uint_le(hits, ACTIVE_CACHE_SLOTS);
	ck_assert_uint_ge(hits, ACTIVE_CACHE_SLOTS / 4 * 3);
	/* the last one put is there */
	ck_assert(active_cache_has(4, 0, 202612, h));
	active_cache_clear();
}
END_TEST

Suite *
active_cache_suite(void)
{
	Suite	*s = suite_create("active_cache");
	TCase	*t = tcase_create("active_cache");

	tcase_add_test(t, test_ac_keys);
	tcase_add_test(t, test_ac_lru);
	tcase_add_test(t, test_ac_bound);
	suite_add_tcase(s, t);
	return s;
}
