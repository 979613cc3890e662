/*
 * Tests of the account part (issue 5): Billing (usage, plans, proration,
 * card, contact, invoices, CSV, the period close), Organization, Account
 * Timezone, passcode rotation.  Every form gets its bad input (empty, too
 * long, invalid UTF-8, control characters, wrong type, unknown value,
 * missing or wrong CSRF, wrong role), each checked to change nothing.
 * Included by itest.c; fixtures of its own, made with steward-admin.
 */

#include <time.h>

/* Organizations of this part: X (all roles, a second account), Y (a
 * foreign one), C (concurrency) and P (the period close and DST). */
static struct account	 X, Y, C, P;
static char		 X2[32];		/* X's second account */
static struct user	 UX_admin = { .role = "admin" }, UX_creator = { .role = "creator" },
			 UX_member = { .role = "member" }, UX_agent = { .role = "agent" },
			 UY_admin = { .role = "admin" }, UC_admin = { .role = "admin" },
			 UP_admin = { .role = "admin" };

/* Card numbers typed in these tests: none may ever be stored or logged. */
static const char *const typed_cards[] = {
	"4242424242424242", "4242 4242 4242 4242", "4000056655665556",
	"378282246310005", "4242424242424241", "30569309025904",
	"5555555555554444",
};

/* ------------------------------------------------------------ helpers */

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

/* The organizations, users and second account of this part. */
static int
acct_fixtures(void)
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

/* The billing state of adm's organization, as one string. */
static void
snap_billing(struct client *adm, struct buf *b)
{
	static const char *const x[] = {
		"string(/steward/billing/@plan)",
		"string(/steward/billing/@pending-plan)",
		"string(/steward/billing/card/@last4)",
		"string(/steward/billing/card/@brand)",
		"string(/steward/billing/card/@exp-month)",
		"string(/steward/billing/card/@exp-year)",
		"string(/steward/billing/card/@holder)",
		"string(/steward/billing/contact/@name)",
		"string(/steward/billing/contact/@email)",
		"string(/steward/billing/contact/@address)",
		"string(/steward/billing/contact/@country)",
		"string(/steward/billing/contact/@tax-id)",
		"count(/steward/billing/invoices/invoice)",
		"string(/steward/billing/invoices/invoice[1]/@ref)",
		NULL
	};

	buf_clear(b);
	if (api(adm, "/settings/billing") != 200) {
		buf_str(b, "unreadable");
		return;
	}
	snap_xpaths(adm, x, b);
}

static void
snap_org(struct client *adm, struct buf *b)
{
	static const char *const x[] = {
		"string(/steward/organization/@name)",
		"string(/steward/organization/@legal-name)",
		"string(/steward/organization/@address)",
		"string(/steward/organization/@country)",
		"string(/steward/organization/@website)",
		"string(/steward/organization/@tax-id)",
		"string(/steward/organization/@invite-domains)",
		"string(/steward/organization/@require-2fa)",
		NULL
	};

	buf_clear(b);
	if (api(adm, "/settings/organization") != 200) {
		buf_str(b, "unreadable");
		return;
	}
	snap_xpaths(adm, x, b);
}

static void
snap_tz(struct client *adm, struct buf *b)
{
	static const char *const x[] = { "string(/steward/timezone/@current)", NULL };

	buf_clear(b);
	if (api(adm, "/settings/timezone") != 200) {
		buf_str(b, "unreadable");
		return;
	}
	snap_xpaths(adm, x, b);
}

/* The passcode of an account, through steward-admin. */
static void
passcode_of(const char *account, char *out, size_t outlen)
{
	char	*nl;

	if (admin_run(NULL, out, outlen, "passcode-show", "--account", account,
	    NULL) != 0)
		out[0] = '\0';
	if ((nl = strchr(out, '\n')) != NULL)
		*nl = '\0';
}

static void
snap_passcode(struct client *adm, struct buf *b)
{
	char	 pc[64];

	(void)adm;
	buf_clear(b);
	passcode_of(X.id, pc, sizeof(pc));
	buf_str(b, pc);
}

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

/* ------------------------------------------------------ 1. overview */

static void
test_acct_overview(void)
{
	struct client	*a = NULL, *m = NULL;

	t_begin("account: overview lists Billing, Account Timezone and Organization as available; Rotate link for Admins only");
	REQUIRE((a = signed_in(&UX_admin)) != NULL, "sign-in failed");
	REQUIRE(xpath_count(a->r.doc, "/steward/pages/page[@key='billing' and @available='yes' and @href='/settings/billing']") == 1,
	    "billing is not available");
	REQUIRE(xpath_count(a->r.doc, "/steward/pages/page[@key='timezone' and @available='yes']") == 1,
	    "timezone is not available");
	REQUIRE(xpath_count(a->r.doc, "/steward/pages/page[@key='organization' and @available='yes']") == 1,
	    "organization is not available");
	REQUIRE(get(a, "/settings") == 200 && body_has(a, "href=\"/settings/billing\"") &&
	    body_has(a, "href=\"/settings/credentials/rotate\""),
	    "the Admin's overview links neither Billing nor Rotate");
	REQUIRE((m = signed_in(&UX_member)) != NULL, "member sign-in failed");
	REQUIRE(get(m, "/settings") == 200 && !body_has(m, "/settings/credentials/rotate") &&
	    !body_has(m, "href=\"/settings/billing\"") && body_has(m, "href=\"/settings/organization\""),
	    "the Member's overview offers Rotate or Billing, or hides Organization");
done:
	cl_free(a);
	cl_free(m);
	t_end();
}

/* ------------------------------------------------------- 2. billing */

static void
test_billing_page(void)
{
	struct client	*a = NULL;
	char		 days[16];

	t_begin("billing: Admin sees four plans (Free current), the period, a day per day, no card, no invoices; HTML renders");
	REQUIRE((a = signed_in(&UX_admin)) != NULL, "sign-in failed");
	REQUIRE(api(a, "/settings/billing") == 200, "answered %ld", a->r.status);
	REQUIRE(xpath_count(a->r.doc, "/steward/billing/plan") == 4, "%d plans",
	    xpath_count(a->r.doc, "/steward/billing/plan"));
	REQUIRE(strcmp(xs(a, "string(/steward/billing/@plan)"), "free") == 0,
	    "plan is %s", xs(a, "string(/steward/billing/@plan)"));
	REQUIRE(xpath_count(a->r.doc, "/steward/billing/plan[@code='free' and @move='current' and @price='0']") == 1,
	    "Free is not the current plan at 0");
	REQUIRE(xpath_count(a->r.doc, "/steward/billing/plan[@code='enterprise' and @move='upgrade']") == 1,
	    "Enterprise is not an upgrade");
	xpath_str(a->r.doc, "string(/steward/billing/@period-days)", days, sizeof(days));
	REQUIRE(xpath_count(a->r.doc, "/steward/billing/usage/day") == atoi(days),
	    "%d days for a period of %s", xpath_count(a->r.doc, "/steward/billing/usage/day"), days);
	REQUIRE(strncmp(xs(a, "string(/steward/billing/@period-start)"), utc_today(), 8) == 0 &&
	    strcmp(xs(a, "substring(/steward/billing/@period-start, 9)"), "01") == 0,
	    "period starts %s, not the 1st of this month", xs(a, "string(/steward/billing/@period-start)"));
	REQUIRE(xpath_count(a->r.doc, "/steward/billing/card") == 0, "a card is shown");
	REQUIRE(xpath_count(a->r.doc, "/steward/billing/invoices/invoice") == 0, "invoices are shown");
	REQUIRE(xpath_count(a->r.doc, "/steward/countries/country") == 249, "%d countries",
	    xpath_count(a->r.doc, "/steward/countries/country"));
	REQUIRE(get(a, "/settings/billing") == 200 && strncmp(a->r.ctype, "text/html", 9) == 0 &&
	    body_has(a, "<h1>Billing</h1>") && body_has(a, "class=\"chart-svg\""),
	    "HTML page: %ld %s", a->r.status, a->r.ctype);
done:
	cl_free(a);
	t_end();
}

static void
test_billing_roles(void)
{
	static const char *const paths[] = {
		"/settings/billing", "/settings/billing/plan?plan=essentials",
		"/settings/billing/invoices.csv", "/settings/billing/invoices/1",
	};
	struct user	*who[] = { &UX_creator, &UX_member, &UX_agent };
	struct client	*c, *adm = NULL;
	char		 name[200], p[256];
	size_t		 i, k;

	adm = signed_in(&UX_admin);
	for (i = 0; i < 3; i++) {
		snprintf(name, sizeof(name), "billing: a %s gets 403 on every billing page (XML and HTML) and no Billing entry",
		    who[i]->role);
		t_begin(name);
		c = signed_in(who[i]);
		if (c != NULL) {
			ck(strcmp(xs(c, "string(/steward/can/@billing)"), "no") == 0,
			    "can/@billing is %s", xs(c, "string(/steward/can/@billing)"));
			for (k = 0; k < sizeof(paths) / sizeof(paths[0]); k++) {
				ck(api(c, paths[k]) == 403, "GET /api%s: %ld", paths[k], c->r.status);
				snprintf(p, sizeof(p), "%s", paths[k]);
				ck(get(c, p) == 403 && !body_has(c, "Payment card"),
				    "GET %s: %ld", paths[k], c->r.status);
			}
		}
		cl_free(c);
		t_end();
	}
	for (i = 0; i < 3; i++) {
		struct badcase rows[] = {
			{ "card", "holder=Ann&number=4242424242424242&exp_month=12&exp_year=2030&cvc=123", 1, 403, NULL },
			{ "contact", "name=Ann&email=ann%40example.com", 1, 403, NULL },
			{ "plan", "plan=essentials&amount=0", 1, 403, NULL },
		};
		static const char *const posts[] = {
			"/api/settings/billing/card", "/api/settings/billing/contact",
			"/api/settings/billing/plan",
		};
		c = signed_in(who[i]);
		if (c == NULL)
			continue;
		for (k = 0; k < 3; k++) {
			snprintf(name, sizeof(name), "billing: %s POSTs %s", who[i]->role, rows[k].name);
			bad_posts(name, c, adm, posts[k], &rows[k], 1, snap_billing);
		}
		cl_free(c);
	}
	cl_free(adm);
}

static void
test_billing_usage(void)
{
	struct client	*a = NULL;
	char		 out[256], expr[200];
	const char	*today = utc_today();

	t_begin("billing: usage-add on two accounts of the organization is summed (another organization's is not), per day, with meters warning at 80% and over at 100%");
	REQUIRE(admin_run(NULL, out, sizeof(out), "usage-add", "--account", X.id,
	    "--day", today, "--data-points", "1200", "--mau", "500", NULL) == 0, "usage-add X: %s", out);
	REQUIRE(admin_run(NULL, out, sizeof(out), "usage-add", "--account", X2,
	    "--day", today, "--data-points", "34", "--mau", "350", NULL) == 0, "usage-add X2: %s", out);
	REQUIRE(admin_run(NULL, out, sizeof(out), "usage-add", "--account", Y.id,
	    "--day", today, "--data-points", "999999", "--mau", "999", NULL) == 0, "usage-add Y: %s", out);
	REQUIRE((a = signed_in(&UX_admin)) != NULL, "sign-in failed");
	REQUIRE(api(a, "/settings/billing") == 200, "answered %ld", a->r.status);
	REQUIRE(strcmp(xs(a, "string(/steward/billing/usage/@data-points)"), "1234") == 0,
	    "data points %s, not 1234", xs(a, "string(/steward/billing/usage/@data-points)"));
	snprintf(expr, sizeof(expr), "string(/steward/billing/usage/day[@date='%s']/@data-points)", today);
	REQUIRE(strcmp(xs(a, expr), "1234") == 0, "today's bar is %s", xs(a, expr));
	REQUIRE(strcmp(xs(a, "string(/steward/billing/usage/@mau)"), "850") == 0,
	    "MAU %s, not 850", xs(a, "string(/steward/billing/usage/@mau)"));
	REQUIRE(strcmp(xs(a, "string(/steward/billing/usage/@mau-percent)"), "85") == 0 &&
	    strcmp(xs(a, "string(/steward/billing/usage/@mau-level)"), "warn") == 0,
	    "MAU meter %s%% %s", xs(a, "string(/steward/billing/usage/@mau-percent)"),
	    xs(a, "string(/steward/billing/usage/@mau-level)"));
	REQUIRE(strcmp(xs(a, "string(/steward/billing/usage/@data-points-level)"), "ok") == 0,
	    "data-points level %s", xs(a, "string(/steward/billing/usage/@data-points-level)"));
	REQUIRE(admin_run(NULL, out, sizeof(out), "usage-add", "--account", X2,
	    "--day", today, "--mau", "200", NULL) == 0, "usage-add: %s", out);
	REQUIRE(api(a, "/settings/billing") == 200, "answered %ld", a->r.status);
	REQUIRE(strcmp(xs(a, "string(/steward/billing/usage/@mau-level)"), "over") == 0 &&
	    strcmp(xs(a, "string(/steward/billing/usage/@mau-percent)"), "105") == 0,
	    "MAU meter %s%% %s after 1,050 of 1,000", xs(a, "string(/steward/billing/usage/@mau-percent)"),
	    xs(a, "string(/steward/billing/usage/@mau-level)"));
	REQUIRE(get(a, "/settings/billing") == 200 && body_has(a, "meter-over"),
	    "the HTML page does not show the over-allowance meter");
	REQUIRE(admin_run(NULL, out, sizeof(out), "usage-add", "--account", X.id,
	    "--day", "2026-02-30", NULL) != 0, "usage-add accepted 2026-02-30");
	REQUIRE(admin_run(NULL, out, sizeof(out), "usage-add", "--account", X.id,
	    "--day", today, "--mau", "-5", NULL) == 1, "usage-add accepted --mau -5");
done:
	cl_free(a);
	t_end();
}

/* ---------------------------------------------------------- 3. card */

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

static void
test_card_good(void)
{
	struct client	*a = NULL;
	char		*body = NULL;

	t_begin("card: a valid Visa is stored as brand, last 4, expiry and holder; the 303 and the page never hold the number");
	REQUIRE((a = signed_in(&UX_admin)) != NULL, "sign-in failed");
	body = form(a, "holder", "Zo\xc3\xab Lindqvist", "number", "4242 4242 4242 4242",
	    "exp_month", "12", "exp_year", "2030", "cvc", "123", NULL);
	REQUIRE(post_csrf(a, "/api/settings/billing/card", body, 1) == 303,
	    "answered %ld (%s)", a->r.status, xs(a, "string(/steward/errors)"));
	REQUIRE(strcmp(a->r.location, "/api/settings/billing") == 0, "Location %s", a->r.location);
	REQUIRE(!body_has(a, "4242424242424242") && !body_has(a, "4242 4242"), "the answer holds the number");
	REQUIRE(api(a, "/settings/billing") == 200, "answered %ld", a->r.status);
	REQUIRE(strcmp(xs(a, "string(/steward/flash)"), "Card saved: Visa ending in 4242.") == 0,
	    "flash \"%s\"", xs(a, "string(/steward/flash)"));
	REQUIRE(strcmp(xs(a, "concat(/steward/billing/card/@brand, ' ', /steward/billing/card/@last4, ' ', "
	    "/steward/billing/card/@exp-month, '/', /steward/billing/card/@exp-year, ' ', /steward/billing/card/@holder)"),
	    "visa 4242 12/2030 Zo\xc3\xab Lindqvist") == 0, "card shown as \"%s\"",
	    xs(a, "concat(/steward/billing/card/@brand, ' ', /steward/billing/card/@last4)"));
	REQUIRE(!body_has(a, "4242424242424242") && !body_has(a, "cvc=\"123\""), "the page holds the number or the CVC");
	REQUIRE(get(a, "/settings/billing") == 200 && body_has(a, "Visa ending in") &&
	    !body_has(a, "4242424242424242"), "HTML page");
	free(body);
	body = form(a, "holder", "Ann Amex", "number", "3782-822463-10005",
	    "exp_month", "1", "exp_year", "2031", "cvc", "1234", NULL);
	REQUIRE(post_csrf(a, "/api/settings/billing/card", body, 1) == 303,
	    "an Amex with a 4-digit code answered %ld (%s)", a->r.status, xs(a, "string(/steward/errors)"));
	REQUIRE(api(a, "/settings/billing") == 200 &&
	    strcmp(xs(a, "concat(/steward/billing/card/@brand, ' ', /steward/billing/card/@last4)"), "amex 0005") == 0,
	    "card now \"%s\"", xs(a, "concat(/steward/billing/card/@brand, ' ', /steward/billing/card/@last4)"));
	free(body);
	body = form(a, "holder", "Zo\xc3\xab Lindqvist", "number", "4242424242424242",
	    "exp_month", "12", "exp_year", "2030", "cvc", "123", NULL);
	REQUIRE(post_csrf(a, "/api/settings/billing/card", body, 1) == 303, "answered %ld", a->r.status);
done:
	free(body);
	cl_free(a);
	t_end();
}

static void
test_card_bad(void)
{
	static const struct badcase rows[] = {
		{ "empty number", "holder=Ann&number=&exp_month=12&exp_year=2030&cvc=123", 1, 422, "number" },
		{ "missing number", "holder=Ann&exp_month=12&exp_year=2030&cvc=123", 1, 422, "number" },
		{ "30-digit number", "holder=Ann&number=424242424242424242424242424242&exp_month=12&exp_year=2030&cvc=123", 1, 422, "number" },
		{ "Luhn check fails", "holder=Ann&number=4242424242424241&exp_month=12&exp_year=2030&cvc=123", 1, 422, "number" },
		{ "letters in the number", "holder=Ann&number=4242abcd42424242&exp_month=12&exp_year=2030&cvc=123", 1, 422, "number" },
		{ "unknown brand (Diners)", "holder=Ann&number=30569309025904&exp_month=12&exp_year=2030&cvc=123", 1, 422, "number" },
		{ "number with %01", "holder=Ann&number=4242%0142424242424242&exp_month=12&exp_year=2030&cvc=123", 1, 400, NULL },
		{ "empty holder", "holder=&number=4242424242424242&exp_month=12&exp_year=2030&cvc=123", 1, 422, "holder" },
		{ "101-character holder", "holder=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa&number=4242424242424242&exp_month=12&exp_year=2030&cvc=123", 1, 422, "holder" },
		{ "holder with %0A", "holder=Ann%0ABob&number=4242424242424242&exp_month=12&exp_year=2030&cvc=123", 1, 422, "holder" },
		{ "holder with %01", "holder=Ann%01&number=4242424242424242&exp_month=12&exp_year=2030&cvc=123", 1, 400, NULL },
		{ "holder with invalid UTF-8", "holder=Ann%C3%28&number=4242424242424242&exp_month=12&exp_year=2030&cvc=123", 1, 400, NULL },
		{ "expired card", "holder=Ann&number=4242424242424242&exp_month=1&exp_year=2020&cvc=123", 1, 422, "exp_month" },
		{ "expiry 25 years ahead", "holder=Ann&number=4242424242424242&exp_month=1&exp_year=2090&cvc=123", 1, 422, "exp_month" },
		{ "month 13", "holder=Ann&number=4242424242424242&exp_month=13&exp_year=2030&cvc=123", 1, 422, "exp_month" },
		{ "month 'ab' (wrong type)", "holder=Ann&number=4242424242424242&exp_month=ab&exp_year=2030&cvc=123", 1, 422, "exp_month" },
		{ "two-digit year", "holder=Ann&number=4242424242424242&exp_month=12&exp_year=30&cvc=123", 1, 422, "exp_year" },
		{ "2-digit CVC", "holder=Ann&number=4242424242424242&exp_month=12&exp_year=2030&cvc=12", 1, 422, "cvc" },
		{ "3-digit CVC on an Amex", "holder=Ann&number=378282246310005&exp_month=12&exp_year=2030&cvc=123", 1, 422, "cvc" },
		{ "CVC 'abc'", "holder=Ann&number=4242424242424242&exp_month=12&exp_year=2030&cvc=abc", 1, 422, "cvc" },
		{ "no CSRF token", "holder=Ann&number=5555555555554444&exp_month=12&exp_year=2030&cvc=123", 0, 403, NULL },
		{ "wrong CSRF token", "holder=Ann&number=5555555555554444&exp_month=12&exp_year=2030&cvc=123", 2, 403, NULL },
	};
	struct client	*a = signed_in(&UX_admin);

	if (a == NULL)
		return;
	bad_posts("card", a, a, "/api/settings/billing/card", rows,
	    sizeof(rows) / sizeof(rows[0]), snap_billing);
	t_begin("card: a 422 keeps holder and expiry but never echoes the number or the CVC");
	post_csrf(a, "/api/settings/billing/card", "holder=Keep%20Me&number=4242424242424241&exp_month=11&exp_year=2031&cvc=987", 1);
	ck(a->r.status == 422, "answered %ld", a->r.status);
	ck(strcmp(xs(a, "string(/steward/billing/card-form/@holder)"), "Keep Me") == 0 &&
	    strcmp(xs(a, "string(/steward/billing/card-form/@exp-month)"), "11") == 0 &&
	    strcmp(xs(a, "string(/steward/billing/card-form/@exp-year)"), "2031") == 0,
	    "typed values not kept: %s", xs(a, "concat(/steward/billing/card-form/@holder, ' ', /steward/billing/card-form/@exp-month)"));
	ck(!body_has(a, "4242424242424241") && !body_has(a, "987"), "the 422 echoes the number or the CVC");
	post(a, "/settings/billing/card", "holder", "Keep Me", "number", "4242424242424241",
	    "exp_month", "11", "exp_year", "2031", "cvc", "987", "csrf", a->csrf, NULL);
	ck(a->r.status == 422 && body_has(a, "aria-invalid") && body_has(a, "Keep Me") &&
	    !body_has(a, "4242424242424241"), "HTML 422: %ld", a->r.status);
	t_end();
	cl_free(a);
}

static void
test_card_never_stored(void)
{
	struct buf	 dump = { 0 };
	char		 path[PATH_MAX + 64], *log;
	size_t		 i;
	const char	*logs[] = { "log/steward.log", "log/nginx-access.log", "log/nginx-error.log" };

	t_begin("card: no typed card number is anywhere in a mariadb-dump of the database or in the logs");
	REQUIRE(db_dump(&dump) == 0, "mariadb-dump failed");
	REQUIRE(strstr(dump.p, "visa") != NULL && strstr(dump.p, "4242") != NULL,
	    "the dump does not even hold the brand and last 4");
	for (i = 0; i < sizeof(typed_cards) / sizeof(typed_cards[0]); i++)
		REQUIRE(strstr(dump.p, typed_cards[i]) == NULL, "the dump holds %s", typed_cards[i]);
	for (i = 0; i < sizeof(logs) / sizeof(logs[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", g_var, logs[i]);
		if ((log = read_all(path)) == NULL)
			continue;
		ck(strstr(log, "4242424242424242") == NULL && strstr(log, "4242 4242") == NULL &&
		    strstr(log, "4242%204242") == NULL && strstr(log, "378282246310005") == NULL,
		    "%s holds a card number", logs[i]);
		free(log);
	}
done:
	buf_free(&dump);
	t_end();
}

/* ------------------------------------------------------- 4. contact */

static void
test_contact(void)
{
	static const struct badcase rows[] = {
		{ "empty name", "name=&email=bill%40example.com", 1, 422, "name" },
		{ "101-character name", "name=nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn&email=bill%40example.com", 1, 422, "name" },
		{ "empty email", "name=Bill&email=", 1, 422, "email" },
		{ "bad email", "name=Bill&email=not-an-email", 1, 422, "email" },
		{ "unknown country XX", "name=Bill&email=bill%40example.com&country=XX", 1, 422, "country" },
		{ "lower-case country de", "name=Bill&email=bill%40example.com&country=de", 1, 422, "country" },
		{ "tax ID with <", "name=Bill&email=bill%40example.com&tax_id=DE1%3C2", 1, 422, "tax_id" },
		{ "address with a tab", "name=Bill&email=bill%40example.com&address=a%09b", 1, 422, "address" },
		{ "address with %01", "name=Bill&email=bill%40example.com&address=a%01b", 1, 400, NULL },
		{ "name with invalid UTF-8", "name=Bill%FF&email=bill%40example.com", 1, 400, NULL },
		{ "no CSRF token", "name=Bill&email=bill%40example.com", 0, 403, NULL },
	};
	struct client	*a = NULL;
	char		*body = NULL, *addr;

	if ((a = signed_in(&UX_admin)) == NULL)
		return;
	t_begin("contact: name, email, a two-line address, country and tax ID are saved and shown");
	body = form(a, "name", "Bill Payer", "email", "bills@example.com", "address",
	    "Hauptstra\xc3\x9f" "e 1\n10115 Berlin", "country", "DE", "tax_id", "DE123456789", NULL);
	REQUIRE(post_csrf(a, "/api/settings/billing/contact", body, 1) == 303,
	    "answered %ld (%s)", a->r.status, xs(a, "string(/steward/errors)"));
	REQUIRE(api(a, "/settings/billing") == 200, "answered %ld", a->r.status);
	REQUIRE(strcmp(xs(a, "concat(/steward/billing/contact/@name, '|', /steward/billing/contact/@email, '|', "
	    "/steward/billing/contact/@country, '|', /steward/billing/contact/@tax-id)"),
	    "Bill Payer|bills@example.com|DE|DE123456789") == 0, "contact \"%s\"",
	    xs(a, "concat(/steward/billing/contact/@name, '|', /steward/billing/contact/@email)"));
	addr = xstrdup(xs(a, "string(/steward/billing/contact/@address)"));
	REQUIRE(strcmp(addr, "Hauptstra\xc3\x9f" "e 1\n10115 Berlin") == 0, "address \"%s\"", addr);
	free(addr);
done:
	free(body);
	t_end();
	bad_posts("contact", a, a, "/api/settings/billing/contact", rows,
	    sizeof(rows) / sizeof(rows[0]), snap_billing);
	t_begin("contact: a 422 keeps what was typed");
	post_csrf(a, "/api/settings/billing/contact", "name=Typed%20Name&email=nope&country=FR&tax_id=FR1", 1);
	ck(a->r.status == 422 && strcmp(xs(a, "concat(/steward/billing/contact/@name, '|', "
	    "/steward/billing/contact/@email, '|', /steward/billing/contact/@country)"), "Typed Name|nope|FR") == 0,
	    "answered %ld, contact \"%s\"", a->r.status, xs(a, "concat(/steward/billing/contact/@name, '|', /steward/billing/contact/@email)"));
	t_end();
	cl_free(a);
}

/* ---------------------------------------------------------- 5. plans */

/* The amount the confirmation page of plan shows to c (-1 when none). */
static long long
preview(struct client *c, const char *plan)
{
	char	 p[128];

	snprintf(p, sizeof(p), "/api/settings/billing/plan?plan=%s", plan);
	if (get(c, p) != 200)
		return -1;
	return atoll(xs(c, "string(/steward/plan-change/@amount)"));
}

static void
test_plan_no_card(void)
{
	struct client	*y = NULL;
	struct buf	 before = { 0 }, after = { 0 };
	char		 amt[32], body[128];

	t_begin("plan: an upgrade to a paid plan without a card -> 422 with a form error, plan and invoices unchanged");
	REQUIRE((y = signed_in(&UY_admin)) != NULL, "sign-in failed");
	REQUIRE(preview(y, "essentials") >= 0, "preview answered %ld", y->r.status);
	REQUIRE(strcmp(xs(y, "string(/steward/plan-change/@card-needed)"), "yes") == 0, "card-needed is not yes");
	REQUIRE(strcmp(xs(y, "string(/steward/plan-change/@move)"), "upgrade") == 0, "move is not upgrade");
	xpath_str(y->r.doc, "string(/steward/plan-change/@amount)", amt, sizeof(amt));
	snap_billing(y, &before);
	snprintf(body, sizeof(body), "plan=essentials&amount=%s", amt);
	REQUIRE(post_csrf(y, "/api/settings/billing/plan", body, 1) == 422, "answered %ld", y->r.status);
	REQUIRE(xpath_count(y->r.doc, "/steward/errors/error[not(@field)]") == 1, "no form-wide error");
	REQUIRE(strcmp(xs(y, "string(/steward/@page)"), "billing-plan") == 0, "page %s", xs(y, "string(/steward/@page)"));
	snap_billing(y, &after);
	REQUIRE(strcmp(before.p, after.p) == 0, "state changed: %s -> %s", before.p, after.p);
done:
	buf_free(&before);
	buf_free(&after);
	cl_free(y);
	t_end();
}

static void
test_plan_changes(void)
{
	struct client	*a = NULL;
	struct buf	 before = { 0 }, after = { 0 };
	long long	 amount;
	char		 body[128], expr[200], total[32], ref[64];

	t_begin("plan: the preview shows the prorated charge; a wrong amount -> 422 (nothing changed); the right one upgrades at once and issues invoice 1 for exactly that");
	REQUIRE((a = signed_in(&UX_admin)) != NULL, "sign-in failed");
	REQUIRE((amount = preview(a, "essentials")) >= 0, "preview answered %ld", a->r.status);
	REQUIRE(strcmp(xs(a, "string(/steward/plan-change/@effective)"), utc_today()) == 0,
	    "an upgrade takes effect %s, not today", xs(a, "string(/steward/plan-change/@effective)"));
	REQUIRE(amount == (4900LL * atoll(xs(a, "string(/steward/plan-change/@remaining-days)")) * 2 +
	    atoll(xs(a, "string(/steward/plan-change/@period-days)"))) /
	    (2 * atoll(xs(a, "string(/steward/plan-change/@period-days)"))),
	    "amount %lld is not 4900 prorated", amount);
	REQUIRE(get(a, "/settings/billing/plan?plan=essentials") == 200 && body_has(a, "Due now"),
	    "HTML preview: %ld", a->r.status);
	snap_billing(a, &before);
	snprintf(body, sizeof(body), "plan=essentials&amount=%lld", amount + 1);
	REQUIRE(post_csrf(a, "/api/settings/billing/plan", body, 1) == 422 &&
	    xpath_count(a->r.doc, "/steward/errors/error[@field='amount']") == 1,
	    "a changed amount answered %ld", a->r.status);
	snap_billing(a, &after);
	REQUIRE(strcmp(before.p, after.p) == 0, "state changed: %s -> %s", before.p, after.p);
	snprintf(body, sizeof(body), "plan=essentials&amount=%lld", amount);
	REQUIRE(post_csrf(a, "/api/settings/billing/plan", body, 1) == 303, "answered %ld (%s)",
	    a->r.status, xs(a, "string(/steward/errors)"));
	REQUIRE(api(a, "/settings/billing") == 200, "billing: %ld", a->r.status);
	REQUIRE(strcmp(xs(a, "string(/steward/billing/@plan)"), "essentials") == 0, "plan %s",
	    xs(a, "string(/steward/billing/@plan)"));
	REQUIRE(strstr(xs(a, "string(/steward/flash)"), "You are on the Essentials plan now.") != NULL,
	    "flash \"%s\"", xs(a, "string(/steward/flash)"));
	if (amount > 0) {
		snprintf(ref, sizeof(ref), "%s-00001", X.org);
		snprintf(expr, sizeof(expr), "/steward/billing/invoices/invoice[@ref='%s' and @number='1' and @kind='upgrade' and @status='open']", ref);
		REQUIRE(xpath_count(a->r.doc, expr) == 1, "no open upgrade invoice %s", ref);
		xpath_str(a->r.doc, "string(/steward/billing/invoices/invoice[1]/@total)", total, sizeof(total));
		REQUIRE(atoll(total) == amount, "invoice total %s, not %lld", total, amount);
		REQUIRE(strstr(xs(a, "string(/steward/flash)"), ref) != NULL, "flash does not name %s", ref);
	}
done:
	buf_free(&before);
	buf_free(&after);
	cl_free(a);
	t_end();
}

static void
test_plan_schedule(void)
{
	struct client	*a = NULL;
	struct buf	 before = { 0 }, after = { 0 };
	int		 invoices;

	t_begin("plan: choosing the current plan -> 422 naming plan; a downgrade is scheduled for the end of the period (no invoice); choosing the current plan again cancels it");
	REQUIRE((a = signed_in(&UX_admin)) != NULL, "sign-in failed");
	snap_billing(a, &before);
	invoices = xpath_count(a->r.doc, "/steward/billing/invoices/invoice");
	REQUIRE(post_csrf(a, "/api/settings/billing/plan", "plan=essentials&amount=0", 1) == 422 &&
	    xpath_count(a->r.doc, "/steward/errors/error[@field='plan']") == 1, "same plan answered %ld", a->r.status);
	snap_billing(a, &after);
	REQUIRE(strcmp(before.p, after.p) == 0, "state changed: %s -> %s", before.p, after.p);
	REQUIRE(preview(a, "free") == 0 && strcmp(xs(a, "string(/steward/plan-change/@move)"), "downgrade") == 0,
	    "downgrade preview: %s", xs(a, "string(/steward/plan-change/@move)"));
	REQUIRE(strcmp(xs(a, "substring(/steward/plan-change/@effective, 9)"), "01") == 0,
	    "a downgrade takes effect %s, not on the 1st", xs(a, "string(/steward/plan-change/@effective)"));
	REQUIRE(post_csrf(a, "/api/settings/billing/plan", "plan=free&amount=0", 1) == 303, "downgrade answered %ld", a->r.status);
	REQUIRE(api(a, "/settings/billing") == 200 &&
	    strcmp(xs(a, "concat(/steward/billing/@plan, '>', /steward/billing/@pending-plan)"), "essentials>free") == 0,
	    "after the downgrade: %s", xs(a, "concat(/steward/billing/@plan, '>', /steward/billing/@pending-plan)"));
	REQUIRE(xpath_count(a->r.doc, "/steward/billing/invoices/invoice") == invoices, "the downgrade issued an invoice");
	REQUIRE(strstr(xs(a, "string(/steward/flash)"), "The Free plan starts on") != NULL, "flash %s",
	    xs(a, "string(/steward/flash)"));
	REQUIRE(preview(a, "essentials") == 0 && strcmp(xs(a, "string(/steward/plan-change/@move)"), "keep") == 0,
	    "keep preview: %s", xs(a, "string(/steward/plan-change/@move)"));
	REQUIRE(post_csrf(a, "/api/settings/billing/plan", "plan=essentials&amount=0", 1) == 303, "keep answered %ld", a->r.status);
	snap_billing(a, &after);
	REQUIRE(strcmp(before.p, after.p) == 0, "after cancelling, the state is not as before: %s -> %s", before.p, after.p);
done:
	buf_free(&before);
	buf_free(&after);
	cl_free(a);
	t_end();
}

static void
test_plan_bad(void)
{
	static const struct badcase rows[] = {
		{ "unknown plan platinum", "plan=platinum&amount=0", 1, 422, "plan" },
		{ "plan in upper case", "plan=ENTERPRISE&amount=0", 1, 422, "plan" },
		{ "empty plan", "plan=&amount=0", 1, 422, "plan" },
		{ "missing plan", "amount=0", 1, 422, "plan" },
		{ "17-character plan", "plan=enterpriseenterprise&amount=0", 1, 422, "plan" },
		{ "amount 'abc' (wrong type)", "plan=advanced&amount=abc", 1, 422, "amount" },
		{ "negative amount", "plan=advanced&amount=-1", 1, 422, "amount" },
		{ "plan with invalid UTF-8", "plan=adv%E2%28anced&amount=0", 1, 400, NULL },
		{ "plan with %00", "plan=advanced%00&amount=0", 1, 400, NULL },
		{ "no CSRF token", "plan=advanced&amount=0", 0, 403, NULL },
		{ "wrong CSRF token", "plan=advanced&amount=0", 2, 403, NULL },
	};
	struct client	*a = signed_in(&UX_admin);
	char		 name[200];

	if (a == NULL)
		return;
	bad_posts("plan", a, a, "/api/settings/billing/plan", rows,
	    sizeof(rows) / sizeof(rows[0]), snap_billing);
	snprintf(name, sizeof(name), "plan: the preview of an unknown plan -> 404");
	t_begin(name);
	ck(get(a, "/api/settings/billing/plan?plan=platinum") == 404, "answered %ld", a->r.status);
	ck(get(a, "/api/settings/billing/plan") == 404, "without plan: %ld", a->r.status);
	ck(get(a, "/api/settings/billing/plan?plan=%3Cscript%3E") == 404, "<script>: %ld", a->r.status);
	t_end();
	cl_free(a);
}

/* ------------------------------------------------------- 6. invoices */

static void
test_invoice_page(void)
{
	struct client	*a = NULL, *y = NULL;
	char		 id[32], p[128], ref[64];

	t_begin("invoice: the printable page shows lines, total, bill-to and times in the account timezone; another organization's id, 0, a word -> 404");
	REQUIRE((a = signed_in(&UX_admin)) != NULL, "sign-in failed");
	REQUIRE(api(a, "/settings/billing") == 200, "billing: %ld", a->r.status);
	xpath_str(a->r.doc, "string(/steward/billing/invoices/invoice[1]/@id)", id, sizeof(id));
	REQUIRE(id[0] != '\0', "X has no invoice");
	snprintf(p, sizeof(p), "/api/settings/billing/invoices/%s", id);
	REQUIRE(get(a, p) == 200, "GET %s: %ld", p, a->r.status);
	snprintf(ref, sizeof(ref), "%s-00001", X.org);
	REQUIRE(strcmp(xs(a, "string(/steward/invoice/@ref)"), ref) == 0, "ref %s", xs(a, "string(/steward/invoice/@ref)"));
	REQUIRE(xpath_count(a->r.doc, "/steward/invoice/line") == 1, "%d lines", xpath_count(a->r.doc, "/steward/invoice/line"));
	REQUIRE(strcmp(xs(a, "string(/steward/invoice/line/@amount)"), xs(a, "string(/steward/invoice/@total)")) == 0,
	    "line amount differs from the total");
	REQUIRE(strstr(xs(a, "string(/steward/invoice/line/@description)"), "Upgrade from Free to Essentials") != NULL,
	    "line \"%s\"", xs(a, "string(/steward/invoice/line/@description)"));
	REQUIRE(strcmp(xs(a, "concat(/steward/invoice/bill-to/@contact, '|', /steward/invoice/bill-to/@country-name, '|', "
	    "/steward/invoice/bill-to/@tax-id)"), "Bill Payer|Germany|DE123456789") == 0, "bill-to \"%s\"",
	    xs(a, "concat(/steward/invoice/bill-to/@contact, '|', /steward/invoice/bill-to/@country-name)"));
	/* X's account is in Europe/Berlin: +01:00 in winter, +02:00 in summer */
	REQUIRE(strstr("+01:00|+02:00", xs(a, "substring(/steward/invoice/@issued, 20)")) != NULL,
	    "issued %s is not in Europe/Berlin", xs(a, "string(/steward/invoice/@issued)"));
	snprintf(p, sizeof(p), "/settings/billing/invoices/%s", id);
	REQUIRE(get(a, p) == 200 && body_has(a, "Invoice ") && body_has(a, "invoice-sheet"),
	    "HTML invoice: %ld", a->r.status);
	REQUIRE((y = signed_in(&UY_admin)) != NULL, "sign-in Y failed");
	snprintf(p, sizeof(p), "/api/settings/billing/invoices/%s", id);
	REQUIRE(get(y, p) == 404, "Y's Admin reading X's invoice: %ld", y->r.status);
	REQUIRE(!body_has(y, ref) && !body_has(y, "Bill Payer"), "the 404 shows X's invoice");
	REQUIRE(get(y, "/api/settings/billing/invoices/0") == 404, "id 0: %ld", y->r.status);
	REQUIRE(get(y, "/api/settings/billing/invoices/007") == 404, "id 007: %ld", y->r.status);
	REQUIRE(get(y, "/api/settings/billing/invoices/abc") == 404, "id abc: %ld", y->r.status);
	REQUIRE(get(y, "/api/settings/billing/invoices/99999999999999999999") == 404, "a 20-digit id: %ld", y->r.status);
	REQUIRE(get(y, "/api/settings/billing/invoices/999999999") == 404, "unknown id: %ld", y->r.status);
done:
	cl_free(a);
	cl_free(y);
	t_end();
}

/* Splits one CSV record at p (quoted fields) into f[]; returns the count. */
static int
csv_record(char **p, char f[][128], int max)
{
	int	 n = 0;
	size_t	 k;
	char	*s = *p;

	while (*s != '\0' && n < max) {
		k = 0;
		if (*s == '"') {
			s++;
			while (*s != '\0') {
				if (*s == '"' && s[1] == '"')
					s++;
				else if (*s == '"')
					break;
				if (k < 127)
					f[n][k++] = *s;
				s++;
			}
			if (*s == '"')
				s++;
		} else
			while (*s != ',' && *s != '\r' && *s != '\0')
				if (k < 127)
					f[n][k++] = *s++;
				else
					s++;
		f[n++][k] = '\0';
		if (*s == ',') {
			s++;
			continue;
		}
		if (*s == '\r' && s[1] == '\n') {
			s += 2;
			break;
		}
		break;
	}
	*p = s;
	return n;
}

static void
test_invoices_csv(void)
{
	struct client	*a = NULL;
	char		 f[12][128], out[256], *csv = NULL, *p, expr[200], total[32], want[32];
	int		 rows = 0, n;

	t_begin("invoices.csv: text/csv attachment through csv.xsl, parsed back it matches the XML list (refs, times, totals); a paid invoice shows as paid");
	REQUIRE(admin_run(NULL, out, sizeof(out), "invoice-status", "--org", X.org, "--number", "1",
	    "--status", "paid", NULL) == 0, "invoice-status: %s", out);
	REQUIRE(admin_run(NULL, out, sizeof(out), "invoice-status", "--org", X.org, "--number", "1",
	    "--status", "void", NULL) == 2, "a paid invoice could be voided");
	REQUIRE((a = signed_in(&UX_admin)) != NULL, "sign-in failed");
	REQUIRE(get(a, "/settings/billing/invoices.csv") == 200, "answered %ld", a->r.status);
	REQUIRE(strncmp(a->r.ctype, "text/csv", 8) == 0, "Content-Type %s", a->r.ctype);
	REQUIRE(strncmp(a->r.cache, "no-store", 8) == 0, "Cache-Control %s", a->r.cache);
	csv = xstrdup(a->r.body.p ? a->r.body.p : "");
	REQUIRE(api(a, "/settings/billing/invoices.csv") == 200, "XML twin: %ld", a->r.status);
	p = csv;
	n = csv_record(&p, f, 12);
	REQUIRE(n == 9 && strcmp(f[0], "invoice") == 0 && strcmp(f[8], "total") == 0,
	    "header has %d fields (%s)", n, csv);
	while (*p != '\0') {
		n = csv_record(&p, f, 12);
		REQUIRE(n == 9, "row %d has %d fields", rows + 1, n);
		rows++;
		snprintf(expr, sizeof(expr), "/steward/invoices/invoice[%d]", rows);
		snprintf(out, sizeof(out), "string(%s/@ref)", expr);
		REQUIRE(strcmp(f[0], xs(a, out)) == 0, "row %d ref %s, XML %s", rows, f[0], xs(a, out));
		snprintf(out, sizeof(out), "string(%s/@issued)", expr);
		REQUIRE(strcmp(f[1], xs(a, out)) == 0, "row %d issued %s, XML %s", rows, f[1], xs(a, out));
		snprintf(out, sizeof(out), "string(%s/@status)", expr);
		REQUIRE(strcmp(f[6], xs(a, out)) == 0, "row %d status %s", rows, f[6]);
		snprintf(out, sizeof(out), "string(%s/@total)", expr);
		xpath_str(a->r.doc, out, total, sizeof(total));
		snprintf(want, sizeof(want), "%lld.%02lld", atoll(total) / 100, atoll(total) % 100);
		REQUIRE(strcmp(f[8], want) == 0, "row %d total %s, not %s", rows, f[8], want);
	}
	REQUIRE(rows == xpath_count(a->r.doc, "/steward/invoices/invoice") && rows >= 1,
	    "%d CSV rows for %d invoices", rows, xpath_count(a->r.doc, "/steward/invoices/invoice"));
	REQUIRE(strcmp(xs(a, "string(/steward/invoices/invoice[last()]/@status)"), "paid") == 0,
	    "invoice 1 is %s", xs(a, "string(/steward/invoices/invoice[last()]/@status)"));
done:
	free(csv);
	cl_free(a);
	t_end();
}

/* ------------------------------------ 7. concurrency and period close */

/* Starts steward-admin with args in the background; its stdout on *fd. */
static pid_t
admin_spawn(int *fd, const char *a1, const char *a2, const char *a3,
    const char *a4, const char *a5, const char *a6)
{
	int	 op[2];
	pid_t	 pid;

	if (pipe(op) == -1 || (pid = fork()) == -1)
		return -1;
	if (pid == 0) {
		dup2(op[1], 1);
		close(op[0]);
		close(op[1]);
		execl(g_admin, g_admin, "-c", g_conf, a1, a2, a3, a4, a5, a6, (char *)NULL);
		_exit(127);
	}
	close(op[1]);
	*fd = op[0];
	return pid;
}

/* Waits for a spawned steward-admin; its "invoices=N", or -1 on failure. */
static int
admin_reap(pid_t pid, int fd)
{
	char	 out[512];
	ssize_t	 k;
	size_t	 got = 0;
	int	 st, n = -1;
	const char *p;

	while ((k = read(fd, out + got, sizeof(out) - got - 1)) > 0)
		got += (size_t)k;
	out[got] = '\0';
	close(fd);
	if (waitpid(pid, &st, 0) == -1 || !WIFEXITED(st) || WEXITSTATUS(st) != 0)
		return -1;
	if ((p = strstr(out, "invoices=")) != NULL)
		n = atoi(p + 9);
	return n;
}

/* 'YYYY-MM-DD HH:MM:SS' of the first day of the month months after today. */
static void
months_ahead(int months, char *out, size_t len)
{
	time_t		 t = time(NULL);
	struct tm	 tm;
	int		 y, m;

	gmtime_r(&t, &tm);
	y = tm.tm_year + 1900;
	m = tm.tm_mon + months;
	y += m / 12;
	m = m % 12;
	snprintf(out, len, "%04d-%02d-01 00:00:01", y, m + 1);
}

/* 1 when the invoice numbers of the list in c's document are 1..n. */
static int
numbers_dense(struct client *c, const char *list, int *n)
{
	char	 expr[200];
	int	 i;

	*n = xpath_count(c->r.doc, list);
	for (i = 1; i <= *n; i++) {
		snprintf(expr, sizeof(expr), "%s[@number='%d']", list, i);
		if (xpath_count(c->r.doc, expr) != 1)
			return 0;
	}
	return 1;
}

static void
test_concurrent_numbering(void)
{
	enum { NCL = 6, NCLOSE = 3 };
	struct client	*c[NCL] = { NULL }, *adm = NULL;
	CURLM		*multi = NULL;
	struct curl_slist *hdr[NCL] = { NULL };
	char		 url[600], body[NCL][512], when[32], line[700], *card;
	pid_t		 pid[NCLOSE];
	int		 fd[NCLOSE], i, running, won = 0, refused = 0, closed = 0, n = 0, k;
	int		 ups;
	long		 st;
	long long	 amount;

	t_begin("invoices: 6 concurrent upgrades and 3 concurrent period closes of one organization -> invoice numbers 1..N without gaps or duplicates, N = upgrades won + invoices the closes issued");
	REQUIRE((adm = signed_in(&UC_admin)) != NULL, "sign-in failed");
	card = form(adm, "holder", "Cora Concurrent", "number", "5555555555554444",
	    "exp_month", "10", "exp_year", "2032", "cvc", "321", NULL);
	st = post_csrf(adm, "/api/settings/billing/card", card, 1);
	free(card);
	REQUIRE(st == 303, "card: %ld", st);
	REQUIRE((amount = preview(adm, "enterprise")) > 0, "preview: %ld", adm->r.status);
	for (i = 0; i < NCL; i++) {
		REQUIRE((c[i] = signed_in(&UC_admin)) != NULL, "sign-in %d failed", i);
		/* half go straight to Enterprise, half to Advanced first */
		if (i % 2 == 0)
			snprintf(body[i], sizeof(body[i]), "plan=enterprise&amount=%lld&csrf=%s", amount, c[i]->csrf);
		else
			snprintf(body[i], sizeof(body[i]), "plan=advanced&amount=%lld&csrf=%s",
			    preview(c[i], "advanced"), c[i]->csrf);
	}
	REQUIRE((multi = curl_multi_init()) != NULL, "curl_multi_init");
	months_ahead(3, when, sizeof(when));
	for (i = 0; i < NCL; i++) {
		resp_reset(&c[i]->r);
		snprintf(c[i]->r.what, sizeof(c[i]->r.what), "POST /api/settings/billing/plan (%d)", i);
		snprintf(url, sizeof(url), "%s/api/settings/billing/plan", g_url);
		curl_easy_setopt(c[i]->h, CURLOPT_URL, url);
		hdr[i] = curl_slist_append(NULL, "Content-Type: application/x-www-form-urlencoded");
		snprintf(line, sizeof(line), "Origin: %s", g_origin);
		hdr[i] = curl_slist_append(hdr[i], line);
		curl_easy_setopt(c[i]->h, CURLOPT_HTTPHEADER, hdr[i]);
		curl_easy_setopt(c[i]->h, CURLOPT_POST, 1L);
		curl_easy_setopt(c[i]->h, CURLOPT_POSTFIELDSIZE, (long)strlen(body[i]));
		curl_easy_setopt(c[i]->h, CURLOPT_COPYPOSTFIELDS, body[i]);
		curl_multi_add_handle(multi, c[i]->h);
	}
	for (i = 0; i < NCLOSE; i++)
		pid[i] = admin_spawn(&fd[i], "period-close", "--org", C.org, "--now", when, NULL);
	do {
		curl_multi_perform(multi, &running);
		if (running)
			curl_multi_poll(multi, NULL, 0, 1000, NULL);
	} while (running);
	for (i = 0; i < NCLOSE; i++) {
		k = pid[i] > 0 ? admin_reap(pid[i], fd[i]) : -1;
		ck(k >= 0, "period-close %d failed", i);
		if (k > 0)
			closed += k;
	}
	for (i = 0; i < NCL; i++) {
		curl_multi_remove_handle(multi, c[i]->h);
		curl_easy_setopt(c[i]->h, CURLOPT_HTTPHEADER, NULL);
		curl_easy_getinfo(c[i]->h, CURLINFO_RESPONSE_CODE, &st);
		if (st == 303)
			won++;
		else if (st == 422)
			refused++;
		else
			ck(0, "upgrade %d answered %ld", i, st);
	}
	REQUIRE(won + refused == NCL, "%d won, %d refused of %d", won, refused, NCL);
	REQUIRE(api(adm, "/settings/billing/invoices.csv") == 200, "list: %ld", adm->r.status);
	REQUIRE(numbers_dense(adm, "/steward/invoices/invoice", &n),
	    "invoice numbers are not 1..%d", n);
	/* a 303 may also be a scheduled downgrade or its cancellation (a
	 * client asked for Advanced after another's Enterprise): no invoice */
	ups = xpath_count(adm->r.doc, "/steward/invoices/invoice[@kind='upgrade']");
	REQUIRE(ups <= won, "%d upgrade invoices for %d successful requests", ups, won);
	REQUIRE(n == ups + closed, "%d invoices, but %d upgrade invoices and the closes issued %d",
	    n, ups, closed);
	REQUIRE(xpath_count(adm->r.doc, "/steward/invoices/invoice[@kind='period']") == closed,
	    "%d period invoices, the closes said %d",
	    xpath_count(adm->r.doc, "/steward/invoices/invoice[@kind='period']"), closed);
	REQUIRE(n >= 1, "no invoice at all");
	/* closing again changes nothing */
	REQUIRE(admin_run(NULL, line, sizeof(line), "period-close", "--org", C.org, "--now", when, NULL) == 0 &&
	    strstr(line, "invoices=0") != NULL, "a second close: %s", line);
done:
	for (i = 0; i < NCL; i++) {
		curl_slist_free_all(hdr[i]);
		cl_free(c[i]);
	}
	if (multi != NULL)
		curl_multi_cleanup(multi);
	cl_free(adm);
	t_end();
}

/* The last Sunday of March of year y (the EU's change to summer time). */
static int
last_sunday_of_march(int y)
{
	struct tm	 tm;
	time_t		 t;

	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = 2;
	tm.tm_mday = 31;
	tm.tm_hour = 12;
	t = timegm(&tm);
	gmtime_r(&t, &tm);
	return 31 - tm.tm_wday;
}

static void
test_period_close_dst(void)
{
	struct client	*a = NULL;
	char		 out[256], before[40], after[40], want[64], *card = NULL;
	time_t		 t = time(NULL);
	struct tm	 tm;
	int		 y, d, n = 0;
	long long	 amount;

	gmtime_r(&t, &tm);
	y = tm.tm_year + 1900 + 1;
	d = last_sunday_of_march(y);
	snprintf(before, sizeof(before), "%04d-03-%02d 00:30:00", y, d);
	snprintf(after, sizeof(after), "%04d-04-01 00:30:00", y);

	t_begin("period close: each ended month is invoiced once for the plan, issued in the account timezone across the DST change (+01:00 before, +02:00 after); repeating it issues nothing");
	REQUIRE((a = signed_in(&UP_admin)) != NULL, "sign-in failed");
	card = form(a, "holder", "Pia Period", "number", "4000056655665556", "exp_month", "3",
	    "exp_year", "2040", "cvc", "555", NULL);
	REQUIRE(post_csrf(a, "/api/settings/billing/card", card, 1) == 303, "card: %ld", a->r.status);
	REQUIRE((amount = preview(a, "essentials")) >= 0, "preview: %ld", a->r.status);
	snprintf(out, sizeof(out), "plan=essentials&amount=%lld", amount);
	REQUIRE(post_csrf(a, "/api/settings/billing/plan", out, 1) == 303, "upgrade: %ld", a->r.status);
	REQUIRE(admin_run(NULL, out, sizeof(out), "period-close", "--org", P.org, "--now", before, NULL) == 0,
	    "period-close --now %s: %s", before, out);
	n = atoi(strstr(out, "invoices=") ? strstr(out, "invoices=") + 9 : "-1");
	REQUIRE(n >= 3, "only %d invoices up to %s", n, before);
	REQUIRE(admin_run(NULL, out, sizeof(out), "period-close", "--org", P.org, "--now", before, NULL) == 0 &&
	    strstr(out, "invoices=0") != NULL, "the same close again: %s", out);
	REQUIRE(admin_run(NULL, out, sizeof(out), "period-close", "--org", P.org, "--now", after, NULL) == 0 &&
	    strstr(out, "invoices=1") != NULL, "the April close: %s", out);
	REQUIRE(api(a, "/settings/billing/invoices.csv") == 200, "list: %ld", a->r.status);
	snprintf(want, sizeof(want), "%04d-04-01T02:30:00+02:00", y);
	REQUIRE(strcmp(xs(a, "string(/steward/invoices/invoice[1]/@issued)"), want) == 0,
	    "April invoice issued %s, not %s", xs(a, "string(/steward/invoices/invoice[1]/@issued)"), want);
	REQUIRE(strcmp(xs(a, "string(/steward/invoices/invoice[1]/@period-start)"), "") != 0 &&
	    strncmp(xs(a, "string(/steward/invoices/invoice[1]/@period-start)"), want, 5) == 0,
	    "April invoice period %s", xs(a, "string(/steward/invoices/invoice[1]/@period-start)"));
	snprintf(want, sizeof(want), "%04d-03-%02dT01:30:00+01:00", y, d);
	REQUIRE(strcmp(xs(a, "string(/steward/invoices/invoice[2]/@issued)"), want) == 0,
	    "March invoice issued %s, not %s", xs(a, "string(/steward/invoices/invoice[2]/@issued)"), want);
	REQUIRE(strcmp(xs(a, "string(/steward/invoices/invoice[2]/@total)"), "4900") == 0 &&
	    strcmp(xs(a, "string(/steward/invoices/invoice[2]/@kind)"), "period") == 0,
	    "a period invoice of %s (%s)", xs(a, "string(/steward/invoices/invoice[2]/@total)"),
	    xs(a, "string(/steward/invoices/invoice[2]/@kind)"));
	REQUIRE(numbers_dense(a, "/steward/invoices/invoice", &n), "numbers are not 1..%d", n);
	/* the same instants in New York (EDT from the 2nd Sunday of March) */
	REQUIRE(post_csrf(a, "/api/settings/timezone", "timezone=America/New_York", 1) == 303,
	    "timezone: %ld", a->r.status);
	REQUIRE(api(a, "/settings/billing/invoices.csv") == 200, "list: %ld", a->r.status);
	snprintf(want, sizeof(want), "%04d-03-31T20:30:00-04:00", y);
	REQUIRE(strcmp(xs(a, "string(/steward/invoices/invoice[1]/@issued)"), want) == 0,
	    "in New York the April invoice is issued %s, not %s",
	    xs(a, "string(/steward/invoices/invoice[1]/@issued)"), want);
done:
	free(card);
	cl_free(a);
	t_end();
}

static void
test_period_close_downgrade(void)
{
	struct client	*y = NULL;
	char		 out[256], when[32], *card = NULL;
	int		 before;

	t_begin("period close: a scheduled downgrade to Free takes over at the end of the period and issues no invoice");
	REQUIRE((y = signed_in(&UY_admin)) != NULL, "sign-in failed");
	card = form(y, "holder", "Yann Yearly", "number", "4242424242424242", "exp_month", "8",
	    "exp_year", "2035", "cvc", "111", NULL);
	REQUIRE(post_csrf(y, "/api/settings/billing/card", card, 1) == 303, "card: %ld", y->r.status);
	snprintf(out, sizeof(out), "plan=advanced&amount=%lld", preview(y, "advanced"));
	REQUIRE(post_csrf(y, "/api/settings/billing/plan", out, 1) == 303, "upgrade: %ld", y->r.status);
	REQUIRE(post_csrf(y, "/api/settings/billing/plan", "plan=free&amount=0", 1) == 303, "downgrade: %ld", y->r.status);
	REQUIRE(api(y, "/settings/billing") == 200, "billing: %ld", y->r.status);
	before = xpath_count(y->r.doc, "/steward/billing/invoices/invoice");
	months_ahead(1, when, sizeof(when));
	REQUIRE(admin_run(NULL, out, sizeof(out), "period-close", "--org", Y.org, "--now", when, NULL) == 0 &&
	    strstr(out, "invoices=0") != NULL, "close: %s", out);
	REQUIRE(api(y, "/settings/billing") == 200, "billing: %ld", y->r.status);
	REQUIRE(strcmp(xs(y, "concat(/steward/billing/@plan, '|', /steward/billing/@pending-plan)"), "free|") == 0,
	    "after the close: %s", xs(y, "concat(/steward/billing/@plan, '|', /steward/billing/@pending-plan)"));
	REQUIRE(xpath_count(y->r.doc, "/steward/billing/invoices/invoice") == before, "an invoice was issued");
	REQUIRE(admin_run(NULL, out, sizeof(out), "period-close", "--now", "2026-13-01 00:00:00", NULL) == 1 ||
	    admin_run(NULL, out, sizeof(out), "period-close", "--now", "yesterday", NULL) == 1,
	    "a bad --now was accepted");
done:
	free(card);
	cl_free(y);
	t_end();
}

/* --------------------------------------------------- 8. organization */

static void
test_org_view(void)
{
	static const struct {
		struct user	*who;
		long		 status;
		const char	*editable;
	} rows[] = {
		{ &UX_admin, 200, "yes" }, { &UX_creator, 200, "no" },
		{ &UX_member, 200, "no" }, { &UX_agent, 403, NULL },
	};
	struct client	*c;
	char		 name[200];
	size_t		 i;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		snprintf(name, sizeof(name), "organization: %s -> %ld%s%s", rows[i].who->role, rows[i].status,
		    rows[i].editable ? ", editable=" : "", rows[i].editable ? rows[i].editable : "");
		t_begin(name);
		c = signed_in(rows[i].who);
		if (c != NULL) {
			ck(api(c, "/settings/organization") == rows[i].status, "answered %ld", c->r.status);
			if (rows[i].editable != NULL) {
				ck(strcmp(xs(c, "string(/steward/organization/@editable)"), rows[i].editable) == 0,
				    "editable=%s", xs(c, "string(/steward/organization/@editable)"));
				get(c, "/settings/organization");
				ck(c->r.status == 200 && (strcmp(rows[i].editable, "yes") == 0) ==
				    body_has(c, "action=\"/settings/organization\""), "the HTML form is %s",
				    body_has(c, "action=\"/settings/organization\"") ? "there" : "missing");
			} else
				ck(strcmp(xs(c, "string(/steward/error-page/@status)"), "403") == 0, "no 403 page");
		}
		cl_free(c);
		t_end();
	}
}

static void
test_org_edit(void)
{
	static const struct badcase rows[] = {
		{ "empty name", "name=&country=DE", 1, 422, "name" },
		{ "121-character name", "name=nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn", 1, 422, "name" },
		{ "name with %0A", "name=Evil%0ACorp", 1, 422, "name" },
		{ "name with %01", "name=Evil%01Corp", 1, 400, NULL },
		{ "name with invalid UTF-8", "name=Evil%C3%28Corp", 1, 400, NULL },
		{ "name with a right-to-left override", "name=Evil%E2%80%AECorp", 1, 422, "name" },
		{ "legal name of 201 characters", "name=Ok&legal_name=lllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllll", 1, 422, "legal_name" },
		{ "website javascript:", "name=Ok&website=javascript%3Aalert(1)", 1, 422, "website" },
		{ "website without a scheme", "name=Ok&website=example.com", 1, 422, "website" },
		{ "unknown country ZZ", "name=Ok&country=ZZ", 1, 422, "country" },
		{ "tax ID with spaces at the end only", "name=Ok&tax_id=%3Cb%3E", 1, 422, "tax_id" },
		{ "invite domain 'not a domain'", "name=Ok&invite_domains=example.com%2C%20not%20a%20domain", 1, 422, "invite_domains" },
		{ "21 invite domains", "name=Ok&invite_domains=a1.io,a2.io,a3.io,a4.io,a5.io,a6.io,a7.io,a8.io,a9.io,a10.io,a11.io,a12.io,a13.io,a14.io,a15.io,a16.io,a17.io,a18.io,a19.io,a20.io,a21.io", 1, 422, "invite_domains" },
		{ "require_2fa=maybe (unknown value)", "name=Ok&require_2fa=maybe", 1, 422, "require_2fa" },
		{ "no CSRF token", "name=Ok", 0, 403, NULL },
		{ "wrong CSRF token", "name=Ok", 2, 403, NULL },
	};
	static const struct badcase roles[] = {
		{ "as a Creator", "name=Creator%20Corp", 1, 403, NULL },
	};
	static const struct badcase roles2[] = {
		{ "as a Member", "name=Member%20Corp", 1, 403, NULL },
	};
	struct client	*a = NULL, *cr = NULL, *me = NULL;
	char		*body = NULL, *addr;
	struct snap	 s;
	char		 email[160];

	if ((a = signed_in(&UX_admin)) == NULL)
		return;
	t_begin("organization: Admin saves name, legal name, address, country, website, tax ID, normalised invite domains and the 2-step policy");
	body = form(a, "name", "Itest X Org", "legal_name", "Itest X GmbH & Co. KG", "address",
	    "Hauptstra\xc3\x9f" "e 1\r\n10115 Berlin", "country", "DE", "website", "https://x.example.com/about",
	    "tax_id", "DE123456789", "invite_domains", " Example.COM , example.org,example.com ",
	    NULL);
	REQUIRE(post_csrf(a, "/api/settings/organization", body, 1) == 303, "answered %ld (%s)",
	    a->r.status, xs(a, "string(/steward/errors)"));
	REQUIRE(api(a, "/settings/organization") == 200, "GET: %ld", a->r.status);
	REQUIRE(strcmp(xs(a, "string(/steward/flash)"), "Organization details saved.") == 0, "flash %s",
	    xs(a, "string(/steward/flash)"));
	REQUIRE(strcmp(xs(a, "concat(/steward/organization/@name, '|', /steward/organization/@legal-name, '|', "
	    "/steward/organization/@country, '|', /steward/organization/@country-name, '|', /steward/organization/@website, '|', "
	    "/steward/organization/@tax-id, '|', /steward/organization/@invite-domains, '|', /steward/organization/@require-2fa)"),
	    "Itest X Org|Itest X GmbH & Co. KG|DE|Germany|https://x.example.com/about|DE123456789|example.com, example.org|no") == 0,
	    "stored: %s", xs(a, "concat(/steward/organization/@name, '|', /steward/organization/@invite-domains)"));
	addr = xstrdup(xs(a, "string(/steward/organization/@address)"));
	REQUIRE(strstr(addr, "10115 Berlin") != NULL, "address \"%s\"", addr);
	free(addr);
done:
	free(body);
	t_end();

	/* An Admin without 2-step verification cannot require it of everyone
	 * (the profile part's gate would lock them out at once). */
	t_begin("organization: requiring 2-step verification without having it -> 422 naming require_2fa, nothing changed");
	body = form(a, "name", "Itest X Org", "require_2fa", "yes", NULL);
	if (!ck(post_csrf(a, "/api/settings/organization", body, 1) == 422, "answered %ld",
	    a->r.status)) goto done2;
	if (!ck(xpath_count(a->r.doc, "/steward/errors/error[@field='require_2fa']") == 1,
	    "no error on require_2fa")) goto done2;
	if (!ck(api(a, "/settings/organization") == 200, "GET: %ld", a->r.status)) goto done2;
	if (!ck(strcmp(xs(a, "string(/steward/organization/@require-2fa)"), "no") == 0,
	    "the policy changed to %s", xs(a, "string(/steward/organization/@require-2fa)"))) goto done2;
done2:
	free(body);
	body = NULL;
	t_end();

	bad_posts("organization", a, a, "/api/settings/organization", rows,
	    sizeof(rows) / sizeof(rows[0]), snap_org);
	if ((cr = signed_in(&UX_creator)) != NULL)
		bad_posts("organization", cr, a, "/api/settings/organization", roles, 1, snap_org);
	if ((me = signed_in(&UX_member)) != NULL)
		bad_posts("organization", me, a, "/api/settings/organization", roles2, 1, snap_org);

	t_begin("organization: a 422 keeps every typed value");
	post_csrf(a, "/api/settings/organization", "name=Typed%20Org&legal_name=Typed%20Legal&website=nope&country=FR&invite_domains=typed.example", 1);
	ck(a->r.status == 422 && strcmp(xs(a, "concat(/steward/organization/@name, '|', /steward/organization/@legal-name, '|', "
	    "/steward/organization/@website, '|', /steward/organization/@country, '|', /steward/organization/@invite-domains)"),
	    "Typed Org|Typed Legal|nope|FR|typed.example") == 0, "answered %ld: %s", a->r.status,
	    xs(a, "concat(/steward/organization/@name, '|', /steward/organization/@website)"));
	post(a, "/settings/organization", "name", "", "csrf", a->csrf, NULL);
	ck(a->r.status == 422 && body_has(a, "aria-invalid=\"true\""), "HTML 422: %ld", a->r.status);
	t_end();

	t_begin("organization: the users part's invite check reads the saved domains: only those domains exactly; others and subdomains -> 422 naming email, no mail");
	snprintf(email, sizeof(email), "itest-%s-outsider@elsewhere.org", g_tag);
	snap_take(&s);
	post(a, "/api/settings/users/invite", "email", email, "role", "member", "csrf", a->csrf, NULL);
	ck(a->r.status == 422 && xpath_count(a->r.doc, "/steward/errors/error[@field='email']") == 1 &&
	    strstr(xs(a, "string(/steward/errors/error)"), "example.com") != NULL,
	    "outside domain answered %ld (%s)", a->r.status, xs(a, "string(/steward/errors/error)"));
	ck(mail_new(&s, email, NULL) == 0, "a mail went to %s", email);
	snap_free(&s);
	snprintf(email, sizeof(email), "itest-%s-sub@eu.example.com", g_tag);
	post(a, "/api/settings/users/invite", "email", email, "role", "member", "csrf", a->csrf, NULL);
	ck(a->r.status == 422, "a subdomain answered %ld", a->r.status);
	snprintf(email, sizeof(email), "itest-%s-insider@example.org", g_tag);
	snap_take(&s);
	post(a, "/api/settings/users/invite", "email", email, "role", "member", "csrf", a->csrf, NULL);
	ck(a->r.status == 303, "an allowed domain answered %ld (%s)", a->r.status,
	    xs(a, "string(/steward/errors/error)"));
	ck(mail_new(&s, email, NULL) == 1, "no mail to %s", email);
	snap_free(&s);
	body = form(a, "name", "Itest X Org", "invite_domains", "", NULL);
	ck(post_csrf(a, "/api/settings/organization", body, 1) == 303, "clearing the domains: %ld", a->r.status);
	free(body);
	body = NULL;
	snprintf(email, sizeof(email), "itest-%s-anyone@elsewhere.org", g_tag);
	post(a, "/api/settings/users/invite", "email", email, "role", "member", "csrf", a->csrf, NULL);
	ck(a->r.status == 303, "with no domains any address may be invited: %ld", a->r.status);
	t_end();
	cl_free(a);
	cl_free(cr);
	cl_free(me);
}

/* ------------------------------------------------------- 9. timezone */

/* The UTC offset of zone now, "+01:00", from the C library's tz data. */
static void
offset_now(const char *zone, char *out, size_t len)
{
	char		*old = getenv("TZ") ? xstrdup(getenv("TZ")) : NULL;
	time_t		 t = time(NULL);
	struct tm	 tm;
	long		 off;

	setenv("TZ", zone, 1);
	tzset();
	localtime_r(&t, &tm);
	off = tm.tm_gmtoff;
	snprintf(out, len, "%c%02ld:%02ld", off < 0 ? '-' : '+', labs(off) / 3600, labs(off) % 3600 / 60);
	if (old) {
		setenv("TZ", old, 1);
		free(old);
	} else
		unsetenv("TZ");
	tzset();
}

static void
test_timezone(void)
{
	static const struct badcase rows[] = {
		{ "empty zone", "timezone=", 1, 422, "timezone" },
		{ "missing zone", "", 1, 422, "timezone" },
		{ "unknown zone Mars/Olympus", "timezone=Mars/Olympus", 1, 422, "timezone" },
		{ "a zone not offered (posix/Europe/Berlin)", "timezone=posix/Europe/Berlin", 1, 422, "timezone" },
		{ "a lower-case zone", "timezone=europe/berlin", 1, 422, "timezone" },
		{ "65-character zone", "timezone=Europe/Bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", 1, 422, "timezone" },
		{ "SQL in the zone", "timezone=Europe/Berlin'%20OR%20'1'%3D'1", 1, 422, "timezone" },
		{ "zone with %01", "timezone=Europe/Berlin%01", 1, 400, NULL },
		{ "zone with invalid UTF-8", "timezone=Europe/Berl%FFn", 1, 400, NULL },
		{ "no CSRF token", "timezone=Asia/Tokyo", 0, 403, NULL },
		{ "wrong CSRF token", "timezone=Asia/Tokyo", 2, 403, NULL },
	};
	static const struct badcase role_rows[] = {
		{ "change by a non-Admin", "timezone=Asia/Tokyo", 1, 403, NULL },
	};
	struct user	*who[] = { &UX_creator, &UX_member, &UX_agent };
	struct client	*a = NULL, *c;
	char		 off[48], name[200];
	size_t		 i;

	if ((a = signed_in(&UX_admin)) == NULL)
		return;
	t_begin("timezone: every IANA zone by region with its local time; Europe/Berlin's offset now agrees with the C library; no posix/ or right/ zones");
	REQUIRE(api(a, "/settings/timezone") == 200, "answered %ld", a->r.status);
	REQUIRE(strcmp(xs(a, "string(/steward/timezone/@current)"), "Europe/Berlin") == 0,
	    "current %s", xs(a, "string(/steward/timezone/@current)"));
	REQUIRE(xpath_count(a->r.doc, "/steward/timezone/region/zone") > 300, "only %d zones",
	    xpath_count(a->r.doc, "/steward/timezone/region/zone"));
	REQUIRE(xpath_count(a->r.doc, "/steward/timezone/region[@name='Europe']/zone[@name='Europe/Berlin']") == 1,
	    "Europe/Berlin is not under Europe");
	REQUIRE(xpath_count(a->r.doc, "/steward/timezone/region[@name='America']/zone[@name='America/Argentina/Buenos_Aires']") == 1,
	    "America/Argentina/Buenos_Aires is missing");
	REQUIRE(xpath_count(a->r.doc, "//zone[starts-with(@name, 'posix/') or starts-with(@name, 'right/')]") == 0,
	    "posix/ or right/ zones are offered");
	offset_now("Europe/Berlin", off, sizeof(off));
	REQUIRE(strcmp(xs(a, "substring(/steward/timezone/@local, 20)"), off) == 0,
	    "local %s, the C library says %s", xs(a, "string(/steward/timezone/@local)"), off);
	offset_now("Asia/Kolkata", off, sizeof(off));
	REQUIRE(strcmp(xs(a, "substring(//zone[@name='Asia/Kolkata']/@local, 20)"), "+05:30") == 0 &&
	    strcmp(off, "+05:30") == 0, "Asia/Kolkata %s", xs(a, "string(//zone[@name='Asia/Kolkata']/@local)"));
	REQUIRE(get(a, "/settings/timezone") == 200 && body_has(a, "<optgroup label=\"Europe\">") &&
	    body_has(a, "name=\"timezone\""), "HTML: %ld", a->r.status);
done:
	t_end();

	for (i = 0; i < 3; i++) {
		snprintf(name, sizeof(name), "timezone: a %s sees the zone but no form (can/@timezone-edit=no)", who[i]->role);
		t_begin(name);
		if ((c = signed_in(who[i])) != NULL) {
			ck(api(c, "/settings/timezone") == 200, "answered %ld", c->r.status);
			ck(strcmp(xs(c, "string(/steward/can/@timezone-edit)"), "no") == 0, "can/@timezone-edit is yes");
			ck(get(c, "/settings/timezone") == 200 && !body_has(c, "name=\"timezone\""),
			    "the HTML page has the form");
			t_end();
			snprintf(name, sizeof(name), "timezone (%s)", who[i]->role);
			bad_posts(name, c, a, "/api/settings/timezone", role_rows, 1, snap_tz);
			cl_free(c);
		} else
			t_end();
	}

	bad_posts("timezone", a, a, "/api/settings/timezone", rows, sizeof(rows) / sizeof(rows[0]), snap_tz);

	t_begin("timezone: a 422 keeps the typed zone; Admin sets America/New_York (303, every page's account/@timezone follows) and back");
	post_csrf(a, "/api/settings/timezone", "timezone=Mars/Olympus", 1);
	ck(a->r.status == 422 && strcmp(xs(a, "string(/steward/timezone/@selected)"), "Mars/Olympus") == 0,
	    "422 selected %s", xs(a, "string(/steward/timezone/@selected)"));
	ck(post_csrf(a, "/api/settings/timezone", "timezone=America/New_York", 1) == 303, "answered %ld", a->r.status);
	ck(api(a, "/settings/timezone") == 200 && strstr(xs(a, "string(/steward/flash)"), "America/New_York") != NULL,
	    "flash %s", xs(a, "string(/steward/flash)"));
	ck(strcmp(xs(a, "string(/steward/timezone/@current)"), "America/New_York") == 0,
	    "timezone/@current %s", xs(a, "string(/steward/timezone/@current)"));
	offset_now("America/New_York", off, sizeof(off));
	ck(strcmp(xs(a, "substring(/steward/timezone/@local, 20)"), off) == 0, "local %s, expected %s",
	    xs(a, "string(/steward/timezone/@local)"), off);
	ck(load_settings(a) == 200 && strcmp(xs(a, "string(/steward/account/@timezone)"), "America/New_York") == 0,
	    "account/@timezone %s", xs(a, "string(/steward/account/@timezone)"));
	ck(post_csrf(a, "/api/settings/timezone", "timezone=Europe/Berlin", 1) == 303, "back: %ld", a->r.status);
	t_end();
	cl_free(a);
}

/* --------------------------------------------------------- 10. rotate */

static void
test_rotate(void)
{
	static const struct badcase rows[] = {
		{ "no confirmation", "", 1, 422, "confirm" },
		{ "confirm=no", "confirm=no", 1, 422, "confirm" },
		{ "confirm with invalid UTF-8", "confirm=%FF", 1, 400, NULL },
		{ "no CSRF token", "confirm=yes", 0, 403, NULL },
		{ "wrong CSRF token", "confirm=yes", 2, 403, NULL },
	};
	static const struct badcase role_rows[] = {
		{ "rotation by a non-Admin", "confirm=yes", 1, 403, NULL },
	};
	struct user	*who[] = { &UX_creator, &UX_member, &UX_agent };
	struct client	*a = NULL, *c;
	char		 old[64], now[64], cli[64], name[200];
	size_t		 i;

	if ((a = signed_in(&UX_admin)) == NULL)
		return;
	t_begin("rotate: the confirmation page for an Admin; GET and POST refused (403) to the other roles");
	ck(api(a, "/settings/credentials/rotate") == 200 &&
	    strcmp(xs(a, "string(/steward/rotate/@account)"), X.id) == 0, "answered %ld", a->r.status);
	ck(get(a, "/settings/credentials/rotate") == 200 && body_has(a, "name=\"confirm\""), "HTML: %ld", a->r.status);
	t_end();
	for (i = 0; i < 3; i++) {
		if ((c = signed_in(who[i])) == NULL)
			continue;
		snprintf(name, sizeof(name), "rotate: a %s GETs the confirmation -> 403", who[i]->role);
		t_begin(name);
		ck(api(c, "/settings/credentials/rotate") == 403, "answered %ld", c->r.status);
		t_end();
		snprintf(name, sizeof(name), "rotate (%s)", who[i]->role);
		bad_posts(name, c, a, "/api/settings/credentials/rotate", role_rows, 1, snap_passcode);
		cl_free(c);
	}
	bad_posts("rotate", a, a, "/api/settings/credentials/rotate", rows, sizeof(rows) / sizeof(rows[0]), snap_passcode);

	t_begin("rotate: confirmed -> 303 /settings with a flash; steward-admin passcode-show prints a new passcode, the reveal shows it; passcode-rotate too");
	passcode_of(X.id, old, sizeof(old));
	REQUIRE(old[0] != '\0', "passcode-show failed");
	REQUIRE(post_csrf(a, "/api/settings/credentials/rotate", "confirm=yes", 1) == 303 &&
	    strcmp(a->r.location, "/api/settings") == 0, "answered %ld %s", a->r.status, a->r.location);
	passcode_of(X.id, now, sizeof(now));
	REQUIRE(now[0] != '\0' && strcmp(old, now) != 0, "the passcode did not change (%s)", now);
	REQUIRE(load_settings(a) == 200 && strstr(xs(a, "string(/steward/flash)"), "rotated") != NULL,
	    "flash \"%s\"", xs(a, "string(/steward/flash)"));
	REQUIRE(post(a, "/api/settings/credentials/reveal", "csrf", a->csrf, NULL) == 200 &&
	    strcmp(xs(a, "string(/steward/credentials/passcode)"), now) == 0,
	    "the reveal shows %s, not %s", xs(a, "string(/steward/credentials/passcode)"), now);
	REQUIRE(!body_has(a, old), "the old passcode is still shown");
	REQUIRE(admin_run(NULL, cli, sizeof(cli), "passcode-rotate", "--account", X.id, NULL) == 0,
	    "passcode-rotate failed");
	passcode_of(X.id, cli, sizeof(cli));
	REQUIRE(cli[0] != '\0' && strcmp(cli, now) != 0 && strcmp(cli, old) != 0,
	    "passcode-rotate did not change it");
	REQUIRE(admin_run(NULL, cli, sizeof(cli), "passcode-rotate", "--account", "NOT-AN-ID", NULL) == 1,
	    "passcode-rotate accepted a bad account");
done:
	cl_free(a);
	t_end();
}

/* ---------------------------------------------- 11. long fields, audit */

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

static void
test_too_long(void)
{
	struct client	*a = signed_in(&UX_admin);
	char		*b[6];
	size_t		 i;

	if (a == NULL)
		return;
	b[0] = long_field("address", 'a', 501, "&name=Bill&email=bill%40example.com");
	b[1] = long_field("tax_id", '9', 33, "&name=Bill&email=bill%40example.com");
	b[2] = long_field("email", 'e', 250, "%40example.com&name=Bill");
	b[3] = long_field("address", 'a', 501, "&name=Ok");
	b[4] = long_field("website", 'w', 250, ".example.com&name=Ok");
	b[5] = long_field("invite_domains", 'd', 1100, ".example.com&name=Ok");
	{
		struct badcase contact[] = {
			{ "501-character address", b[0], 1, 422, "address" },
			{ "33-character tax ID", b[1], 1, 422, "tax_id" },
			{ "262-character email", b[2], 1, 422, "email" },
		};
		struct badcase org[] = {
			{ "501-character address", b[3], 1, 422, "address" },
			{ "282-character website", b[4], 1, 422, "website" },
			{ "1,112-character invite domain", b[5], 1, 422, "invite_domains" },
		};

		bad_posts("contact", a, a, "/api/settings/billing/contact", contact, 3, snap_billing);
		bad_posts("organization", a, a, "/api/settings/organization", org, 3, snap_org);
	}
	for (i = 0; i < 6; i++)
		free(b[i]);
	cl_free(a);
}

static void
test_audit_rows(void)
{
	static const char *const actions[] = {
		"billing.card", "billing.contact", "billing.plan.upgrade",
		"billing.plan.downgrade", "billing.plan.keep", "billing.period_close",
		"invoice.status", "organization.update", "account.timezone",
		"passcode.rotate",
	};
	struct buf	 dump = { 0 };
	char		 needle[64];
	size_t		 i;

	t_begin("audit: every kind of change of this part left its audit_log row (read from a mariadb-dump)");
	REQUIRE(db_dump(&dump) == 0, "mariadb-dump failed");
	for (i = 0; i < sizeof(actions) / sizeof(actions[0]); i++) {
		snprintf(needle, sizeof(needle), "'%s'", actions[i]);
		REQUIRE(strstr(dump.p, needle) != NULL, "no audit row %s", actions[i]);
	}
done:
	buf_free(&dump);
	t_end();
}

/* The account part's tests, in order (billing state builds up). */
static void
part_account(void)
{
	t_begin("account: fixtures (organizations X, Y, C, P; every role in X; a second account in X)");
	if (!ck(acct_fixtures() == 0, "steward-admin could not make the fixtures")) {
		t_end();
		return;
	}
	t_end();
	test_acct_overview();
	test_billing_page();
	test_billing_roles();
	test_billing_usage();
	test_card_good();
	test_card_bad();
	test_contact();
	test_plan_no_card();
	test_plan_changes();
	test_plan_schedule();
	test_plan_bad();
	test_invoice_page();
	test_invoices_csv();
	test_concurrent_numbering();
	test_period_close_dst();
	test_period_close_downgrade();
	test_card_never_stored();
	test_org_view();
	test_org_edit();
	test_timezone();
	test_rotate();
	test_too_long();
	test_audit_rows();
}
