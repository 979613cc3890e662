/*
 * A multipart/form-data parser (RFC 7578) fed in pieces of any size: the
 * body of a CSV upload streams through it to disk and is never held in
 * memory.  For each part it reports the name and filename of its
 * Content-Disposition, then its data in pieces, then its end.  Limits:
 * MULTIPART_MAX_PARTS parts, MULTIPART_MAX_HEADER bytes of headers per
 * part.  Pure: no I/O.
 *
 * The delimiter is CRLF "--" boundary.  It begins with the only CR it
 * holds (a boundary has no CR), so after a partial match fails the
 * search starts again at the current byte: no backtracking is needed.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "multipart.h"
#include "limits.h"
#include "rc.h"

#define OUT_CHUNK	8192

enum mp_state {
	M_PREAMBLE,	/* before the first delimiter */
	M_AFTER,	/* right after a delimiter: "--" or CRLF */
	M_AFTER_DASH,	/* one '-' of the closing "--" */
	M_AFTER_CR,	/* the CR of the CRLF after a delimiter */
	M_HEADERS,	/* a part's header block */
	M_DATA,		/* a part's data */
	M_END,		/* after the closing delimiter: the epilogue */
	M_ERROR
};

struct multipart {
	struct mp_cb	 cb;
	enum mp_state	 st;
	char		 delim[MAX_BOUNDARY + 5];	/* CRLF -- boundary */
	size_t		 dlen, matched;
	char		 hdr[MULTIPART_MAX_HEADER + 1];
	size_t		 hlen;
	char		 out[OUT_CHUNK];
	size_t		 olen;
	unsigned	 parts;
	int		 in_part;
};

/* 1 for a character RFC 2046 allows in a boundary. */
static int
bchar(int c)
{
	return isalnum(c) || strchr("'()+_,-./:=? ", c) != NULL;
}

/*
 * The boundary parameter of a multipart/form-data Content-Type into out.
 * RC_OK, or RC_ERROR when the type is another or the boundary is missing
 * or bad.
 */
int
multipart_boundary(const char *ctype, char *out, size_t outlen)
{
	const char	*p;
	size_t		 n = 0;
	int		 quoted;

	if (ctype == NULL || strncasecmp(ctype, "multipart/form-data", 19) != 0)
		return RC_ERROR;
	for (p = ctype + 19; *p != '\0'; p++)
		if (strncasecmp(p, "boundary=", 9) == 0 &&
		    (p[-1] == ';' || p[-1] == ' ' || p[-1] == '\t'))
			break;
	if (*p == '\0')
		return RC_ERROR;
	p += 9;
	if ((quoted = *p == '"'))
		p++;
	while (*p != '\0' && (quoted ? *p != '"' : *p != ';' && *p != ' ')) {
		if (!bchar((unsigned char)*p) || n + 1 >= outlen || n >= MAX_BOUNDARY)
			return RC_ERROR;
		out[n++] = *p++;
	}
	if ((quoted && *p != '"') || n == 0 || out[n - 1] == ' ')
		return RC_ERROR;
	out[n] = '\0';
	return RC_OK;
}

/* A parser for boundary; NULL when it is too long or on exhaustion. */
struct multipart *
multipart_new(const char *boundary, const struct mp_cb *cb)
{
	struct multipart	*m;
	size_t			 n = strlen(boundary);

	if (n == 0 || n > MAX_BOUNDARY || (m = calloc(1, sizeof(*m))) == NULL)
		return NULL;
	m->cb = *cb;
	memcpy(m->delim, "\r\n--", 4);
	memcpy(m->delim + 4, boundary, n);
	m->dlen = n + 4;
	m->matched = 2;		/* the body starts with "--boundary" */
	return m;
}

/* Frees the parser (NULL is fine). */
void
multipart_free(struct multipart *m)
{
	free(m);
}

/* 1 once the closing delimiter was read. */
int
multipart_done(const struct multipart *m)
{
	return m->st == M_END;
}

/* Hands the collected data of the part to the callback: MP_OK, or
 * MP_REFUSED. */
static enum mp_result
mp_flush(struct multipart *m)
{
	int	 rc = RC_OK;

	if (m->olen > 0 && m->st == M_DATA && m->cb.data != NULL)
		rc = m->cb.data(m->cb.arg, m->out, m->olen);
	m->olen = 0;
	return rc != RC_OK ? MP_REFUSED : MP_OK;
}

/* One byte of data (or of the preamble, dropped): MP_OK, or MP_REFUSED. */
static enum mp_result
mp_out(struct multipart *m, char c)
{
	if (m->st != M_DATA)
		return MP_OK;
	m->out[m->olen++] = c;
	return m->olen == OUT_CHUNK ? mp_flush(m) : MP_OK;
}

/* The character of the escapes HTML forms use in names: %22 %0D %0A; 0. */
static char
pct(const char *p)
{
	if (strncmp(p, "%22", 3) == 0)
		return '"';
	if (strncasecmp(p, "%0D", 3) == 0)
		return '\r';
	if (strncasecmp(p, "%0A", 3) == 0)
		return '\n';
	return 0;
}

/*
 * The value of parameter name (name="…") in a Content-Disposition line
 * into out; browsers send quotes and line breaks percent-encoded, a
 * backslash escapes.  1 when present.
 */
static int
mp_param(const char *line, const char *name, char *out, size_t outlen)
{
	const char	*p = line;
	size_t		 n = strlen(name), k = 0;

	while ((p = strstr(p, name)) != NULL) {
		if ((p == line || p[-1] == ';' || p[-1] == ' ') && p[n] == '=')
			break;
		p += n;
	}
	if (p == NULL)
		return 0;
	p += n + 1;
	if (*p == '"') {
		for (p++; *p != '\0' && *p != '"'; p++) {
			if (*p == '\\' && p[1] != '\0')
				p++;
			else if (*p == '%' && pct(p) != 0) {	/* HTML's %22 %0D %0A */
				if (k + 1 < outlen)
					out[k++] = pct(p);
				p += 2;
				continue;
			}
			if (k + 1 < outlen)
				out[k++] = *p;
		}
		if (*p != '"')
			return 0;
	} else
		for (; *p != '\0' && *p != ';' && *p != ' '; p++)
			if (k + 1 < outlen)
				out[k++] = *p;
	out[k] = '\0';
	return 1;
}

/* Parses a part's header block and starts the part: MP_OK, MP_MALFORMED
 * (no name, too many parts) or MP_REFUSED. */
static enum mp_result
mp_headers(struct multipart *m)
{
	char	 name[MULTIPART_MAX_HEADER], file[MULTIPART_MAX_HEADER];
	char	*line, *next;
	int	 have_name = 0, have_file = 0;

	m->hdr[m->hlen] = '\0';
	for (line = m->hdr; line != NULL && *line != '\0'; line = next) {
		if ((next = strstr(line, "\r\n")) != NULL) {
			*next = '\0';
			next += 2;
		}
		if (strncasecmp(line, "Content-Disposition:", 20) != 0)
			continue;
		have_name = mp_param(line + 20, "name", name, sizeof(name));
		have_file = mp_param(line + 20, "filename", file, sizeof(file));
	}
	if (!have_name || ++m->parts > MULTIPART_MAX_PARTS)
		return MP_MALFORMED;
	m->in_part = 1;
	m->st = M_DATA;
	m->matched = 0;
	if (m->cb.part != NULL && m->cb.part(m->cb.arg, name,
	    have_file ? file : NULL) != RC_OK)
		return MP_REFUSED;
	return MP_OK;
}

/* A full delimiter was matched: the part ends.  MP_OK, or MP_REFUSED. */
static enum mp_result
mp_delimiter(struct multipart *m)
{
	enum mp_result	 rc = MP_OK;

	if (m->st == M_DATA) {
		if ((rc = mp_flush(m)) == MP_OK && m->cb.end != NULL &&
		    m->cb.end(m->cb.arg) != RC_OK)
			rc = MP_REFUSED;
		m->in_part = 0;
	}
	m->st = M_AFTER;
	m->matched = 0;
	return rc;
}

/* One byte in M_PREAMBLE or M_DATA, the delimiter search: MP_OK, or
 * MP_REFUSED. */
static enum mp_result
mp_search(struct multipart *m, char c)
{
	size_t	 k;

	if (c == m->delim[m->matched]) {
		if (++m->matched == m->dlen)
			return mp_delimiter(m);
		return MP_OK;
	}
	/* the bytes matched so far were data after all */
	for (k = 0; k < m->matched; k++)
		if (mp_out(m, m->delim[k]) != MP_OK)
			return MP_REFUSED;
	m->matched = c == m->delim[0] ? 1 : 0;
	return m->matched ? MP_OK : mp_out(m, c);
}

/* One byte after a delimiter: "--" ends the body, CRLF starts a part. */
static enum mp_result
mp_after(struct multipart *m, char c)
{
	switch (m->st) {
	case M_AFTER:
		if (c == '-')
			m->st = M_AFTER_DASH;
		else if (c == '\r')
			m->st = M_AFTER_CR;
		else if (c != ' ' && c != '\t')	/* transport padding */
			return MP_MALFORMED;
		return MP_OK;
	case M_AFTER_DASH:
		if (c != '-')
			return MP_MALFORMED;
		m->st = M_END;
		return MP_OK;
	default:	/* M_AFTER_CR */
		if (c != '\n')
			return MP_MALFORMED;
		m->st = M_HEADERS;
		m->hlen = 0;
		return MP_OK;
	}
}

/* One byte of a part's header block. */
static enum mp_result
mp_header_byte(struct multipart *m, char c)
{
	if (m->hlen == MULTIPART_MAX_HEADER)
		return MP_MALFORMED;
	m->hdr[m->hlen++] = c;
	if (m->hlen >= 4 && memcmp(m->hdr + m->hlen - 4, "\r\n\r\n", 4) == 0) {
		m->hlen -= 2;	/* keep the last header's CRLF */
		return mp_headers(m);
	}
	if (m->hlen == 2 && memcmp(m->hdr, "\r\n", 2) == 0)
		return MP_MALFORMED;	/* a part without headers */
	return MP_OK;
}

/* One byte of the body. */
static enum mp_result
mp_byte(struct multipart *m, char c)
{
	switch (m->st) {
	case M_PREAMBLE:
	case M_DATA:
		return mp_search(m, c);
	case M_AFTER:
	case M_AFTER_DASH:
	case M_AFTER_CR:
		return mp_after(m, c);
	case M_HEADERS:
		return mp_header_byte(m, c);
	case M_END:
		return MP_OK;		/* the epilogue is ignored */
	case M_ERROR:
		return MP_MALFORMED;
	}
	return MP_MALFORMED;
}

/*
 * Feeds n more bytes.  MP_OK; MP_MALFORMED when the body is malformed or
 * over a limit; MP_REFUSED when a callback refused (for its own reason).
 * After an error the parser answers MP_MALFORMED to any more bytes.
 */
enum mp_result
multipart_feed(struct multipart *m, const char *p, size_t n)
{
	size_t		 i;
	enum mp_result	 rc;

	if (m->st == M_ERROR)
		return MP_MALFORMED;
	for (i = 0; i < n; i++)
		if ((rc = mp_byte(m, p[i])) != MP_OK) {
			m->st = M_ERROR;
			return rc;
		}
	if (mp_flush(m) != MP_OK) {
		m->st = M_ERROR;
		return MP_REFUSED;
	}
	return MP_OK;
}
