/*
 * The request and its answer: read and bound the FastCGI parameters,
 * decode the query string, cookies, the flash and the body; the helpers
 * handlers answer with (cookies, redirects, flashes, files); and writing
 * status, headers and the document.  serve.c drives one request through
 * these and the gates of routes.c.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include <fcgiapp.h>
#include <sodium.h>

#include "request.h"
#include "arena.h"
#include "conf.h"
#include "decode.h"
#include "limits.h"
#include "log.h"
#include "rc.h"
#include "secret.h"
#include "token.h"
#include "xml.h"

#define FORM_TYPE	"application/x-www-form-urlencoded"
#define COOKIE_FLASH	"stw_flash"

static const struct {
	int		 status;
	const char	*reason;
} reasons[] = {
	{ 200, "OK" }, { 303, "See Other" }, { 400, "Bad Request" },
	{ 401, "Unauthorized" }, { 403, "Forbidden" }, { 404, "Not Found" },
	{ 405, "Method Not Allowed" }, { 410, "Gone" }, { 413, "Content Too Large" }, { 414, "URI Too Long" },
	{ 201, "Created" }, { 204, "No Content" }, { 409, "Conflict" },
	{ 412, "Precondition Failed" }, { 501, "Not Implemented" },
	{ 415, "Unsupported Media Type" }, { 422, "Unprocessable Content" },
	{ 429, "Too Many Requests" }, { 500, "Internal Server Error" },
	{ 503, "Service Unavailable" },
};

/* The methods by name, in the order of enum method. */
static const char *const method_names[METHOD_OTHER] = {
	[METHOD_GET] = "GET", [METHOD_POST] = "POST", [METHOD_HEAD] = "HEAD",
	[METHOD_PUT] = "PUT", [METHOD_PATCH] = "PATCH",
	[METHOD_DELETE] = "DELETE",
};

/* The reason phrase of an HTTP status ("Unknown" when not in the table). */
const char *
status_reason(int status)
{
	size_t	 i;

	for (i = 0; i < sizeof(reasons) / sizeof(reasons[0]); i++)
		if (reasons[i].status == status)
			return reasons[i].reason;
	return "Unknown";
}

/*
 * Queues a Set-Cookie: HttpOnly, SameSite=Lax, Path=/, Secure under
 * secure_cookies; maxage 0 deletes, -1 makes a browser-session cookie.
 */
void
req_cookie(struct req *r, const char *name, const char *val, int maxage)
{
	const char	*c;

	if (r->ncookies_out == sizeof(r->cookies_out) / sizeof(r->cookies_out[0]))
		return;
	if (maxage < 0)
		c = arena_printf(r->a, "%s=%s; Path=/; HttpOnly; SameSite=Lax%s",
		    name, val, conf.secure_cookies ? "; Secure" : "");
	else
		c = arena_printf(r->a,
		    "%s=%s; Path=/; Max-Age=%d; HttpOnly; SameSite=Lax%s",
		    name, val, maxage, conf.secure_cookies ? "; Secure" : "");
	if (c != NULL)
		r->cookies_out[r->ncookies_out++] = c;
}

/*
 * Answers 303 to a local path (under /api when the request came there),
 * with a bare XML body (no envelope: nobody sees it, and an empty body
 * would become a 500 in nginx's filter).  A request made with an API
 * token gets 200 and the same document, with the flash, instead.
 */
void
req_redirect(struct req *r, const char *path)
{
	xmlNodePtr	 n;
	const char	*href = r->api ? arena_printf(r->a, "/api%s", path) : path;

	r->status = r->token != NULL ? 200 : 303;
	r->location = r->token != NULL ? NULL : href;
	r->doc = NULL;		/* an earlier document is freed by the arena */
	if (xml_doc(r, "redirect") == NULL)
		return;
	n = xml_el(r->root, "redirect", NULL);
	xml_attr(n, "href", href);
	if (r->token != NULL && r->flash_text != NULL) {
		n = xml_el(r->root, "flash", r->flash_text);
		xml_attr(n, "kind", r->flash_kind);
	}
}

/* Sets the signed flash cookie shown by the next page (with an API
 * token: keeps it for req_redirect's document). */
void
req_flash(struct req *r, const char *kind, const char *text)
{
	char		 b64[MAX_FLASH_LEN * 2], mac[TOKEN_B64_LEN + 1];
	size_t		 n = strlen(text);
	const char	*head;

	if (r->token != NULL) {	/* no cookie: req_redirect() draws it */
		r->flash_kind = kind;
		r->flash_text = text;
		return;
	}
	if (n > MAX_FLASH_LEN)
		n = MAX_FLASH_LEN;
	token_b64((const unsigned char *)text, n, b64, sizeof(b64));
	if ((head = arena_printf(r->a, "%s.%s", kind, b64)) == NULL)
		return;
	token_mac(secret_subkey(SUBKEY_FLASH), "flash", head, strlen(head), mac);
	req_cookie(r, COOKIE_FLASH, arena_printf(r->a, "%s.%s", head, mac), -1);
}

/*
 * Reads the signed flash cookie of the request into r->flash_kind and
 * r->flash_text (left NULL when there is none, or it is not ours).
 */
static void
flash_read(struct req *r)
{
	const char	*c = kv_get(&r->cookies, COOKIE_FLASH);
	const char	*dot1, *dot2;
	char		 mac[TOKEN_B64_LEN + 1], kind[8];
	char		*text;
	size_t		 n, tl;

	if (c == NULL || (dot1 = strchr(c, '.')) == NULL ||
	    (dot2 = strchr(dot1 + 1, '.')) == NULL)
		return;
	n = (size_t)(dot1 - c);
	if (n == 0 || n >= sizeof(kind))
		return;
	memcpy(kind, c, n);
	kind[n] = '\0';
	if (strcmp(kind, "ok") != 0 && strcmp(kind, "error") != 0)
		return;
	token_mac(secret_subkey(SUBKEY_FLASH), "flash", c, (size_t)(dot2 - c), mac);
	if (!token_equal(mac, dot2 + 1))
		return;
	if ((text = arena_alloc(r->a, MAX_FLASH_LEN + 1)) == NULL ||
	    sodium_base642bin((unsigned char *)text, MAX_FLASH_LEN, dot1 + 1,
	    (size_t)(dot2 - dot1 - 1), NULL, &tl, NULL,
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0)
		return;
	text[tl] = '\0';
	r->flash_kind = strcmp(kind, "ok") == 0 ? "ok" : "error";
	r->flash_text = text;
}

/* Closes the file of a file answer at arena reset. */
static void
close_fd(void *p)
{
	close(*(int *)p);
}

/*
 * Answers the size bytes of the open file fd (closed by the arena)
 * instead of an XML document, with ctype and, when not NULL, a
 * Content-Disposition.  An error page drawn afterwards wins.
 */
void
req_file(struct req *r, int fd, uint64_t size, const char *ctype,
    const char *disposition)
{
	int	*p = arena_alloc(r->a, sizeof(*p));

	if (p == NULL || arena_cleanup(r->a, close_fd, p) == -1) {
		close(fd);
		r->status = 500;
		return;
	}
	*p = fd;
	r->has_file = 1;
	r->file_fd = fd;
	r->file_size = size;
	r->file_type = ctype;
	r->file_disposition = disposition;
	r->status = 200;
}

/*
 * Answers status with len bytes of body (kept until the arena resets)
 * of type ctype instead of an XML document (SCIM's JSON).  Written with
 * the request's Location and WWW-Authenticate; no cookie.
 */
void
req_answer(struct req *r, int status, const char *ctype, const char *body,
    size_t len)
{
	r->status = status;
	r->out_type = ctype;
	r->out_body = body;
	r->out_len = len;
}

/* Writes the answer of req_answer(). */
static void
req_write_answer(struct req *r, FCGX_Request *f)
{
	FCGX_FPrintF(f->out, "Status: %d %s\r\nContent-Type: %s\r\n"
	    "Cache-Control: no-store\r\n", r->status, status_reason(r->status),
	    r->out_type);
	if (r->location != NULL)
		FCGX_FPrintF(f->out, "Location: %s\r\n", r->location);
	if (r->retry_after > 0)
		FCGX_FPrintF(f->out, "Retry-After: %d\r\n", r->retry_after);
	if (r->www_auth != NULL)
		FCGX_FPrintF(f->out, "WWW-Authenticate: %s\r\n", r->www_auth);
	FCGX_PutS("\r\n", f->out);
	if (r->method != METHOD_HEAD && r->out_len > 0)
		FCGX_PutStr(r->out_body, (int)r->out_len, f->out);
	r->bytes_out = r->out_len;
}

/* Writes the file answer: headers, then the bytes as they are read. */
static void
req_write_file(struct req *r, FCGX_Request *f)
{
	char	 buf[16384];
	ssize_t	 k;
	uint64_t left = r->file_size;

	FCGX_FPrintF(f->out, "Status: 200 OK\r\nContent-Type: %s\r\n"
	    "Content-Length: %llu\r\nCache-Control: no-store\r\n", r->file_type,
	    (unsigned long long)r->file_size);
	if (r->file_disposition != NULL)
		FCGX_FPrintF(f->out, "Content-Disposition: %s\r\n",
		    r->file_disposition);
	FCGX_PutS("\r\n", f->out);
	while (r->method != METHOD_HEAD && left > 0) {
		k = read(r->file_fd, buf, left < sizeof(buf) ? left : sizeof(buf));
		if (k == -1 && errno == EINTR)
			continue;
		if (k <= 0) {	/* the file shrank: the client sees a short body */
			log_error("file answer: %s", k == 0 ? "short file" :
			    strerror(errno));
			break;
		}
		FCGX_PutStr(buf, (int)k, f->out);
		left -= (uint64_t)k;
		r->bytes_out += (size_t)k;
	}
}

/* The names of this machine an address may use for its host. */
static const char *const loopbacks[] = { "localhost", "127.0.0.1", "[::1]" };

/*
 * The port part (":8080", or "" when none) of hostport when its host is
 * one of loopbacks[], else NULL.
 */
static const char *
loopback_port(const char *hostport)
{
	size_t	 i, n;

	for (i = 0; i < sizeof(loopbacks) / sizeof(loopbacks[0]); i++) {
		n = strlen(loopbacks[i]);
		if (strncmp(hostport, loopbacks[i], n) == 0 &&
		    (hostport[n] == '\0' || hostport[n] == ':'))
			return hostport + n;
	}
	return NULL;
}

/*
 * "scheme://host" of this request as the browser sees it: public_url, or
 * the Host when it is empty.  A public_url on this machine
 * (http://127.0.0.1:8080, the local stack's) also answers to the other
 * loopback names with the same port when the request came by one of
 * them: browsers refuse passkeys on an IP address, so the local stack
 * must work at http://localhost:PORT as well.
 */
const char *
req_client_origin(struct req *r)
{
	const char	*pub = conf.public_url, *mine, *theirs, *port;

	if (pub[0] == '\0')
		return arena_printf(r->a, "%s://%s", r->scheme,
		    r->host ? r->host : "");
	if (strncmp(pub, "http://", 7) != 0 || r->host == NULL ||
	    strcmp(r->scheme, "http") != 0 ||
	    (mine = loopback_port(pub + 7)) == NULL ||
	    (theirs = loopback_port(r->host)) == NULL)
		return pub;
	/* nginx's fastcgi_params pass the Host without its port */
	port = *theirs == ':' ? theirs + 1 : req_header(r, "SERVER_PORT");
	if (port == NULL || *mine != ':' || strcmp(mine + 1, port) != 0)
		return pub;
	return arena_printf(r->a, "http://%.*s:%s", (int)(theirs - r->host),
	    r->host, port);
}

/*
 * The FastCGI parameter name (a request header such as HTTP_X_ACCOUNT_ID)
 * cut to MAX_HEADER_LEN bytes of clean text, or NULL.
 */
const char *
req_header(struct req *r, const char *name)
{
	FCGX_Request	*f = r->fcgx;
	const char	*v = FCGX_GetParam(name, f->envp);
	size_t		 n;

	if (v == NULL)
		return NULL;
	n = strlen(v);
	if (n > MAX_HEADER_LEN)
		n = MAX_HEADER_LEN;
	while (n > 0 && !utf8_valid(v, n))	/* cut inside a character */
		n--;
	v = arena_strndup(r->a, v, n);
	return v != NULL && text_clean(v, n, 0) ? v : NULL;
}

/*
 * Reads the body of a POST as its route asks (kind BODY_FORM, BODY_RAW or
 * BODY_STREAM): an urlencoded form (decoded into r->form), the raw bytes
 * (r->body), or nothing at all (a streamed upload the handler reads with
 * req_stream_read).  0, or an HTTP status.
 */
int
req_read_body(struct req *r, enum body_kind kind)
{
	FCGX_Request	*f = r->fcgx;
	const char	*cl = FCGX_GetParam("CONTENT_LENGTH", f->envp);
	const char	*ct = FCGX_GetParam("CONTENT_TYPE", f->envp);
	char		*body, *end;
	unsigned long	 len;
	enum decode_err	 e;

	len = cl && *cl ? strtoul(cl, &end, 10) : 0;
	if (cl && *cl && *end != '\0')
		return 400;
	r->ctype = ct != NULL ? arena_strndup(r->a, ct, strnlen(ct,
	    MAX_HEADER_LEN)) : NULL;
	r->body_len = len;
	if (kind == BODY_STREAM) {
		r->body_stream = 1;
		return len > MAX_UPLOAD_BYTES ? 413 : 0;
	}
	if (len > (kind == BODY_RAW ? MAX_RAW_BODY : MAX_BODY_LEN))
		return 413;
	if (len == 0)
		return 0;
	if (kind == BODY_FORM && (ct == NULL ||
	    strncasecmp(ct, FORM_TYPE, sizeof(FORM_TYPE) - 1) != 0))
		return 415;
	if ((body = arena_alloc(r->a, len + 1)) == NULL)
		return 500;
	if (FCGX_GetStr(body, (int)len, f->in) != (int)len)
		return 400;
	body[len] = '\0';
	if (kind == BODY_RAW) {
		r->body = body;
		return 0;
	}
	if ((e = decode_form(r->a, body, len, &r->form)) != DECODE_OK)
		return e == DECODE_TOO_LONG || e == DECODE_TOO_MANY ? 413 :
		    e == DECODE_NOMEM ? 500 : 400;
	return 0;
}

/*
 * Fills the request from the FastCGI parameters of r->fcgx: method, path,
 * headers, query string, cookies, the flash (the body is read by
 * req_read_body once its route is known).  0, or an HTTP status.
 */
int
req_parse(struct req *r)
{
	FCGX_Request	*f = r->fcgx;
	const char	*m = FCGX_GetParam("REQUEST_METHOD", f->envp);
	const char	*p = FCGX_GetParam("DOCUMENT_URI", f->envp);
	const char	*q = FCGX_GetParam("QUERY_STRING", f->envp);
	const char	*https = FCGX_GetParam("HTTPS", f->envp);
	const char	*acc;
	size_t		 n;
	enum decode_err	 e;

	for (r->method = METHOD_GET; r->method < METHOD_OTHER; r->method++)
		if (m != NULL && strcmp(m, method_names[r->method]) == 0)
			break;
	r->path = "/";
	if (p == NULL)
		p = "/";
	n = strlen(p);
	if (n > MAX_PATH_LEN)
		return 414;
	if (!utf8_valid(p, n) || !text_clean(p, n, 0) || p[0] != '/')
		return 400;
	if (strncmp(p, "/api/", 5) == 0 || strcmp(p, "/api") == 0) {
		r->api = 1;
		p += 4;
		if (*p == '\0')
			p = "/";
	}
	r->path = arena_strdup(r->a, p);
	r->ip = req_header(r, "REMOTE_ADDR");
	r->ua = req_header(r, "HTTP_USER_AGENT");
	r->origin = req_header(r, "HTTP_ORIGIN");
	r->host = req_header(r, "HTTP_HOST");
	r->scheme = https && *https ? "https" : "http";
	acc = FCGX_GetParam("HTTP_ACCEPT", f->envp);
	r->accept_xml = acc != NULL && strstr(acc, "application/xml") != NULL;
	if (r->ip == NULL)
		r->ip = "";
	if (q != NULL && strlen(q) > MAX_QUERY_LEN)
		return 413;
	if (q != NULL && (e = decode_form(r->a, q, strlen(q), &r->query)) != DECODE_OK)
		return e == DECODE_NOMEM ? 500 : 400;
	if (decode_cookies(r->a, FCGX_GetParam("HTTP_COOKIE", f->envp),
	    &r->cookies) != DECODE_OK)
		return 400;
	flash_read(r);
	return 0;
}

/*
 * Writes status, headers and the serialized document (r->doc, which the
 * caller made sure of), or the file of a file answer.  A page drawn with
 * the flash of the request clears its cookie.
 */
void
req_write(struct req *r)
{
	FCGX_Request	*f = r->fcgx;
	xmlChar		*buf = NULL;
	int		 len = 0;
	size_t		 i;

	if (r->has_file && r->status == 200) {
		req_write_file(r, f);
		return;
	}
	if (r->out_type != NULL) {
		req_write_answer(r, f);
		return;
	}
	if (r->flash_text != NULL && r->status != 303 && r->token == NULL)
		req_cookie(r, COOKIE_FLASH, "", 0);
	xml_attr_i(r->root, "status", r->status);
	xmlDocDumpMemoryEnc(r->doc, &buf, &len, "UTF-8");
	FCGX_FPrintF(f->out, "Status: %d %s\r\n"
	    "Content-Type: application/xml; charset=utf-8\r\n"
	    "Cache-Control: no-store\r\n", r->status, status_reason(r->status));
	if (r->location != NULL)
		FCGX_FPrintF(f->out, "Location: %s\r\n", r->location);
	if (r->retry_after > 0)
		FCGX_FPrintF(f->out, "Retry-After: %d\r\n", r->retry_after);
	if (r->www_auth == NULL && r->api && r->status == 401)
		r->www_auth = "Bearer realm=\"Steward\"";
	if (r->www_auth != NULL)
		FCGX_FPrintF(f->out, "WWW-Authenticate: %s\r\n", r->www_auth);
	if (r->disposition != NULL)
		FCGX_FPrintF(f->out, "Content-Disposition: %s\r\n",
		    r->disposition);
	if (r->status == 405)
		FCGX_PutS("Allow: GET, POST\r\n", f->out);
	for (i = 0; i < r->ncookies_out; i++)
		FCGX_FPrintF(f->out, "Set-Cookie: %s\r\n", r->cookies_out[i]);
	FCGX_PutS("\r\n", f->out);
	/* HEAD gets the body too: nginx drops it for the client, and its
	 * xslt filter turns an empty XML body into a 500. */
	if (buf != NULL)
		FCGX_PutStr((const char *)buf, len, f->out);
	r->bytes_out = (size_t)len;
	xmlFree(buf);
}

/* Reads and drops what a handler left of a streamed body (bounded by nginx). */
void
req_drain(struct req *r)
{
	FCGX_Request	*f = r->fcgx;
	char		 buf[16384];

	if (!r->body_stream)
		return;
	while (FCGX_GetStr(buf, (int)sizeof(buf), f->in) > 0)
		continue;
}

/*
 * Reads up to n bytes of a streamed body (routes with R_STREAM_BODY) into
 * buf.  Returns the count, 0 at its end, or -1 on a read error.
 */
long
req_stream_read(struct req *r, char *buf, size_t n)
{
	FCGX_Request	*f = r->fcgx;

	return FCGX_GetStr(buf, (int)(n > INT32_MAX ? INT32_MAX : n), f->in);
}

/*
 * The Content-Disposition of a download named name: attachment with an
 * ASCII fallback (letters, digits, ". _ -"; other characters become '_';
 * "download" when no letter or digit is left) and the
 * UTF-8 name percent-encoded (RFC 6266, 8187).  Neither can carry a
 * quote, CR or LF.  NULL on exhaustion.
 */
const char *
content_disposition(struct arena *a, const char *name)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t		 n = strlen(name), i, j = 0, k = 0;
	char		*ascii, *pct;
	unsigned char	 c;
	int		 alnum = 0;

	if ((ascii = arena_alloc(a, n + 1)) == NULL ||
	    (pct = arena_alloc(a, 3 * n + 1)) == NULL)
		return NULL;
	for (i = 0; i < n; i++) {
		c = (unsigned char)name[i];
		if (isalnum(c) || c == '.' || c == '_' || c == '-') {
			pct[k++] = (char)c;
			ascii[j++] = (char)c;
			alnum |= isalnum(c) != 0;
			continue;
		}
		pct[k++] = '%';
		pct[k++] = hex[c >> 4];
		pct[k++] = hex[c & 15];
		if (c < 0x80 || (c & 0xc0) == 0xc0)	/* one '_' a character */
			ascii[j++] = '_';
	}
	ascii[j] = '\0';
	pct[k] = '\0';
	if (!alnum)
		return arena_printf(a, "attachment; filename=\"download\"; "
		    "filename*=UTF-8''%s", pct);
	return arena_printf(a, "attachment; filename=\"%s\"; filename*=UTF-8''%s",
	    ascii, pct);
}

/*
 * The answer to a statement (its rc, its result res) that looks up the one
 * row a request names: RC_OK when there is exactly that row; else RC_ERROR
 * with r->status 503 (the database failed) or 404 (no such row here).
 */
int
req_row(struct req *r, int rc, const struct dbres *res)
{
	if (rc != RC_OK)
		return req_down(r);
	if (res->nrows != 1) {
		r->status = 404;
		return RC_ERROR;
	}
	return RC_OK;
}

/*
 * The answer when the database is gone: 503.  Returns RC_ERROR, for a
 * handler to return (the dispatcher then draws the error page).
 */
int
req_down(struct req *r)
{
	r->status = 503;
	return RC_ERROR;
}

/*
 * The answer when a statement failed with rc: 503 when the database is
 * gone (RC_DOWN), answered without the row it must have (rc RC_OK) or
 * still conflicted after the retries (db_txn), 500 for any other error.
 * Returns RC_ERROR, for a handler to return.
 */
int
req_db_fail(struct req *r, int rc)
{
	r->status = rc == RC_DOWN || rc == RC_OK || r->db->conflict ? 503 :
	    500;
	return RC_ERROR;
}
