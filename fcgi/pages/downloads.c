/*
 * /settings/downloads: a person's exports — name, source, requested at,
 * status (queued, running, ready, failed, expired), rows, size, progress
 * while running, expiry — the file itself (owner only: anyone else gets
 * 404), a new export of a whole list, retry of a failed one, deletion.
 *
 *   GET  /settings/downloads[?page=N]
 *   GET  /settings/downloads/file?id=ID     the CSV bytes, not XML
 *   POST /settings/downloads/export         kind
 *   POST /settings/downloads/retry          id
 *   POST /settings/downloads/delete         id
 *
 * The files live in exports_dir (never under the web root) and are sent
 * by the worker with their Content-Type and Content-Disposition
 * (req_file); nginx's XSLT filter leaves text/csv alone.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../arena.h"
#include "../audit.h"
#include "../db.h"
#include "../download.h"
#include "../error.h"
#include "../input.h"
#include "../jobs.h"
#include "../limits.h"
#include "../pager.h"
#include "../log.h"
#include "../rc.h"
#include "../report.h"
#include "../request.h"
#include "../roles.h"
#include "../status.h"
#include "../text.h"
#include "../tz.h"
#include "../xml.h"

/* Columns of STMT_DOWNLOAD_LIST. */
enum {
	DL_COL_ID, DL_COL_NAME, DL_COL_SOURCE, DL_COL_STATUS, DL_COL_ROWS,
	DL_COL_ROWS_TOTAL, DL_COL_SIZE, DL_COL_REQUESTED, DL_COL_STARTED,
	DL_COL_FINISHED, DL_COL_EXPIRES, DL_COL_ERROR, DL_COL_REPORT,
	DL_COL_RANGE, DL_COL_LABEL
};

/* Columns of STMT_DOWNLOAD_ONE. */
enum { DO_ID, DO_NAME, DO_STATUS, DO_STORED, DO_SIZE, DO_CREATED, DO_SOURCE };

/* How a column of STMT_DOWNLOAD_LIST becomes an attribute. */
enum dl_form {
	DL_TEXT,		/* as it is (NULL: left out) */
	DL_OPTIONAL,		/* left out when empty */
	DL_TIME,		/* seconds since 1970, drawn in the zone */
};

/* The attributes of <download> from the columns of STMT_DOWNLOAD_LIST. */
static const struct {
	const char	*attr;
	int		 col;
	enum dl_form	 form;
} list_attrs[] = {
	{ "rows", DL_COL_ROWS, DL_TEXT },
	{ "rows-total", DL_COL_ROWS_TOTAL, DL_TEXT },
	{ "size", DL_COL_SIZE, DL_TEXT },
	{ "requested", DL_COL_REQUESTED, DL_TIME },
	{ "started", DL_COL_STARTED, DL_TIME },
	{ "finished", DL_COL_FINISHED, DL_TIME },
	{ "expires", DL_COL_EXPIRES, DL_TIME },
	{ "error", DL_COL_ERROR, DL_OPTIONAL },
	{ "report", DL_COL_REPORT, DL_TEXT },
	{ "range", DL_COL_RANGE, DL_OPTIONAL },
	{ "label", DL_COL_LABEL, DL_OPTIONAL },
};

/* One <download> from row i of STMT_DOWNLOAD_LIST, times in zone z; 1
 * when it is busy. */
static int
list_item(xmlNodePtr list, const struct tz *z, const struct dbres *res,
    size_t i)
{
	xmlNodePtr	 n = xml_el(list, "download", NULL);
	uint64_t	 st = db_u64(res, i, DL_COL_STATUS);
	const char	*v;
	size_t		 k;

	if (st < DL_QUEUED || st > DL_EXPIRED)
		st = DL_FAILED;
	xml_attr(n, "id", db_cell(res, i, DL_COL_ID));
	xml_attr(n, "name", db_cell(res, i, DL_COL_NAME));
	xml_attr(n, "source", rkind_get((enum rkind)db_u64(res, i,
	    DL_COL_SOURCE))->key);
	xml_attr(n, "status", STATUS_NAME(download_status_names, st));
	for (k = 0; k < sizeof(list_attrs) / sizeof(list_attrs[0]); k++) {
		v = db_cell(res, i, (size_t)list_attrs[k].col);
		if (list_attrs[k].form == DL_TIME)
			xml_attr_time(n, list_attrs[k].attr, z, v);
		else if (list_attrs[k].form == DL_TEXT ||
		    (v != NULL && v[0] != '\0'))
			xml_attr(n, list_attrs[k].attr, v);
	}
	return st == DL_QUEUED || st == DL_RUNNING;
}

/* <export-kinds>: the lists this role may export whole. */
static void
kinds_add(struct req *r)
{
	const struct rkind_info	*k;
	xmlNodePtr		 list;
	int			 i;

	list = xml_el(r->root, "export-kinds", NULL);
	for (i = RKIND_EVENTS; i < RKIND__MAX; i++)
		if (role_can(r->s->role, (k = rkind_get((enum rkind)i))->cap))
			rkind_el(list, k);
}

/*
 * Draws page page of the list (status set by the caller).  RC_OK, or
 * RC_ERROR with r->status set (503 without a database).
 */
static int
downloads_render(struct req *r, long page)
{
	struct dbres	 res;
	struct tz	*z;
	xmlNodePtr	 list;
	size_t		 i, shown;
	int		 busy = 0;

	if (r->doc == NULL && xml_page(r, "downloads") == NULL)
		return RC_ERROR;
	if ((z = tz_or_utc(r->a, r->s->timezone)) == NULL)
		return RC_ERROR;
	if (db_exec(r->db, r->a, STMT_DOWNLOAD_LIST, &res, NULL, NULL,
	    "uuii", r->s->account_id, r->s->user_id,
	    (long long)DOWNLOADS_PER_PAGE + 1,
	    (long long)(page - 1) * DOWNLOADS_PER_PAGE) != RC_OK)
		return req_down(r);
	list = xml_el(r->root, "downloads", NULL);
	pager_el(r, list, "/settings/downloads", page, DOWNLOADS_PER_PAGE,
	    res.nrows > DOWNLOADS_PER_PAGE, -1, NULL);
	xml_attr_i(list, "ttl-days", DOWNLOAD_TTL / 86400);
	shown = res.nrows > DOWNLOADS_PER_PAGE ? DOWNLOADS_PER_PAGE : res.nrows;
	for (i = 0; i < shown; i++)
		busy |= list_item(list, z, &res, i);
	xml_attr_yes(list, "busy", busy);
	kinds_add(r);
	return RC_OK;
}

/* GET /settings/downloads (everybody with downloads): 200; 503 without a database. */
int
page_downloads(struct req *r)
{
	return downloads_render(r, page_arg(in_str(r, "page")));
}

/* 422: the first page again with one error.  As downloads_render(). */
static int
refuse(struct req *r, const char *field, const char *msg)
{
	r->status = 422;
	if (xml_page(r, "downloads") == NULL)
		return RC_ERROR;
	xml_error(r, field, msg);
	return downloads_render(r, 1);
}

/*
 * The download named by the field id (query or form) of this owner: its
 * id and its STMT_DOWNLOAD_ONE row.  RC_OK, or RC_ERROR with r->status
 * set (404, 503).
 */
static int
target(struct req *r, uint64_t *id, struct dbres *res)
{
	if (in_u64(r, "id", id) != RC_OK) {
		r->status = 404;
		return RC_ERROR;
	}
	return req_row(r, db_exec(r->db, r->a, STMT_DOWNLOAD_ONE, res, NULL,
	    NULL, "uuu", *id, r->s->account_id, r->s->user_id), res);
}

/* Why download status st cannot be fetched. */
static const char *
not_ready(uint64_t st)
{
	switch (st) {
	case DL_EXPIRED:
		return "This export expired: its file was deleted after 7 days. "
		    "Run the report or the export again.";
	case DL_FAILED:
		return "This export failed, so it has no file. Retry it from My "
		    "Downloads.";
	default:
		return "This export is not ready yet. My Downloads shows when it is.";
	}
}

/*
 * GET /settings/downloads/file?id=ID: the CSV (text/csv, an attachment
 * named after the export and its date).  404 for a download not this
 * person's, not ready, expired, or whose file is missing; 503 without a
 * database.
 */
int
page_download_file(struct req *r)
{
	struct dbres	 res;
	struct stat	 st;
	struct tz	*z;
	char		 path[4096], day[26];
	const char	*disp;
	uint64_t	 id, s;
	int		 fd = -1;

	if (target(r, &id, &res) != RC_OK)
		return RC_ERROR;
	if ((z = tz_or_utc(r->a, r->s->timezone)) == NULL)
		return RC_ERROR;
	(void)tz_iso_cell(z, db_cell(&res, 0, DO_CREATED), day);
	day[10] = '\0';		/* the local date: YYYY-MM-DD */
	s = db_u64(&res, 0, DO_STATUS);
	if (s != DL_READY || db_cell(&res, 0, DO_STORED) == NULL) {
		page_error(r, 404, not_ready(s));
		return RC_OK;
	}
	if (download_path(path, sizeof(path), db_cell(&res, 0,
	    DO_STORED)) != RC_OK || (fd = open(path, O_RDONLY | O_CLOEXEC)) == -1 ||
	    fstat(fd, &st) == -1) {
		log_error("download %llu: %s: %s", (unsigned long long)id, path,
		    strerror(errno));
		if (fd != -1)
			close(fd);
		page_error(r, 404, "The file of this export is missing. Run the "
		    "report or the export again.");
		return RC_OK;
	}
	if ((disp = content_disposition(r->a, arena_printf(r->a, "%s %s.csv",
	    db_cell(&res, 0, DO_NAME), day))) == NULL) {
		close(fd);
		return RC_ERROR;
	}
	req_file(r, fd, (uint64_t)st.st_size, "text/csv; charset=utf-8", disp);
	return RC_OK;
}

/* req_txn_fn: an export of the whole list of kind arg (an enum rkind)
 * queued, audited. */
static int
export_tx(struct req *r, void *arg)
{
	enum rkind		 kind = *(enum rkind *)arg;
	const struct rkind_info	*k = rkind_get(kind);
	uint64_t		 id;
	int			 rc;

	if ((rc = download_queue(r->db, r->a, r->s->account_id, r->s->user_id,
	    kind, k->label, &id)) != RC_OK)
		return rc;
	return audit_req(r, "download.export", k->label);
}

/*
 * POST /settings/downloads/export: queues an export of a whole list
 * (kind), audited; 303 + flash.  422 for an unknown kind or one this
 * build does not have; 403 for a kind the role may not see; 503 without
 * a database.
 */
int
page_download_export_post(struct req *r)
{
	const struct rkind_info	*k;
	enum rkind		 kind = rkind_parse(in_str(r, "kind"));

	if (kind == RKIND_NONE)
		return refuse(r, "kind", "Choose what to export.");
	k = rkind_get(kind);
	if (!k->available)
		return refuse(r, "kind", k->about);
	if (!role_can(r->s->role, k->cap)) {
		page_error(r, 403, "Your role does not allow exporting this.");
		return RC_OK;
	}
	if (req_txn(r, export_tx, &kind) != RC_OK)
		return req_down(r);
	req_flash(r, "ok", arena_printf(r->a, "Exporting %s: it appears below "
	    "when it is ready.", k->label));
	req_redirect(r, "/settings/downloads");
	return RC_OK;
}

/* The download a retry or a delete is about. */
struct one {
	uint64_t	 id;
	const char	*name;
};

/* req_txn_fn: a failed export queued again (RC_ERROR when it is not
 * failed any more), audited. */
static int
retry_tx(struct req *r, void *arg)
{
	struct one	*o = arg;
	uint64_t	 n = 0;
	int		 rc;

	if ((rc = db_exec(r->db, r->a, STMT_DOWNLOAD_RETRY, NULL, &n, NULL,
	    "uuu", o->id, r->s->account_id, r->s->user_id)) != RC_OK)
		return rc;
	if (n != 1)
		return RC_ERROR;
	if ((rc = job_enqueue(r->db, r->a, r->s->account_id, "report.export",
	    o->id, NULL)) != RC_OK)
		return rc;
	return audit_req(r, "download.retry", o->name);
}

/* req_txn_fn: the download's row deleted (RC_ERROR when gone), audited;
 * its file is removed after the commit. */
static int
delete_tx(struct req *r, void *arg)
{
	struct one	*o = arg;
	uint64_t	 n = 0;
	int		 rc;

	if ((rc = db_exec(r->db, r->a, STMT_DOWNLOAD_DELETE, NULL, &n, NULL,
	    "uuu", o->id, r->s->account_id, r->s->user_id)) != RC_OK)
		return rc;
	if (n != 1)
		return RC_ERROR;
	return audit_req(r, "download.delete", o->name);
}

/*
 * POST /settings/downloads/retry: queues a failed export again, audited;
 * 303 + flash.  422 for one that has not failed; 404 for one not this
 * person's; 503 without a database.
 */
int
page_download_retry_post(struct req *r)
{
	struct dbres	 res;
	struct one	 one;
	const char	*name;
	uint64_t	 id;

	if (target(r, &id, &res) != RC_OK)
		return RC_ERROR;
	name = db_cell(&res, 0, DO_NAME);
	if (db_u64(&res, 0, DO_STATUS) != DL_FAILED)
		return refuse(r, NULL, arena_printf(r->a, "Only a failed export "
		    "can be retried; %s is %s.", name, STATUS_NAME(
		    download_status_names, db_u64(&res, 0, DO_STATUS))));
	one.id = id;
	one.name = name;
	if (req_txn(r, retry_tx, &one) != RC_OK)
		return req_down(r);
	req_flash(r, "ok", arena_printf(r->a, "Retrying %s.", name));
	req_redirect(r, "/settings/downloads");
	return RC_OK;
}

/*
 * POST /settings/downloads/delete: deletes the export and its file (an
 * export still running stops), audited; 303 + flash.  404 for one not
 * this person's; 503 without a database.
 */
int
page_download_delete_post(struct req *r)
{
	struct dbres	 res;
	struct one	 one;
	uint64_t	 id;

	if (target(r, &id, &res) != RC_OK)
		return RC_ERROR;
	one.id = id;
	one.name = db_cell(&res, 0, DO_NAME);
	if (req_txn(r, delete_tx, &one) != RC_OK)
		return req_down(r);
	download_remove(db_cell(&res, 0, DO_STORED), "delete");
	req_flash(r, "ok", arena_printf(r->a, "Deleted %s.", db_cell(&res, 0,
	    DO_NAME)));
	req_redirect(r, "/settings/downloads");
	return RC_OK;
}
