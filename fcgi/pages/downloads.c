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
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../arena.h"
#include "../audit.h"
#include "../conf.h"
#include "../db.h"
#include "../decode.h"
#include "../error.h"
#include "../export.h"
#include "../input.h"
#include "../jobs.h"
#include "../limits.h"
#include "../log.h"
#include "../rc.h"
#include "../report.h"
#include "../request.h"
#include "../roles.h"
#include "../status.h"
#include "../text.h"
#include "../xml.h"

/* One <download> from row i of STMT_DOWNLOAD_LIST; 1 when it is busy. */
static int
list_item(xmlNodePtr list, const struct dbres *res, size_t i)
{
	xmlNodePtr	 n = xml_el(list, "download", NULL);
	uint64_t	 st = db_u64(res, i, 3);

	if (st < DL_QUEUED || st > DL_EXPIRED)
		st = DL_FAILED;
	xml_attr(n, "id", db_cell(res, i, 0));
	xml_attr(n, "name", db_cell(res, i, 1));
	xml_attr(n, "source", rkind_get((enum rkind)db_u64(res, i, 2))->key);
	xml_attr(n, "status", STATUS_NAME(download_status_names, st));
	xml_attr(n, "rows", db_cell(res, i, 4));
	xml_attr(n, "rows-total", db_cell(res, i, 5));
	xml_attr(n, "size", db_cell(res, i, 6));
	xml_attr(n, "requested", db_cell(res, i, 7));
	xml_attr(n, "started", db_cell(res, i, 8));
	xml_attr(n, "finished", db_cell(res, i, 9));
	xml_attr(n, "expires", db_cell(res, i, 10));
	if (db_cell(res, i, 11)[0] != '\0')
		xml_attr(n, "error", db_cell(res, i, 11));
	xml_attr(n, "report", db_cell(res, i, 12));
	if (db_cell(res, i, 13)[0] != '\0')
		xml_attr(n, "range", db_cell(res, i, 13));
	if (db_cell(res, i, 14)[0] != '\0')
		xml_attr(n, "label", db_cell(res, i, 14));
	return st == DL_QUEUED || st == DL_RUNNING;
}

/* <export-kinds>: the lists this role may export whole. */
static void
kinds_add(struct req *r)
{
	const struct rkind_info	*k;
	xmlNodePtr		 list, n;
	int			 i;

	list = xml_el(r->root, "export-kinds", NULL);
	for (i = RKIND_EVENTS; i < RKIND__MAX; i++) {
		k = rkind_get((enum rkind)i);
		if (!role_can(r->s->role, k->cap))
			continue;
		n = xml_el(list, "kind", k->about);
		xml_attr(n, "key", k->key);
		xml_attr(n, "label", k->label);
		xml_attr_yes(n, "available", k->available);
	}
}

/* Draws the page (status set by the caller).  -1 (503). */
static int
downloads_render(struct req *r)
{
	struct dbres	 res;
	xmlNodePtr	 list;
	long		 page = page_arg(kv_get(&r->query, "page"));
	size_t		 i, shown;
	int		 busy = 0;

	if (r->doc == NULL && xml_page(r, "downloads") == NULL)
		return -1;
	if (db_exec(r->db, r->a, STMT_DOWNLOAD_LIST, &res, NULL, NULL,
	    "ssssuuii", r->s->timezone, r->s->timezone, r->s->timezone,
	    r->s->timezone, r->s->account_id, r->s->user_id,
	    (long long)DOWNLOADS_PER_PAGE + 1,
	    (long long)(page - 1) * DOWNLOADS_PER_PAGE) != RC_OK)
		return req_down(r);
	list = xml_el(r->root, "downloads", NULL);
	xml_attr_i(list, "page", page);
	xml_attr_i(list, "per-page", DOWNLOADS_PER_PAGE);
	xml_attr_yes(list, "next", res.nrows > DOWNLOADS_PER_PAGE);
	xml_attr_i(list, "ttl-days", DOWNLOAD_TTL / 86400);
	shown = res.nrows > DOWNLOADS_PER_PAGE ? DOWNLOADS_PER_PAGE : res.nrows;
	for (i = 0; i < shown; i++)
		busy |= list_item(list, &res, i);
	xml_attr_yes(list, "busy", busy);
	kinds_add(r);
	return 0;
}

/* GET /settings/downloads. */
int
page_downloads(struct req *r)
{
	return downloads_render(r);
}

/* 422: the page again with one error. */
static int
refuse(struct req *r, const char *field, const char *msg)
{
	r->status = 422;
	if (xml_page(r, "downloads") == NULL)
		return -1;
	xml_error(r, field, msg);
	return downloads_render(r);
}

/*
 * The download named by id (query or form) of this owner: its
 * STMT_DOWNLOAD_ONE row.  0; 404 (page drawn); -1 (503).
 */
static int
target(struct req *r, const char *ids, uint64_t *id, struct dbres *res)
{
	if (arg_id(ids, id) == -1) {
		page_error(r, 404, NULL);
		return 404;
	}
	if (db_exec(r->db, r->a, STMT_DOWNLOAD_ONE, res, NULL, NULL, "suuu",
	    r->s->timezone, *id, r->s->account_id, r->s->user_id) != RC_OK) {
		r->status = 503;
		return -1;
	}
	if (res->nrows != 1) {
		page_error(r, 404, NULL);
		return 404;
	}
	return 0;
}

/* Why download st cannot be fetched. */
static const char *
not_ready(unsigned st)
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
 * person's, not ready, expired, or whose file is missing.
 */
int
page_download_file(struct req *r)
{
	struct dbres	 res;
	struct stat	 st;
	char		 path[4096];
	const char	*disp;
	uint64_t	 id;
	unsigned	 s;
	int		 rc, fd;

	if ((rc = target(r, kv_get(&r->query, "id"), &id, &res)) != 0)
		return rc == 404 ? 0 : -1;
	s = (unsigned)db_u64(&res, 0, 2);
	if (s != DL_READY || db_cell(&res, 0, 3) == NULL) {
		page_error(r, 404, not_ready(s));
		return 0;
	}
	snprintf(path, sizeof(path), "%s/%s.csv", conf.exports_dir,
	    db_cell(&res, 0, 3));
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1 || fstat(fd, &st) == -1) {
		log_error("download %llu: %s: %s", (unsigned long long)id, path,
		    strerror(errno));
		if (fd != -1)
			close(fd);
		page_error(r, 404, "The file of this export is missing. Run the "
		    "report or the export again.");
		return 0;
	}
	if ((disp = content_disposition(r->a, arena_printf(r->a, "%s %s.csv",
	    db_cell(&res, 0, 1), db_cell(&res, 0, 5)))) == NULL) {
		close(fd);
		return -1;
	}
	req_file(r, fd, (uint64_t)st.st_size, "text/csv; charset=utf-8", disp);
	return 0;
}

/*
 * POST /settings/downloads/export: queues an export of a whole list
 * (kind), audited; 303 + flash.  422 for an unknown kind or one this
 * build does not have; 403 for a kind the role may not see.
 */
int
page_download_export_post(struct req *r)
{
	const struct rkind_info	*k;
	enum rkind		 kind = rkind_parse(kv_get(&r->form, "kind"));
	uint64_t		 id;

	if (kind == RKIND_NONE)
		return refuse(r, "kind", "Choose what to export.");
	k = rkind_get(kind);
	if (!k->available)
		return refuse(r, "kind", k->about);
	if (!role_can(r->s->role, k->cap)) {
		page_error(r, 403, "Your role does not allow exporting this.");
		return 0;
	}
	if (db_begin(r->db) != RC_OK)
		return req_down(r);
	if (download_queue(r->db, r->a, r->s->account_id, r->s->user_id, kind,
	    k->label, &id) != RC_OK ||
	    audit_req(r, "download.export", k->label) != RC_OK ||
	    db_commit(r->db) != RC_OK) {
		db_rollback(r->db);
		return req_down(r);
	}
	req_flash(r, "ok", arena_printf(r->a, "Exporting %s: it appears below "
	    "when it is ready.", k->label));
	req_redirect(r, "/settings/downloads");
	return 0;
}

/*
 * POST /settings/downloads/retry: queues a failed export again, audited;
 * 303 + flash.  422 for one that has not failed; 404 for one not this
 * person's.
 */
int
page_download_retry_post(struct req *r)
{
	struct dbres	 res;
	uint64_t	 id, n = 0;
	int		 rc;

	if ((rc = target(r, kv_get(&r->form, "id"), &id, &res)) != 0)
		return rc == 404 ? 0 : -1;
	if (db_u64(&res, 0, 2) != DL_FAILED)
		return refuse(r, NULL, arena_printf(r->a, "Only a failed export "
		    "can be retried; %s is %s.", db_cell(&res, 0, 1),
		    STATUS_NAME(download_status_names, db_u64(&res, 0, 2))));
	if (db_begin(r->db) != RC_OK)
		return req_down(r);
	if (db_exec(r->db, r->a, STMT_DOWNLOAD_RETRY, NULL, &n, NULL, "uuu", id,
	    r->s->account_id, r->s->user_id) != RC_OK || n != 1 ||
	    job_enqueue(r->db, r->a, r->s->account_id, "report.export", id,
	    NULL) != RC_OK ||
	    audit_req(r, "download.retry", db_cell(&res, 0, 1)) != RC_OK ||
	    db_commit(r->db) != RC_OK) {
		db_rollback(r->db);
		return req_down(r);
	}
	req_flash(r, "ok", arena_printf(r->a, "Retrying %s.", db_cell(&res, 0, 1)));
	req_redirect(r, "/settings/downloads");
	return 0;
}

/*
 * POST /settings/downloads/delete: deletes the export and its file (an
 * export still running stops), audited; 303 + flash.  404 for one not
 * this person's.
 */
int
page_download_delete_post(struct req *r)
{
	struct dbres	 res;
	char		 path[4096];
	uint64_t	 id, n = 0;
	int		 rc;

	if ((rc = target(r, kv_get(&r->form, "id"), &id, &res)) != 0)
		return rc == 404 ? 0 : -1;
	if (db_begin(r->db) != RC_OK)
		return req_down(r);
	if (db_exec(r->db, r->a, STMT_DOWNLOAD_DELETE, NULL, &n, NULL, "uuu", id,
	    r->s->account_id, r->s->user_id) != RC_OK || n != 1 ||
	    audit_req(r, "download.delete", db_cell(&res, 0, 1)) != RC_OK ||
	    db_commit(r->db) != RC_OK) {
		db_rollback(r->db);
		return req_down(r);
	}
	if (db_cell(&res, 0, 3) != NULL) {
		snprintf(path, sizeof(path), "%s/%s.csv", conf.exports_dir,
		    db_cell(&res, 0, 3));
		if (unlink(path) == -1 && errno != ENOENT)
			log_error("delete %s: %s", path, strerror(errno));
	}
	req_flash(r, "ok", arena_printf(r->a, "Deleted %s.", db_cell(&res, 0, 1)));
	req_redirect(r, "/settings/downloads");
	return 0;
}
