/*
 * The engine of the schema pages, /settings/events and
 * /settings/user-properties: what an account sends, with volumes, and
 * its governance — describe (Admin, Creator), discard and restore
 * (Admin; a discarded name's future data is dropped at ingestion).  A
 * struct schema_kind (fcgi/pages/events.c, user_properties.c) names the
 * statements and words of each page; every statement names the
 * session's account, so an id of another account is not found (404).
 *
 * Declared input (fcgi/tables/data.routes.def): q (search), sort (name,
 * last-seen, count) and page of the list, read by every route that
 * draws the page; edit=ID (the describe form) and discard=ID (the
 * confirmation) of the GET; id and the fields of each action.
 */
#include <stdlib.h>
#include <string.h>

#include "schema.h"
#include "arena.h"
#include "audit.h"
#include "datatype.h"
#include "db.h"
#include "input.h"
#include "limits.h"
#include "pager.h"
#include "rc.h"
#include "request.h"
#include "text.h"
#include "tz.h"
#include "xml.h"

/* Columns of STMT_SCHEMA_EVENTS_BY_* and STMT_SCHEMA_PROPS_BY_*. */
enum {
	SL_ID,
	SL_NAME,
	SL_LABEL,		/* events: display name; properties: type */
	SL_DESCRIPTION,
	SL_FLAG,		/* events: system; properties: type set */
	SL_DISCARDED,
	SL_FIRST_SEEN,
	SL_LAST_SEEN,
	SL_COUNT,		/* events: this month; properties: profiles */
	SL_LAST_MONTH,
	SL_TOTAL,
	SL_DROPPED,
	SL_PROPS,		/* events: property names known */
	SL_PROP_NAMES,		/* events: up to 20, tab-separated */
};

/* Columns of STMT_SCHEMA_EVENT_MATCHES and STMT_SCHEMA_PROP_MATCHES. */
enum {
	SM_COUNT,
};

/* The query's sort values, by enum schema_sort. */
static const char *const schema_sorts[SCHEMA_SORT__MAX] = {
	[SCHEMA_BY_NAME] = "name",
	[SCHEMA_BY_SEEN] = "last-seen",
	[SCHEMA_BY_COUNT] = "count",
};

/* Columns of STMT_SCHEMA_EVENT_ONE and STMT_SCHEMA_PROP_ONE. */
enum {
	SO_ID,
	SO_NAME,
	SO_LABEL,
	SO_DESCRIPTION,
	SO_DISCARDED,
	SO_TYPE,
};

/* Columns of STMT_SCHEMA_EVENT_TOTAL and STMT_SCHEMA_PROP_TOTAL. */
enum {
	ST_TOTAL,
};

/* What a 422 shows again: the form and the values typed. */
struct typed {
	uint64_t	 id;		/* the describe form's item, or 0 */
	const char	*label, *description, *type;	/* NULL: the stored */
	uint64_t	 confirm_id;	/* the confirmation's item, or 0 */
};

/* The item an action names. */
struct item {
	uint64_t	 id;
	const char	*name;
	int		 discarded;
};

/* A LIKE pattern matching q anywhere, with % _ \ escaped; "" for none. */
static const char *
schema_like(struct req *r, const char *q)
{
	char	*p;
	size_t	 i, j = 0, n = q ? strlen(q) : 0;

	if (n == 0 || (p = arena_alloc(r->a, 2 * n + 3)) == NULL)
		return "";
	p[j++] = '%';
	for (i = 0; i < n; i++) {
		if (q[i] == '%' || q[i] == '_' || q[i] == '\\')
			p[j++] = '\\';
		p[j++] = q[i];
	}
	p[j++] = '%';
	p[j] = '\0';
	return p;
}

/* "discarded" or "active". */
static const char *
status_word(int discarded)
{
	return discarded ? "discarded" : "active";
}

/* Adds one <item> from row i of the list statement; times in zone z. */
static void
schema_item(struct req *r, const struct schema_kind *k, xmlNodePtr list,
    const struct tz *z, const struct dbres *res, size_t i)
{
	xmlNodePtr	 it;
	const char	*p, *tab;

	it = xml_el(list, "item", NULL);
	xml_attr(it, "id", db_cell(res, i, SL_ID));
	xml_attr(it, "name", db_cell(res, i, SL_NAME));
	xml_attr(it, "status", status_word(db_u64(res, i, SL_DISCARDED) != 0));
	xml_attr_time(it, "first-seen", z, db_cell(res, i, SL_FIRST_SEEN));
	xml_attr_time(it, "last-seen", z, db_cell(res, i, SL_LAST_SEEN));
	xml_attr(it, "dropped", db_cell(res, i, SL_DROPPED));
	if (k->typed) {
		xml_attr(it, "type",
		    ptype_name((enum ptype)db_u64(res, i, SL_LABEL)));
		xml_attr(it, "profiles", db_cell(res, i, SL_COUNT));
		xml_attr_yes(it, "type-set", db_u64(res, i, SL_FLAG) != 0);
	} else {
		xml_attr(it, "display-name", db_cell(res, i, SL_LABEL));
		xml_attr(it, "system", db_u64(res, i, SL_FLAG) ? "yes" : "no");
		xml_attr(it, "this-month", db_cell(res, i, SL_COUNT));
		xml_attr(it, "last-month", db_cell(res, i, SL_LAST_MONTH));
		xml_attr(it, "total", db_cell(res, i, SL_TOTAL));
		xml_attr(it, "props", db_cell(res, i, SL_PROPS));
	}
	if (db_cell(res, i, SL_DESCRIPTION)[0] != '\0')
		xml_el(it, "description", db_cell(res, i, SL_DESCRIPTION));
	p = db_cell(res, i, SL_PROP_NAMES);
	for (; p != NULL && *p != '\0'; p = tab ? tab + 1 : NULL) {
		tab = strchr(p, '\t');
		xml_el(it, "prop", tab ? arena_strndup(r->a, p,
		    (size_t)(tab - p)) : p);
	}
}

/* The order named by sort (NULL or unknown: by name). */
static enum schema_sort
schema_sort_of(const char *sort)
{
	size_t	 i;

	for (i = 0; sort != NULL && i < SCHEMA_SORT__MAX; i++)
		if (strcmp(sort, schema_sorts[i]) == 0)
			return (enum schema_sort)i;
	return SCHEMA_BY_NAME;
}

/*
 * The names the list shows with pattern like ("": all of them, the
 * counter total read already in tot).  -1 when the statement fails.
 */
static long long
schema_matches(struct req *r, const struct schema_kind *k, const char *like,
    const struct dbres *tot)
{
	struct dbres	 res;

	if (*like == '\0')
		return tot->nrows ? (long long)db_u64(tot, 0, ST_TOTAL) : 0;
	if (db_exec(r->db, r->a, k->matches, &res, NULL, NULL, "uss",
	    r->s->account_id, like, like) != RC_OK || res.nrows != 1)
		return -1;
	return (long long)db_u64(&res, 0, SM_COUNT);
}

/*
 * Adds <schema> with a page of the items of kind k, as the list fields
 * ask, and its <pager> (total: the rows the search matches; unknown on
 * an empty page past the first).  RC_OK, or RC_ERROR with r->status 503
 * without a database (left as it is on exhaustion).
 */
static int
schema_list(struct req *r, const struct schema_kind *k)
{
	static const char *const keep[] = { "q", "sort", NULL };
	const char	*q = in_str(r, "q"), *like;
	enum schema_sort so = schema_sort_of(in_str(r, "sort"));
	long		 pageno = page_arg(in_str(r, "page"));
	long long	 matches;
	struct dbres	 res, tot;
	struct tz	*z;
	xmlNodePtr	 list;
	size_t		 i, shown;

	if ((z = tz_or_utc(r->a, r->s->timezone)) == NULL)
		return RC_ERROR;
	like = schema_like(r, q);
	if (db_exec(r->db, r->a, k->list[so], &res, NULL, NULL, "usssii",
	    r->s->account_id, like, like, like,
	    (long long)SCHEMA_PER_PAGE + 1,
	    (long long)(pageno - 1) * SCHEMA_PER_PAGE) != RC_OK ||
	    db_exec(r->db, r->a, k->total, &tot, NULL, NULL, "u",
	    r->s->account_id) != RC_OK ||
	    (matches = schema_matches(r, k, like, &tot)) < 0)
		return req_down(r);
	list = xml_el(r->root, "schema", NULL);
	xml_attr(list, "kind", k->page);
	xml_attr(list, "q", q ? q : "");
	xml_attr(list, "sort", schema_sorts[so]);
	xml_attr(list, "total", tot.nrows ? db_cell(&tot, 0, ST_TOTAL) : "0");
	xml_attr_i(list, "limit", k->limit);
	if (res.nrows == 0 && pageno > 1)
		matches = -1;		/* past the end: drawn as before */
	if (pager_el(r, list, k->base, pageno, SCHEMA_PER_PAGE,
	    res.nrows > SCHEMA_PER_PAGE, matches, keep) == NULL)
		return RC_ERROR;
	shown = res.nrows > SCHEMA_PER_PAGE ? SCHEMA_PER_PAGE : res.nrows;
	for (i = 0; i < shown; i++)
		schema_item(r, k, list, z, &res, i);
	return RC_OK;
}

/*
 * The <edit> or <confirm> panel (what) of item id (none for 0 or an item
 * of another account); t refills the describe form.  RC_OK, or the rc of
 * the statement.
 */
static int
schema_panel(struct req *r, const struct schema_kind *k, const char *what,
    uint64_t id, const struct typed *t)
{
	struct dbres	 res;
	xmlNodePtr	 n;
	int		 rc;

	if (id == 0)
		return RC_OK;
	if ((rc = db_exec(r->db, r->a, k->one, &res, NULL, NULL, "uu", id,
	    r->s->account_id)) != RC_OK)
		return rc;
	if (res.nrows != 1)
		return RC_OK;
	n = xml_el(r->root, what, NULL);
	xml_attr(n, "id", db_cell(&res, 0, SO_ID));
	xml_attr(n, "name", db_cell(&res, 0, SO_NAME));
	xml_attr(n, "status", status_word(db_u64(&res, 0, SO_DISCARDED) != 0));
	if (strcmp(what, "edit") != 0)
		return RC_OK;
	xml_attr(n, "label", t && t->label ? t->label :
	    db_cell(&res, 0, SO_LABEL));
	xml_attr(n, "description", t && t->description ? t->description :
	    db_cell(&res, 0, SO_DESCRIPTION));
	if (k->typed)
		xml_attr(n, "type", t && t->type ? t->type :
		    ptype_name((enum ptype)db_u64(&res, 0, SO_TYPE)));
	return RC_OK;
}

/*
 * Draws the page of kind k (status set by the caller): the list, and the
 * describe form or the confirmation — of the GET's edit or discard, or
 * of t after a 422.  RC_OK, or RC_ERROR with r->status set.
 */
static int
schema_render(struct req *r, const struct schema_kind *k, const struct typed *t)
{
	uint64_t	 edit = 0, confirm = 0;

	if (r->doc == NULL && xml_page(r, k->page) == NULL)
		return RC_ERROR;
	if (schema_list(r, k) != RC_OK)
		return RC_ERROR;
	if (t != NULL) {
		edit = t->id;
		confirm = t->confirm_id;
	} else {
		(void)in_u64(r, "edit", &edit);
		(void)in_u64(r, "discard", &confirm);
	}
	if (schema_panel(r, k, "edit", edit, t) != RC_OK ||
	    schema_panel(r, k, "confirm", confirm, NULL) != RC_OK)
		return req_down(r);
	return RC_OK;
}

/* GET of the page of kind k: 200, or 503 without a database. */
int
schema_page(struct req *r, const struct schema_kind *k)
{
	return schema_render(r, k, NULL);
}

/*
 * The item the form's id names in this account, into *it.  RC_OK, or
 * RC_ERROR with r->status 404 (not an item of this account) or 503.
 */
static int
schema_target(struct req *r, const struct schema_kind *k, struct item *it)
{
	struct dbres	 res;

	if (in_u64(r, "id", &it->id) != RC_OK) {
		r->status = 404;
		return RC_ERROR;
	}
	if (db_exec(r->db, r->a, k->one, &res, NULL, NULL, "uu", it->id,
	    r->s->account_id) != RC_OK)
		return req_down(r);
	if (res.nrows != 1) {
		r->status = 404;
		return RC_ERROR;
	}
	it->name = db_cell(&res, 0, SO_NAME);
	it->discarded = db_u64(&res, 0, SO_DISCARDED) != 0;
	return RC_OK;
}

/* The arguments of schema_change(). */
struct schema_change {
	const char		*action;
	const struct item	*it;
	enum stmt		 st;
	const char		*t1, *t2;
};

/* req_txn_fn: schema_change()'s transaction. */
static int
schema_change_tx(struct req *r, void *arg)
{
	struct schema_change	*c = arg;
	int			 rc;

	rc = db_exec(r->db, r->a, STMT_DATA_GEN_BUMP, NULL, NULL, NULL, "u",
	    r->s->account_id);
	if (rc == RC_OK)
		rc = c->t1 == NULL ?
		    db_exec(r->db, r->a, c->st, NULL, NULL, NULL, "uu",
		    c->it->id, r->s->account_id) :
		    db_exec(r->db, r->a, c->st, NULL, NULL, NULL, "ssuu", c->t1,
		    c->t2, c->it->id, r->s->account_id);
	if (rc != RC_OK)
		return rc;
	return audit_req(r, c->action, c->it->name);
}

/*
 * Runs update st of item it and its audit row (action) in one
 * transaction: with the texts t1, t2 (describe) or none (t1 NULL:
 * discard, restore).  The account's schema generation moves first, so
 * every process's cached names of the account (name_cache.c) are read
 * again by the next ingestion batch.  An rc.
 */
static int
schema_change(struct req *r, const char *action, const struct item *it,
    enum stmt st, const char *t1, const char *t2)
{
	struct schema_change	 c = { action, it, st, t1, t2 };

	return req_txn(r, schema_change_tx, &c);
}

/* 422: the page again with the form refilled from t and one field error.
 * RC_OK, or RC_ERROR with r->status set. */
static int
schema_refuse(struct req *r, const struct schema_kind *k, const struct typed *t,
    const char *field, const char *msg)
{
	r->status = 422;
	if (xml_page(r, k->page) == NULL)
		return RC_ERROR;
	xml_error(r, field, msg);
	return schema_render(r, k, t);
}

/* 303 back to the page of kind k with the flash.  RC_OK. */
static int
schema_done(struct req *r, const struct schema_kind *k, const char *flash)
{
	req_flash(r, "ok", flash);
	req_redirect(r, k->base);
	return RC_OK;
}

/*
 * POST …/describe: display_name (events) or type (properties), and
 * description.  303 + flash (audited); 422 with the values kept and the
 * first refused field; 404 for an id not of this account; 503 without a
 * database.
 */
int
schema_describe(struct req *r, const struct schema_kind *k)
{
	const char	*field = k->typed ? "type" : "display_name", *msg;
	struct typed	 t;
	struct item	 it;

	if (schema_target(r, k, &it) != RC_OK)
		return RC_ERROR;
	memset(&t, 0, sizeof(t));
	t.id = it.id;
	t.description = in_typed(r, "description");
	if (k->typed)
		t.type = in_typed(r, "type");
	else
		t.label = in_typed(r, "display_name");
	if ((msg = in_error(r, field)) != NULL) {
		t.type = NULL;		/* the stored type is shown again */
		return schema_refuse(r, k, &t, field, msg);
	}
	if ((msg = in_error(r, "description")) != NULL)
		return schema_refuse(r, k, &t, "description", msg);
	if (schema_change(r, k->a_describe, &it, k->describe, k->typed ?
	    t.type : t.label, t.description) != RC_OK)
		return req_down(r);
	return schema_done(r, k, arena_printf(r->a,
	    "Saved the description of %s.", it.name));
}

/* Discards (or restores) item it: 303 + flash (audited, unless it
 * already was), or 503 without a database. */
static int
schema_set(struct req *r, const struct schema_kind *k, const struct item *it,
    int discard)
{
	if (it->discarded == discard)
		return schema_done(r, k, arena_printf(r->a, "%s was already %s.",
		    it->name, status_word(discard)));
	if (schema_change(r, discard ? k->a_discard : k->a_restore, it,
	    discard ? k->discard : k->restore, NULL, NULL) != RC_OK)
		return req_down(r);
	return schema_done(r, k, discard ? arena_printf(r->a, "Discarded %s: "
	    "its future data will be dropped.", it->name) :
	    arena_printf(r->a, "Restored %s: its data is accepted again.",
	    it->name));
}

/*
 * POST …/discard (id, confirm=yes): 303 + flash; 422 with the
 * confirmation when confirm is not yes; 404 for an id not of this
 * account; 503 without a database.
 */
int
schema_discard(struct req *r, const struct schema_kind *k)
{
	const char	*confirm = in_str(r, "confirm");
	struct typed	 t;
	struct item	 it;

	if (schema_target(r, k, &it) != RC_OK)
		return RC_ERROR;
	if (confirm == NULL || strcmp(confirm, "yes") != 0) {
		memset(&t, 0, sizeof(t));
		t.confirm_id = it.id;
		return schema_refuse(r, k, &t, "confirm", arena_printf(r->a,
		    "Confirm that future data of this %s is to be dropped.",
		    k->noun));
	}
	return schema_set(r, k, &it, 1);
}

/* POST …/restore (id): 303 + flash; 404 for an id not of this account;
 * 503 without a database. */
int
schema_restore(struct req *r, const struct schema_kind *k)
{
	struct item	 it;

	if (schema_target(r, k, &it) != RC_OK)
		return RC_ERROR;
	return schema_set(r, k, &it, 0);
}
