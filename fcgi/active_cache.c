/*
 * The process-wide cache of active identities (active_cache.h): a
 * set-associative table of ACTIVE_CACHE_SLOTS keys (account, schema
 * generation, month, identity hash), ACTIVE_CACHE_WAYS to a set, the
 * least recently used key of a full set giving way — bounded memory
 * (allocated by the first put) whatever the number of identities.
 *
 * Only a positive cache: a key is put after the batch that recorded the
 * identity committed, so its row exists.  A miss costs the row's INSERT
 * IGNORE, as without the cache.  Rows stop existing only when something
 * deletes them; whatever does (today only an account's deletion, whose
 * id is never used again) must bump data_counter.schema_gen in its
 * transaction, as a discard does for the name cache: every batch of
 * every process and host reads the generation in its transaction, and a
 * key of another generation misses.  A new month is another key.
 * One mutex: every call is short and none allocates but the first put.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "active_cache.h"

struct ac_slot {
	uint64_t	 used;		/* LRU clock; 0: empty */
	uint64_t	 account, gen;
	unsigned	 month;
	unsigned char	 h[HASH_BYTES];
};

#define AC_SETS	(ACTIVE_CACHE_SLOTS / ACTIVE_CACHE_WAYS)

static struct ac_slot	*slots;		/* NULL until the first put */
static uint64_t		 clock_;
static pthread_mutex_t	 mu = PTHREAD_MUTEX_INITIALIZER;

/* The first slot of the set of account's identity h (of every month:
 * the key of a month gone by gives way first): the identity hash is
 * SHA-256, its first bytes are spread already. */
static struct ac_slot *
ac_set(uint64_t account, const unsigned char h[HASH_BYTES])
{
	uint64_t	 x;

	memcpy(&x, h, sizeof(x));
	x ^= account * 0x9e3779b97f4a7c15ULL;
	x ^= x >> 29;
	return &slots[(x & (AC_SETS - 1)) * ACTIVE_CACHE_WAYS];
}

/* 1 when slot s holds the key (account, month, h), whatever its generation. */
static int
ac_is(const struct ac_slot *s, uint64_t account, unsigned month,
    const unsigned char h[HASH_BYTES])
{
	return s->used != 0 && s->account == account && s->month == month &&
	    memcmp(s->h, h, HASH_BYTES) == 0;
}

/*
 * 1 when identity hash h is known recorded active in month (year * 100 +
 * month of the year) for account at schema generation gen; 0 otherwise.
 */
int
active_cache_has(uint64_t account, uint64_t gen, unsigned month,
    const unsigned char h[HASH_BYTES])
{
	struct ac_slot	*set;
	size_t		 i;
	int		 hit = 0;

	pthread_mutex_lock(&mu);
	if (slots != NULL) {
		set = ac_set(account, h);
		for (i = 0; i < ACTIVE_CACHE_WAYS && !hit; i++)
			if (ac_is(&set[i], account, month, h) &&
			    set[i].gen == gen) {
				set[i].used = ++clock_;
				hit = 1;
			}
	}
	pthread_mutex_unlock(&mu);
	return hit;
}

/*
 * Notes h as recorded active in month for account, by a committed
 * transaction that read generation gen (the key's generation becomes
 * gen).  Nothing is noted when memory is exhausted.  Never fails.
 */
void
active_cache_put(uint64_t account, uint64_t gen, unsigned month,
    const unsigned char h[HASH_BYTES])
{
	struct ac_slot	*set, *s = NULL;
	size_t		 i;

	pthread_mutex_lock(&mu);
	if (slots == NULL &&
	    (slots = calloc(ACTIVE_CACHE_SLOTS, sizeof(*slots))) == NULL)
		goto out;
	set = ac_set(account, h);
	for (i = 0; i < ACTIVE_CACHE_WAYS && s == NULL; i++)
		if (ac_is(&set[i], account, month, h))
			s = &set[i];
	for (i = 0; i < ACTIVE_CACHE_WAYS && s == NULL; i++)
		if (set[i].used == 0)
			s = &set[i];
	if (s == NULL) {	/* the set is full: the least recently used */
		s = &set[0];
		for (i = 1; i < ACTIVE_CACHE_WAYS; i++)
			if (set[i].used < s->used)
				s = &set[i];
	}
	s->account = account;
	s->gen = gen;
	s->month = month;
	memcpy(s->h, h, HASH_BYTES);
	s->used = ++clock_;
out:
	pthread_mutex_unlock(&mu);
}

/* Frees the table (shutdown, tests). */
void
active_cache_clear(void)
{
	pthread_mutex_lock(&mu);
	free(slots);
	slots = NULL;
	clock_ = 0;
	pthread_mutex_unlock(&mu);
}
