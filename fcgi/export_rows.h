/*
 * The rows of a download: for each report kind, the rows of the page it
 * summarises, written as CSV in batches.
 */
#ifndef STEWARD_EXPORT_ROWS_H
#define STEWARD_EXPORT_ROWS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "db.h"
#include "jobs.h"
#include "report.h"
#include "tz.h"

/* A download being written (export.c): what selects its rows, its file. */
struct export {
	struct db		*db;
	const struct job	*j;		/* its lease is renewed per batch */
	uint64_t		 id, account, user, report;	/* report 0: none */
	enum rkind		 kind;
	const char		*tz;		/* the account's time zone */
	const struct tz		*zone;		/* tz read (its times' zone) */
	const char		*from, *to;	/* UTC bounds, NULL: all time */
	const char		*name, *range_text;
	const char		*owner, *account_name;
	uint64_t		 label;		/* 0: none */
	int			 notify;	/* mail the report's recipients */
	const char		**events;	/* names kept (none: all) */
	size_t			 nevents;
	FILE			*f;
	char			 stored[33], tmp[4096], fin[4096];
	uint64_t		 rows, size;	/* records written, bytes */
	int			 gone;		/* deleted or retried meanwhile */
	int			 permanent;	/* a failure a retry cannot mend */
};

int	 export_kind_ok(enum rkind);
int	 export_rows_write(struct export *, char *err, size_t errlen);

#endif
