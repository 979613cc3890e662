/*
 * The rows of a download.  Each exportable report kind has its CSV
 * header, its batch statement and the record of one row; the rows of a
 * kind are those of the page it summarises (the Events, User Properties
 * and CSV Uploads pages; the members of the account; the invoices of the
 * Billing page).  They are written EXPORT_BATCH at a time, with the
 * download's progress and the job's lease renewed after each batch.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "export_rows.h"
#include "arena.h"
#include "csv.h"
#include "db.h"
#include "ingest.h"
#include "invoice.h"
#include "jobs.h"
#include "limits.h"
#include "rc.h"
#include "report.h"
#include "roles.h"
#include "status.h"

/* Columns of STMT_EXPORT_EVENTS. */
enum {
	EV_NAME, EV_DISPLAY_NAME, EV_DESCRIPTION, EV_SYSTEM, EV_DISCARDED,
	EV_FIRST_SEEN, EV_LAST_SEEN, EV_THIS_MONTH, EV_LAST_MONTH, EV_TOTAL,
	EV_DROPPED, EV_IN_RANGE, EV__MAX
};

/* Columns of STMT_EXPORT_PROPS. */
enum {
	PR_NAME, PR_TYPE, PR_TYPE_SET, PR_DESCRIPTION, PR_DISCARDED,
	PR_FIRST_SEEN, PR_LAST_SEEN, PR_PROFILES, PR_DROPPED, PR__MAX
};

/* Columns of STMT_EXPORT_MEMBERS. */
enum { ME_NAME, ME_EMAIL, ME_ROLE, ME_SINCE, ME_LAST_SIGN_IN, ME__MAX };

/* Columns of STMT_EXPORT_INVOICES. */
enum {
	INV_ORG, INV_NUMBER, INV_ISSUED, INV_DUE, INV_START, INV_END, INV_KIND,
	INV_STATUS, INV_CURRENCY, INV_TOTAL, INV__MAX
};

/* Columns of STMT_EXPORT_UPLOADS. */
enum {
	UP_NAME, UP_KIND, UP_STATUS, UP_UPLOADED, UP_UPLOADER, UP_ROWS,
	UP_IMPORTED, UP_REFUSED, UP_ERROR, UP_LABELS, UP__MAX
};

/* Columns of STMT_DOWNLOAD_STATUS. */
enum { DS_STATUS };

/* One kind of export: its CSV header, its batch statement, its record. */
struct xkind {
	enum rkind	 kind;
	enum stmt	 stmt;
	const char	*header;
	int		(*fetch)(struct export *, struct arena *, enum stmt,
			    long long, struct dbres *);
	int		(*row)(struct export *, struct arena *,
			    const struct dbres *, size_t);
};

/* Writes one CSV record of n cells.  RC_OK, or RC_ERROR on a write error. */
static int
x_record(struct export *x, struct arena *b, const char *const *cells,
    size_t n)
{
	size_t		 i;
	const char	*q;

	for (i = 0; i < n; i++) {
		if ((q = csv_quote(b, cells[i] ? cells[i] : "")) == NULL ||
		    fputs(q, x->f) == EOF || fputs(i + 1 < n ? "," : "\r\n",
		    x->f) == EOF)
			return RC_ERROR;
	}
	x->rows++;
	return RC_OK;
}

/* The cells of row i of res, n of them, into c. */
static void
x_cells(const struct dbres *res, size_t i, const char **c, size_t n)
{
	size_t	 k;

	for (k = 0; k < n; k++)
		c[k] = db_cell(res, i, k);
}

/*
 * The cells of columns cols (n of them; seconds since 1970 or NULL) of
 * c drawn in the export's zone (arena b); NULL stays NULL (an empty
 * cell).  RC_OK, or RC_ERROR when b is out of memory.
 */
static int
x_times(const struct export *x, struct arena *b, const char **c,
    const int *cols, size_t n)
{
	size_t	 k;

	for (k = 0; k < n; k++)
		if (c[cols[k]] != NULL && (c[cols[k]] = tz_iso_text(b, x->zone,
		    c[cols[k]])) == NULL)
			return RC_ERROR;
	return RC_OK;
}

/* 1 when the export keeps an event named name (no filter: all). */
static int
x_event_wanted(const struct export *x, const char *name)
{
	size_t	 i;

	if (x->nevents == 0)
		return 1;
	for (i = 0; i < x->nevents; i++)
		if (strcmp(x->events[i], name) == 0)
			return 1;
	return 0;
}

/* A batch of STMT_EXPORT_EVENTS from offset off into *res.  An rc. */
static int
fetch_events(struct export *x, struct arena *b, enum stmt st,
    long long off, struct dbres *res)
{
	return db_exec(x->db, b, st, res, NULL, NULL, "sssusii", x->from,
	    x->from, x->to, x->account, x->from, (long long)EXPORT_BATCH, off);
}

/*
 * A batch of statement st taking account and the range twice
 * (STMT_EXPORT_PROPS, STMT_EXPORT_MEMBERS, STMT_EXPORT_INVOICES) from
 * offset off.  An rc.
 */
static int
fetch_span(struct export *x, struct arena *b, enum stmt st,
    long long off, struct dbres *res)
{
	return db_exec(x->db, b, st, res, NULL, NULL, "ussssii", x->account,
	    x->from, x->from, x->to, x->to, (long long)EXPORT_BATCH, off);
}

/* A batch of STMT_EXPORT_UPLOADS from offset off into *res.  An rc. */
static int
fetch_uploads(struct export *x, struct arena *b, enum stmt st,
    long long off, struct dbres *res)
{
	return db_exec(x->db, b, st, res, NULL, NULL, "ussssuuii", x->account,
	    x->from, x->from, x->to, x->to, x->label, x->label,
	    (long long)EXPORT_BATCH, off);
}

/* The record of event row i (in_range only with a range).  An rc. */
static int
row_events(struct export *x, struct arena *b, const struct dbres *r,
    size_t i)
{
	static const int times[] = { EV_FIRST_SEEN, EV_LAST_SEEN };
	const char	*c[EV__MAX];

	if (!x_event_wanted(x, db_cell(r, i, EV_NAME)))
		return RC_OK;
	x_cells(r, i, c, EV__MAX);
	if (x_times(x, b, c, times, sizeof(times) / sizeof(times[0])) != RC_OK)
		return RC_ERROR;
	c[EV_SYSTEM] = db_u64(r, i, EV_SYSTEM) ? "system" : "custom";
	c[EV_DISCARDED] = db_u64(r, i, EV_DISCARDED) ? "discarded" : "active";
	return x_record(x, b, c, x->from ? EV__MAX : EV__MAX - 1);
}

/* The record of user property row i.  An rc. */
static int
row_props(struct export *x, struct arena *b, const struct dbres *r,
    size_t i)
{
	static const int times[] = { PR_FIRST_SEEN, PR_LAST_SEEN };
	const char	*c[PR__MAX];

	x_cells(r, i, c, PR__MAX);
	if (x_times(x, b, c, times, sizeof(times) / sizeof(times[0])) != RC_OK)
		return RC_ERROR;
	c[PR_TYPE] = ptype_name((enum ptype)db_u64(r, i, PR_TYPE));
	c[PR_TYPE_SET] = db_u64(r, i, PR_TYPE_SET) ? "set" : "inferred";
	c[PR_DISCARDED] = db_u64(r, i, PR_DISCARDED) ? "discarded" : "active";
	return x_record(x, b, c, PR__MAX);
}

/* The record of member row i.  An rc. */
static int
row_members(struct export *x, struct arena *b, const struct dbres *r,
    size_t i)
{
	static const int times[] = { ME_SINCE, ME_LAST_SIGN_IN };
	const char	*c[ME__MAX];

	x_cells(r, i, c, ME__MAX);
	if (x_times(x, b, c, times, sizeof(times) / sizeof(times[0])) != RC_OK)
		return RC_ERROR;
	c[ME_ROLE] = role_name((enum role)db_u64(r, i, ME_ROLE));
	return x_record(x, b, c, ME__MAX);
}

/*
 * The record of invoice row i: its reference ("ORG-NNNNN", as on the
 * Billing page) in place of the organization and number.  An rc.
 */
static int
row_invoices(struct export *x, struct arena *b, const struct dbres *r,
    size_t i)
{
	static const int times[] = { INV_ISSUED, INV_DUE };
	const char	*c[INV__MAX];

	x_cells(r, i, c, INV__MAX);
	if (x_times(x, b, c, times, sizeof(times) / sizeof(times[0])) != RC_OK)
		return RC_ERROR;
	if ((c[INV_NUMBER] = invoice_ref(b, db_u64(r, i, INV_ORG),
	    db_u64(r, i, INV_NUMBER))) == NULL)
		return RC_ERROR;
	return x_record(x, b, c + INV_NUMBER, INV__MAX - INV_NUMBER);
}

/* The record of CSV upload row i.  An rc. */
static int
row_uploads(struct export *x, struct arena *b, const struct dbres *r,
    size_t i)
{
	static const int times[] = { UP_UPLOADED };
	const char	*c[UP__MAX];
	uint64_t	 kind = db_u64(r, i, UP_KIND), st = db_u64(r, i, UP_STATUS);

	x_cells(r, i, c, UP__MAX);
	if (x_times(x, b, c, times, sizeof(times) / sizeof(times[0])) != RC_OK)
		return RC_ERROR;
	c[UP_KIND] = STATUS_NAME(upload_kind_names, kind);
	c[UP_STATUS] = STATUS_NAME(upload_status_names, st);
	return x_record(x, b, c, UP__MAX);
}

static const struct xkind xkinds[] = {
	{ RKIND_EVENTS, STMT_EXPORT_EVENTS, "event,display_name,description,"
	    "type,status,first_seen,last_seen,this_month,last_month,total,"
	    "dropped", fetch_events, row_events },
	{ RKIND_PROPS, STMT_EXPORT_PROPS, "property,type,type_source,"
	    "description,status,first_seen,last_seen,profiles,dropped",
	    fetch_span, row_props },
	{ RKIND_MEMBERS, STMT_EXPORT_MEMBERS, "name,email,role,member_since,"
	    "last_sign_in", fetch_span, row_members },
	{ RKIND_INVOICES, STMT_EXPORT_INVOICES, "invoice,issued,due,"
	    "period_start,period_end,kind,status,currency,total", fetch_span,
	    row_invoices },
	{ RKIND_CSV, STMT_EXPORT_UPLOADS, "file,kind,status,uploaded,"
	    "uploaded_by,rows,imported,refused,error,labels", fetch_uploads,
	    row_uploads },
};

/* The exporter of kind k, or NULL (a kind without tables in this build). */
static const struct xkind *
xkind_of(enum rkind k)
{
	size_t	 i;

	for (i = 0; i < sizeof(xkinds) / sizeof(xkinds[0]); i++)
		if (xkinds[i].kind == k)
			return &xkinds[i];
	return NULL;
}

/* 1 when this build can export the rows of kind k. */
int
export_kind_ok(enum rkind k)
{
	return xkind_of(k) != NULL;
}

/* 1 when the download is still running (not deleted or retried meanwhile). */
static int
x_running(struct export *x, struct arena *b)
{
	struct dbres	 res;

	if (db_exec(x->db, b, STMT_DOWNLOAD_STATUS, &res, NULL, NULL, "u",
	    x->id) != RC_OK)
		return 0;
	return res.nrows == 1 && db_u64(&res, 0, DS_STATUS) == DL_RUNNING;
}

/*
 * Between two batches: RC_OK to go on (progress recorded); RC_ERROR with
 * err and x->permanent past EXPORT_MAX_ROWS; RC_ERROR with x->gone when
 * the download was deleted or retried, or the job is no longer ours.
 */
static int
x_next_batch(struct export *x, struct arena *b, char *err,
    size_t errlen)
{
	if (x->rows > EXPORT_MAX_ROWS) {
		snprintf(err, errlen, "more than %d rows", EXPORT_MAX_ROWS);
		x->permanent = 1;
		return RC_ERROR;
	}
	if (!x_running(x, b) || job_renew(x->db, b, x->j) != RC_OK) {
		x->gone = 1;
		return RC_ERROR;
	}
	(void)db_exec(x->db, b, STMT_DOWNLOAD_PROGRESS, NULL, NULL, NULL, "uu",
	    x->rows, x->id);
	return RC_OK;
}

/*
 * Writes the header and every row of x->kind (a kind export_kind_ok()
 * takes) to x->f.  RC_OK when all are written, or x->gone set when the
 * download went away meanwhile; RC_ERROR with err set (and x->permanent
 * when a retry cannot mend it).
 */
int
export_rows_write(struct export *x, char *err, size_t errlen)
{
	const struct xkind	*k = xkind_of(x->kind);
	struct arena		 b;
	struct dbres		 res;
	long long		 off = 0;
	size_t			 i;
	int			 rc = RC_OK;

	if (fprintf(x->f, "%s%s\r\n", k->header, x->kind == RKIND_EVENTS &&
	    x->from ? ",in_range" : "") < 0) {
		snprintf(err, errlen, "write: %s", strerror(errno));
		return RC_ERROR;
	}
	arena_init(&b);
	for (;;) {
		if (k->fetch(x, &b, k->stmt, off, &res) != RC_OK) {
			snprintf(err, errlen, "database");
			rc = RC_ERROR;
			break;
		}
		for (i = 0; i < res.nrows && rc == RC_OK; i++)
			if ((rc = k->row(x, &b, &res, i)) != RC_OK)
				snprintf(err, errlen, "write: %s", strerror(errno));
		if (rc != RC_OK || res.nrows < EXPORT_BATCH)
			break;
		off += EXPORT_BATCH;
		if ((rc = x_next_batch(x, &b, err, errlen)) != RC_OK)
			break;
		arena_reset(&b);
	}
	arena_reset(&b);
	return x->gone ? RC_OK : rc;
}
