/*
 * /settings/reports: a person's saved reports — what they summarise,
 * their schedule, who gets mailed a link, their last download — and
 * what can be done to one from the list: run now, pause or resume,
 * delete.  The form that makes and edits one is reports_edit.c.  Every
 * statement names the account and the owner: another person's report is
 * not found (404).
 *
 *   GET  /settings/reports[?label=ID][&page=N][&delete=ID]
 *   POST /settings/reports/run                   id
 *   POST /settings/reports/pause                 id, paused=yes|no
 *   POST /settings/reports/delete                id, confirm=yes
 */
#include <string.h>
#include <time.h>

#include "../arena.h"
#include "../audit.h"
#include "../db.h"
#include "../download.h"
#include "../error.h"
#include "../input.h"
#include "../label.h"
#include "../limits.h"
#include "../pager.h"
#include "../rc.h"
#include "../report.h"
#include "../request.h"
#include "../roles.h"
#include "../sched.h"
#include "../status.h"
#include "../text.h"
#include "../tick.h"
#include "../tz.h"
#include "../xml.h"

/* Columns of STMT_REPORT_LIST. */
enum {
	RL_ID, RL_NAME, RL_KIND, RL_SCHEDULE, RL_WEEKDAY, RL_MDAY, RL_HOUR,
	RL_PAUSED, RL_NEXT_RUN, RL_LAST_RUN, RL_RANGE, RL_RECIPIENTS,
	RL_DOWNLOAD, RL_DOWNLOAD_STATUS
};

/* Columns of STMT_REPORT_TOTAL. */
enum { RT_COUNT };

/* ----------------------------------------------------------------- list */

/* One <report> of the list from row i; times in zone z. */
static void
list_item(xmlNodePtr list, const struct tz *z, const struct dbres *res,
    size_t i)
{
	xmlNodePtr	 n = xml_el(list, "report", NULL);
	uint64_t	 st;

	xml_attr(n, "id", db_cell(res, i, RL_ID));
	xml_attr(n, "name", db_cell(res, i, RL_NAME));
	xml_attr(n, "kind", rkind_get((enum rkind)db_u64(res, i, RL_KIND))->key);
	xml_attr(n, "schedule", sched_names[db_u64(res, i, RL_SCHEDULE) %
	    SCHED__MAX]);
	xml_attr(n, "weekday", weekday_names[db_u64(res, i, RL_WEEKDAY) % 7]);
	xml_attr(n, "mday", db_cell(res, i, RL_MDAY));
	xml_attr(n, "hour", db_cell(res, i, RL_HOUR));
	xml_attr_yes(n, "paused", db_u64(res, i, RL_PAUSED) != 0);
	xml_attr_time(n, "next-run", z, db_cell(res, i, RL_NEXT_RUN));
	xml_attr_time(n, "last-run", z, db_cell(res, i, RL_LAST_RUN));
	xml_attr(n, "range", range_names[db_u64(res, i, RL_RANGE) % RANGE__MAX]);
	xml_attr(n, "recipients", db_cell(res, i, RL_RECIPIENTS));
	if (db_cell(res, i, RL_DOWNLOAD) != NULL) {
		st = db_u64(res, i, RL_DOWNLOAD_STATUS);
		xml_attr(n, "last-download", db_cell(res, i, RL_DOWNLOAD));
		xml_attr(n, "last-status", STATUS_NAME(download_status_names, st));
	}
}

/* <report-confirm>: the deletion of report id (0: none) of this owner.  An rc. */
static int
report_confirm(struct req *r, uint64_t id)
{
	struct dbres	 res;
	xmlNodePtr	 c;
	int		 rc;

	if (id == 0)
		return RC_OK;
	if ((rc = db_exec(r->db, r->a, STMT_REPORT_ONE, &res, NULL, NULL,
	    "uuu", id, r->s->account_id, r->s->user_id)) != RC_OK)
		return rc;
	if (res.nrows != 1)
		return RC_OK;
	c = xml_el(r->root, "report-confirm", NULL);
	xml_attr(c, "id", db_cell(&res, 0, RO_ID));
	xml_attr(c, "name", db_cell(&res, 0, RO_NAME));
	return RC_OK;
}

/*
 * Draws page page of the list (status set by the caller), filtered by
 * ?label= (its total counts the filtered list; the pager keeps the
 * filter), with the confirmation of the deletion of report confirm (0:
 * none).  RC_OK, or RC_ERROR with r->status set (503 without a database).
 */
static int
reports_render(struct req *r, long page, uint64_t confirm)
{
	struct dbres	 res, tot;
	static const char *const keep[] = { "label", NULL };
	struct tz	*z;
	xmlNodePtr	 list;
	uint64_t	 label;
	size_t		 i, shown;

	if (r->doc == NULL && xml_page(r, "reports") == NULL)
		return RC_ERROR;
	label = label_filter(r);
	if ((z = tz_or_utc(r->a, r->s->timezone)) == NULL)
		return RC_ERROR;
	if (db_exec(r->db, r->a, STMT_REPORT_LIST, &res, NULL, NULL, "uuuuii",
	    r->s->account_id, r->s->user_id,
	    label, label, (long long)REPORTS_PER_PAGE + 1,
	    (long long)(page - 1) * REPORTS_PER_PAGE) != RC_OK ||
	    db_exec(r->db, r->a, STMT_REPORT_TOTAL, &tot, NULL, NULL, "uuuu",
	    r->s->account_id, r->s->user_id, label, label) != RC_OK)
		return req_down(r);
	list = xml_el(r->root, "reports", NULL);
	xml_attr(list, "total", tot.nrows ? db_cell(&tot, 0, RT_COUNT) : "0");
	xml_attr_i(list, "max", MAX_REPORTS);
	pager_el(r, list, "/settings/reports", page, REPORTS_PER_PAGE,
	    res.nrows > REPORTS_PER_PAGE, tot.nrows ? (long long)db_u64(&tot, 0,
	    RT_COUNT) : 0, keep);
	shown = res.nrows > REPORTS_PER_PAGE ? REPORTS_PER_PAGE : res.nrows;
	for (i = 0; i < shown; i++)
		list_item(list, z, &res, i);
	if (labels_on_list(r, list, LT_REPORT) != RC_OK ||
	    report_confirm(r, confirm) != RC_OK)
		return req_down(r);
	return RC_OK;
}

/*
 * GET /settings/reports (who has reports): 200, with the confirmation
 * of ?delete=; 503 without a database.
 */
int
page_reports(struct req *r)
{
	uint64_t	 confirm = 0;

	(void)in_u64(r, "delete", &confirm);
	return reports_render(r, page_arg(in_str(r, "page")), confirm);
}

/* 422 on the first page of the list: one form-wide (or confirm) error.  As reports_render(). */
static int
list_refuse(struct req *r, uint64_t confirm, const char *field,
    const char *msg)
{
	r->status = 422;
	if (xml_page(r, "reports") == NULL)
		return RC_ERROR;
	xml_error(r, field, msg);
	return reports_render(r, 1, confirm);
}

/*
 * The report named by the form's id, of this owner: its id and its
 * STMT_REPORT_ONE row.  RC_OK, or RC_ERROR with r->status set (404, 503).
 */
static int
action_target(struct req *r, uint64_t *id, struct dbres *res)
{
	if (in_u64(r, "id", id) != RC_OK) {
		r->status = 404;
		return RC_ERROR;
	}
	return report_row(r, *id, res);
}

/* ------------------------------------------------------------------ run */

/*
 * What a run of report id (its STMT_REPORT_ONE row res) exports now: its
 * filters, the date range as of now in the account's time zone.  An rc.
 */
static int
run_spec(struct req *r, uint64_t id, const struct dbres *res,
    struct dl_spec *s)
{
	struct dbres	 lb;
	struct range	 rg;
	struct tz	*z;

	memset(s, 0, sizeof(*s));
	s->account = r->s->account_id;
	s->user = r->s->user_id;
	s->report = id;
	s->name = db_cell(res, 0, RO_NAME);
	s->kind = (enum rkind)db_u64(res, 0, RO_KIND);
	s->events = db_cell(res, 0, RO_EVENTS);
	s->label = db_u64(res, 0, RO_LABEL);
	s->label_name = "";
	if (s->label != 0 && db_exec(r->db, r->a, STMT_LABEL_ONE, &lb, NULL,
	    NULL, "uu", s->label, r->s->account_id) == RC_OK && lb.nrows == 1)
		s->label_name = db_cell(&lb, 0, LO_NAME);
	report_range(&rg, db_u64(res, 0, RO_RANGE), db_cell(res, 0, RO_FROM),
	    db_cell(res, 0, RO_TO));
	if ((z = tz_or_utc(r->a, r->s->timezone)) == NULL)
		return RC_ERROR;
	return download_snapshot(r->a, z, (int64_t)time(NULL), &rg, s);
}

/* A run queued by run_tx(). */
struct run {
	uint64_t		 id;	/* the report */
	const struct dl_spec	*s;
};

/* req_txn_fn: the run's download (and job), the report's last run,
 * audited.  An rc. */
static int
run_tx(struct req *r, void *arg)
{
	struct run	*run = arg;
	uint64_t	 dl;
	int		 rc;

	if ((rc = download_create(r->db, r->a, run->s, &dl)) != RC_OK ||
	    (rc = db_exec(r->db, r->a, STMT_REPORT_RAN, NULL, NULL, NULL, "uuu",
	    dl, run->id, r->s->account_id)) != RC_OK)
		return rc;
	return audit_req(r, "report.run", run->s->name);
}

/*
 * POST /settings/reports/run: queues an export of the report now (its
 * filters as of now, in the account's time zone), audited; 303 to My
 * Downloads.  403 when the role may no longer see the report's kind; 404
 * for a report not this owner's; 503 without a database.
 */
int
page_report_run_post(struct req *r)
{
	const struct rkind_info	*k;
	struct dbres		 res;
	struct dl_spec		 s;
	struct run		 run;
	uint64_t		 id;

	if (action_target(r, &id, &res) != RC_OK)
		return RC_ERROR;
	k = rkind_get((enum rkind)db_u64(&res, 0, RO_KIND));
	if (!k->available || !role_can(r->s->role, k->cap)) {
		page_error(r, 403, k->available ? "Your role does not allow this "
		    "kind of report." : k->about);
		return RC_OK;
	}
	if (run_spec(r, id, &res, &s) != RC_OK)
		return req_down(r);
	run.id = id;
	run.s = &s;
	if (req_txn(r, run_tx, &run) != RC_OK)
		return req_down(r);
	req_flash(r, "ok", arena_printf(r->a, "Running %s: it appears below when "
	    "it is ready.", s.name));
	req_redirect(r, "/settings/downloads");
	return RC_OK;
}

/* ---------------------------------------------------------------- pause */

/* A pause or resume made by pause_tx(). */
struct pause {
	uint64_t	 id;
	int		 pause;
	const char	*nx;		/* the next run (resumed), or NULL */
	const char	*name;
};

/* req_txn_fn: report_pause()'s transaction. */
static int
pause_tx(struct req *r, void *arg)
{
	struct pause	*p = arg;
	int		 rc;

	if ((rc = db_exec(r->db, r->a, STMT_REPORT_PAUSE, NULL, NULL, NULL,
	    "isuuu", (long long)p->pause, p->nx, p->id, r->s->account_id,
	    r->s->user_id)) != RC_OK || (p->nx != NULL &&
	    (rc = tick_ensure(r->db, r->a)) != RC_OK))
		return rc;
	return audit_req(r, p->pause ? "report.pause" : "report.resume",
	    p->name);
}

/*
 * Pauses (pause) or resumes report id (its STMT_REPORT_ONE row res) from
 * now, audited, in one transaction.  An rc; nothing changes unless RC_OK.
 */
static int
report_pause(struct req *r, uint64_t id, const struct dbres *res, int pause)
{
	struct sched	 sc;
	struct pause	 p;

	sc.kind = (enum sched_kind)db_u64(res, 0, RO_SCHEDULE);
	sc.weekday = (int)db_u64(res, 0, RO_WEEKDAY);
	sc.mday = (int)db_u64(res, 0, RO_MDAY);
	sc.hour = (int)db_u64(res, 0, RO_HOUR);
	p.nx = pause ? NULL : report_next_run(r->a, &sc, r->s->timezone);
	p.id = id;
	p.pause = pause;
	p.name = db_cell(res, 0, RO_NAME);
	return req_txn(r, pause_tx, &p);
}

/*
 * POST /settings/reports/pause: paused=yes stops the schedule, paused=no
 * resumes it from now; audited; 303 + flash.  422 (the list with the
 * error) for another value or a report without a schedule; 404 for a
 * report not this owner's; 503 without a database.
 */
int
page_report_pause_post(struct req *r)
{
	const char	*v = in_str(r, "paused"), *name;
	struct dbres	 res;
	uint64_t	 id;
	int		 pause;

	if (action_target(r, &id, &res) != RC_OK)
		return RC_ERROR;
	name = db_cell(&res, 0, RO_NAME);
	if (v == NULL || (strcmp(v, "yes") != 0 && strcmp(v, "no") != 0))
		return list_refuse(r, 0, NULL, "Choose to pause or to resume "
		    "the schedule.");
	if (db_u64(&res, 0, RO_SCHEDULE) == SCHED_NONE)
		return list_refuse(r, 0, NULL, arena_printf(r->a, "%s has no "
		    "schedule to pause or resume.", name));
	pause = strcmp(v, "yes") == 0;
	if (report_pause(r, id, &res, pause) != RC_OK)
		return req_down(r);
	req_flash(r, "ok", arena_printf(r->a, pause ? "Paused %s: it will not run "
	    "until you resume it." : "Resumed %s.", name));
	req_redirect(r, "/settings/reports");
	return RC_OK;
}

/* --------------------------------------------------------------- delete */

/* A report deleted by delete_tx(). */
struct del {
	uint64_t	 id;
	const char	*name;
};

/* req_txn_fn: deletes the report (RC_ERROR when it is gone), recounts
 * the labels, audited. */
static int
delete_tx(struct req *r, void *arg)
{
	struct del	*d = arg;
	uint64_t	 n = 0;
	int		 rc;

	if ((rc = db_exec(r->db, r->a, STMT_REPORT_DELETE, NULL, &n, NULL,
	    "uuu", d->id, r->s->account_id, r->s->user_id)) != RC_OK)
		return rc;
	if (n != 1)
		return RC_ERROR;
	if ((rc = db_exec(r->db, r->a, STMT_LABEL_RECOUNT, NULL, NULL, NULL,
	    "u", r->s->account_id)) != RC_OK)
		return rc;
	return audit_req(r, "report.delete", d->name);
}

/*
 * POST /settings/reports/delete: with confirm=yes deletes the report,
 * its recipients and label attachments (its downloads stay), audited;
 * 303 + flash.  422 with the confirmation without confirm; 404 for a
 * report not this owner's; 503 without a database.
 */
int
page_report_delete_post(struct req *r)
{
	const char	*confirm = in_str(r, "confirm"), *name;
	struct dbres	 res;
	struct del	 d;
	uint64_t	 id;

	if (action_target(r, &id, &res) != RC_OK)
		return RC_ERROR;
	name = db_cell(&res, 0, RO_NAME);
	if (confirm == NULL || strcmp(confirm, "yes") != 0)
		return list_refuse(r, id, "confirm", arena_printf(r->a,
		    "Confirm that %s is to be deleted.", name));
	d.id = id;
	d.name = name;
	if (req_txn(r, delete_tx, &d) != RC_OK)
		return req_down(r);
	req_flash(r, "ok", arena_printf(r->a, "Deleted the report %s. Its "
	    "downloads stay in My Downloads until they expire.", name));
	req_redirect(r, "/settings/reports");
	return RC_OK;
}
