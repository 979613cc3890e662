/*
 * The ingestion engine shared by the API (/api/1/upload) and CSV imports:
 * records of one transaction go through ingest_event() / ingest_profile(),
 * which create event names and profile properties within the account's
 * limits (counters, never COUNT(*)), drop what is discarded, and store the
 * record; ingest_finish() then writes the per-batch aggregates — event
 * totals, monthly counts, property counts, data points per day and the
 * month's active identities — one statement each, and commits.
 *
 * Also the pure rules of the data: names, values, types, dates, times.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <sodium.h>

#include "ingest.h"
#include "arena.h"
#include "db.h"
#include "decode.h"
#include "limits.h"
#include "rc.h"
#include "roles.h"

/* ---------------------------------------------------------- pure rules */

static const char *const ptypes[PTYPE__MAX] = {
	[PTYPE_NONE] = "none",
	[PTYPE_STRING] = "string",
	[PTYPE_NUMBER] = "number",
	[PTYPE_BOOLEAN] = "boolean",
	[PTYPE_DATE] = "date",
	[PTYPE_LIST] = "list",
};

/* "string", "number", … as stored in XML; "none" for out of range. */
const char *
ptype_name(enum ptype t)
{
	return t > PTYPE_NONE && t < PTYPE__MAX ? ptypes[t] : ptypes[PTYPE_NONE];
}

/* The type named s, or PTYPE_NONE. */
enum ptype
ptype_parse(const char *s)
{
	int	 t;

	if (s != NULL)
		for (t = PTYPE_STRING; t < PTYPE__MAX; t++)
			if (strcmp(s, ptypes[t]) == 0)
				return (enum ptype)t;
	return PTYPE_NONE;
}

/*
 * 1 for a usable event or property name: valid UTF-8, 1 to MAX_DATA_NAME
 * characters, no control characters, not only spaces, no leading or
 * trailing space.
 */
int
data_name_ok(const char *s, size_t n)
{
	if (s == NULL || n == 0 || n > MAX_DATA_NAME * 4 || !utf8_valid(s, n) ||
	    utf8_chars(s, n) > MAX_DATA_NAME || !text_clean(s, n, 0))
		return 0;
	return s[0] != ' ' && s[n - 1] != ' ';
}

/* 1 for a string value: valid UTF-8, at most MAX_DATA_VALUE characters,
 * no control characters but tab and line ends. */
int
data_value_ok(const char *s, size_t n)
{
	return s != NULL && n <= MAX_DATA_VALUE * 4 && utf8_valid(s, n) &&
	    utf8_chars(s, n) <= MAX_DATA_VALUE && text_clean(s, n, 1);
}

/* n digits at s. */
static int
digits(const char *s, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	return 1;
}

/*
 * 1 for an ISO 8601 date the properties accept: YYYY-MM-DD, optionally
 * followed by THH:MM[:SS[.fff…]] and Z or ±HH:MM; or CleverTap's
 * $D_EPOCHSECONDS.
 */
int
data_date_ok(const char *s, size_t n)
{
	int	 mo, d;
	size_t	 i;

	if (n > 3 && strncmp(s, "$D_", 3) == 0)
		return n <= 15 && digits(s + 3, n - 3);
	if (n < 10 || !digits(s, 4) || s[4] != '-' || !digits(s + 5, 2) ||
	    s[7] != '-' || !digits(s + 8, 2))
		return 0;
	mo = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	if (mo < 1 || mo > 12 || d < 1 || d > 31)
		return 0;
	if (n == 10)
		return 1;
	if (n < 16 || (s[10] != 'T' && s[10] != ' ') || !digits(s + 11, 2) ||
	    s[13] != ':' || !digits(s + 14, 2) ||
	    (s[11] - '0') * 10 + (s[12] - '0') > 23 || s[14] > '5')
		return 0;
	i = 16;
	if (i + 3 <= n && s[i] == ':' && digits(s + i + 1, 2))
		i += 3;
	if (i < n && s[i] == '.') {
		i++;
		while (i < n && isdigit((unsigned char)s[i]))
			i++;
	}
	if (i == n)
		return 1;
	if (s[i] == 'Z')
		return i + 1 == n;
	return (s[i] == '+' || s[i] == '-') && i + 6 == n &&
	    digits(s + i + 1, 2) && s[i + 3] == ':' && digits(s + i + 4, 2);
}

/* The events the SDKs send themselves; everything else is custom. */
static const char *const system_events[] = {
	"App Installed", "App Launched", "App Uninstalled", "Charged",
	"Notification Clicked", "Notification Sent", "Notification Viewed",
	"Push Impressions", "Session Concluded", "Stayed", "UTM Visited",
	"Web Page Viewed",
};

/* 1 when name is one of the system events. */
int
event_is_system(const char *name)
{
	size_t	 i;

	for (i = 0; i < sizeof(system_events) / sizeof(system_events[0]); i++)
		if (strcmp(name, system_events[i]) == 0)
			return 1;
	return 0;
}

/* A finite number as text (integers without a fraction). */
static const char *
number_text(struct arena *a, double v)
{
	if (v == floor(v) && fabs(v) < 9e15)
		return arena_printf(a, "%.0f", v);
	return arena_printf(a, "%.17g", v);
}

/*
 * The type and text of one JSON property value: strings (dates when they
 * look like one), numbers, booleans, and lists of those; objects, nested
 * lists, null, too long strings and control characters are refused with
 * a reason.  Returns 0, or -1 with *reason set.
 */
int
data_json_value(struct arena *a, json_t *v, enum ptype *t, const char **text,
    const char **reason)
{
	const char	*s;
	size_t		 i, n;
	json_t		*it;
	char		*dump;

	switch (json_typeof(v)) {
	case JSON_STRING:
		s = json_string_value(v);
		n = json_string_length(v);
		if (!data_value_ok(s, n) || strlen(s) != n) {
			*reason = utf8_chars(s, n) > MAX_DATA_VALUE ?
			    "is longer than 512 characters" :
			    "holds control characters";
			return -1;
		}
		*t = data_date_ok(s, n) ? PTYPE_DATE : PTYPE_STRING;
		*text = s;
		return 0;
	case JSON_INTEGER:
		*t = PTYPE_NUMBER;
		*text = arena_printf(a, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		return 0;
	case JSON_REAL:
		*t = PTYPE_NUMBER;
		*text = number_text(a, json_real_value(v));
		return 0;
	case JSON_TRUE:
	case JSON_FALSE:
		*t = PTYPE_BOOLEAN;
		*text = json_is_true(v) ? "true" : "false";
		return 0;
	case JSON_ARRAY:
		if (json_array_size(v) > MAX_LIST_ITEMS) {
			*reason = "is a list of more than 32 items";
			return -1;
		}
		json_array_foreach(v, i, it) {
			if (json_is_object(it) || json_is_array(it) || json_is_null(it)) {
				*reason = "nests values (only lists of plain values are allowed)";
				return -1;
			}
			if (json_is_string(it) && (!data_value_ok(json_string_value(it),
			    json_string_length(it)) || strlen(json_string_value(it)) !=
			    json_string_length(it))) {
				*reason = "has a list item that is too long or holds control characters";
				return -1;
			}
		}
		if ((dump = json_dumps(v, JSON_COMPACT)) == NULL) {
			*reason = "cannot be stored";
			return -1;
		}
		*text = arena_strdup(a, dump);
		free(dump);
		*t = PTYPE_LIST;
		return *text == NULL ? -1 : 0;
	case JSON_OBJECT:
		*reason = "nests an object (values must be plain)";
		return -1;
	default:
		*reason = "is null";
		return -1;
	}
}

/* 1 when the n bytes at s are the number's text (strtod, finite). */
static int
cell_number(const char *s, size_t n, double *v)
{
	char	 buf[64], *end;

	if (n == 0 || n >= sizeof(buf))
		return 0;
	memcpy(buf, s, n);
	buf[n] = '\0';
	if (!isdigit((unsigned char)buf[0]) && buf[0] != '-' && buf[0] != '+')
		return 0;
	*v = strtod(buf, &end);
	return *end == '\0' && isfinite(*v);
}

/* Boolean spellings of a CSV cell. */
static const struct {
	const char	*s;
	int		 v;
} bools[] = {
	{ "true", 1 }, { "false", 0 }, { "yes", 1 }, { "no", 0 },
	{ "1", 1 }, { "0", 0 }, { "TRUE", 1 }, { "FALSE", 0 },
	{ "True", 1 }, { "False", 0 },
};

/*
 * A CSV cell as a value of type t: its text and a JSON value (for event
 * data).  Lists are items separated by ';'.  Returns 0, or -1 with a
 * reason a person can act on.
 */
int
data_cell(struct arena *a, enum ptype t, const char *s, size_t n,
    const char **text, json_t **json, const char **reason)
{
	double		 d;
	size_t		 i, start;
	json_t		*list;
	char		*dump;

	if (!data_value_ok(s, n)) {
		*reason = utf8_chars(s, n) > MAX_DATA_VALUE ?
		    "value is longer than 512 characters" :
		    "value holds control characters";
		return -1;
	}
	*json = NULL;
	switch (t) {
	case PTYPE_STRING:
		*text = arena_strndup(a, s, n);
		*json = json_stringn(s, n);
		break;
	case PTYPE_NUMBER:
		if (!cell_number(s, n, &d)) {
			*reason = "not a number";
			return -1;
		}
		*text = number_text(a, d);
		*json = d == floor(d) && fabs(d) < 9e15 ?
		    json_integer((json_int_t)d) : json_real(d);
		break;
	case PTYPE_BOOLEAN:
		for (i = 0; i < sizeof(bools) / sizeof(bools[0]); i++)
			if (strlen(bools[i].s) == n && memcmp(bools[i].s, s, n) == 0)
				break;
		if (i == sizeof(bools) / sizeof(bools[0])) {
			*reason = "not true or false";
			return -1;
		}
		*text = bools[i].v ? "true" : "false";
		*json = json_boolean(bools[i].v);
		break;
	case PTYPE_DATE:
		if (!data_date_ok(s, n)) {
			*reason = "not a date like 2026-03-01 or 2026-03-01T10:00:00Z";
			return -1;
		}
		*text = arena_strndup(a, s, n);
		*json = json_stringn(s, n);
		break;
	case PTYPE_LIST:
		if ((list = json_array()) == NULL)
			return -1;
		for (i = start = 0; i <= n; i++)
			if (i == n || s[i] == ';') {
				if (i > start)
					json_array_append_new(list,
					    json_stringn(s + start, i - start));
				start = i + 1;
			}
		if (json_array_size(list) > MAX_LIST_ITEMS) {
			json_decref(list);
			*reason = "a list of more than 32 items";
			return -1;
		}
		dump = json_dumps(list, JSON_COMPACT);
		*text = dump ? arena_strdup(a, dump) : NULL;
		free(dump);
		*json = list;
		break;
	default:
		*reason = "unknown type";
		return -1;
	}
	if (*text == NULL || *json == NULL) {
		json_decref(*json);
		*json = NULL;
		*reason = "out of memory";
		return -1;
	}
	return 0;
}

/*
 * An event time of secs since the epoch as a UTC DATETIME(6) text, when
 * it lies within INGEST_TS_PAST before now and INGEST_TS_FUTURE after;
 * 0, or -1 when out of range.
 */
int
data_ts(long long secs, time_t now, char out[27])
{
	struct tm	 tm;
	time_t		 t;
	char		 buf[64];

	if (secs < (long long)now - INGEST_TS_PAST ||
	    secs > (long long)now + INGEST_TS_FUTURE)
		return -1;
	t = (time_t)secs;
	if (gmtime_r(&t, &tm) == NULL)
		return -1;
	snprintf(buf, sizeof(buf), "%04d-%02d-%02d %02d:%02d:%02d.000000",
	    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
	    tm.tm_min, tm.tm_sec);
	if (strlen(buf) != 26)
		return -1;
	memcpy(out, buf, 27);
	return 0;
}

/* -------------------------------------------------------------- engine */

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
	uint64_t	 processed, dropped;	/* over the ingest's life */
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

/* Adds an entry (arena-grown array); NULL on exhaustion. */
static struct name *
names_add(struct ingest *ig, struct names *ns, const char *name)
{
	struct name	*nv;

	if (ns->n == ns->cap) {
		ns->cap = ns->cap ? ns->cap * 2 : 64;
		if ((nv = arena_alloc(ig->a, ns->cap * sizeof(*nv))) == NULL)
			return NULL;
		if (ns->n)
			memcpy(nv, ns->v, ns->n * sizeof(*nv));
		ns->v = nv;
	}
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

/* Starts a transaction and makes sure the account has its counters. */
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

/* Records one identity of this transaction for the monthly actives. */
static int
ingest_identity(struct ingest *ig, const char *identity)
{
	unsigned char	*nv;

	if (ig->nids == ig->capids) {
		ig->capids = ig->capids ? ig->capids * 2 : 256;
		if ((nv = arena_alloc(ig->a, ig->capids * HASH_BYTES)) == NULL)
			return -1;
		if (ig->nids)
			memcpy(nv, ig->ids, ig->nids * HASH_BYTES);
		ig->ids = nv;
	}
	crypto_hash_sha256(ig->ids + ig->nids * HASH_BYTES,
	    (const unsigned char *)identity, strlen(identity));
	ig->nids++;
	return 0;
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

/* Fills e from a row of a *_GET statement: id, discarded, type/props. */
static void
name_from_row(struct name *e, const struct dbres *res)
{
	e->id = db_u64(res, 0, 0);
	e->discarded = db_u64(res, 0, 1) != 0;
	e->type = (enum ptype)db_u64(res, 0, 2);
	e->props = db_u64(res, 0, 2);
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

/* Remembers that property name key of event e is recorded. */
static int
event_prop_remember(struct ingest *ig, struct name *e, const char *key)
{
	char	**nv;

	if (e->npn == e->cappn) {
		e->cappn = e->cappn ? e->cappn * 2 : 16;
		if ((nv = arena_alloc(ig->a, e->cappn * sizeof(*nv))) == NULL)
			return -1;
		if (e->npn)
			memcpy(nv, e->pn, e->npn * sizeof(*nv));
		e->pn = nv;
	}
	if ((e->pn[e->npn] = arena_strdup(ig->a, key)) == NULL)
		return -1;
	e->npn++;
	return 0;
}

/* Records the property names of an event's data not yet known for it. */
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
		    event_prop_remember(ig, e, key) == -1)
			return -1;
		e->props += n;
		e->added += n;
	}
	return 0;
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
		ig->dropped++;
		return INGEST_DROPPED;
	}
	if ((dump = json_dumps(data, JSON_COMPACT)) == NULL)
		return INGEST_ERROR;
	if (strlen(dump) > MAX_EVENT_DATA) {
		free(dump);
		*reason = "the event's properties are larger than 16 KB";
		return INGEST_REFUSED;
	}
	crypto_hash_sha256(h, (const unsigned char *)identity, strlen(identity));
	rc = db_exec(ig->db, &ig->tmp, STMT_EVENT_LOG_NEW, NULL, NULL, NULL,
	    "uubss", ig->account, e->id, h, sizeof(h), ts, dump);
	free(dump);
	if (rc != RC_OK || ingest_event_props(ig, e, data) == -1 ||
	    ingest_identity(ig, identity) == -1)
		return INGEST_ERROR;
	e->accepted++;
	ig->points++;
	ig->processed++;
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
		ig->dropped++;
		return INGEST_DROPPED;
	}
	crypto_hash_sha256(h, (const unsigned char *)identity, strlen(identity));
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
	if (ingest_identity(ig, identity) == -1)
		return INGEST_ERROR;
	ig->points++;
	ig->processed++;
	return INGEST_OK;
}

/* Orders ids so that concurrent batches lock rows in the same order. */
static int
cmp_name_id(const void *a, const void *b)
{
	const struct name *x = a, *y = b;

	return x->id < y->id ? -1 : x->id > y->id;
}

static int
cmp_hash(const void *a, const void *b)
{
	return memcmp(a, b, HASH_BYTES);
}

/* Event totals, monthly counts and property counts of this transaction. */
static int
ingest_flush_names(struct ingest *ig)
{
	struct name	*e;
	size_t		 i;

	arena_reset(&ig->tmp);
	if (ig->events.n > 0)	/* qsort(NULL, 0, …) is undefined */
		qsort(ig->events.v, ig->events.n, sizeof(*ig->events.v),
		    cmp_name_id);
	if (ig->props.n > 0)
		qsort(ig->props.v, ig->props.n, sizeof(*ig->props.v),
		    cmp_name_id);
	for (i = 0; i < ig->events.n; i++) {
		e = &ig->events.v[i];
		if (e->accepted + e->dropped + e->added == 0)
			continue;
		if (db_exec(ig->db, &ig->tmp, STMT_EVENT_DEF_BUMP, NULL, NULL, NULL,
		    "iiiiuu", (long long)e->accepted, (long long)e->dropped,
		    (long long)e->added, (long long)e->accepted, e->id,
		    ig->account) != RC_OK)
			return -1;
		if (e->accepted && db_exec(ig->db, &ig->tmp, STMT_EVENT_MONTH_ADD,
		    NULL, NULL, NULL, "uui", ig->account, e->id,
		    (long long)e->accepted) != RC_OK)
			return -1;
	}
	for (i = 0; i < ig->props.n; i++) {
		e = &ig->props.v[i];
		if (e->accepted + e->dropped == 0)
			continue;
		if (db_exec(ig->db, &ig->tmp, STMT_PROP_BUMP, NULL, NULL, NULL,
		    "iiiuu", (long long)e->added, (long long)e->dropped,
		    (long long)e->accepted, e->id, ig->account) != RC_OK)
			return -1;
	}
	return 0;
}

/* Data points of the day, new profiles, and the month's active identities. */
static int
ingest_flush_usage(struct ingest *ig)
{
	uint64_t	 n, fresh = 0;
	size_t		 i;

	if (ig->points && db_exec(ig->db, &ig->tmp, STMT_INGEST_USAGE_DAY, NULL, NULL,
	    NULL, "ui", ig->account, (long long)ig->points) != RC_OK)
		return -1;
	if (ig->new_profiles && db_exec(ig->db, &ig->tmp, STMT_PROFILES_BUMP, NULL,
	    NULL, NULL, "iu", (long long)ig->new_profiles, ig->account) != RC_OK)
		return -1;
	if (ig->nids > 0)
		qsort(ig->ids, ig->nids, HASH_BYTES, cmp_hash);
	for (i = 0; i < ig->nids; i++) {
		if (i > 0 && memcmp(ig->ids + i * HASH_BYTES,
		    ig->ids + (i - 1) * HASH_BYTES, HASH_BYTES) == 0)
			continue;
		if (db_exec(ig->db, &ig->tmp, STMT_INGEST_ACTIVE_ID, NULL, &n,
		    NULL, "ub", ig->account, ig->ids + i * HASH_BYTES,
		    (size_t)HASH_BYTES) != RC_OK)
			return -1;
		fresh += n;
	}
	if (fresh && db_exec(ig->db, &ig->tmp, STMT_INGEST_USAGE_MONTH, NULL, NULL,
	    NULL, "ui", ig->account, (long long)fresh) != RC_OK)
		return -1;
	return 0;
}

/*
 * Writes the aggregates of this transaction and commits.  Returns a
 * an rc; on failure everything of the transaction is rolled back.
 */
int
ingest_finish(struct ingest *ig)
{
	int	 rc;

	if (ingest_flush_names(ig) == -1 || ingest_flush_usage(ig) == -1) {
		ingest_abort(ig);
		return RC_ERROR;
	}
	if ((rc = db_commit(ig->db)) != RC_OK) {
		ig->events.n = ig->props.n = 0;
		return rc;
	}
	ingest_reset_counts(ig);
	return RC_OK;
}

/* Records processed and dropped since ingest_new(). */
void
ingest_counts(const struct ingest *ig, uint64_t *processed, uint64_t *dropped)
{
	*processed = ig->processed;
	*dropped = ig->dropped;
}
