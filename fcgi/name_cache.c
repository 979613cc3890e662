/*
 * The process-wide name cache of the ingestion (ingest.c): per account
 * an open-addressing table of NAME_CACHE_SLOTS keys (kind, owner id,
 * name) with their entries, tagged with the schema generation it was
 * read at.  A look-up at another generation misses; a newer generation
 * empties the account's table first, so a discard, restore or type
 * change (schema.c bumps the generation) is seen by the next batch of
 * every process.  At most NAME_CACHE_ACCOUNTS accounts (the least
 * recently used one gives way) and NAME_CACHE_BYTES of names each; a
 * full table stops taking names, which then cost a statement again.
 * One mutex: every call is short and allocates only on a put.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "name_cache.h"
#include "limits.h"

struct nc_slot {
	char		*name;		/* NULL: empty */
	int		 dead;		/* dropped: a miss until put again */
	uint64_t	 of;
	enum nc_kind	 kind;
	struct nc_entry	 e;
};

struct nc_account {
	uint64_t	 account, gen, used;	/* used: LRU clock */
	struct nc_slot	*slots;			/* NULL: not in use */
	size_t		 n, bytes;
};

static struct nc_account	 accts[NAME_CACHE_ACCOUNTS];
static uint64_t			 clock_;
static pthread_mutex_t		 mu = PTHREAD_MUTEX_INITIALIZER;

/* FNV-1a of the key (kind, of, name). */
static uint64_t
nc_hash(enum nc_kind kind, uint64_t of, const char *name)
{
	uint64_t	 h = 14695981039346656037ULL;
	size_t		 i;

	h = (h ^ (uint64_t)kind) * 1099511628211ULL;
	for (i = 0; i < 8; i++)
		h = (h ^ ((of >> (8 * i)) & 0xff)) * 1099511628211ULL;
	for (; *name; name++)
		h = (h ^ (unsigned char)*name) * 1099511628211ULL;
	return h;
}

/* Empties the table of ac (it stays allocated). */
static void
nc_empty(struct nc_account *ac)
{
	size_t	 i;

	if (ac->slots == NULL)
		return;
	for (i = 0; i < NAME_CACHE_SLOTS; i++) {
		free(ac->slots[i].name);
		ac->slots[i].name = NULL;
	}
	ac->n = ac->bytes = 0;
}

/*
 * The table of account, made (or taken from the least recently used
 * account) when create is set; NULL when there is none or on exhaustion.
 */
static struct nc_account *
nc_account(uint64_t account, int create)
{
	struct nc_account	*ac, *lru = &accts[0];
	size_t			 i;

	for (i = 0; i < NAME_CACHE_ACCOUNTS; i++) {
		ac = &accts[i];
		if (ac->slots != NULL && ac->account == account) {
			ac->used = ++clock_;
			return ac;
		}
		if (ac->used < lru->used)
			lru = ac;
	}
	if (!create)
		return NULL;
	if (lru->slots == NULL &&
	    (lru->slots = calloc(NAME_CACHE_SLOTS, sizeof(*lru->slots))) == NULL)
		return NULL;
	nc_empty(lru);
	lru->account = account;
	lru->gen = 0;
	lru->used = ++clock_;
	return lru;
}

/* The slot of the key in ac: its own, or the empty one where it would go;
 * NULL when the table is full and the key absent. */
static struct nc_slot *
nc_slot(struct nc_account *ac, enum nc_kind kind, uint64_t of,
    const char *name)
{
	struct nc_slot	*s;
	size_t		 i, k = nc_hash(kind, of, name) & (NAME_CACHE_SLOTS - 1);

	for (i = 0; i < NAME_CACHE_SLOTS; i++) {
		s = &ac->slots[(k + i) & (NAME_CACHE_SLOTS - 1)];
		if (s->name == NULL || (s->kind == kind && s->of == of &&
		    strcmp(s->name, name) == 0))
			return s;
	}
	return NULL;
}

/*
 * Looks up name of kind (of: the event of an NC_EVENT_PROP, else 0) in
 * account's cache at schema generation gen.  1 and *e filled on a hit,
 * 0 on a miss (also when the cache is of another generation).
 */
int
name_cache_get(uint64_t account, uint64_t gen, enum nc_kind kind,
    uint64_t of, const char *name, struct nc_entry *e)
{
	struct nc_account	*ac;
	struct nc_slot		*s;
	int			 hit = 0;

	pthread_mutex_lock(&mu);
	if ((ac = nc_account(account, 0)) != NULL && ac->gen == gen &&
	    (s = nc_slot(ac, kind, of, name)) != NULL && s->name != NULL &&
	    !s->dead) {
		*e = s->e;
		hit = 1;
	}
	pthread_mutex_unlock(&mu);
	return hit;
}

/*
 * Stores (or replaces) name's entry, read at generation gen; a newer gen
 * empties the account's table first.  1 when stored, 0 when the cache
 * already holds a newer generation, is full, or memory is exhausted.
 */
int
name_cache_put(uint64_t account, uint64_t gen, enum nc_kind kind,
    uint64_t of, const char *name, const struct nc_entry *e)
{
	struct nc_account	*ac;
	struct nc_slot		*s;
	size_t			 len = strlen(name) + 1;
	int			 stored = 0;

	pthread_mutex_lock(&mu);
	if ((ac = nc_account(account, 1)) == NULL || gen < ac->gen)
		goto out;
	if (gen > ac->gen) {
		nc_empty(ac);
		ac->gen = gen;
	}
	if ((s = nc_slot(ac, kind, of, name)) == NULL)
		goto out;
	if (s->name == NULL) {
		/* keep a quarter of the slots empty: probes stay short */
		if (ac->n >= NAME_CACHE_SLOTS / 4 * 3 ||
		    ac->bytes + len > NAME_CACHE_BYTES ||
		    (s->name = malloc(len)) == NULL)
			goto out;
		memcpy(s->name, name, len);
		s->kind = kind;
		s->of = of;
		ac->n++;
		ac->bytes += len;
	}
	s->e = *e;
	s->dead = 0;
	stored = 1;
out:
	pthread_mutex_unlock(&mu);
	return stored;
}

/*
 * Forgets name's entry in account's cache (whatever its generation): the
 * next batch reads it from the database.  The slot stays taken (linear
 * probing forbids holes), marked dead until put again.  Never fails.
 */
void
name_cache_drop(uint64_t account, enum nc_kind kind,
    uint64_t of, const char *name)
{
	struct nc_account	*ac;
	struct nc_slot		*s;

	pthread_mutex_lock(&mu);
	if ((ac = nc_account(account, 0)) != NULL &&
	    (s = nc_slot(ac, kind, of, name)) != NULL && s->name != NULL)
		s->dead = 1;
	pthread_mutex_unlock(&mu);
}

/* Frees every account's table (shutdown, tests). */
void
name_cache_clear(void)
{
	size_t	 i;

	pthread_mutex_lock(&mu);
	for (i = 0; i < NAME_CACHE_ACCOUNTS; i++) {
		nc_empty(&accts[i]);
		free(accts[i].slots);
		memset(&accts[i], 0, sizeof(accts[i]));
	}
	clock_ = 0;
	pthread_mutex_unlock(&mu);
}
