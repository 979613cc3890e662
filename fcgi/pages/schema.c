/*
 * /settings/events and /settings/user-properties: the schemas of what an
 * account sends, with volumes, and their governance — describe (Admin,
 * Creator), discard and restore (Admin; a discarded name's future data is
 * dropped at ingestion).  Both pages are one table of two kinds below;
 * every statement names the session's account, so an id of another
 * account is not found (404).
 *
 * GET query: q (search), sort (name, last-seen, count), page (1…),
 * edit=ID (the describe form), discard=ID (the confirmation).
 */
#include <stdlib.h>
#include <string.h>

#include "../arena.h"
#include "../audit.h"
#include "../db.h"
#include "../decode.h"
#include "../error.h"
#include "../ingest.h"
#include "../input.h"
#include "../limits.h"
#include "../rc.h"
#include "../request.h"
#include "../text.h"
#include "../valid.h"
#include "../xml.h"

struct schema_kind {
	const char	*page, *base, *noun, *title;
	enum stmt	 list, one, describe, discard, restore, total;
	const char	*a_describe, *a_discard, *a_restore;
	int		 typed;		/* properties: the type is editable */
};

static const struct schema_kind k_events = {
	"events", "/settings/events", "event", "Events",
	STMT_SCHEMA_EVENTS, STMT_SCHEMA_EVENT_ONE, STMT_SCHEMA_EVENT_DESCRIBE,
	STMT_SCHEMA_EVENT_DISCARD, STMT_SCHEMA_EVENT_RESTORE,
	STMT_SCHEMA_EVENT_TOTAL,
	"event.describe", "event.discard", "event.restore", 0,
};

static const struct schema_kind k_props = {
	"user-properties", "/settings/user-properties", "property",
	"User Properties",
	STMT_SCHEMA_PROPS, STMT_SCHEMA_PROP_ONE, STMT_SCHEMA_PROP_DESCRIBE,
	STMT_SCHEMA_PROP_DISCARD, STMT_SCHEMA_PROP_RESTORE,
	STMT_SCHEMA_PROP_TOTAL,
	"property.describe", "property.discard", "property.restore", 1,
};

/* The sort orders the list statements know. */
static const char *const sorts[] = { "name", "last-seen", "count" };

/* What a 422 re-render shows again: the form and the values typed. */
struct typed {
	const char	*id, *label, *description, *type;
	const char	*confirm_id;
};

/* The sort named by the query, "name" when unknown. */
static const char *
schema_sort(struct req *r)
{
	const char	*s = kv_get(&r->query, "sort");
	size_t		 i;

	for (i = 0; s != NULL && i < sizeof(sorts) / sizeof(sorts[0]); i++)
		if (strcmp(s, sorts[i]) == 0)
			return sorts[i];
	return "name";
}

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

/* Adds one <item> from row i of the list statement. */
static void
schema_item(struct req *r, const struct schema_kind *k, xmlNodePtr list,
    const struct dbres *res, size_t i)
{
	xmlNodePtr	 it;
	const char	*props, *p, *tab;

	it = xml_el(list, "item", NULL);
	xml_attr(it, "id", db_cell(res, i, 0));
	xml_attr(it, "name", db_cell(res, i, 1));
	xml_attr(it, "status", db_u64(res, i, 5) ? "discarded" : "active");
	xml_attr(it, "first-seen", db_cell(res, i, 6));
	xml_attr(it, "last-seen", db_cell(res, i, 7));
	xml_attr(it, "dropped", db_cell(res, i, 11));
	if (k->typed) {
		xml_attr(it, "type", ptype_name((enum ptype)db_u64(res, i, 2)));
		xml_attr(it, "profiles", db_cell(res, i, 8));
		xml_attr_yes(it, "type-set", db_u64(res, i, 4) != 0);
	} else {
		xml_attr(it, "display-name", db_cell(res, i, 2));
		xml_attr(it, "system", db_u64(res, i, 4) ? "yes" : "no");
		xml_attr(it, "this-month", db_cell(res, i, 8));
		xml_attr(it, "last-month", db_cell(res, i, 9));
		xml_attr(it, "total", db_cell(res, i, 10));
		xml_attr(it, "props", db_cell(res, i, 12));
	}
	if (db_cell(res, i, 3)[0] != '\0')
		xml_el(it, "description", db_cell(res, i, 3));
	props = db_cell(res, i, 13);
	for (p = props; p != NULL && *p != '\0'; p = tab ? tab + 1 : NULL) {
		tab = strchr(p, '\t');
		xml_el(it, "prop", tab ? arena_strndup(r->a, p, (size_t)(tab - p)) : p);
	}
}

/*
 * The rows of a list statement in their place on the page (its last
 * column, rn: the statement leaves the wide rows unsorted).  NULL on
 * exhaustion.
 */
static size_t *
schema_order(struct req *r, const struct dbres *res)
{
	size_t		*order, i, k;
	uint64_t	 first = 0, rn;

	if ((order = arena_alloc(r->a, (res->nrows + 1) * sizeof(*order))) == NULL)
		return NULL;
	for (i = 0; i < res->nrows; i++) {
		rn = db_u64(res, i, res->ncols - 1);
		if (i == 0 || rn < first)
			first = rn;
	}
	for (i = 0; i < res->nrows; i++)
		order[i] = i;
	for (i = 0; i < res->nrows; i++) {	/* rn are consecutive from first */
		k = (size_t)(db_u64(res, i, res->ncols - 1) - first);
		if (k < res->nrows)
			order[k] = i;
	}
	return order;
}

/* The <edit> or <confirm> panel for the item id of this account. */
static int
schema_panel(struct req *r, const struct schema_kind *k, const char *what,
    const char *id, const struct typed *t)
{
	struct dbres	 res;
	xmlNodePtr	 n;

	if (id == NULL || !valid_check(VALID_ID, id, strlen(id)))
		return 0;
	if (db_exec(r->db, r->a, k->one, &res, NULL, NULL, "uu",
	    strtoull(id, NULL, 10), r->s->account_id) != RC_OK)
		return -1;
	if (res.nrows != 1)
		return 0;
	n = xml_el(r->root, what, NULL);
	xml_attr(n, "id", db_cell(&res, 0, 0));
	xml_attr(n, "name", db_cell(&res, 0, 1));
	xml_attr(n, "status", db_u64(&res, 0, 4) ? "discarded" : "active");
	if (strcmp(what, "edit") == 0) {
		xml_attr(n, "label", t && t->label ? t->label : db_cell(&res, 0, 2));
		xml_attr(n, "description", t && t->description ?
		    t->description : db_cell(&res, 0, 3));
		if (k->typed)
			xml_attr(n, "type", t && t->type ? t->type :
			    ptype_name((enum ptype)db_u64(&res, 0, 5)));
	}
	return 0;
}

/*
 * Draws the page of kind k with its list (status set by the caller);
 * t refills the describe form after a 422.  Returns 0, or -1 (status
 * set) without a database.
 */
static int
schema_render(struct req *r, const struct schema_kind *k, const struct typed *t)
{
	const char	*q = kv_get(&r->query, "q"), *sort = schema_sort(r);
	const char	*like;
	long		 pageno = page_arg(kv_get(&r->query, "page"));
	struct dbres	 res, tot;
	xmlNodePtr	 list;
	size_t		 i, shown, *order;

	if (q != NULL && (strlen(q) > MAX_DATA_NAME * 4 || !text_clean(q,
	    strlen(q), 0)))
		q = NULL;
	like = schema_like(r, q);
	if (r->doc == NULL && xml_page(r, k->page) == NULL)
		return -1;
	if (db_exec(r->db, r->a, k->list, &res, NULL, NULL, "ssssusssii",
	    r->s->timezone, r->s->timezone, sort, sort, r->s->account_id, like,
	    like, like, (long long)SCHEMA_PER_PAGE + 1,
	    (long long)(pageno - 1) * SCHEMA_PER_PAGE) != RC_OK ||
	    db_exec(r->db, r->a, k->total, &tot, NULL, NULL, "u",
	    r->s->account_id) != RC_OK) {
		r->status = 503;
		return -1;
	}
	list = xml_el(r->root, "schema", NULL);
	xml_attr(list, "kind", k->page);
	xml_attr(list, "q", q ? q : "");
	xml_attr(list, "sort", sort);
	xml_attr_i(list, "page", pageno);
	xml_attr_i(list, "per-page", SCHEMA_PER_PAGE);
	xml_attr(list, "total", tot.nrows ? db_cell(&tot, 0, 0) : "0");
	xml_attr_yes(list, "next", res.nrows > SCHEMA_PER_PAGE);
	xml_attr(list, "limit", k->typed ? "256" : "512");
	if ((order = schema_order(r, &res)) == NULL)
		return -1;
	shown = res.nrows > SCHEMA_PER_PAGE ? SCHEMA_PER_PAGE : res.nrows;
	for (i = 0; i < shown; i++)
		schema_item(r, k, list, &res, order[i]);
	if (schema_panel(r, k, "edit", t ? t->id : kv_get(&r->query, "edit"),
	    t) == -1 || schema_panel(r, k, "confirm", t ? t->confirm_id :
	    kv_get(&r->query, "discard"), NULL) == -1) {
		r->status = 503;
		return -1;
	}
	return 0;
}

/* GET /settings/events. */
int
page_events(struct req *r)
{
	return schema_render(r, &k_events, NULL);
}

/* GET /settings/user-properties. */
int
page_user_properties(struct req *r)
{
	return schema_render(r, &k_props, NULL);
}

/*
 * The item named by the form's id in this account: its name into *name.
 * 0 when found, 404 (page drawn) when not, -1 on a database error.
 */
static int
schema_target(struct req *r, const struct schema_kind *k, uint64_t *id,
    const char **name, int *discarded)
{
	const char	*s = kv_get(&r->form, "id");
	struct dbres	 res;

	if (s == NULL || !valid_check(VALID_ID, s, strlen(s))) {
		page_error(r, 404, NULL);
		return 404;
	}
	*id = strtoull(s, NULL, 10);
	if (db_exec(r->db, r->a, k->one, &res, NULL, NULL, "uu", *id,
	    r->s->account_id) != RC_OK) {
		r->status = 503;
		return -1;
	}
	if (res.nrows != 1) {
		page_error(r, 404, NULL);
		return 404;
	}
	*name = db_cell(&res, 0, 1);
	*discarded = db_u64(&res, 0, 4) != 0;
	return 0;
}

/*
 * Runs one update of item id and its audit row in one transaction: with
 * two texts (describe) or none (discard, restore).  0, or -1.
 */
static int
schema_change(struct req *r, const char *action, const char *name,
    enum stmt st, const char *t1, const char *t2, uint64_t id)
{
	int	 rc;

	if (db_begin(r->db) != RC_OK)
		return -1;
	rc = t1 == NULL ?
	    db_exec(r->db, r->a, st, NULL, NULL, NULL, "uu", id,
	    r->s->account_id) :
	    db_exec(r->db, r->a, st, NULL, NULL, NULL, "ssuu", t1, t2, id,
	    r->s->account_id);
	if (rc != RC_OK || audit_req(r, action, name) != RC_OK || db_commit(r->db) != RC_OK) {
		db_rollback(r->db);
		return -1;
	}
	return 0;
}

/* 422: the page again with the form refilled and one field error. */
static int
schema_refuse(struct req *r, const struct schema_kind *k, const struct typed *t,
    const char *field, const char *msg)
{
	r->status = 422;
	if (xml_page(r, k->page) == NULL)
		return -1;
	xml_error(r, field, msg);
	return schema_render(r, k, t);
}

/* An optional text field: "" is allowed, else it must pass validator v. */
static int
optional_ok(enum valid v, const char *s)
{
	return s != NULL && (s[0] == '\0' || valid_check(v, s, strlen(s)));
}

/*
 * POST …/describe: display name (events) or type (properties) and
 * description.  303 + flash; 422 with the values kept; 404 for an id not
 * of this account; 503 without a database.
 */
static int
schema_describe(struct req *r, const struct schema_kind *k)
{
	struct typed	 t;
	const char	*name;
	uint64_t	 id;
	int		 rc, discarded;
	enum ptype	 type = PTYPE_NONE;

	memset(&t, 0, sizeof(t));
	if ((rc = schema_target(r, k, &id, &name, &discarded)) != 0)
		return rc == 404 ? 0 : -1;
	t.id = kv_get(&r->form, "id");
	t.label = kv_get(&r->form, "display_name");
	t.description = kv_get(&r->form, "description");
	t.type = kv_get(&r->form, "type");
	if (t.label == NULL)
		t.label = "";
	if (t.description == NULL)
		t.description = "";
	if (!k->typed && !optional_ok(VALID_DATA_LABEL, t.label))
		return schema_refuse(r, k, &t, "display_name",
		    valid_message(VALID_DATA_LABEL));
	if (k->typed && (type = ptype_parse(t.type)) == PTYPE_NONE) {
		t.type = NULL;
		return schema_refuse(r, k, &t, "type", valid_message(VALID_PTYPE));
	}
	if (!optional_ok(VALID_DESCRIPTION, t.description))
		return schema_refuse(r, k, &t, "description",
		    valid_message(VALID_DESCRIPTION));
	if (schema_change(r, k->a_describe, name, k->describe,
	    k->typed ? ptype_name(type) : t.label, t.description, id) == -1) {
		r->status = 503;
		return -1;
	}
	req_flash(r, "ok", arena_printf(r->a, "Saved the description of %s.",
	    name));
	req_redirect(r, k->base);
	return 0;
}

/*
 * POST …/discard (confirm=yes) and …/restore.  303 + flash; 422 when
 * the confirmation is missing; 404 for an id not of this account.
 */
static int
schema_status(struct req *r, const struct schema_kind *k, int discard)
{
	struct typed	 t;
	const char	*name, *confirm = kv_get(&r->form, "confirm");
	uint64_t	 id;
	int		 rc, discarded;

	if ((rc = schema_target(r, k, &id, &name, &discarded)) != 0)
		return rc == 404 ? 0 : -1;
	if (discard && (confirm == NULL || strcmp(confirm, "yes") != 0)) {
		memset(&t, 0, sizeof(t));
		t.confirm_id = kv_get(&r->form, "id");
		return schema_refuse(r, k, &t, "confirm", arena_printf(r->a,
		    "Confirm that future data of this %s is to be dropped.",
		    k->noun));
	}
	if (discarded == discard) {
		req_flash(r, "ok", arena_printf(r->a, "%s was already %s.", name,
		    discard ? "discarded" : "active"));
		req_redirect(r, k->base);
		return 0;
	}
	if (schema_change(r, discard ? k->a_discard : k->a_restore, name,
	    discard ? k->discard : k->restore, NULL, NULL, id) == -1) {
		r->status = 503;
		return -1;
	}
	req_flash(r, "ok", discard ? arena_printf(r->a, "Discarded %s: its "
	    "future data will be dropped.", name) :
	    arena_printf(r->a, "Restored %s: its data is accepted again.", name));
	req_redirect(r, k->base);
	return 0;
}

int page_events_describe_post(struct req *r) { return schema_describe(r, &k_events); }
int page_events_discard_post(struct req *r) { return schema_status(r, &k_events, 1); }
int page_events_restore_post(struct req *r) { return schema_status(r, &k_events, 0); }
int page_props_describe_post(struct req *r) { return schema_describe(r, &k_props); }
int page_props_discard_post(struct req *r) { return schema_status(r, &k_props, 1); }
int page_props_restore_post(struct req *r) { return schema_status(r, &k_props, 0); }
