/*
 * The "csv.import" job: reads a mapped CSV upload from upload_dir with
 * the RFC 4180 parser and sends each data row through the ingestion
 * engine as a profile update or an event.  Rows are imported in
 * transactions of CSV_BATCH_ROWS; each transaction also records the
 * progress (rows done, imported, refused, dropped: rows of discarded
 * events or properties) and the refused rows (row,
 * column, reason), so a retried job resumes after the last committed row
 * and the page shows live progress.  Row numbers count the header as
 * row 1, as a spreadsheet does.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "csv_import.h"
#include "admin.h"
#include "arena.h"
#include "conf.h"
#include "csv.h"
#include "db.h"
#include "decode.h"
#include "ingest.h"
#include "jobs.h"
#include "limits.h"
#include "rc.h"
#include "status.h"

#define READ_CHUNK	65536

struct col {
	enum map_target	 target;
	const char	*name;
	enum ptype	 type;
};

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

/* Reads the mapping JSON into the columns; -1 when it is unusable. */
static int
imp_mapping(struct imp *im, const char *mapping)
{
	json_error_t	 je;
	json_t		*root, *cols, *c;
	const char	*t;
	size_t		 i, k;

	if ((root = json_loads(mapping, 0, &je)) == NULL)
		return -1;
	cols = json_object_get(root, "cols");
	if (!json_is_array(cols) || json_array_size(cols) > CSV_MAX_COLUMNS) {
		json_decref(root);
		return -1;
	}
	json_array_foreach(cols, i, c) {
		t = json_string_value(json_object_get(c, "target"));
		for (k = 0; k < TARGET__MAX; k++)
			if (t != NULL && strcmp(t, map_target_names[k]) == 0)
				break;
		im->cols[i].target = k < TARGET__MAX ? (enum map_target)k : TARGET_IGNORE;
		im->cols[i].name = arena_strdup(im->a,
		    json_string_value(json_object_get(c, "name")));
		im->cols[i].type = ptype_parse(json_string_value(
		    json_object_get(c, "type")));
	}
	im->ncol = json_array_size(cols);
	json_decref(root);
	return 0;
}

/* Records a refused row (the first CSV_MAX_ERRORS are kept). */
static int
imp_refuse(struct imp *im, uint64_t row, size_t col, const char *reason)
{
	im->refused++;
	if (im->nerr >= CSV_MAX_ERRORS)
		return 0;
	im->nerr++;
	if (db_exec(im->db, &im->rows, STMT_CSV_ERROR_NEW, NULL, NULL, NULL,
	    "uuuss", im->job->ref, im->nerr, row,
	    col < im->ncol && im->header[col] ? im->header[col] : "",
	    reason) != RC_OK)
		return -1;
	return 0;
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
 * text into out.  -1 when it is neither or out of range.
 */
static int
imp_ts(const char *s, size_t n, time_t now, char out[27])
{
	char		 buf[40], *end;
	long long	 secs;
	struct tm	 tm;

	if (n == 0 || n >= sizeof(buf))
		return -1;
	memcpy(buf, s, n);
	buf[n] = '\0';
	secs = strtoll(buf, &end, 10);
	if (*end == '\0')
		return data_ts(secs, now, out);
	if (!data_date_ok(buf, n) || buf[0] == '$')
		return -1;
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

/* One data row through the engine; refusals noted.  -1 on a db error. */
static int
imp_row(struct imp *im, uint64_t row, const char **f, const size_t *lens,
    size_t n)
{
	struct ival	 vals[CSV_MAX_COLUMNS];
	const char	*identity = NULL, *event = NULL, *text, *why = NULL;
	char		 ts[27];
	json_t		*data, *jv;
	size_t		 i, nv = 0;
	enum ingest_rc	 rc;

	if (n != im->ncol)
		return imp_refuse(im, row, 0, n < im->ncol ?
		    "the row has fewer columns than the header" :
		    "the row has more columns than the header");
	if ((data = json_object()) == NULL)
		return -1;
	arena_cleanup(&im->rows, imp_free_json, data);
	data_ts((long long)im->now, im->now, ts);
	for (i = 0; i < n; i++) {
		switch (im->cols[i].target) {
		case TARGET_IDENTITY:
			if (lens[i] == 0 || !data_value_ok(f[i], lens[i]) ||
			    !text_clean(f[i], lens[i], 0))
				return imp_refuse(im, row, i, lens[i] == 0 ?
				    "the identity is empty" : "the identity is "
				    "longer than 512 characters or holds control "
				    "characters");
			identity = arena_strndup(&im->rows, f[i], lens[i]);
			break;
		case TARGET_EVENT:
			if (!data_name_ok(f[i], lens[i]))
				return imp_refuse(im, row, i, "the event name is "
				    "empty, longer than 120 characters or holds "
				    "control characters");
			event = arena_strndup(&im->rows, f[i], lens[i]);
			break;
		case TARGET_TS:
			if (lens[i] == 0)
				break;		/* no time: now */
			if (imp_ts(f[i], lens[i], im->now, ts) == -1)
				return imp_refuse(im, row, i, "not a time: seconds "
				    "since 1970 or 2026-03-01T10:00:00Z, within 20 "
				    "years");
			break;
		case TARGET_PROPERTY:
			if (lens[i] == 0)
				break;		/* an empty cell sets nothing */
			if (data_cell(&im->rows, im->cols[i].type, f[i], lens[i],
			    &text, &jv, &why) == -1)
				return imp_refuse(im, row, i, why);
			vals[nv].name = im->cols[i].name;
			vals[nv].type = im->cols[i].type;
			vals[nv].text = text;
			nv++;
			json_object_set_new(data, im->cols[i].name, jv);
			break;
		case TARGET_IGNORE:
		case TARGET__MAX:
			break;
		}
	}
	if (identity == NULL)
		return imp_refuse(im, row, 0, "the identity is missing");
	if (!im->events && nv == 0)
		return imp_refuse(im, row, 0, "the row has no value to import");
	rc = im->events ?
	    ingest_event(im->ig, identity, event, ts, data, &why) :
	    ingest_profile(im->ig, identity, vals, nv, &why);
	if (rc == INGEST_ERROR)
		return -1;
	if (rc == INGEST_REFUSED)
		return imp_refuse(im, row, 0, why);
	im->imported += rc == INGEST_OK;
	im->dropped += rc == INGEST_DROPPED;
	return 0;
}

/* Commits the batch with its progress, and starts the next one. */
static int
imp_commit(struct imp *im, int last)
{
	if (db_exec(im->db, &im->rows, STMT_CSV_PROGRESS, NULL, NULL, NULL,
	    "uuuuu", im->done, im->imported, im->refused, im->dropped,
	    im->job->ref) != RC_OK ||
	    ingest_finish(im->ig) != RC_OK)
		return -1;
	im->in_batch = 0;
	if (job_renew(im->db, &im->rows, im->job) == -1) {
		snprintf(im->err, sizeof(im->err), "lost the job's lease");
		return -1;
	}
	if (!last && job_stopping()) {	/* resumed after this batch later */
		snprintf(im->err, sizeof(im->err), "the runner stopped; the "
		    "import resumes at row %llu", (unsigned long long)im->done + 2);
		return -1;
	}
	return last ? 0 : ingest_begin(im->ig) == RC_OK ? 0 : -1;
}

/* The parser's callback: the header, then each data row. */
static int
imp_record(void *arg, uint64_t row, const char **f, const size_t *lens,
    size_t n, int utf8_ok)
{
	struct imp	*im = arg;
	size_t		 i;
	int		 rc;

	if (row == 1) {
		for (i = 0; i < n && i < CSV_MAX_COLUMNS; i++)
			im->header[i] = utf8_valid(f[i], lens[i]) &&
			    text_clean(f[i], lens[i], 0) ?
			    arena_strndup(im->a, f[i], lens[i]) : "";
		return 0;
	}
	if (row - 1 <= im->skip)
		return 0;	/* imported before a retry */
	rc = utf8_ok ? imp_row(im, row, f, lens, n) :
	    imp_refuse(im, row, 0, "the row is not valid UTF-8");
	arena_reset(&im->rows);
	if (rc == -1) {
		im->failed = 1;
		return -1;
	}
	im->done = row - 1;
	if (++im->in_batch >= CSV_BATCH_ROWS && imp_commit(im, 0) == -1) {
		im->failed = 1;
		return -1;
	}
	return 0;
}

/* Streams the stored file through the parser; -1 on any failure. */
static int
imp_file(struct imp *im, const char *stored)
{
	struct csv	*c;
	char		 path[4096], *buf;
	ssize_t		 k;
	enum csv_err	 e = CSV_OK;
	int		 fd;

	snprintf(path, sizeof(path), "%s/%s.csv", conf.upload_dir, stored);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		snprintf(im->err, sizeof(im->err), "the file is gone: %s",
		    strerror(errno));
		return -1;
	}
	if ((c = csv_new(imp_record, im)) == NULL ||
	    (buf = arena_alloc(im->a, READ_CHUNK)) == NULL) {
		csv_free(c);
		close(fd);
		return -1;
	}
	while (e == CSV_OK && !im->failed && (k = read(fd, buf, READ_CHUNK)) > 0)
		e = csv_feed(c, buf, (size_t)k);
	if (e == CSV_OK && !im->failed)
		e = csv_end(c);
	csv_free(c);
	close(fd);
	if (e != CSV_OK && !im->failed)
		snprintf(im->err, sizeof(im->err), "%s", csv_strerror(e));
	return e != CSV_OK || im->failed ? -1 : 0;
}

/* Marks the upload finished with status st (and why, for a failure). */
static void
imp_finish(struct db *db, struct arena *a, uint64_t id, int st, const char *why)
{
	(void)db_exec(db, a, STMT_CSV_FINISH, NULL, NULL, NULL, "isu",
	    (long long)st, why ? why : "", id);
}

/*
 * The job: 0 when the upload was imported (some rows may be refused), -1
 * with err set when it must be tried again; on the last attempt the
 * upload is marked failed.
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
		return res.nrows == 0 ? 0 : -1;		/* deleted: nothing to do */
	}
	if (db_u64(&res, 0, 3) >= 5)
		return 0;				/* already finished */
	if ((im = arena_alloc(a, sizeof(*im))) == NULL)
		return -1;
	memset(im, 0, sizeof(*im));
	arena_init(&im->rows);
	im->db = db;
	im->a = a;
	im->job = j;
	im->now = time(NULL);
	im->events = db_u64(&res, 0, 2) == 2;
	im->skip = im->done = db_u64(&res, 0, 5);
	im->imported = db_u64(&res, 0, 6);
	im->refused = db_u64(&res, 0, 7);
	im->dropped = db_u64(&res, 0, 9);
	im->nerr = im->refused < CSV_MAX_ERRORS ? im->refused : CSV_MAX_ERRORS;
	if (imp_mapping(im, db_cell(&res, 0, 4)) == -1) {
		imp_finish(db, a, j->ref, 7, "the mapping cannot be read");
		return 0;
	}
	if ((im->ig = ingest_new(db, a, db_u64(&res, 0, 0))) == NULL ||
	    db_exec(db, a, STMT_CSV_JOB_START, NULL, NULL, NULL, "u", j->ref) !=
	    RC_OK || ingest_begin(im->ig) != RC_OK)
		rc = -1;
	else if ((rc = imp_file(im, db_cell(&res, 0, 1))) == 0)
		rc = imp_commit(im, 1);
	if (rc == -1 && db->in_tx)
		ingest_abort(im->ig);
	arena_reset(&im->rows);
	if (rc == 0) {
		imp_finish(db, a, j->ref, im->refused ? 6 : 5, NULL);
		return 0;
	}
	snprintf(err, errlen, "%s", im->err[0] ? im->err : "database error");
	if (j->attempt >= JOB_MAX_ATTEMPTS)
		imp_finish(db, a, j->ref, 7, err);
	return -1;
}
