/*
 * CSV imports as jobs.
 */
#ifndef STEWARD_CSV_IMPORT_H
#define STEWARD_CSV_IMPORT_H

#include <stddef.h>
#include <stdint.h>

#include "jobs.h"

/* CSV imports as jobs (fcgi/pages/data_csv_import.c). */
int		 csv_import_job(struct db *, struct arena *, const struct job *,
		    char *err, size_t errlen);

#endif
