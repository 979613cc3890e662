/*
 * The report.export job: writes a download's file (export.c).
 */
#ifndef STEWARD_EXPORT_H
#define STEWARD_EXPORT_H

#include <stddef.h>

#include "arena.h"
#include "db.h"
#include "jobs.h"

int		 report_export_job(struct db *, struct arena *, const struct job *,
		    char *err, size_t errlen);

#endif
