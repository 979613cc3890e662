/*
 * /settings/reports: a person's saved reports — what they summarise
 * (events, user properties, members, invoices, CSV uploads), their
 * filters (a date range in the account's time zone, event names, a
 * label), CSV, a schedule (daily, weekly on a day, monthly on a date, at
 * an hour of the account's time zone) and who gets mailed a link.  Run
 * now, pause, edit, delete.  Every statement names the account and the
 * owner: another person's report is not found (404).
 *
 *   GET  /settings/reports[?label=ID][&page=N][&delete=ID]
 *   GET  /settings/reports/edit[?id=ID]          the form (new without id)
 *   POST /settings/reports/save                  id (empty: new), the form
 *   POST /settings/reports/run                   id
 *   POST /settings/reports/pause                 id, paused=yes|no
 *   POST /settings/reports/delete                id, confirm=yes
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../arena.h"
#include "../audit.h"
#include "../db.h"
#include "../decode.h"
#include "../error.h"
#include "../export.h"
#include "../input.h"
#include "../label.h"
#include "../limits.h"
#include "../rc.h"
#include "../report.h"
#include "../request.h"
#include "../roles.h"
#include "../status.h"
#include "../text.h"
#include "../tz.h"
#include "../valid.h"
#include "../xml.h"

/* The form as typed or as stored: every field as text. */
struct rform {
	const char	*id, *name, *kind, *format, *range, *from, *to;
	const char	*events, *label, *schedule, *weekday, *mday, *hour;
	const char	*recipients, *paused, *next_run, *last_run;
	const char	**labels;	/* attached label ids */
	size_t		 nlabels;
};

/* The form checked: what is stored. */
struct rparsed {
	uint64_t	 id, label;
	const char	*name, *from, *to, *events, **rcpt;
	enum rkind	 kind;
	struct range	 range;
	struct sched	 sched;
	size_t		 nrcpt;
	int		 paused;
};

static int
not_found(struct req *r)
{
	page_error(r, 404, NULL);
	return 0;
}

/* ----------------------------------------------------------------- list */

/* One <report> of the list from row i. */
static void
list_item(struct req *r, xmlNodePtr list, const struct dbres *res, size_t i)
{
	xmlNodePtr	 n = xml_el(list, "report", NULL);
	uint64_t	 st;

	xml_attr(n, "id", db_cell(res, i, 0));
	xml_attr(n, "name", db_cell(res, i, 1));
	xml_attr(n, "kind", rkind_get((enum rkind)db_u64(res, i, 2))->key);
	xml_attr(n, "schedule", sched_names[db_u64(res, i, 3) % SCHED__MAX]);
	xml_attr(n, "weekday", weekday_names[db_u64(res, i, 4) % 7]);
	xml_attr(n, "mday", db_cell(res, i, 5));
	xml_attr(n, "hour", db_cell(res, i, 6));
	xml_attr_yes(n, "paused", db_u64(res, i, 7) != 0);
	xml_attr(n, "next-run", db_cell(res, i, 8));
	xml_attr(n, "last-run", db_cell(res, i, 9));
	xml_attr(n, "range", range_names[db_u64(res, i, 10) % RANGE__MAX]);
	xml_attr(n, "recipients", db_cell(res, i, 11));
	if (db_cell(res, i, 12) != NULL) {
		st = db_u64(res, i, 13);
		xml_attr(n, "last-download", db_cell(res, i, 12));
		xml_attr(n, "last-status", STATUS_NAME(download_status_names, st));
	}
}

/* <report-confirm>: the deletion of report id of this owner. */
static int
report_confirm(struct req *r, const char *ids)
{
	struct dbres	 res;
	xmlNodePtr	 c;
	uint64_t	 id;

	if (arg_id(ids, &id) == -1)
		return 0;
	if (db_exec(r->db, r->a, STMT_REPORT_ONE, &res, NULL, NULL, "ssuuu",
	    r->s->timezone, r->s->timezone, id, r->s->account_id,
	    r->s->user_id) != RC_OK)
		return -1;
	if (res.nrows != 1)
		return 0;
	c = xml_el(r->root, "report-confirm", NULL);
	xml_attr(c, "id", db_cell(&res, 0, 0));
	xml_attr(c, "name", db_cell(&res, 0, 1));
	return 0;
}

/*
 * Draws the list (status set by the caller), filtered by ?label=, with
 * the confirmation of confirm_id (or ?delete=).  -1 (503) without a
 * database.
 */
static int
reports_render(struct req *r, const char *confirm_id)
{
	struct dbres	 res, tot;
	xmlNodePtr	 list;
	long		 page = page_arg(kv_get(&r->query, "page"));
	uint64_t	 label;
	size_t		 i, shown;

	if (r->doc == NULL && xml_page(r, "reports") == NULL)
		return -1;
	label = label_filter(r);
	if (db_exec(r->db, r->a, STMT_REPORT_LIST, &res, NULL, NULL, "ssuuuuii",
	    r->s->timezone, r->s->timezone, r->s->account_id, r->s->user_id,
	    label, label, (long long)REPORTS_PER_PAGE + 1,
	    (long long)(page - 1) * REPORTS_PER_PAGE) != RC_OK ||
	    db_exec(r->db, r->a, STMT_REPORT_TOTAL, &tot, NULL, NULL, "uu",
	    r->s->account_id, r->s->user_id) != RC_OK)
		return req_down(r);
	list = xml_el(r->root, "reports", NULL);
	xml_attr_i(list, "page", page);
	xml_attr_i(list, "per-page", REPORTS_PER_PAGE);
	xml_attr(list, "total", tot.nrows ? db_cell(&tot, 0, 0) : "0");
	xml_attr_i(list, "max", MAX_REPORTS);
	xml_attr_yes(list, "next", res.nrows > REPORTS_PER_PAGE);
	shown = res.nrows > REPORTS_PER_PAGE ? REPORTS_PER_PAGE : res.nrows;
	for (i = 0; i < shown; i++)
		list_item(r, list, &res, i);
	if (labels_on_list(r, list, LT_REPORT) == -1 ||
	    report_confirm(r, confirm_id ? confirm_id : kv_get(&r->query,
	    "delete")) == -1)
		return req_down(r);
	return 0;
}

/* GET /settings/reports. */
int
page_reports(struct req *r)
{
	return reports_render(r, NULL);
}

/* 422 on the list: one form-wide (or confirm) error. */
static int
list_refuse(struct req *r, const char *confirm_id, const char *field,
    const char *msg)
{
	r->status = 422;
	if (xml_page(r, "reports") == NULL)
		return -1;
	xml_error(r, field, msg);
	return reports_render(r, confirm_id);
}

/* ----------------------------------------------------------------- form */

/* The defaults of a new report. */
static void
form_default(struct rform *f)
{
	memset(f, 0, sizeof(*f));
	f->id = f->name = f->from = f->to = f->events = f->label = "";
	f->recipients = "";
	f->kind = "events";
	f->format = "csv";
	f->range = "all";
	f->schedule = "none";
	f->weekday = "monday";
	f->mday = "1";
	f->hour = "8";
	f->paused = "no";
}

/* The form of stored report id: 0, 404 when not this owner's, -1. */
static int
form_load(struct req *r, uint64_t id, struct rform *f)
{
	struct dbres	 res, rc, lb;
	size_t		 i;
	const char	*to = "";

	if (db_exec(r->db, r->a, STMT_REPORT_ONE, &res, NULL, NULL, "ssuuu",
	    r->s->timezone, r->s->timezone, id, r->s->account_id,
	    r->s->user_id) != RC_OK)
		return -1;
	if (res.nrows != 1)
		return 404;
	if (db_exec(r->db, r->a, STMT_REPORT_RECIPIENTS, &rc, NULL, NULL, "uu",
	    id, r->s->account_id) != RC_OK ||
	    db_exec(r->db, r->a, STMT_LABELS_OF_REPORT, &lb, NULL, NULL, "uu",
	    id, r->s->account_id) != RC_OK)
		return -1;
	form_default(f);
	f->id = db_cell(&res, 0, 0);
	f->name = db_cell(&res, 0, 1);
	f->kind = rkind_get((enum rkind)db_u64(&res, 0, 2))->key;
	f->range = range_names[db_u64(&res, 0, 3) % RANGE__MAX];
	f->from = db_cell(&res, 0, 4) ? db_cell(&res, 0, 4) : "";
	f->to = db_cell(&res, 0, 5) ? db_cell(&res, 0, 5) : "";
	f->events = db_cell(&res, 0, 6);
	f->label = db_cell(&res, 0, 7) ? db_cell(&res, 0, 7) : "";
	f->schedule = sched_names[db_u64(&res, 0, 8) % SCHED__MAX];
	f->weekday = weekday_names[db_u64(&res, 0, 9) % 7];
	f->mday = db_cell(&res, 0, 10);
	f->hour = db_cell(&res, 0, 11);
	f->paused = db_u64(&res, 0, 12) ? "yes" : "no";
	f->next_run = db_cell(&res, 0, 13);
	f->last_run = db_cell(&res, 0, 14);
	for (i = 0; i < rc.nrows; i++)
		to = arena_printf(r->a, "%s%s%s", to, i ? "\n" : "",
		    db_cell(&rc, i, 0));
	f->recipients = to;
	if ((f->labels = arena_alloc(r->a, sizeof(char *) * (lb.nrows + 1))) == NULL)
		return -1;
	for (i = 0; i < lb.nrows; i++)
		f->labels[f->nlabels++] = db_cell(&lb, i, 0);
	return 0;
}

/* The form as posted (missing fields are empty). */
static void
form_posted(struct req *r, struct rform *f)
{
	static const struct {
		const char	*key;
		size_t		 off;
	} fields[] = {
		{ "id", offsetof(struct rform, id) },
		{ "name", offsetof(struct rform, name) },
		{ "kind", offsetof(struct rform, kind) },
		{ "format", offsetof(struct rform, format) },
		{ "range", offsetof(struct rform, range) },
		{ "from", offsetof(struct rform, from) },
		{ "to", offsetof(struct rform, to) },
		{ "events", offsetof(struct rform, events) },
		{ "filter_label", offsetof(struct rform, label) },
		{ "schedule", offsetof(struct rform, schedule) },
		{ "weekday", offsetof(struct rform, weekday) },
		{ "mday", offsetof(struct rform, mday) },
		{ "hour", offsetof(struct rform, hour) },
		{ "recipients", offsetof(struct rform, recipients) },
	};
	const char	*v;
	size_t		 i;

	memset(f, 0, sizeof(*f));
	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		v = kv_get(&r->form, fields[i].key);
		*(const char **)((char *)f + fields[i].off) = v ? v : "";
	}
	f->paused = "no";
	if ((f->labels = arena_alloc(r->a, sizeof(char *) * (r->form.n + 1))) == NULL)
		return;
	for (i = 0; i < r->form.n; i++)
		if (strcmp(r->form.v[i].key, "label") == 0)
			f->labels[f->nlabels++] = r->form.v[i].val;
}

/* <report-kinds>: every kind, whether it exists and this role may use it. */
static void
kinds_add(struct req *r)
{
	const struct rkind_info	*k;
	xmlNodePtr		 list, n;
	int			 i;

	list = xml_el(r->root, "report-kinds", NULL);
	for (i = RKIND_EVENTS; i < RKIND__MAX; i++) {
		k = rkind_get((enum rkind)i);
		n = xml_el(list, "kind", k->about);
		xml_attr(n, "key", k->key);
		xml_attr(n, "label", k->label);
		xml_attr_yes(n, "available", k->available);
		xml_attr_yes(n, "allowed", role_can(r->s->role, k->cap));
		xml_attr_yes(n, "range", (k->filters & RF_RANGE) != 0);
		xml_attr_yes(n, "events", (k->filters & RF_EVENTS) != 0);
		xml_attr_yes(n, "label-filter", (k->filters & RF_LABEL) != 0);
	}
}

/* <label-options>: every label, those of f checked. */
static int
options_add(struct req *r, const struct rform *f)
{
	struct dbres	 all;
	xmlNodePtr	 o, n;
	size_t		 i, j;
	int		 sel;

	if (db_exec(r->db, r->a, STMT_LABEL_ALL, &all, NULL, NULL, "u",
	    r->s->account_id) != RC_OK)
		return -1;
	o = xml_el(r->root, "label-options", NULL);
	xml_attr(o, "target", "report");
	xml_attr(o, "item", f->id);
	xml_attr_i(o, "max", MAX_ITEM_LABELS);
	for (i = 0; i < all.nrows; i++) {
		for (sel = 0, j = 0; j < f->nlabels && !sel; j++)
			sel = strcmp(f->labels[j], db_cell(&all, i, 0)) == 0;
		n = label_el(o, "label", db_cell(&all, i, 0), db_cell(&all, i, 1),
		    (unsigned)db_u64(&all, i, 2));
		xml_attr_yes(n, "selected", sel);
	}
	return 0;
}

/* Draws the form page (status set by the caller).  -1 (503). */
static int
form_render(struct req *r, const struct rform *f)
{
	xmlNodePtr	 n;

	if (r->doc == NULL && xml_page(r, "report") == NULL)
		return -1;
	n = xml_el(r->root, "report-form", NULL);
	xml_attr(n, "id", f->id);
	xml_attr(n, "name", f->name);
	xml_attr(n, "kind", f->kind);
	xml_attr(n, "format", f->format);
	xml_attr(n, "range", f->range);
	xml_attr(n, "from", f->from);
	xml_attr(n, "to", f->to);
	xml_attr(n, "label", f->label);
	xml_attr(n, "schedule", f->schedule);
	xml_attr(n, "weekday", f->weekday);
	xml_attr(n, "mday", f->mday);
	xml_attr(n, "hour", f->hour);
	xml_attr(n, "paused", f->paused);
	xml_attr(n, "next-run", f->next_run);
	xml_attr(n, "last-run", f->last_run);
	xml_attr_i(n, "max-recipients", REPORT_MAX_RECIPIENTS);
	xml_attr_i(n, "max-events", REPORT_MAX_EVENTS);
	xml_el(n, "events", f->events);
	xml_el(n, "recipients", f->recipients);
	kinds_add(r);
	return options_add(r, f) == -1 ? req_down(r) : 0;
}

/* GET /settings/reports/edit[?id=ID]: 404 for a report not this owner's. */
int
page_report_edit(struct req *r)
{
	const char	*ids = kv_get(&r->query, "id");
	struct rform	 f;
	uint64_t	 id;
	int		 rc;

	form_default(&f);
	if (ids != NULL && ids[0] != '\0') {
		if (arg_id(ids, &id) == -1)
			return not_found(r);
		if ((rc = form_load(r, id, &f)) == 404)
			return not_found(r);
		if (rc == -1)
			return req_down(r);
	}
	return form_render(r, &f);
}

/* 422: the form again as typed, with one error. */
static int
form_refuse(struct req *r, const struct rform *f, const char *field,
    const char *msg)
{
	r->status = 422;
	if (xml_page(r, "report") == NULL)
		return -1;
	xml_error(r, field, msg);
	return form_render(r, f);
}

/* ---------------------------------------------------------------- check */

/* Name and kind: NULL, or the message (field in *field; 403 in *st). */
static const char *
check_what(struct req *r, const struct rform *f, struct rparsed *p,
    const char **field, int *st)
{
	const struct rkind_info	*k;
	size_t			 n;

	*field = "name";
	p->name = trim_spaces(r->a, f->name);
	n = strlen(p->name);
	if (n == 0)
		return "Enter a name for the report.";
	if (utf8_chars(p->name, n) > MAX_REPORT_NAME)
		return arena_printf(r->a, "Use at most %d characters (this name "
		    "has %zu).", MAX_REPORT_NAME, utf8_chars(p->name, n));
	if (!valid_check(VALID_REPORT_NAME, p->name, n))
		return valid_message(VALID_REPORT_NAME);
	*field = "kind";
	if ((p->kind = rkind_parse(f->kind)) == RKIND_NONE)
		return "Choose what the report summarises.";
	k = rkind_get(p->kind);
	if (!k->available)
		return k->about;
	if (!role_can(r->s->role, k->cap)) {
		*st = 403;
		return "Your role does not allow this kind of report.";
	}
	*field = "format";
	if (strcmp(f->format, "csv") != 0 && f->format[0] != '\0')
		return "Choose CSV, the one format reports have.";
	return NULL;
}

/* The filters: range, event names, label (404 in *st for a foreign one). */
static const char *
check_filters(struct req *r, const struct rform *f, struct rparsed *p,
    const char **field, int *st)
{
	const struct rkind_info	*k = rkind_get(p->kind);
	const char		**names, *bad;
	struct dbres		 res;
	size_t			 n, i;
	int			 rk, rc;

	*field = "range";
	if ((rk = name_index(range_names, RANGE__MAX, f->range)) < 0)
		return "Choose a date range.";
	memset(&p->range, 0, sizeof(p->range));
	p->range.kind = (enum range_kind)rk;
	if (rk != RANGE_ALL && !(k->filters & RF_RANGE))
		return "This kind of report has no date range.";
	if (rk == RANGE_CUSTOM) {
		*field = "from";
		if (date_parse(f->from, &p->range.fy, &p->range.fm, &p->range.fd) == -1)
			return "Enter the first day as a date such as 2026-03-01.";
		*field = "to";
		if (date_parse(f->to, &p->range.ty, &p->range.tm, &p->range.td) == -1)
			return "Enter the last day as a date such as 2026-03-31.";
		if (strcmp(f->to, f->from) < 0)
			return "The last day cannot come before the first.";
		p->from = f->from;
		p->to = f->to;
	}
	*field = "events";
	if ((rc = event_names_parse(r->a, f->events, &names, &n, &bad)) != 0)
		return rc == -1 ? arena_printf(r->a, "\"%s\" is not an event name: "
		    "1 to 120 characters, no spaces at the ends, no control "
		    "characters.", bad) : rc == -2 ? arena_printf(r->a, "Name at "
		    "most %d events.", REPORT_MAX_EVENTS) : "Out of memory.";
	if (n > 0 && !(k->filters & RF_EVENTS))
		return "Only an events summary filters by event names.";
	for (p->events = "", i = 0; i < n; i++)
		p->events = arena_printf(r->a, "%s%s%s", p->events, i ? "\n" : "",
		    names[i]);
	*field = "filter_label";
	p->label = 0;
	if (f->label[0] == '\0')
		return NULL;
	if (arg_id(f->label, &p->label) == -1 ||
	    db_exec(r->db, r->a, STMT_LABEL_ONE, &res, NULL, NULL, "uu", p->label,
	    r->s->account_id) != RC_OK || res.nrows != 1) {
		*st = 404;
		return "";
	}
	if (!(k->filters & RF_LABEL))
		return "Only a CSV uploads report filters by label.";
	return NULL;
}

/* The schedule. */
static const char *
check_schedule(struct req *r, const struct rform *f, struct rparsed *p,
    const char **field)
{
	int	 k;

	memset(&p->sched, 0, sizeof(p->sched));
	p->sched.weekday = 1;
	p->sched.mday = 1;
	p->sched.hour = 8;
	*field = "schedule";
	if ((k = name_index(sched_names, SCHED__MAX, f->schedule)) < 0)
		return "Choose how often the report runs.";
	p->sched.kind = (enum sched_kind)k;
	if (k == SCHED_NONE)
		return NULL;
	*field = "weekday";
	if (k == SCHED_WEEKLY && (p->sched.weekday = name_index(weekday_names, 7,
	    f->weekday)) < 0)
		return "Choose a day of the week.";
	*field = "mday";
	if (k == SCHED_MONTHLY) {
		if (!valid_check(VALID_MONTH_DAY, f->mday, strlen(f->mday)))
			return valid_message(VALID_MONTH_DAY);
		p->sched.mday = (int)strtol(f->mday, NULL, 10);
	}
	*field = "hour";
	if (!valid_check(VALID_HOUR, f->hour, strlen(f->hour)))
		return valid_message(VALID_HOUR);
	p->sched.hour = (int)strtol(f->hour, NULL, 10);
	return NULL;
}

/* The recipients: addresses of members, or of an allowed domain. */
static const char *
check_recipients(struct req *r, const struct rform *f, struct rparsed *p,
    const char **field)
{
	struct dbres	 dom, mem;
	const char	*bad, *domains = "";
	size_t		 i;
	int		 rc;

	*field = "recipients";
	if ((rc = recipients_parse(r->a, f->recipients, &p->rcpt, &p->nrcpt,
	    &bad)) != 0)
		return rc == -1 ? arena_printf(r->a, "\"%s\" is not an email "
		    "address like name@example.com.", bad) : rc == -2 ?
		    arena_printf(r->a, "List at most %d recipients.",
		    REPORT_MAX_RECIPIENTS) : "Out of memory.";
	if (p->nrcpt == 0)
		return NULL;
	if (db_exec(r->db, r->a, STMT_MANAGE_DOMAINS, &dom, NULL, NULL, "u",
	    r->s->account_id) != RC_OK)
		return "";
	if (dom.nrows == 1)
		domains = db_cell(&dom, 0, 0);
	for (i = 0; i < p->nrcpt; i++) {
		if (domains_allow_recipient(domains, p->rcpt[i]))
			continue;
		if (db_exec(r->db, r->a, STMT_MANAGE_MEMBER, &mem, NULL, NULL,
		    "us", r->s->account_id, p->rcpt[i]) != RC_OK)
			return "";
		if (mem.nrows == 0)
			return arena_printf(r->a, "%s is neither a member of this "
			    "account nor in a domain the organization allows.",
			    p->rcpt[i]);
	}
	return NULL;
}

/* ----------------------------------------------------------------- save */

/* The next run of p from now in the session's zone, as SQL; NULL: none. */
static const char *
next_run(struct req *r, const struct rparsed *p)
{
	struct tz	*z;
	int64_t		 t;
	char		 buf[20];

	if (p->sched.kind == SCHED_NONE || p->paused ||
	    (z = manage_zone(r->a, r->s->timezone)) == NULL ||
	    (t = sched_next(&p->sched, z, (int64_t)time(NULL))) < 0)
		return NULL;
	tz_sql(t, buf);
	return arena_strdup(r->a, buf);
}

/*
 * Stores p (new when p->id is 0) with its recipients and labels, the
 * tick that runs it, and the audit row, in one transaction.  0; 404 /
 * 422 from the labels; 2 at MAX_REPORTS; -1 on a database error.
 */
static int
report_store(struct req *r, struct rparsed *p, const char **names)
{
	uint64_t	 n = 0, id = p->id;
	const char	*nx = next_run(r, p);
	size_t		 i;
	int		 rc, created = p->id == 0;

	if (db_begin(r->db) != RC_OK)
		return -1;
	if (id == 0)
		rc = db_exec(r->db, r->a, STMT_REPORT_NEW, NULL, &n, &id,
		    "uusiisssniiiiisuui", r->s->account_id, r->s->user_id,
		    p->name, (long long)p->kind, (long long)p->range.kind, p->from,
		    p->to, p->events, p->label, (long long)p->sched.kind,
		    (long long)p->sched.weekday, (long long)p->sched.mday,
		    (long long)p->sched.hour, (long long)p->paused, nx,
		    r->s->account_id, r->s->user_id, (long long)MAX_REPORTS);
	else
		rc = db_exec(r->db, r->a, STMT_REPORT_UPDATE, NULL, &n, NULL,
		    "siisssniiiiisuuu", p->name, (long long)p->kind,
		    (long long)p->range.kind, p->from, p->to, p->events, p->label,
		    (long long)p->sched.kind, (long long)p->sched.weekday,
		    (long long)p->sched.mday, (long long)p->sched.hour,
		    (long long)p->paused, nx, id, r->s->account_id, r->s->user_id);
	if (rc != RC_OK)
		goto fail;
	if (p->id == 0 && n == 0) {
		db_rollback(r->db);
		return 2;
	}
	p->id = id;
	if (db_exec(r->db, r->a, STMT_REPORT_RECIPIENTS_CLEAR, NULL, NULL, NULL,
	    "uu", id, r->s->account_id) != RC_OK)
		goto fail;
	for (i = 0; i < p->nrcpt; i++)
		if (db_exec(r->db, r->a, STMT_REPORT_RECIPIENT_ADD, NULL, NULL,
		    NULL, "uus", r->s->account_id, id, p->rcpt[i]) != RC_OK)
			goto fail;
	if ((rc = labels_replace(r, LT_REPORT, id, names)) != 0) {
		db_rollback(r->db);
		return rc;
	}
	if ((nx != NULL && manage_tick_ensure(r->db, r->a) != RC_OK) ||
	    audit_req(r, created ? "report.create" : "report.update",
	    p->name) != RC_OK || db_commit(r->db) != RC_OK)
		goto fail;
	return 0;
fail:
	db_rollback(r->db);
	return -1;
}

/*
 * POST /settings/reports/save: 303 to the list with a flash; 422 with the
 * form as typed for any bad field (its message beside it); 403 for a kind
 * the role may not see; 404 for a report or label not this owner's /
 * account's.  Nothing changes on a refusal.
 */
int
page_report_save_post(struct req *r)
{
	struct rform	 f;
	struct rparsed	 p;
	struct dbres	 res;
	const char	*msg, *field = NULL, *names = "";
	int		 st = 0, rc;

	form_posted(r, &f);
	memset(&p, 0, sizeof(p));
	if (f.id[0] != '\0') {
		if (arg_id(f.id, &p.id) == -1)
			return not_found(r);
		if (db_exec(r->db, r->a, STMT_REPORT_ONE, &res, NULL, NULL,
		    "ssuuu", r->s->timezone, r->s->timezone, p.id,
		    r->s->account_id, r->s->user_id) != RC_OK)
			return req_down(r);
		if (res.nrows != 1)
			return not_found(r);
		p.paused = db_u64(&res, 0, 12) != 0;
		f.paused = p.paused ? "yes" : "no";
	}
	if ((msg = check_what(r, &f, &p, &field, &st)) == NULL &&
	    (msg = check_filters(r, &f, &p, &field, &st)) == NULL &&
	    (msg = check_schedule(r, &f, &p, &field)) == NULL)
		msg = check_recipients(r, &f, &p, &field);
	if (st != 0) {
		page_error(r, st, st == 403 ? msg : NULL);
		return 0;
	}
	if (msg != NULL && msg[0] == '\0')
		return req_down(r);
	if (msg != NULL)
		return form_refuse(r, &f, field, msg);
	if ((rc = report_store(r, &p, &names)) == -1)
		return req_down(r);
	if (rc == 404)
		return not_found(r);
	if (rc == 422)
		return form_refuse(r, &f, "labels", arena_printf(r->a, "Attach "
		    "at most %d labels to one report.", MAX_ITEM_LABELS));
	if (rc == 2)
		return form_refuse(r, &f, NULL, arena_printf(r->a, "You have %d "
		    "reports in this account, the most one person can have. "
		    "Delete one first.", MAX_REPORTS));
	req_flash(r, "ok", arena_printf(r->a, "Saved the report %s.", p.name));
	req_redirect(r, "/settings/reports");
	return 0;
}

/* ---------------------------------------------------------- the actions */

/*
 * The report named by the form's id, of this owner: its STMT_REPORT_ONE
 * row in *res.  0; 404 (page drawn); -1 (503).
 */
static int
action_target(struct req *r, uint64_t *id, struct dbres *res)
{
	if (arg_id(kv_get(&r->form, "id"), id) == -1) {
		page_error(r, 404, NULL);
		return 404;
	}
	if (db_exec(r->db, r->a, STMT_REPORT_ONE, res, NULL, NULL, "ssuuu",
	    r->s->timezone, r->s->timezone, *id, r->s->account_id,
	    r->s->user_id) != RC_OK) {
		r->status = 503;
		return -1;
	}
	if (res->nrows != 1) {
		page_error(r, 404, NULL);
		return 404;
	}
	return 0;
}

/* The range of STMT_REPORT_ONE's row. */
static void
stored_range(const struct dbres *res, struct range *rg)
{
	memset(rg, 0, sizeof(*rg));
	rg->kind = (enum range_kind)(db_u64(res, 0, 3) % RANGE__MAX);
	if (rg->kind == RANGE_CUSTOM && (date_parse(db_cell(res, 0, 4), &rg->fy,
	    &rg->fm, &rg->fd) == -1 || date_parse(db_cell(res, 0, 5), &rg->ty,
	    &rg->tm, &rg->td) == -1))
		rg->kind = RANGE_ALL;
}

/*
 * POST /settings/reports/run: queues an export of the report now (its
 * filters as of now, in the account's time zone), audited; 303 to My
 * Downloads.  403 when the role may no longer see the report's kind; 404
 * for a report not this owner's.
 */
int
page_report_run_post(struct req *r)
{
	const struct rkind_info	*k;
	struct dbres		 res, lb;
	struct dl_spec		 s;
	struct range		 rg;
	struct tz		*z;
	uint64_t		 id, dl;
	int			 rc;

	if ((rc = action_target(r, &id, &res)) != 0)
		return rc == 404 ? 0 : -1;
	k = rkind_get((enum rkind)db_u64(&res, 0, 2));
	if (!k->available || !role_can(r->s->role, k->cap)) {
		page_error(r, 403, k->available ? "Your role does not allow this "
		    "kind of report." : k->about);
		return 0;
	}
	memset(&s, 0, sizeof(s));
	s.account = r->s->account_id;
	s.user = r->s->user_id;
	s.report = id;
	s.name = db_cell(&res, 0, 1);
	s.kind = (enum rkind)db_u64(&res, 0, 2);
	s.events = db_cell(&res, 0, 6);
	s.label = db_u64(&res, 0, 7);
	s.label_name = "";
	if (s.label != 0 && db_exec(r->db, r->a, STMT_LABEL_ONE, &lb, NULL, NULL,
	    "uu", s.label, r->s->account_id) == RC_OK && lb.nrows == 1)
		s.label_name = db_cell(&lb, 0, 1);
	stored_range(&res, &rg);
	if ((z = manage_zone(r->a, r->s->timezone)) == NULL ||
	    download_snapshot(r->a, z, (int64_t)time(NULL), &rg, &s) == -1)
		return req_down(r);
	if (db_begin(r->db) != RC_OK)
		return req_down(r);
	if (download_create(r->db, r->a, &s, &dl) != RC_OK ||
	    db_exec(r->db, r->a, STMT_REPORT_RAN, NULL, NULL, NULL, "uuu", dl, id,
	    r->s->account_id) != RC_OK ||
	    audit_req(r, "report.run", s.name) != RC_OK ||
	    db_commit(r->db) != RC_OK) {
		db_rollback(r->db);
		return req_down(r);
	}
	req_flash(r, "ok", arena_printf(r->a, "Running %s: it appears below when "
	    "it is ready.", s.name));
	req_redirect(r, "/settings/downloads");
	return 0;
}

/*
 * POST /settings/reports/pause: paused=yes stops the schedule, paused=no
 * resumes it from now; audited; 303 + flash.  422 (the list with the
 * error) for another value or a report without a schedule; 404 for a
 * report not this owner's.
 */
int
page_report_pause_post(struct req *r)
{
	const char	*v = kv_get(&r->form, "paused"), *nx = NULL;
	struct dbres	 res;
	struct rparsed	 p;
	uint64_t	 id;
	int		 rc, pause;

	if ((rc = action_target(r, &id, &res)) != 0)
		return rc == 404 ? 0 : -1;
	if (v == NULL || (strcmp(v, "yes") != 0 && strcmp(v, "no") != 0))
		return list_refuse(r, NULL, NULL, "Choose to pause or to resume "
		    "the schedule.");
	if (db_u64(&res, 0, 8) == SCHED_NONE)
		return list_refuse(r, NULL, NULL, arena_printf(r->a, "%s has no "
		    "schedule to pause or resume.", db_cell(&res, 0, 1)));
	pause = strcmp(v, "yes") == 0;
	memset(&p, 0, sizeof(p));
	p.sched.kind = (enum sched_kind)db_u64(&res, 0, 8);
	p.sched.weekday = (int)db_u64(&res, 0, 9);
	p.sched.mday = (int)db_u64(&res, 0, 10);
	p.sched.hour = (int)db_u64(&res, 0, 11);
	p.paused = pause;
	nx = next_run(r, &p);
	if (db_begin(r->db) != RC_OK)
		return req_down(r);
	if (db_exec(r->db, r->a, STMT_REPORT_PAUSE, NULL, NULL, NULL, "isuuu",
	    (long long)pause, nx, id, r->s->account_id, r->s->user_id) != RC_OK ||
	    (nx != NULL && manage_tick_ensure(r->db, r->a) != RC_OK) ||
	    audit_req(r, pause ? "report.pause" : "report.resume",
	    db_cell(&res, 0, 1)) != RC_OK || db_commit(r->db) != RC_OK) {
		db_rollback(r->db);
		return req_down(r);
	}
	req_flash(r, "ok", arena_printf(r->a, pause ? "Paused %s: it will not run "
	    "until you resume it." : "Resumed %s.", db_cell(&res, 0, 1)));
	req_redirect(r, "/settings/reports");
	return 0;
}

/*
 * POST /settings/reports/delete: with confirm=yes deletes the report,
 * its recipients and label attachments (its downloads stay), audited;
 * 303 + flash.  422 with the confirmation without confirm; 404 for a
 * report not this owner's.
 */
int
page_report_delete_post(struct req *r)
{
	const char	*confirm = kv_get(&r->form, "confirm");
	struct dbres	 res;
	uint64_t	 id, n = 0;
	int		 rc;

	if ((rc = action_target(r, &id, &res)) != 0)
		return rc == 404 ? 0 : -1;
	if (confirm == NULL || strcmp(confirm, "yes") != 0)
		return list_refuse(r, kv_get(&r->form, "id"), "confirm",
		    arena_printf(r->a, "Confirm that %s is to be deleted.",
		    db_cell(&res, 0, 1)));
	if (db_begin(r->db) != RC_OK)
		return req_down(r);
	if (db_exec(r->db, r->a, STMT_REPORT_DELETE, NULL, &n, NULL, "uuu", id,
	    r->s->account_id, r->s->user_id) != RC_OK || n != 1 ||
	    db_exec(r->db, r->a, STMT_LABEL_RECOUNT, NULL, NULL, NULL, "u",
	    r->s->account_id) != RC_OK ||
	    audit_req(r, "report.delete", db_cell(&res, 0, 1)) != RC_OK ||
	    db_commit(r->db) != RC_OK) {
		db_rollback(r->db);
		return req_down(r);
	}
	req_flash(r, "ok", arena_printf(r->a, "Deleted the report %s. Its "
	    "downloads stay in My Downloads until they expire.",
	    db_cell(&res, 0, 1)));
	req_redirect(r, "/settings/reports");
	return 0;
}
