/*
 * Tests of the profile part (issue 4): profile details, sign-in email
 * change, password change and reset, 2-step verification (set-up, second
 * sign-in step, recovery codes, turning off, an Admin's reset, the
 * organization's requirement), sessions, lock-out.  Every refusal is
 * checked for its clear error and for nothing having changed, by reading
 * the database (the mariadb client with the stack's steward.conf) and
 * the pages.  TOTP codes come from oathtool (Debian), as an app would
 * make them.  Included by itest.c after t_core.c.
 */

#include <time.h>

/* ------------------------------------------------------------ helpers */

static char	 pf_db_socket[PATH_MAX], pf_db_user[128], pf_db_pw[256],
		 pf_db_name[128];
static struct account	 PA, PB, PC;	/* C: its organization requires 2FA */

/* Reads the database settings of steward.conf (once). */
static void
pf_conf(void)
{
	FILE	*f;
	char	 line[1024], *eq, *k, *v, *e;

	if (pf_db_user[0] != '\0' || (f = fopen(g_conf, "r")) == NULL)
		return;
	while (fgets(line, sizeof(line), f) != NULL) {
		if ((eq = strchr(line, '=')) == NULL || line[0] == '#')
			continue;
		*eq = '\0';
		k = line;
		while (*k == ' ')
			k++;
		for (e = eq - 1; e >= k && (*e == ' ' || *e == '\t'); e--)
			*e = '\0';
		v = eq + 1;
		while (*v == ' ')
			v++;
		v[strcspn(v, "\r\n")] = '\0';
		if (strcmp(k, "db_socket") == 0)
			snprintf(pf_db_socket, sizeof(pf_db_socket), "%s", v);
		else if (strcmp(k, "db_user") == 0)
			snprintf(pf_db_user, sizeof(pf_db_user), "%s", v);
		else if (strcmp(k, "db_password") == 0)
			snprintf(pf_db_pw, sizeof(pf_db_pw), "%s", v);
		else if (strcmp(k, "db_name") == 0)
			snprintf(pf_db_name, sizeof(pf_db_name), "%s", v);
	}
	fclose(f);
	if (pf_db_user[0] == '\0')
		snprintf(pf_db_user, sizeof(pf_db_user), "steward");
	if (pf_db_name[0] == '\0')
		snprintf(pf_db_name, sizeof(pf_db_name), "steward");
}

/*
 * Runs argv (NULL-terminated, argv[0] a path or a name in PATH) and
 * keeps its stdout, trailing newlines cut.  Returns the exit status.
 */
static int
pf_run(char *out, size_t outlen, const char *const argv[])
{
	int	 op[2], st;
	pid_t	 pid;
	size_t	 got = 0;
	ssize_t	 k;

	if (pipe(op) == -1)
		return -1;
	fflush(stdout);
	if ((pid = fork()) == -1)
		return -1;
	if (pid == 0) {
		int null = open("/dev/null", O_RDWR);
		dup2(null, 0);
		dup2(op[1], 1);
		close(op[0]);
		close(op[1]);
		execvp(argv[0], (char *const *)argv);
		_exit(127);
	}
	close(op[1]);
	while (got + 1 < outlen && (k = read(op[0], out + got, outlen - got - 1)) > 0)
		got += (size_t)k;
	out[got] = '\0';
	while (got > 0 && (out[got - 1] == '\n' || out[got - 1] == '\r'))
		out[--got] = '\0';
	close(op[0]);
	if (waitpid(pid, &st, 0) == -1)
		return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/*
 * One SQL statement through the mariadb client (tab-separated, no
 * headers) into out.  Only the tests build SQL from strings, and only
 * from their own fixtures.  Returns 0 on success.
 */
static int
pf_sql(char *out, size_t outlen, const char *fmt, ...)
{
	char		 q[4096], sock[PATH_MAX + 16], pw[300];
	char		 tmp[8192];
	const char	*argv[12];
	va_list		 ap;
	int		 n = 0, rc;

	pf_conf();
	va_start(ap, fmt);
	vsnprintf(q, sizeof(q), fmt, ap);
	va_end(ap);
	snprintf(sock, sizeof(sock), "--socket=%s", pf_db_socket);
	snprintf(pw, sizeof(pw), "--password=%s", pf_db_pw);
	argv[n++] = "mariadb";
	if (pf_db_socket[0] != '\0')
		argv[n++] = sock;
	argv[n++] = "-u";
	argv[n++] = pf_db_user;
	argv[n++] = pw;
	argv[n++] = "-N";
	argv[n++] = "-B";
	argv[n++] = pf_db_name;
	argv[n++] = "-e";
	argv[n++] = q;
	argv[n] = NULL;
	rc = pf_run(out ? out : tmp, out ? outlen : sizeof(tmp), argv);
	if (rc != 0)
		fprintf(stderr, "itest: sql failed (%d): %s\n", rc, q);
	return rc;
}

/* The first value a query returns, in a static buffer ("" on error). */
static const char *
pf_sqlv(const char *fmt, ...)
{
	static char	 out[4096];
	char		 q[4096];
	va_list		 ap;

	va_start(ap, fmt);
	vsnprintf(q, sizeof(q), fmt, ap);
	va_end(ap);
	if (pf_sql(out, sizeof(out), "%s", q) != 0)
		out[0] = '\0';
	out[strcspn(out, "\t\n")] = '\0';
	return out;
}

/* How many audit rows of action the user with email has. */
static int
audits(const char *email, const char *action)
{
	return atoi(pf_sqlv("SELECT COUNT(*) FROM audit_log l JOIN user u ON "
	    "u.id = l.actor_id WHERE u.email = '%s' AND l.action = '%s'",
	    email, action));
}

/* All audit rows of the user with email (a "nothing changed" witness). */
static int
audits_all(const char *email)
{
	return atoi(pf_sqlv("SELECT COUNT(*) FROM audit_log l JOIN user u ON "
	    "u.id = l.actor_id WHERE u.email = '%s'", email));
}

/* A new user of role in account a, made with steward-admin. */
static struct user *
pf_user(const char *role, const char *label, struct account *a)
{
	static struct user	 pool[48];
	static size_t		 used;
	struct user		*u;

	if (used == sizeof(pool) / sizeof(pool[0]))
		return NULL;
	u = &pool[used++];
	u->role = role;
	if (make_user(u, label, a) == -1)
		return NULL;
	return u;
}

/* The fixtures of this part: three organizations of their own. */
static int
pf_setup(void)
{
	if (PA.id[0] != '\0')
		return 0;
	if (make_account(&PA, "PA") == -1 || make_account(&PB, "PB") == -1 ||
	    make_account(&PC, "PC") == -1)
		return -1;
	return pf_sql(NULL, 0, "UPDATE organization SET require_2fa = TRUE WHERE "
	    "id = %s", PC.org);
}

/* POST /api/login with the password only: the status; Location kept. */
static long
pf_password_step(struct client *c, const char *email, const char *pw,
    const char *next)
{
	if (!load_login_csrf(c))
		return -1;
	if (next != NULL)
		return post(c, "/api/login", "email", email, "password", pw,
		    "csrf", c->csrf, "next", next, NULL);
	return post(c, "/api/login", "email", email, "password", pw, "csrf",
	    c->csrf, NULL);
}

/* GET an /api page and keep its CSRF token; the status. */
static long
pf_load(struct client *c, const char *path)
{
	long	 st = get(c, path);

	if (st == 200 && c->r.doc != NULL)
		xpath_str(c->r.doc, "/steward/csrf", c->csrf, sizeof(c->csrf));
	return st;
}

/* The 43-character token after marker in text, into out ("" when none). */
static void
pf_link_token(const char *text, const char *marker, char out[44])
{
	const char	*p = text ? strstr(text, marker) : NULL;
	size_t		 n = 0;

	out[0] = '\0';
	if (p == NULL)
		return;
	p += strlen(marker);
	while (n < 43 && ((p[n] >= 'A' && p[n] <= 'Z') || (p[n] >= 'a' &&
	    p[n] <= 'z') || (p[n] >= '0' && p[n] <= '9') || p[n] == '-' ||
	    p[n] == '_'))
		n++;
	if (n == 43) {
		memcpy(out, p, 43);
		out[43] = '\0';
	}
}

/*
 * The number of mails written since before that are addressed to email
 * and contain needle; the first one's text into *first (caller frees).
 */
static int
mail_to(const struct snap *before, const char *email, const char *needle,
    char **first)
{
	struct snap	 now;
	size_t		 i, j;
	char		 path[PATH_MAX * 2], to[300], *text;
	int		 count = 0;

	if (first != NULL)
		*first = NULL;
	snprintf(to, sizeof(to), "<%s>", email);
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
		if (strstr(text, to) != NULL && strstr(text, needle) != NULL &&
		    count++ == 0 && first != NULL) {
			*first = text;
			text = NULL;
		}
		free(text);
	}
	snap_free(&now);
	return count;
}

/*
 * A TOTP code of secret (base32) from oathtool for a step after *last
 * (the last step the server accepted) that the server takes now; waits
 * for the next step when needed.  *last becomes the step used.
 */
static int
totp_for(const char *secret, long long *last, char code[16])
{
	const char	*argv[8];
	char		 at[32];
	long long	 now, want;

	for (;;) {
		now = (long long)time(NULL) / 30;
		want = *last + 1 > now ? *last + 1 : now;
		if (want <= now + 1)
			break;
		sleep(1);
	}
	snprintf(at, sizeof(at), "@%lld", want * 30 + 15);
	argv[0] = "oathtool";
	argv[1] = "--totp";
	argv[2] = "-b";
	argv[3] = secret;
	argv[4] = "-N";
	argv[5] = at;
	argv[6] = NULL;
	if (pf_run(code, 16, argv) != 0 || strlen(code) != 6)
		return -1;
	*last = want;
	return 0;
}

/* A user with 2-step verification on, and what the tests need of it. */
struct tfa {
	struct user	*u;
	char		 secret[40];
	long long	 last;
	char		 codes[10][16];
};

/*
 * Turns 2-step verification on through the pages for the user signed in
 * on c (c->csrf loaded) and keeps the secret, the step used and the
 * codes.  Returns 1, or 0 with the failure recorded.
 */
static int
tfa_setup(struct client *c, struct tfa *t)
{
	char	 code[16], expr[64];
	int	 i;

	post(c, "/api/settings/profile/2fa/start", "csrf", c->csrf, NULL);
	if (!ck(c->r.status == 303 && strcmp(c->r.location,
	    "/api/settings/profile/2fa") == 0, "2fa/start: %ld %s",
	    c->r.status, c->r.location))
		return 0;
	if (!ck(pf_load(c, "/api/settings/profile/2fa") == 200,
	    "GET /api/settings/profile/2fa: %ld", c->r.status))
		return 0;
	xpath_str(c->r.doc, "string(/steward/twofa-setup/secret)", t->secret,
	    sizeof(t->secret));
	if (!ck(strlen(t->secret) == 32, "secret \"%s\"", t->secret))
		return 0;
	t->last = 0;
	if (!ck(totp_for(t->secret, &t->last, code) == 0, "oathtool failed"))
		return 0;
	post(c, "/api/settings/profile/2fa/enable", "csrf", c->csrf, "code",
	    code, NULL);
	if (!ck(c->r.status == 200 && xpath_count(c->r.doc,
	    "/steward/recovery-codes/code") == 10, "enable: %ld, %d codes",
	    c->r.status, xpath_count(c->r.doc, "/steward/recovery-codes/code")))
		return 0;
	for (i = 0; i < 10; i++) {
		snprintf(expr, sizeof(expr), "string(/steward/recovery-codes/code[%d])",
		    i + 1);
		xpath_str(c->r.doc, expr, t->codes[i], sizeof(t->codes[i]));
	}
	return 1;
}

/* Signs c in as t->u (no 2-step yet), then tfa_setup(); 1 or 0. */
static int
tfa_enable(struct client *c, struct tfa *t)
{
	if (!ck(signin(c, t->u->email, t->u->password) == 303,
	    "sign-in of %s: %ld", t->u->email, c->r.status))
		return 0;
	return tfa_setup(c, t);
}

/* Signs c in as t->u through both steps (a fresh TOTP code); 1 or 0. */
static int
tfa_signin(struct client *c, struct tfa *t)
{
	char	 code[16];

	if (!ck(pf_password_step(c, t->u->email, t->u->password, NULL) == 303 &&
	    strcmp(c->r.location, "/api/login/verify") == 0,
	    "password step of %s: %ld %s", t->u->email, c->r.status,
	    c->r.location))
		return 0;
	if (!ck(pf_load(c, "/api/login/verify") == 200, "GET verify: %ld",
	    c->r.status) || !ck(totp_for(t->secret, &t->last, code) == 0,
	    "oathtool failed"))
		return 0;
	post(c, "/api/login/verify", "csrf", c->csrf, "code", code, NULL);
	if (!ck(c->r.status == 303, "verify with a fresh code: %ld", c->r.status))
		return 0;
	return ck(pf_load(c, "/api/settings") == 200, "GET /api/settings after "
	    "verify: %ld", c->r.status);
}

/* ------------------------------------------------------ 1. the page */

static void
test_pf_page(void)
{
	struct user	*u = pf_user("member", "pf-page", &PA);
	struct client	*c = NULL, *anon = cl_new("anon");
	char		 t[64];

	t_begin("profile: GET /api/settings/profile -> 200, schema-valid, details, member-since in the account zone, this session marked; signed out -> 401 / 303");
	REQUIRE(u != NULL && (c = signed_in(u)) != NULL, "sign-in failed");
	REQUIRE(pf_load(c, "/api/settings/profile") == 200, "answered %ld", c->r.status);
	REQUIRE(strcmp(xs(c, "string(/steward/profile/@email)"), u->email) == 0,
	    "profile/@email \"%s\"", xs(c, "string(/steward/profile/@email)"));
	REQUIRE(strcmp(xs(c, "string(/steward/profile/@name)"), u->name) == 0,
	    "profile/@name \"%s\"", xs(c, "string(/steward/profile/@name)"));
	xpath_str(c->r.doc, "string(/steward/profile/@member-since)", t, sizeof(t));
	REQUIRE(strlen(t) == 25 && (strcmp(t + 19, "+01:00") == 0 ||
	    strcmp(t + 19, "+02:00") == 0), "member-since \"%s\" is not in Europe/Berlin", t);
	REQUIRE(strcmp(xs(c, "string(/steward/twofa/@enabled)"), "no") == 0, "2fa on");
	REQUIRE(xpath_count(c->r.doc, "/steward/sessions/session[@current='yes']") == 1,
	    "no current session marked");
	REQUIRE(strcmp(xs(c, "string(/steward/sessions/session[@current='yes']/@browser)"),
	    "Unknown browser") == 0, "browser of steward-itest/1 is \"%s\"",
	    xs(c, "string(/steward/sessions/session[@current='yes']/@browser)"));
	REQUIRE(get(c, "/settings/profile") == 200 && strncmp(c->r.ctype, "text/html", 9) == 0,
	    "HTML page: %ld %s", c->r.status, c->r.ctype);
	REQUIRE(body_has(c, u->email), "the HTML page does not show the email");
	REQUIRE(get(anon, "/api/settings/profile") == 401, "signed out /api: %ld", anon->r.status);
	REQUIRE(get(anon, "/settings/profile") == 303 && strcmp(anon->r.location,
	    "/login?next=/settings/profile") == 0, "signed out HTML: %ld %s",
	    anon->r.status, anon->r.location);
	REQUIRE(pf_load(c, "/api/settings") == 200 && xpath_count(c->r.doc,
	    "/steward/pages/page[@key='profile' and @available='yes']") == 1 &&
	    xpath_count(c->r.doc, "/steward/pages/page[@key='password' and @available='yes']") == 1,
	    "the overview does not list profile and password as available");
done:
	cl_free(c);
	cl_free(anon);
	t_end();
}

/* --------------------------------------------------- 2. the details */

static void
test_pf_details(void)
{
	struct user	*u = pf_user("agent", "pf-details", &PA);
	struct client	*c = NULL;
	int		 a0;

	t_begin("profile: POST name + phone -> 303, flash, stored (phone as E.164), audited; every role may");
	REQUIRE(u != NULL && (c = signed_in(u)) != NULL, "sign-in failed");
	a0 = audits(u->email, "profile.update");
	post(c, "/api/settings/profile", "csrf", c->csrf, "name", "  Zoë Lindqvist ",
	    "phone", "+49 (30) 123-4567", NULL);
	REQUIRE(c->r.status == 303 && strcmp(c->r.location, "/api/settings/profile") == 0,
	    "answered %ld %s", c->r.status, c->r.location);
	REQUIRE(pf_load(c, "/api/settings/profile") == 200, "GET: %ld", c->r.status);
	REQUIRE(xpath_count(c->r.doc, "/steward/flash[@kind='ok']") == 1, "no ok flash");
	REQUIRE(strcmp(xs(c, "string(/steward/profile/@name)"), "Zoë Lindqvist") == 0,
	    "name \"%s\"", xs(c, "string(/steward/profile/@name)"));
	REQUIRE(strcmp(xs(c, "string(/steward/profile/@phone)"), "+49301234567") == 0,
	    "phone \"%s\"", xs(c, "string(/steward/profile/@phone)"));
	REQUIRE(strcmp(xs(c, "string(/steward/me/@name)"), "Zoë Lindqvist") == 0,
	    "the header still says \"%s\"", xs(c, "string(/steward/me/@name)"));
	REQUIRE(audits(u->email, "profile.update") == a0 + 1, "not audited");
	post(c, "/api/settings/profile", "csrf", c->csrf, "name", "Zoë Lindqvist",
	    "phone", "", NULL);
	REQUIRE(c->r.status == 303, "clearing the phone answered %ld", c->r.status);
	REQUIRE(strcmp(pf_sqlv("SELECT phone FROM user WHERE email = '%s'", u->email), "") == 0,
	    "phone not cleared");
done:
	cl_free(c);
	t_end();
}

static void
test_pf_details_bad(void)
{
	static const struct {
		const char	*what, *body;	/* body: urlencoded, csrf added */
		long		 status;
		const char	*field;		/* 422: the field named */
	} rows[] = {
		{ "empty name", "name=&phone=", 422, "name" },
		{ "blank name", "name=%20%20%20&phone=", 422, "name" },
		{ "missing name", "phone=%2B4930123456", 422, "name" },
		{ "101-character name", NULL, 422, "name" },
		{ "tab in the name", "name=Ann%09Lee&phone=", 422, "name" },
		{ "right-to-left override in the name", "name=Ann%E2%80%AELee&phone=", 422, "name" },
		{ "control character (U+0001) in the name", "name=Ann%01Lee&phone=", 400, NULL },
		{ "invalid UTF-8 in the name", "name=Ann%FFLee&phone=", 400, NULL },
		{ "overlong UTF-8 in the name", "name=Ann%C0%AFLee&phone=", 400, NULL },
		{ "phone without +", "name=Ann&phone=4930123456", 422, "phone" },
		{ "phone of letters", "name=Ann&phone=%2Bphone", 422, "phone" },
		{ "phone of 16 digits", "name=Ann&phone=%2B1234567890123456", 422, "phone" },
		{ "phone too short", "name=Ann&phone=%2B12345", 422, "phone" },
		{ "name as an array", "name[]=Ann&phone=", 422, "name" },
	};
	struct user	*u = pf_user("member", "pf-bad", &PA);
	struct client	*c = NULL;
	struct buf	 b = { 0 };
	char		 name[200], before[512], *big = repeat('n', 101);
	size_t		 i;
	int		 a0;

	t_begin("profile: bad details fixtures");
	ck(u != NULL && (c = signed_in(u)) != NULL, "sign-in failed");
	if (!t_end())
		goto out;
	snprintf(before, sizeof(before), "%s", pf_sqlv("SELECT CONCAT(name, '|', phone) "
	    "FROM user WHERE email = '%s'", u->email));
	a0 = audits_all(u->email);
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		snprintf(name, sizeof(name), "profile: %s -> %ld%s%s, nothing stored",
		    rows[i].what, rows[i].status, rows[i].field ? " naming " : "",
		    rows[i].field ? rows[i].field : "");
		t_begin(name);
		buf_clear(&b);
		if (rows[i].body != NULL)
			buf_str(&b, rows[i].body);
		else {
			buf_str(&b, "phone=&name=");
			buf_str(&b, big);
		}
		buf_str(&b, "&csrf=");
		buf_str(&b, c->csrf);
		post_raw(c, "/api/settings/profile", b.p, NULL);
		ck(c->r.status == rows[i].status, "answered %ld", c->r.status);
		if (rows[i].field != NULL) {
			ck(strcmp(xs(c, "string(/steward/errors/error/@field)"), rows[i].field) == 0,
			    "error field \"%s\"", xs(c, "string(/steward/errors/error/@field)"));
			ck(strlen(xs(c, "string(/steward/errors/error)")) > 10, "no clear message");
			ck(strcmp(xs(c, "string(/steward/profile/@form)"), "details") == 0,
			    "profile/@form \"%s\"", xs(c, "string(/steward/profile/@form)"));
		} else
			ck(xpath_count(c->r.doc, "/steward/error-page[@status='400']") == 1,
			    "no 400 error page");
		ck(strcmp(pf_sqlv("SELECT CONCAT(name, '|', phone) FROM user WHERE "
		    "email = '%s'", u->email), before) == 0, "the stored details changed");
		ck(audits_all(u->email) == a0, "an audit row was written");
		t_end();
	}
	t_begin("profile: a 422 keeps what was typed (name and phone echoed)");
	post(c, "/api/settings/profile", "csrf", c->csrf, "name", "Ann Typed",
	    "phone", "+49 30 12", NULL);
	ck(c->r.status == 422, "answered %ld", c->r.status);
	ck(strcmp(xs(c, "string(/steward/profile/@name)"), "Ann Typed") == 0, "name not kept");
	ck(strcmp(xs(c, "string(/steward/profile/@phone)"), "+49 30 12") == 0, "phone not kept");
	t_end();
out:
	free(big);
	buf_free(&b);
	cl_free(c);
}

/* -------------------------------------------- 3. CSRF on every form */

static void
test_pf_csrf(void)
{
	static const char *paths[] = {
		"/settings/profile", "/settings/profile/email",
		"/settings/profile/sessions/end", "/settings/profile/sessions/end-others",
		"/settings/profile/2fa/start", "/settings/profile/2fa/enable",
		"/settings/profile/2fa/disable", "/settings/profile/2fa/recovery",
		"/settings/users/2fa-reset", "/settings/password",
	};
	struct user	*u = pf_user("admin", "pf-csrf", &PA);
	struct client	*c = NULL, *other = NULL;
	char		 name[200], path[128], before[512], wrong[44], sid[32];
	size_t		 i;
	int		 k, a0;

	t_begin("csrf (profile): fixtures");
	ck(u != NULL && (c = signed_in(u)) != NULL && (other = signed_in(u)) != NULL,
	    "sign-in failed");
	if (!t_end())
		goto out;
	memset(wrong, 'A', 43);
	wrong[43] = '\0';
	snprintf(sid, sizeof(sid), "%s", pf_sqlv("SELECT MAX(s.id) FROM session s JOIN "
	    "user u ON u.id = s.user_id WHERE u.email = '%s'", u->email));
	t_begin("csrf (profile): the session id to post is known");
	ck(atoi(sid) > 0, "no session id (\"%s\")", sid);
	t_end();
	snprintf(before, sizeof(before), "%s", pf_sqlv("SELECT CONCAT(name, '|', phone, "
	    "'|', password_hash, '|', totp_enabled, '|', COALESCE(HEX(totp_pending_enc), ''), "
	    "'|', email) FROM user WHERE email = '%s'", u->email));
	a0 = audits_all(u->email);
	for (i = 0; i < sizeof(paths) / sizeof(paths[0]); i++)
		for (k = 0; k < 2; k++) {
			snprintf(name, sizeof(name), "csrf: POST /api%s %s -> 403, nothing changed",
			    paths[i], k ? "with a wrong csrf" : "without csrf");
			t_begin(name);
			snprintf(path, sizeof(path), "/api%s", paths[i]);
			if (k)
				post(c, path, "csrf", wrong, "name", "Changed", "phone",
				    "+4930123456", "session", sid, "password", u->password,
				    "new_password", "Brand new words here", "confirm",
				    "Brand new words here", "email", "x-csrf@example.com",
				    "code", "123456", "user", "1", NULL);
			else
				post(c, path, "name", "Changed", "phone", "+4930123456",
				    "session", sid, "password", u->password, "new_password",
				    "Brand new words here", "confirm", "Brand new words here",
				    "email", "x-csrf@example.com", "code", "123456", "user",
				    "1", NULL);
			ck(c->r.status == 403, "answered %ld", c->r.status);
			ck(xpath_count(c->r.doc, "/steward/error-page[@status='403']") == 1,
			    "no 403 error page");
			ck(strcmp(pf_sqlv("SELECT CONCAT(name, '|', phone, '|', password_hash, "
			    "'|', totp_enabled, '|', COALESCE(HEX(totp_pending_enc), ''), '|', "
			    "email) FROM user WHERE email = '%s'", u->email), before) == 0,
			    "the user row changed");
			ck(audits_all(u->email) == a0, "an audit row was written");
			ck(get(other, "/api/settings") == 200, "the other session ended");
			t_end();
		}
out:
	cl_free(c);
	cl_free(other);
}

/* ------------------------------------------------------ 4. sessions */

static void
test_pf_sessions(void)
{
	struct user	*u = pf_user("creator", "pf-sess", &PA);
	struct user	*v = pf_user("creator", "pf-sess-other", &PA);
	struct client	*a = NULL, *b = NULL, *x = NULL;
	char		 bid[32], xid[32], name[128];
	static const char *junk[] = { "", "abc", "0", "-1", "1e3", "99999999999999999999",
	    "18446744073709551615", "1;DROP TABLE session" };
	size_t		 i;

	t_begin("sessions: the list shows both browsers of a user, the current first and marked; End ends the other (its next request is signed out), audited");
	REQUIRE(u && v && (a = signed_in(u)) && (b = signed_in(u)), "sign-in failed");
	REQUIRE(pf_load(a, "/api/settings/profile") == 200, "GET: %ld", a->r.status);
	REQUIRE(xpath_count(a->r.doc, "/steward/sessions/session") == 2, "%d sessions listed",
	    xpath_count(a->r.doc, "/steward/sessions/session"));
	REQUIRE(strcmp(xs(a, "string(/steward/sessions/session[1]/@current)"), "yes") == 0,
	    "the first listed is not the current one");
	xpath_str(a->r.doc, "string(/steward/sessions/session[@current='no']/@id)", bid, sizeof(bid));
	REQUIRE(strcmp(xs(a, "string(/steward/sessions/session[@current='no']/@ip)"), "127.0.0.1") == 0,
	    "client address \"%s\"", xs(a, "string(/steward/sessions/session[@current='no']/@ip)"));
	post(a, "/api/settings/profile/sessions/end", "csrf", a->csrf, "session", bid, NULL);
	REQUIRE(a->r.status == 303 && strcmp(a->r.location, "/api/settings/profile") == 0,
	    "end answered %ld %s", a->r.status, a->r.location);
	REQUIRE(get(b, "/api/settings") == 401, "the ended session still answers %ld", b->r.status);
	REQUIRE(get(a, "/api/settings") == 200, "the current session ended too (%ld)", a->r.status);
	REQUIRE(audits(u->email, "session.end") == 1, "not audited");
	t_end();

	t_begin("sessions: ending another user's session id -> 404 and it still works");
	REQUIRE((x = signed_in(v)) != NULL, "sign-in failed");
	snprintf(xid, sizeof(xid), "%s", pf_sqlv("SELECT MAX(s.id) FROM session s JOIN user u ON "
	    "u.id = s.user_id WHERE u.email = '%s'", v->email));
	pf_load(a, "/api/settings/profile");
	post(a, "/api/settings/profile/sessions/end", "csrf", a->csrf, "session", xid, NULL);
	REQUIRE(a->r.status == 404, "answered %ld", a->r.status);
	REQUIRE(get(x, "/api/settings") == 200, "the other user's session ended (%ld)", x->r.status);
	REQUIRE(audits(u->email, "session.end") == 1, "audited anyway");
	t_end();

	for (i = 0; i < sizeof(junk) / sizeof(junk[0]); i++) {
		snprintf(name, sizeof(name), "sessions: session=\"%s\" -> 404, nothing ended", junk[i]);
		t_begin(name);
		post(a, "/api/settings/profile/sessions/end", "csrf", a->csrf, "session", junk[i], NULL);
		ck(a->r.status == 404, "answered %ld", a->r.status);
		ck(get(x, "/api/settings") == 200, "another session ended");
		ck(get(a, "/api/settings") == 200, "this session ended");
		t_end();
	}

	t_begin("sessions: end all others -> 303, every other session of the user signed out, this one kept, other users untouched");
	cl_free(b);
	REQUIRE((b = signed_in(u)) != NULL, "sign-in failed");
	pf_load(a, "/api/settings/profile");
	post(a, "/api/settings/profile/sessions/end-others", "csrf", a->csrf, NULL);
	REQUIRE(a->r.status == 303, "answered %ld", a->r.status);
	REQUIRE(get(b, "/api/settings") == 401, "the other session still answers %ld", b->r.status);
	REQUIRE(get(a, "/api/settings") == 200, "this session ended (%ld)", a->r.status);
	REQUIRE(get(x, "/api/settings") == 200, "another user's session ended (%ld)", x->r.status);
	REQUIRE(audits(u->email, "session.end-others") == 1, "not audited");
	t_end();

	t_begin("sessions: ending this session signs out (303 /login)");
	snprintf(bid, sizeof(bid), "%s", pf_sqlv("SELECT MAX(s.id) FROM session s JOIN user u ON "
	    "u.id = s.user_id WHERE u.email = '%s'", u->email));
	pf_load(a, "/api/settings/profile");
	post(a, "/api/settings/profile/sessions/end", "csrf", a->csrf, "session", bid, NULL);
	REQUIRE(a->r.status == 303 && strcmp(a->r.location, "/api/login") == 0,
	    "answered %ld %s", a->r.status, a->r.location);
	REQUIRE(get(a, "/api/settings") == 401, "still signed in (%ld)", a->r.status);
done:
	cl_free(a);
	cl_free(b);
	cl_free(x);
	t_end();
}

/* ------------------------------------------------------ 5. password */

static void
test_pf_password_rules(void)
{
	static const struct {
		const char	*what, *pw, *confirm, *field;	/* field NULL: ok */
	} rows[] = {
		{ "empty", "", "", "new_password" },
		{ "11 characters", "short words", "short words", "new_password" },
		{ "common (password1234)", "password1234", "password1234", "new_password" },
		{ "common l33t (P@ssw0rd2024!)", "P@ssw0rd2024!", "P@ssw0rd2024!", "new_password" },
		{ "a dictionary word with digits", "basketball2024", "basketball2024", "new_password" },
		{ "a keyboard walk", "1qaz2wsx3edc4rfv", "1qaz2wsx3edc4rfv", "new_password" },
		{ "257 characters", NULL, NULL, "new_password" },
		{ "the email's name part", "@NAME with extra words", "@NAME with extra words", "new_password" },
		{ "a control character", "tab\there and more", "tab\there and more", "new_password" },
		{ "a different confirmation", "Lantern orbit quietly 42", "Lantern orbit quietly 43", "confirm" },
		{ "no confirmation", "Lantern orbit quietly 42", "", "confirm" },
	};
	struct user	*u = pf_user("member", "pf-pwrules", &PA);
	struct client	*c = NULL;
	char		 name[200], hash[256], pw[300], local[128], *big = repeat('z', 220);
	size_t		 i;

	t_begin("password: rule fixtures");
	ck(u != NULL && (c = signed_in(u)) != NULL, "sign-in failed");
	if (!t_end())
		goto out;
	snprintf(hash, sizeof(hash), "%s", pf_sqlv("SELECT password_hash FROM user WHERE email = '%s'",
	    u->email));
	snprintf(local, sizeof(local), "%.*s", (int)(strchr(u->email, '@') - u->email), u->email);
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		snprintf(name, sizeof(name), "password: new password %s -> 422 naming %s, password unchanged",
		    rows[i].what, rows[i].field);
		t_begin(name);
		if (rows[i].pw == NULL)
			snprintf(pw, sizeof(pw), "%s abcdefghijklmnopqrstuvwxyz 0123456789 abcdefg", big);
		else if (strncmp(rows[i].pw, "@NAME", 5) == 0)
			snprintf(pw, sizeof(pw), "%s%s", local, rows[i].pw + 5);
		else
			snprintf(pw, sizeof(pw), "%s", rows[i].pw);
		post(c, "/api/settings/password", "csrf", c->csrf, "password", u->password,
		    "new_password", pw, "confirm", rows[i].confirm == NULL ||
		    strncmp(rows[i].confirm, "@NAME", 5) == 0 ? pw : rows[i].confirm, NULL);
		ck(c->r.status == 422, "answered %ld", c->r.status);
		ck(strcmp(xs(c, "string(/steward/errors/error/@field)"), rows[i].field) == 0,
		    "error names \"%s\" (%s)", xs(c, "string(/steward/errors/error/@field)"),
		    xs(c, "string(/steward/errors/error)"));
		ck(strlen(xs(c, "string(/steward/errors/error)")) > 10, "no clear message");
		ck(strcmp(pf_sqlv("SELECT password_hash FROM user WHERE email = '%s'", u->email), hash) == 0,
		    "the password changed");
		t_end();
	}
	t_begin("password: the common-password refusal says why");
	post(c, "/api/settings/password", "csrf", c->csrf, "password", u->password,
	    "new_password", "password1234", "confirm", "password1234", NULL);
	ck(strstr(xs(c, "string(/steward/errors/error)"), "common") != NULL,
	    "message \"%s\"", xs(c, "string(/steward/errors/error)"));
	t_end();
	t_begin("password: wrong current password -> 422 naming password, unchanged, counted and audited");
	post(c, "/api/settings/password", "csrf", c->csrf, "password", "not my password at all",
	    "new_password", "Lantern orbit quietly 42", "confirm", "Lantern orbit quietly 42", NULL);
	ck(c->r.status == 422, "answered %ld", c->r.status);
	ck(strcmp(xs(c, "string(/steward/errors/error/@field)"), "password") == 0,
	    "error names \"%s\"", xs(c, "string(/steward/errors/error/@field)"));
	ck(strcmp(pf_sqlv("SELECT password_hash FROM user WHERE email = '%s'", u->email), hash) == 0,
	    "the password changed");
	ck(audits(u->email, "password.wrong") == 1, "not audited");
	post(c, "/api/settings/password", "csrf", c->csrf, "password", "",
	    "new_password", "Lantern orbit quietly 42", "confirm", "Lantern orbit quietly 42", NULL);
	ck(c->r.status == 422 && strcmp(xs(c, "string(/steward/errors/error/@field)"), "password") == 0,
	    "empty current password: %ld", c->r.status);
	unlock(u->email);
	t_end();
out:
	free(big);
	cl_free(c);
}

static void
test_pf_password_change(void)
{
	struct user	*u = pf_user("creator", "pf-pwchange", &PA);
	struct client	*a = NULL, *b = NULL, *fresh = cl_new("fresh");
	char		 old[64], before[64], after[64];
	struct snap	 s = { 0 };
	char		*text = NULL;

	t_begin("password: a change -> 303 + flash; this session kept under a new token, the other signed out; notice mailed; audited; the new password signs in, the old one not");
	REQUIRE(u && (a = signed_in(u)) && (b = signed_in(u)), "sign-in failed");
	jar_cookie(a, "stw_session", before, sizeof(before));
	snprintf(old, sizeof(old), "%s", u->password);
	snap_take(&s);
	REQUIRE(pf_load(a, "/api/settings/password") == 200, "GET: %ld", a->r.status);
	REQUIRE(strcmp(xs(a, "string(/steward/password-rules/@min)"), "12") == 0, "rules missing");
	post(a, "/api/settings/password", "csrf", a->csrf, "password", old,
	    "new_password", "Lantern orbit quietly 42", "confirm", "Lantern orbit quietly 42", NULL);
	REQUIRE(a->r.status == 303 && strcmp(a->r.location, "/api/settings/password") == 0,
	    "answered %ld %s", a->r.status, a->r.location);
	jar_cookie(a, "stw_session", after, sizeof(after));
	REQUIRE(strlen(after) == 43 && strcmp(before, after) != 0, "the session token was not rotated");
	REQUIRE(get(a, "/api/settings") == 200, "this session ended (%ld)", a->r.status);
	REQUIRE(get(b, "/api/settings") == 401, "the other session still answers %ld", b->r.status);
	REQUIRE(mail_to(&s, u->email, "password of your Steward login", &text) == 1,
	    "no notice mailed");
	REQUIRE(audits(u->email, "password.change") == 1, "not audited");
	REQUIRE(signin(fresh, u->email, old) == 422, "the old password still signs in");
	unlock(u->email);
	snprintf(u->password, sizeof(u->password), "Lantern orbit quietly 42");
	cl_free(fresh);
	fresh = cl_new("fresh");
	REQUIRE(signin(fresh, u->email, u->password) == 303, "the new password does not sign in");
done:
	free(text);
	snap_free(&s);
	cl_free(a);
	cl_free(b);
	cl_free(fresh);
	t_end();
}

/* ------------------------------------------------ 6. forgot / reset */

static double
now_s(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* POST /password/forgot for email; status, and the flash shown next. */
static long
forgot(struct client *c, const char *email, double *secs, char *flash, size_t flen)
{
	double	 t0;
	long	 st;

	if (!load_login_csrf(c))
		return -1;
	t0 = now_s();
	st = post(c, "/api/password/forgot", "email", email, "csrf", c->csrf, NULL);
	*secs = now_s() - t0;
	flash[0] = '\0';
	if (st == 303 && get(c, "/api/login") == 200)
		xpath_str(c->r.doc, "string(/steward/flash)", flash, flen);
	return st;
}

static void
test_pf_forgot(void)
{
	struct user	*u = pf_user("member", "pf-forgot", &PA);
	struct client	*k = cl_new("known"), *n = cl_new("unknown");
	char		 nobody[128], fk[512], fn[512], loc[2048], *tk = NULL, *tn = NULL;
	char		 tok[44];
	double		 sk, sn;
	struct snap	 s = { 0 };
	long		 a, b;

	t_begin("forgot: a known and an unknown email get the same answer (303 /login, same flash apart from the address) in about the same time; the known gets a link, the unknown a no-login mail");
	snprintf(nobody, sizeof(nobody), "itest-%s-pf-nobody@example.com", g_tag);
	unlock(u->email);
	snap_take(&s);
	a = forgot(k, u->email, &sk, fk, sizeof(fk));
	snprintf(loc, sizeof(loc), "%s", k->r.location);
	b = forgot(n, nobody, &sn, fn, sizeof(fn));
	REQUIRE(a == 303 && b == 303, "answered %ld and %ld", a, b);
	REQUIRE(strstr(fk, u->email) != NULL && strstr(fn, nobody) != NULL, "flash \"%s\" / \"%s\"", fk, fn);
	REQUIRE(strcmp(fk + strlen(u->email) + 3, fn + strlen(nobody) + 3) == 0 &&
	    strncmp(fk, fn, 3) == 0, "flashes differ: \"%s\" / \"%s\"", fk, fn);
	REQUIRE(sk >= 0.24 && sn >= 0.24, "answers took %.3f s and %.3f s (under the floor)", sk, sn);
	REQUIRE(sk - sn < 0.25 && sn - sk < 0.25, "answers took %.3f s and %.3f s", sk, sn);
	REQUIRE(mail_to(&s, u->email, "/password/reset?token=", &tk) == 1, "no link mailed to the known email");
	REQUIRE(mail_to(&s, nobody, "no login with", &tn) == 1, "no mail to the unknown email");
	REQUIRE(strstr(tn, "/password/reset") == NULL, "the unknown email got a link");
	pf_link_token(tk, "/password/reset?token=", tok);
	REQUIRE(strlen(tok) == 43, "no 43-character token in the link");
	REQUIRE(strlen(pf_sqlv("SELECT HEX(token_hash) FROM password_reset r JOIN user u ON "
	    "u.id = r.user_id WHERE u.email = '%s'", u->email)) == 64, "no hashed token stored");
	REQUIRE(atoi(pf_sqlv("SELECT COUNT(*) FROM password_reset WHERE token_hash = UNHEX('%s')",
	    tok)) == 0, "the token is stored in clear");
	REQUIRE(audits(u->email, "password.reset.request") == 1, "not audited");
done:
	free(tk);
	free(tn);
	snap_free(&s);
	cl_free(k);
	cl_free(n);
	t_end();
}

static void
test_pf_forgot_bad(void)
{
	static const struct {
		const char	*what, *email;
		long		 status;
	} rows[] = {
		{ "empty email", "", 422 }, { "not an email", "not-an-email", 422 },
		{ "email with a newline", "a@example.com\nBcc: x@example.com", 422 },
		{ "300-character email", NULL, 422 },
		{ "hostile email", "<script>alert(1)</script>@example.com", 422 },
	};
	struct client	*c = cl_new("forgot-bad");
	char		 name[200], big[320];
	struct snap	 s = { 0 };
	size_t		 i;

	memset(big, 'a', 290);
	snprintf(big + 290, sizeof(big) - 290, "@example.com");
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		snprintf(name, sizeof(name), "forgot: %s -> %ld naming email, no mail", rows[i].what,
		    rows[i].status);
		t_begin(name);
		load_login_csrf(c);
		snap_take(&s);
		post(c, "/api/password/forgot", "email", rows[i].email ? rows[i].email : big,
		    "csrf", c->csrf, NULL);
		ck(c->r.status == rows[i].status, "answered %ld", c->r.status);
		ck(strcmp(xs(c, "string(/steward/errors/error/@field)"), "email") == 0,
		    "error field \"%s\"", xs(c, "string(/steward/errors/error/@field)"));
		ck(mail_new(&s, "Set a new Steward password", NULL) == 0, "a mail was sent");
		ck(!body_has(c, "<script>alert"), "reflected unescaped");
		snap_free(&s);
		t_end();
	}
	t_begin("forgot: without csrf -> 403, no mail");
	snap_take(&s);
	post(c, "/api/password/forgot", "email", U_member.email, NULL);
	ck(c->r.status == 403, "answered %ld", c->r.status);
	ck(mail_new(&s, "Set a new Steward password", NULL) == 0, "a mail was sent");
	snap_free(&s);
	t_end();
	t_begin("forgot: GET /api/password/forgot -> 200 with a form token; HTML page renders");
	ck(get(c, "/api/password/forgot") == 200 && xpath_count(c->r.doc, "/steward/forgot") == 1,
	    "answered %ld", c->r.status);
	ck(get(c, "/password/forgot") == 200 && body_has(c, "Forgot your password"), "HTML: %ld",
	    c->r.status);
	t_end();
	cl_free(c);
}

/* Asks for a reset link for u; the token in tok ("" on failure). */
static void
reset_link(struct user *u, char tok[44])
{
	struct client	*c = cl_new("forgot");
	struct snap	 s = { 0 };
	char		*text = NULL, fl[512];
	double		 secs;

	tok[0] = '\0';
	unlock(u->email);
	snap_take(&s);
	unlock(u->email);
	(void)pf_sql(NULL, 0, "DELETE FROM throttle WHERE scope = 1 AND key_hash = "
	    "UNHEX(SHA2(CONCAT('email:forgot:', '%s'), 256))", u->email);
	if (forgot(c, u->email, &secs, fl, sizeof(fl)) == 303 &&
	    mail_to(&s, u->email, "/password/reset?token=", &text) == 1)
		pf_link_token(text, "/password/reset?token=", tok);
	free(text);
	snap_free(&s);
	cl_free(c);
}

static void
test_pf_reset(void)
{
	struct user	*u = pf_user("agent", "pf-reset", &PA);
	struct client	*c = cl_new("reset"), *old = NULL, *fresh = NULL;
	char		 tok[44], tok2[44], q[128], hash[256];
	struct snap	 s = { 0 };
	char		*text = NULL;

	t_begin("reset: the link opens the form; a refused password -> 422 and the link still works; a good one -> 303 /login, every session ended, notice mailed, audited, signs in");
	REQUIRE(u && (old = signed_in(u)), "sign-in failed");
	reset_link(u, tok);
	REQUIRE(tok[0] != '\0', "no reset link");
	snprintf(q, sizeof(q), "/api/password/reset?token=%s", tok);
	REQUIRE(pf_load(c, q) == 200, "GET %s: %ld", q, c->r.status);
	REQUIRE(strcmp(xs(c, "string(/steward/reset/@valid)"), "yes") == 0 &&
	    strcmp(xs(c, "string(/steward/reset/@email)"), u->email) == 0, "reset page");
	snprintf(hash, sizeof(hash), "%s", pf_sqlv("SELECT password_hash FROM user WHERE email = '%s'",
	    u->email));
	post(c, "/api/password/reset", "csrf", c->csrf, "token", tok, "new_password",
	    "iloveyou1234", "confirm", "iloveyou1234", NULL);
	REQUIRE(c->r.status == 422 && strcmp(xs(c, "string(/steward/errors/error/@field)"),
	    "new_password") == 0, "common password: %ld", c->r.status);
	REQUIRE(strcmp(xs(c, "string(/steward/reset/@token)"), tok) == 0, "the form lost its link");
	REQUIRE(strcmp(pf_sqlv("SELECT password_hash FROM user WHERE email = '%s'", u->email), hash) == 0,
	    "the password changed");
	snap_take(&s);
	post(c, "/api/password/reset", "csrf", c->csrf, "token", tok, "new_password",
	    "Meadow copper violin 77", "confirm", "Meadow copper violin 77", NULL);
	REQUIRE(c->r.status == 303 && strcmp(c->r.location, "/api/login") == 0,
	    "answered %ld %s", c->r.status, c->r.location);
	REQUIRE(get(old, "/api/settings") == 401, "a session survived the reset (%ld)", old->r.status);
	REQUIRE(mail_to(&s, u->email, "reset through the link", &text) == 1, "no notice");
	REQUIRE(audits(u->email, "password.reset") == 1, "not audited");
	snprintf(u->password, sizeof(u->password), "Meadow copper violin 77");
	fresh = cl_new("fresh");
	REQUIRE(signin(fresh, u->email, u->password) == 303, "the new password does not sign in");
	t_end();

	t_begin("reset: the link works once (GET and POST afterwards -> 404, valid=no), nothing changes");
	REQUIRE(get(c, q) == 404 && strcmp(xs(c, "string(/steward/reset/@valid)"), "no") == 0,
	    "GET again: %ld", c->r.status);
	load_login_csrf(c);
	snprintf(hash, sizeof(hash), "%s", pf_sqlv("SELECT password_hash FROM user WHERE email = '%s'",
	    u->email));
	post(c, "/api/password/reset", "csrf", c->csrf, "token", tok, "new_password",
	    "Another fine password 9", "confirm", "Another fine password 9", NULL);
	REQUIRE(c->r.status == 404, "POST again: %ld", c->r.status);
	REQUIRE(strcmp(pf_sqlv("SELECT password_hash FROM user WHERE email = '%s'", u->email), hash) == 0,
	    "the password changed");
	t_end();

	t_begin("reset: a link past its hour -> 404; an older link dies when a newer one is used");
	reset_link(u, tok);
	reset_link(u, tok2);
	REQUIRE(tok[0] && tok2[0], "no links");
	REQUIRE(pf_sql(NULL, 0, "UPDATE password_reset SET expires_at = UTC_TIMESTAMP(6) - "
	    "INTERVAL 1 SECOND WHERE token_hash = UNHEX(SHA2('%s', 256))", tok2) == 0, "sql");
	snprintf(q, sizeof(q), "/api/password/reset?token=%s", tok2);
	REQUIRE(get(c, q) == 404, "expired link: %ld", c->r.status);
	snprintf(q, sizeof(q), "/api/password/reset?token=%s", tok);
	REQUIRE(pf_load(c, q) == 200, "the other link: %ld", c->r.status);
	post(c, "/api/password/reset", "csrf", c->csrf, "token", tok, "new_password",
	    "Harbor minnow sketch 51", "confirm", "Harbor minnow sketch 51", NULL);
	REQUIRE(c->r.status == 303, "using it: %ld", c->r.status);
	snprintf(u->password, sizeof(u->password), "Harbor minnow sketch 51");
	REQUIRE(atoi(pf_sqlv("SELECT COUNT(*) FROM password_reset r JOIN user u ON u.id = r.user_id "
	    "WHERE u.email = '%s' AND r.used_at IS NULL", u->email)) == 0, "an open link survived");
	t_end();

	t_begin("reset: malformed and unknown tokens -> 404 (GET and POST)");
	REQUIRE(get(c, "/api/password/reset") == 404, "no token: %ld", c->r.status);
	REQUIRE(get(c, "/api/password/reset?token=abc") == 404, "short token: %ld", c->r.status);
	REQUIRE(get(c, "/api/password/reset?token=%3Cscript%3E") == 404, "hostile token: %ld", c->r.status);
	REQUIRE(!body_has(c, "<script>"), "reflected");
	REQUIRE(get(c, "/api/password/reset?token=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA") == 404,
	    "unknown token: %ld", c->r.status);
	load_login_csrf(c);
	post(c, "/api/password/reset", "csrf", c->csrf, "token", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
	    "new_password", "Harbor minnow sketch 52", "confirm", "Harbor minnow sketch 52", NULL);
	REQUIRE(c->r.status == 404, "POST unknown token: %ld", c->r.status);
	post(c, "/api/password/reset", "token", tok, "new_password", "Harbor minnow sketch 52",
	    "confirm", "Harbor minnow sketch 52", NULL);
	REQUIRE(c->r.status == 403, "POST without csrf: %ld", c->r.status);
done:
	free(text);
	snap_free(&s);
	cl_free(c);
	cl_free(old);
	cl_free(fresh);
	t_end();
}

/* --------------------------------------------------- 7. email change */

static void
test_pf_email(void)
{
	struct user	*u = pf_user("member", "pf-email", &PA);
	struct user	*v = pf_user("member", "pf-email-taken", &PA);
	struct client	*c = NULL, *anon = cl_new("anon"), *fresh = NULL;
	char		 newer[128], tok[44], q[128], oldmail[128];
	struct snap	 s = { 0 };
	char		*link = NULL, *note = NULL;
	static const struct {
		const char	*what, *email, *pw, *field;
	} rows[] = {
		{ "empty email", "", "@PW", "email" },
		{ "not an email", "no-at-sign", "@PW", "email" },
		{ "the same email", "@SELF", "@PW", "email" },
		{ "the wrong password", "@NEW", "wrong password here", "password" },
		{ "no password", "@NEW", "", "password" },
		{ "a newline in the email", "a@example.com\r\nBcc: b@example.com", "@PW", "email" },
	};
	size_t		 i;
	char		 name[200];

	t_begin("email change: fixtures");
	ck(u && v && (c = signed_in(u)), "sign-in failed");
	if (!t_end())
		goto out;
	snprintf(newer, sizeof(newer), "itest-%s-pf-email-new@example.com", g_tag);
	snprintf(oldmail, sizeof(oldmail), "%s", u->email);
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		snprintf(name, sizeof(name), "email change: %s -> 422 naming %s, nothing stored, no mail",
		    rows[i].what, rows[i].field);
		t_begin(name);
		pf_load(c, "/api/settings/profile");
		snap_take(&s);
		post(c, "/api/settings/profile/email", "csrf", c->csrf, "email",
		    strcmp(rows[i].email, "@SELF") == 0 ? u->email :
		    strcmp(rows[i].email, "@NEW") == 0 ? newer : rows[i].email,
		    "password", strcmp(rows[i].pw, "@PW") == 0 ? u->password : rows[i].pw, NULL);
		ck(c->r.status == 422, "answered %ld", c->r.status);
		ck(strcmp(xs(c, "string(/steward/errors/error/@field)"), rows[i].field) == 0,
		    "error field \"%s\"", xs(c, "string(/steward/errors/error/@field)"));
		ck(strcmp(xs(c, "string(/steward/profile/@form)"), "email") == 0, "form not named");
		ck(atoi(pf_sqlv("SELECT COUNT(*) FROM email_change c JOIN user u ON u.id = c.user_id "
		    "WHERE u.email = '%s'", u->email)) == 0, "a change was stored");
		ck(mail_new(&s, "Steward sign-in email", NULL) == 0, "a mail was sent");
		snap_free(&s);
		unlock(u->email);
		t_end();
	}

	t_begin("email change: asked with the password -> 303; link to the new address, notice to the old; pending shown; email unchanged until the link is followed");
	pf_load(c, "/api/settings/profile");
	snap_take(&s);
	post(c, "/api/settings/profile/email", "csrf", c->csrf, "email", newer, "password",
	    u->password, NULL);
	REQUIRE(c->r.status == 303, "answered %ld", c->r.status);
	REQUIRE(mail_to(&s, newer, "/email/confirm?token=", &link) == 1, "no link to the new address");
	REQUIRE(mail_to(&s, u->email, "Nothing changes unless", &note) == 1, "no notice to the old address");
	pf_link_token(link, "/email/confirm?token=", tok);
	REQUIRE(tok[0] != '\0', "no token in the link");
	REQUIRE(pf_load(c, "/api/settings/profile") == 200 &&
	    strcmp(xs(c, "string(/steward/profile/email-change/@to)"), newer) == 0,
	    "pending change not shown");
	REQUIRE(strcmp(xs(c, "string(/steward/profile/@email)"), u->email) == 0, "email changed early");
	REQUIRE(audits(u->email, "email.change.request") == 1, "not audited");
	t_end();

	t_begin("email change: the link (signed out) shows from/to and a button; the POST changes the email, tells the old address, audits; the new email signs in, the old not; the link works once");
	snprintf(q, sizeof(q), "/api/email/confirm?token=%s", tok);
	REQUIRE(pf_load(anon, q) == 200, "GET %s: %ld", q, anon->r.status);
	REQUIRE(strcmp(xs(anon, "string(/steward/email-confirm/@to)"), newer) == 0 &&
	    strcmp(xs(anon, "string(/steward/email-confirm/@from)"), u->email) == 0, "from/to");
	REQUIRE(strcmp(pf_sqlv("SELECT email FROM user WHERE email = '%s'", u->email), u->email) == 0,
	    "the GET changed the email");
	free(note);
	snap_free(&s);
	snap_take(&s);
	post(anon, "/api/email/confirm", "csrf", anon->csrf, "token", tok, NULL);
	REQUIRE(anon->r.status == 303 && strcmp(anon->r.location, "/api/login") == 0,
	    "answered %ld %s", anon->r.status, anon->r.location);
	REQUIRE(mail_to(&s, oldmail, "now signs in with", &note) == 1, "no notice to the old address");
	REQUIRE(atoi(pf_sqlv("SELECT COUNT(*) FROM user WHERE email = '%s'", newer)) == 1, "not changed");
	REQUIRE(audits(newer, "email.change") == 1, "not audited");
	snprintf(u->email, sizeof(u->email), "%s", newer);
	fresh = cl_new("fresh");
	REQUIRE(signin(fresh, newer, u->password) == 303, "the new email does not sign in");
	cl_free(fresh);
	fresh = cl_new("fresh");
	REQUIRE(signin(fresh, oldmail, u->password) == 422, "the old email still signs in");
	unlock(oldmail);
	REQUIRE(get(anon, q) == 404, "the link works twice (GET %ld)", anon->r.status);
	load_login_csrf(anon);
	post(anon, "/api/email/confirm", "csrf", anon->csrf, "token", tok, NULL);
	REQUIRE(anon->r.status == 404, "the link works twice (POST %ld)", anon->r.status);
	t_end();

	t_begin("email change: to an address taken meanwhile -> asked fine (no enumeration), the confirm answers 422 and nothing changes; an expired link -> 404");
	pf_load(c, "/api/settings/profile");
	free(link);
	snap_free(&s);
	snap_take(&s);
	post(c, "/api/settings/profile/email", "csrf", c->csrf, "email", v->email, "password",
	    u->password, NULL);
	REQUIRE(c->r.status == 303, "asking for a taken address answered %ld", c->r.status);
	REQUIRE(mail_to(&s, v->email, "/email/confirm?token=", &link) == 1, "no link");
	pf_link_token(link, "/email/confirm?token=", tok);
	pf_load(c, "/api/settings/profile");
	post(c, "/api/email/confirm", "csrf", c->csrf, "token", tok, NULL);
	REQUIRE(c->r.status == 422 && xpath_count(c->r.doc, "/steward/errors/error") == 1,
	    "confirm answered %ld", c->r.status);
	REQUIRE(atoi(pf_sqlv("SELECT COUNT(*) FROM user WHERE email = '%s'", u->email)) == 1 &&
	    atoi(pf_sqlv("SELECT COUNT(*) FROM user WHERE email = '%s'", v->email)) == 1, "emails changed");
	REQUIRE(pf_sql(NULL, 0, "UPDATE email_change SET expires_at = UTC_TIMESTAMP(6) - INTERVAL 1 "
	    "SECOND WHERE token_hash = UNHEX(SHA2('%s', 256))", tok) == 0, "sql");
	snprintf(q, sizeof(q), "/api/email/confirm?token=%s", tok);
	REQUIRE(get(c, q) == 404 && strcmp(xs(c, "string(/steward/email-confirm/@valid)"), "no") == 0,
	    "expired link: %ld", c->r.status);
done:
	free(link);
	free(note);
	snap_free(&s);
	cl_free(fresh);
out:
	cl_free(c);
	cl_free(anon);
	t_end();
}

/* ------------------------------------------ 8. 2-step verification */

static struct tfa	 T1;	/* on, used by the sign-in tests */

static void
test_pf_twofa_enable(void)
{
	struct client	*c = cl_new("tfa"), *other = NULL;
	char		 secret_hex[200];
	struct snap	 s = { 0 };

	t_begin("2fa: set-up shows a fresh secret (base32, otpauth URI, QR path); a wrong code -> 422 and still off; the oathtool code -> 200 with 10 recovery codes, on, other sessions ended, notice mailed, audited; secret and codes not stored in clear");
	REQUIRE((T1.u = pf_user("member", "pf-tfa", &PA)) != NULL, "user");
	REQUIRE((other = signed_in(T1.u)) != NULL, "sign-in failed");
	REQUIRE(signin(c, T1.u->email, T1.u->password) == 303, "sign-in failed");
	post(c, "/api/settings/profile/2fa/start", "csrf", c->csrf, NULL);
	REQUIRE(c->r.status == 303, "start: %ld", c->r.status);
	REQUIRE(pf_load(c, "/api/settings/profile/2fa") == 200, "GET set-up: %ld", c->r.status);
	REQUIRE(strncmp(xs(c, "string(/steward/twofa-setup/uri)"), "otpauth://totp/Steward:", 23) == 0,
	    "uri \"%s\"", xs(c, "string(/steward/twofa-setup/uri)"));
	REQUIRE(atoi(xs(c, "string(/steward/twofa-setup/qr/@size)")) >= 21, "no QR code");
	xpath_str(c->r.doc, "string(/steward/twofa-setup/secret)", T1.secret, sizeof(T1.secret));
	REQUIRE(strlen(T1.secret) == 32, "secret \"%s\"", T1.secret);
	REQUIRE(get(c, "/settings/profile/2fa") == 200 && body_has(c, "<svg class=\"pf-qr\"") &&
	    body_has(c, "<path class=\"pf-qr-fg\" d=\"M"), "the HTML page has no inline SVG QR code");
	post(c, "/api/settings/profile/2fa/enable", "csrf", c->csrf, "code", "000000", NULL);
	REQUIRE(c->r.status == 422 && strcmp(xs(c, "string(/steward/errors/error/@field)"), "code") == 0,
	    "wrong code: %ld", c->r.status);
	REQUIRE(strcmp(pf_sqlv("SELECT totp_enabled FROM user WHERE email = '%s'", T1.u->email), "0") == 0,
	    "turned on by a wrong code");
	post(c, "/api/settings/profile/2fa/enable", "csrf", c->csrf, "code", "12ab56", NULL);
	REQUIRE(c->r.status == 422, "letters: %ld", c->r.status);
	post(c, "/api/settings/profile/2fa/enable", "csrf", c->csrf, "code", "", NULL);
	REQUIRE(c->r.status == 422, "empty: %ld", c->r.status);
	cl_free(c);
	c = cl_new("tfa");
	snap_take(&s);
	REQUIRE(tfa_enable(c, &T1), "enable failed");
	REQUIRE(strcmp(pf_sqlv("SELECT totp_enabled FROM user WHERE email = '%s'", T1.u->email), "1") == 0,
	    "not on");
	snprintf(secret_hex, sizeof(secret_hex), "%s", pf_sqlv("SELECT HEX(totp_secret_enc) FROM user "
	    "WHERE email = '%s'", T1.u->email));
	REQUIRE(strlen(secret_hex) == 2 * 60, "sealed secret of %zu hex digits", strlen(secret_hex));
	REQUIRE(atoi(pf_sqlv("SELECT COUNT(*) FROM recovery_code r JOIN user u ON u.id = r.user_id "
	    "WHERE u.email = '%s' AND r.used_at IS NULL", T1.u->email)) == 10, "not 10 codes stored");
	REQUIRE(atoi(pf_sqlv("SELECT COUNT(*) FROM recovery_code WHERE code_hash = UNHEX(SHA2('%s', 256)) "
	    "OR code_hash = UNHEX(SHA2(REPLACE('%s', '-', ''), 256))", T1.codes[0], T1.codes[0])) == 0,
	    "a recovery code is stored as a plain hash");
	REQUIRE(get(other, "/api/settings") == 401, "the other session survived (%ld)", other->r.status);
	REQUIRE(mail_to(&s, T1.u->email, "turned on", NULL) == 1, "no notice");
	REQUIRE(audits(T1.u->email, "2fa.enable") == 1, "not audited");
	REQUIRE(pf_load(c, "/api/settings/profile") == 200 &&
	    strcmp(xs(c, "string(/steward/twofa/@enabled)"), "yes") == 0 &&
	    strcmp(xs(c, "string(/steward/twofa/@recovery-left)"), "10") == 0, "profile does not say on");
	get(c, "/api/settings/profile/2fa");
	REQUIRE(c->r.status == 303, "set-up page when on: %ld", c->r.status);
done:
	snap_free(&s);
	cl_free(c);
	cl_free(other);
	t_end();
}

static void
test_pf_verify(void)
{
	struct client	*c = cl_new("verify"), *d = NULL;
	char		 code[16], used[16];
	long long	 step;
	int		 i;

	t_begin("verify: after the password only a half session: /api/settings 401, Location /login/verify, the page names the email; a wrong code -> 422; the fresh code -> 303 and a full session under a new token");
	REQUIRE(T1.u != NULL && T1.secret[0], "no 2fa user");
	unlock(T1.u->email);
	REQUIRE(pf_password_step(c, T1.u->email, T1.u->password, NULL) == 303, "password step: %ld",
	    c->r.status);
	REQUIRE(strcmp(c->r.location, "/api/login/verify") == 0, "Location \"%s\"", c->r.location);
	REQUIRE(get(c, "/api/settings") == 401, "the half session reaches /api/settings (%ld)",
	    c->r.status);
	REQUIRE(get(c, "/api/settings/profile") == 401, "the half session reaches the profile");
	REQUIRE(pf_load(c, "/api/login/verify") == 200 &&
	    strcmp(xs(c, "string(/steward/verify/@email)"), T1.u->email) == 0, "verify page");
	REQUIRE(xpath_count(c->r.doc, "/steward/me") == 0, "the half session shows <me>");
	post(c, "/api/login/verify", "csrf", c->csrf, "code", "000000", NULL);
	REQUIRE(c->r.status == 422 && strcmp(xs(c, "string(/steward/errors/error/@field)"), "code") == 0,
	    "wrong code: %ld", c->r.status);
	REQUIRE(get(c, "/api/settings") == 401, "signed in by a wrong code");
	REQUIRE(totp_for(T1.secret, &T1.last, code) == 0, "oathtool");
	snprintf(used, sizeof(used), "%s", code);
	post(c, "/api/login/verify", "csrf", c->csrf, "code", code, NULL);
	REQUIRE(c->r.status == 303 && strcmp(c->r.location, "/api/settings") == 0,
	    "right code: %ld %s", c->r.status, c->r.location);
	REQUIRE(get(c, "/api/settings") == 200, "not signed in after the code (%ld)", c->r.status);
	REQUIRE(audits(T1.u->email, "login.verify.failed") >= 1, "the wrong code is not audited");
	t_end();

	t_begin("verify: a code used once is refused when sent again (another sign-in, same step)");
	unlock(T1.u->email);
	d = cl_new("again");
	REQUIRE(pf_password_step(d, T1.u->email, T1.u->password, NULL) == 303, "password step");
	pf_load(d, "/api/login/verify");
	post(d, "/api/login/verify", "csrf", d->csrf, "code", used, NULL);
	REQUIRE(d->r.status == 422, "the used code answered %ld", d->r.status);
	REQUIRE(get(d, "/api/settings") == 401, "signed in with a used code");
	step = atoll(pf_sqlv("SELECT totp_last_step FROM user WHERE email = '%s'", T1.u->email));
	REQUIRE(step == T1.last, "last step %lld, expected %lld", step, T1.last);
	t_end();

	t_begin("verify: a recovery code signs in once (flash says so), is used up, and is refused the second time; next= survives the second step");
	unlock(T1.u->email);
	cl_free(d);
	d = cl_new("recovery");
	REQUIRE(pf_password_step(d, T1.u->email, T1.u->password, "/settings/profile") == 303,
	    "password step");
	REQUIRE(strcmp(d->r.location, "/api/login/verify?next=/settings/profile") == 0,
	    "Location \"%s\"", d->r.location);
	pf_load(d, "/api/login/verify?next=/settings/profile");
	REQUIRE(strcmp(xs(d, "string(/steward/verify/@next)"), "/settings/profile") == 0, "next lost");
	post(d, "/api/login/verify", "csrf", d->csrf, "code", T1.codes[3], "next", "/settings/profile", NULL);
	REQUIRE(d->r.status == 303 && strcmp(d->r.location, "/api/settings/profile") == 0,
	    "recovery code: %ld %s", d->r.status, d->r.location);
	REQUIRE(pf_load(d, "/api/settings/profile") == 200 &&
	    strstr(xs(d, "string(/steward/flash)"), "recovery code") != NULL, "no flash");
	REQUIRE(strcmp(xs(d, "string(/steward/twofa/@recovery-left)"), "9") == 0, "recovery-left %s",
	    xs(d, "string(/steward/twofa/@recovery-left)"));
	REQUIRE(audits(T1.u->email, "login.recovery-code") == 1, "not audited");
	cl_free(d);
	d = cl_new("recovery2");
	unlock(T1.u->email);
	REQUIRE(pf_password_step(d, T1.u->email, T1.u->password, NULL) == 303, "password step");
	pf_load(d, "/api/login/verify");
	post(d, "/api/login/verify", "csrf", d->csrf, "code", T1.codes[3], NULL);
	REQUIRE(d->r.status == 422, "a used recovery code answered %ld", d->r.status);
	t_end();

	t_begin("verify: the second step expires (10 minutes): an expired half session -> 303 /login with a flash, and is signed out");
	REQUIRE(pf_sql(NULL, 0, "UPDATE session s JOIN user u ON u.id = s.user_id SET s.expires_at = "
	    "UTC_TIMESTAMP(6) - INTERVAL 1 SECOND WHERE u.email = '%s' AND s.stage = 1",
	    T1.u->email) == 0, "sql");
	REQUIRE(get(d, "/api/login/verify") == 303 && strcmp(d->r.location, "/api/login") == 0,
	    "GET verify: %ld %s", d->r.status, d->r.location);
	REQUIRE(atoi(pf_sqlv("SELECT TIMESTAMPDIFF(SECOND, UTC_TIMESTAMP(6), MAX(s.expires_at)) FROM session s "
	    "JOIN user u ON u.id = s.user_id WHERE u.email = '%s' AND s.stage = 0", T1.u->email)) > 3600,
	    "full sessions end early");
	t_end();

	t_begin("verify: the half session lives at most 10 minutes; after 5 wrong codes it ends (303 /login); wrong codes are throttled (429 with Retry-After)");
	unlock(T1.u->email);
	cl_free(d);
	d = cl_new("attempts");
	REQUIRE(pf_password_step(d, T1.u->email, T1.u->password, NULL) == 303, "password step");
	i = atoi(pf_sqlv("SELECT TIMESTAMPDIFF(SECOND, UTC_TIMESTAMP(6), MAX(s.expires_at)) FROM session s "
	    "JOIN user u ON u.id = s.user_id WHERE u.email = '%s' AND s.stage = 1", T1.u->email));
	REQUIRE(i > 540 && i <= 600, "the half session lives %d s", i);
	pf_load(d, "/api/login/verify");
	for (i = 0; i < 4; i++) {
		unlock(T1.u->email);
		post(d, "/api/login/verify", "csrf", d->csrf, "code", "000000", NULL);
		REQUIRE(d->r.status == 422, "wrong code %d: %ld", i + 1, d->r.status);
	}
	unlock(T1.u->email);
	post(d, "/api/login/verify", "csrf", d->csrf, "code", "000000", NULL);
	REQUIRE(d->r.status == 303 && strcmp(d->r.location, "/api/login") == 0,
	    "fifth wrong code: %ld %s", d->r.status, d->r.location);
	REQUIRE(get(d, "/api/login/verify") == 303, "the half session survived");
	cl_free(d);
	d = cl_new("throttle");
	unlock(T1.u->email);
	REQUIRE(pf_password_step(d, T1.u->email, T1.u->password, NULL) == 303, "password step");
	pf_load(d, "/api/login/verify");
	for (i = 0; i < 4; i++)
		post(d, "/api/login/verify", "csrf", d->csrf, "code", "000000", NULL);
	post(d, "/api/login/verify", "csrf", d->csrf, "code", "000000", NULL);
	REQUIRE(d->r.status == 429 || (d->r.status == 303 && i == 4),
	    "throttled code answered %ld", d->r.status);
	if (d->r.status == 429)
		REQUIRE(atoi(d->r.retry) > 0, "Retry-After \"%s\"", d->r.retry);
	unlock(T1.u->email);
	t_end();

	t_begin("verify: without csrf -> 403; signed out GET /login/verify -> 303 /login");
	cl_free(d);
	d = cl_new("csrf");
	REQUIRE(pf_password_step(d, T1.u->email, T1.u->password, NULL) == 303, "password step");
	post(d, "/api/login/verify", "code", "123456", NULL);
	REQUIRE(d->r.status == 403, "answered %ld", d->r.status);
	cl_free(d);
	d = cl_new("anon");
	REQUIRE(get(d, "/api/login/verify") == 303 && strcmp(d->r.location, "/api/login") == 0,
	    "signed out: %ld %s", d->r.status, d->r.location);
done:
	unlock(T1.u ? T1.u->email : "x@example.com");
	cl_free(c);
	cl_free(d);
	t_end();
}

static void
test_pf_twofa_manage(void)
{
	struct client	*c = cl_new("manage"), *other = NULL;
	char		 code[16], oldcode[16];
	struct snap	 s = { 0 };

	t_begin("2fa: new recovery codes need the password (wrong -> 422, codes kept); with it -> 200 and ten new ones, the old ones dead, audited");
	REQUIRE(T1.u != NULL && tfa_signin(c, &T1), "sign-in failed");
	post(c, "/api/settings/profile/2fa/recovery", "csrf", c->csrf, "password", "wrong password", NULL);
	REQUIRE(c->r.status == 422 && strcmp(xs(c, "string(/steward/errors/error/@field)"), "password") == 0 &&
	    strcmp(xs(c, "string(/steward/profile/@form)"), "recovery") == 0, "wrong password: %ld", c->r.status);
	REQUIRE(atoi(pf_sqlv("SELECT COUNT(*) FROM recovery_code r JOIN user u ON u.id = r.user_id "
	    "WHERE u.email = '%s' AND r.used_at IS NULL", T1.u->email)) == 9, "codes changed");
	unlock(T1.u->email);
	snprintf(oldcode, sizeof(oldcode), "%s", T1.codes[0]);
	post(c, "/api/settings/profile/2fa/recovery", "csrf", c->csrf, "password", T1.u->password, NULL);
	REQUIRE(c->r.status == 200 && xpath_count(c->r.doc, "/steward/recovery-codes[@reason='regenerated']/code") == 10,
	    "answered %ld", c->r.status);
	xpath_str(c->r.doc, "string(/steward/recovery-codes/code[1])", T1.codes[0], sizeof(T1.codes[0]));
	REQUIRE(audits(T1.u->email, "2fa.recovery.new") == 1, "not audited");
	other = cl_new("old-code");
	REQUIRE(pf_password_step(other, T1.u->email, T1.u->password, NULL) == 303, "password step");
	pf_load(other, "/api/login/verify");
	post(other, "/api/login/verify", "csrf", other->csrf, "code", oldcode, NULL);
	REQUIRE(other->r.status == 422, "an old recovery code answered %ld", other->r.status);
	unlock(T1.u->email);
	t_end();

	t_begin("2fa: turning off needs the password and a code (each wrong -> 422, still on); with both -> 303, off, codes gone, other sessions ended, notice, audited");
	cl_free(other);
	REQUIRE((other = cl_new("other")) && tfa_signin(other, &T1), "second sign-in failed");
	pf_load(c, "/api/settings/profile");
	REQUIRE(totp_for(T1.secret, &T1.last, code) == 0, "oathtool");
	post(c, "/api/settings/profile/2fa/disable", "csrf", c->csrf, "password", "wrong password",
	    "code", code, NULL);
	REQUIRE(c->r.status == 422 && strcmp(xs(c, "string(/steward/errors/error/@field)"), "password") == 0,
	    "wrong password: %ld", c->r.status);
	unlock(T1.u->email);
	post(c, "/api/settings/profile/2fa/disable", "csrf", c->csrf, "password", T1.u->password,
	    "code", "000000", NULL);
	REQUIRE(c->r.status == 422 && strcmp(xs(c, "string(/steward/errors/error/@field)"), "code") == 0,
	    "wrong code: %ld", c->r.status);
	post(c, "/api/settings/profile/2fa/disable", "csrf", c->csrf, "password", T1.u->password,
	    "code", "", NULL);
	REQUIRE(c->r.status == 422 && strcmp(xs(c, "string(/steward/errors/error/@field)"), "code") == 0,
	    "no code: %ld", c->r.status);
	REQUIRE(strcmp(pf_sqlv("SELECT totp_enabled FROM user WHERE email = '%s'", T1.u->email), "1") == 0,
	    "turned off by a refused request");
	unlock(T1.u->email);
	snap_take(&s);
	REQUIRE(totp_for(T1.secret, &T1.last, code) == 0, "oathtool");
	post(c, "/api/settings/profile/2fa/disable", "csrf", c->csrf, "password", T1.u->password,
	    "code", code, NULL);
	REQUIRE(c->r.status == 303, "answered %ld (%s)", c->r.status, xs(c, "string(/steward/errors/error)"));
	REQUIRE(strcmp(pf_sqlv("SELECT CONCAT(totp_enabled, '|', totp_secret_enc IS NULL) FROM user "
	    "WHERE email = '%s'", T1.u->email), "0|1") == 0, "not off");
	REQUIRE(atoi(pf_sqlv("SELECT COUNT(*) FROM recovery_code r JOIN user u ON u.id = r.user_id "
	    "WHERE u.email = '%s'", T1.u->email)) == 0, "recovery codes left");
	REQUIRE(get(other, "/api/settings") == 401, "the other session survived");
	REQUIRE(mail_to(&s, T1.u->email, "turned off", NULL) == 1, "no notice");
	REQUIRE(audits(T1.u->email, "2fa.disable") == 1, "not audited");
	post(c, "/api/settings/profile/2fa/disable", "csrf", c->csrf, "password", T1.u->password,
	    "code", code, NULL);
	REQUIRE(c->r.status == 422, "turning off again: %ld", c->r.status);
	cl_free(other);
	other = cl_new("plain");
	REQUIRE(signin(other, T1.u->email, T1.u->password) == 303, "sign-in without a code fails");
done:
	snap_free(&s);
	cl_free(c);
	cl_free(other);
	t_end();
}

/* ------------------------------------------------- 9. Admin's reset */

static void
test_pf_admin_reset(void)
{
	struct tfa	 m = { 0 };
	struct user	*adm = pf_user("admin", "pf-radmin", &PA);
	struct user	*cr = pf_user("creator", "pf-rcreator", &PA);
	struct user	*mb = pf_user("member", "pf-rmember", &PA);
	struct user	*ag = pf_user("agent", "pf-ragent", &PA);
	struct user	*badm = pf_user("admin", "pf-rbadmin", &PB);
	struct user	*roles[3] = { cr, mb, ag };
	struct client	*c = cl_new("m"), *a = NULL, *x = NULL;
	char		 uid[32], name[200], out[512];
	struct snap	 s = { 0 };
	int		 i, a0;

	t_begin("2fa reset: fixtures (a member with 2-step on)");
	m.u = pf_user("member", "pf-rtarget", &PA);
	ck(adm && cr && mb && ag && badm && m.u && tfa_enable(c, &m), "fixtures");
	if (!t_end())
		goto out;
	snprintf(uid, sizeof(uid), "%s", pf_sqlv("SELECT id FROM user WHERE email = '%s'", m.u->email));
	a0 = audits_all(m.u->email);
	for (i = 0; i < 3; i++) {
		snprintf(name, sizeof(name), "2fa reset: a %s -> 403, the member's 2-step stays on, still signed in",
		    roles[i]->role);
		t_begin(name);
		cl_free(x);
		x = signed_in(roles[i]);
		if (x == NULL) {
			t_end();
			continue;
		}
		post(x, "/api/settings/users/2fa-reset", "csrf", x->csrf, "user", uid, NULL);
		ck(x->r.status == 403, "answered %ld", x->r.status);
		ck(strcmp(pf_sqlv("SELECT totp_enabled FROM user WHERE id = %s", uid), "1") == 0, "turned off");
		ck(get(c, "/api/settings") == 200, "the member was signed out");
		t_end();
	}
	t_begin("2fa reset: the Admin of another account -> 404 for this member, nothing changed");
	cl_free(x);
	REQUIRE((x = signed_in(badm)) != NULL, "sign-in failed");
	post(x, "/api/settings/users/2fa-reset", "csrf", x->csrf, "user", uid, NULL);
	REQUIRE(x->r.status == 404, "answered %ld", x->r.status);
	REQUIRE(strcmp(pf_sqlv("SELECT totp_enabled FROM user WHERE id = %s", uid), "1") == 0, "turned off");
	REQUIRE(audits(badm->email, "2fa.reset") == 0, "audited");
	t_end();
	t_begin("2fa reset: junk user ids -> 404; one's own -> 403; without csrf -> 403; nothing changed");
	REQUIRE((a = signed_in(adm)) != NULL, "sign-in failed");
	post(a, "/api/settings/users/2fa-reset", "csrf", a->csrf, "user", "abc", NULL);
	REQUIRE(a->r.status == 404, "abc: %ld", a->r.status);
	post(a, "/api/settings/users/2fa-reset", "csrf", a->csrf, "user", "99999999999", NULL);
	REQUIRE(a->r.status == 404, "unknown: %ld", a->r.status);
	post(a, "/api/settings/users/2fa-reset", "csrf", a->csrf, "user", "", NULL);
	REQUIRE(a->r.status == 404, "empty: %ld", a->r.status);
	post(a, "/api/settings/users/2fa-reset", "csrf", a->csrf, "user",
	    pf_sqlv("SELECT id FROM user WHERE email = '%s'", adm->email), NULL);
	REQUIRE(a->r.status == 403, "own: %ld", a->r.status);
	post(a, "/api/settings/users/2fa-reset", "user", uid, NULL);
	REQUIRE(a->r.status == 403, "no csrf: %ld", a->r.status);
	REQUIRE(strcmp(pf_sqlv("SELECT totp_enabled FROM user WHERE id = %s", uid), "1") == 0, "turned off");
	REQUIRE(audits_all(m.u->email) == a0, "the member's audit changed");
	t_end();
	t_begin("2fa reset: a member whose login also belongs to another organization -> 403 (only steward-admin may), nothing changed");
	{
		struct tfa	 both = { 0 };
		struct client	*bc = cl_new("both");
		char		 bid[32];

		both.u = pf_user("member", "pf-rboth", &PA);
		REQUIRE(both.u && tfa_enable(bc, &both), "fixture");
		REQUIRE(admin_run(NULL, out, sizeof(out), "user-add", both.u->email, "member",
		    "--account", PB.id, NULL) == 0, "second membership");
		snprintf(bid, sizeof(bid), "%s", pf_sqlv("SELECT id FROM user WHERE email = '%s'",
		    both.u->email));
		post(a, "/api/settings/users/2fa-reset", "csrf", a->csrf, "user", bid, NULL);
		ck(a->r.status == 403, "answered %ld", a->r.status);
		ck(strcmp(pf_sqlv("SELECT totp_enabled FROM user WHERE id = %s", bid), "1") == 0,
		    "turned off");
		ck(get(bc, "/api/settings") == 200, "signed out");
		cl_free(bc);
	}
	t_end();
	t_begin("2fa reset: the Admin -> 303 /settings/users with a flash; off, codes gone, every session of the member ended, member mailed, audited with the Admin as actor");
	snap_take(&s);
	post(a, "/api/settings/users/2fa-reset", "csrf", a->csrf, "user", uid, NULL);
	REQUIRE(a->r.status == 303 && strcmp(a->r.location, "/api/settings/users") == 0,
	    "answered %ld %s", a->r.status, a->r.location);
	REQUIRE(strcmp(pf_sqlv("SELECT totp_enabled FROM user WHERE id = %s", uid), "0") == 0, "still on");
	REQUIRE(atoi(pf_sqlv("SELECT COUNT(*) FROM recovery_code WHERE user_id = %s", uid)) == 0, "codes left");
	REQUIRE(get(c, "/api/settings") == 401, "the member is still signed in");
	REQUIRE(mail_to(&s, m.u->email, "turned off 2-step verification", NULL) == 1, "no mail to the member");
	REQUIRE(audits(adm->email, "2fa.reset") == 1, "not audited");
	snap_free(&s);
	t_end();
	t_begin("2fa reset: steward-admin user-reset-2fa EMAIL turns it off (exit 0, mail); an unknown email -> exit 1");
	cl_free(c);
	c = cl_new("m2");
	REQUIRE(tfa_enable(c, &m), "enable again");
	snap_take(&s);
	REQUIRE(admin_run(NULL, out, sizeof(out), "user-reset-2fa", m.u->email, NULL) == 0, "exit status");
	REQUIRE(strcmp(pf_sqlv("SELECT totp_enabled FROM user WHERE id = %s", uid), "0") == 0, "still on");
	REQUIRE(mail_to(&s, m.u->email, "turned off 2-step verification", NULL) == 1, "no mail");
	REQUIRE(admin_run(NULL, out, sizeof(out), "user-reset-2fa", "itest-nobody-x@example.com", NULL) == 1,
	    "unknown email");
	snap_free(&s);
done:
	t_end();
out:
	cl_free(c);
	cl_free(a);
	cl_free(x);
}

/* ------------------------------------ 10. the organization requires */

static void
test_pf_enroll(void)
{
	struct tfa	 t = { 0 };
	struct client	*c = cl_new("enroll");
	char		 code[16];

	t_begin("required 2fa: a member without it is taken to the set-up after sign-in (HTML 303), and /api pages, other forms and roles' actions answer 403; set-up and sign-out stay open; once on, everything opens and it cannot be turned off");
	REQUIRE((t.u = pf_user("admin", "pf-enroll", &PC)) != NULL, "user");
	REQUIRE(pf_password_step(c, t.u->email, t.u->password, NULL) == 303 &&
	    strcmp(c->r.location, "/api/settings") == 0, "sign-in: %ld %s", c->r.status, c->r.location);
	REQUIRE(get(c, "/settings") == 303 && strcmp(c->r.location, "/settings/profile/2fa") == 0,
	    "HTML /settings: %ld %s", c->r.status, c->r.location);
	REQUIRE(get(c, "/settings/password") == 303, "HTML /settings/password: %ld", c->r.status);
	REQUIRE(get(c, "/api/settings") == 403, "/api/settings: %ld", c->r.status);
	REQUIRE(get(c, "/api/settings/profile") == 403, "/api/settings/profile: %ld", c->r.status);
	REQUIRE(pf_load(c, "/api/settings/profile/2fa") == 200 &&
	    strcmp(xs(c, "string(/steward/twofa-setup/@required)"), "yes") == 0, "set-up page: %ld",
	    c->r.status);
	post(c, "/api/settings/users/invite", "csrf", c->csrf, "email", "x-enroll@example.com",
	    "role", "member", NULL);
	REQUIRE(c->r.status == 403, "invite: %ld", c->r.status);
	post(c, "/api/settings/credentials/reveal", "csrf", c->csrf, NULL);
	REQUIRE(c->r.status == 403 && !body_has(c, PC.passcode), "reveal: %ld", c->r.status);
	post(c, "/api/settings/profile", "csrf", c->csrf, "name", "Changed", NULL);
	REQUIRE(c->r.status == 403, "profile: %ld", c->r.status);
	REQUIRE(tfa_setup(c, &t), "the required set-up failed");
	REQUIRE(strcmp(pf_sqlv("SELECT totp_enabled FROM user WHERE email = '%s'", t.u->email), "1") == 0,
	    "the required set-up did not turn it on");
	REQUIRE(pf_load(c, "/api/settings") == 200, "after set-up /api/settings: %ld", c->r.status);
	REQUIRE(pf_load(c, "/api/settings/profile") == 200 &&
	    strcmp(xs(c, "string(/steward/twofa/@required)"), "yes") == 0, "profile");
	REQUIRE(totp_for(t.secret, &t.last, code) == 0, "oathtool");
	post(c, "/api/settings/profile/2fa/disable", "csrf", c->csrf, "password", t.u->password,
	    "code", code, NULL);
	REQUIRE(c->r.status == 422 && strcmp(pf_sqlv("SELECT totp_enabled FROM user WHERE email = '%s'",
	    t.u->email), "1") == 0, "turning off under the requirement: %ld", c->r.status);
	post(c, "/api/logout", "csrf", c->csrf, NULL);
	REQUIRE(c->r.status == 303, "sign-out: %ld", c->r.status);
	t_end();

	t_begin("required 2fa: sign-out stays open before the set-up");
	cl_free(c);
	c = cl_new("enroll2");
	t.u = pf_user("member", "pf-enroll2", &PC);
	REQUIRE(t.u && signin(c, t.u->email, t.u->password) == -2, "sign-in");
	REQUIRE(pf_load(c, "/api/settings/profile/2fa") == 200, "set-up page");
	post(c, "/api/logout", "csrf", c->csrf, NULL);
	REQUIRE(c->r.status == 303 && strcmp(c->r.location, "/api/login") == 0, "logout: %ld %s",
	    c->r.status, c->r.location);
done:
	cl_free(c);
	t_end();
}

/* ------------------------------------------------------ 11. lock-out */

static void
test_pf_lockout(void)
{
	struct user	*u = pf_user("member", "pf-lock", &PA);
	struct client	*c = cl_new("lock");
	struct snap	 s = { 0 };
	char		 wrong[80], out[256];

	t_begin("lock-out: the failure that brings the delay to its cap sets locked_until, audits user.locked and mails the user once; steward-admin user-unlock clears it");
	REQUIRE(u != NULL, "user");
	unlock(u->email);
	snprintf(wrong, sizeof(wrong), "%s-wrong", u->password);
	REQUIRE(signin(c, u->email, wrong) == 422, "first failure");
	REQUIRE(pf_sql(NULL, 0, "UPDATE throttle SET failures = 12, next_at = UTC_TIMESTAMP(6) WHERE "
	    "scope = 1 AND key_hash = UNHEX(SHA2(CONCAT('email:', '%s'), 256))", u->email) == 0, "sql");
	(void)pf_sql(NULL, 0, "DELETE FROM throttle WHERE scope = 2");
	snap_take(&s);
	REQUIRE(signin(c, u->email, wrong) == 422, "13th failure answered %ld", c->r.status);
	REQUIRE(mail_to(&s, u->email, "failed attempts", NULL) == 1, "no lock-out notice");
	REQUIRE(strcmp(pf_sqlv("SELECT locked_until > UTC_TIMESTAMP(6) FROM user WHERE email = '%s'",
	    u->email), "1") == 0, "locked_until not set");
	REQUIRE(audits(u->email, "user.locked") == 1, "not audited");
	REQUIRE(signin(c, u->email, u->password) == 429, "the right password while locked: %ld",
	    c->r.status);
	REQUIRE(admin_run(NULL, out, sizeof(out), "user-unlock", u->email, "--ip", "127.0.0.1",
	    NULL) == 0, "user-unlock");
	REQUIRE(strcmp(pf_sqlv("SELECT COALESCE(locked_until, 'none') FROM user WHERE email = '%s'",
	    u->email), "none") == 0, "locked_until not cleared");
	cl_free(c);
	c = cl_new("lock2");
	REQUIRE(signin(c, u->email, u->password) == 303, "sign-in after unlock: %ld", c->r.status);
done:
	snap_free(&s);
	cl_free(c);
	t_end();
}

/* ------------------------------------------------------- 12. hostile */

static void
test_pf_hostile(void)
{
	struct user	*u = pf_user("member", "pf-hostile", &PA);
	struct client	*c = NULL, *anon = cl_new("anon");
	char		 name[200], shown[64], q[1024], *e;
	size_t		 i;
	int		 html;

	t_begin("hostile (profile): fixtures");
	ck(u && (c = signed_in(u)), "sign-in failed");
	if (!t_end())
		goto out;
	for (i = 0; i < sizeof(hostile) / sizeof(hostile[0]); i++) {
		snprintf(shown, sizeof(shown), "#%zu", i + 1);
		snprintf(name, sizeof(name), "hostile %s (profile): every field of every form of the part, HTML and /api: no 500, nothing reflected unescaped, valid XML",
		    shown);
		t_begin(name);
		for (html = 0; html < 2; html++) {
			const char *p = html ? "" : "/api";
			pf_load(c, "/api/settings/profile");
#define H(path, ...) do { snprintf(q, sizeof(q), "%s%s", p, path); \
	post(c, q, __VA_ARGS__, NULL); hostile_answer(c, html); } while (0)
			H("/settings/profile", "csrf", c->csrf, "name", "Ann", "phone", hostile[i]);
			H("/settings/profile/email", "csrf", c->csrf, "email", hostile[i], "password", hostile[i]);
			H("/settings/profile/sessions/end", "csrf", c->csrf, "session", hostile[i]);
			H("/settings/profile/2fa/enable", "csrf", c->csrf, "code", hostile[i]);
			H("/settings/profile/2fa/disable", "csrf", c->csrf, "password", hostile[i], "code", hostile[i]);
			H("/settings/users/2fa-reset", "csrf", c->csrf, "user", hostile[i], "back", hostile[i]);
			H("/settings/password", "csrf", c->csrf, "password", hostile[i], "new_password",
			    hostile[i], "confirm", hostile[i]);
			H("/email/confirm", "csrf", c->csrf, "token", hostile[i]);
			H("/password/reset", "csrf", c->csrf, "token", hostile[i], "new_password", hostile[i]);
#undef H
			unlock(u->email);
			e = curl_easy_escape(anon->h, hostile[i], 0);
			snprintf(q, sizeof(q), "%s/password/reset?token=%s", p, e);
			get(anon, q);
			hostile_answer(anon, html);
			snprintf(q, sizeof(q), "%s/email/confirm?token=%s", p, e);
			get(anon, q);
			hostile_answer(anon, html);
			snprintf(q, sizeof(q), "%s/login/verify?next=%s", p, e);
			get(anon, q);
			hostile_answer(anon, html);
			snprintf(q, sizeof(q), "%s/settings/profile?page=%s", p, e);
			get(c, q);
			hostile_answer(c, html);
			curl_free(e);
			if (!load_login_csrf(anon))
				ck(0, "login csrf");
			snprintf(q, sizeof(q), "%s/password/forgot", p);
			post(anon, q, "csrf", anon->csrf, "email", hostile[i], NULL);
			hostile_answer(anon, html);
			ck(anon->r.status == 422, "forgot answered %ld", anon->r.status);
		}
		t_end();
	}
	t_begin("hostile (profile): a hostile name is stored as typed and shown escaped in the page and the header");
	pf_load(c, "/api/settings/profile");
	post(c, "/api/settings/profile", "csrf", c->csrf, "name", "<script>alert(1)</script> & \"Ann\"",
	    "phone", "", NULL);
	ck(c->r.status == 303, "answered %ld", c->r.status);
	get(c, "/settings/profile");
	hostile_answer(c, 1);
	ck(body_has(c, "&lt;script&gt;alert(1)&lt;/script&gt;"), "not shown escaped");
	t_end();
out:
	cl_free(c);
	cl_free(anon);
}

/* The profile part's tests, in order. */
static void
part_profile(void)
{
	t_begin("profile: fixtures (three organizations, one requiring 2-step verification; the mariadb client reaches the database)");
	ck(pf_setup() == 0, "fixtures could not be made");
	ck(strcmp(pf_sqlv("SELECT require_2fa FROM organization WHERE id = %s", PC.org), "1") == 0,
	    "the mariadb client cannot reach the database (%s)", g_conf);
	if (!t_end())
		return;
	test_pf_page();
	test_pf_details();
	test_pf_details_bad();
	test_pf_csrf();
	test_pf_sessions();
	test_pf_password_rules();
	test_pf_password_change();
	test_pf_forgot();
	test_pf_forgot_bad();
	test_pf_reset();
	test_pf_email();
	test_pf_twofa_enable();
	test_pf_verify();
	test_pf_twofa_manage();
	test_pf_admin_reset();
	test_pf_enroll();
	test_pf_lockout();
	test_pf_hostile();
}
