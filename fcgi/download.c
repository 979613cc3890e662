/*
 * Downloads: a new download (queued, with its report.export job), the
 * date range it covers, fixed when it is asked for, and where its file
 * lives in exports_dir.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "download.h"
#include "arena.h"
#include "conf.h"
#include "db.h"
#include "export_rows.h"
#include "jobs.h"
#include "log.h"
#include "rc.h"
#include "report.h"
#include "sched.h"
#include "tz.h"

/*
 * Fills the range of spec from r in zone z at now: UTC bounds for the
 * statements and the local dates as text.  RC_OK, or RC_ERROR for a
 * custom range that ends before it starts (and on exhaustion).
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
		return RC_OK;
	if (range_bounds(r, z, now, &from, &to) != RC_OK)
		return RC_ERROR;
	tz_sql(from, f);
	tz_sql(to, t);
	tz_date(z, from, fd);
	tz_date(z, to - 1, td);
	spec->from = arena_strdup(a, f);
	spec->to = arena_strdup(a, t);
	spec->range_text = arena_printf(a, "%s \xe2\x80\x93 %s", fd, td);
	return spec->from && spec->to && spec->range_text ? RC_OK : RC_ERROR;
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
 * Queues an export of all the rows of kind for user as name (the
 * "Export" of My Downloads), in the caller's transaction.  An rc;
 * RC_ERROR for a kind this build cannot export.
 */
int
download_queue(struct db *db, struct arena *a, uint64_t account, uint64_t user,
    enum rkind kind, const char *name, uint64_t *id)
{
	struct dl_spec	 s;

	if (!export_kind_ok(kind))
		return RC_ERROR;
	memset(&s, 0, sizeof(s));
	s.account = account;
	s.user = user;
	s.name = name;
	s.kind = kind;
	return download_create(db, a, &s, id);
}

/*
 * The path of the file stored as stored (download.stored) into buf of
 * len bytes.  RC_OK, or RC_ERROR when it does not fit.
 */
int
download_path(char *buf, size_t len, const char *stored)
{
	int	 n = snprintf(buf, len, "%s/%s.csv", conf.exports_dir, stored);

	return n >= 0 && (size_t)n < len ? RC_OK : RC_ERROR;
}

/*
 * Deletes the file stored as stored (NULL: none); a failure other than
 * its being gone already is logged as "why PATH: error".
 */
void
download_remove(const char *stored, const char *why)
{
	char	 path[4096];

	if (stored == NULL || download_path(path, sizeof(path), stored) != RC_OK)
		return;
	if (unlink(path) == -1 && errno != ENOENT)
		log_error("%s %s: %s", why, path, strerror(errno));
}
