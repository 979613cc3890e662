/*
 * The writing half of the ingestion engine (ingest.c queues): a
 * transaction's queued records and aggregates, each table once with
 * array binding (db_exec_rows()) in an order every batch keeps (the
 * account's counters row, profiles by identity hash, values of new
 * profiles by profile, the others by property and profile, events,
 * names by id, actives by hash), and what the name cache learns after
 * the commit.  Profiles known already (a file imported again) are
 * looked up first and only touched, 100 a statement; new ones are
 * inserted by a statement that returns their ids (no look-up after),
 * and only those found stored then are upserted.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ingest.h"
#include "ingest_batch.h"
#include "active_cache.h"
#include "arena.h"
#include "db.h"
#include "limits.h"
#include "name_cache.h"
#include "rc.h"

/*
 * Stores the property names of the events of [v, v + n) queued and not
 * yet written, in one statement, into *stored (the rows that were new).
 * RC_OK, or the rc of the statement.
 */
int
event_props_write(struct ingest *ig, struct name *const *v, size_t n,
    uint64_t *queued, uint64_t *stored)
{
	struct dbrows	 rows;
	size_t		 i, k;

	db_rows_init(&rows, &ig->tmp, "uus");
	for (i = 0; i < n; i++)
		for (k = v[i]->nwritten; k < v[i]->npn; k++)
			db_rows_add(&rows, ig->account, v[i]->id, v[i]->pn[k]);
	*queued = rows.n;
	return db_exec_rows(ig->db, STMT_EVENT_PROP_ADD, &rows, NULL, stored);
}

/* Orders ids so that concurrent batches lock rows in the same order. */
static int
cmp_name_id(const void *a, const void *b)
{
	const struct name *x = *(struct name *const *)a;
	const struct name *y = *(struct name *const *)b;

	return x->id < y->id ? -1 : x->id > y->id;
}

/* Orders identity hashes (duplicates side by side). */
static int
cmp_hash(const void *a, const void *b)
{
	return memcmp(a, b, HASH_BYTES);
}

/* Orders queued profile updates by identity hash, then arrival. */
static int
cmp_qprofile(const void *a, const void *b)
{
	const struct qprofile *x = a, *y = b;
	int	 c = memcmp(x->h, y->h, HASH_BYTES);

	return c ? c : x < y ? -1 : x > y;
}

/*
 * Orders queued values: first those of profiles this transaction
 * inserted, by profile id then property (the primary key's order: the
 * rows are appended, one statement for all), then the others by
 * property then profile (one statement a property, which counts its new
 * rows); arrival last.
 */
static int
cmp_qvalue(const void *a, const void *b)
{
	const struct qvalue *x = a, *y = b;

	if (x->fresh != y->fresh)
		return x->fresh ? -1 : 1;
	if (x->fresh && x->pid != y->pid)
		return x->pid < y->pid ? -1 : 1;
	if (x->prop->id != y->prop->id)
		return x->prop->id < y->prop->id ? -1 : 1;
	if (x->profile != y->profile)
		return x->profile < y->profile ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* qsort() of n elements (qsort(NULL, 0, …) is undefined). */
static void
sort(void *v, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
	if (n > 1)
		qsort(v, n, size, cmp);
}

/*
 * The property names queued for events: written in one statement; when
 * some were stored meanwhile by another process, the events' counts are
 * taken again from the rows.  RC_OK, or the rc of the statement.
 */
static int
ingest_flush_event_props(struct ingest *ig)
{
	uint64_t	 queued, stored;
	size_t		 i;
	int		 rc;

	if ((rc = event_props_write(ig, ig->events.v, ig->events.n, &queued,
	    &stored)) != RC_OK)
		return rc;
	for (i = 0; i < ig->events.n; i++) {
		struct name *e = ig->events.v[i];

		if (e->npn == e->nwritten)
			continue;
		if (stored == queued)
			e->added += e->npn - e->nwritten;
		else
			e->recount = 1;
		e->nwritten = e->npn;
	}
	return RC_OK;
}

/* Columns of STMT_PROFILE_IDS and STMT_PROFILE_INSERT. */
enum {
	PI_ID,
	PI_HASH,
};

/* Gives each of the n profiles at v (sorted by hash) named by a row of
 * res (id, hash) its id, and fresh (inserted by this transaction) when
 * fresh is set. */
static void
profiles_found(struct qprofile *v, size_t n, const struct dbres *res,
    int fresh)
{
	struct qprofile	*q, key;
	size_t		 k;

	for (k = 0; k < res->nrows; k++) {
		if (res->len[k * res->ncols + PI_HASH] != HASH_BYTES)
			continue;
		memcpy(key.h, db_cell(res, k, PI_HASH), HASH_BYTES);
		if ((q = bsearch(&key, v, n, sizeof(*v), cmp_hash)) == NULL)
			continue;
		q->id = db_u64(res, k, PI_ID);
		q->fresh = fresh;
	}
}

/*
 * Starts rows (types: room for PROFILE_IDS_IN + 2) as the one row of a
 * statement on the account and an IN list of PROFILE_IDS_IN values of
 * type t (columns 1 …), in ig->tmp (reset): the account set.
 */
static void
in_list_row(struct ingest *ig, struct dbrows *rows, char *types, char t)
{
	memset(types, t, PROFILE_IDS_IN + 1);
	types[0] = 'u';
	types[PROFILE_IDS_IN + 1] = '\0';
	arena_reset(&ig->tmp);
	db_rows_init(rows, &ig->tmp, types);
	db_rows_next(rows);
	db_rows_set(rows, 0, ig->account);
}

/*
 * The ids of the n distinct profiles at v (sorted by hash, ids 0), up to
 * PROFILE_IDS_IN a statement; with all, RC_ERROR when one is missing
 * (else its id stays 0).  RC_OK, or the rc of a statement.
 */
static int
ingest_profile_ids(struct ingest *ig, struct qprofile *v, size_t n, int all)
{
	struct dbrows	 rows;
	struct dbres	 res;
	char		 types[PROFILE_IDS_IN + 2];
	size_t		 first, i, k;
	int		 rc;

	for (first = 0; first < n; first += PROFILE_IDS_IN) {
		in_list_row(ig, &rows, types, 'b');
		for (k = 0; k < PROFILE_IDS_IN; k++) {
			i = first + k < n ? first + k : first;
			db_rows_set(&rows, k + 1, v[i].h, (size_t)HASH_BYTES);
		}
		if ((rc = db_exec_rows(ig->db, STMT_PROFILE_IDS, &rows, &res,
		    NULL)) != RC_OK)
			return rc;
		profiles_found(v, n, &res, 0);
	}
	for (i = 0; all && i < n; i++)
		if (v[i].id == 0)
			return RC_ERROR;
	return RC_OK;
}

/* Orders profile ids. */
static int
cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/*
 * Moves updated_at of the profiles of the n at v whose id is known, in
 * ascending id order (the order every batch locks them in), up to
 * PROFILE_IDS_IN a statement.  RC_OK, or the rc of a statement.
 */
static int
profiles_touch(struct ingest *ig, const struct qprofile *v, size_t n)
{
	struct dbrows	 rows;
	uint64_t	*ids;
	char		 types[PROFILE_IDS_IN + 2];
	size_t		 first, i, k, m = 0;
	int		 rc;

	if ((ids = arena_alloc(&ig->batch, (n + 1) * sizeof(*ids))) == NULL)
		return RC_ERROR;
	for (i = 0; i < n; i++)
		if (v[i].id != 0)
			ids[m++] = v[i].id;
	sort(ids, m, sizeof(*ids), cmp_u64);
	for (first = 0; first < m; first += PROFILE_IDS_IN) {
		in_list_row(ig, &rows, types, 'u');
		for (k = 0; k < PROFILE_IDS_IN; k++)
			db_rows_set(&rows, k + 1,
			    ids[first + k < m ? first + k : first]);
		if ((rc = db_exec_rows(ig->db, STMT_PROFILE_TOUCH, &rows, NULL,
		    NULL)) != RC_OK)
			return rc;
	}
	return RC_OK;
}

/*
 * Inserts those of the k profiles at v (sorted by hash, ids 0) that do
 * not exist, DB_BULK_ROWS a statement, each of which returns the rows it
 * inserted: those get their ids and are fresh, and *created counts
 * them; the others (stored already) keep id 0.  RC_OK, or an rc.
 */
static int
profiles_insert(struct ingest *ig, struct qprofile *v, size_t k,
    uint64_t *created)
{
	struct dbrows	 rows;
	struct dbres	 res;
	size_t		 first, i, m;
	int		 rc;

	*created = 0;
	for (first = 0; first < k; first += m) {
		m = k - first < DB_BULK_ROWS ? k - first : DB_BULK_ROWS;
		arena_reset(&ig->tmp);
		db_rows_init(&rows, &ig->tmp, "ubs");
		for (i = first; i < first + m; i++)
			db_rows_add(&rows, ig->account, v[i].h,
			    (size_t)HASH_BYTES, v[i].identity);
		if ((rc = db_exec_rows(ig->db, STMT_PROFILE_INSERT, &rows,
		    &res, NULL)) != RC_OK)
			return rc;
		profiles_found(v + first, m, &res, 1);
		*created += res.nrows;
	}
	return RC_OK;
}

/*
 * Creates or updates the k profiles at v (sorted by hash) in one upsert
 * and reads their ids; *created: the rows inserted.  An upsert counts 1
 * for a row inserted and 2 for a row updated (updated_at always
 * changes), so they are 2k - affected; when that is all k, every one is
 * fresh.  RC_OK, or an rc.
 */
static int
profiles_upsert(struct ingest *ig, struct qprofile *v, size_t k,
    uint64_t *created)
{
	struct dbrows	 rows;
	uint64_t	 aff;
	size_t		 i;
	int		 rc;

	db_rows_init(&rows, &ig->batch, "ubs");
	for (i = 0; i < k; i++)
		db_rows_add(&rows, ig->account, v[i].h, (size_t)HASH_BYTES,
		    v[i].identity);
	if ((rc = db_exec_rows(ig->db, STMT_PROFILE_UPSERT, &rows, NULL,
	    &aff)) != RC_OK || (rc = ingest_profile_ids(ig, v, k, 1)) != RC_OK)
		return rc;
	*created = 2 * k > aff ? 2 * k - aff : 0;
	for (i = 0; i < k; i++)
		v[i].fresh = *created == k;
	return RC_OK;
}

/* Copies the profiles of the n at v without an id (still 0) into a new
 * array of the batch, *k of them, in their order; NULL on exhaustion. */
static struct qprofile *
profiles_missing(struct ingest *ig, const struct qprofile *v, size_t n,
    size_t *k)
{
	struct qprofile	*miss;
	size_t		 i;

	if ((miss = arena_alloc(&ig->batch, (n + 1) * sizeof(*miss))) == NULL)
		return NULL;
	for (i = 0, *k = 0; i < n; i++)
		if (v[i].id == 0)
			miss[(*k)++] = v[i];
	return miss;
}

/* Puts back into the n profiles at v those profiles_missing() copied to
 * miss, written since. */
static void
profiles_merge(struct qprofile *v, size_t n, const struct qprofile *miss)
{
	size_t	 i, k;

	for (i = 0, k = 0; i < n; i++)
		if (v[i].id == 0)
			v[i] = miss[k++];
}

/*
 * The profiles of the n distinct updates at u (sorted by hash, ids 0),
 * created or their updated_at moved, with their ids.  When most of the
 * last batch's profiles existed (a file imported again), they are looked
 * up first and those found only move their updated_at, by id.  The
 * others are inserted when they do not exist (the rows inserted come
 * back with their ids: no look-up); those that do (committed since this
 * transaction's snapshot, or not looked up first) are upserted — an
 * upsert of an existing profile inserts, meets the duplicate and
 * updates, several times the work.  RC_OK, or an rc.
 */
static int
ingest_write_profiles(struct ingest *ig, struct qprofile *u, size_t n)
{
	struct qprofile	*miss = u, *rest;
	uint64_t	 created, again = 0;
	size_t		 k = n, r;
	int		 rc;

	if (ig->look_first) {
		if ((rc = ingest_profile_ids(ig, u, n, 0)) != RC_OK ||
		    (rc = profiles_touch(ig, u, n)) != RC_OK)
			return rc;
		if ((miss = profiles_missing(ig, u, n, &k)) == NULL)
			return RC_ERROR;
	}
	if ((rc = profiles_insert(ig, miss, k, &created)) != RC_OK)
		return rc;
	if ((rest = profiles_missing(ig, miss, k, &r)) == NULL)
		return RC_ERROR;
	if (r > 0 && (rc = profiles_upsert(ig, rest, r, &again)) != RC_OK)
		return rc;
	profiles_merge(miss, k, rest);
	if (miss != u)
		profiles_merge(u, n, miss);
	ig->new_profiles = created + again;
	ig->look_first = n - ig->new_profiles > n / 2;
	return RC_OK;
}

/*
 * The profiles of the queued updates: each identity once, created or its
 * updated_at moved (ingest_write_profiles), into *map: the distinct
 * profile of each queued update.  RC_OK, or an rc.
 */
static int
ingest_flush_profiles(struct ingest *ig, size_t **map)
{
	struct qprofile	*u;
	size_t		 i, n = 0, *order;
	int		 rc;

	*map = NULL;
	if (ig->nprofiles == 0)
		return RC_OK;
	/* order[i]: the distinct profile of queued update i */
	if ((order = arena_alloc(&ig->batch, ig->nprofiles * sizeof(*order)))
	    == NULL || (u = arena_alloc(&ig->batch, ig->nprofiles *
	    sizeof(*u))) == NULL)
		return RC_ERROR;
	for (i = 0; i < ig->nprofiles; i++)
		ig->profiles[i].id = i;		/* where it came from */
	memcpy(u, ig->profiles, ig->nprofiles * sizeof(*u));
	sort(u, ig->nprofiles, sizeof(*u), cmp_qprofile);
	for (i = 0; i < ig->nprofiles; i++) {
		if (n == 0 || memcmp(u[n - 1].h, u[i].h, HASH_BYTES) != 0)
			u[n++] = u[i];
		order[u[i].id] = n - 1;
	}
	for (i = 0; i < n; i++)
		u[i].id = 0;
	if ((rc = ingest_write_profiles(ig, u, n)) != RC_OK)
		return rc;
	for (i = 0; i < ig->nprofiles; i++) {
		ig->profiles[i].id = u[order[i]].id;
		ig->profiles[i].fresh = u[order[i]].fresh;
	}
	*map = order;
	return RC_OK;
}

/* 1 when values x and y are of one run of ingest_flush_values(): the
 * fresh profiles' values, or the others' values of one property. */
static int
same_run(const struct qvalue *x, const struct qvalue *y)
{
	return x->fresh == y->fresh && (x->fresh || x->prop == y->prop);
}

/*
 * The queued values: those of profiles this transaction inserted in one
 * statement (each row new: its property's count of profiles grows by
 * one), the others one statement per property (its count grows by the
 * rows new: 2n - affected, as for profiles); for a profile and property
 * set twice in the batch, the last value.  RC_OK, or an rc.
 */
static int
ingest_flush_values(struct ingest *ig, const size_t *map)
{
	struct qvalue	*v = ig->values;
	struct dbrows	 rows;
	uint64_t	 aff;
	size_t		 i, j, n;
	int		 rc;

	for (i = 0; i < ig->nvalues; i++) {	/* by distinct profile */
		v[i].pid = ig->profiles[v[i].profile].id;
		v[i].fresh = ig->profiles[v[i].profile].fresh;
		v[i].profile = map[v[i].profile];
	}
	sort(v, ig->nvalues, sizeof(*v), cmp_qvalue);
	for (i = 0; i < ig->nvalues; i = j) {
		arena_reset(&ig->tmp);
		db_rows_init(&rows, &ig->tmp, "uus");
		for (j = i, n = 0; j < ig->nvalues && same_run(&v[j], &v[i]);
		    j++) {
			if (j + 1 < ig->nvalues && v[j + 1].prop == v[j].prop &&
			    v[j + 1].profile == v[j].profile)
				continue;	/* a later value wins */
			db_rows_add(&rows, v[j].pid, v[j].prop->id, v[j].text);
			v[j].prop->added += v[j].fresh;
			n++;
		}
		if ((rc = db_exec_rows(ig->db, STMT_PROFILE_VALUE_SET, &rows,
		    NULL, &aff)) != RC_OK)
			return rc;
		if (!v[i].fresh)
			v[i].prop->added += 2 * n > aff ? 2 * n - aff : 0;
	}
	return RC_OK;
}

/*
 * Event totals, monthly counts, property counts of this transaction:
 * one statement each, rows in id order.  RC_OK, or the rc of the
 * statement that failed.
 */
static int
ingest_flush_names(struct ingest *ig)
{
	struct dbrows	 bump, month, recount, props;
	struct name	*e;
	size_t		 i;
	int		 rc;

	arena_reset(&ig->tmp);
	db_rows_init(&bump, &ig->tmp, "iiiiuu");
	db_rows_init(&month, &ig->tmp, "uui");
	db_rows_init(&recount, &ig->tmp, "uu");
	db_rows_init(&props, &ig->tmp, "iiiuu");
	for (i = 0; i < ig->events.n; i++) {
		e = ig->events.v[i];
		if (e->accepted + e->dropped + e->added != 0)
			db_rows_add(&bump, (long long)e->accepted,
			    (long long)e->dropped, (long long)e->added,
			    (long long)e->accepted, e->id, ig->account);
		if (e->accepted)
			db_rows_add(&month, ig->account, e->id,
			    (long long)e->accepted);
		if (e->recount)
			db_rows_add(&recount, e->id, ig->account);
	}
	for (i = 0; i < ig->props.n; i++) {
		e = ig->props.v[i];
		if (e->accepted + e->dropped != 0)
			db_rows_add(&props, (long long)e->added,
			    (long long)e->dropped, (long long)e->accepted,
			    e->id, ig->account);
	}
	if ((rc = db_exec_rows(ig->db, STMT_EVENT_DEF_BUMP, &bump, NULL,
	    NULL)) != RC_OK ||
	    (rc = db_exec_rows(ig->db, STMT_EVENT_PROPS_RECOUNT, &recount,
	    NULL, NULL)) != RC_OK ||
	    (rc = db_exec_rows(ig->db, STMT_EVENT_MONTH_ADD, &month, NULL,
	    NULL)) != RC_OK ||
	    (rc = db_exec_rows(ig->db, STMT_PROP_BUMP, &props, NULL,
	    NULL)) != RC_OK)
		return rc;
	return RC_OK;
}

/*
 * The month's new active identities of this transaction (each identity
 * once, in one statement, without those the active cache knows recorded
 * this month) into *fresh, day naming the month.  RC_OK, or the rc of
 * the statement.
 */
static int
ingest_flush_actives(struct ingest *ig, const char *day, uint64_t *fresh)
{
	struct dbrows	 rows;
	const unsigned char *h;
	size_t		 i;

	arena_reset(&ig->tmp);
	db_rows_init(&rows, &ig->tmp, "usb");
	sort(ig->ids, ig->nids, HASH_BYTES, cmp_hash);
	for (i = 0; i < ig->nids; i++) {
		h = ig->ids + i * HASH_BYTES;
		if ((i > 0 && memcmp(h, h - HASH_BYTES, HASH_BYTES) == 0) ||
		    active_cache_has(ig->account, ig->gen, ig->month, h))
			continue;
		db_rows_add(&rows, ig->account, day, h, (size_t)HASH_BYTES);
	}
	return db_exec_rows(ig->db, STMT_INGEST_ACTIVE_ID, &rows, NULL, fresh);
}

/*
 * Data points of the day and the month's active identities, counted on
 * today's UTC date.  RC_OK, or the rc of the statement that failed.
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
	ig->month = (unsigned)(tm.tm_year + 1900) * 100 +
	    (unsigned)tm.tm_mon + 1;
	if (ig->points && (rc = db_exec(ig->db, &ig->tmp, STMT_USAGE_DAY_ADD,
	    NULL, NULL, NULL, "usi", ig->account, day,
	    (long long)ig->points)) != RC_OK)
		return rc;
	if ((rc = ingest_flush_actives(ig, day, &fresh)) != RC_OK)
		return rc;
	if (fresh && (rc = db_exec(ig->db, &ig->tmp, STMT_USAGE_MAU_ADD, NULL,
	    NULL, NULL, "usi", ig->account, day, (long long)fresh)) != RC_OK)
		return rc;
	return RC_OK;
}

/*
 * Writes the queued records and the aggregates of this transaction.
 * The account's counters row first (new profiles), as a name slot or a
 * discard takes it.  RC_OK, or the rc of what failed.
 */
int
ingest_write(struct ingest *ig)
{
	size_t	*map;
	int	 rc;

	sort(ig->events.v, ig->events.n, sizeof(*ig->events.v), cmp_name_id);
	sort(ig->props.v, ig->props.n, sizeof(*ig->props.v), cmp_name_id);
	if ((rc = ingest_flush_profiles(ig, &map)) != RC_OK ||
	    (ig->new_profiles && (rc = db_exec(ig->db, &ig->tmp,
	    STMT_PROFILES_BUMP, NULL, NULL, NULL, "iu",
	    (long long)ig->new_profiles, ig->account)) != RC_OK) ||
	    (map != NULL && (rc = ingest_flush_values(ig, map)) != RC_OK) ||
	    (rc = db_exec_rows(ig->db, STMT_EVENT_LOG_NEW, &ig->evlog, NULL,
	    NULL)) != RC_OK ||
	    (rc = ingest_flush_event_props(ig)) != RC_OK ||
	    (rc = ingest_flush_names(ig)) != RC_OK ||
	    (rc = ingest_flush_usage(ig)) != RC_OK)
		return rc;
	return RC_OK;
}

/* Tells the name cache what this committed transaction knows: every name
 * it used, and the property names stored for its events; and the active
 * cache the identities it recorded active this month. */
void
ingest_publish(struct ingest *ig)
{
	struct nc_entry	 ce;
	struct name	*e;
	size_t		 i, k;
	int		 complete;

	for (i = 0; i < ig->nids; i++)	/* sorted by ingest_flush_actives() */
		if (i == 0 || memcmp(ig->ids + i * HASH_BYTES,
		    ig->ids + (i - 1) * HASH_BYTES, HASH_BYTES) != 0)
			active_cache_put(ig->account, ig->gen, ig->month,
			    ig->ids + i * HASH_BYTES);

	for (i = 0; i < ig->events.n; i++) {
		e = ig->events.v[i];
		if (e->recount) {	/* its count unknown: read it again */
			name_cache_drop(ig->account, NC_EVENT, 0, e->name);
			continue;
		}
		memset(&ce, 0, sizeof(ce));
		complete = !e->unread;
		for (k = 0; k < e->npn; k++)
			complete &= name_cache_put(ig->account, ig->gen,
			    NC_EVENT_PROP, e->id, e->pn[k], &ce);
		for (k = 0; k < e->nknown; k++)
			complete &= name_cache_put(ig->account, ig->gen,
			    NC_EVENT_PROP, e->id, e->known[k], &ce);
		ce.id = e->id;
		ce.discarded = e->discarded;
		ce.props = e->props;
		ce.complete = complete;
		(void)name_cache_put(ig->account, ig->gen, NC_EVENT, 0, e->name,
		    &ce);
	}
	for (i = 0; i < ig->props.n; i++) {
		e = ig->props.v[i];
		memset(&ce, 0, sizeof(ce));
		ce.id = e->id;
		ce.discarded = e->discarded;
		ce.type = (int)e->type;
		(void)name_cache_put(ig->account, ig->gen, NC_PROP, 0, e->name, &ce);
	}
}

