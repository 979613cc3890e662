/*
 * Exports and the report scheduler, as jobs of the data part's runner:
 *
 *   report.export  (ref: a download) writes the download's rows as CSV to
 *                  exports_dir atomically (a temporary name, fsync, then
 *                  rename), with progress, and marks it ready for 7 days;
 *                  for a scheduled run it then mails the report's
 *                  recipients a link (members who may see the data get a
 *                  copy in their own My Downloads; nobody gets the data in
 *                  a mail).
 *   manage.tick    queues the due reports' runs and advances their next
 *                  run, deletes expired files (and marks their rows), then
 *                  queues the next tick MANAGE_TICK seconds later.
 *
 * The rows of a kind are those of the page it summarises (the Events,
 * User Properties and CSV Uploads pages; the members of the account).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "export.h"
#include "arena.h"
#include "conf.h"
#include "csv.h"
#include "db.h"
#include "ingest.h"
#include "jobs.h"
#include "limits.h"
#include "log.h"
#include "mail.h"
#include "rc.h"
#include "report.h"
#include "roles.h"
#include "status.h"
#include "text.h"
#include "tz.h"
#include "xml.h"

/* A download being written. */
struct export {
	struct db		*db;
	const struct job	*j;
	uint64_t		 id, account, user, report;
	enum rkind		 kind;
	const char		*tz, *from, *to, *name, *range_text;
	const char		*owner, *account_name;
	uint64_t		 label;
	int			 notify;
	const char		**events;
	size_t			 nevents;
	FILE			*f;
	char			 stored[33], tmp[4096], fin[4096];
	uint64_t		 rows, size;
};

/* One kind of export: its CSV header, its batch query, its row. */
struct xkind {
	enum rkind	 kind;
	const char	*header;
	int		(*fetch)(struct export *, struct arena *, long long,
			    struct dbres *);
	int		(*row)(struct export *, struct arena *,
			    const struct dbres *, size_t);
};

/* --------------------------------------------------------------- writing */

/* Writes one CSV record of n cells; -1 on a write error. */
static int
x_record(struct export *x, struct arena *b, const char *const *cells, size_t n)
{
	size_t		 i;
	const char	*q;

	for (i = 0; i < n; i++) {
		if ((q = csv_quote(b, cells[i] ? cells[i] : "")) == NULL ||
		    fputs(q, x->f) == EOF || fputs(i + 1 < n ? "," : "\r\n",
		    x->f) == EOF)
			return -1;
	}
	x->rows++;
	return 0;
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

static int
fetch_events(struct export *x, struct arena *b, long long off, struct dbres *res)
{
	return db_exec(x->db, b, STMT_EXPORT_EVENTS, res, NULL, NULL, "sssssusii",
	    x->tz, x->tz, x->from, x->from, x->to, x->account, x->from,
	    (long long)EXPORT_BATCH, off);
}

static int
row_events(struct export *x, struct arena *b, const struct dbres *r, size_t i)
{
	const char	*c[12];
	size_t		 k;

	if (!x_event_wanted(x, db_cell(r, i, 0)))
		return 0;
	for (k = 0; k < 12; k++)
		c[k] = db_cell(r, i, k);
	c[3] = db_u64(r, i, 3) ? "system" : "custom";
	c[4] = db_u64(r, i, 4) ? "discarded" : "active";
	return x_record(x, b, c, x->from ? 12 : 11);
}

static int
fetch_props(struct export *x, struct arena *b, long long off, struct dbres *res)
{
	return db_exec(x->db, b, STMT_EXPORT_PROPS, res, NULL, NULL, "ssussssii",
	    x->tz, x->tz, x->account, x->from, x->from, x->to, x->to,
	    (long long)EXPORT_BATCH, off);
}

static int
row_props(struct export *x, struct arena *b, const struct dbres *r, size_t i)
{
	const char	*c[9];
	size_t		 k;

	for (k = 0; k < 9; k++)
		c[k] = db_cell(r, i, k);
	c[1] = ptype_name((enum ptype)db_u64(r, i, 1));
	c[2] = db_u64(r, i, 2) ? "set" : "inferred";
	c[4] = db_u64(r, i, 4) ? "discarded" : "active";
	return x_record(x, b, c, 9);
}

static int
fetch_members(struct export *x, struct arena *b, long long off, struct dbres *res)
{
	return db_exec(x->db, b, STMT_EXPORT_MEMBERS, res, NULL, NULL, "ssussssii",
	    x->tz, x->tz, x->account, x->from, x->from, x->to, x->to,
	    (long long)EXPORT_BATCH, off);
}

static int
row_members(struct export *x, struct arena *b, const struct dbres *r, size_t i)
{
	const char	*c[5];
	size_t		 k;

	for (k = 0; k < 5; k++)
		c[k] = db_cell(r, i, k);
	c[2] = role_name((enum role)db_u64(r, i, 2));
	return x_record(x, b, c, 5);
}

static int
fetch_uploads(struct export *x, struct arena *b, long long off, struct dbres *res)
{
	return db_exec(x->db, b, STMT_EXPORT_UPLOADS, res, NULL, NULL,
	    "sussssuuii", x->tz, x->account, x->from, x->from, x->to, x->to,
	    x->label, x->label, (long long)EXPORT_BATCH, off);
}

static int
row_uploads(struct export *x, struct arena *b, const struct dbres *r, size_t i)
{
	const char	*c[10];
	uint64_t	 kind = db_u64(r, i, 1), st = db_u64(r, i, 2);
	size_t		 k;

	for (k = 0; k < 10; k++)
		c[k] = db_cell(r, i, k);
	c[1] = STATUS_NAME(upload_kind_names, kind);
	c[2] = STATUS_NAME(upload_status_names, st);
	return x_record(x, b, c, 10);
}

static const struct xkind xkinds[] = {
	{ RKIND_EVENTS, "event,display_name,description,type,status,first_seen,"
	    "last_seen,this_month,last_month,total,dropped", fetch_events,
	    row_events },
	{ RKIND_PROPS, "property,type,type_source,description,status,"
	    "first_seen,last_seen,profiles,dropped", fetch_props, row_props },
	{ RKIND_MEMBERS, "name,email,role,member_since,last_sign_in",
	    fetch_members, row_members },
	{ RKIND_CSV, "file,kind,status,uploaded,uploaded_by,rows,imported,"
	    "refused,error,labels", fetch_uploads, row_uploads },
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

/* The current status of download id, 0 when it is gone. */
static unsigned
x_status(struct export *x, struct arena *b)
{
	struct dbres	 res;

	if (db_exec(x->db, b, STMT_DOWNLOAD_STATUS, &res, NULL, NULL, "u",
	    x->id) != RC_OK)
		return 0;
	return res.nrows ? (unsigned)db_u64(&res, 0, 0) : 0;
}

/*
 * Writes every row in batches of EXPORT_BATCH, with progress and the
 * job's lease renewed after each.  0; 1 when the download was deleted or
 * retried meanwhile; -1 with err set.
 */
static int
x_rows(struct export *x, const struct xkind *k, char *err, size_t errlen)
{
	struct arena	 b;
	struct dbres	 res;
	long long	 off = 0;
	size_t		 i;
	int		 rc = 0;

	if (fprintf(x->f, "%s%s\r\n", k->header, x->kind == RKIND_EVENTS &&
	    x->from ? ",in_range" : "") < 0) {
		snprintf(err, errlen, "write: %s", strerror(errno));
		return -1;
	}
	arena_init(&b);
	for (;;) {
		if (k->fetch(x, &b, off, &res) != RC_OK) {
			snprintf(err, errlen, "database");
			rc = -1;
			break;
		}
		for (i = 0; i < res.nrows && rc == 0; i++)
			if (k->row(x, &b, &res, i) == -1) {
				snprintf(err, errlen, "write: %s", strerror(errno));
				rc = -1;
			}
		if (rc != 0 || res.nrows < EXPORT_BATCH)
			break;
		off += EXPORT_BATCH;
		if (x->rows > EXPORT_MAX_ROWS) {
			snprintf(err, errlen, "more than %d rows", EXPORT_MAX_ROWS);
			rc = -2;
			break;
		}
		if (x_status(x, &b) != 2 || job_renew(x->db, &b, x->j) == -1) {
			rc = 1;
			break;
		}
		(void)db_exec(x->db, &b, STMT_DOWNLOAD_PROGRESS, NULL, NULL, NULL,
		    "uu", x->rows, x->id);
		arena_reset(&b);
	}
	arena_reset(&b);
	return rc;
}

/* fsyncs directory dir (the rename is durable); -1 on failure. */
static int
sync_dir(const char *dir)
{
	int	 fd, rc;

	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1)
		return -1;
	rc = fsync(fd);
	close(fd);
	return rc;
}

/* Opens a new temporary file in exports_dir; -1 with err set. */
static int
x_open(struct export *x, char *err, size_t errlen)
{
	unsigned char	 rnd[16];
	int		 fd;

	if (mkdir(conf.exports_dir, 0700) == -1 && errno != EEXIST) {
		snprintf(err, errlen, "%s: %s", conf.exports_dir, strerror(errno));
		return -1;
	}
	randombytes_buf(rnd, sizeof(rnd));
	sodium_bin2hex(x->stored, sizeof(x->stored), rnd, sizeof(rnd));
	snprintf(x->tmp, sizeof(x->tmp), "%s/.tmp-%s.csv", conf.exports_dir,
	    x->stored);
	snprintf(x->fin, sizeof(x->fin), "%s/%s.csv", conf.exports_dir, x->stored);
	if ((fd = open(x->tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600)) == -1 ||
	    (x->f = fdopen(fd, "w")) == NULL) {
		snprintf(err, errlen, "%s: %s", x->tmp, strerror(errno));
		if (fd != -1)
			close(fd);
		return -1;
	}
	return 0;
}

/* Flushes, syncs and renames the file into place; -1 with err set. */
static int
x_close(struct export *x, char *err, size_t errlen)
{
	struct stat	 st;
	int		 rc = 0;

	if (fflush(x->f) == EOF || fsync(fileno(x->f)) == -1 ||
	    fstat(fileno(x->f), &st) == -1)
		rc = -1;
	if (fclose(x->f) == EOF)
		rc = -1;
	x->f = NULL;
	if (rc == 0 && (rename(x->tmp, x->fin) == -1 ||
	    sync_dir(conf.exports_dir) == -1))
		rc = -1;
	if (rc == -1) {
		snprintf(err, errlen, "%s: %s", x->fin, strerror(errno));
		unlink(x->tmp);
		return -1;
	}
	x->size = (uint64_t)st.st_size;
	return 0;
}

/* ---------------------------------------------------------------- mails */

/* The mail of a scheduled run to addr; link NULL: not for this reader. */
static void
x_mail(struct export *x, struct arena *a, const char *addr, const char *link,
    const char *when)
{
	xmlNodePtr	 m, n;
	char		 err[256];
	const char	*base = conf.public_url;

	m = mail_doc(link != NULL ? "report" : "report-withheld", addr, NULL,
	    arena_printf(a, "Report: %s", x->name));
	n = xml_el(m, "report", NULL);
	xml_attr(n, "name", x->name);
	xml_attr(n, "ran", when);
	xml_attr(xml_el(m, "owner", NULL), "name", x->owner);
	xml_attr(xml_el(m, "account", NULL), "name", x->account_name);
	if (link != NULL) {
		xml_attr(n, "type", rkind_get(x->kind)->label);
		xml_attr(n, "range", x->range_text[0] ? x->range_text : NULL);
		xml_attr_i(n, "rows", (long long)x->rows);
		n = xml_el(m, "link", NULL);
		xml_attr(n, "href", arena_printf(a, "%s%s", base, link));
		xml_attr(n, "downloads", arena_printf(a, "%s/settings/downloads",
		    base));
	} else
		xml_attr(xml_el(m, "link", NULL), "href", arena_printf(a,
		    "%s/login", base));
	if (mail_send_doc(m, err, sizeof(err)) == -1)
		log_error("report %llu: mail to %s: %s",
		    (unsigned long long)x->report, addr, err);
}

/*
 * A ready copy of the file for member user: a hard link under a new name
 * and a row of their own.  The new download's id, or 0 on failure.
 */
static uint64_t
x_copy(struct export *x, struct arena *a, uint64_t user)
{
	unsigned char	 rnd[16];
	char		 stored[33], path[4096];
	uint64_t	 id = 0;

	randombytes_buf(rnd, sizeof(rnd));
	sodium_bin2hex(stored, sizeof(stored), rnd, sizeof(rnd));
	snprintf(path, sizeof(path), "%s/%s.csv", conf.exports_dir, stored);
	if (link(x->fin, path) == -1) {
		log_error("download %llu: link: %s", (unsigned long long)x->id,
		    strerror(errno));
		return 0;
	}
	if (db_exec(x->db, a, STMT_DOWNLOAD_COPY, NULL, NULL, &id, "usu", user,
	    stored, x->id) != RC_OK || id == 0) {
		unlink(path);
		return 0;
	}
	return id;
}

/*
 * Mails each recipient of the report: a member whose role may see the
 * kind gets a link to their own copy (the owner: to this download);
 * anyone else, a notice without data.  An address that is no longer a
 * member nor in an allowed domain is skipped.  Failures are logged.
 */
static void
x_notify(struct export *x, struct arena *a, const char *when)
{
	struct dbres	 rc, mem, dom;
	const char	*addr, *domains = "";
	uint64_t	 uid, copy;
	size_t		 i;

	if (db_exec(x->db, a, STMT_REPORT_RECIPIENTS, &rc, NULL, NULL, "uu",
	    x->report, x->account) != RC_OK ||
	    db_exec(x->db, a, STMT_MANAGE_DOMAINS, &dom, NULL, NULL, "u",
	    x->account) != RC_OK)
		return;
	if (dom.nrows == 1)
		domains = db_cell(&dom, 0, 0);
	for (i = 0; i < rc.nrows; i++) {
		addr = db_cell(&rc, i, 0);
		if (db_exec(x->db, a, STMT_MANAGE_MEMBER, &mem, NULL, NULL, "us",
		    x->account, addr) != RC_OK)
			continue;
		if (mem.nrows == 0) {
			if (domains_allow_recipient(domains, addr))
				x_mail(x, a, addr, NULL, when);
			continue;
		}
		uid = db_u64(&mem, 0, 0);
		if (!role_can((enum role)db_u64(&mem, 0, 1), rkind_get(x->kind)->cap)) {
			x_mail(x, a, addr, NULL, when);
			continue;
		}
		copy = uid == x->user ? x->id : x_copy(x, a, uid);
		if (copy != 0)
			x_mail(x, a, addr, arena_printf(a,
			    "/settings/downloads/file?id=%llu",
			    (unsigned long long)copy), when);
	}
}

/* ------------------------------------------------------------- the job */

/* Marks the download failed for good (status 4) with why. */
static void
x_fail(struct export *x, struct arena *a, const char *why)
{
	(void)db_exec(x->db, a, STMT_DOWNLOAD_FAILED, NULL, NULL, NULL, "isiu",
	    4LL, why, 4LL, x->id);
}

/*
 * Loads download ref into x.  1 ready to run; 0 nothing to do (gone,
 * not queued, or refused for good: then marked failed); -1 database.
 */
static int
x_load(struct export *x, struct arena *a, char *err, size_t errlen)
{
	struct dbres		 res;
	const struct rkind_info	*k;
	const char		*bad;
	unsigned		 st;

	if (db_exec(x->db, a, STMT_DOWNLOAD_JOB_GET, &res, NULL, NULL, "u",
	    x->j->ref) != RC_OK) {
		snprintf(err, errlen, "database");
		return -1;
	}
	if (res.nrows != 1 || ((st = (unsigned)db_u64(&res, 0, 5)) != 1 && st != 2))
		return 0;
	x->id = x->j->ref;
	x->account = db_u64(&res, 0, 0);
	x->user = db_u64(&res, 0, 1);
	x->report = db_u64(&res, 0, 2);
	x->name = db_cell(&res, 0, 3);
	x->kind = (enum rkind)db_u64(&res, 0, 4);
	x->from = db_cell(&res, 0, 6);
	x->to = db_cell(&res, 0, 7);
	x->label = db_u64(&res, 0, 9);
	x->notify = db_u64(&res, 0, 11) != 0;
	x->tz = db_cell(&res, 0, 14);
	x->range_text = db_cell(&res, 0, 15);
	x->owner = db_cell(&res, 0, 16);
	x->account_name = db_cell(&res, 0, 17);
	k = rkind_get(x->kind);
	if (db_cell(&res, 0, 13) == NULL)
		x_fail(x, a, "The owner of this export is no longer a member of "
		    "the account.");
	else if (!k->available || xkind_of(x->kind) == NULL)
		x_fail(x, a, k->about);
	else if (!role_can((enum role)db_u64(&res, 0, 13), k->cap))
		x_fail(x, a, "Your role no longer allows this data to be exported.");
	else if (x->label == 0 && db_cell(&res, 0, 10)[0] != '\0')
		x_fail(x, a, arena_printf(a, "The label %s, which this export "
		    "filters by, was deleted.", db_cell(&res, 0, 10)));
	else if (event_names_parse(a, db_cell(&res, 0, 8), &x->events,
	    &x->nevents, &bad) != 0)
		x_fail(x, a, "The event names of this export are not valid.");
	else
		return 1;
	return 0;
}

/* The estimated rows of the export (0: unknown). */
static uint64_t
x_estimate(struct export *x, struct arena *a)
{
	struct dbres	 res;

	if (db_exec(x->db, a, STMT_EXPORT_ESTIMATE, &res, NULL, NULL, "iuuuu",
	    (long long)x->kind, x->account, x->account, x->account,
	    x->account) != RC_OK || res.nrows != 1)
		return 0;
	return db_u64(&res, 0, 0);
}

/*
 * A failure of the run: the file is dropped; a transient one (database,
 * disk) is retried by the runner, the download shown queued with why;
 * after the last attempt, or a permanent one (-2), it is failed.
 */
static int
x_abort(struct export *x, struct arena *a, int rc, const char *err)
{
	if (x->f != NULL)
		fclose(x->f);
	x->f = NULL;
	if (x->tmp[0] != '\0')
		unlink(x->tmp);
	if (rc == -2 || x->j->attempt >= JOB_MAX_ATTEMPTS) {
		x_fail(x, a, arena_printf(a, "The export failed: %s.", err));
		return 0;
	}
	(void)db_exec(x->db, a, STMT_DOWNLOAD_FAILED, NULL, NULL, NULL, "isiu",
	    1LL, arena_printf(a, "Retrying after an error: %s.", err), 1LL, x->id);
	return -1;
}

/*
 * report.export: writes download j->ref.  0 when done (or nothing to
 * do); -1 with err for the runner to retry.
 */
int
report_export_job(struct db *db, struct arena *a, const struct job *j,
    char *err, size_t errlen)
{
	struct export		 x;
	const struct xkind	*k;
	struct tz		*z;
	char			 when[26];
	uint64_t		 n = 0;
	int			 rc;

	memset(&x, 0, sizeof(x));
	x.db = db;
	x.j = j;
	if ((rc = x_load(&x, a, err, errlen)) != 1)
		return rc;
	k = xkind_of(x.kind);
	if (db_exec(db, a, STMT_DOWNLOAD_START, NULL, NULL, NULL, "uu",
	    x_estimate(&x, a), x.id) != RC_OK) {
		snprintf(err, errlen, "database");
		return -1;
	}
	if (x_open(&x, err, errlen) == -1)
		return x_abort(&x, a, -1, err);
	if ((rc = x_rows(&x, k, err, errlen)) == 1) {	/* deleted meanwhile */
		fclose(x.f);
		unlink(x.tmp);
		return 0;
	}
	if (rc != 0 || x_close(&x, err, errlen) == -1)
		return x_abort(&x, a, rc == -2 ? -2 : -1, err);
	if (db_exec(db, a, STMT_DOWNLOAD_READY, NULL, &n, NULL, "suuuiu",
	    x.stored, x.rows, x.rows, x.size, (long long)DOWNLOAD_TTL,
	    x.id) != RC_OK || n != 1) {
		unlink(x.fin);		/* deleted meanwhile, or no database */
		return 0;
	}
	if (x.notify && x.report != 0 && (z = manage_zone(a, x.tz)) != NULL) {
		tz_iso(z, (int64_t)time(NULL), when);
		x_notify(&x, a, when);
	}
	return 0;
}

/* ------------------------------------------------------------ downloads */

/*
 * Fills the range of spec from r in zone z at now: UTC bounds for the
 * statements and the local dates as text.  0, or -1 for a custom range
 * that ends before it starts.
 */
int
download_snapshot(struct arena *a, const struct tz *z, int64_t now,
    const struct range *r, struct dl_spec *spec)
{
	int64_t	 from, to;
	char	 f[20], t[20], fd[11], td[11];

	spec->from = spec->to = NULL;
	spec->range_text = "";
	if (r->kind == RANGE_ALL)
		return 0;
	if (range_bounds(r, z, now, &from, &to) == -1)
		return -1;
	tz_sql(from, f);
	tz_sql(to, t);
	tz_date(z, from, fd);
	tz_date(z, to - 1, td);
	spec->from = arena_strdup(a, f);
	spec->to = arena_strdup(a, t);
	spec->range_text = arena_printf(a, "%s \xe2\x80\x93 %s", fd, td);
	return spec->from && spec->to && spec->range_text ? 0 : -1;
}

/*
 * Creates the download of spec (queued) and its report.export job, in
 * the caller's transaction if one is open.  An rc; *id the download.
 */
int
download_create(struct db *db, struct arena *a, const struct dl_spec *s,
    uint64_t *id)
{
	int	 rc;

	rc = db_exec(db, a, STMT_DOWNLOAD_NEW, NULL, NULL, id, "uunsissssnsi",
	    s->account, s->user, s->report, s->name, (long long)s->kind, s->from,
	    s->to, s->range_text ? s->range_text : "", s->events ? s->events : "",
	    s->label, s->label_name ? s->label_name : "", (long long)s->notify);
	if (rc != RC_OK)
		return rc;
	return job_enqueue(db, a, s->account, "report.export", *id, NULL);
}

/*
 * For other parts (e.g. an "Export" button of a list): queues an export
 * of all the rows of kind for user as name, in the caller's transaction.
 * An rc; RC_ERROR for a kind this build cannot export.
 */
int
download_queue(struct db *db, struct arena *a, uint64_t account, uint64_t user,
    enum rkind kind, const char *name, uint64_t *id)
{
	struct dl_spec	 s;

	if (xkind_of(kind) == NULL)
		return RC_ERROR;
	memset(&s, 0, sizeof(s));
	s.account = account;
	s.user = user;
	s.name = name;
	s.kind = kind;
	return download_create(db, a, &s, id);
}

/* ------------------------------------------------------------ scheduler */

/* Zones read during one tick, by name. */
struct zones {
	const char	*name[TICK_BATCH];
	struct tz	*z[TICK_BATCH];
	size_t		 n;
};

static struct tz *
zone_of(struct zones *zs, struct arena *a, const char *name)
{
	size_t	 i;

	for (i = 0; i < zs->n; i++)
		if (strcmp(zs->name[i], name) == 0)
			return zs->z[i];
	if (zs->n == TICK_BATCH)
		return manage_zone(a, name);
	zs->name[zs->n] = name;
	return zs->z[zs->n++] = manage_zone(a, name);
}

/* The schedule and range of row i of STMT_REPORT_DUE. */
static void
due_row(const struct dbres *res, size_t i, struct sched *sc, struct range *rg)
{
	sc->kind = (enum sched_kind)db_u64(res, i, 5);
	sc->weekday = (int)db_u64(res, i, 6);
	sc->mday = (int)db_u64(res, i, 7);
	sc->hour = (int)db_u64(res, i, 8);
	memset(rg, 0, sizeof(*rg));
	rg->kind = (enum range_kind)db_u64(res, i, 11);
	if (rg->kind == RANGE_CUSTOM && (date_parse(db_cell(res, i, 12), &rg->fy,
	    &rg->fm, &rg->fd) == -1 || date_parse(db_cell(res, i, 13), &rg->ty,
	    &rg->tm, &rg->td) == -1))
		rg->kind = RANGE_ALL;
}

/*
 * Queues a run of every due report (up to TICK_BATCH) and moves its next
 * run on, in one transaction; the rows are locked SKIP LOCKED, so two
 * runners never queue one run twice.  Returns -1 on a database error.
 */
static int
tick_due(struct db *db, struct arena *a, int64_t now)
{
	struct dbres	 res;
	struct zones	 zs = { .n = 0 };
	struct dl_spec	 s;
	struct sched	 sc;
	struct range	 rg;
	struct tz	*z;
	int64_t		 due, next;
	uint64_t	 id;
	char		 nx[20];
	size_t		 i;

	if (db_begin(db) != RC_OK)
		return -1;
	if (db_exec(db, a, STMT_REPORT_DUE, &res, NULL, NULL, "i",
	    (long long)TICK_BATCH) != RC_OK)
		goto fail;
	for (i = 0; i < res.nrows; i++) {
		due_row(&res, i, &sc, &rg);
		if ((z = zone_of(&zs, a, db_cell(&res, i, 9))) == NULL)
			goto fail;
		memset(&s, 0, sizeof(s));
		s.account = db_u64(&res, i, 1);
		s.user = db_u64(&res, i, 2);
		s.report = db_u64(&res, i, 0);
		s.name = db_cell(&res, i, 3);
		s.kind = (enum rkind)db_u64(&res, i, 4);
		s.events = db_cell(&res, i, 14);
		s.label = db_u64(&res, i, 15);
		s.label_name = db_cell(&res, i, 16);
		s.notify = 1;
		due = (int64_t)db_u64(&res, i, 10);
		next = sched_next(&sc, z, now > due ? now : due);
		if (next >= 0)
			tz_sql(next, nx);
		if (download_snapshot(a, z, now, &rg, &s) == -1 ||
		    download_create(db, a, &s, &id) != RC_OK ||
		    db_exec(db, a, STMT_REPORT_ADVANCE, NULL, NULL, NULL, "suu",
		    next >= 0 ? nx : NULL, id, s.report) != RC_OK)
			goto fail;
	}
	if (db_commit(db) != RC_OK)
		return -1;
	return 0;
fail:
	db_rollback(db);
	return -1;
}

/*
 * Deletes the files of ready downloads past their expiry (the row is
 * marked expired first, so a download never points at a missing file),
 * and forgets expired rows DOWNLOAD_KEEP seconds later.
 */
static int
tick_expire(struct db *db, struct arena *a)
{
	struct dbres	 res;
	uint64_t	 n;
	char		 path[4096];
	size_t		 i;

	if (db_exec(db, a, STMT_DOWNLOAD_EXPIRED, &res, NULL, NULL, "i",
	    (long long)TICK_BATCH) != RC_OK)
		return -1;
	for (i = 0; i < res.nrows; i++) {
		n = 0;
		if (db_exec(db, a, STMT_DOWNLOAD_EXPIRE, NULL, &n, NULL, "u",
		    db_u64(&res, i, 0)) != RC_OK)
			return -1;
		if (n != 1 || db_cell(&res, i, 1) == NULL)
			continue;
		snprintf(path, sizeof(path), "%s/%s.csv", conf.exports_dir,
		    db_cell(&res, i, 1));
		if (unlink(path) == -1 && errno != ENOENT)
			log_error("expire %s: %s", path, strerror(errno));
	}
	return db_exec(db, a, STMT_DOWNLOAD_PURGE, NULL, NULL, NULL, "ii",
	    (long long)DOWNLOAD_KEEP, (long long)TICK_BATCH) == RC_OK ? 0 : -1;
}

/*
 * manage.tick: due reports, expired files, then the next tick.  The tick
 * fails (and the runner retries it) only when the next one cannot be
 * queued, so the chain of ticks does not break.
 */
int
manage_tick_job(struct db *db, struct arena *a, const struct job *j,
    char *err, size_t errlen)
{
	if (tick_due(db, a, (int64_t)time(NULL)) == -1)
		log_error("manage.tick: due reports: database error");
	if (tick_expire(db, a) == -1)
		log_error("manage.tick: expiry: database error");
	if (db_exec(db, a, STMT_TICK_NEXT, NULL, NULL, NULL, "iiu",
	    (long long)JOB_MAX_ATTEMPTS, (long long)MANAGE_TICK, j->id) != RC_OK) {
		snprintf(err, errlen, "cannot queue the next tick");
		return -1;
	}
	return 0;
}

/* Queues a tick now unless one is queued or running; an rc. */
int
manage_tick_ensure(struct db *db, struct arena *a)
{
	return db_exec(db, a, STMT_TICK_NEXT, NULL, NULL, NULL, "iiu",
	    (long long)JOB_MAX_ATTEMPTS, 0LL, (uint64_t)0);
}
