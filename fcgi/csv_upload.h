/*
 * CSV uploads: receiving one from a streamed multipart body into
 * upload_dir, reading a stored one back through the CSV parser, and the
 * row of one.
 */
#ifndef STEWARD_CSV_UPLOAD_H
#define STEWARD_CSV_UPLOAD_H

#include <stddef.h>
#include <stdint.h>

#include "csv.h"
#include "db.h"
#include "limits.h"
#include "request.h"

#define UPLOAD_RANDOM	16	/* random bytes of a stored file's name */
#define UPLOAD_KIND_MAX	15	/* bytes of the kind field kept */

/* An upload received by csv_upload_receive(). */
struct csv_upload {
	char		 kind[UPLOAD_KIND_MAX + 1];	/* as sent */
	char		 name[MAX_FILE_NAME + 1];	/* the file's, cleaned */
	char		 stored[2 * UPLOAD_RANDOM + 1];	/* in upload_dir */
	uint64_t	 bytes;
	uint64_t	 rows;		/* records, the header included */
	size_t		 columns;	/* of the header */
	uint64_t	 id;		/* its row, once stored */
	int		 status;	/* why it was refused: an HTTP status */
	const char	*field;		/* the field refused (422), or NULL */
	const char	*msg;		/* the message, or NULL */
};

/* Columns of STMT_CSV_ONE. */
enum {
	CO_ID,
	CO_NAME,
	CO_STORED,
	CO_KIND,
	CO_STATUS,
	CO_CREATED,
	CO_BY,
	CO_SIZE,
	CO_ROWS_TOTAL,
	CO_ROWS_DONE,
	CO_ROWS_IMPORTED,
	CO_ROWS_REFUSED,
	CO_MAPPING,
	CO_ERROR,
	CO_UPDATED,
	CO_COLUMNS,
	CO_ROWS_DROPPED,
};

int	 csv_upload_receive(struct req *, struct csv_upload *);
int	 csv_upload_get(struct req *, uint64_t id, struct dbres *);
const char *csv_upload_header(struct arena *, const char *, size_t);
int	 csv_upload_read(const char *stored, size_t max, csv_row_fn, void *arg,
	    enum csv_err *);

#endif
