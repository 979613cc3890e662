/*
 * /settings/csv-uploads (Admin, Creator): upload a CSV of profiles or
 * events, see a preview of its first rows, map its columns
 * (csv_uploads_map.c), follow the import the job runner does
 * (csv_import.c), download the refused rows as CSV.
 *
 *   GET  /settings/csv-uploads[?page=N][&label=ID][&kind=K][&upload=ID]
 *   POST /settings/csv-uploads               multipart: csrf, kind, file
 *   GET  /settings/csv-uploads/errors.csv?upload=ID
 *
 * The upload streams to upload_dir (csv_upload.c) and is never held in
 * memory.  Every statement names the session's account: another
 * account's upload is 404.
 */
#include <stdint.h>
#include <string.h>

#include <jansson.h>

#include "../arena.h"
#include "../csv.h"
#include "../csv_map.h"
#include "../csv_upload.h"
#include "../db.h"
#include "../decode.h"
#include "../error.h"
#include "../input.h"
#include "../label.h"
#include "../limits.h"
#include "../pager.h"
#include "../rc.h"
#include "../request.h"
#include "../status.h"
#include "../text.h"
#include "../tz.h"
#include "../xml.h"
#include "pages.h"

#define PREVIEW_CELL	200	/* bytes of a cell shown in the preview */

/* Columns of STMT_LABEL_CSV_LIST. */
enum {
	CL_ID,
	CL_NAME,
	CL_KIND,
	CL_STATUS,
	CL_CREATED,
	CL_BY,
	CL_ROWS_TOTAL,
	CL_ROWS_DONE,
	CL_ROWS_IMPORTED,
	CL_ROWS_REFUSED,
};

/* Columns of STMT_CSV_ERRORS. */
enum {
	CE_NAME,
	CE_ROW,
	CE_COLUMN,
	CE_REASON,
};

/* The first rows of an upload, read back from its file. */
struct preview {
	struct req	*r;
	xmlNodePtr	 rows;
	const char	**header;
	size_t		 nheader;
};

/* The name of an upload's kind code ("profiles" for an unknown one). */
static const char *
kind_name(uint64_t kind)
{
	return upload_kind_names[kind == UKIND_EVENTS ? UKIND_EVENTS :
	    UKIND_PROFILES];
}

/* The name of an upload's status code ("failed" for an unknown one). */
static const char *
status_name_of(uint64_t st)
{
	return upload_status_names[st >= UPLOAD_UPLOADED && st < UPLOAD__MAX ?
	    st : UPLOAD_FAILED];
}

/* The preview's row callback: the header kept, the next rows drawn. */
static int
preview_row(void *arg, uint64_t row, const char **f, const size_t *lens,
    size_t n, int utf8_ok)
{
	struct preview	*p = arg;
	xmlNodePtr	 tr;
	size_t		 i;

	if (row == 1) {
		p->header = arena_alloc(p->r->a, (n + 1) * sizeof(*p->header));
		if (p->header == NULL)
			return CSV_STOP;
		for (i = 0; i < n; i++)
			p->header[i] = csv_upload_header(p->r->a, f[i], lens[i]);
		p->nheader = n;
		return CSV_NEXT;
	}
	tr = xml_el(p->rows, "row", NULL);
	xml_attr_i(tr, "n", (long long)row);
	xml_attr_yes(tr, "valid", utf8_ok);
	for (i = 0; i < n && i < CSV_MAX_COLUMNS; i++)
		xml_el(tr, "cell", utf8_ok && text_clean(f[i], lens[i], 1) ?
		    arena_strndup(p->r->a, f[i], lens[i] > PREVIEW_CELL ?
		    PREVIEW_CELL : lens[i]) : "");
	return row > CSV_PREVIEW_ROWS ? CSV_STOP : CSV_NEXT;
}

/* Adds the target, name and type of column i to n: as typed (tm), as
 * saved (the JSON column c), or first guesses. */
static void
column_attrs(xmlNodePtr n, const struct preview *p, size_t i,
    const struct typed_map *tm, json_t *c, int events, int *have_id)
{
	enum map_target	 t;

	if (tm != NULL) {
		t = map_target_of(tm->target[i]);
		xml_attr(n, "target", map_target_names[t < TARGET__MAX ? t :
		    TARGET_IGNORE]);
		xml_attr(n, "name", tm->name[i] ? tm->name[i] : "");
		xml_attr(n, "type", tm->type[i] ? tm->type[i] : "string");
	} else if (c != NULL) {
		xml_attr(n, "target", json_string_value(json_object_get(c,
		    "target")));
		xml_attr(n, "name", json_string_value(json_object_get(c, "name")));
		xml_attr(n, "type", json_string_value(json_object_get(c, "type")));
	} else {
		t = map_guess_target(p->header[i], events, *have_id);
		*have_id |= t == TARGET_IDENTITY;
		xml_attr(n, "target", map_target_names[t]);
		xml_attr(n, "name", p->header[i]);
		xml_attr(n, "type", map_guess_type(p->rows, i));
	}
}

/* The <column> elements: the typed mapping, the saved one, or guesses. */
static void
columns_add(xmlNodePtr up, const struct preview *p, const char *mapping,
    int events, const struct typed_map *tm)
{
	json_t		*m = NULL, *cols = NULL;
	json_error_t	 je;
	xmlNodePtr	 n;
	size_t		 i;
	int		 have_id = 0;

	if (mapping != NULL && mapping[0] != '\0' &&
	    (m = json_loads(mapping, 0, &je)) != NULL)
		cols = json_object_get(m, "cols");
	for (i = 0; i < p->nheader && i < CSV_MAX_COLUMNS; i++) {
		n = xml_el(up, "column", NULL);
		xml_attr_i(n, "index", (long long)i);
		xml_attr(n, "header", p->header[i]);
		column_attrs(n, p, i, tm, json_array_get(cols, i), events,
		    &have_id);
	}
	json_decref(m);
}

/* The <csv-upload> attributes of row res of STMT_CSV_ONE, times in zone z. */
static void
upload_attrs(xmlNodePtr up, const struct tz *z, const struct dbres *res)
{
	const char	*by = db_cell(res, 0, CO_BY);

	xml_attr(up, "id", db_cell(res, 0, CO_ID));
	xml_attr(up, "name", db_cell(res, 0, CO_NAME));
	xml_attr(up, "kind", kind_name(db_u64(res, 0, CO_KIND)));
	xml_attr(up, "status", status_name_of(db_u64(res, 0, CO_STATUS)));
	xml_attr_time(up, "created", z, db_cell(res, 0, CO_CREATED));
	xml_attr(up, "by", by ? by : "");
	xml_attr(up, "size", db_cell(res, 0, CO_SIZE));
	xml_attr(up, "rows-total", db_cell(res, 0, CO_ROWS_TOTAL));
	xml_attr(up, "rows-done", db_cell(res, 0, CO_ROWS_DONE));
	xml_attr(up, "rows-imported", db_cell(res, 0, CO_ROWS_IMPORTED));
	xml_attr(up, "rows-refused", db_cell(res, 0, CO_ROWS_REFUSED));
	xml_attr_time(up, "updated", z, db_cell(res, 0, CO_UPDATED));
	xml_attr(up, "rows-dropped", db_cell(res, 0, CO_ROWS_DROPPED));
	if (db_cell(res, 0, CO_ERROR)[0] != '\0')
		xml_attr(up, "error", db_cell(res, 0, CO_ERROR));
}

/*
 * <csv-upload>: upload id of this account with its preview and its
 * mapping (tm: as typed) or progress.  RC_OK, or RC_ERROR with r->status
 * 404 (not an upload of this account) or 503.
 */
static int
upload_detail(struct req *r, uint64_t id, const struct typed_map *tm)
{
	struct dbres	 res;
	struct preview	 p;
	struct tz	*z;
	xmlNodePtr	 up;
	enum csv_err	 e;
	uint64_t	 st;

	if (csv_upload_get(r, id, &res) != RC_OK)
		return RC_ERROR;
	if ((z = tz_or_utc(r->a, r->s->timezone)) == NULL)
		return RC_ERROR;
	st = db_u64(&res, 0, CO_STATUS);
	up = xml_el(r->root, "csv-upload", NULL);
	upload_attrs(up, z, &res);
	memset(&p, 0, sizeof(p));
	p.r = r;
	p.rows = xmlNewDocNode(r->doc, NULL, (const xmlChar *)"preview", NULL);
	if (csv_upload_read(db_cell(&res, 0, CO_STORED), CSV_PREVIEW_BYTES,
	    preview_row, &p, &e) != RC_OK) {
		xmlFreeNode(p.rows);
		xml_attr(up, "file", "missing");
		return RC_OK;
	}
	columns_add(up, &p, db_cell(&res, 0, CO_MAPPING),
	    db_u64(&res, 0, CO_KIND) == UKIND_EVENTS,
	    st <= UPLOAD_MAPPING ? tm : NULL);
	xmlAddChild(up, p.rows);
	return RC_OK;
}

/* <csv-uploads>: a page of the account's uploads, newest first, with
 * their labels (filtered by ?label=ID, which its <pager> keeps).  An rc. */
static int
uploads_list(struct req *r)
{
	static const char *const keep[] = { "label", NULL };
	long		 page = page_arg(in_str(r, "page"));
	uint64_t	 lbl = label_filter(r);
	struct dbres	 res;
	struct tz	*z;
	xmlNodePtr	 list, n;
	const char	*by;
	size_t		 i, shown;
	int		 rc;

	if ((z = tz_or_utc(r->a, r->s->timezone)) == NULL)
		return RC_ERROR;
	if ((rc = db_exec(r->db, r->a, STMT_LABEL_CSV_LIST, &res, NULL, NULL,
	    "uuuii", r->s->account_id, lbl, lbl,
	    (long long)UPLOADS_PER_PAGE + 1,
	    (long long)(page - 1) * UPLOADS_PER_PAGE)) != RC_OK)
		return rc;
	list = xml_el(r->root, "csv-uploads", NULL);
	if (pager_el(r, list, "/settings/csv-uploads", page, UPLOADS_PER_PAGE,
	    res.nrows > UPLOADS_PER_PAGE, -1, keep) == NULL)
		return RC_ERROR;
	shown = res.nrows > UPLOADS_PER_PAGE ? UPLOADS_PER_PAGE : res.nrows;
	for (i = 0; i < shown; i++) {
		n = xml_el(list, "upload", NULL);
		by = db_cell(&res, i, CL_BY);
		xml_attr(n, "id", db_cell(&res, i, CL_ID));
		xml_attr(n, "name", db_cell(&res, i, CL_NAME));
		xml_attr(n, "kind", kind_name(db_u64(&res, i, CL_KIND)));
		xml_attr(n, "status", status_name_of(db_u64(&res, i, CL_STATUS)));
		xml_attr_time(n, "created", z, db_cell(&res, i, CL_CREATED));
		xml_attr(n, "by", by ? by : "");
		xml_attr(n, "rows-total", db_cell(&res, i, CL_ROWS_TOTAL));
		xml_attr(n, "rows-done", db_cell(&res, i, CL_ROWS_DONE));
		xml_attr(n, "rows-imported", db_cell(&res, i, CL_ROWS_IMPORTED));
		xml_attr(n, "rows-refused", db_cell(&res, i, CL_ROWS_REFUSED));
	}
	return labels_on_list(r, list, LT_UPLOAD);
}

/*
 * Draws the page (status set by the caller): the upload form with kind
 * preselected, upload id (0: none) with its mapping as typed (tm, may be
 * NULL), the list.  RC_OK, or RC_ERROR with r->status set (404 for an
 * upload not of this account).
 */
int
csv_uploads_render(struct req *r, const char *kind, uint64_t id,
    const struct typed_map *tm)
{
	xmlNodePtr	 form;

	if (r->doc == NULL && xml_page(r, "csv-uploads") == NULL)
		return RC_ERROR;
	form = xml_el(r->root, "csv-form", NULL);
	xml_attr(form, "kind", kind != NULL && strcmp(kind, "events") == 0 ?
	    "events" : "profiles");
	xml_attr_i(form, "max-bytes", MAX_UPLOAD_BYTES);
	xml_attr_i(form, "max-columns", CSV_MAX_COLUMNS);
	if (id != 0 && upload_detail(r, id, tm) != RC_OK)
		return RC_ERROR;
	if (id != 0 && labels_on_upload(r) != RC_OK)
		return req_down(r);
	if (uploads_list(r) != RC_OK)
		return req_down(r);
	return RC_OK;
}

/* GET /settings/csv-uploads: 200; 404 for ?upload= not an upload of this
 * account; 503 without a database. */
int
page_csv_uploads(struct req *r)
{
	uint64_t	 id = 0;

	if (in_typed(r, "upload")[0] != '\0' &&
	    in_u64(r, "upload", &id) != RC_OK) {
		r->status = 404;
		return RC_ERROR;
	}
	return csv_uploads_render(r, in_str(r, "kind"), id, NULL);
}

/*
 * POST /settings/csv-uploads: 303 to the new upload's mapping with a
 * flash; 422 (page again, with the kind chosen) for a missing file or
 * kind, a file that is not CSV as we read it, no data rows or one
 * column; 403 for a bad token; 413 over 50 MB; 415 for another body
 * type; 400 for a malformed body; 503 when the file or the row cannot
 * be stored.  On any refusal nothing is kept on disk or in the database.
 */
int
page_csv_uploads_post(struct req *r)
{
	struct csv_upload	*u;

	if ((u = arena_alloc(r->a, sizeof(*u))) == NULL)
		return RC_ERROR;
	if (csv_upload_receive(r, u) != RC_OK) {
		if (u->status != 422) {
			page_error(r, u->status, u->msg);
			return RC_OK;
		}
		r->status = 422;
		if (xml_page(r, "csv-uploads") == NULL)
			return RC_ERROR;
		xml_error(r, u->field, u->msg);
		return csv_uploads_render(r, u->kind, 0, NULL);
	}
	req_flash(r, "ok", arena_printf(r->a, "Uploaded %s: %llu rows. Map its "
	    "columns to start the import.", u->name,
	    (unsigned long long)(u->rows - 1)));
	req_redirect(r, arena_printf(r->a, "/settings/csv-uploads?upload=%llu",
	    (unsigned long long)u->id));
	return RC_OK;
}

/*
 * GET /settings/csv-uploads/errors.csv?upload=ID: the refused rows as a
 * document nginx turns into CSV (xslt/csv.xsl); 404 for an upload not of
 * this account; 503 without a database.
 */
int
page_csv_uploads_errors(struct req *r)
{
	struct dbres	 res;
	xmlNodePtr	 list, n;
	uint64_t	 id;
	size_t		 i;

	if (in_u64(r, "upload", &id) != RC_OK) {
		r->status = 404;
		return RC_ERROR;
	}
	if (db_exec(r->db, r->a, STMT_CSV_ERRORS, &res, NULL, NULL, "uu", id,
	    r->s->account_id) != RC_OK)
		return req_down(r);
	if (res.nrows == 0 || db_cell(&res, 0, CE_NAME) == NULL) {
		r->status = 404;
		return RC_ERROR;
	}
	if (xml_page(r, "csv-errors") == NULL)
		return RC_ERROR;
	r->disposition = "attachment; filename=\"errors.csv\"";
	list = xml_el(r->root, "csv-errors", NULL);
	xml_attr(list, "upload", in_str(r, "upload"));
	xml_attr(list, "name", db_cell(&res, 0, CE_NAME));
	for (i = 0; i < res.nrows; i++) {
		if (db_cell(&res, i, CE_ROW) == NULL)
			continue;	/* the upload's own row: no errors */
		n = xml_el(list, "refused", db_cell(&res, i, CE_REASON));
		xml_attr(n, "row", db_cell(&res, i, CE_ROW));
		xml_attr(n, "column", db_cell(&res, i, CE_COLUMN));
	}
	return RC_OK;
}
