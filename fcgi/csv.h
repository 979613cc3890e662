/*
 * RFC 4180 push parser.
 */
#ifndef STEWARD_CSV_H
#define STEWARD_CSV_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"

/* RFC 4180 push parser (csv.c). */
enum csv_err {
	CSV_OK = 0,
	CSV_ROW_TOO_LONG,	/* a field over CSV_MAX_FIELD */
	CSV_TOO_MANY_COLUMNS,
	CSV_BAD_QUOTE,		/* text after a closing quote */
	CSV_UNTERMINATED,	/* end of input inside quotes */
	CSV_NOMEM
};

/* What a row callback answers: go on, or stop calling it (the parse
 * itself goes on to the end of the input). */
enum csv_next { CSV_NEXT = 0, CSV_STOP = 1 };

/* Called for each record (row 1 is the first) with its n fields, each
 * NUL-terminated, and whether all are valid UTF-8; answers a csv_next. */
struct csv;
typedef int (*csv_row_fn)(void *arg, uint64_t row, const char **fields,
    const size_t *lens, size_t n, int utf8_ok);

struct csv	*csv_new(csv_row_fn, void *arg);
enum csv_err	 csv_feed(struct csv *, const char *, size_t);
enum csv_err	 csv_end(struct csv *);
int		 csv_stopped(const struct csv *);
void		 csv_free(struct csv *);
const char	*csv_strerror(enum csv_err);

/* Writing CSV. */
char	*csv_quote(struct arena *, const char *);

#endif
