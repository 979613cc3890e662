/*
 * The report.export job (ref: a download): writes the download's rows
 * (export_rows.c) as CSV to exports_dir atomically (a temporary name,
 * fsync, then rename), with progress, and marks it ready for 7 days; for
 * a scheduled run it then mails the report's recipients a link (members
 * who may see the data get a copy in their own My Downloads; nobody gets
 * the data in a mail).  The scheduler that queues scheduled runs is
 * tick.c.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "export.h"
#include "arena.h"
#include "conf.h"
#include "db.h"
#include "download.h"
#include "export_rows.h"
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

/* Columns of STMT_DOWNLOAD_JOB_GET. */
enum {
	DJ_ACCOUNT, DJ_OWNER, DJ_REPORT, DJ_NAME, DJ_KIND, DJ_STATUS, DJ_FROM,
	DJ_TO, DJ_EVENTS, DJ_LABEL, DJ_LABEL_NAME, DJ_NOTIFY, DJ_STORED,
	DJ_ROLE, DJ_TZ, DJ_RANGE_TEXT, DJ_OWNER_NAME, DJ_ACCOUNT_NAME
};

/* Columns of STMT_EXPORT_ESTIMATE. */
enum { EE_ROWS };

/* ------------------------------------------------------------------ file */

/* fsyncs directory dir (the rename is durable).  An rc. */
static int
sync_dir(const char *dir)
{
	int	 fd, rc;

	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1)
		return RC_ERROR;
	rc = fsync(fd);
	close(fd);
	return rc == 0 ? RC_OK : RC_ERROR;
}

/* Opens a new temporary file in exports_dir.  RC_OK, or RC_ERROR with err set. */
static int
x_open(struct export *x, char *err, size_t errlen)
{
	unsigned char	 rnd[16];
	int		 fd;

	if (mkdir(conf.exports_dir, 0700) == -1 && errno != EEXIST) {
		snprintf(err, errlen, "%s: %s", conf.exports_dir, strerror(errno));
		return RC_ERROR;
	}
	randombytes_buf(rnd, sizeof(rnd));
	sodium_bin2hex(x->stored, sizeof(x->stored), rnd, sizeof(rnd));
	snprintf(x->tmp, sizeof(x->tmp), "%s/.tmp-%s.csv", conf.exports_dir,
	    x->stored);
	(void)download_path(x->fin, sizeof(x->fin), x->stored);
	if ((fd = open(x->tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600)) == -1 ||
	    (x->f = fdopen(fd, "w")) == NULL) {
		snprintf(err, errlen, "%s: %s", x->tmp, strerror(errno));
		if (fd != -1)
			close(fd);
		return RC_ERROR;
	}
	return RC_OK;
}

/* Flushes, syncs and renames the file into place.  RC_OK, or RC_ERROR with err set. */
static int
x_close(struct export *x, char *err, size_t errlen)
{
	struct stat	 st;
	int		 rc = RC_OK;

	if (fflush(x->f) == EOF || fsync(fileno(x->f)) == -1 ||
	    fstat(fileno(x->f), &st) == -1)
		rc = RC_ERROR;
	if (fclose(x->f) == EOF)
		rc = RC_ERROR;
	x->f = NULL;
	if (rc == RC_OK && (rename(x->tmp, x->fin) == -1 ||
	    sync_dir(conf.exports_dir) != RC_OK))
		rc = RC_ERROR;
	if (rc != RC_OK) {
		snprintf(err, errlen, "%s: %s", x->fin, strerror(errno));
		unlink(x->tmp);
		return RC_ERROR;
	}
	x->size = (uint64_t)st.st_size;
	return RC_OK;
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
	if (download_path(path, sizeof(path), stored) != RC_OK)
		return 0;
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
	struct dbres	 rc, mem;
	const char	*addr, *domains;
	uint64_t	 uid, copy;
	size_t		 i;

	if (db_exec(x->db, a, STMT_REPORT_RECIPIENTS, &rc, NULL, NULL, "uu",
	    x->report, x->account) != RC_OK ||
	    recipient_domains(x->db, a, x->account, &domains) != RC_OK)
		return;
	for (i = 0; i < rc.nrows; i++) {
		addr = db_cell(&rc, i, RR_EMAIL);
		if (db_exec(x->db, a, STMT_MEMBER_ROLE_BY_EMAIL, &mem, NULL, NULL,
		    "us", x->account, addr) != RC_OK)
			continue;
		if (mem.nrows == 0) {
			if (domains_allow_recipient(domains, addr))
				x_mail(x, a, addr, NULL, when);
			continue;
		}
		uid = db_u64(&mem, 0, MR_USER);
		if (!role_can((enum role)db_u64(&mem, 0, MR_ROLE),
		    rkind_get(x->kind)->cap)) {
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

/* Marks the download failed for good with why. */
static void
x_fail(struct export *x, struct arena *a, const char *why)
{
	(void)db_exec(x->db, a, STMT_DOWNLOAD_FAILED, NULL, NULL, NULL, "isiu",
	    (long long)DL_FAILED, why, (long long)DL_FAILED, x->id);
}

/* What of row res of STMT_DOWNLOAD_JOB_GET the export keeps, into x. */
static void
x_fill(struct export *x, const struct dbres *res)
{
	x->account = db_u64(res, 0, DJ_ACCOUNT);
	x->user = db_u64(res, 0, DJ_OWNER);
	x->report = db_u64(res, 0, DJ_REPORT);
	x->name = db_cell(res, 0, DJ_NAME);
	x->kind = (enum rkind)db_u64(res, 0, DJ_KIND);
	x->from = db_cell(res, 0, DJ_FROM);
	x->to = db_cell(res, 0, DJ_TO);
	x->label = db_u64(res, 0, DJ_LABEL);
	x->notify = db_u64(res, 0, DJ_NOTIFY) != 0;
	x->tz = db_cell(res, 0, DJ_TZ);
	x->range_text = db_cell(res, 0, DJ_RANGE_TEXT);
	x->owner = db_cell(res, 0, DJ_OWNER_NAME);
	x->account_name = db_cell(res, 0, DJ_ACCOUNT_NAME);
}

/*
 * Why download row res may not be written any more (the owner left, the
 * role or the label changed, the kind is not in this build), or NULL;
 * fills x's event filter.
 */
static const char *
x_refusal(struct export *x, struct arena *a, const struct dbres *res)
{
	const struct rkind_info	*k = rkind_get(x->kind);
	const char		*bad;

	if (db_cell(res, 0, DJ_ROLE) == NULL)
		return "The owner of this export is no longer a member of the "
		    "account.";
	if (!k->available || !export_kind_ok(x->kind))
		return k->about;
	if (!role_can((enum role)db_u64(res, 0, DJ_ROLE), k->cap))
		return "Your role no longer allows this data to be exported.";
	if (x->label == 0 && db_cell(res, 0, DJ_LABEL_NAME)[0] != '\0')
		return arena_printf(a, "The label %s, which this export filters "
		    "by, was deleted.", db_cell(res, 0, DJ_LABEL_NAME));
	if (event_names_parse(a, db_cell(res, 0, DJ_EVENTS), &x->events,
	    &x->nevents, &bad) != 0)
		return "The event names of this export are not valid.";
	return NULL;
}

/*
 * Loads download x->j->ref into x.  RC_OK with *ready set when it is to
 * be written; with *ready 0 when there is nothing to do (gone, not
 * queued, or refused for good: then marked failed).  RC_ERROR with err
 * set on a database error.
 */
static int
x_load(struct export *x, struct arena *a, int *ready, char *err,
    size_t errlen)
{
	struct dbres	 res;
	const char	*why;
	uint64_t	 st;

	*ready = 0;
	if (db_exec(x->db, a, STMT_DOWNLOAD_JOB_GET, &res, NULL, NULL, "u",
	    x->j->ref) != RC_OK) {
		snprintf(err, errlen, "database");
		return RC_ERROR;
	}
	if (res.nrows != 1 || ((st = db_u64(&res, 0, DJ_STATUS)) != DL_QUEUED &&
	    st != DL_RUNNING))
		return RC_OK;
	x->id = x->j->ref;
	x_fill(x, &res);
	if ((why = x_refusal(x, a, &res)) != NULL)
		x_fail(x, a, why);
	else
		*ready = 1;
	return RC_OK;
}

/* The estimated rows of the export (0: unknown). */
static uint64_t
x_estimate(struct export *x, struct arena *a)
{
	struct dbres	 res;

	if (db_exec(x->db, a, STMT_EXPORT_ESTIMATE, &res, NULL, NULL, "iuuuuu",
	    (long long)x->kind, x->account, x->account, x->account,
	    x->account, x->account) != RC_OK || res.nrows != 1)
		return 0;
	return db_u64(&res, 0, EE_ROWS);
}

/*
 * A failure of the run: the file is dropped; a transient one (database,
 * disk) is retried by the runner, the download shown queued with why;
 * after the last attempt, or a permanent one, it is failed.  Returns
 * what the job answers: RC_ERROR to be retried, else RC_OK.
 */
static int
x_abort(struct export *x, struct arena *a, const char *err)
{
	if (x->f != NULL)
		fclose(x->f);
	x->f = NULL;
	if (x->tmp[0] != '\0')
		unlink(x->tmp);
	if (x->permanent || x->j->attempt >= JOB_MAX_ATTEMPTS) {
		x_fail(x, a, arena_printf(a, "The export failed: %s.", err));
		return RC_OK;
	}
	(void)db_exec(x->db, a, STMT_DOWNLOAD_FAILED, NULL, NULL, NULL, "isiu",
	    (long long)DL_QUEUED, arena_printf(a, "Retrying after an error: %s.",
	    err), (long long)DL_QUEUED, x->id);
	return RC_ERROR;
}

/*
 * Writes the file of loaded download x and marks it ready.  RC_OK when
 * it is ready (*done set), or was deleted meanwhile; otherwise what
 * x_abort() answers.
 */
static int
x_write(struct export *x, struct arena *a, int *done, char *err,
    size_t errlen)
{
	uint64_t	 n = 0;

	*done = 0;
	if (x_open(x, err, errlen) != RC_OK)
		return x_abort(x, a, err);
	if (export_rows_write(x, err, errlen) != RC_OK ||
	    (!x->gone && x_close(x, err, errlen) != RC_OK))
		return x_abort(x, a, err);
	if (x->gone) {
		fclose(x->f);
		unlink(x->tmp);
		return RC_OK;
	}
	if (db_exec(x->db, a, STMT_DOWNLOAD_READY, NULL, &n, NULL, "suuuiu",
	    x->stored, x->rows, x->rows, x->size, (long long)DOWNLOAD_TTL,
	    x->id) != RC_OK || n != 1) {
		unlink(x->fin);		/* deleted meanwhile, or no database */
		return RC_OK;
	}
	*done = 1;
	return RC_OK;
}

/*
 * report.export: writes download j->ref.  RC_OK when done (or nothing to
 * do); RC_ERROR with err for the runner to retry.
 */
int
report_export_job(struct db *db, struct arena *a, const struct job *j,
    char *err, size_t errlen)
{
	struct export	 x;
	char		 when[26];
	int		 ready, done, rc;

	memset(&x, 0, sizeof(x));
	x.db = db;
	x.j = j;
	if ((rc = x_load(&x, a, &ready, err, errlen)) != RC_OK || !ready)
		return rc;
	if ((x.zone = tz_or_utc(a, x.tz)) == NULL) {
		snprintf(err, errlen, "time zone %s", x.tz);
		return RC_ERROR;
	}
	if (db_exec(db, a, STMT_DOWNLOAD_START, NULL, NULL, NULL, "uu",
	    x_estimate(&x, a), x.id) != RC_OK) {
		snprintf(err, errlen, "database");
		return RC_ERROR;
	}
	if ((rc = x_write(&x, a, &done, err, errlen)) != RC_OK || !done)
		return rc;
	if (x.notify && x.report != 0) {
		tz_iso(x.zone, (int64_t)time(NULL), when);
		x_notify(&x, a, when);
	}
	return RC_OK;
}
