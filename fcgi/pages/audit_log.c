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
#include <string.h>

#include "../arena.h"
#include "../db.h"
#include "../input.h"
#include "../limits.h"
#include "../pager.h"
#include "../rc.h"
#include "../request.h"
#include "../text.h"
#include "../tz.h"
#include "../valid.h"
#include "../xml.h"

/* Columns of STMT_AUDIT_LIST. */
enum { AL_TIME, AL_ACTION, AL_TARGET, AL_IP, AL_ACTOR_NAME, AL_ACTOR_EMAIL,
	AL_ID };

/* Columns of STMT_AUDIT_ACTIONS. */
enum { AA_ACTION };

/* Columns of STMT_LOCAL_DAY_UTC. */
enum { LD_FROM, LD_TO };

/* The filter, validated; "" for "any". */
struct afilter {
	const char	*actor, *action, *from, *to;
	long		 page;
	const char	*from_utc, *to_utc;	/* NULL: open */
};

/* The filter's query fields, in the route table's order. */
enum af { AF_ACTOR, AF_ACTION, AF_FROM, AF_TO, AF_PAGE, AF__MAX };

static const char *const afields[AF__MAX] = {
	[AF_ACTOR] = "actor", [AF_ACTION] = "action", [AF_FROM] = "from",
	[AF_TO] = "to", [AF_PAGE] = "page",
};

/*
 * Why value v of field f is refused beyond its validator (a date that
 * does not exist, a page past MAX_LIST_PAGE), or NULL.
 */
static const char *
af_check(enum af f, const char *v)
{
	long	 n;

	if ((f == AF_FROM || f == AF_TO) && !date_ok(v))
		return valid_message(VALID_DATE);
	if (f == AF_PAGE && page_parse(v, &n) != RC_OK)
		return valid_message(VALID_PAGE);
	return NULL;
}

/*
 * Reads the filter from the query string (the route declares its
 * fields); refused fields get an <error>, in the route's order, and stay
 * "any".  Returns the number refused.
 */
static int
af_parse(struct req *r, struct afilter *a)
{
	const char	**slot[AF__MAX] = {
		[AF_ACTOR] = &a->actor, [AF_ACTION] = &a->action,
		[AF_FROM] = &a->from, [AF_TO] = &a->to,
	};
	const char	*v, *why;
	size_t		 f;
	int		 bad = 0;

	memset(a, 0, sizeof(*a));
	a->actor = a->action = a->from = a->to = "";
	a->page = 1;
	for (f = 0; f < AF__MAX; f++) {
		v = in_str(r, afields[f]);
		if ((why = in_error(r, afields[f])) == NULL && v != NULL)
			why = af_check((enum af)f, v);
		if (why != NULL) {
			xml_error(r, afields[f], why);
			bad++;
		} else if (v != NULL && f == AF_PAGE)
			a->page = page_arg(v);
		else if (v != NULL)
			*slot[f] = v;
	}
	if (*a->from && *a->to && strcmp(a->from, a->to) > 0) {
		xml_error(r, "to", "The end date is before the start date.");
		a->to = "";
		bad++;
	}
	return bad;
}

/* The UTC bounds of the local days from..to in the account's zone.
 * Returns an rc. */
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
	a->from_utc = db_cell(&res, 0, LD_FROM);
	a->to_utc = db_cell(&res, 0, LD_TO);
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
	return n;
}

/* The entries of one page (limit rows from offset) under n; *more is
 * set when there are more.  Returns an rc. */
static int
add_entries(struct req *r, xmlNodePtr n, const struct afilter *a, long limit,
    long offset, int *more)
{
	struct dbres	 res;
	struct tz	*z;
	xmlNodePtr	 e;
	long long	 branch = (long long)offset + limit + 1;
	size_t		 i;
	int		 rc;

	if ((z = tz_or_utc(r->a, r->s->timezone)) == NULL)
		return RC_ERROR;
	rc = db_exec(r->db, r->a, STMT_AUDIT_LIST, &res, NULL, NULL,
	    "ssssuiussssiii", a->action, a->actor, a->from_utc, a->to_utc,
	    r->s->account_id, branch,
	    r->s->account_id, a->action, a->actor, a->from_utc, a->to_utc, branch,
	    (long long)limit + 1, (long long)offset);
	if (rc != RC_OK)
		return rc;
	*more = res.nrows > (size_t)limit;
	for (i = 0; i < res.nrows && i < (size_t)limit; i++) {
		e = xml_el(n, "entry", NULL);
		xml_attr(e, "id", db_cell(&res, i, AL_ID));
		xml_attr_time(e, "time", z, db_cell(&res, i, AL_TIME));
		xml_attr(e, "action", db_cell(&res, i, AL_ACTION));
		xml_attr(e, "target", db_cell(&res, i, AL_TARGET));
		xml_attr(e, "ip", db_cell(&res, i, AL_IP));
		xml_attr(e, "actor-name", db_cell(&res, i, AL_ACTOR_NAME));
		xml_attr(e, "actor-email", db_cell(&res, i, AL_ACTOR_EMAIL));
	}
	return RC_OK;
}

/* 1 when the len bytes at v are already an <option> under n. */
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
 * Returns an rc.
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
		act = i < res.nrows ? db_cell(&res, i, AA_ACTION) :
		    "login.failed";
		if ((dot = strchr(act, '.')) != NULL)
			option_add(r, n, act, (size_t)(dot - act), 1);
		option_add(r, n, act, strlen(act), 0);
	}
	return RC_OK;
}

/*
 * Starts the document of page with the filter read (a refused field
 * makes it a 422; all: every row, no page) and its UTC bounds; *n is the
 * <audit> element.  Returns RC_OK, or RC_ERROR with r->status set.
 */
static int
audit_start(struct req *r, const char *page, int all, struct afilter *a,
    xmlNodePtr *n)
{
	if (xml_page(r, page) == NULL)
		return RC_ERROR;
	if (af_parse(r, a) > 0)
		r->status = 422;
	if (all)
		a->page = 1;
	*n = audit_el(r, a);
	if (af_bounds(r, a) != RC_OK)
		return req_down(r);
	return RC_OK;
}

/*
 * The log's <pager>: its links keep the filter fields that apply (a
 * refused one is left out, as the list left it out).  Returns an rc.
 */
static int
audit_pager(struct req *r, const struct afilter *a, int more)
{
	const char	*keep[AF__MAX];
	size_t		 k = 0;

	if (*a->actor)
		keep[k++] = afields[AF_ACTOR];
	if (*a->action)
		keep[k++] = afields[AF_ACTION];
	if (*a->from)
		keep[k++] = afields[AF_FROM];
	if (*a->to)
		keep[k++] = afields[AF_TO];
	keep[k] = NULL;
	return pager_el(r, r->root, "/settings/audit-log", a->page,
	    AUDIT_PER_PAGE, more, -1, keep) == NULL ? RC_ERROR : RC_OK;
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

	if (audit_start(r, "audit-log", 0, &a, &n) != RC_OK)
		return RC_ERROR;
	if (add_options(r, n) != RC_OK ||
	    add_entries(r, n, &a, AUDIT_PER_PAGE,
	    (a.page - 1) * AUDIT_PER_PAGE, &more) != RC_OK)
		return req_down(r);
	return audit_pager(r, &a, more);
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

	if (audit_start(r, "audit-csv", 1, &a, &n) != RC_OK)
		return RC_ERROR;
	if (add_entries(r, n, &a, MAX_CSV_ROWS, 0, &more) != RC_OK)
		return req_down(r);
	xml_attr_yes(n, "next", more);
	if (r->status == 200 && !r->api)
		r->disposition = "attachment; filename=\"audit-log.csv\"";
	return RC_OK;
}
