/*
 * The ingestion engine shared by the API (/api/1/upload) and CSV imports:
 * records of one transaction go through ingest_event() / ingest_profile(),
 * which resolve event names and profile properties (the batch's own
 * table, then the process-wide name_cache.c at the schema generation
 * read when the transaction began, then the database), create new ones
 * within the account's limits (counters, never COUNT(*)), drop what is
 * discarded, and queue the record.  ingest_finish() has the whole batch
 * written (ingest_write.c: one array-bound statement per table: events,
 * their new property names, profiles and their values, the counts, data
 * points and the month's active identities), commits, and tells the
 * name cache what the batch learnt.  The rules of names and values are
 * datatype.c's.
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
#include "json_flat.h"
#include "json_mem.h"
#include "limits.h"
#include "name_cache.h"
#include "rc.h"
#include "roles.h"

#include "ingest_batch.h"

/* Frees an arena of an ingest (a cleanup of its owner's arena). */
static void
ingest_free_arena(void *p)
{
	arena_reset(p);
}

/*
 * A new engine for account, allocated in a (which must outlive it);
 * NULL on exhaustion.
 */
struct ingest *
ingest_new(struct db *db, struct arena *a, uint64_t account)
{
	struct ingest	*ig;

	if ((ig = arena_alloc(a, sizeof(*ig))) == NULL)
		return NULL;
	memset(ig, 0, sizeof(*ig));
	arena_init(&ig->tmp);
	arena_init(&ig->batch);
	if (arena_cleanup(a, ingest_free_arena, &ig->tmp) == -1 ||
	    arena_cleanup(a, ingest_free_arena, &ig->batch) == -1)
		return NULL;
	ig->db = db;
	ig->account = account;
	return ig;
}

/* The batch's entry for name, or NULL. */
static struct name *
names_find(struct names *ns, const char *name)
{
	size_t	 i;

	for (i = 0; i < ns->n; i++)
		if (strcmp(ns->v[i]->name, name) == 0)
			return ns->v[i];
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
	struct name	**nv, *e;

	if ((nv = grow(&ig->batch, ns->v, ns->n, &ns->cap, sizeof(*nv), 64)) ==
	    NULL || (e = arena_alloc(&ig->batch, sizeof(*e))) == NULL)
		return NULL;
	ns->v = nv;
	memset(e, 0, sizeof(*e));
	if ((e->name = arena_strdup(&ig->batch, name)) == NULL)
		return NULL;
	ns->v[ns->n++] = e;
	return e;
}

/* Forgets everything of the transaction: names, queues, counts. */
static void
ingest_reset(struct ingest *ig)
{
	arena_reset(&ig->batch);
	arena_reset(&ig->tmp);
	memset(&ig->events, 0, sizeof(ig->events));
	memset(&ig->props, 0, sizeof(ig->props));
	ig->ids = NULL;
	ig->nids = ig->capids = 0;
	ig->profiles = NULL;
	ig->nprofiles = ig->capprofiles = 0;
	ig->values = NULL;
	ig->nvalues = ig->capvalues = 0;
	ig->points = ig->new_profiles = 0;
	db_rows_init(&ig->evlog, &ig->batch, "uubss");
}

/* Columns of STMT_DATA_GEN_GET. */
enum {
	DG_GEN,
};

/*
 * Starts a transaction, makes sure the account has its counters and
 * reads its schema generation.  RC_OK, or the rc of what failed (nothing
 * is left open then).
 */
int
ingest_begin(struct ingest *ig)
{
	struct dbres	 res;
	int		 rc;

	ingest_reset(ig);
	if ((rc = db_begin(ig->db)) != RC_OK)
		return rc;
	rc = db_exec(ig->db, &ig->tmp, STMT_DATA_GEN_GET, &res, NULL, NULL,
	    "u", ig->account);
	if (rc == RC_OK && res.nrows == 0)
		rc = db_exec(ig->db, &ig->tmp, STMT_DATA_COUNTER_ENSURE, NULL,
		    NULL, NULL, "u", ig->account);
	ig->gen = rc == RC_OK && res.nrows == 1 ? db_u64(&res, 0, DG_GEN) : 0;
	if (rc != RC_OK)
		db_rollback(ig->db);
	return rc;
}

/* Rolls back and forgets the transaction (the name cache never saw it). */
void
ingest_abort(struct ingest *ig)
{
	db_rollback(ig->db);
	ingest_reset(ig);
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
ingest_identity(struct ingest *ig, const unsigned char h[HASH_BYTES])
{
	unsigned char	*nv;

	if ((nv = grow(&ig->batch, ig->ids, ig->nids, &ig->capids, HASH_BYTES,
	    256)) == NULL)
		return RC_ERROR;
	ig->ids = nv;
	memcpy(ig->ids + ig->nids * HASH_BYTES, h, HASH_BYTES);
	ig->nids++;
	return RC_OK;
}

/* The statements that find, reserve a slot for and create a name of one
 * kind. */
struct kind {
	enum stmt	 get, slot, create;
	long long	 max;
	enum nc_kind	 cache;
	const char	*full;
};

static const struct kind kind_event = {
	STMT_EVENT_DEF_GET, STMT_EVENT_SLOT,
	STMT_EVENT_DEF_NEW, MAX_EVENT_NAMES, NC_EVENT,
	"the account already has 512 event names",
};

static const struct kind kind_prop = {
	STMT_PROP_GET, STMT_PROP_SLOT,
	STMT_PROP_NEW, MAX_PROFILE_PROPS, NC_PROP,
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
 * The schema entry of name: from the batch, the name cache, the
 * database, or created when the account has room (type is the new
 * property's, or is_system for an event).  *full is set when there is
 * no room.  NULL on a database error — a conflict (db_conflict) when
 * another batch created the name since this transaction's snapshot, for
 * the caller to try the whole batch again.
 */
static struct name *
ingest_name(struct ingest *ig, const struct kind *k, struct names *ns,
    const char *name, long long extra, int *full)
{
	struct nc_entry	 ce;
	struct name	*e;
	struct dbres	 res;
	uint64_t	 n = 0, id;
	int		 rc;

	*full = 0;
	if ((e = names_find(ns, name)) != NULL)
		return e;
	if (name_cache_get(ig->account, ig->gen, k->cache, 0, name, &ce)) {
		if ((e = names_add(ig, ns, name)) == NULL)
			return NULL;
		e->id = ce.id;
		e->discarded = ce.discarded;
		e->type = (enum ptype)ce.type;
		e->props = ce.props;
		e->unread = k == &kind_event && !ce.complete;
		return e;
	}
	if (db_exec(ig->db, &ig->tmp, k->get, &res, NULL, NULL, "us",
	    ig->account, name) != RC_OK)
		return NULL;
	if (res.nrows == 1) {
		if ((e = names_add(ig, ns, name)) == NULL)
			return NULL;
		name_from_row(e, &res);
		e->unread = k == &kind_event;
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
	if (rc == RC_DUP)	/* another batch committed it: try again whole */
		db_conflict(ig->db);
	if (rc != RC_OK || (e = names_add(ig, ns, name)) == NULL)
		return NULL;
	e->id = id;
	e->type = (enum ptype)extra;
	return e;
}

/* Columns of STMT_EVENT_PROPS_OF. */
enum {
	EP_NAME,
};

/*
 * Reads the property names stored for event e, read from the database
 * (the name cache knows none of them): then the names a batch queues
 * are new ones unless another process stores them meanwhile.  RC_OK,
 * or the rc of the statement.
 */
static int
event_props_read(struct ingest *ig, struct name *e)
{
	struct dbres	 res;
	size_t		 i;
	int		 rc;

	if ((rc = db_exec(ig->db, &ig->tmp, STMT_EVENT_PROPS_OF, &res, NULL,
	    NULL, "uu", e->id, ig->account)) != RC_OK)
		return rc;
	if ((e->known = arena_alloc(&ig->batch, (res.nrows + 1) *
	    sizeof(*e->known))) == NULL)
		return RC_ERROR;
	for (i = 0; i < res.nrows; i++)
		if ((e->known[i] = arena_strdup(&ig->batch,
		    db_cell(&res, i, EP_NAME))) == NULL)
			return RC_ERROR;
	e->nknown = res.nrows;
	e->unread = 0;
	return RC_OK;
}

/* 1 when property name key of event e is queued by this batch, was
 * stored when the batch read the event, or is known to the name cache. */
static int
event_prop_known(const struct ingest *ig, const struct name *e,
    const char *key)
{
	struct nc_entry	 ce;
	size_t		 i;

	for (i = 0; i < e->npn; i++)
		if (strcmp(e->pn[i], key) == 0)
			return 1;
	for (i = 0; i < e->nknown; i++)
		if (strcmp(e->known[i], key) == 0)
			return 1;
	return name_cache_get(ig->account, ig->gen, NC_EVENT_PROP, e->id, key,
	    &ce);
}

/*
 * At the limit of property names with some queued as new: writes them
 * now, so that names another process stored are not counted and the
 * limit is the one record-at-a-time has.  RC_OK, or the rc of the
 * statement.
 */
static int
event_props_settle(struct ingest *ig, struct name *e)
{
	uint64_t	 queued, stored;
	int		 rc;

	if (e->npn == e->nwritten)
		return RC_OK;
	if ((rc = event_props_write(ig, &e, 1, &queued, &stored)) != RC_OK)
		return rc;
	e->props -= queued - stored;
	e->added += stored;
	e->nwritten = e->npn;
	return RC_OK;
}

/*
 * Queues the property names of an event's data not yet known for it,
 * while the event has fewer than MAX_EVENT_PROPS (each counted as new
 * until written).  RC_OK, or RC_ERROR on a database error or exhaustion.
 */
static int
ingest_event_props(struct ingest *ig, struct name *e, json_t *data)
{
	const char	*key;
	json_t		*v;
	char		**nv;

	if (e->unread && json_object_size(data) > 0 &&
	    event_props_read(ig, e) != RC_OK)
		return RC_ERROR;
	json_object_foreach(data, key, v) {
		if (e->props >= MAX_EVENT_PROPS) {
			if (event_props_settle(ig, e) != RC_OK)
				return RC_ERROR;
			if (e->props >= MAX_EVENT_PROPS)
				break;
		}
		if (event_prop_known(ig, e, key))
			continue;
		if ((nv = grow(&ig->batch, e->pn, e->npn, &e->cappn,
		    sizeof(*nv), 16)) == NULL)
			return RC_ERROR;
		e->pn = nv;
		if ((e->pn[e->npn] = arena_strdup(&ig->batch, key)) == NULL)
			return RC_ERROR;
		e->npn++;
		e->props++;
	}
	return RC_OK;
}

/*
 * The stored text of an event's data (compact JSON) in a, its length in
 * *len; NULL on exhaustion.  Flat objects are written by json_flat.c,
 * anything else by jansson (the same bytes either way).
 */
static char *
event_text(struct arena *a, json_t *data, size_t *len)
{
	char	*dump, *text;

	if (json_flat_dump(a, data, &text, len) != RC_OK)
		return NULL;
	if (text != NULL)
		return text;
	if ((dump = json_dumps(data, JSON_COMPACT)) == NULL)
		return NULL;
	*len = strlen(dump);
	text = arena_strdup(a, dump);
	json_mem_free(dump);
	return text;
}

/*
 * One event of identity at ts (UTC DATETIME text) with its data (a JSON
 * object of checked values), queued.  INGEST_DROPPED when the event is
 * discarded, INGEST_REFUSED with a reason when the account has no room
 * for a new name or the data is too large, INGEST_ERROR on a database
 * error or exhaustion (the caller rolls back).
 */
enum ingest_rc
ingest_event(struct ingest *ig, const char *identity, const char *name,
    const char *ts, json_t *data, const char **reason)
{
	struct name	*e;
	unsigned char	*h;
	char		*text, *when;
	size_t		 len;
	int		 full;

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
	if ((text = event_text(&ig->batch, data, &len)) == NULL)
		return INGEST_ERROR;
	if (len > MAX_EVENT_DATA) {
		*reason = "the event's properties are larger than 16 KB";
		return INGEST_REFUSED;
	}
	when = arena_strdup(&ig->batch, ts);
	if (text == NULL || when == NULL ||
	    (h = arena_alloc(&ig->batch, HASH_BYTES)) == NULL)
		return INGEST_ERROR;
	identity_hash(h, identity);
	db_rows_add(&ig->evlog, ig->account, e->id, h, (size_t)HASH_BYTES,
	    when, text);
	if (ig->evlog.failed || ingest_event_props(ig, e, data) != RC_OK ||
	    ingest_identity(ig, h) != RC_OK)
		return INGEST_ERROR;
	e->accepted++;
	ig->points++;
	return INGEST_OK;
}

/* Queues the value text of property p for the profile update at index
 * profile.  RC_OK, or RC_ERROR on exhaustion. */
static int
ingest_value(struct ingest *ig, size_t profile, struct name *p,
    const char *text)
{
	struct qvalue	*nv;

	if ((nv = grow(&ig->batch, ig->values, ig->nvalues, &ig->capvalues,
	    sizeof(*nv), 256)) == NULL)
		return RC_ERROR;
	ig->values = nv;
	nv = &ig->values[ig->nvalues];
	nv->profile = profile;
	nv->prop = p;
	nv->seq = ig->nvalues;
	if ((nv->text = arena_strdup(&ig->batch, text)) == NULL)
		return RC_ERROR;
	ig->nvalues++;
	return RC_OK;
}

/*
 * One profile update, queued: the profile of identity is created when
 * new, and each value stored, except values of discarded properties.
 * Dropped when every property is discarded; refused when the account
 * has no room for a new property name.
 */
enum ingest_rc
ingest_profile(struct ingest *ig, const char *identity,
    const struct ival *vals, size_t n, const char **reason)
{
	struct name	**ents;
	struct qprofile	*qp;
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
	if ((qp = grow(&ig->batch, ig->profiles, ig->nprofiles,
	    &ig->capprofiles, sizeof(*qp), 64)) == NULL)
		return INGEST_ERROR;
	ig->profiles = qp;
	qp = &ig->profiles[ig->nprofiles];
	memset(qp, 0, sizeof(*qp));
	identity_hash(qp->h, identity);
	if ((qp->identity = arena_strdup(&ig->batch, identity)) == NULL)
		return INGEST_ERROR;
	ig->nprofiles++;
	for (i = 0; i < n; i++) {
		if (ents[i]->discarded) {
			ents[i]->dropped++;
			continue;
		}
		if (ingest_value(ig, ig->nprofiles - 1, ents[i],
		    vals[i].text) != RC_OK)
			return INGEST_ERROR;
		ents[i]->accepted++;
	}
	if (ingest_identity(ig, qp->h) != RC_OK)
		return INGEST_ERROR;
	ig->points++;
	return INGEST_OK;
}

/*
 * Writes the queued records and the aggregates of this transaction and
 * commits.  Returns RC_OK, or the rc of what failed; then everything of
 * the transaction is rolled back.
 */
int
ingest_finish(struct ingest *ig)
{
	int	 rc;

	if ((rc = ingest_write(ig)) != RC_OK) {
		ingest_abort(ig);
		return rc;
	}
	if ((rc = db_commit(ig->db)) != RC_OK) {
		ingest_reset(ig);
		return rc;
	}
	ingest_publish(ig);
	ingest_reset(ig);
	return RC_OK;
}
