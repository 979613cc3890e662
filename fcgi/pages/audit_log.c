/*
 * The audit log (/settings/audit-log, Admin): who did what in this
 * account, when (in the account's timezone) and from where — newest
 * first, AUDIT_PER_PAGE rows a page, filtered by actor (part of a name or
 * email), action (exact, or every action under a prefix such as
 * "invite"), and a date range of local calendar days.  Failed sign-ins of
 * the account's members, which are stored without an account, are shown
 * too.  The CSV export (/settings/audit-log.csv) is the same XML drawn by
 * xslt/csv.xsl.
 */
#include <stdlib.h>
#include <string.h>

#include "../arena.h"
#include "../db.h"
#include "../decode.h"
#include "../limits.h"
#include "../rc.h"
#include "../request.h"
#include "../text.h"
#include "../valid.h"
#include "../xml.h"

/* The filter, validated; "" for "any". */
struct afilter {
	const char	*actor, *action, *from, *to;
	long		 page;
	const char	*from_utc, *to_utc;	/* NULL: open */
};

enum af { AF_ACTOR, AF_ACTION, AF_FROM, AF_TO, AF_PAGE, AF__MAX };

static const struct {
	const char	*name;
	enum valid	 v;
} afields[AF__MAX] = {
	[AF_ACTOR] = { "actor", VALID_SEARCH },
	[AF_ACTION] = { "action", VALID_AUDIT_ACTION },
	[AF_FROM] = { "from", VALID_DATE },
	[AF_TO] = { "to", VALID_DATE },
	[AF_PAGE] = { "page", VALID_PAGE },
};

/* 1 when v is an acceptable value of field f (beyond its pattern too). */
static int
af_ok(enum af f, const char *v)
{
	if (!valid_check(afields[f].v, v, strlen(v)))
		return 0;
	if (f == AF_FROM || f == AF_TO)
		return date_ok(v);
	if (f == AF_PAGE)
		return strtol(v, NULL, 10) <= MAX_LIST_PAGE;
	return 1;
}

/* Stores a validated value of field f. */
static void
af_set(struct afilter *a, enum af f, const char *v)
{
	const char	**slot[AF__MAX] = {
		[AF_ACTOR] = &a->actor, [AF_ACTION] = &a->action,
		[AF_FROM] = &a->from, [AF_TO] = &a->to,
	};

	if (f == AF_PAGE)
		a->page = strtol(v, NULL, 10);
	else
		*slot[f] = v;
}

/*
 * Reads the filter from the query string; refused fields get an <error>
 * and stay "any".  Returns the number refused.
 */
static int
af_parse(struct req *r, struct afilter *a)
{
	const char	*v;
	size_t		 f;
	int		 bad = 0;

	memset(a, 0, sizeof(*a));
	a->actor = a->action = a->from = a->to = "";
	a->page = 1;
	for (f = 0; f < AF__MAX; f++) {
		v = kv_get(&r->query, afields[f].name);
		if (v == NULL || *v == '\0')
			continue;
		if (af_ok((enum af)f, v)) {
			af_set(a, (enum af)f, v);
			continue;
		}
		xml_error(r, afields[f].name, valid_message(afields[f].v));
		bad++;
	}
	if (*a->from && *a->to && strcmp(a->from, a->to) > 0) {
		xml_error(r, "to", "The end date is before the start date.");
		a->to = "";
		bad++;
	}
	return bad;
}

/* The UTC bounds of the local days from..to in the account's zone. */
static int
af_bounds(struct req *r, struct afilter *a)
{
	struct dbres	 res;
	int		 rc;

	if (!*a->from && !*a->to)
		return RC_OK;
	if ((rc = db_exec(r->db, r->a, STMT_LOCAL_DAY_UTC, &res, NULL, NULL,
	    "ssss", *a->from ? a->from : NULL, r->s->timezone,
	    *a->to ? a->to : NULL, r->s->timezone)) != RC_OK || res.nrows != 1)
		return rc != RC_OK ? rc : RC_ERROR;
	a->from_utc = db_cell(&res, 0, 0);
	a->to_utc = db_cell(&res, 0, 1);
	return RC_OK;
}

/* The <audit> element with the filter as understood. */
static xmlNodePtr
audit_el(struct req *r, const struct afilter *a)
{
	xmlNodePtr	 n = xml_el(r->root, "audit", NULL);

	xml_attr(n, "actor", a->actor);
	xml_attr(n, "action", a->action);
	xml_attr(n, "from", a->from);
	xml_attr(n, "to", a->to);
	xml_attr_i(n, "page", a->page);
	xml_attr_i(n, "per-page", AUDIT_PER_PAGE);
	return n;
}

/* The entries of one page (limit rows from offset) under n. */
static int
add_entries(struct req *r, xmlNodePtr n, const struct afilter *a, long limit,
    long offset, int *more)
{
	struct dbres	 res;
	xmlNodePtr	 e;
	long long	 branch = (long long)offset + limit + 1;
	size_t		 i;
	int		 rc;

	rc = db_exec(r->db, r->a, STMT_AUDIT_LIST, &res, NULL, NULL,
	    "sussssiussssiii", r->s->timezone,
	    r->s->account_id, a->action, a->actor, a->from_utc, a->to_utc, branch,
	    r->s->account_id, a->action, a->actor, a->from_utc, a->to_utc, branch,
	    (long long)limit + 1, (long long)offset);
	if (rc != RC_OK)
		return rc;
	*more = res.nrows > (size_t)limit;
	for (i = 0; i < res.nrows && i < (size_t)limit; i++) {
		e = xml_el(n, "entry", NULL);
		xml_attr(e, "id", db_cell(&res, i, 6));
		xml_attr(e, "time", db_cell(&res, i, 0));
		xml_attr(e, "action", db_cell(&res, i, 1));
		xml_attr(e, "target", db_cell(&res, i, 2));
		xml_attr(e, "ip", db_cell(&res, i, 3));
		xml_attr(e, "actor-name", db_cell(&res, i, 4));
		xml_attr(e, "actor-email", db_cell(&res, i, 5));
	}
	return RC_OK;
}

/* 1 when the n bytes of prefix are already an <option> under n. */
static int
option_has(xmlNodePtr n, const char *v, size_t len)
{
	xmlNodePtr	 c;
	xmlChar		*val;
	int		 same;

	for (c = n->children; c != NULL; c = c->next) {
		if (xmlStrcmp(c->name, (const xmlChar *)"option") != 0)
			continue;
		val = xmlGetProp(c, (const xmlChar *)"value");
		same = val != NULL && xmlStrlen(val) == (int)len &&
		    strncmp((const char *)val, v, len) == 0;
		xmlFree(val);
		if (same)
			return 1;
	}
	return 0;
}

/* Adds <option value group> unless there. */
static void
option_add(struct req *r, xmlNodePtr n, const char *v, size_t len, int group)
{
	xmlNodePtr	 o;

	if (option_has(n, v, len))
		return;
	o = xml_el(n, "option", NULL);
	xml_attr(o, "value", arena_strndup(r->a, v, len));
	xml_attr_yes(o, "group", group);
}

/*
 * The choices of the action filter: every action recorded in this
 * account (and login.failed), each group ("invite" for invite.*) first.
 */
static int
add_options(struct req *r, xmlNodePtr n)
{
	struct dbres	 res;
	const char	*act, *dot;
	size_t		 i;

	if (db_exec(r->db, r->a, STMT_AUDIT_ACTIONS, &res, NULL, NULL, "u",
	    r->s->account_id) != RC_OK)
		return RC_DOWN;
	for (i = 0; i <= res.nrows; i++) {
		act = i < res.nrows ? db_cell(&res, i, 0) : "login.failed";
		if ((dot = strchr(act, '.')) != NULL)
			option_add(r, n, act, (size_t)(dot - act), 1);
		option_add(r, n, act, strlen(act), 0);
	}
	return RC_OK;
}

/*
 * GET /settings/audit-log (Admin): 200; 422 with the refused filter
 * fields named (the rest of the filter applies); 503 without a database.
 */
int
page_audit_log(struct req *r)
{
	struct afilter	 a;
	xmlNodePtr	 n;
	int		 more = 0;

	if (xml_page(r, "audit-log") == NULL)
		return -1;
	if (af_parse(r, &a) > 0)
		r->status = 422;
	n = audit_el(r, &a);
	if (af_bounds(r, &a) != RC_OK || add_options(r, n) != RC_OK ||
	    add_entries(r, n, &a, AUDIT_PER_PAGE,
	    (a.page - 1) * AUDIT_PER_PAGE, &more) != RC_OK) {
		r->status = 503;
		return -1;
	}
	xml_attr_yes(n, "next", more);
	return 0;
}

/*
 * GET /settings/audit-log.csv (Admin): every row of the filter, at most
 * MAX_CSV_ROWS, as page "audit-csv" (an attachment through csv.xsl);
 * 422 for a refused filter; 503 without a database.
 */
int
page_audit_csv(struct req *r)
{
	struct afilter	 a;
	xmlNodePtr	 n;
	int		 more = 0;

	if (xml_page(r, "audit-csv") == NULL)
		return -1;
	if (af_parse(r, &a) > 0)
		r->status = 422;
	a.page = 1;
	n = audit_el(r, &a);
	if (af_bounds(r, &a) != RC_OK ||
	    add_entries(r, n, &a, MAX_CSV_ROWS, 0, &more) != RC_OK) {
		r->status = 503;
		return -1;
	}
	xml_attr_yes(n, "next", more);
	if (r->status == 200 && !r->api)
		r->disposition = "attachment; filename=\"audit-log.csv\"";
	return 0;
}
