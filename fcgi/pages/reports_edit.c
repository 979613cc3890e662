/*
 * /settings/reports/edit: the form of a report — what it summarises
 * (events, user properties, members, invoices, CSV uploads), its filters
 * (a date range in the account's time zone, event names, a label), CSV,
 * a schedule (daily, weekly on a day, monthly on a date, at an hour of
 * the account's time zone), who gets mailed a link, its labels — and its
 * saving.  The list and its actions are reports.c.
 *
 *   GET  /settings/reports/edit[?id=ID]          the form (new without id)
 *   POST /settings/reports/save                  id (empty: new), the form
 */
#include <string.h>

#include "../arena.h"
#include "../audit.h"
#include "../db.h"
#include "../decode.h"
#include "../error.h"
#include "../input.h"
#include "../label.h"
#include "../limits.h"
#include "../rc.h"
#include "../report.h"
#include "../request.h"
#include "../roles.h"
#include "../sched.h"
#include "../text.h"
#include "../tick.h"
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

/*
 * Why a save is refused: status 0 (not refused), 422 (the form again
 * with msg beside field), 403 (an error page saying msg) or 404.
 */
struct refusal {
	int		 status;
	const char	*field, *msg;
};

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

/* The fields of STMT_REPORT_ONE's row res into f, its times in zone z. */
static void
form_stored(struct req *r, struct rform *f, const struct tz *z,
    const struct dbres *res)
{
	f->id = db_cell(res, 0, RO_ID);
	f->name = db_cell(res, 0, RO_NAME);
	f->kind = rkind_get((enum rkind)db_u64(res, 0, RO_KIND))->key;
	f->range = range_names[db_u64(res, 0, RO_RANGE) % RANGE__MAX];
	f->from = db_cell(res, 0, RO_FROM) ? db_cell(res, 0, RO_FROM) : "";
	f->to = db_cell(res, 0, RO_TO) ? db_cell(res, 0, RO_TO) : "";
	f->events = db_cell(res, 0, RO_EVENTS);
	f->label = db_cell(res, 0, RO_LABEL) ? db_cell(res, 0, RO_LABEL) : "";
	f->schedule = sched_names[db_u64(res, 0, RO_SCHEDULE) % SCHED__MAX];
	f->weekday = weekday_names[db_u64(res, 0, RO_WEEKDAY) % 7];
	f->mday = db_cell(res, 0, RO_MDAY);
	f->hour = db_cell(res, 0, RO_HOUR);
	f->paused = db_u64(res, 0, RO_PAUSED) ? "yes" : "no";
	f->next_run = tz_iso_text(r->a, z, db_cell(res, 0, RO_NEXT_RUN));
	f->last_run = tz_iso_text(r->a, z, db_cell(res, 0, RO_LAST_RUN));
}

/*
 * The form of stored report id of this owner, with its recipients and
 * labels.  RC_OK, or RC_ERROR with r->status set (404, 503).
 */
static int
form_load(struct req *r, uint64_t id, struct rform *f)
{
	struct dbres	 res, rc, lb;
	struct tz	*z;
	size_t		 i;
	const char	*to = "";

	if (report_row(r, id, &res) != RC_OK)
		return RC_ERROR;
	if ((z = tz_or_utc(r->a, r->s->timezone)) == NULL)
		return req_down(r);
	if (db_exec(r->db, r->a, STMT_REPORT_RECIPIENTS, &rc, NULL, NULL, "uu",
	    id, r->s->account_id) != RC_OK ||
	    db_exec(r->db, r->a, STMT_LABELS_OF_REPORT, &lb, NULL, NULL, "uu",
	    id, r->s->account_id) != RC_OK)
		return req_down(r);
	form_default(f);
	form_stored(r, f, z, &res);
	for (i = 0; i < rc.nrows; i++)
		to = arena_printf(r->a, "%s%s%s", to, i ? "\n" : "",
		    db_cell(&rc, i, RR_EMAIL));
	f->recipients = to;
	if ((f->labels = arena_alloc(r->a, sizeof(char *) * (lb.nrows + 1))) == NULL)
		return req_down(r);
	for (i = 0; i < lb.nrows; i++)
		f->labels[f->nlabels++] = db_cell(&lb, i, LI_ID);
	return RC_OK;
}

/* The form as posted (missing fields are empty).  RC_OK, or RC_ERROR on exhaustion. */
static int
form_posted(struct req *r, struct rform *f)
{
	memset(f, 0, sizeof(*f));
	f->id = in_typed(r, "id");
	f->name = in_typed(r, "name");
	f->kind = in_typed(r, "kind");
	f->format = in_typed(r, "format");
	f->range = in_typed(r, "range");
	f->from = in_typed(r, "from");
	f->to = in_typed(r, "to");
	f->events = in_typed(r, "events");
	f->label = in_typed(r, "filter_label");
	f->schedule = in_typed(r, "schedule");
	f->weekday = in_typed(r, "weekday");
	f->mday = in_typed(r, "mday");
	f->hour = in_typed(r, "hour");
	f->recipients = in_typed(r, "recipients");
	f->paused = "no";
	return labels_posted(r, &f->labels, &f->nlabels);
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
		n = rkind_el(list, k);
		xml_attr_yes(n, "allowed", role_can(r->s->role, k->cap));
		xml_attr_yes(n, "range", (k->filters & RF_RANGE) != 0);
		xml_attr_yes(n, "events", (k->filters & RF_EVENTS) != 0);
		xml_attr_yes(n, "label-filter", (k->filters & RF_LABEL) != 0);
	}
}

/*
 * Draws the form page (status set by the caller).  RC_OK, or RC_ERROR
 * with r->status set (503 without a database).
 */
static int
form_render(struct req *r, const struct rform *f)
{
	xmlNodePtr	 n;

	if (r->doc == NULL && xml_page(r, "report") == NULL)
		return RC_ERROR;
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
	if (label_options(r, LT_REPORT, f->id, f->labels, f->nlabels) != RC_OK)
		return req_down(r);
	return RC_OK;
}

/*
 * GET /settings/reports/edit[?id=ID] (who has reports): 200 with the
 * form, empty or of the report; 404 for a report not this owner's; 503
 * without a database.
 */
int
page_report_edit(struct req *r)
{
	struct rform	 f;
	uint64_t	 id;

	form_default(&f);
	if (in_error(r, "id") != NULL) {
		r->status = 404;
		return RC_ERROR;
	}
	if (in_u64(r, "id", &id) == RC_OK && form_load(r, id, &f) != RC_OK)
		return RC_ERROR;
	return form_render(r, &f);
}

/* ---------------------------------------------------------------- check */

/* Sets the refusal: RC_OK, for a check to return. */
static int
refuse(struct refusal *no, int status, const char *field, const char *msg)
{
	no->status = status;
	no->field = field;
	no->msg = msg;
	return RC_OK;
}

/*
 * The checks of the form, in the order their errors are shown: each
 * fills p from f, or sets *no; RC_OK, or RC_ERROR on a database error.
 */
typedef int (*check_fn)(struct req *, const struct rform *, struct rparsed *,
    struct refusal *);

/* The name (trimmed by the gate). */
static int
check_name(struct req *r, const struct rform *f, struct rparsed *p,
    struct refusal *no)
{
	const char	*msg;
	size_t		 n = strlen(f->name);

	if ((msg = in_error(r, "name")) != NULL)
		return refuse(no, 422, "name", utf8_chars(f->name, n) <=
		    MAX_REPORT_NAME ? msg : arena_printf(r->a, "Use at most %d "
		    "characters (this name has %zu).", MAX_REPORT_NAME,
		    utf8_chars(f->name, n)));
	p->name = in_str(r, "name");
	return RC_OK;
}

/* The kind (403 for one the role may not see) and the format. */
static int
check_kind(struct req *r, const struct rform *f, struct rparsed *p,
    struct refusal *no)
{
	const struct rkind_info	*k;

	if ((p->kind = rkind_parse(f->kind)) == RKIND_NONE)
		return refuse(no, 422, "kind", "Choose what the report "
		    "summarises.");
	k = rkind_get(p->kind);
	if (!k->available)
		return refuse(no, 422, "kind", k->about);
	if (!role_can(r->s->role, k->cap))
		return refuse(no, 403, "kind", "Your role does not allow this "
		    "kind of report.");
	if (strcmp(f->format, "csv") != 0 && f->format[0] != '\0')
		return refuse(no, 422, "format", "Choose CSV, the one format "
		    "reports have.");
	return RC_OK;
}

/* The date range: a kind of range, and the days of a custom one. */
static int
check_range(struct req *r, const struct rform *f, struct rparsed *p,
    struct refusal *no)
{
	int	 rk;

	if ((rk = name_index(range_names, RANGE__MAX, f->range)) < 0)
		return refuse(no, 422, "range", "Choose a date range.");
	memset(&p->range, 0, sizeof(p->range));
	p->range.kind = (enum range_kind)rk;
	if (rk != RANGE_ALL && !(rkind_get(p->kind)->filters & RF_RANGE))
		return refuse(no, 422, "range", "This kind of report has no date "
		    "range.");
	if (rk != RANGE_CUSTOM)
		return RC_OK;
	if (date_parse(f->from, &p->range.fy, &p->range.fm,
	    &p->range.fd) != RC_OK)
		return refuse(no, 422, "from", "Enter the first day as a date "
		    "such as 2026-03-01.");
	if (date_parse(f->to, &p->range.ty, &p->range.tm, &p->range.td) != RC_OK)
		return refuse(no, 422, "to", "Enter the last day as a date such "
		    "as 2026-03-31.");
	if (strcmp(f->to, f->from) < 0)
		return refuse(no, 422, "to", "The last day cannot come before "
		    "the first.");
	p->from = f->from;
	p->to = f->to;
	return RC_OK;
}

/* The event names, one a line, for an events summary. */
static int
check_events(struct req *r, const struct rform *f, struct rparsed *p,
    struct refusal *no)
{
	const char	**names, *bad;
	size_t		 n, i;
	int		 rc;

	if ((rc = event_names_parse(r->a, f->events, &names, &n, &bad)) != 0)
		return refuse(no, 422, "events", rc == LIST_BAD ?
		    arena_printf(r->a, "\"%s\" is not an event name: 1 to 120 "
		    "characters, no spaces at the ends, no control characters.",
		    bad) : rc == LIST_FULL ? arena_printf(r->a, "Name at most %d "
		    "events.", REPORT_MAX_EVENTS) : "Out of memory.");
	if (n > 0 && !(rkind_get(p->kind)->filters & RF_EVENTS))
		return refuse(no, 422, "events", "Only an events summary filters "
		    "by event names.");
	for (p->events = "", i = 0; i < n; i++)
		p->events = arena_printf(r->a, "%s%s%s", p->events, i ? "\n" : "",
		    names[i]);
	return RC_OK;
}

/* The label filter, for a CSV uploads report (404 for another account's). */
static int
check_label(struct req *r, const struct rform *f, struct rparsed *p,
    struct refusal *no)
{
	struct dbres	 res;

	p->label = 0;
	if (f->label[0] == '\0')
		return RC_OK;
	if (in_u64(r, "filter_label", &p->label) != RC_OK ||
	    db_exec(r->db, r->a, STMT_LABEL_ONE, &res, NULL, NULL, "uu",
	    p->label, r->s->account_id) != RC_OK || res.nrows != 1)
		return refuse(no, 404, NULL, NULL);
	if (!(rkind_get(p->kind)->filters & RF_LABEL))
		return refuse(no, 422, "filter_label", "Only a CSV uploads report "
		    "filters by label.");
	return RC_OK;
}

/* The schedule: how often, on which day, at which hour. */
static int
check_schedule(struct req *r, const struct rform *f, struct rparsed *p,
    struct refusal *no)
{
	uint64_t	 v;
	int		 k;

	memset(&p->sched, 0, sizeof(p->sched));
	p->sched.weekday = 1;
	p->sched.mday = 1;
	p->sched.hour = 8;
	if ((k = name_index(sched_names, SCHED__MAX, f->schedule)) < 0)
		return refuse(no, 422, "schedule", "Choose how often the report "
		    "runs.");
	if ((p->sched.kind = (enum sched_kind)k) == SCHED_NONE)
		return RC_OK;
	if (k == SCHED_WEEKLY && (p->sched.weekday = name_index(weekday_names,
	    7, f->weekday)) < 0)
		return refuse(no, 422, "weekday", "Choose a day of the week.");
	if (k == SCHED_MONTHLY) {
		if (in_u64(r, "mday", &v) != RC_OK)
			return refuse(no, 422, "mday",
			    valid_message(VALID_MONTH_DAY));
		p->sched.mday = (int)v;
	}
	if (in_u64(r, "hour", &v) != RC_OK)
		return refuse(no, 422, "hour", valid_message(VALID_HOUR));
	p->sched.hour = (int)v;
	return RC_OK;
}

/* The recipients: addresses of members, or of an allowed domain. */
static int
check_recipients(struct req *r, const struct rform *f, struct rparsed *p,
    struct refusal *no)
{
	struct dbres	 mem;
	const char	*bad, *domains;
	size_t		 i;
	int		 rc;

	if ((rc = recipients_parse(r->a, f->recipients, &p->rcpt, &p->nrcpt,
	    &bad)) != 0)
		return refuse(no, 422, "recipients", rc == LIST_BAD ?
		    arena_printf(r->a, "\"%s\" is not an email address like "
		    "name@example.com.", bad) : rc == LIST_FULL ?
		    arena_printf(r->a, "List at most %d recipients.",
		    REPORT_MAX_RECIPIENTS) : "Out of memory.");
	if (p->nrcpt == 0)
		return RC_OK;
	if ((rc = recipient_domains(r->db, r->a, r->s->account_id,
	    &domains)) != RC_OK)
		return rc;
	for (i = 0; i < p->nrcpt; i++) {
		if (domains_allow_recipient(domains, p->rcpt[i]))
			continue;
		if ((rc = db_exec(r->db, r->a, STMT_MEMBER_ROLE_BY_EMAIL, &mem,
		    NULL, NULL, "us", r->s->account_id, p->rcpt[i])) != RC_OK)
			return rc;
		if (mem.nrows == 0)
			return refuse(no, 422, "recipients", arena_printf(r->a,
			    "%s is neither a member of this account nor in a "
			    "domain the organization allows.", p->rcpt[i]));
	}
	return RC_OK;
}

static const check_fn checks[] = {
	check_name, check_kind, check_range, check_events, check_label,
	check_schedule, check_recipients,
};

/* ----------------------------------------------------------------- save */

/*
 * Inserts (p->id 0) or updates the report row of p, next run nx, in the
 * open transaction; p->id gets the new id.  RC_OK, with *full set when
 * the person has MAX_REPORTS already (nothing inserted); another rc on a
 * database error.
 */
static int
report_write(struct req *r, struct rparsed *p, const char *nx, int *full)
{
	uint64_t	 n = 0, id = p->id;
	int		 rc;

	*full = 0;
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
	if (rc == RC_OK && p->id == 0 && n == 0)
		*full = 1;
	p->id = id;
	return rc;
}

/* Sets the recipients of report p->id to p's, in the open transaction.  An rc. */
static int
report_recipients(struct req *r, const struct rparsed *p)
{
	size_t	 i;
	int	 rc;

	if ((rc = db_exec(r->db, r->a, STMT_REPORT_RECIPIENTS_CLEAR, NULL, NULL,
	    NULL, "uu", p->id, r->s->account_id)) != RC_OK)
		return rc;
	for (i = 0; i < p->nrcpt; i++)
		if ((rc = db_exec(r->db, r->a, STMT_REPORT_RECIPIENT_ADD, NULL,
		    NULL, NULL, "uus", r->s->account_id, p->id,
		    p->rcpt[i])) != RC_OK)
			return rc;
	return RC_OK;
}

/* A report stored by store_tx(). */
struct store {
	struct rparsed		*p;
	const struct rform	*f;
	const char		**names;	/* out: the labels attached */
	struct refusal		*no;		/* out */
	const char		*nx;		/* its next run, or NULL */
	uint64_t		 id;		/* p->id as typed: 0 for a new one */
};

/* req_txn_fn: report_store()'s transaction; a refusal rolls it back. */
static int
store_tx(struct req *r, void *arg)
{
	struct store	*st = arg;
	struct rparsed	*p = st->p;
	int		 rc, full, foreign = 0;

	p->id = st->id;
	if ((rc = report_write(r, p, st->nx, &full)) != RC_OK)
		return rc;
	if (full) {
		refuse(st->no, 422, NULL, arena_printf(r->a, "You have %d "
		    "reports in this account, the most one person can have. "
		    "Delete one first.", MAX_REPORTS));
		return RC_ERROR;
	}
	if ((rc = report_recipients(r, p)) != RC_OK)
		return rc;
	if (st->f->nlabels > MAX_ITEM_LABELS) {
		refuse(st->no, 422, "labels", arena_printf(r->a, "Attach at "
		    "most %d labels to one report.", MAX_ITEM_LABELS));
		return RC_ERROR;
	}
	if ((rc = labels_replace(r, LT_REPORT, p->id, st->f->labels,
	    st->f->nlabels, st->names, &foreign)) != RC_OK)
		return rc;
	if (foreign) {
		refuse(st->no, 404, NULL, NULL);
		return RC_ERROR;
	}
	if (st->nx != NULL && (rc = tick_ensure(r->db, r->a)) != RC_OK)
		return rc;
	return audit_req(r, st->id == 0 ? "report.create" : "report.update",
	    p->name);
}

/*
 * Stores p (new when p->id is 0) with its recipients and the labels of f,
 * the tick that runs it, and the audit row, in one transaction (req_txn).
 * RC_OK, with *no set when refused (MAX_REPORTS reached, too many labels,
 * a label not of this account); another rc on a database error.  Nothing
 * changes unless RC_OK and not refused.
 */
static int
report_store(struct req *r, struct rparsed *p, const struct rform *f,
    const char **names, struct refusal *no)
{
	struct store	 st = { p, f, names, no, NULL, p->id };
	int		 rc;

	st.nx = p->paused ? NULL : report_next_run(r->a, &p->sched,
	    r->s->timezone);
	rc = req_txn(r, store_tx, &st);
	return no->status ? RC_OK : rc;
}

/*
 * POST /settings/reports/save (who has reports): 303 to the list with a
 * flash; 422 with the form as typed for any bad field (its message beside
 * it); 403 for a kind the role may not see; 404 for a report or label not
 * this owner's / account's; 503 without a database.  Nothing changes on a
 * refusal.
 */
int
page_report_save_post(struct req *r)
{
	struct rform	 f;
	struct rparsed	 p;
	struct refusal	 no = { 0, NULL, NULL };
	struct dbres	 res;
	const char	*names = "";
	size_t		 i;

	if (form_posted(r, &f) != RC_OK) {
		r->status = 500;
		return RC_ERROR;
	}
	memset(&p, 0, sizeof(p));
	if (in_error(r, "id") != NULL)
		refuse(&no, 404, NULL, NULL);
	else if (in_u64(r, "id", &p.id) == RC_OK) {
		if (report_row(r, p.id, &res) != RC_OK)
			return RC_ERROR;
		p.paused = db_u64(&res, 0, RO_PAUSED) != 0;
		f.paused = p.paused ? "yes" : "no";
	}
	for (i = 0; i < sizeof(checks) / sizeof(checks[0]) && !no.status; i++)
		if (checks[i](r, &f, &p, &no) != RC_OK)
			return req_down(r);
	if (!no.status && report_store(r, &p, &f, &names, &no) != RC_OK)
		return req_down(r);
	if (no.status == 422) {
		r->status = 422;
		if (xml_page(r, "report") == NULL)
			return RC_ERROR;
		xml_error(r, no.field, no.msg);
		return form_render(r, &f);
	}
	if (no.status != 0) {
		page_error(r, no.status, no.status == 403 ? no.msg : NULL);
		return RC_OK;
	}
	req_flash(r, "ok", arena_printf(r->a, "Saved the report %s.", p.name));
	req_redirect(r, "/settings/reports");
	return RC_OK;
}
