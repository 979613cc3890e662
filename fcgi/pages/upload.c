/*
 * POST /api/1/upload: the ingestion API.  The SDKs and servers of an app
 * send a JSON batch of events and profile updates, authenticated by the
 * account's credentials (the overview's Account ID and Passcode) in the
 * headers X-Account-Id and X-Account-Passcode.  The answer, an XML
 * document page="upload", counts what was processed and dropped and names
 * each refused record by its index, with a reason.  The body is raw JSON
 * (R_RAW_BODY): the route declares no fields.
 *
 * Body: {"d": [RECORD, …]} or [RECORD, …], at most INGEST_MAX_RECORDS.
 * RECORD: {"identity": "…", "evtName": "…", "evtData": {…}, "ts": SECS}
 *      or {"identity": "…", "profileData": {…}, "ts": SECS}
 * ("type": "event" / "profile" may say which; ts is optional).
 */
#include <string.h>
#include <time.h>

#include <jansson.h>
#include <sodium.h>

#include "../arena.h"
#include "../datatype.h"
#include "../db.h"
#include "../decode.h"
#include "../error.h"
#include "../ingest.h"
#include "../json_mem.h"
#include "../limits.h"
#include "../rc.h"
#include "../request.h"
#include "../secret.h"
#include "../valid.h"
#include "../xml.h"

#define JSON_TYPE	"application/json"

/* Columns of STMT_INGEST_ACCOUNT. */
enum {
	IA_ID,
	IA_PASSCODE,
};

/* One refused record. */
struct refusal {
	size_t		 index;
	const char	*reason;
};

/* The parsed body, for the arena's reset to release (own: some of it was
 * malloc'd, json_mem.c; else the reset frees it with the arena). */
struct json_hold {
	json_t		*v;
	int		 own;
};

/* A batch being read: the records and what became of them. */
struct batch {
	struct json_hold *hold;		/* the parsed body */
	json_t		*records;
	size_t		 n;
	struct refusal	*refused;
	size_t		 nrefused;
	uint64_t	 processed, dropped;
	time_t		 now;
	long long	 last_secs;	/* the time of the last record read */
	const char	*last_ts;	/* its text; NULL before the first */
};

/* Releases a parsed body at arena reset when it owns malloc'd blocks. */
static void
free_json(void *p)
{
	struct json_hold *h = p;

	if (h->own)
		json_decref(h->v);
}

/*
 * The account the credentials of the request open into *account, 0 when
 * they open none.  The passcode is compared in constant time against the
 * sealed one; an unknown account costs the same comparison.  RC_OK, or
 * the rc of the statement when the database failed.
 */
static int
ingest_auth(struct req *r, uint64_t *account)
{
	const char	*id = req_header(r, "HTTP_X_ACCOUNT_ID");
	const char	*pc = req_header(r, "HTTP_X_ACCOUNT_PASSCODE");
	char		 want[PASSCODE_LEN + 1], got[PASSCODE_LEN + 1];
	struct dbres	 res;
	int		 ok = 0, rc;

	*account = 0;
	memset(want, 'x', PASSCODE_LEN);
	want[PASSCODE_LEN] = '\0';
	memset(got, 0, sizeof(got));
	if (pc != NULL && strlen(pc) == PASSCODE_LEN)
		memcpy(got, pc, PASSCODE_LEN);
	if (id != NULL && valid_check(VALID_ACCOUNT_ID, id, strlen(id))) {
		if ((rc = db_exec(r->db, r->a, STMT_INGEST_ACCOUNT, &res, NULL,
		    NULL, "s", id)) != RC_OK)
			return rc;
		if (res.nrows == 1 && passcode_open((const unsigned char *)
		    db_cell(&res, 0, IA_PASSCODE), res.len[IA_PASSCODE],
		    want) == 0) {
			*account = db_u64(&res, 0, IA_ID);
			ok = 1;
		}
	}
	ok &= sodium_memcmp(want, got, PASSCODE_LEN) == 0;
	sodium_memzero(want, sizeof(want));
	sodium_memzero(got, sizeof(got));
	if (!ok)
		*account = 0;
	return RC_OK;
}

/* Notes that record i was refused for reason. */
static void
refuse(struct batch *b, size_t i, const char *reason)
{
	b->refused[b->nrefused].index = i;
	b->refused[b->nrefused].reason = reason;
	b->nrefused++;
}

/* The identity of a record as text (strings, or integers), or NULL with
 * *why set. */
static const char *
record_identity(struct req *r, json_t *rec, const char **why)
{
	json_t		*v = json_object_get(rec, "identity");
	const char	*s;

	if (json_is_integer(v))
		return arena_printf(r->a, "%" JSON_INTEGER_FORMAT,
		    json_integer_value(v));
	if (!json_is_string(v) || json_string_length(v) == 0) {
		*why = "identity is missing (a string or a number)";
		return NULL;
	}
	s = json_string_value(v);
	if (strlen(s) != json_string_length(v) ||
	    !data_value_ok(s, strlen(s)) || !text_clean(s, strlen(s), 0)) {
		*why = "identity is longer than 512 characters or holds control characters";
		return NULL;
	}
	return s;
}

/* The event time of a record as UTC DATETIME text (now when absent), or
 * NULL with *why set. */
static const char *
record_ts(struct req *r, struct batch *b, json_t *rec, const char **why)
{
	json_t		*v = json_object_get(rec, "ts");
	char		 out[EVENT_TS_LEN];
	long long	 secs;

	if (v == NULL)
		secs = (long long)b->now;
	else if (json_is_integer(v))
		secs = (long long)json_integer_value(v);
	else {
		*why = "ts must be a whole number of seconds since 1970";
		return NULL;
	}
	if (b->last_ts != NULL && secs == b->last_secs)
		return b->last_ts;	/* most records: now, or one second */
	if (data_ts(secs, b->now, out) != RC_OK) {
		*why = "ts is too far in the past or in the future";
		return NULL;
	}
	b->last_secs = secs;
	return b->last_ts = arena_strdup(r->a, out);
}

/*
 * Checks the properties object of a record (names, values, counts); with
 * vals not NULL also returns them as ivals.  NULL, or why it is refused.
 */
static const char *
record_props(struct req *r, json_t *obj, struct ival **vals, size_t *n)
{
	const char	*key, *text, *why;
	json_t		*v;
	enum ptype	 t;
	size_t		 i = 0;

	if (!json_is_object(obj))
		return "properties must be a JSON object";
	if (json_object_size(obj) > MAX_RECORD_PROPS)
		return "more than 64 properties";
	if (vals != NULL && (*vals = arena_alloc(r->a,
	    (json_object_size(obj) + 1) * sizeof(**vals))) == NULL)
		return "out of memory";
	json_object_foreach(obj, key, v) {
		if (!data_name_ok(key, strlen(key)))
			return arena_printf(r->a, "property name \"%.40s\" is "
			    "empty, longer than 120 characters or holds control "
			    "characters", text_clean(key, strlen(key), 0) ? key : "?");
		if (data_json_value(r->a, v, &t, &text, &why) != RC_OK)
			return arena_printf(r->a, "property \"%s\" %s", key, why);
		if (vals != NULL) {
			(*vals)[i].name = key;
			(*vals)[i].type = t;
			(*vals)[i].text = text;
		}
		i++;
	}
	*n = i;
	return NULL;
}

/* An event record of identity at ts through the engine.  INGEST_REFUSED
 * with *why set when it is not one we take. */
static enum ingest_rc
record_event(struct req *r, struct ingest *ig, json_t *rec,
    const char *identity, const char *ts, const char **why)
{
	json_t		*ev = json_object_get(rec, "evtName");
	json_t		*data = json_object_get(rec, "evtData");
	const char	*name = json_string_value(ev);
	size_t		 n = 0;

	if (!json_is_string(ev) || strlen(name) != json_string_length(ev) ||
	    !data_name_ok(name, strlen(name)))
		*why = "evtName is empty, longer than 120 characters or "
		    "holds control characters";
	else if (data == NULL)
		*why = "evtData is missing (an object, maybe empty)";
	else
		*why = record_props(r, data, NULL, &n);
	if (*why != NULL)
		return INGEST_REFUSED;
	return ingest_event(ig, identity, name, ts, data, why);
}

/* A profile update of identity through the engine.  INGEST_REFUSED with
 * *why set when it is not one we take. */
static enum ingest_rc
record_profile(struct req *r, struct ingest *ig, json_t *rec,
    const char *identity, const char **why)
{
	struct ival	*vals = NULL;
	size_t		 n = 0;

	*why = record_props(r, json_object_get(rec, "profileData"), &vals, &n);
	if (*why == NULL && n == 0)
		*why = "profileData has no properties";
	if (*why != NULL)
		return INGEST_REFUSED;
	return ingest_profile(ig, identity, vals, n, why);
}

/* Ingests record i; refusals are noted, INGEST_ERROR returned as such. */
static enum ingest_rc
ingest_record(struct req *r, struct ingest *ig, struct batch *b, size_t i)
{
	json_t		*rec = json_array_get(b->records, i), *ev, *pd, *ty;
	const char	*why = NULL, *identity, *ts;
	enum ingest_rc	 rc;

	if (!json_is_object(rec)) {
		refuse(b, i, "a record must be a JSON object");
		return INGEST_REFUSED;
	}
	ev = json_object_get(rec, "evtName");
	pd = json_object_get(rec, "profileData");
	ty = json_object_get(rec, "type");
	if ((ev == NULL) == (pd == NULL) || (ty != NULL && !(json_is_string(ty) &&
	    strcmp(json_string_value(ty), ev ? "event" : "profile") == 0))) {
		refuse(b, i, "a record is an event (evtName, evtData) or a "
		    "profile update (profileData)");
		return INGEST_REFUSED;
	}
	if ((identity = record_identity(r, rec, &why)) == NULL ||
	    (ts = record_ts(r, b, rec, &why)) == NULL) {
		refuse(b, i, why);
		return INGEST_REFUSED;
	}
	rc = ev != NULL ? record_event(r, ig, rec, identity, ts, &why) :
	    record_profile(r, ig, rec, identity, &why);
	if (rc == INGEST_REFUSED)
		refuse(b, i, why);
	b->processed += rc == INGEST_OK;
	b->dropped += rc == INGEST_DROPPED;
	return rc;
}

/*
 * Runs the batch in one transaction, tried again from the start after a
 * conflict (db_retry: deadlock, lock wait, auto-increment, certification).
 * RC_OK, or the rc of the last try.
 */
static int
ingest_batch(struct req *r, uint64_t account, struct batch *b)
{
	struct db_retry	 rt = { 0, 0 };
	struct ingest	*ig;
	size_t		 i;
	int		 rc;

	do {
		b->nrefused = 0;
		b->processed = b->dropped = 0;
		if ((ig = ingest_new(r->db, r->a, account)) == NULL)
			return RC_ERROR;
		if ((rc = ingest_begin(ig)) != RC_OK)
			continue;
		for (i = 0; i < b->n; i++)
			if (ingest_record(r, ig, b, i) == INGEST_ERROR)
				break;
		if (i < b->n) {
			ingest_abort(ig);
			rc = RC_ERROR;
			continue;
		}
		rc = ingest_finish(ig);
	} while (rc != RC_OK && db_retry(r->db, &rt));
	return rc;
}

/* The answer: counts and the refused records.  RC_OK, or RC_ERROR. */
static int
ingest_answer(struct req *r, const struct batch *b)
{
	xmlNodePtr	 up, n;
	size_t		 i;

	r->status = 200;
	if (xml_page(r, "upload") == NULL)
		return RC_ERROR;
	up = xml_el(r->root, "upload", NULL);
	xml_attr_i(up, "records", (long long)b->n);
	xml_attr_i(up, "processed", (long long)b->processed);
	xml_attr_i(up, "dropped", (long long)b->dropped);
	xml_attr_i(up, "refused", (long long)b->nrefused);
	for (i = 0; i < b->nrefused; i++) {
		n = xml_el(up, "refused", b->refused[i].reason);
		xml_attr_i(n, "index", (long long)b->refused[i].index);
	}
	return RC_OK;
}

/* Parses the body into b->records.  RC_OK, or RC_ERROR after an error
 * page (r->doc set) or on exhaustion. */
static int
ingest_parse(struct req *r, struct batch *b)
{
	json_error_t	 je;
	json_t		*root, *d;

	if (r->ctype == NULL || strncmp(r->ctype, JSON_TYPE,
	    sizeof(JSON_TYPE) - 1) != 0) {
		page_error(r, 415, "Send the batch as application/json.");
		return RC_ERROR;
	}
	root = json_loadb(r->body ? r->body : "", r->body_len,
	    JSON_REJECT_DUPLICATES, &je);
	if (root == NULL) {
		page_error(r, 400, arena_printf(r->a, "The body is not valid "
		    "JSON: %s (line %d, column %d).", je.text, je.line, je.column));
		return RC_ERROR;
	}
	if ((b->hold = arena_alloc(r->a, sizeof(*b->hold))) == NULL) {
		json_decref(root);
		return RC_ERROR;
	}
	b->hold->v = root;
	b->hold->own = 1;
	if (arena_cleanup(r->a, free_json, b->hold) != 0)
		return RC_ERROR;	/* released by arena_cleanup() */
	d = json_is_object(root) ? json_object_get(root, "d") : root;
	if (!json_is_array(d)) {
		page_error(r, 400, "The body must be {\"d\": [records]} or "
		    "[records].");
		return RC_ERROR;
	}
	if (json_array_size(d) > INGEST_MAX_RECORDS) {
		page_error(r, 413, "A batch holds at most 1000 records.");
		return RC_ERROR;
	}
	b->records = d;
	b->n = json_array_size(d);
	b->refused = arena_alloc(r->a, (b->n + 1) * sizeof(*b->refused));
	return b->refused == NULL ? RC_ERROR : RC_OK;
}

/* Parses and stores the body of account's request, then draws the
 * answer: the rc of page_ingest_post(). */
static int
ingest_body(struct req *r, uint64_t account, struct batch *b)
{
	if (ingest_parse(r, b) != RC_OK)
		return r->doc != NULL ? RC_OK : RC_ERROR;
	if (ingest_batch(r, account, b) != RC_OK)
		return req_down(r);
	return ingest_answer(r, b);
}

/*
 * 200 with the counts (refused records are not an error of the batch);
 * 401 for missing or wrong credentials, 415 for another content type,
 * 400 for a body that is not a JSON batch, 413 for more than 1,000
 * records or 1 MiB (request.c); 404 outside /api; 503 without a
 * database.  Nothing is stored unless the answer is 200.
 */
int
page_ingest_post(struct req *r)
{
	struct batch	 b;
	uint64_t	 account;
	int		 rc;

	memset(&b, 0, sizeof(b));
	b.now = time(NULL);
	if (!r->api) {
		r->status = 404;
		return RC_ERROR;
	}
	if (ingest_auth(r, &account) != RC_OK)
		return req_down(r);
	if (account == 0) {
		page_error(r, 401, "Send the account's credentials in the headers "
		    "X-Account-Id and X-Account-Passcode.");
		return RC_OK;
	}
	json_mem_scope(r->a);
	rc = ingest_body(r, account, &b);
	if (json_mem_scope(NULL) == 0 && b.hold != NULL)
		b.hold->own = 0;	/* all of it in the arena */
	return rc;
}
