/*
 * /settings/csv-uploads (Admin, Creator): upload a CSV of profiles or
 * events, see a preview of its first rows, map its columns, follow the
 * import the job runner does, download the refused rows as CSV.
 *
 *   GET  /settings/csv-uploads[?page=N][&upload=ID]   list; one upload
 *   POST /settings/csv-uploads                        multipart: csrf, kind, file
 *   POST /settings/csv-uploads/map                    upload, colN, nameN, typeN
 *   GET  /settings/csv-uploads/errors.csv?upload=ID   the refused rows
 *
 * The upload streams to upload_dir through the multipart and CSV parsers
 * (rows counted, structure checked) and is never held in memory.  Every
 * statement names the session's account: another account's upload is 404.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <fcgiapp.h>
#include <jansson.h>
#include <sodium.h>

#include "../admin.h"
#include "../arena.h"
#include "../audit.h"
#include "../conf.h"
#include "../csv.h"
#include "../db.h"
#include "../decode.h"
#include "../error.h"
#include "../ingest.h"
#include "../input.h"
#include "../jobs.h"
#include "../label.h"
#include "../limits.h"
#include "../log.h"
#include "../multipart.h"
#include "../rc.h"
#include "../request.h"
#include "../routes.h"
#include "../status.h"
#include "../text.h"
#include "../valid.h"
#include "../xml.h"

#define READ_CHUNK	65536

/* ------------------------------------------------------------ the upload */

/* What the upload handler collects while the body streams by. */
struct up {
	struct req	*r;
	char		 field[MULTIPART_MAX_FIELD + 1];	/* a small field */
	size_t		 flen;
	const char	*part;		/* name of the current part */
	char		 csrf[MULTIPART_MAX_FIELD + 1], kind[16];
	char		 name[MAX_FILE_NAME + 1];
	char		 stored[33], path[4096];
	int		 fd;
	int		 got_file, csrf_ok;
	uint64_t	 bytes, rows, id;
	size_t		 columns;
	struct csv	*csv;
	enum csv_err	 cerr;
	int		 status;	/* an answer decided while streaming */
	const char	*field_err, *msg;
};

/* A CSV record while uploading: counts it, notes the header's width. */
static int
up_row(void *arg, uint64_t row, const char **f, const size_t *lens, size_t n,
    int utf8_ok)
{
	struct up	*u = arg;

	(void)f;
	(void)lens;
	(void)utf8_ok;
	if (row == 1)
		u->columns = n;
	u->rows = row;
	return 0;
}

/* The last path component of a browser's file name, cleaned; NULL if bad. */
static const char *
up_filename(struct req *r, const char *fn)
{
	const char	*b = fn, *p;
	size_t		 n;

	for (p = fn; *p != '\0'; p++)
		if (*p == '/' || *p == '\\')
			b = p + 1;
	n = strlen(b);
	if (n == 0 || n > MAX_FILE_NAME || !utf8_valid(b, n) ||
	    !text_clean(b, n, 0) || strcmp(b, ".") == 0 || strcmp(b, "..") == 0)
		return NULL;
	return arena_strndup(r->a, b, n);
}

/* Refuses the upload while streaming: status, field, message. */
static int
up_refuse(struct up *u, int status, const char *field, const char *msg)
{
	u->status = status;
	u->field_err = field;
	u->msg = msg;
	return -1;
}

/* A part starts. */
static int
up_part(void *arg, const char *name, const char *filename)
{
	struct up	*u = arg;
	struct req	*r = u->r;
	char		 rnd[16];

	u->flen = 0;
	u->part = arena_strdup(r->a, name);
	if (strcmp(name, "file") != 0)
		return 0;
	if (u->got_file)
		return up_refuse(u, 422, "file", "Send one file at a time.");
	if (!route_csrf_ok(r, u->csrf))
		return up_refuse(u, 403, NULL, "This form has expired or did not "
		    "come from this site. Reload the page and try again.");
	u->csrf_ok = 1;
	if (!valid_check(VALID_CSV_KIND, u->kind, strlen(u->kind)))
		return up_refuse(u, 422, "kind", valid_message(VALID_CSV_KIND));
	if (filename == NULL || filename[0] == '\0')
		return up_refuse(u, 422, "file", "Choose a CSV file to upload.");
	if ((filename = up_filename(r, filename)) == NULL)
		return up_refuse(u, 422, "file", "The file's name is longer than "
		    "255 characters or holds characters that cannot be shown.");
	snprintf(u->name, sizeof(u->name), "%s", filename);
	randombytes_buf(rnd, sizeof(rnd));
	sodium_bin2hex(u->stored, sizeof(u->stored), (unsigned char *)rnd,
	    sizeof(rnd));
	snprintf(u->path, sizeof(u->path), "%s/%s.csv", conf.upload_dir, u->stored);
	if ((u->fd = open(u->path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
	    0600)) == -1) {
		log_error("upload: %s: %s", u->path, strerror(errno));
		return up_refuse(u, 503, NULL, "The upload could not be stored.");
	}
	if ((u->csv = csv_new(up_row, u)) == NULL)
		return up_refuse(u, 500, NULL, NULL);
	u->got_file = 1;
	return 0;
}

/* Writes all n bytes; -1 on error. */
static int
write_all(int fd, const char *p, size_t n)
{
	ssize_t	 k;

	while (n > 0) {
		if ((k = write(fd, p, n)) == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += k;
		n -= (size_t)k;
	}
	return 0;
}

/* Data of the current part. */
static int
up_data(void *arg, const char *p, size_t n)
{
	struct up	*u = arg;

	if (u->part == NULL)
		return -1;
	if (strcmp(u->part, "file") != 0) {
		if (u->flen + n > MULTIPART_MAX_FIELD)
			return up_refuse(u, 413, NULL, "A form field is too long.");
		memcpy(u->field + u->flen, p, n);
		u->flen += n;
		return 0;
	}
	u->bytes += n;
	if (u->bytes > MAX_UPLOAD_BYTES)
		return up_refuse(u, 413, "file", "The file is larger than 50 MB.");
	if (write_all(u->fd, p, n) == -1) {
		log_error("upload: %s: %s", u->path, strerror(errno));
		return up_refuse(u, 503, NULL, "The upload could not be stored.");
	}
	if (u->cerr == CSV_OK)
		u->cerr = csv_feed(u->csv, p, n);
	return 0;
}

/* A part ended: small fields are kept, the file is checked. */
static int
up_end(void *arg)
{
	struct up	*u = arg;

	u->field[u->flen] = '\0';
	if (strcmp(u->part, "csrf") == 0)
		memcpy(u->csrf, u->field, u->flen + 1);
	else if (strcmp(u->part, "kind") == 0 && u->flen < sizeof(u->kind))
		memcpy(u->kind, u->field, u->flen + 1);
	else if (strcmp(u->part, "file") == 0) {
		if (u->cerr == CSV_OK)
			u->cerr = csv_end(u->csv);
		if (fsync(u->fd) == -1 || close(u->fd) == -1) {
			u->fd = -1;
			return up_refuse(u, 503, NULL, "The upload could not be stored.");
		}
		u->fd = -1;
	}
	return 0;
}

/* Reads the body through the multipart parser; 0, or -1 (u->status set). */
static int
up_read(struct req *r, struct up *u, const char *boundary)
{
	struct mp_cb		 cb = { up_part, up_data, up_end, u };
	struct multipart	*mp;
	FCGX_Request		*f = r->fcgx;
	char			*buf;
	size_t			 left = r->body_len;
	int			 k, rc = 0;

	if ((mp = multipart_new(boundary, &cb)) == NULL ||
	    (buf = arena_alloc(r->a, READ_CHUNK)) == NULL) {
		multipart_free(mp);
		u->status = 500;
		return -1;
	}
	while (left > 0 && rc == 0) {
		k = FCGX_GetStr(buf, (int)(left < READ_CHUNK ? left : READ_CHUNK),
		    f->in);
		if (k <= 0)
			break;
		left -= (size_t)k;
		rc = multipart_feed(mp, buf, (size_t)k);
	}
	if (rc == 0 && (left > 0 || !multipart_done(mp)))
		rc = -1;
	multipart_free(mp);
	if (rc == -1 && u->status == 0)
		up_refuse(u, 400, NULL, "The upload was cut short or is not a "
		    "well-formed multipart/form-data body.");
	return rc == 0 ? 0 : -1;
}

/* Stores the upload's row (status mapping) and its audit row. */
static int
up_store(struct req *r, struct up *u)
{
	if (db_begin(r->db) != RC_OK)
		return -1;
	if (db_exec(r->db, r->a, STMT_CSV_NEW, NULL, NULL, &u->id, "uussiuuu",
	    r->s->account_id, r->s->user_id, u->name, u->stored,
	    (long long)(strcmp(u->kind, "events") == 0 ? 2 : 1), u->bytes,
	    (uint64_t)u->columns, u->rows > 0 ? u->rows - 1 : 0) != RC_OK ||
	    audit_req(r, "csv.upload",
	    u->name) != RC_OK || db_commit(r->db) != RC_OK) {
		db_rollback(r->db);
		return -1;
	}
	return 0;
}

static int	csv_render(struct req *, const char *kind);

/*
 * POST /settings/csv-uploads: 303 to the new upload's mapping with a
 * flash; 422 (page again, with the kind chosen) for a missing file or
 * kind, a file that is not CSV as we read it, no data rows or one
 * column; 403 for a bad token; 413 over 50 MB; 400 for a malformed body;
 * 503 when the file or the row cannot be stored.  On any refusal nothing
 * is kept on disk or in the database.
 */
int
page_csv_upload_post(struct req *r)
{
	struct up	*u;
	char		 boundary[MAX_BOUNDARY + 1];
	int		 rc;

	if ((u = arena_alloc(r->a, sizeof(*u))) == NULL)
		return -1;
	memset(u, 0, sizeof(*u));
	u->r = r;
	u->fd = -1;
	if (multipart_boundary(r->ctype, boundary, sizeof(boundary)) == -1) {
		page_error(r, 415, "Send the file as multipart/form-data.");
		return 0;
	}
	rc = up_read(r, u, boundary);
	if (u->fd != -1)
		close(u->fd);
	csv_free(u->csv);
	if (rc == 0 && !u->csrf_ok && !route_csrf_ok(r, u->csrf))
		up_refuse(u, 403, NULL, NULL);
	else if (rc == 0 && !u->got_file)
		up_refuse(u, 422, "file", "Choose a CSV file to upload.");
	else if (rc == 0 && u->cerr != CSV_OK)
		up_refuse(u, 422, "file", arena_printf(r->a, "This is not a CSV "
		    "file we can read: %s (row %llu).", csv_strerror(u->cerr),
		    (unsigned long long)u->rows + 1));
	else if (rc == 0 && (u->rows < 2 || u->columns < 2))
		up_refuse(u, 422, "file", "The file needs a header row and at "
		    "least one data row, with at least two columns (an identity "
		    "and something to import).");
	else if (rc == 0 && up_store(r, u) == -1)
		up_refuse(u, 503, NULL, NULL);
	if (u->status != 0) {
		if (u->path[0] != '\0')
			unlink(u->path);
		if (u->status != 422) {
			page_error(r, u->status, u->msg);
			return 0;
		}
		r->status = 422;
		if (xml_page(r, "csv-uploads") == NULL)
			return -1;
		xml_error(r, u->field_err, u->msg);
		return csv_render(r, u->kind);
	}
	req_flash(r, "ok", arena_printf(r->a, "Uploaded %s: %llu rows. Map its "
	    "columns to start the import.", u->name,
	    (unsigned long long)(u->rows - 1)));
	req_redirect(r, arena_printf(r->a, "/settings/csv-uploads?upload=%llu",
	    (unsigned long long)u->id));
	return 0;
}

/* -------------------------------------------------------------- preview */

/* The first rows of an upload, read back from its file. */
struct preview {
	struct req	*r;
	xmlNodePtr	 rows;
	const char	**header;
	size_t		 nheader;
};

static int
preview_row(void *arg, uint64_t row, const char **f, const size_t *lens,
    size_t n, int utf8_ok)
{
	struct preview	*p = arg;
	xmlNodePtr	 tr, td;
	size_t		 i;

	if (row == 1) {
		p->header = arena_alloc(p->r->a, (n + 1) * sizeof(*p->header));
		if (p->header == NULL)
			return -1;
		for (i = 0; i < n; i++)
			p->header[i] = utf8_valid(f[i], lens[i]) &&
			    text_clean(f[i], lens[i], 0) ?
			    arena_strndup(p->r->a, f[i], lens[i]) : "";
		p->nheader = n;
		return 0;
	}
	tr = xml_el(p->rows, "row", NULL);
	xml_attr_i(tr, "n", (long long)row);
	xml_attr_yes(tr, "valid", utf8_ok);
	for (i = 0; i < n && i < CSV_MAX_COLUMNS; i++) {
		td = xml_el(tr, "cell", utf8_ok && text_clean(f[i], lens[i], 1) ?
		    arena_strndup(p->r->a, f[i], lens[i] > 200 ? 200 : lens[i]) : "");
		(void)td;
	}
	return row > CSV_PREVIEW_ROWS ? 1 : 0;
}

/* Reads the header and up to CSV_PREVIEW_ROWS rows of the stored file. */
static int
preview_read(struct req *r, const char *stored, struct preview *p)
{
	struct csv	*c;
	char		 path[4096], *buf;
	ssize_t		 k;
	size_t		 total = 0;
	int		 fd;

	snprintf(path, sizeof(path), "%s/%s.csv", conf.upload_dir, stored);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return -1;
	if ((c = csv_new(preview_row, p)) == NULL ||
	    (buf = arena_alloc(r->a, READ_CHUNK)) == NULL) {
		csv_free(c);
		close(fd);
		return -1;
	}
	while (total < CSV_PREVIEW_BYTES && (k = read(fd, buf, READ_CHUNK)) > 0) {
		total += (size_t)k;
		if (csv_feed(c, buf, (size_t)k) != CSV_OK)
			break;
		if (p->rows->children != NULL &&
		    xmlChildElementCount(p->rows) >= CSV_PREVIEW_ROWS)
			break;
	}
	if (total < CSV_PREVIEW_BYTES)
		(void)csv_end(c);
	csv_free(c);
	close(fd);
	return 0;
}

/* A sensible first guess of a column's target from its header. */
static enum map_target
guess_target(const char *h, int events, int have_identity)
{
	static const char *const ids[] = { "identity", "email", "user_id",
	    "userid", "user", "id", "customer_id" };
	size_t	 i;

	for (i = 0; i < sizeof(ids) / sizeof(ids[0]) && !have_identity; i++)
		if (strcasecmp(h, ids[i]) == 0)
			return TARGET_IDENTITY;
	if (events && (strcasecmp(h, "event") == 0 || strcasecmp(h, "evtname") == 0 ||
	    strcasecmp(h, "event_name") == 0))
		return TARGET_EVENT;
	if (events && (strcasecmp(h, "ts") == 0 || strcasecmp(h, "time") == 0 ||
	    strcasecmp(h, "timestamp") == 0))
		return TARGET_TS;
	return data_name_ok(h, strlen(h)) ? TARGET_PROPERTY : TARGET_IGNORE;
}

/* A first guess of column i's type from the preview's non-empty cells. */
static const char *
guess_type(const struct preview *p, size_t i)
{
	static const enum ptype order[] = { PTYPE_NUMBER, PTYPE_BOOLEAN,
	    PTYPE_DATE };
	struct arena	 a;
	xmlNodePtr	 row, cell;
	xmlChar		*v;
	const char	*text, *why;
	json_t		*j;
	size_t		 k, c, seen;
	int		 all;

	arena_init(&a);
	for (k = 0; k < sizeof(order) / sizeof(order[0]); k++) {
		all = 1;
		seen = 0;
		for (row = p->rows->children; row != NULL && all; row = row->next) {
			for (c = 0, cell = row->children; cell != NULL && c < i;
			    cell = cell->next)
				c++;
			if (cell == NULL || (v = xmlNodeGetContent(cell)) == NULL)
				continue;
			if (v[0] != '\0') {
				seen++;
				j = NULL;
				all = data_cell(&a, order[k], (const char *)v,
				    strlen((const char *)v), &text, &j, &why) == 0;
				json_decref(j);
			}
			xmlFree(v);
		}
		if (all && seen > 0) {
			arena_reset(&a);
			return ptype_name(order[k]);
		}
	}
	arena_reset(&a);
	return "string";
}

/* What was typed into the mapping form, for a 422. */
struct typed_map {
	const char	*target[CSV_MAX_COLUMNS], *name[CSV_MAX_COLUMNS],
			*type[CSV_MAX_COLUMNS];
};

/* The <column> elements: the typed mapping, the saved one, or guesses. */
static void
csv_columns_add(struct req *r, xmlNodePtr up, const struct preview *p,
    const char *mapping, int events, const struct typed_map *tm)
{
	json_t		*m = NULL, *cols = NULL, *c;
	json_error_t	 je;
	xmlNodePtr	 n;
	size_t		 i;
	int		 have_id = 0;
	enum map_target	 t;

	if (mapping != NULL && mapping[0] != '\0' &&
	    (m = json_loads(mapping, 0, &je)) != NULL)
		cols = json_object_get(m, "cols");
	for (i = 0; i < p->nheader && i < CSV_MAX_COLUMNS; i++) {
		n = xml_el(up, "column", NULL);
		xml_attr_i(n, "index", (long long)i);
		xml_attr(n, "header", p->header[i]);
		c = json_array_get(cols, i);
		if (tm != NULL) {
			for (t = TARGET_IGNORE; t < TARGET__MAX; t++)
				if (tm->target[i] && strcmp(tm->target[i], map_target_names[t]) == 0)
					break;
			xml_attr(n, "target", map_target_names[t < TARGET__MAX ? t : TARGET_IGNORE]);
			xml_attr(n, "name", tm->name[i] ? tm->name[i] : "");
			xml_attr(n, "type", tm->type[i] ? tm->type[i] : "string");
		} else if (c != NULL) {
			xml_attr(n, "target", json_string_value(json_object_get(c, "target")));
			xml_attr(n, "name", json_string_value(json_object_get(c, "name")));
			xml_attr(n, "type", json_string_value(json_object_get(c, "type")));
		} else {
			t = guess_target(p->header[i], events, have_id);
			have_id |= t == TARGET_IDENTITY;
			xml_attr(n, "target", map_target_names[t]);
			xml_attr(n, "name", p->header[i]);
			xml_attr(n, "type", guess_type(p, i));
		}
	}
	json_decref(m);
}

/* <csv-upload>: one upload with its preview, mapping or progress. */
static int
csv_detail_add(struct req *r, const char *id, const struct typed_map *tm)
{
	struct dbres	 res;
	struct preview	 p;
	xmlNodePtr	 up;
	unsigned	 st;

	if (id == NULL || !valid_check(VALID_ID, id, strlen(id)))
		return 404;
	if (db_exec(r->db, r->a, STMT_CSV_ONE, &res, NULL, NULL, "ssuu",
	    r->s->timezone, r->s->timezone, strtoull(id, NULL, 10),
	    r->s->account_id) != RC_OK)
		return -1;
	if (res.nrows != 1)
		return 404;
	st = (unsigned)db_u64(&res, 0, 4);
	up = xml_el(r->root, "csv-upload", NULL);
	xml_attr(up, "id", db_cell(&res, 0, 0));
	xml_attr(up, "name", db_cell(&res, 0, 1));
	xml_attr(up, "kind", upload_kind_names[db_u64(&res, 0, 3) == UKIND_EVENTS ? UKIND_EVENTS : UKIND_PROFILES]);
	xml_attr(up, "status", upload_status_names[st >= UPLOAD_UPLOADED && st < UPLOAD__MAX ? st : UPLOAD_FAILED]);
	xml_attr(up, "created", db_cell(&res, 0, 5));
	xml_attr(up, "by", db_cell(&res, 0, 6) ? db_cell(&res, 0, 6) : "");
	xml_attr(up, "size", db_cell(&res, 0, 7));
	xml_attr(up, "rows-total", db_cell(&res, 0, 8));
	xml_attr(up, "rows-done", db_cell(&res, 0, 9));
	xml_attr(up, "rows-imported", db_cell(&res, 0, 10));
	xml_attr(up, "rows-refused", db_cell(&res, 0, 11));
	xml_attr(up, "updated", db_cell(&res, 0, 14));
	xml_attr(up, "rows-dropped", db_cell(&res, 0, 16));
	if (db_cell(&res, 0, 13)[0] != '\0')
		xml_attr(up, "error", db_cell(&res, 0, 13));
	memset(&p, 0, sizeof(p));
	p.r = r;
	p.rows = xmlNewDocNode(r->doc, NULL, (const xmlChar *)"preview", NULL);
	if (preview_read(r, db_cell(&res, 0, 2), &p) == -1) {
		xmlFreeNode(p.rows);
		xml_attr(up, "file", "missing");
		return 0;
	}
	csv_columns_add(r, up, &p, db_cell(&res, 0, 12), db_u64(&res, 0, 3) == 2,
	    st <= 2 ? tm : NULL);
	xmlAddChild(up, p.rows);
	return 0;
}

/* <csv-uploads>: a page of the account's uploads, newest first. */
static int
csv_list_add(struct req *r)
{
	long		 page = page_arg(kv_get(&r->query, "page"));
	uint64_t	 lbl = label_filter(r);	/* manage part: ?label=ID */
	struct dbres	 res;
	xmlNodePtr	 list, n;
	size_t		 i, shown;
	unsigned	 st;

	if (db_exec(r->db, r->a, STMT_LABEL_CSV_LIST, &res, NULL, NULL, "suuuii",
	    r->s->timezone, r->s->account_id, lbl, lbl, (long long)UPLOADS_PER_PAGE + 1,
	    (long long)(page - 1) * UPLOADS_PER_PAGE) != RC_OK)
		return -1;
	list = xml_el(r->root, "csv-uploads", NULL);
	xml_attr_i(list, "page", page);
	xml_attr_yes(list, "next", res.nrows > UPLOADS_PER_PAGE);
	shown = res.nrows > UPLOADS_PER_PAGE ? UPLOADS_PER_PAGE : res.nrows;
	for (i = 0; i < shown; i++) {
		st = (unsigned)db_u64(&res, i, 3);
		n = xml_el(list, "upload", NULL);
		xml_attr(n, "id", db_cell(&res, i, 0));
		xml_attr(n, "name", db_cell(&res, i, 1));
		xml_attr(n, "kind", upload_kind_names[db_u64(&res, i, 2) == UKIND_EVENTS ? UKIND_EVENTS : UKIND_PROFILES]);
		xml_attr(n, "status", upload_status_names[st >= UPLOAD_UPLOADED && st < UPLOAD__MAX ? st : UPLOAD_FAILED]);
		xml_attr(n, "created", db_cell(&res, i, 4));
		xml_attr(n, "by", db_cell(&res, i, 5) ? db_cell(&res, i, 5) : "");
		xml_attr(n, "rows-total", db_cell(&res, i, 6));
		xml_attr(n, "rows-done", db_cell(&res, i, 7));
		xml_attr(n, "rows-imported", db_cell(&res, i, 8));
		xml_attr(n, "rows-refused", db_cell(&res, i, 9));
	}
	return labels_on_list(r, list, LT_UPLOAD);	/* manage part */
}

/*
 * Draws the page (status set by the caller): the upload form (kind
 * preselected), the list, and the upload of ?upload=ID when it is one of
 * this account's.  -1 (status 503) without a database.
 */
static int
csv_render_with(struct req *r, const char *kind, const char *id,
    const struct typed_map *tm)
{
	xmlNodePtr	 form;
	int		 rc;

	if (r->doc == NULL && xml_page(r, "csv-uploads") == NULL)
		return -1;
	form = xml_el(r->root, "csv-form", NULL);
	xml_attr(form, "kind", kind != NULL && strcmp(kind, "events") == 0 ?
	    "events" : "profiles");
	xml_attr_i(form, "max-bytes", MAX_UPLOAD_BYTES);
	xml_attr_i(form, "max-columns", CSV_MAX_COLUMNS);
	if (id != NULL && (rc = csv_detail_add(r, id, tm)) != 0) {
		if (rc == 404) {
			page_error(r, 404, NULL);
			return 0;
		}
		r->status = 503;
		return -1;
	}
	if (id != NULL && labels_on_upload(r) == -1) {	/* manage part */
		r->status = 503;
		return -1;
	}
	if (csv_list_add(r) == -1) {
		r->status = 503;
		return -1;
	}
	return 0;
}

static int
csv_render(struct req *r, const char *kind)
{
	return csv_render_with(r, kind, NULL, NULL);
}

/* GET /settings/csv-uploads[?upload=ID]. */
int
page_csv_uploads(struct req *r)
{
	return csv_render_with(r, kv_get(&r->query, "kind"),
	    kv_get(&r->query, "upload"), NULL);
}

/* ------------------------------------------------------------- mapping */

/* A refused mapping: 422 with the form as typed and one error. */
static int
map_refuse(struct req *r, const char *id, const struct typed_map *tm,
    const char *field, const char *msg)
{
	r->status = 422;
	if (xml_page(r, "csv-uploads") == NULL)
		return -1;
	xml_error(r, field, msg);
	return csv_render_with(r, NULL, id, tm);
}

/*
 * Checks the typed mapping of ncol columns for kind (2 events) and
 * builds its JSON.  NULL with *field and *msg set when it is refused.
 */
static char *
map_build(struct req *r, const struct typed_map *tm, size_t ncol, int events,
    const char **field, const char **msg)
{
	json_t		*cols = json_array(), *root = json_object();
	size_t		 i, j, nid = 0, nev = 0, nts = 0, nprop = 0;
	enum map_target	 t;
	char		*dump, *copy;

	for (i = 0; i < ncol; i++) {
		for (t = TARGET_IGNORE; t < TARGET__MAX; t++)
			if (tm->target[i] && strcmp(tm->target[i], map_target_names[t]) == 0)
				break;
		*field = arena_printf(r->a, "col%zu", i);
		if (t == TARGET__MAX || (!events && (t == TARGET_EVENT || t == TARGET_TS))) {
			*msg = "Choose what this column holds.";
			goto refuse;
		}
		nid += t == TARGET_IDENTITY;
		nev += t == TARGET_EVENT;
		nts += t == TARGET_TS;
		if (t == TARGET_PROPERTY) {
			nprop++;
			*field = arena_printf(r->a, "name%zu", i);
			if (tm->name[i] == NULL || !data_name_ok(tm->name[i],
			    strlen(tm->name[i]))) {
				*msg = "Enter a property name of 1 to 120 characters.";
				goto refuse;
			}
			for (j = 0; j < i; j++)
				if (tm->name[j] && tm->target[j] &&
				    strcmp(tm->target[j], "property") == 0 &&
				    strcmp(tm->name[j], tm->name[i]) == 0) {
					*msg = "Two columns map to this property name.";
					goto refuse;
				}
			*field = arena_printf(r->a, "type%zu", i);
			if (ptype_parse(tm->type[i]) == PTYPE_NONE) {
				*msg = valid_message(VALID_PTYPE);
				goto refuse;
			}
		}
		json_array_append_new(cols, json_pack("{s:s,s:s,s:s}", "target",
		    map_target_names[t], "name", t == TARGET_PROPERTY ? tm->name[i] : "",
		    "type", t == TARGET_PROPERTY ? tm->type[i] : "string"));
	}
	*field = NULL;
	if (nid != 1)
		*msg = "Choose exactly one column as the identity.";
	else if (events && nev != 1)
		*msg = "Choose exactly one column as the event name.";
	else if (nts > 1)
		*msg = "Choose at most one column as the event time.";
	else if (!events && nprop == 0)
		*msg = "Choose at least one column to import as a property.";
	else
		*msg = NULL;
	if (*msg != NULL)
		goto refuse;
	json_object_set_new(root, "cols", cols);
	dump = json_dumps(root, JSON_COMPACT);
	json_decref(root);
	copy = dump ? arena_strdup(r->a, dump) : NULL;
	free(dump);
	return copy;
refuse:
	json_decref(cols);
	json_decref(root);
	return NULL;
}

/*
 * POST /settings/csv-uploads/map: with action=start saves the mapping and
 * queues the import job (status queued), with action=save only saves it
 * (status mapping); audited, in one transaction; 303 to the upload with a
 * flash.  422 with the form as typed for a bad mapping, an unknown action
 * or an upload already queued; 404 for an upload not of this account.
 */
int
page_csv_map_post(struct req *r)
{
	const char	*id = kv_get(&r->form, "upload"), *field, *msg;
	const char	*action = kv_get(&r->form, "action");
	struct typed_map tm;
	struct dbres	 res;
	char		 key[16], *json;
	uint64_t	 uid, job, n = 0;
	size_t		 i, ncol;
	unsigned	 st;
	int		 start;

	if (id == NULL || !valid_check(VALID_ID, id, strlen(id))) {
		page_error(r, 404, NULL);
		return 0;
	}
	uid = strtoull(id, NULL, 10);
	if (db_exec(r->db, r->a, STMT_CSV_ONE, &res, NULL, NULL, "ssuu",
	    r->s->timezone, r->s->timezone, uid, r->s->account_id) != RC_OK) {
		r->status = 503;
		return -1;
	}
	if (res.nrows != 1) {
		page_error(r, 404, NULL);
		return 0;
	}
	memset(&tm, 0, sizeof(tm));
	ncol = (size_t)db_u64(&res, 0, 15);
	for (i = 0; i < ncol && i < CSV_MAX_COLUMNS; i++) {
		snprintf(key, sizeof(key), "col%zu", i);
		tm.target[i] = kv_get(&r->form, key);
		snprintf(key, sizeof(key), "name%zu", i);
		tm.name[i] = kv_get(&r->form, key);
		snprintf(key, sizeof(key), "type%zu", i);
		tm.type[i] = kv_get(&r->form, key);
	}
	st = (unsigned)db_u64(&res, 0, 4);
	if (st > UPLOAD_MAPPING)
		return map_refuse(r, id, &tm, NULL, "This upload is already "
		    "queued or imported; its mapping cannot change.");
	if (action == NULL || (strcmp(action, "start") != 0 &&
	    strcmp(action, "save") != 0))
		return map_refuse(r, id, &tm, NULL, "Choose Save mapping or "
		    "Start import.");
	start = strcmp(action, "start") == 0;
	if ((json = map_build(r, &tm, ncol, db_u64(&res, 0, 3) == 2, &field,
	    &msg)) == NULL)
		return msg ? map_refuse(r, id, &tm, field, msg) : -1;
	if (db_begin(r->db) != RC_OK)
		goto down;
	if (db_exec(r->db, r->a, start ? STMT_CSV_QUEUE : STMT_CSV_SAVE_MAP,
	    NULL, &n, NULL, "suu", json, uid, r->s->account_id) != RC_OK ||
	    n != 1 || (start && job_enqueue(r->db, r->a, r->s->account_id,
	    "csv.import", uid, &job) != RC_OK) ||
	    audit_req(r, start ? "csv.import" :
	    "csv.map", db_cell(&res, 0, 1)) != RC_OK ||
	    db_commit(r->db) != RC_OK) {
		db_rollback(r->db);
		goto down;
	}
	req_flash(r, "ok", arena_printf(r->a, start ? "The import of %s is "
	    "queued." : "Saved the mapping of %s.", db_cell(&res, 0, 1)));
	req_redirect(r, arena_printf(r->a, "/settings/csv-uploads?upload=%llu",
	    (unsigned long long)uid));
	return 0;
down:
	r->status = 503;
	return -1;
}

/* ------------------------------------------------------- error report */

/*
 * GET /settings/csv-uploads/errors.csv?upload=ID: the refused rows as a
 * document nginx turns into CSV (xslt/csv.xsl); 404 for an upload not of
 * this account.
 */
int
page_csv_errors(struct req *r)
{
	const char	*id = kv_get(&r->query, "upload");
	struct dbres	 res;
	xmlNodePtr	 list, n;
	size_t		 i;

	if (id == NULL || !valid_check(VALID_ID, id, strlen(id))) {
		page_error(r, 404, NULL);
		return 0;
	}
	if (db_exec(r->db, r->a, STMT_CSV_ERRORS, &res, NULL, NULL, "uu",
	    strtoull(id, NULL, 10), r->s->account_id) != RC_OK) {
		r->status = 503;
		return -1;
	}
	if (res.nrows == 0 || db_cell(&res, 0, 0) == NULL) {
		page_error(r, 404, NULL);
		return 0;
	}
	if (xml_page(r, "csv-errors") == NULL)
		return -1;
	r->disposition = "attachment; filename=\"errors.csv\"";
	list = xml_el(r->root, "csv-errors", NULL);
	xml_attr(list, "upload", id);
	xml_attr(list, "name", db_cell(&res, 0, 0));
	for (i = 0; i < res.nrows; i++) {
		if (db_cell(&res, i, 1) == NULL)
			continue;	/* the upload's own row: no errors */
		n = xml_el(list, "refused", db_cell(&res, i, 3));
		xml_attr(n, "row", db_cell(&res, i, 1));
		xml_attr(n, "column", db_cell(&res, i, 2));
	}
	return 0;
}
