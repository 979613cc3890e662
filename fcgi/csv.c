/*
 * An RFC 4180 CSV parser fed in pieces of any size (so a 50 MB upload is
 * parsed while it streams, never held in memory): quoted fields, doubled
 * quotes, line breaks inside quotes, CRLF or LF line ends, a UTF-8 byte
 * order mark at the start.  Each record goes to a callback with its
 * fields and whether it is valid UTF-8; a field longer than CSV_MAX_FIELD,
 * more than CSV_MAX_COLUMNS fields, or text after a closing quote stop the
 * parse with an error.  Empty lines are skipped.  Pure: no I/O.
 */
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "arena.h"
#include "decode.h"
#include "limits.h"
#include "roles.h"

enum csv_state {
	S_START,	/* at the start of a field */
	S_PLAIN,	/* in an unquoted field */
	S_QUOTED,	/* in a quoted field */
	S_QUOTE,	/* a quote inside a quoted field: "" or the end */
	S_CR		/* after a CR ending a record */
};

struct csv {
	csv_row_fn	 fn;
	void		*arg;
	enum csv_state	 st;
	char		*buf;		/* the fields of the record, NUL-separated */
	size_t		 len, cap;
	size_t		 start[CSV_MAX_COLUMNS + 1];	/* field offsets */
	size_t		 nf;
	size_t		 fieldlen;
	uint64_t	 row;		/* records seen, 1 = the first */
	unsigned	 bom;		/* bytes of the BOM matched so far */
	int		 any;		/* the record has content */
	int		 stopped;	/* the callback asked to stop */
};

static const unsigned char bom[3] = { 0xef, 0xbb, 0xbf };

/* A parser calling fn(arg, …) for each record; NULL on exhaustion. */
struct csv *
csv_new(csv_row_fn fn, void *arg)
{
	struct csv	*c;

	if ((c = calloc(1, sizeof(*c))) == NULL)
		return NULL;
	c->fn = fn;
	c->arg = arg;
	c->cap = 4096;
	if ((c->buf = malloc(c->cap)) == NULL) {
		free(c);
		return NULL;
	}
	return c;
}

/* Frees the parser (NULL is fine). */
void
csv_free(struct csv *c)
{
	if (c == NULL)
		return;
	free(c->buf);
	free(c);
}

/* Room for n more bytes in the record's buffer (doubled when full). */
static enum csv_err
csv_room(struct csv *c, size_t n)
{
	char	*nb;

	if (c->len + n <= c->cap)
		return CSV_OK;
	if ((nb = realloc(c->buf, c->cap * 2)) == NULL)
		return CSV_NOMEM;
	c->buf = nb;
	c->cap *= 2;
	return CSV_OK;
}

/* Appends one byte to the current field (room kept for its NUL). */
static enum csv_err
csv_put(struct csv *c, char ch)
{
	if (++c->fieldlen > CSV_MAX_FIELD)
		return CSV_ROW_TOO_LONG;
	if (csv_room(c, 2) != CSV_OK)
		return CSV_NOMEM;
	c->buf[c->len++] = ch;
	c->any = 1;
	return CSV_OK;
}

/* Ends the current field. */
static enum csv_err
csv_field(struct csv *c)
{
	if (c->nf == CSV_MAX_COLUMNS)
		return CSV_TOO_MANY_COLUMNS;
	if (csv_room(c, 1) != CSV_OK)
		return CSV_NOMEM;
	c->buf[c->len++] = '\0';
	c->nf++;
	c->start[c->nf] = c->len;
	c->fieldlen = 0;
	return CSV_OK;
}

/* Ends the record: hands it to the callback unless it is an empty line. */
static enum csv_err
csv_record(struct csv *c)
{
	const char	*f[CSV_MAX_COLUMNS];
	size_t		 lens[CSV_MAX_COLUMNS], i;
	enum csv_err	 e;
	int		 ok = 1;

	if (!c->any && c->nf == 0) {	/* an empty line */
		c->len = 0;
		return CSV_OK;
	}
	if ((e = csv_field(c)) != CSV_OK)
		return e;
	for (i = 0; i < c->nf; i++) {
		f[i] = c->buf + c->start[i];
		lens[i] = c->start[i + 1] - c->start[i] - 1;
		if (ok && !utf8_valid(f[i], lens[i]))
			ok = 0;
	}
	c->row++;
	if (!c->stopped && c->fn(c->arg, c->row, f, lens, c->nf, ok) != CSV_NEXT)
		c->stopped = 1;
	c->len = 0;
	c->nf = 0;
	c->start[0] = 0;
	c->fieldlen = 0;
	c->any = 0;
	return CSV_OK;
}

/* One byte of input. */
static enum csv_err
csv_byte(struct csv *c, char ch)
{
	switch (c->st) {
	case S_CR:
		c->st = S_START;
		if (ch == '\n')
			return CSV_OK;
		/* FALLTHROUGH - a lone CR ended the record */
	case S_START:
		if (ch == '"') {
			c->st = S_QUOTED;
			c->any = 1;
			return CSV_OK;
		}
		/* FALLTHROUGH */
	case S_PLAIN:
		if (ch == ',') {
			c->any = 1;
			c->st = S_START;
			return csv_field(c);
		}
		if (ch == '\r' || ch == '\n') {
			c->st = ch == '\r' ? S_CR : S_START;
			return csv_record(c);
		}
		c->st = S_PLAIN;
		return csv_put(c, ch);
	case S_QUOTED:
		if (ch == '"') {
			c->st = S_QUOTE;
			return CSV_OK;
		}
		return csv_put(c, ch);
	case S_QUOTE:
		if (ch == '"') {
			c->st = S_QUOTED;
			return csv_put(c, '"');
		}
		if (ch == ',') {
			c->st = S_START;
			return csv_field(c);
		}
		if (ch == '\r' || ch == '\n') {
			c->st = ch == '\r' ? S_CR : S_START;
			return csv_record(c);
		}
		return CSV_BAD_QUOTE;
	}
	return CSV_OK;
}

/*
 * Feeds n more bytes.  Returns CSV_OK, or the error that stopped the
 * parse (the parser must not be fed again then).
 */
enum csv_err
csv_feed(struct csv *c, const char *p, size_t n)
{
	enum csv_err	 e;
	size_t		 i = 0;

	while (c->bom < 3 && c->row == 0 && c->len == 0 && c->nf == 0 &&
	    c->st == S_START && i < n) {
		if ((unsigned char)p[i] != bom[c->bom]) {
			if (c->bom > 0) {	/* not a BOM after all: keep the bytes */
				unsigned k;

				for (k = 0; k < c->bom; k++)
					if ((e = csv_byte(c, (char)bom[k])) != CSV_OK)
						return e;
			}
			c->bom = 3;
			break;
		}
		c->bom++;
		i++;
	}
	for (; i < n; i++)
		if ((e = csv_byte(c, p[i])) != CSV_OK)
			return e;
	return CSV_OK;
}

/* Ends the input: the last record may lack its line end. */
enum csv_err
csv_end(struct csv *c)
{
	enum csv_err	 e;
	unsigned	 k;

	if (c->bom > 0 && c->bom < 3)	/* the input was a partial BOM */
		for (k = 0; k < c->bom; k++)
			if ((e = csv_byte(c, (char)bom[k])) != CSV_OK)
				return e;
	if (c->st == S_QUOTED || c->st == S_QUOTE) {
		if (c->st == S_QUOTE)
			return csv_record(c);
		return CSV_UNTERMINATED;
	}
	if (c->st != S_CR && (c->any || c->nf > 0))
		return csv_record(c);
	return CSV_OK;
}

/* 1 when the row callback asked to stop. */
int
csv_stopped(const struct csv *c)
{
	return c->stopped;
}

/* A sentence for an error. */
const char *
csv_strerror(enum csv_err e)
{
	static const char *const msgs[] = {
		[CSV_OK] = "no error",
		[CSV_ROW_TOO_LONG] = "a field is longer than 64 KB",
		[CSV_TOO_MANY_COLUMNS] = "a row has more than 20 columns",
		[CSV_BAD_QUOTE] = "a quoted field is followed by text before the next comma",
		[CSV_UNTERMINATED] = "the file ends inside a quoted field",
		[CSV_NOMEM] = "out of memory",
	};

	return e <= CSV_NOMEM ? msgs[e] : "unknown error";
}

/*
 * One RFC 4180 cell: quoted, quotes doubled, and a leading apostrophe
 * when a spreadsheet would read it as a formula (= + - @ tab CR), as
 * xslt/csv.xsl does.  NULL on exhaustion.
 */
char *
csv_quote(struct arena *a, const char *s)
{
	size_t	 n = s ? strlen(s) : 0, i, j = 0;
	char	*o;

	if ((o = arena_alloc(a, 2 * n + 4)) == NULL)
		return NULL;
	o[j++] = '"';
	if (n > 0 && strchr("=+-@\t\r", s[0]) != NULL)
		o[j++] = '\'';
	for (i = 0; i < n; i++) {
		if (s[i] == '"')
			o[j++] = '"';
		o[j++] = s[i];
	}
	o[j++] = '"';
	o[j] = '\0';
	return o;
}
