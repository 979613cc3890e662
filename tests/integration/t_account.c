/*
 * What the tests of the account settings pages share (billing,
 * organization, time zone, credentials: t_billing.c … t_credentials.c):
 * their fixtures, made once per run with steward-admin whichever group
 * runs first, and the helpers that post bad input and check that it
 * changed nothing.  Included by itest.c before those files.
 */

#include <time.h>

/* Organizations: X (all roles, a second account), Y (a foreign one),
 * C (concurrency) and P (the period close and DST). */
static struct account	 X, Y, C, P;
static char		 X2[32];		/* X's second account */
static struct user	 UX_admin = { .role = "admin" }, UX_creator = { .role = "creator" },
			 UX_member = { .role = "member" }, UX_agent = { .role = "agent" },
			 UY_admin = { .role = "admin" }, UC_admin = { .role = "admin" },
			 UP_admin = { .role = "admin" };

/* ------------------------------------------------------------ fixtures */

/* Today's UTC date, YYYY-MM-DD. */
static const char *
utc_today(void)
{
	static char	 d[16];
	time_t		 t = time(NULL);
	struct tm	 tm;

	gmtime_r(&t, &tm);
	strftime(d, sizeof(d), "%Y-%m-%d", &tm);
	return d;
}

/* Makes the organizations, users and second account; 0 on success. */
static int
account_fixtures(void)
{
	char	 out[512];

	if (make_account(&X, "acct-X") == -1 || make_account(&Y, "acct-Y") == -1 ||
	    make_account(&C, "acct-C") == -1 || make_account(&P, "acct-P") == -1 ||
	    make_user(&UX_admin, "x-admin", &X) == -1 ||
	    make_user(&UX_creator, "x-creator", &X) == -1 ||
	    make_user(&UX_member, "x-member", &X) == -1 ||
	    make_user(&UX_agent, "x-agent", &X) == -1 ||
	    make_user(&UY_admin, "y-admin", &Y) == -1 ||
	    make_user(&UC_admin, "c-admin", &C) == -1 ||
	    make_user(&UP_admin, "p-admin", &P) == -1)
		return -1;
	if (admin_run(NULL, out, sizeof(out), "account-create", "--org", X.org,
	    "Itest second app", NULL) != 0 || sscanf(out, "account=%31s", X2) != 1)
		return -1;
	return 0;
}

/*
 * 1 when the fixtures are there: the first group to ask makes them (one
 * test), later ones get the answer it had.
 */
static int
account_ready(void)
{
	static int	 state;		/* 0 not yet, 1 made, -1 failed */

	if (state != 0)
		return state == 1;
	t_begin("account: fixtures (organizations X, Y, C, P; every role in X; a second account in X)");
	state = ck(account_fixtures() == 0,
	    "steward-admin could not make the fixtures") ? 1 : -1;
	t_end();
	return state == 1;
}

/* ------------------------------------------------------------ requests */

/* GET of an /api page as c; its status. */
static long
api(struct client *c, const char *path)
{
	char	 p[1024];

	snprintf(p, sizeof(p), "/api%s", path);
	return get(c, p);
}

/*
 * POST of an already encoded body plus the csrf field: csrf 1 the
 * client's token, 2 a wrong one, 0 none.
 */
static long
post_csrf(struct client *c, const char *path, const char *body, int csrf)
{
	struct buf	 b = { 0 };
	long		 st;

	buf_str(&b, body);
	if (csrf == 1) {
		buf_str(&b, b.n ? "&csrf=" : "csrf=");
		buf_str(&b, c->csrf);
	} else if (csrf == 2)
		buf_str(&b, b.n ? "&csrf=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" :
		    "csrf=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
	st = post_raw(c, path, b.p ? b.p : "", NULL);
	buf_free(&b);
	return st;
}

/* Appends the values of a list of XPath expressions to b (a state snapshot). */
static void
snap_xpaths(struct client *c, const char *const *exprs, struct buf *b)
{
	char	 v[4096];

	for (; *exprs != NULL; exprs++) {
		xpath_str(c->r.doc, *exprs, v, sizeof(v));
		buf_str(b, v);
		buf_str(b, "|");
	}
}

/* An encoded form body from name, value pairs (NULL-terminated). */
static char *
form(struct client *c, ...)
{
	struct buf	 b = { 0 };
	const char	*k, *v;
	va_list		 ap;

	va_start(ap, c);
	while ((k = va_arg(ap, const char *)) != NULL) {
		v = va_arg(ap, const char *);
		form_add(c, &b, k, v);
	}
	va_end(ap);
	if (b.p == NULL)
		buf_str(&b, "");
	return b.p;
}

/* "name=VALUE&rest" with VALUE n copies of c (caller frees). */
static char *
long_field(const char *name, char c, size_t n, const char *rest)
{
	struct buf	 b = { 0 };
	char		*v = repeat(c, n);

	buf_str(&b, name);
	buf_str(&b, "=");
	buf_str(&b, v);
	buf_str(&b, rest);
	free(v);
	return b.p;
}

/* ---------------------------------------------------------- bad input */

/*
 * A bad submission: body (encoded, without csrf), how csrf is sent, the
 * status expected (0: 400 or 422) and, for a 422, the field of the error
 * (NULL: an error without a field).
 */
struct badcase {
	const char	*name, *body;
	int		 csrf, status;
	const char	*field;
};

/*
 * Posts each row as c and checks the answer, that an error names the
 * field, that a 400 is the decoder's error page, that the state seen by
 * adm (snap) is unchanged, and that the session survives.
 */
static void
bad_posts(const char *what, struct client *c, struct client *adm,
    const char *path, const struct badcase *rows, size_t n,
    void (*snap)(struct client *, struct buf *))
{
	struct buf	 before = { 0 }, after = { 0 };
	char		 name[400], expr[200];
	size_t		 i;

	for (i = 0; i < n; i++) {
		snprintf(name, sizeof(name), "%s: %s -> %s%s%s, nothing changed",
		    what, rows[i].name, rows[i].status == 0 ? "400/422" :
		    rows[i].status == 400 ? "400" : rows[i].status == 403 ? "403" :
		    rows[i].status == 404 ? "404" : "422",
		    rows[i].status == 422 && rows[i].field ? " naming " : "",
		    rows[i].status == 422 && rows[i].field ? rows[i].field : "");
		t_begin(name);
		snap(adm, &before);
		post_csrf(c, path, rows[i].body, rows[i].csrf);
		if (rows[i].status == 0)
			ck(c->r.status == 400 || c->r.status == 422,
			    "answered %ld", c->r.status);
		else
			ck(c->r.status == rows[i].status, "answered %ld (%s)",
			    c->r.status, xs(c, "string(/steward/errors/error | /steward/error-page)"));
		if (c->r.status == 422) {
			if (rows[i].field != NULL)
				snprintf(expr, sizeof(expr),
				    "/steward/errors/error[@field='%s']", rows[i].field);
			else
				snprintf(expr, sizeof(expr),
				    "/steward/errors/error[not(@field)]");
			ck(xpath_count(c->r.doc, expr) > 0, "no %s (errors: %s)",
			    expr, xs(c, "string(/steward/errors)"));
			ck(xs(c, "string(/steward/errors/error)")[0] != '\0',
			    "the error has no text");
		}
		if (c->r.status == 400)
			ck(xpath_count(c->r.doc, "/steward/error-page[@status='400']") == 1,
			    "no 400 error page");
		if (c->r.status == 403)
			ck(xpath_count(c->r.doc, "/steward/error-page[@status='403']") == 1,
			    "no 403 error page");
		snap(adm, &after);
		ck(before.p != NULL && after.p != NULL && strcmp(before.p, after.p) == 0,
		    "the state changed: before [%s] after [%s]", before.p ? before.p : "",
		    after.p ? after.p : "");
		ck(load_settings(c) == 200, "the session does not survive (%ld)",
		    c->r.status);
		t_end();
	}
	buf_free(&before);
	buf_free(&after);
}

/* A field too long for its validator: n copies of c, then the rest of the body. */
struct long_case {
	const char	*name, *field;
	char		 c;
	size_t		 n;
	const char	*rest;
};

/*
 * Posts each row as the Admin of X to path (as bad_posts()): each must
 * be refused with a 422 naming its field, changing nothing snap sees.
 */
static void
too_long_posts(const char *what, const char *path, const struct long_case *rows,
    size_t n, void (*snap)(struct client *, struct buf *))
{
	struct client	*a = signed_in(&UX_admin);
	struct badcase	 bc;
	char		*body;
	size_t		 i;

	if (a == NULL)
		return;
	for (i = 0; i < n; i++) {
		body = long_field(rows[i].field, rows[i].c, rows[i].n, rows[i].rest);
		bc = (struct badcase){ rows[i].name, body, 1, 422, rows[i].field };
		bad_posts(what, a, a, path, &bc, 1, snap);
		free(body);
	}
	cl_free(a);
}

/* ------------------------------------------------------ database, audit */

/* Reads the whole database with mariadb-dump into b; 0 on success. */
static int
db_dump(struct buf *b)
{
	char	*conf = read_all(g_conf), *p, *line, sock[512] = "", user[128] = "",
		 pw[256] = "", db[128] = "", tmp[4096];
	int	 op[2], st;
	pid_t	 pid;
	ssize_t	 k;

	if (conf == NULL)
		return -1;
	for (line = strtok_r(conf, "\n", &p); line != NULL; line = strtok_r(NULL, "\n", &p)) {
		sscanf(line, "db_socket = %511s", sock);
		sscanf(line, "db_user = %127s", user);
		sscanf(line, "db_password = %255s", pw);
		sscanf(line, "db_name = %127s", db);
	}
	free(conf);
	if (pipe(op) == -1 || (pid = fork()) == -1)
		return -1;
	if (pid == 0) {
		char	 sarg[600], uarg[200];

		snprintf(sarg, sizeof(sarg), "--socket=%s", sock);
		snprintf(uarg, sizeof(uarg), "--user=%s", user);
		setenv("MYSQL_PWD", pw, 1);
		dup2(op[1], 1);
		close(op[0]);
		close(op[1]);
		execlp("mariadb-dump", "mariadb-dump", sarg, uarg,
		    "--skip-extended-insert", "--hex-blob", "--single-transaction",
		    db, (char *)NULL);
		_exit(127);
	}
	close(op[1]);
	buf_clear(b);
	while ((k = read(op[0], tmp, sizeof(tmp))) > 0)
		buf_add(b, tmp, (size_t)k);
	close(op[0]);
	if (waitpid(pid, &st, 0) == -1 || !WIFEXITED(st) || WEXITSTATUS(st) != 0)
		return -1;
	return b->n > 1000 ? 0 : -1;
}

/*
 * One test, name: each of the n audit actions has a row in a mariadb-dump
 * of the database.
 */
static void
audit_rows(const char *name, const char *const *actions, size_t n)
{
	struct buf	 dump = { 0 };
	char		 needle[64];
	size_t		 i;

	t_begin(name);
	REQUIRE(db_dump(&dump) == 0, "mariadb-dump failed");
	for (i = 0; i < n; i++) {
		snprintf(needle, sizeof(needle), "'%s'", actions[i]);
		REQUIRE(strstr(dump.p, needle) != NULL, "no audit row %s", actions[i]);
	}
done:
	buf_free(&dump);
	t_end();
}
