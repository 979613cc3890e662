/*
 * The integration-test harness, included by itest.c (one translation unit:
 * everything stays static).  See itest.c for the environment and output.
 */
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <curl/curl.h>
#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>

/* ------------------------------------------------------------ globals */

static char	 g_root[PATH_MAX - 64];
static char	 g_url[512];
static char	 g_admin[PATH_MAX];
static char	 g_conf[PATH_MAX];
static char	 g_var[PATH_MAX];
static char	 g_log[PATH_MAX + 32];	/* the worker's log (STEWARD_WORKER_LOG) */
static char	 g_schema_path[PATH_MAX];
static char	 g_host[256];		/* host of g_url, for injected cookies */
static char	 g_origin[600];		/* scheme://host[:port] of g_url */
static char	 g_tag[16];		/* random per run */

static xmlRelaxNGPtr	 g_schema;

static int	 g_passed, g_failed;

/* The running test. */
static const char	*t_name;
static int		 t_bad;
static char		 t_reason[2048];

static void
t_begin(const char *name)
{
	t_name = name;
	t_bad = 0;
	t_reason[0] = '\0';
}

static int
t_end(void)
{
	if (t_bad) {
		printf("not ok - %s: %s\n", t_name, t_reason);
		g_failed++;
	} else {
		printf("ok - %s\n", t_name);
		g_passed++;
	}
	fflush(stdout);
	t_name = NULL;
	return !t_bad;
}

/* Records the first failure of the running test; returns cond. */
static int
ck(int cond, const char *fmt, ...)
{
	va_list	 ap;

	if (cond)
		return 1;
	if (!t_bad) {
		t_bad = 1;
		va_start(ap, fmt);
		vsnprintf(t_reason, sizeof(t_reason), fmt, ap);
		va_end(ap);
	}
	return 0;
}

#define REQUIRE(c, ...)	do { if (!ck((c), __VA_ARGS__)) goto done; } while (0)

/* ------------------------------------------------------------ buffers */

struct buf {
	char	*p;
	size_t	 n, cap;
};

static void
buf_add(struct buf *b, const char *s, size_t n)
{
	char	*np;
	size_t	 cap;

	if (b->n + n + 1 > b->cap) {
		cap = b->cap ? b->cap : 4096;
		while (cap < b->n + n + 1)
			cap *= 2;
		if ((np = realloc(b->p, cap)) == NULL) {
			perror("realloc");
			exit(2);
		}
		b->p = np;
		b->cap = cap;
	}
	memcpy(b->p + b->n, s, n);
	b->n += n;
	b->p[b->n] = '\0';
}

static void
buf_str(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

static void
buf_clear(struct buf *b)
{
	b->n = 0;
	if (b->p != NULL)
		b->p[0] = '\0';
}

static void
buf_free(struct buf *b)
{
	free(b->p);
	b->p = NULL;
	b->n = b->cap = 0;
}

static char *
xstrdup(const char *s)
{
	char	*p = strdup(s);

	if (p == NULL) {
		perror("strdup");
		exit(2);
	}
	return p;
}

/* A string of n copies of c (caller frees). */
static char *
repeat(char c, size_t n)
{
	char	*p = malloc(n + 1);

	if (p == NULL)
		exit(2);
	memset(p, c, n);
	p[n] = '\0';
	return p;
}

/* ------------------------------------------------------------- client */

struct resp {
	long		 status;
	struct buf	 body;
	char		 location[2048];
	char		 ctype[256];
	char		 cache[256];
	char		 retry[64];
	char		 www_auth[256];	/* WWW-Authenticate */
	struct buf	 cookies;	/* Set-Cookie values, one per line */
	xmlDocPtr	 doc;		/* parsed body of an XML answer */
	char		 what[256];	/* "POST /api/login", for messages */
};

struct client {
	CURL		*h;
	const char	*name;
	char		 csrf[256];
	const char	*origin;	/* Origin header for the next requests */
	const char	*hdr[2];	/* more header lines ("Authorization: …") */
	struct resp	 r;
};

static size_t
on_body(char *p, size_t sz, size_t n, void *arg)
{
	buf_add(arg, p, sz * n);
	return sz * n;
}

/* Copies the value of a header line "Name: value\r\n" into out. */
static void
hdr_value(const char *line, size_t n, size_t namelen, char *out, size_t outlen)
{
	const char	*v = line + namelen;
	size_t		 k;

	while (v < line + n && (*v == ' ' || *v == '\t'))
		v++;
	k = (size_t)(line + n - v);
	while (k > 0 && (v[k - 1] == '\r' || v[k - 1] == '\n'))
		k--;
	if (k >= outlen)
		k = outlen - 1;
	memcpy(out, v, k);
	out[k] = '\0';
}

static size_t
on_header(char *p, size_t sz, size_t n, void *arg)
{
	struct resp	*r = arg;
	size_t		 len = sz * n;
	char		 v[4096];

	if (len >= 5 && strncmp(p, "HTTP/", 5) == 0) {	/* a new block */
		r->location[0] = r->ctype[0] = r->cache[0] = r->retry[0] = '\0';
		r->www_auth[0] = '\0';
		buf_clear(&r->cookies);
	} else if (len > 17 && strncasecmp(p, "WWW-Authenticate:", 17) == 0)
		hdr_value(p, len, 17, r->www_auth, sizeof(r->www_auth));
	else if (len > 9 && strncasecmp(p, "Location:", 9) == 0)
		hdr_value(p, len, 9, r->location, sizeof(r->location));
	else if (len > 13 && strncasecmp(p, "Content-Type:", 13) == 0)
		hdr_value(p, len, 13, r->ctype, sizeof(r->ctype));
	else if (len > 14 && strncasecmp(p, "Cache-Control:", 14) == 0)
		hdr_value(p, len, 14, r->cache, sizeof(r->cache));
	else if (len > 12 && strncasecmp(p, "Retry-After:", 12) == 0)
		hdr_value(p, len, 12, r->retry, sizeof(r->retry));
	else if (len > 11 && strncasecmp(p, "Set-Cookie:", 11) == 0) {
		hdr_value(p, len, 11, v, sizeof(v));
		buf_str(&r->cookies, v);
		buf_str(&r->cookies, "\n");
	}
	return len;
}

static struct client *
cl_new(const char *name)
{
	struct client	*c = calloc(1, sizeof(*c));

	if (c == NULL || (c->h = curl_easy_init()) == NULL) {
		fprintf(stderr, "itest: curl_easy_init failed\n");
		exit(2);
	}
	c->name = name;
	curl_easy_setopt(c->h, CURLOPT_COOKIEFILE, "");	/* in-memory engine */
	curl_easy_setopt(c->h, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(c->h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c->h, CURLOPT_TIMEOUT, 30L);
	curl_easy_setopt(c->h, CURLOPT_USERAGENT, "steward-itest/1");
	curl_easy_setopt(c->h, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(c->h, CURLOPT_WRITEDATA, &c->r.body);
	curl_easy_setopt(c->h, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(c->h, CURLOPT_HEADERDATA, &c->r);
	return c;
}

static void
resp_reset(struct resp *r)
{
	if (r->doc != NULL)
		xmlFreeDoc(r->doc);
	r->doc = NULL;
	r->status = 0;
	buf_clear(&r->body);
	buf_clear(&r->cookies);
	r->location[0] = r->ctype[0] = r->cache[0] = r->retry[0] = '\0';
	r->www_auth[0] = '\0';
	r->what[0] = '\0';
}

static void
cl_free(struct client *c)
{
	if (c == NULL)
		return;
	resp_reset(&c->r);
	buf_free(&c->r.body);
	buf_free(&c->r.cookies);
	curl_easy_cleanup(c->h);
	free(c);
}

/* Puts a cookie into the client's jar, as if the site had set it. */
static void
cl_set_cookie(struct client *c, const char *name, const char *val)
{
	char	 line[1024];

	snprintf(line, sizeof(line), "%s\tFALSE\t/\tFALSE\t0\t%s\t%s",
	    g_host, name, val);
	curl_easy_setopt(c->h, CURLOPT_COOKIELIST, line);
}

/* Collects the RELAX NG validation errors of one document. */
static void
on_rng_error(void *arg, const xmlError *e)
{
	struct buf	*b = arg;
	char		 line[512];

	if (b->n > 1500)
		return;
	snprintf(line, sizeof(line), "%sline %d: %s", b->n ? "; " : "",
	    e->line, e->message ? e->message : "?");
	if (line[strlen(line) - 1] == '\n')
		line[strlen(line) - 1] = '\0';
	buf_str(b, line);
}

/* Validates doc against the schema; the errors go into err. */
static int
schema_valid(xmlDocPtr doc, struct buf *err)
{
	xmlRelaxNGValidCtxtPtr	 v;
	int			 rc;

	if ((v = xmlRelaxNGNewValidCtxt(g_schema)) == NULL)
		return 0;
	xmlRelaxNGSetValidStructuredErrors(v,
	    (xmlStructuredErrorFunc)on_rng_error, err);
	rc = xmlRelaxNGValidateDoc(v, doc);
	xmlRelaxNGFreeValidCtxt(v);
	return rc == 0;
}

static int	xpath_count(xmlDocPtr, const char *);
static char	*xpath_str(xmlDocPtr, const char *, char *, size_t);

/*
 * After every response: a 500 fails the test; an /api answer must be an
 * XML document that parses (no network, no entities), carries no DOCTYPE,
 * states the HTTP status in /steward/@status and validates against the
 * schema.
 */
static void
resp_check(struct client *c, const char *path)
{
	struct resp	*r = &c->r;
	struct buf	 err = { 0 };
	char		 st[32];

	ck(r->status != 500, "%s answered 500", r->what);
	if (strncmp(path, "/api/", 5) != 0)
		return;
	if (!ck(strncmp(r->ctype, "application/xml", 15) == 0,
	    "%s: Content-Type \"%s\", not application/xml (status %ld)",
	    r->what, r->ctype, r->status))
		return;
	if (!ck(r->body.n > 0, "%s: empty XML body", r->what))
		return;
	r->doc = xmlReadMemory(r->body.p, (int)r->body.n, NULL, NULL,
	    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (!ck(r->doc != NULL, "%s: body is not well-formed XML", r->what))
		return;
	ck(r->doc->intSubset == NULL, "%s: document has a DOCTYPE", r->what);
	xpath_str(r->doc, "/steward/@status", st, sizeof(st));
	ck(atol(st) == r->status, "%s: /steward/@status=\"%s\" but HTTP %ld",
	    r->what, st, r->status);
	if (!schema_valid(r->doc, &err))
		ck(0, "%s (HTTP %ld): document not valid against %s: %s",
		    r->what, r->status, g_schema_path, err.p ? err.p : "?");
	buf_free(&err);
}

/*
 * One request.  body NULL: GET; else POST with body and ctype (NULL:
 * application/x-www-form-urlencoded).  Returns the status (0 when the
 * transfer failed).
 */
static long
cl_request(struct client *c, const char *path, const char *body,
    const char *ctype)
{
	struct curl_slist	*h = NULL;
	char			 url[8192], line[1024];
	CURLcode		 rc;

	resp_reset(&c->r);
	snprintf(c->r.what, sizeof(c->r.what), "%s %.200s%s",
	    body ? "POST" : "GET", path, strlen(path) > 200 ? "…" : "");
	snprintf(url, sizeof(url), "%s%s", g_url, path);
	curl_easy_setopt(c->h, CURLOPT_URL, url);
	h = curl_slist_append(h, "Expect:");
	if (c->origin != NULL) {
		snprintf(line, sizeof(line), "Origin: %s", c->origin);
		h = curl_slist_append(h, line);
	}
	if (c->hdr[0] != NULL)
		h = curl_slist_append(h, c->hdr[0]);
	if (c->hdr[1] != NULL)
		h = curl_slist_append(h, c->hdr[1]);
	if (body != NULL) {
		snprintf(line, sizeof(line), "Content-Type: %s",
		    ctype ? ctype : "application/x-www-form-urlencoded");
		h = curl_slist_append(h, line);
		curl_easy_setopt(c->h, CURLOPT_POST, 1L);
		curl_easy_setopt(c->h, CURLOPT_POSTFIELDSIZE, (long)strlen(body));
		curl_easy_setopt(c->h, CURLOPT_COPYPOSTFIELDS, body);
	} else
		curl_easy_setopt(c->h, CURLOPT_HTTPGET, 1L);
	curl_easy_setopt(c->h, CURLOPT_HTTPHEADER, h);
	rc = curl_easy_perform(c->h);
	curl_easy_setopt(c->h, CURLOPT_HTTPHEADER, NULL);
	curl_slist_free_all(h);
	if (rc != CURLE_OK) {
		ck(0, "%s: %s", c->r.what, curl_easy_strerror(rc));
		c->r.status = 0;
		return 0;
	}
	curl_easy_getinfo(c->h, CURLINFO_RESPONSE_CODE, &c->r.status);
	resp_check(c, path);
	return c->r.status;
}

static long
get(struct client *c, const char *path)
{
	return cl_request(c, path, NULL, NULL);
}

/* Appends name=value, both percent-encoded, to a form body. */
static void
form_add(struct client *c, struct buf *b, const char *k, const char *v)
{
	char	*ek, *ev;

	ek = curl_easy_escape(c->h, k, 0);
	ev = curl_easy_escape(c->h, v, 0);
	if (b->n > 0)
		buf_str(b, "&");
	buf_str(b, ek);
	buf_str(b, "=");
	buf_str(b, ev);
	curl_free(ek);
	curl_free(ev);
}

/* POST of an urlencoded form: name, value pairs, NULL-terminated. */
static long
post(struct client *c, const char *path, ...)
{
	struct buf	 b = { 0 };
	const char	*k, *v;
	va_list		 ap;
	long		 st;

	va_start(ap, path);
	while ((k = va_arg(ap, const char *)) != NULL) {
		v = va_arg(ap, const char *);
		form_add(c, &b, k, v ? v : "");
	}
	va_end(ap);
	st = cl_request(c, path, b.p ? b.p : "", NULL);
	buf_free(&b);
	return st;
}

/* POST of a body already encoded. */
static long
post_raw(struct client *c, const char *path, const char *body, const char *ctype)
{
	return cl_request(c, path, body, ctype);
}

/* 1 when the last answer set cookie name; its value (maybe "") into out. */
static int
set_cookie(struct client *c, const char *name, char *out, size_t outlen,
    char *attrs, size_t attrslen)
{
	const char	*p = c->r.cookies.p, *eol, *semi;
	size_t		 n = strlen(name), k;

	for (; p != NULL && *p != '\0'; p = *eol ? eol + 1 : eol) {
		eol = strchr(p, '\n');
		if (eol == NULL)
			eol = p + strlen(p);
		if (strncmp(p, name, n) != 0 || p[n] != '=')
			continue;
		semi = memchr(p, ';', (size_t)(eol - p));
		if (semi == NULL)
			semi = eol;
		k = (size_t)(semi - p - n - 1);
		if (out != NULL) {
			if (k >= outlen)
				k = outlen - 1;
			memcpy(out, p + n + 1, k);
			out[k] = '\0';
		}
		if (attrs != NULL) {
			k = (size_t)(eol - semi);
			if (k >= attrslen)
				k = attrslen - 1;
			memcpy(attrs, semi, k);
			attrs[k] = '\0';
		}
		return 1;
	}
	return 0;
}

/* 1 when the last answer set cookie name to a non-empty value. */
static int
sets_cookie(struct client *c, const char *name)
{
	char	 v[512];

	return set_cookie(c, name, v, sizeof(v), NULL, 0) && v[0] != '\0';
}

static int
body_has(struct client *c, const char *needle)
{
	return c->r.body.p != NULL && strstr(c->r.body.p, needle) != NULL;
}

/* ------------------------------------------------------------- xpath */

static xmlXPathObjectPtr
xp_eval(xmlDocPtr doc, const char *expr)
{
	xmlXPathContextPtr	 ctx;
	xmlXPathObjectPtr	 o;

	if (doc == NULL || (ctx = xmlXPathNewContext(doc)) == NULL)
		return NULL;
	o = xmlXPathEvalExpression((const xmlChar *)expr, ctx);
	xmlXPathFreeContext(ctx);
	return o;
}

/* The number of nodes expr selects (0 without a document). */
static int
xpath_count(xmlDocPtr doc, const char *expr)
{
	xmlXPathObjectPtr	 o = xp_eval(doc, expr);
	int			 n = 0;

	if (o != NULL && o->type == XPATH_NODESET && o->nodesetval != NULL)
		n = o->nodesetval->nodeNr;
	xmlXPathFreeObject(o);
	return n;
}

/* The string value of expr into out ("" when nothing); returns out. */
static char *
xpath_str(xmlDocPtr doc, const char *expr, char *out, size_t outlen)
{
	xmlXPathObjectPtr	 o = xp_eval(doc, expr);
	xmlChar			*s;

	out[0] = '\0';
	if (o != NULL && (s = xmlXPathCastToString(o)) != NULL) {
		snprintf(out, outlen, "%s", (const char *)s);
		xmlFree(s);
	}
	xmlXPathFreeObject(o);
	return out;
}

/* xpath_str into a static buffer, for one-off comparisons. */
static const char *
xs(struct client *c, const char *expr)
{
	static char	 buf[4096];

	return xpath_str(c->r.doc, expr, buf, sizeof(buf));
}

/* ------------------------------------------------------ steward-admin */

/*
 * Runs steward-admin -c CONF with args (NULL-terminated); input, when not
 * NULL, is written to its stdin.  Its stdout goes into out.  Returns the
 * exit status (-1 when it could not run).
 */
static int
admin_run(const char *input, char *out, size_t outlen, ...)
{
	const char	*argv[32];
	int		 in[2], op[2], st, argc = 0;
	pid_t		 pid;
	size_t		 got = 0;
	ssize_t		 k;
	va_list		 ap;

	argv[argc++] = g_admin;
	argv[argc++] = "-c";
	argv[argc++] = g_conf;
	va_start(ap, outlen);
	while (argc < 31 && (argv[argc] = va_arg(ap, const char *)) != NULL)
		argc++;
	va_end(ap);
	argv[argc] = NULL;
	if (pipe(in) == -1 || pipe(op) == -1)
		return -1;
	fflush(stdout);
	if ((pid = fork()) == -1)
		return -1;
	if (pid == 0) {
		dup2(in[0], 0);
		dup2(op[1], 1);
		close(in[0]); close(in[1]); close(op[0]); close(op[1]);
		execv(g_admin, (char *const *)argv);
		fprintf(stderr, "itest: %s: %s\n", g_admin, strerror(errno));
		_exit(127);
	}
	close(in[0]);
	close(op[1]);
	if (input != NULL) {
		(void)!write(in[1], input, strlen(input));
		(void)!write(in[1], "\n", 1);
	}
	close(in[1]);
	while (outlen > 0 && (k = read(op[0], out + got, outlen - got - 1)) > 0)
		got += (size_t)k;
	if (outlen > 0)
		out[got] = '\0';
	close(op[0]);
	if (waitpid(pid, &st, 0) == -1)
		return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* Forgets sign-in failures of email and of this machine's address. */
static void
unlock(const char *email)
{
	char	 out[256];

	if (admin_run(NULL, out, sizeof(out), "user-unlock", email, "--ip",
	    "127.0.0.1", NULL) != 0)
		fprintf(stderr, "itest: user-unlock %s failed\n", email);
}

/* ------------------------------------------------------------ fixtures */

struct user {
	const char	*role;
	char		 email[128];
	char		 password[64];
	char		 name[64];
};

struct account {
	char		 org[32];
	char		 id[32];	/* public Account ID */
	char		 passcode[64];
};

static struct account	 A, B;
static struct user	 U_admin = { .role = "admin" }, U_creator = { .role = "creator" },
			 U_member = { .role = "member" }, U_agent = { .role = "agent" },
			 U_throttle = { .role = "member" }, U_badmin = { .role = "admin" };
static struct user	*U_roles[] = { &U_admin, &U_creator, &U_member, &U_agent };

static int
make_account(struct account *a, const char *label)
{
	char	 name[64], out[512], *p;

	snprintf(name, sizeof(name), "Itest %s %s", label, g_tag);
	if (admin_run(NULL, out, sizeof(out), "org-create", name,
	    "--account-name", "Itest app", "--region", "eu1", "--timezone",
	    "Europe/Berlin", NULL) != 0 ||
	    sscanf(out, "org=%31s account=%31s", a->org, a->id) != 2) {
		fprintf(stderr, "itest: org-create failed: %s\n", out);
		return -1;
	}
	if (admin_run(NULL, out, sizeof(out), "passcode-show", "--account",
	    a->id, NULL) != 0) {
		fprintf(stderr, "itest: passcode-show failed\n");
		return -1;
	}
	if ((p = strchr(out, '\n')) != NULL)
		*p = '\0';
	snprintf(a->passcode, sizeof(a->passcode), "%.63s", out);
	return a->passcode[0] != '\0' ? 0 : -1;
}

static int
make_user(struct user *u, const char *label, const struct account *a)
{
	char	 out[512];

	snprintf(u->email, sizeof(u->email), "itest-%s-%s@example.com", g_tag,
	    label);
	snprintf(u->password, sizeof(u->password), "Quiet harbour %s lamp %s",
	    g_tag, u->role);
	snprintf(u->name, sizeof(u->name), "Itest %s", label);
	if (admin_run(u->password, out, sizeof(out), "user-add", u->email,
	    u->role, "--account", a->id, "--name", u->name, NULL) != 0) {
		fprintf(stderr, "itest: user-add %s failed: %s\n", u->email, out);
		return -1;
	}
	return 0;
}

/* ----------------------------------------------------------- sign-in */

/* GET /api/login: the pre-session cookie and the form's token. */
static int
load_login_csrf(struct client *c)
{
	if (get(c, "/api/login") != 200)
		return 0;
	xpath_str(c->r.doc, "/steward/csrf", c->csrf, sizeof(c->csrf));
	return c->csrf[0] != '\0';
}

/* GET /api/settings and keep the session's CSRF token; the status. */
static long
load_settings(struct client *c)
{
	long	 st = get(c, "/api/settings");

	if (st == 200)
		xpath_str(c->r.doc, "/steward/csrf", c->csrf, sizeof(c->csrf));
	return st;
}

/*
 * Signs c in through /api/login (pre-session token first).  On success
 * the client holds the session and its CSRF token.  Returns the status
 * of the POST (303 on success).
 */
static long
signin(struct client *c, const char *email, const char *pw)
{
	long	 st;

	if (!load_login_csrf(c))
		return c->r.status ? c->r.status : -1;
	st = post(c, "/api/login", "email", email, "password", pw, "csrf",
	    c->csrf, NULL);
	if (st == 303 && load_settings(c) != 200)
		return -2;
	return st;
}

/* A new client signed in as u, or NULL (the failure recorded). */
static struct client *
signed_in(struct user *u)
{
	struct client	*c = cl_new(u->role);
	long		 st = signin(c, u->email, u->password);

	if (!ck(st == 303, "sign-in as %s (%s) answered %ld", u->role,
	    u->email, st)) {
		cl_free(c);
		return NULL;
	}
	return c;
}

/* The current stw_session value in c's cookie jar (or ""). */
static void
jar_cookie(struct client *c, const char *name, char *out, size_t outlen)
{
	struct curl_slist	*l = NULL, *p;
	const char		*f[7], *s;
	int			 i;

	out[0] = '\0';
	if (curl_easy_getinfo(c->h, CURLINFO_COOKIELIST, &l) != CURLE_OK)
		return;
	for (p = l; p != NULL; p = p->next) {
		s = p->data;
		for (i = 0; i < 7 && s != NULL; i++) {
			f[i] = s;
			s = strchr(s, '\t');
			if (s != NULL)
				s++;
		}
		if (i < 7)
			continue;
		if (strncmp(f[5], name, strlen(name)) == 0 &&
		    f[5][strlen(name)] == '\t')
			snprintf(out, outlen, "%s", f[6]);
	}
	curl_slist_free_all(l);
}

/* ---------------------------------------------------------------- mail */

struct snap {
	char	**names;
	size_t	  n;
};

static void
snap_take(struct snap *s)
{
	char		 dir[PATH_MAX + 8];
	DIR		*d;
	struct dirent	*e;
	size_t		 cap = 0, k;
	char		**np;

	s->names = NULL;
	s->n = 0;
	snprintf(dir, sizeof(dir), "%s/mail", g_var);
	if ((d = opendir(dir)) == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		k = strlen(e->d_name);
		if (k < 5 || strcmp(e->d_name + k - 4, ".eml") != 0)
			continue;
		if (s->n == cap) {
			cap = cap ? cap * 2 : 64;
			if ((np = realloc(s->names, cap * sizeof(*np))) == NULL)
				exit(2);
			s->names = np;
		}
		s->names[s->n++] = xstrdup(e->d_name);
	}
	closedir(d);
}

static void
snap_free(struct snap *s)
{
	size_t	 i;

	for (i = 0; i < s->n; i++)
		free(s->names[i]);
	free(s->names);
	s->names = NULL;
	s->n = 0;
}

static char *
read_all(const char *path)
{
	struct buf	 b = { 0 };
	char		 tmp[4096];
	size_t		 k;
	FILE		*f = fopen(path, "r");

	if (f == NULL)
		return NULL;
	while ((k = fread(tmp, 1, sizeof(tmp), f)) > 0)
		buf_add(&b, tmp, k);
	fclose(f);
	if (b.p == NULL)
		buf_add(&b, "", 0);
	return b.p;
}

/* The size of the worker's log (g_log) now; 0 when absent. */
static long
log_size(void)
{
	struct stat	 st;

	return stat(g_log, &st) == 0 ? (long)st.st_size : 0;
}

/* How many lines of the worker's log since offset log0 hold needle. */
static int
log_count_since(long log0, const char *needle)
{
	char	*log, *p;
	int	 n = 0;

	if ((log = read_all(g_log)) == NULL)
		return 0;
	p = (long)strlen(log) >= log0 ? log + log0 : log;
	while ((p = strstr(p, needle)) != NULL) {
		n++;
		p += strcspn(p, "\n");
	}
	free(log);
	return n;
}

/*
 * The number of mails written since before that contain needle; the text
 * of the first one into *first (caller frees) when first is not NULL.
 */
static int
mail_new(const struct snap *before, const char *needle, char **first)
{
	struct snap	 now;
	size_t		 i, j;
	char		 path[PATH_MAX * 2], *text;
	int		 count = 0;

	if (first != NULL)
		*first = NULL;
	snap_take(&now);
	for (i = 0; i < now.n; i++) {
		for (j = 0; j < before->n; j++)
			if (strcmp(now.names[i], before->names[j]) == 0)
				break;
		if (j < before->n)
			continue;
		snprintf(path, sizeof(path), "%s/mail/%s", g_var, now.names[i]);
		if ((text = read_all(path)) == NULL)
			continue;
		if (strstr(text, needle) != NULL) {
			if (count++ == 0 && first != NULL) {
				*first = text;
				text = NULL;
			}
		}
		free(text);
	}
	snap_free(&now);
	return count;
}

/* ---------------------------------------------------------------- main */

static void
env_path(char *out, size_t outlen, const char *var, const char *rel)
{
	const char	*v = getenv(var);

	if (v != NULL && *v != '\0')
		snprintf(out, outlen, "%s", v);
	else
		snprintf(out, outlen, "%s/%s", g_root, rel);
}

/*
 * The stack's address when STEWARD_URL is not set: the public_url of the
 * configuration at g_conf (the driver keeps it in step with STEWARD_PORT),
 * else http://127.0.0.1:8080; into out.
 */
static void
conf_url(char *out, size_t outlen)
{
	char	*conf = read_all(g_conf), *p, *v, *nl;
	size_t	 n;

	snprintf(out, outlen, "http://127.0.0.1:8080");
	for (p = conf; p != NULL; p = nl != NULL ? nl + 1 : NULL) {
		nl = strchr(p, '\n');
		if (strncmp(p, "public_url", 10) != 0 ||
		    (p[10] != ' ' && p[10] != '\t' && p[10] != '='))
			continue;
		v = p + 10 + strspn(p + 10, " \t=");
		if ((n = strcspn(v, " \t\r\n")) > 0)
			snprintf(out, outlen, "%.*s", (int)n, v);
		break;
	}
	free(conf);
}

/* The repository root: the cwd when it looks like one, else ../../.. of the binary. */
static void
find_root(const char *argv0)
{
	char		 exe[PATH_MAX], *p;
	struct stat	 st;
	ssize_t		 n;
	int		 up;

	if (stat("fcgi/steward-admin", &st) == 0 || stat("xslt/steward.rng", &st) == 0) {
		if (getcwd(g_root, sizeof(g_root)) != NULL)
			return;
	}
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n <= 0) {
		snprintf(exe, sizeof(exe), "%s", argv0);
		n = (ssize_t)strlen(exe);
	}
	exe[n] = '\0';
	for (up = 0; up < 3 && (p = strrchr(exe, '/')) != NULL; up++)
		*p = '\0';
	if (up == 3 && exe[0] != '\0') {
		snprintf(g_root, sizeof(g_root), "%.*s", (int)sizeof(g_root) - 1, exe);
		return;
	}
	snprintf(g_root, sizeof(g_root), ".");
}

static void
parse_url(void)
{
	CURLU	*u = curl_url();
	char	*host = NULL, *scheme = NULL, *port = NULL;

	if (u != NULL && curl_url_set(u, CURLUPART_URL, g_url, 0) == CURLUE_OK) {
		curl_url_get(u, CURLUPART_HOST, &host, 0);
		curl_url_get(u, CURLUPART_SCHEME, &scheme, 0);
		curl_url_get(u, CURLUPART_PORT, &port, 0);
	}
	snprintf(g_host, sizeof(g_host), "%s", host ? host : "127.0.0.1");
	snprintf(g_origin, sizeof(g_origin), "%s://%s%s%s", scheme ? scheme : "http",
	    g_host, port ? ":" : "", port ? port : "");
	curl_free(host);
	curl_free(scheme);
	curl_free(port);
	curl_url_cleanup(u);
}

static int
load_schema(void)
{
	xmlRelaxNGParserCtxtPtr	 p;

	if ((p = xmlRelaxNGNewParserCtxt(g_schema_path)) == NULL)
		return -1;
	g_schema = xmlRelaxNGParse(p);
	xmlRelaxNGFreeParserCtxt(p);
	return g_schema != NULL ? 0 : -1;
}

static int
setup(void)
{
	unsigned char	 r[4];
	int		 fd;

	fd = open("/dev/urandom", O_RDONLY);
	if (fd < 0 || read(fd, r, sizeof(r)) != (ssize_t)sizeof(r)) {
		fprintf(stderr, "itest: /dev/urandom\n");
		return -1;
	}
	close(fd);
	snprintf(g_tag, sizeof(g_tag), "%02x%02x%02x%02x", r[0], r[1], r[2], r[3]);
	if (make_account(&A, "A") == -1 || make_account(&B, "B") == -1 ||
	    make_user(&U_admin, "admin", &A) == -1 ||
	    make_user(&U_creator, "creator", &A) == -1 ||
	    make_user(&U_member, "member", &A) == -1 ||
	    make_user(&U_agent, "agent", &A) == -1 ||
	    make_user(&U_throttle, "throttle", &A) == -1 ||
	    make_user(&U_badmin, "badmin", &B) == -1)
		return -1;
	unlock(U_admin.email);		/* also forgets 127.0.0.1 */
	return 0;
}

