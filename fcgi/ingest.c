/*
 * The ingestion engine shared by the API (/api/1/upload) and CSV imports:
 * records of one transaction go through ingest_event() / ingest_profile(),
 * which create event names and profile properties within the account's
 * limits (counters, never COUNT(*)), drop what is discarded, and store the
 * record; ingest_finish() then writes the per-batch aggregates — event
 * totals, monthly counts, property counts, data points per day and the
 * month's active identities — one statement each, and commits.  The
 * rules of names and values are datatype.c's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>
#include <sodium.h>

#include "ingest.h"
#include "arena.h"
#include "datatype.h"
#include "db.h"
#include "limits.h"
#include "rc.h"
#include "roles.h"

/* A name of the schema as this batch knows it. */
struct name {
	char		*name;
	uint64_t	 id;
	int		 discarded;
	enum ptype	 type;
	uint64_t	 props;		/* event: property names known */
	uint64_t	 accepted, dropped, added;	/* this transaction */
	char		**pn;		/* event: property names seen here */
	size_t		 npn, cappn;
};

struct names {
	struct name	*v;
	size_t		 n, cap;
};

struct ingest {
	struct db	*db;
	struct arena	*a;		/* what lives as long as the ingest */
	struct arena	 tmp;		/* statements of one record, reset each */
	uint64_t	 account;
	struct names	 events, props;
	unsigned char	*ids;		/* identity hashes of this transaction */
	size_t		 nids, capids;
	uint64_t	 points, new_profiles;
};

/* Frees the scratch arena of an ingest (a cleanup of its arena). */
static void
ingest_free_tmp(void *p)
{
	arena_reset(p);
}

/*
 * A new engine for account, allocated in a (which must outlive it: the
 * name caches live there); NULL on exhaustion.
 */
struct ingest *
ingest_new(struct db *db, struct arena *a, uint64_t account)
{
	struct ingest	*ig;

	if ((ig = arena_alloc(a, sizeof(*ig))) == NULL)
		return NULL;
	memset(ig, 0, sizeof(*ig));
	arena_init(&ig->tmp);
	if (arena_cleanup(a, ingest_free_tmp, &ig->tmp) == -1)
		return NULL;
	ig->db = db;
	ig->a = a;
	ig->account = account;
	return ig;
}

/* The cached entry for name, or NULL. */
static struct name *
names_find(struct names *ns, const char *name)
{
	size_t	 i;

	for (i = 0; i < ns->n; i++)
		if (strcmp(ns->v[i].name, name) == 0)
			return &ns->v[i];
	return NULL;
}

/*
 * Room for one more of the n elements of size at v in arena a: v itself
 * while *cap is not reached, else a copy in an array of twice the
 * capacity (first when *cap is 0).  NULL on exhaustion (v unchanged).
 */
static void *
grow(struct arena *a, void *v, size_t n, size_t *cap, size_t size,
    size_t first)
{
	void	*nv;
	size_t	 ncap;

	if (n < *cap)
		return v;
	ncap = *cap ? *cap * 2 : first;
	if ((nv = arena_alloc(a, ncap * size)) == NULL)
		return NULL;
	if (n)
		memcpy(nv, v, n * size);
	*cap = ncap;
	return nv;
}

/* Adds an entry for name; NULL on exhaustion. */
static struct name *
names_add(struct ingest *ig, struct names *ns, const char *name)
{
	struct name	*nv;

	if ((nv = grow(ig->a, ns->v, ns->n, &ns->cap, sizeof(*nv), 64)) == NULL)
		return NULL;
	ns->v = nv;
	nv = &ns->v[ns->n];
	memset(nv, 0, sizeof(*nv));
	if ((nv->name = arena_strdup(ig->a, name)) == NULL)
		return NULL;
	ns->n++;
	return nv;
}

/* Clears the counts of this transaction (the ids stay valid). */
static void
ingest_reset_counts(struct ingest *ig)
{
	size_t	 i;

	for (i = 0; i < ig->events.n; i++)
		ig->events.v[i].accepted = ig->events.v[i].dropped =
		    ig->events.v[i].added = 0;
	for (i = 0; i < ig->props.n; i++)
		ig->props.v[i].accepted = ig->props.v[i].dropped =
		    ig->props.v[i].added = 0;
	ig->nids = 0;
	ig->points = ig->new_profiles = 0;
}

/* Starts a transaction and makes sure the account has its counters.
 * RC_OK, or the rc of what failed (nothing is left open then). */
int
ingest_begin(struct ingest *ig)
{
	int	 rc;

	ingest_reset_counts(ig);
	arena_reset(&ig->tmp);
	if ((rc = db_begin(ig->db)) != RC_OK)
		return rc;
	rc = db_exec(ig->db, &ig->tmp, STMT_DATA_COUNTER_ENSURE, NULL, NULL, NULL,
	    "u", ig->account);
	if (rc != RC_OK)
		db_rollback(ig->db);
	return rc;
}

/* Rolls back; cached ids may name rows that no longer exist: forgotten. */
void
ingest_abort(struct ingest *ig)
{
	db_rollback(ig->db);
	ig->events.n = ig->props.n = 0;
	ingest_reset_counts(ig);
}

/* The SHA-256 of an identity, as profiles and the monthly actives keep it. */
static void
identity_hash(unsigned char h[HASH_BYTES], const char *identity)
{
	crypto_hash_sha256(h, (const unsigned char *)identity, strlen(identity));
}

/*
 * Records one identity of this transaction for the monthly actives.
 * RC_OK, or RC_ERROR on exhaustion.
 */
static int
ingest_identity(struct ingest *ig, const char *identity)
{
	unsigned char	*nv;

	if ((nv = grow(ig->a, ig->ids, ig->nids, &ig->capids, HASH_BYTES,
	    256)) == NULL)
		return RC_ERROR;
	ig->ids = nv;
	identity_hash(ig->ids + ig->nids * HASH_BYTES, identity);
	ig->nids++;
	return RC_OK;
}

/* The statements that find, reserve a slot for, create and un-reserve a
 * name of one kind. */
struct kind {
	enum stmt	 get, slot, slot_undo, create;
	long long	 max;
	const char	*full;
};

static const struct kind kind_event = {
	STMT_EVENT_DEF_GET, STMT_EVENT_SLOT, STMT_EVENT_SLOT_UNDO,
	STMT_EVENT_DEF_NEW, MAX_EVENT_NAMES,
	"the account already has 512 event names",
};

static const struct kind kind_prop = {
	STMT_PROP_GET, STMT_PROP_SLOT, STMT_PROP_SLOT_UNDO,
	STMT_PROP_NEW, MAX_PROFILE_PROPS,
	"the account already has 256 profile properties",
};

/* Columns of STMT_EVENT_DEF_GET and STMT_PROP_GET. */
enum {
	NG_ID,
	NG_DISCARDED,
	NG_EXTRA,	/* events: property names known; properties: the type */
};

/* Fills e from the row of a *_GET statement. */
static void
name_from_row(struct name *e, const struct dbres *res)
{
	e->id = db_u64(res, 0, NG_ID);
	e->discarded = db_u64(res, 0, NG_DISCARDED) != 0;
	e->type = (enum ptype)db_u64(res, 0, NG_EXTRA);
	e->props = db_u64(res, 0, NG_EXTRA);
}

/*
 * The schema entry of name: from the cache, the database, or created when
 * the account has room (type is the new property's, or is_system for an
 * event).  *full is set when there is no room.  NULL on a database error.
 */
static struct name *
ingest_name(struct ingest *ig, const struct kind *k, struct names *ns,
    const char *name, long long extra, int *full)
{
	struct name	*e;
	struct dbres	 res;
	uint64_t	 n = 0, id;
	int		 rc, tries;

	*full = 0;
	if ((e = names_find(ns, name)) != NULL)
		return e;
	for (tries = 0; tries < 2; tries++) {
		if (db_exec(ig->db, &ig->tmp, k->get, &res, NULL, NULL, "us",
		    ig->account, name) != RC_OK)
			return NULL;
		if (res.nrows == 1) {
			if ((e = names_add(ig, ns, name)) == NULL)
				return NULL;
			name_from_row(e, &res);
			return e;
		}
		if (db_exec(ig->db, &ig->tmp, k->slot, NULL, &n, NULL, "ui",
		    ig->account, k->max) != RC_OK)
			return NULL;
		if (n == 0) {
			*full = 1;
			return NULL;
		}
		rc = db_exec(ig->db, &ig->tmp, k->create, NULL, NULL, &id, "usi",
		    ig->account, name, extra);
		if (rc == RC_OK) {
			if ((e = names_add(ig, ns, name)) == NULL)
				return NULL;
			e->id = id;
			e->type = (enum ptype)extra;
			return e;
		}
		/* another batch created it meanwhile: give the slot back */
		if (rc != RC_DUP || db_exec(ig->db, &ig->tmp, k->slot_undo, NULL,
		    NULL, NULL, "u", ig->account) != RC_OK)
			return NULL;
	}
	return NULL;
}

/* 1 when this ingest already recorded property name key of event e. */
static int
event_prop_seen(const struct name *e, const char *key)
{
	size_t	 i;

	for (i = 0; i < e->npn; i++)
		if (strcmp(e->pn[i], key) == 0)
			return 1;
	return 0;
}

/* Remembers that property name key of event e is recorded.  RC_OK, or
 * RC_ERROR on exhaustion. */
static int
event_prop_remember(struct ingest *ig, struct name *e, const char *key)
{
	char	**nv;

	if ((nv = grow(ig->a, e->pn, e->npn, &e->cappn, sizeof(*nv), 16)) ==
	    NULL)
		return RC_ERROR;
	e->pn = nv;
	if ((e->pn[e->npn] = arena_strdup(ig->a, key)) == NULL)
		return RC_ERROR;
	e->npn++;
	return RC_OK;
}

/* Records the property names of an event's data not yet known for it.
 * RC_OK, or RC_ERROR (a database error or exhaustion). */
static int
ingest_event_props(struct ingest *ig, struct name *e, json_t *data)
{
	const char	*key;
	json_t		*v;
	uint64_t	 n;

	json_object_foreach(data, key, v) {
		if (e->props >= MAX_EVENT_PROPS || e->npn >= MAX_EVENT_PROPS)
			break;
		if (event_prop_seen(e, key))
			continue;
		if (db_exec(ig->db, &ig->tmp, STMT_EVENT_PROP_ADD, NULL, &n, NULL,
		    "uus", ig->account, e->id, key) != RC_OK ||
		    event_prop_remember(ig, e, key) != RC_OK)
			return RC_ERROR;
		e->props += n;
		e->added += n;
	}
	return RC_OK;
}

/*
 * One event of identity at ts (UTC DATETIME text) with its data (a JSON
 * object of checked values).  INGEST_DROPPED when the event is discarded,
 * INGEST_REFUSED with a reason when the account has no room for a new
 * name, INGEST_ERROR on a database error (the caller rolls back).
 */
enum ingest_rc
ingest_event(struct ingest *ig, const char *identity, const char *name,
    const char *ts, json_t *data, const char **reason)
{
	struct name	*e;
	unsigned char	 h[HASH_BYTES];
	char		*dump;
	int		 full, rc;

	arena_reset(&ig->tmp);
	e = ingest_name(ig, &kind_event, &ig->events, name,
	    event_is_system(name), &full);
	if (e == NULL) {
		if (!full)
			return INGEST_ERROR;
		*reason = kind_event.full;
		return INGEST_REFUSED;
	}
	if (e->discarded) {
		e->dropped++;
		return INGEST_DROPPED;
	}
	if ((dump = json_dumps(data, JSON_COMPACT)) == NULL)
		return INGEST_ERROR;
	if (strlen(dump) > MAX_EVENT_DATA) {
		free(dump);
		*reason = "the event's properties are larger than 16 KB";
		return INGEST_REFUSED;
	}
	identity_hash(h, identity);
	rc = db_exec(ig->db, &ig->tmp, STMT_EVENT_LOG_NEW, NULL, NULL, NULL,
	    "uubss", ig->account, e->id, h, sizeof(h), ts, dump);
	free(dump);
	if (rc != RC_OK || ingest_event_props(ig, e, data) != RC_OK ||
	    ingest_identity(ig, identity) != RC_OK)
		return INGEST_ERROR;
	e->accepted++;
	ig->points++;
	return INGEST_OK;
}

/*
 * One profile update: the profile of identity is created when new, and
 * each value stored, except values of discarded properties.  Dropped when
 * every property is discarded; refused when the account has no room for a
 * new property name.
 */
enum ingest_rc
ingest_profile(struct ingest *ig, const char *identity,
    const struct ival *vals, size_t n, const char **reason)
{
	struct name	**ents;
	unsigned char	 h[HASH_BYTES];
	uint64_t	 aff = 0, pid = 0;
	size_t		 i, kept = 0;
	int		 full;

	arena_reset(&ig->tmp);
	if ((ents = arena_alloc(&ig->tmp, (n + 1) * sizeof(*ents))) == NULL)
		return INGEST_ERROR;
	for (i = 0; i < n; i++) {
		ents[i] = ingest_name(ig, &kind_prop, &ig->props, vals[i].name,
		    vals[i].type, &full);
		if (ents[i] == NULL) {
			if (!full)
				return INGEST_ERROR;
			*reason = kind_prop.full;
			return INGEST_REFUSED;
		}
		kept += !ents[i]->discarded;
	}
	if (kept == 0) {
		for (i = 0; i < n; i++)
			ents[i]->dropped++;
		return INGEST_DROPPED;
	}
	identity_hash(h, identity);
	if (db_exec(ig->db, &ig->tmp, STMT_PROFILE_UPSERT, NULL, &aff, &pid, "ubs",
	    ig->account, h, sizeof(h), identity) != RC_OK || pid == 0)
		return INGEST_ERROR;
	ig->new_profiles += aff == 1;
	for (i = 0; i < n; i++) {
		if (ents[i]->discarded) {
			ents[i]->dropped++;
			continue;
		}
		if (db_exec(ig->db, &ig->tmp, STMT_PROFILE_VALUE_SET, NULL, &aff,
		    NULL, "uus", pid, ents[i]->id, vals[i].text) != RC_OK)
			return INGEST_ERROR;
		ents[i]->added += aff == 1;
		ents[i]->accepted++;
	}
	if (ingest_identity(ig, identity) != RC_OK)
		return INGEST_ERROR;
	ig->points++;
	return INGEST_OK;
}

/* Orders ids so that concurrent batches lock rows in the same order. */
static int
cmp_name_id(const void *a, const void *b)
{
	const struct name *x = a, *y = b;

	return x->id < y->id ? -1 : x->id > y->id;
}

/* Orders identity hashes (duplicates side by side). */
static int
cmp_hash(const void *a, const void *b)
{
	return memcmp(a, b, HASH_BYTES);
}

/* Sorts the n names at v by id (qsort(NULL, 0, …) is undefined). */
static void
names_sort(struct name *v, size_t n)
{
	if (n > 0)
		qsort(v, n, sizeof(*v), cmp_name_id);
}

/* Event totals, monthly counts and property counts of this transaction.
 * RC_OK, or the rc of the statement that failed. */
static int
ingest_flush_names(struct ingest *ig)
{
	struct name	*e;
	size_t		 i;
	int		 rc;

	arena_reset(&ig->tmp);
	names_sort(ig->events.v, ig->events.n);
	names_sort(ig->props.v, ig->props.n);
	for (i = 0; i < ig->events.n; i++) {
		e = &ig->events.v[i];
		if (e->accepted + e->dropped + e->added == 0)
			continue;
		if ((rc = db_exec(ig->db, &ig->tmp, STMT_EVENT_DEF_BUMP, NULL,
		    NULL, NULL, "iiiiuu", (long long)e->accepted,
		    (long long)e->dropped, (long long)e->added,
		    (long long)e->accepted, e->id, ig->account)) != RC_OK)
			return rc;
		if (e->accepted && (rc = db_exec(ig->db, &ig->tmp,
		    STMT_EVENT_MONTH_ADD, NULL, NULL, NULL, "uui", ig->account,
		    e->id, (long long)e->accepted)) != RC_OK)
			return rc;
	}
	for (i = 0; i < ig->props.n; i++) {
		e = &ig->props.v[i];
		if (e->accepted + e->dropped == 0)
			continue;
		if ((rc = db_exec(ig->db, &ig->tmp, STMT_PROP_BUMP, NULL, NULL,
		    NULL, "iiiuu", (long long)e->added, (long long)e->dropped,
		    (long long)e->accepted, e->id, ig->account)) != RC_OK)
			return rc;
	}
	return RC_OK;
}

/*
 * The month's new active identities of this transaction (each identity
 * once) into *fresh, day naming the month.  RC_OK, or the rc of the
 * statement that failed.
 */
static int
ingest_flush_actives(struct ingest *ig, const char *day, uint64_t *fresh)
{
	uint64_t	 n;
	size_t		 i;
	int		 rc;

	*fresh = 0;
	if (ig->nids > 0)
		qsort(ig->ids, ig->nids, HASH_BYTES, cmp_hash);
	for (i = 0; i < ig->nids; i++) {
		if (i > 0 && memcmp(ig->ids + i * HASH_BYTES,
		    ig->ids + (i - 1) * HASH_BYTES, HASH_BYTES) == 0)
			continue;
		if ((rc = db_exec(ig->db, &ig->tmp, STMT_INGEST_ACTIVE_ID, NULL,
		    &n, NULL, "usb", ig->account, day, ig->ids + i * HASH_BYTES,
		    (size_t)HASH_BYTES)) != RC_OK)
			return rc;
		*fresh += n;
	}
	return RC_OK;
}

/*
 * Data points of the day, new profiles, and the month's active
 * identities, counted on today's UTC date.  RC_OK, or the rc of the
 * statement that failed.
 */
static int
ingest_flush_usage(struct ingest *ig)
{
	char		 day[sizeof("YYYY-MM-DD")];
	struct tm	 tm;
	time_t		 now = time(NULL);
	uint64_t	 fresh;
	int		 rc;

	if (gmtime_r(&now, &tm) == NULL ||
	    strftime(day, sizeof(day), "%Y-%m-%d", &tm) == 0)
		return RC_ERROR;
	if (ig->points && (rc = db_exec(ig->db, &ig->tmp, STMT_USAGE_DAY_ADD,
	    NULL, NULL, NULL, "usi", ig->account, day,
	    (long long)ig->points)) != RC_OK)
		return rc;
	if (ig->new_profiles && (rc = db_exec(ig->db, &ig->tmp,
	    STMT_PROFILES_BUMP, NULL, NULL, NULL, "iu",
	    (long long)ig->new_profiles, ig->account)) != RC_OK)
		return rc;
	if ((rc = ingest_flush_actives(ig, day, &fresh)) != RC_OK)
		return rc;
	if (fresh && (rc = db_exec(ig->db, &ig->tmp, STMT_USAGE_MAU_ADD, NULL,
	    NULL, NULL, "usi", ig->account, day, (long long)fresh)) != RC_OK)
		return rc;
	return RC_OK;
}

/*
 * Writes the aggregates of this transaction and commits.  Returns RC_OK,
 * or the rc of what failed; then everything of the transaction is rolled
 * back.
 */
int
ingest_finish(struct ingest *ig)
{
	int	 rc;

	if ((rc = ingest_flush_names(ig)) != RC_OK ||
	    (rc = ingest_flush_usage(ig)) != RC_OK) {
		ingest_abort(ig);
		return rc;
	}
	if ((rc = db_commit(ig->db)) != RC_OK) {
		ig->events.n = ig->props.n = 0;
		return rc;
	}
	ingest_reset_counts(ig);
	return RC_OK;
}
