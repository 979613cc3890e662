/*
 * Downloads: a person's exports, made by the report.export job
 * (export.c) from what a download row says.
 */
#ifndef STEWARD_DOWNLOAD_H
#define STEWARD_DOWNLOAD_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "db.h"
#include "report.h"
#include "sched.h"
#include "tz.h"

/* What a new download exports. */
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
int		 download_path(char *, size_t, const char *stored);
void		 download_remove(const char *stored, const char *why);

#endif
