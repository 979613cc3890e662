/*
 * Exports as jobs: snapshots, files, the scheduler tick.
 */
#ifndef STEWARD_EXPORT_H
#define STEWARD_EXPORT_H

#include <stddef.h>
#include <stdint.h>

#include "jobs.h"
#include "tz.h"
#include "label.h"
#include "report.h"

/* Exports as jobs (fcgi/pages/manage_export.c). */
struct dl_spec {
	uint64_t	 account, user, report;	/* report 0: none */
	const char	*name;
	enum rkind	 kind;
	const char	*from, *to;	/* UTC "YYYY-MM-DD HH:MM:SS", NULL: all time */
	const char	*range_text;	/* "2026-03-01 – 2026-03-31", "" */
	const char	*events;	/* event names, one a line, "" */
	uint64_t	 label;		/* 0: none */
	const char	*label_name;
	int		 notify;	/* mail the report's recipients when ready */
};

int		 download_snapshot(struct arena *, const struct tz *, int64_t now,
		    const struct range *, struct dl_spec *);
int		 download_create(struct db *, struct arena *, const struct dl_spec *,
		    uint64_t *id);
int		 download_queue(struct db *, struct arena *, uint64_t account,
		    uint64_t user, enum rkind, const char *name, uint64_t *id);
int		 report_export_job(struct db *, struct arena *, const struct job *,
		    char *err, size_t errlen);
int		 manage_tick_job(struct db *, struct arena *, const struct job *,
		    char *err, size_t errlen);
int		 manage_tick_ensure(struct db *, struct arena *);

#endif
