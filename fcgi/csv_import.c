/*
 * The "csv.import" job: reads a mapped CSV upload from upload_dir with
 * the RFC 4180 parser and sends each data row through the ingestion
 * engine as a profile update or an event.  Rows are imported in
 * transactions of CSV_BATCH_ROWS; each transaction also records the
 * progress (rows done, imported, refused, dropped: rows of discarded
 * events or properties) and the refused rows (row, column, reason), so a
 * retried job resumes after the last committed row and the page shows
 * live progress.  Row numbers count the header as row 1, as a
 * spreadsheet does.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "csv_import.h"
#include "arena.h"
#include "csv.h"
#include "csv_map.h"
#include "csv_upload.h"
#include "datatype.h"
#include "db.h"
#include "decode.h"
#include "ingest.h"
#include "jobs.h"
#include "limits.h"
#include "rc.h"
#include "status.h"

/* Columns of STMT_CSV_JOB_GET. */
enum {
	CJ_ACCOUNT,
	CJ_STORED,
	CJ_KIND,
	CJ_STATUS,
	CJ_MAPPING,
	CJ_DONE,
	CJ_IMPORTED,
	CJ_REFUSED,
	CJ_COLUMNS,
	CJ_DROPPED,
};

/* One column as mapped. */
struct col {
	enum map_target	 target;
	const char	*name;
	enum ptype	 type;
};

/* An import under way. */
struct imp {
	struct db		*db;
	struct arena		*a;		/* the job's arena */
	struct arena		 rows;		/* per-row allocations */
	const struct job	*job;
	struct ingest		*ig;
	struct col		 cols[CSV_MAX_COLUMNS];
	size_t			 ncol;
	const char		*header[CSV_MAX_COLUMNS];
	int			 events;
	uint64_t		 skip;		/* rows done before (a retry) */
	uint64_t		 done, imported, refused, dropped, nerr;
	uint64_t		 in_batch;
	time_t			 now;
	int			 failed;	/* a database error */
	char			 err[256];
};

/* One data row as its cells are read: what goes to the engine. */
struct row {
	const char	*identity, *event;
	char		 ts[EVENT_TS_LEN];
	json_t		*data;			/* an event's properties */
	struct ival	 vals[CSV_MAX_COLUMNS];	/* a profile's values */
	size_t		 nv;
};

/* Reads the mapping JSON into the columns.  RC_OK, or RC_ERROR when it
 * is unusable. */
static int
imp_mapping(struct imp *im, const char *mapping)
{
	json_error_t	 je;
	json_t		*root, *cols, *c;
	enum map_target	 t;
	size_t		 i;

	if ((root = json_loads(mapping, 0, &je)) == NULL)
		return RC_ERROR;
	cols = json_object_get(root, "cols");
	if (!json_is_array(cols) || json_array_size(cols) > CSV_MAX_COLUMNS) {
		json_decref(root);
		return RC_ERROR;
	}
	json_array_foreach(cols, i, c) {
		t = map_target_of(json_string_value(json_object_get(c, "target")));
		im->cols[i].target = t < TARGET__MAX ? t : TARGET_IGNORE;
		im->cols[i].name = arena_strdup(im->a,
		    json_string_value(json_object_get(c, "name")));
		im->cols[i].type = ptype_parse(json_string_value(
		    json_object_get(c, "type")));
	}
	im->ncol = json_array_size(cols);
	json_decref(root);
	return RC_OK;
}

/* Records a refused row (the first CSV_MAX_ERRORS are kept).  RC_OK, or
 * the rc of the statement that failed. */
static int
imp_refuse(struct imp *im, uint64_t row, size_t col, const char *reason)
{
	im->refused++;
	if (im->nerr >= CSV_MAX_ERRORS)
		return RC_OK;
	im->nerr++;
	return db_exec(im->db, &im->rows, STMT_CSV_ERROR_NEW, NULL, NULL, NULL,
	    "uuuss", im->job->ref, im->nerr, row,
	    col < im->ncol && im->header[col] ? im->header[col] : "", reason);
}

/* The number written by the n digits at s (checked by data_date_ok). */
static int
num(const char *s, int n)
{
	int	 v = 0;

	while (n-- > 0)
		v = v * 10 + (*s++ - '0');
	return v;
}

/*
 * An event time cell: whole seconds since 1970, or an ISO 8601 date-time
 * (UTC unless it says otherwise, then taken as written); UTC DATETIME
 * text into out.  RC_OK, or RC_ERROR when it is neither or out of range.
 */
static int
imp_ts(const char *s, size_t n, time_t now, char out[EVENT_TS_LEN])
{
	char		 buf[40], *end;
	long long	 secs;
	struct tm	 tm;

	if (n == 0 || n >= sizeof(buf))
		return RC_ERROR;
	memcpy(buf, s, n);
	buf[n] = '\0';
	secs = strtoll(buf, &end, 10);
	if (*end == '\0')
		return data_ts(secs, now, out);
	if (!data_date_ok(buf, n) || buf[0] == '$')
		return RC_ERROR;
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = num(buf, 4) - 1900;
	tm.tm_mon = num(buf + 5, 2) - 1;
	tm.tm_mday = num(buf + 8, 2);
	if (n >= 16) {
		tm.tm_hour = num(buf + 11, 2);
		tm.tm_min = num(buf + 14, 2);
		if (n >= 19 && buf[16] == ':')
			tm.tm_sec = num(buf + 17, 2);
	}
	return data_ts((long long)timegm(&tm), now, out);
}

/* Frees a JSON object at the row arena's reset. */
static void
imp_free_json(void *p)
{
	json_decref(p);
}

/*
 * Reads cell i of a data row (s, n bytes) into rw by its column's
 * target.  NULL, or why the row is refused.
 */
static const char *
imp_cell(struct imp *im, struct row *rw, size_t i, const char *s, size_t n)
{
	const struct col	*c = &im->cols[i];
	const char		*text, *why;
	json_t			*jv;

	switch (c->target) {
	case TARGET_IDENTITY:
		if (n == 0)
			return "the identity is empty";
		if (!data_value_ok(s, n) || !text_clean(s, n, 0))
			return "the identity is longer than 512 characters or "
			    "holds control characters";
		rw->identity = arena_strndup(&im->rows, s, n);
		return NULL;
	case TARGET_EVENT:
		if (!data_name_ok(s, n))
			return "the event name is empty, longer than 120 "
			    "characters or holds control characters";
		rw->event = arena_strndup(&im->rows, s, n);
		return NULL;
	case TARGET_TS:		/* no time: now */
		if (n > 0 && imp_ts(s, n, im->now, rw->ts) != RC_OK)
			return "not a time: seconds since 1970 or "
			    "2026-03-01T10:00:00Z, within 20 years";
		return NULL;
	case TARGET_PROPERTY:	/* an empty cell sets nothing */
		if (n == 0)
			return NULL;
		if (data_cell(&im->rows, c->type, s, n, &text, &jv, &why) != RC_OK)
			return why;
		rw->vals[rw->nv].name = c->name;
		rw->vals[rw->nv].type = c->type;
		rw->vals[rw->nv].text = text;
		rw->nv++;
		json_object_set_new(rw->data, c->name, jv);
		return NULL;
	case TARGET_IGNORE:
	case TARGET__MAX:
		break;
	}
	return NULL;
}

/* Hands the row read into rw to the engine.  RC_OK (refusals noted), or
 * RC_ERROR on a database error. */
static int
imp_ingest(struct imp *im, uint64_t row, struct row *rw)
{
	const char	*why = NULL;
	enum ingest_rc	 rc;

	if (rw->identity == NULL)
		return imp_refuse(im, row, 0, "the identity is missing");
	if (!im->events && rw->nv == 0)
		return imp_refuse(im, row, 0, "the row has no value to import");
	rc = im->events ?
	    ingest_event(im->ig, rw->identity, rw->event, rw->ts, rw->data, &why) :
	    ingest_profile(im->ig, rw->identity, rw->vals, rw->nv, &why);
	if (rc == INGEST_ERROR)
		return RC_ERROR;
	if (rc == INGEST_REFUSED)
		return imp_refuse(im, row, 0, why);
	im->imported += rc == INGEST_OK;
	im->dropped += rc == INGEST_DROPPED;
	return RC_OK;
}

/* One data row through the engine.  RC_OK (refusals noted), or RC_ERROR
 * on a database error or exhaustion. */
static int
imp_row(struct imp *im, uint64_t row, const char **f, const size_t *lens,
    size_t n)
{
	struct row	 rw;
	const char	*why;
	size_t		 i;

	if (n != im->ncol)
		return imp_refuse(im, row, 0, n < im->ncol ?
		    "the row has fewer columns than the header" :
		    "the row has more columns than the header");
	memset(&rw, 0, sizeof(rw));
	if ((rw.data = json_object()) == NULL)
		return RC_ERROR;
	arena_cleanup(&im->rows, imp_free_json, rw.data);
	data_ts((long long)im->now, im->now, rw.ts);
	for (i = 0; i < n; i++)
		if ((why = imp_cell(im, &rw, i, f[i], lens[i])) != NULL)
			return imp_refuse(im, row, i, why);
	return imp_ingest(im, row, &rw);
}

/* Commits the batch with its progress, and starts the next one (unless
 * last).  RC_OK, or RC_ERROR (im->err says why when it is not the
 * database). */
static int
imp_commit(struct imp *im, int last)
{
	if (db_exec(im->db, &im->rows, STMT_CSV_PROGRESS, NULL, NULL, NULL,
	    "uuuuu", im->done, im->imported, im->refused, im->dropped,
	    im->job->ref) != RC_OK ||
	    ingest_finish(im->ig) != RC_OK)
		return RC_ERROR;
	im->in_batch = 0;
	if (job_renew(im->db, &im->rows, im->job) != RC_OK) {
		snprintf(im->err, sizeof(im->err), "lost the job's lease");
		return RC_ERROR;
	}
	if (!last && job_stopping()) {	/* resumed after this batch later */
		snprintf(im->err, sizeof(im->err), "the runner stopped; the "
		    "import resumes at row %llu", (unsigned long long)im->done + 2);
		return RC_ERROR;
	}
	return last ? RC_OK : ingest_begin(im->ig) == RC_OK ? RC_OK : RC_ERROR;
}

/* The parser's callback: the header, then each data row.  CSV_STOP (and
 * im->failed) on a database error. */
static int
imp_record(void *arg, uint64_t row, const char **f, const size_t *lens,
    size_t n, int utf8_ok)
{
	struct imp	*im = arg;
	size_t		 i;
	int		 rc;

	if (row == 1) {
		for (i = 0; i < n && i < CSV_MAX_COLUMNS; i++)
			im->header[i] = csv_upload_header(im->a, f[i], lens[i]);
		return CSV_NEXT;
	}
	if (row - 1 <= im->skip)
		return CSV_NEXT;	/* imported before a retry */
	rc = utf8_ok ? imp_row(im, row, f, lens, n) :
	    imp_refuse(im, row, 0, "the row is not valid UTF-8");
	arena_reset(&im->rows);
	if (rc == RC_OK) {
		im->done = row - 1;
		if (++im->in_batch < CSV_BATCH_ROWS || imp_commit(im, 0) == RC_OK)
			return CSV_NEXT;
	}
	im->failed = 1;
	return CSV_STOP;
}

/* Streams the stored file through the parser.  RC_OK, or RC_ERROR (with
 * im->err unless the database failed). */
static int
imp_file(struct imp *im, const char *stored)
{
	enum csv_err	 e;

	if (csv_upload_read(stored, SIZE_MAX, imp_record, im, &e) != RC_OK) {
		snprintf(im->err, sizeof(im->err), "the file is gone: %s",
		    strerror(errno));
		return RC_ERROR;
	}
	if (e != CSV_OK && !im->failed)
		snprintf(im->err, sizeof(im->err), "%s", csv_strerror(e));
	return e != CSV_OK || im->failed ? RC_ERROR : RC_OK;
}

/* Marks the upload finished with status st (and why, for a failure). */
static void
imp_finish(struct db *db, struct arena *a, uint64_t id, enum upload_status st,
    const char *why)
{
	(void)db_exec(db, a, STMT_CSV_FINISH, NULL, NULL, NULL, "isu",
	    (long long)st, why ? why : "", id);
}

/* A new import of the upload in row res of STMT_CSV_JOB_GET, by job j;
 * NULL on exhaustion. */
static struct imp *
imp_new(struct db *db, struct arena *a, const struct job *j,
    const struct dbres *res)
{
	struct imp	*im;

	if ((im = arena_alloc(a, sizeof(*im))) == NULL)
		return NULL;
	memset(im, 0, sizeof(*im));
	arena_init(&im->rows);
	im->db = db;
	im->a = a;
	im->job = j;
	im->now = time(NULL);
	im->events = db_u64(res, 0, CJ_KIND) == UKIND_EVENTS;
	im->skip = im->done = db_u64(res, 0, CJ_DONE);
	im->imported = db_u64(res, 0, CJ_IMPORTED);
	im->refused = db_u64(res, 0, CJ_REFUSED);
	im->dropped = db_u64(res, 0, CJ_DROPPED);
	im->nerr = im->refused < CSV_MAX_ERRORS ? im->refused : CSV_MAX_ERRORS;
	return im;
}

/*
 * The job (a job_fn): RC_OK when the upload was imported (some rows may
 * be refused) or there is nothing to do, RC_ERROR with err set when it
 * must be tried again; on the last attempt the upload is marked failed.
 */
int
csv_import_job(struct db *db, struct arena *a, const struct job *j,
    char *err, size_t errlen)
{
	struct dbres	 res;
	struct imp	*im;
	int		 rc;

	if (db_exec(db, a, STMT_CSV_JOB_GET, &res, NULL, NULL, "u", j->ref) !=
	    RC_OK || res.nrows != 1) {
		snprintf(err, errlen, "upload %llu not found",
		    (unsigned long long)j->ref);
		return res.nrows == 0 ? RC_OK : RC_ERROR;	/* deleted */
	}
	if (db_u64(&res, 0, CJ_STATUS) >= UPLOAD_COMPLETED)
		return RC_OK;				/* already finished */
	if ((im = imp_new(db, a, j, &res)) == NULL)
		return RC_ERROR;
	if (imp_mapping(im, db_cell(&res, 0, CJ_MAPPING)) != RC_OK) {
		imp_finish(db, a, j->ref, UPLOAD_FAILED,
		    "the mapping cannot be read");
		return RC_OK;
	}
	if ((im->ig = ingest_new(db, a, db_u64(&res, 0, CJ_ACCOUNT))) == NULL ||
	    db_exec(db, a, STMT_CSV_JOB_START, NULL, NULL, NULL, "u", j->ref) !=
	    RC_OK || ingest_begin(im->ig) != RC_OK)
		rc = RC_ERROR;
	else if ((rc = imp_file(im, db_cell(&res, 0, CJ_STORED))) == RC_OK)
		rc = imp_commit(im, 1);
	if (rc != RC_OK && db->in_tx)
		ingest_abort(im->ig);
	arena_reset(&im->rows);
	if (rc == RC_OK) {
		imp_finish(db, a, j->ref, im->refused ? UPLOAD_COMPLETED_ERRORS :
		    UPLOAD_COMPLETED, NULL);
		return RC_OK;
	}
	snprintf(err, errlen, "%s", im->err[0] ? im->err : "database error");
	if (j->attempt >= JOB_MAX_ATTEMPTS)
		imp_finish(db, a, j->ref, UPLOAD_FAILED, err);
	return RC_ERROR;
}
