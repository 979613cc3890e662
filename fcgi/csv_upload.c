/*
 * CSV uploads on disk.  An upload streams from the FastCGI body through
 * the multipart and CSV parsers into upload_dir (rows counted, structure
 * checked) and is never held in memory; the CSRF token is a multipart
 * field that must come before the file.  Once it is whole and well
 * formed, its row and audit row are stored in one transaction; on any
 * refusal nothing is kept on disk or in the database.  A stored upload
 * is read back through the CSV parser for its preview and its import,
 * and its row (csv_upload_get()) by the upload's page and its mapping.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "csv_upload.h"
#include "arena.h"
#include "audit.h"
#include "conf.h"
#include "csv.h"
#include "db.h"
#include "decode.h"
#include "input.h"
#include "limits.h"
#include "log.h"
#include "multipart.h"
#include "rc.h"
#include "request.h"
#include "routes.h"
#include "status.h"
#include "valid.h"

#define READ_CHUNK	65536	/* bytes read from the body or a file at once */
#define UPLOAD_PATH	4096	/* bytes of a stored file's path */

/* What the receiver keeps while the body streams by. */
struct up {
	struct req		*r;
	struct csv_upload	*u;
	char			 field[MULTIPART_MAX_FIELD + 1];	/* a small field */
	size_t			 flen;
	const char		*part;		/* name of the current part */
	char			 csrf[MULTIPART_MAX_FIELD + 1];
	char			 path[UPLOAD_PATH];
	int			 fd;
	int			 got_file, csrf_ok;
	struct csv		*csv;
	enum csv_err		 cerr;
};

/* The path of the stored file named stored into out.  RC_OK, or RC_ERROR
 * (errno ENAMETOOLONG) when it does not fit. */
static int
upload_path(char *out, size_t outlen, const char *stored)
{
	int	 n;

	n = snprintf(out, outlen, "%s/%s.csv", conf.upload_dir, stored);
	if (n < 0 || (size_t)n >= outlen) {
		errno = ENAMETOOLONG;
		return RC_ERROR;
	}
	return RC_OK;
}

/* Refuses the upload with status, field and message.  Returns RC_ERROR
 * (what a parser callback answers to stop). */
static int
up_refuse(struct up *up, int status, const char *field, const char *msg)
{
	up->u->status = status;
	up->u->field = field;
	up->u->msg = msg;
	return RC_ERROR;
}

/* A CSV record while uploading: counts it, notes the header's width. */
static int
up_row(void *arg, uint64_t row, const char **f, const size_t *lens, size_t n,
    int utf8_ok)
{
	struct up	*up = arg;

	if (row == 1)
		up->u->columns = n;
	up->u->rows = row;
	return CSV_NEXT;
}

/* The last path component of a browser's file name, cleaned; NULL if bad. */
static const char *
up_filename(struct req *r, const char *fn)
{
	const char	*b = fn, *p;
	size_t		 n;

	for (p = fn; *p != '\0'; p++)
		if (*p == '/' || *p == '\\')
			b = p + 1;
	n = strlen(b);
	if (n == 0 || n > MAX_FILE_NAME || !utf8_valid(b, n) ||
	    !text_clean(b, n, 0) || strcmp(b, ".") == 0 || strcmp(b, "..") == 0)
		return NULL;
	return arena_strndup(r->a, b, n);
}

/* Creates the file the upload goes to, under a random name.  RC_OK, or
 * RC_ERROR with the upload refused. */
static int
up_create(struct up *up)
{
	unsigned char	 rnd[UPLOAD_RANDOM];

	randombytes_buf(rnd, sizeof(rnd));
	sodium_bin2hex(up->u->stored, sizeof(up->u->stored), rnd, sizeof(rnd));
	if (upload_path(up->path, sizeof(up->path), up->u->stored) != RC_OK ||
	    (up->fd = open(up->path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
	    0600)) == -1) {
		log_error("upload: %s: %s", up->path, strerror(errno));
		return up_refuse(up, 503, NULL, "The upload could not be stored.");
	}
	if ((up->csv = csv_new(up_row, up)) == NULL)
		return up_refuse(up, 500, NULL, NULL);
	return RC_OK;
}

/* A part starts: the file part needs the token and the kind before it. */
static int
up_part(void *arg, const char *name, const char *filename)
{
	struct up	*up = arg;
	struct req	*r = up->r;
	const char	*kind = up->u->kind;

	up->flen = 0;
	if ((up->part = arena_strdup(r->a, name)) == NULL)
		return up_refuse(up, 500, NULL, NULL);
	if (strcmp(name, "file") != 0)
		return RC_OK;
	if (up->got_file)
		return up_refuse(up, 422, "file", "Send one file at a time.");
	if (!route_csrf_ok(r, up->csrf))
		return up_refuse(up, 403, NULL, "This form has expired or did not "
		    "come from this site. Reload the page and try again.");
	up->csrf_ok = 1;
	if (!valid_check(VALID_CSV_KIND, kind, strlen(kind)))
		return up_refuse(up, 422, "kind", valid_message(VALID_CSV_KIND));
	if (filename == NULL || filename[0] == '\0')
		return up_refuse(up, 422, "file", "Choose a CSV file to upload.");
	if ((filename = up_filename(r, filename)) == NULL)
		return up_refuse(up, 422, "file", "The file's name is longer than "
		    "255 characters or holds characters that cannot be shown.");
	snprintf(up->u->name, sizeof(up->u->name), "%s", filename);
	if (up_create(up) != RC_OK)
		return RC_ERROR;
	up->got_file = 1;
	return RC_OK;
}

/* Writes all n bytes.  RC_OK, or RC_ERROR (errno set). */
static int
write_all(int fd, const char *p, size_t n)
{
	ssize_t	 k;

	while (n > 0) {
		if ((k = write(fd, p, n)) == -1) {
			if (errno == EINTR)
				continue;
			return RC_ERROR;
		}
		p += k;
		n -= (size_t)k;
	}
	return RC_OK;
}

/* Data of the current part: a small field is kept, the file written. */
static int
up_data(void *arg, const char *p, size_t n)
{
	struct up	*up = arg;

	if (up->part == NULL)
		return RC_ERROR;
	if (strcmp(up->part, "file") != 0) {
		if (up->flen + n > MULTIPART_MAX_FIELD)
			return up_refuse(up, 413, NULL, "A form field is too long.");
		memcpy(up->field + up->flen, p, n);
		up->flen += n;
		return RC_OK;
	}
	up->u->bytes += n;
	if (up->u->bytes > MAX_UPLOAD_BYTES)
		return up_refuse(up, 413, "file", "The file is larger than 50 MB.");
	if (write_all(up->fd, p, n) != RC_OK) {
		log_error("upload: %s: %s", up->path, strerror(errno));
		return up_refuse(up, 503, NULL, "The upload could not be stored.");
	}
	if (up->cerr == CSV_OK)
		up->cerr = csv_feed(up->csv, p, n);
	return RC_OK;
}

/* A part ended: the token and the kind are kept, the file is checked. */
static int
up_end(void *arg)
{
	struct up	*up = arg;

	up->field[up->flen] = '\0';
	if (up->part == NULL)
		return RC_ERROR;
	if (strcmp(up->part, "csrf") == 0)
		memcpy(up->csrf, up->field, up->flen + 1);
	else if (strcmp(up->part, "kind") == 0 && up->flen < sizeof(up->u->kind))
		memcpy(up->u->kind, up->field, up->flen + 1);
	else if (strcmp(up->part, "file") == 0) {
		if (up->cerr == CSV_OK)
			up->cerr = csv_end(up->csv);
		if (fsync(up->fd) == -1 || close(up->fd) == -1) {
			up->fd = -1;
			return up_refuse(up, 503, NULL,
			    "The upload could not be stored.");
		}
		up->fd = -1;
	}
	return RC_OK;
}

/* Reads the body through the multipart parser.  RC_OK, or RC_ERROR with
 * the upload refused. */
static int
up_read(struct up *up, const char *boundary)
{
	struct mp_cb		 cb = { up_part, up_data, up_end, up };
	struct req		*r = up->r;
	struct multipart	*mp;
	char			*buf;
	size_t			 left = r->body_len;
	enum mp_result		 rc = MP_OK;
	long			 k;

	if ((mp = multipart_new(boundary, &cb)) == NULL ||
	    (buf = arena_alloc(r->a, READ_CHUNK)) == NULL) {
		multipart_free(mp);
		return up_refuse(up, 500, NULL, NULL);
	}
	while (left > 0 && rc == MP_OK) {
		k = req_stream_read(r, buf, left < READ_CHUNK ? left : READ_CHUNK);
		if (k <= 0)
			break;
		left -= (size_t)k;
		rc = multipart_feed(mp, buf, (size_t)k);
	}
	if (rc == MP_OK && (left > 0 || !multipart_done(mp)))
		rc = MP_MALFORMED;
	multipart_free(mp);
	if (rc == MP_OK)
		return RC_OK;
	if (up->u->status == 0)
		up_refuse(up, 400, NULL, "The upload was cut short or is not a "
		    "well-formed multipart/form-data body.");
	return RC_ERROR;
}

/* req_txn_fn: the upload's row (its id into u->id) and audit row. */
static int
up_store_tx(struct req *r, void *arg)
{
	struct csv_upload	*u = arg;
	int			 rc;

	if ((rc = db_exec(r->db, r->a, STMT_CSV_NEW, NULL, NULL, &u->id,
	    "uussiuuu", r->s->account_id, r->s->user_id, u->name, u->stored,
	    (long long)(strcmp(u->kind, "events") == 0 ? UKIND_EVENTS :
	    UKIND_PROFILES), u->bytes, (uint64_t)u->columns,
	    u->rows > 0 ? u->rows - 1 : 0)) != RC_OK)
		return rc;
	return audit_req(r, "csv.upload", u->name);
}

/* Stores the upload's row and its audit row in one transaction (the file
 * is on disk already).  An rc. */
static int
up_store(struct req *r, struct csv_upload *u)
{
	return req_txn(r, up_store_tx, u);
}

/* The checks of a body read whole, then the row.  RC_OK, or RC_ERROR
 * with the upload refused. */
static int
up_finish(struct up *up)
{
	struct csv_upload	*u = up->u;

	if (!up->csrf_ok && !route_csrf_ok(up->r, up->csrf))
		return up_refuse(up, 403, NULL, NULL);
	if (!up->got_file)
		return up_refuse(up, 422, "file", "Choose a CSV file to upload.");
	if (up->cerr != CSV_OK)
		return up_refuse(up, 422, "file", arena_printf(up->r->a, "This is "
		    "not a CSV file we can read: %s (row %llu).",
		    csv_strerror(up->cerr), (unsigned long long)u->rows + 1));
	if (u->rows < 2 || u->columns < 2)
		return up_refuse(up, 422, "file", "The file needs a header row and "
		    "at least one data row, with at least two columns (an "
		    "identity and something to import).");
	if (up_store(up->r, u) != RC_OK)
		return up_refuse(up, 503, NULL, NULL);
	return RC_OK;
}

/*
 * Receives the streamed multipart body of r (csrf, kind, file, in that
 * order) into upload_dir and stores its row, audited.  RC_OK with u
 * filled; RC_ERROR with u->status, u->field and u->msg saying why it was
 * refused (415 another body type, 403 a bad token, 422 a bad kind or
 * file, 413 over a limit, 400 a malformed body, 503 when it cannot be
 * stored, 500 on exhaustion); nothing is kept then.
 */
int
csv_upload_receive(struct req *r, struct csv_upload *u)
{
	struct up	 up;
	char		 boundary[MAX_BOUNDARY + 1];
	int		 rc;

	memset(u, 0, sizeof(*u));
	memset(&up, 0, sizeof(up));
	up.r = r;
	up.u = u;
	up.fd = -1;
	if (multipart_boundary(r->ctype, boundary, sizeof(boundary)) != RC_OK)
		return up_refuse(&up, 415, NULL,
		    "Send the file as multipart/form-data.");
	rc = up_read(&up, boundary);
	if (up.fd != -1)
		close(up.fd);
	csv_free(up.csv);
	if (rc == RC_OK)
		rc = up_finish(&up);
	if (rc != RC_OK && up.path[0] != '\0')
		unlink(up.path);
	return rc;
}

/*
 * Streams the stored upload named stored through a new CSV parser that
 * calls fn(arg, …) for each record, reading at most max bytes and no
 * more once fn asked to stop; the input is ended (its last record handed
 * over) when it was read whole.  *err is the parser's error.  RC_OK, or
 * RC_ERROR (errno set) when the file cannot be opened or on exhaustion.
 */
int
csv_upload_read(const char *stored, size_t max, csv_row_fn fn, void *arg,
    enum csv_err *err)
{
	char		 path[UPLOAD_PATH], *buf = NULL;
	struct csv	*c = NULL;
	size_t		 total = 0;
	ssize_t		 k;
	int		 fd, rc = RC_ERROR;

	*err = CSV_OK;
	if (upload_path(path, sizeof(path), stored) != RC_OK ||
	    (fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return RC_ERROR;
	if ((c = csv_new(fn, arg)) == NULL || (buf = malloc(READ_CHUNK)) == NULL)
		goto out;
	while (*err == CSV_OK && total < max && !csv_stopped(c) &&
	    (k = read(fd, buf, READ_CHUNK)) > 0) {
		total += (size_t)k;
		*err = csv_feed(c, buf, (size_t)k);
	}
	if (*err == CSV_OK && total < max && !csv_stopped(c))
		*err = csv_end(c);
	rc = RC_OK;
out:
	free(buf);
	csv_free(c);
	close(fd);
	return rc;
}

/*
 * Row res of STMT_CSV_ONE: upload id of the session's account.  RC_OK,
 * or RC_ERROR with r->status 404 (not an upload of this account) or 503.
 */
int
csv_upload_get(struct req *r, uint64_t id, struct dbres *res)
{
	if (db_exec(r->db, r->a, STMT_CSV_ONE, res, NULL, NULL, "uu", id,
	    r->s->account_id) != RC_OK)
		return req_down(r);
	if (res->nrows != 1) {
		r->status = 404;
		return RC_ERROR;
	}
	return RC_OK;
}

/* A header cell of an upload as shown and reported: its n bytes at s when
 * they are valid UTF-8 without control characters, else "" (NULL on
 * exhaustion). */
const char *
csv_upload_header(struct arena *a, const char *s, size_t n)
{
	return utf8_valid(s, n) && text_clean(s, n, 0) ?
	    arena_strndup(a, s, n) : "";
}
