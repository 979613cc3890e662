/*
 * The "csv.import" job: a mapped CSV upload through the ingestion engine.
 */
#ifndef STEWARD_CSV_IMPORT_H
#define STEWARD_CSV_IMPORT_H

#include <stddef.h>
#include <stdint.h>

#include "jobs.h"

int		 csv_import_job(struct db *, struct arena *, const struct job *,
		    char *err, size_t errlen);

#endif
