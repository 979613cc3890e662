/*
 * Tests of the users part: the Users page (list, filters, paging, CSV),
 * bulk invite, resend, revoke, copy link, accept (new person, existing
 * login, signed in), role changes and the last-Admin rule, removal and
 * its sessions, the audit log (filters, CSV), every cell of the role
 * table for these actions, cross-account ids, hostile input, and mail
 * through a real SMTP sink (python3-aiosmtpd).  Included by itest.c.
 *
 * State is checked after every refused change with the mariadb client
 * (the stack's own database credentials from STEWARD_CONF).
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>

/* Fixtures of this part: account C with one user per role and a spare
 * Admin, account D with an Admin. */
static struct account	 UC, UD;
static struct user	 V_admin = { .role = "admin" }, V_admin2 = { .role = "admin" },
			 V_creator = { .role = "creator" }, V_member = { .role = "member" },
			 V_agent = { .role = "agent" }, V_victim = { .role = "member" },
			 W_admin = { .role = "admin" }, W_member = { .role = "member" };
static struct user	*V_roles[] = { &V_admin, &V_creator, &V_member, &V_agent };

/* ------------------------------------------------------------ database */

static char	 db_sock[PATH_MAX], db_user[128], db_pass[256], db_name[128];

/* The value of key in STEWARD_CONF into out. */
static void
conf_value(const char *key, char *out, size_t outlen)
{
	char	*text = read_all(g_conf), *p, *e;
	size_t	 k = strlen(key);

	out[0] = '\0';
	for (p = text; p != NULL && *p; p = e ? e + 1 : NULL) {
		e = strchr(p, '\n');
		while (*p == ' ' || *p == '\t')
			p++;
		if (strncmp(p, key, k) != 0 || (p[k] != ' ' && p[k] != '='))
			continue;
		p += k;
		while (*p == ' ' || *p == '=' || *p == '\t')
			p++;
		snprintf(out, outlen, "%.*s", (int)(e ? e - p : (long)strlen(p)), p);
	}
	free(text);
}

/*
 * Runs one SQL statement with the mariadb client; the first line of its
 * output (tab-separated, no header) into out.  Returns the exit status.
 */
static int
sql(const char *q, char *out, size_t outlen)
{
	int	 op[2], st;
	pid_t	 pid;
	size_t	 got = 0;
	ssize_t	 k;
	char	 buf[8192], *nl;

	if (db_sock[0] == '\0') {
		conf_value("db_socket", db_sock, sizeof(db_sock));
		conf_value("db_user", db_user, sizeof(db_user));
		conf_value("db_password", db_pass, sizeof(db_pass));
		conf_value("db_name", db_name, sizeof(db_name));
	}
	if (pipe(op) == -1)
		return -1;
	fflush(stdout);
	if ((pid = fork()) == -1)
		return -1;
	if (pid == 0) {
		dup2(op[1], 1);
		close(op[0]);
		close(op[1]);
		setenv("MYSQL_PWD", db_pass, 1);
		execlp("mariadb", "mariadb", "-N", "-B", "-S", db_sock, "-u",
		    db_user, db_name, "-e", q, (char *)NULL);
		_exit(127);
	}
	close(op[1]);
	while ((k = read(op[0], buf + got, sizeof(buf) - got - 1)) > 0)
		got += (size_t)k;
	buf[got] = '\0';
	close(op[0]);
	if (waitpid(pid, &st, 0) == -1)
		return -1;
	if ((nl = strchr(buf, '\n')) != NULL)
		*nl = '\0';
	if (out != NULL)
		snprintf(out, outlen, "%s", buf);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* sql() into a static buffer ("" on failure). */
static const char *
sq(const char *fmt, ...)
{
	static char	 out[8192];
	char		 q[4096];
	va_list		 ap;

	va_start(ap, fmt);
	vsnprintf(q, sizeof(q), fmt, ap);
	va_end(ap);
	if (sql(q, out, sizeof(out)) != 0)
		out[0] = '\0';
	return out;
}

/* The role number of email in account pub ("" when not a member). */
static const char *
role_of(const struct account *a, const char *email)
{
	return sq("SELECT m.role FROM membership m JOIN user u ON u.id = m.user_id"
	    " JOIN account a ON a.id = m.account_id WHERE a.public_id = '%s'"
	    " AND u.email = '%s'", a->id, email);
}

/* The user id of email, as a string. */
static const char *
uid_of(const char *email)
{
	return sq("SELECT id FROM user WHERE email = '%s'", email);
}

/* The id of the invitation of email in account a ("" when none). */
static const char *
inv_of(const struct account *a, const char *email)
{
	return sq("SELECT i.id FROM invitation i JOIN account a ON a.id = i.account_id"
	    " WHERE a.public_id = '%s' AND i.email = '%s'", a->id, email);
}

/* Audit rows of action with target containing needle in account a. */
static int
audit_count(const struct account *a, const char *action, const char *needle)
{
	return atoi(sq("SELECT COUNT(*) FROM audit_log l JOIN account a ON"
	    " a.id = l.account_id WHERE a.public_id = '%s' AND l.action = '%s'"
	    " AND l.target LIKE '%%%s%%'", a->id, action, needle));
}

/* ---------------------------------------------------------- helpers */

/* The 43-character token of the first accept link in text, into tok. */
static int
link_token(const char *text, char tok[44])
{
	const char	*p = text ? strstr(text, "/invitations/accept?token=") : NULL;

	tok[0] = '\0';
	if (p == NULL)
		return 0;
	p += strlen("/invitations/accept?token=");
	snprintf(tok, 44, "%.43s", p);
	return strlen(tok) == 43;
}

/* An address of this run: itest-TAG-label@example.com. */
static const char *
addr(const char *label)
{
	static char	 bufs[8][128];
	static int	 i;

	i = (i + 1) % 8;
	snprintf(bufs[i], sizeof(bufs[i]), "itest-%s-%s@example.com", g_tag, label);
	return bufs[i];
}

/* GET /api/settings/users into c and refresh its csrf; the status. */
static long
users_page(struct client *c, const char *query)
{
	char	 path[1024];
	long	 st;

	snprintf(path, sizeof(path), "/api/settings/users%s", query ? query : "");
	st = get(c, path);
	if (st == 200 || st == 422)
		xpath_str(c->r.doc, "/steward/csrf", c->csrf, sizeof(c->csrf));
	return st;
}

/* Invites emails (one string) as role through the Users page form. */
static long
bulk(struct client *c, const char *emails, const char *role, const char *msg)
{
	return post(c, "/api/settings/users/invite", "emails", emails, "role",
	    role, "message", msg ? msg : "", "csrf", c->csrf, NULL);
}

/* Invites email as role and returns its link token from the mail. */
static int
invite_token_of(struct client *c, const char *email, const char *role,
    char tok[44])
{
	struct snap	 s = { 0 };
	char		*text = NULL;
	int		 ok;

	snap_take(&s);
	bulk(c, email, role, NULL);
	ok = c->r.status == 303 && mail_new(&s, email, &text) == 1 &&
	    link_token(text, tok);
	free(text);
	snap_free(&s);
	return ok;
}

/* GET /api/invitations/accept?token= with a fresh client; the status. */
static long
accept_get(struct client *c, const char *tok)
{
	char	 path[256];

	snprintf(path, sizeof(path), "/api/invitations/accept?token=%s", tok);
	get(c, path);
	if (c->r.doc != NULL)
		xpath_str(c->r.doc, "/steward/csrf", c->csrf, sizeof(c->csrf));
	return c->r.status;
}

/* --------------------------------------------------------- fixtures */

static int
users_setup(void)
{
	if (make_account(&UC, "UC") == -1 || make_account(&UD, "UD") == -1 ||
	    make_user(&V_admin, "uadmin", &UC) == -1 ||
	    make_user(&V_admin2, "uadmin2", &UC) == -1 ||
	    make_user(&V_creator, "ucreator", &UC) == -1 ||
	    make_user(&V_member, "umember", &UC) == -1 ||
	    make_user(&V_agent, "uagent", &UC) == -1 ||
	    make_user(&V_victim, "uvictim", &UC) == -1 ||
	    make_user(&W_admin, "wadmin", &UD) == -1 ||
	    make_user(&W_member, "wmember", &UD) == -1)
		return -1;
	return 0;
}

/* ------------------------------------------------------ 1. the page */

static void
test_users_page_roles(void)
{
	static const struct {
		struct user	*u;
		long		 status;
		const char	*manage;
	} rows[] = {
		{ &V_admin, 200, "yes" }, { &V_creator, 200, "no" },
		{ &V_member, 403, NULL }, { &V_agent, 403, NULL },
	};
	struct client	*c;
	char		 name[200];
	size_t		 i;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		snprintf(name, sizeof(name), "users page: %s GET /settings/users -> %ld%s",
		    rows[i].u->role, rows[i].status, rows[i].status == 200 ?
		    ", members listed, HTML rendered" : " (HTML and /api), no list");
		t_begin(name);
		if ((c = signed_in(rows[i].u)) == NULL) {
			t_end();
			continue;
		}
		ck(users_page(c, NULL) == rows[i].status, "/api answered %ld", c->r.status);
		if (rows[i].status == 200) {
			ck(xpath_count(c->r.doc, "/steward/users/member") >= 6,
			    "%d members listed", xpath_count(c->r.doc, "/steward/users/member"));
			ck(strcmp(xs(c, "string(/steward/can/@manage-users)"), rows[i].manage) == 0,
			    "can/@manage-users is %s", xs(c, "string(/steward/can/@manage-users)"));
			ck(strcmp(xs(c, "string(/steward/users/@members)"), "6") == 0,
			    "users/@members is \"%s\"", xs(c, "string(/steward/users/@members)"));
			ck(xpath_count(c->r.doc, "/steward/users/member[@self='yes']") == 1,
			    "no row marked self");
			get(c, "/settings/users");
			ck(c->r.status == 200 && strncmp(c->r.ctype, "text/html", 9) == 0 &&
			    body_has(c, V_member.email), "HTML page: %ld %s", c->r.status, c->r.ctype);
			ck(body_has(c, "/settings/users/role") == (rows[i].manage[0] == 'y'),
			    "role-change forms %s for %s", rows[i].manage[0] == 'y' ? "missing" : "shown",
			    rows[i].u->role);
			ck(body_has(c, "/settings/users/remove") == (rows[i].manage[0] == 'y'),
			    "remove forms shown/hidden wrongly for %s", rows[i].u->role);
		} else {
			ck(xpath_count(c->r.doc, "/steward/users") == 0, "a <users> list in the 403");
			ck(!body_has(c, V_admin.email), "the 403 names another member");
			get(c, "/settings/users");
			ck(c->r.status == 403, "HTML answered %ld", c->r.status);
			load_settings(c);
			ck(strcmp(xs(c, "string(/steward/can/@users)"), "no") == 0, "can/@users is yes");
			get(c, "/settings");
			ck(c->r.status == 200 && !body_has(c, "href=\"/settings/users\""),
			    "the HTML overview links the Users page");
		}
		cl_free(c);
		t_end();
	}
	t_begin("users page: signed out -> 401 (/api), 303 /login?next=/settings/users (HTML)");
	c = cl_new("anon");
	ck(get(c, "/api/settings/users") == 401, "/api answered %ld", c->r.status);
	ck(get(c, "/settings/users") == 303 &&
	    strcmp(c->r.location, "/login?next=/settings/users") == 0,
	    "HTML answered %ld Location %s", c->r.status, c->r.location);
	cl_free(c);
	t_end();
}

static void
test_users_overview_links(void)
{
	struct client	*c = NULL;

	t_begin("users page: the overview lists Users and Audit Log as available for an Admin");
	REQUIRE((c = signed_in(&V_admin)) != NULL, "sign-in failed");
	REQUIRE(strcmp(xs(c, "string(/steward/pages/page[@key='users']/@available)"), "yes") == 0,
	    "users not available");
	REQUIRE(strcmp(xs(c, "string(/steward/pages/page[@key='audit-log']/@available)"), "yes") == 0,
	    "audit-log not available");
	get(c, "/settings");
	REQUIRE(body_has(c, "href=\"/settings/users\"") && body_has(c, "href=\"/settings/audit-log\""),
	    "the HTML overview does not link both pages");
done:
	cl_free(c);
	t_end();
}


static void
test_locked_two_step(void)
{
	struct client	*a = NULL, *cr = NULL, *anon = cl_new("anon"), *w = NULL;
	char		 expr[300], tok[44];
	const char	*id;

	t_begin("users list: locked and 2-step states come from the user row; Reset 2-step verification is offered to an Admin "
	    "only; a 2-step login must sign in before it accepts an invitation (sign-in mode, POST 403)");
	id = uid_of(V_agent.email);
	REQUIRE(id[0], "no agent");
	sq("UPDATE user SET locked_until = UTC_TIMESTAMP(6) + INTERVAL 1 HOUR, totp_enabled = 1"
	    " WHERE email = '%s'", V_agent.email);
	REQUIRE((a = signed_in(&V_admin)) != NULL, "sign-in failed");
	REQUIRE(users_page(a, "?status=locked") == 200, "status=locked: %ld", a->r.status);
	snprintf(expr, sizeof(expr), "/steward/users/member[@email='%s' and @status='locked' and @two-step='yes']",
	    V_agent.email);
	REQUIRE(xpath_count(a->r.doc, expr) == 1, "the agent is not listed locked with 2-step on");
	REQUIRE(xpath_count(a->r.doc, "/steward/users/member[@status!='locked']") == 0, "unlocked rows listed");
	get(a, "/settings/users?status=locked");
	REQUIRE(body_has(a, "action=\"/settings/users/2fa-reset\"") && body_has(a, "form=\"f-2fa\"") &&
	    body_has(a, "Reset 2-step verification") && body_has(a, "Locked"),
	    "the Admin's page lacks the reset form or the Locked badge");
	REQUIRE((cr = signed_in(&V_creator)) != NULL, "sign-in failed");
	get(cr, "/settings/users?status=locked");
	REQUIRE(cr->r.status == 200 && !body_has(cr, "/settings/users/2fa-reset"),
	    "a Creator is offered the 2-step reset");
	REQUIRE((w = signed_in(&W_admin)) != NULL, "sign-in failed");
	post(w, "/api/settings/account", "account", UD.id, "csrf", w->csrf, NULL);
	users_page(w, NULL);
	REQUIRE(invite_token_of(w, V_agent.email, "agent", tok), "invite into D failed: %ld", w->r.status);
	REQUIRE(accept_get(anon, tok) == 200 &&
	    strcmp(xs(anon, "string(/steward/invitation/@mode)"), "sign-in") == 0, "mode %s",
	    xs(anon, "string(/steward/invitation/@mode)"));
	post(anon, "/api/invitations/accept", "token", tok, "csrf", anon->csrf, "password",
	    V_agent.password, NULL);
	REQUIRE(anon->r.status == 403 && !sets_cookie(anon, "stw_session"), "POST answered %ld", anon->r.status);
	REQUIRE(!role_of(&UD, V_agent.email)[0], "joined without the second step");
done:
	sq("UPDATE user SET locked_until = NULL, totp_enabled = 0 WHERE email = '%s'", V_agent.email);
	cl_free(a);
	cl_free(cr);
	cl_free(w);
	cl_free(anon);
	t_end();
}

/* ---------------------------------------------- 2. list: filters, paging */

static void
test_users_filters(void)
{
	static const struct {
		const char	*q, *expect_in, *expect_out;
	} rows[] = {
		{ "?q=umember", "umember", "uagent" },
		{ "?q=UMEMBER", "umember", "uagent" },
		{ "?role=agent", "uagent", "umember" },
		{ "?role=admin&sort=email&order=desc", "uadmin2", "ucreator" },
		{ "?status=active&q=ucreator", "ucreator", "uadmin" },
	};
	struct client	*c = NULL;
	char		 name[200], e1[160], e2[160], expr[300];
	size_t		 i;

	t_begin("users list: search, role and status filters select the right rows");
	REQUIRE((c = signed_in(&V_admin)) != NULL, "sign-in failed");
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		snprintf(e1, sizeof(e1), "itest-%s-%s@example.com", g_tag, rows[i].expect_in);
		snprintf(e2, sizeof(e2), "itest-%s-%s@example.com", g_tag, rows[i].expect_out);
		ck(users_page(c, rows[i].q) == 200, "%s answered %ld", rows[i].q, c->r.status);
		snprintf(expr, sizeof(expr), "/steward/users/member[@email='%s']", e1);
		ck(xpath_count(c->r.doc, expr) == 1, "%s does not list %s", rows[i].q, e1);
		snprintf(expr, sizeof(expr), "/steward/users/member[@email='%s']", e2);
		ck(xpath_count(c->r.doc, expr) == 0, "%s lists %s", rows[i].q, e2);
	}
	users_page(c, "?role=admin&sort=email&order=desc");
	snprintf(name, sizeof(name), "%s", xs(c, "string(/steward/users/member[1]/@email)"));
	ck(strstr(name, "uadmin2") != NULL, "email desc: first row is %s", name);
	ck(strcmp(xs(c, "string(/steward/users/@sort)"), "email") == 0 &&
	    strcmp(xs(c, "string(/steward/users/@order)"), "desc") == 0, "sort not echoed");
done:
	cl_free(c);
	t_end();
}

static void
test_users_filters_bad(void)
{
	static const struct {
		const char	*q, *field;
		long		 status;
	} rows[] = {
		{ "?role=owner", "role", 422 },
		{ "?role=Admin", "role", 422 },
		{ "?status=gone", "status", 422 },
		{ "?sort=password", "sort", 422 },
		{ "?order=up", "order", 422 },
		{ "?page=0", "page", 422 },
		{ "?page=abc", "page", 422 },
		{ "?page=10001", "page", 422 },
		{ "?page=-1", "page", 422 },
		{ "?q=@LONG", "q", 422 },
		{ "?q=%01", NULL, 400 },
		{ "?q=%C3%28", NULL, 400 },
		{ "?q=%3Cscript%3Ealert(1)%3C/script%3E", NULL, 200 },
	};
	struct client	*c = NULL;
	char		 name[200], q[512], *big;
	size_t		 i;

	big = repeat('x', 101);
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		snprintf(q, sizeof(q), "%s", strcmp(rows[i].q, "?q=@LONG") == 0 ? "" : rows[i].q);
		if (q[0] == '\0')
			snprintf(q, sizeof(q), "?q=%s", big);
		snprintf(name, sizeof(name), "users list: bad filter %.40s -> %ld%s%s, the list still shown",
		    rows[i].q, rows[i].status, rows[i].field ? " naming " : "",
		    rows[i].field ? rows[i].field : "");
		t_begin(name);
		if (c == NULL)
			REQUIRE((c = signed_in(&V_admin)) != NULL, "sign-in failed");
		users_page(c, q);
		REQUIRE(c->r.status == rows[i].status, "answered %ld", c->r.status);
		if (rows[i].field != NULL) {
			snprintf(q, sizeof(q), "/steward/errors/error[@field='%s']", rows[i].field);
			REQUIRE(xpath_count(c->r.doc, q) == 1, "no error for %s (%s)", rows[i].field,
			    xs(c, "string(/steward/errors)"));
			REQUIRE(xpath_count(c->r.doc, "/steward/users/member") >= 6,
			    "the unfiltered list is not shown");
			REQUIRE(strcmp(xs(c, "string(/steward/users/@refused)"), "yes") == 0,
			    "users/@refused is not yes");
		}
		if (rows[i].status == 200)
			REQUIRE(!body_has(c, "<script>"), "the search is reflected unescaped");
		snprintf(q, sizeof(q), "/settings/users%s", strcmp(rows[i].q, "?q=@LONG") ? rows[i].q : "?page=0");
		get(c, q);
		REQUIRE(c->r.status == rows[i].status, "HTML answered %ld", c->r.status);
		REQUIRE(!body_has(c, "<script>alert"), "HTML reflects the search unescaped");
done:
		t_end();
	}
	cl_free(c);
	free(big);
}

static void
test_users_paging(void)
{
	struct client	*c = NULL;
	struct buf	 b = { 0 };
	char		 one[128];
	int		 i, n1, n2;

	t_begin("users list: 62 rows make two pages of 50 and 12; next/page links; no row twice");
	REQUIRE((c = signed_in(&V_admin2)) != NULL, "sign-in failed");
	REQUIRE(users_page(c, NULL) == 200, "page: %ld", c->r.status);
	for (i = 0; i < 56; i++) {
		snprintf(one, sizeof(one), "%sitest-%s-page%02d@example.com", i % 28 ? "," : "", g_tag, i);
		buf_str(&b, one);
		if (i == 27 || i == 55) {
			REQUIRE(bulk(c, b.p, "agent", NULL) == 303, "bulk invite answered %ld (%s)",
			    c->r.status, xs(c, "string(/steward/errors)"));
			users_page(c, NULL);
			buf_clear(&b);
		}
	}
	REQUIRE(users_page(c, "?status=invited&q=-page") == 200, "status=invited: %ld", c->r.status);
	n1 = xpath_count(c->r.doc, "/steward/users/invitation");
	REQUIRE(n1 == 50, "page 1 has %d invitations", n1);
	REQUIRE(strcmp(xs(c, "string(/steward/users/@next)"), "yes") == 0, "no next page");
	REQUIRE(users_page(c, "?status=invited&q=-page&page=2") == 200, "page 2: %ld", c->r.status);
	n2 = xpath_count(c->r.doc, "/steward/users/invitation");
	REQUIRE(n2 == 6, "page 2 has %d invitations", n2);
	REQUIRE(strcmp(xs(c, "string(/steward/users/@next)"), "no") == 0, "a page 3");
	for (i = 1; i <= n2; i++) {	/* page 2 repeats nothing of page 1 */
		char	 e[160], expr[200];

		snprintf(expr, sizeof(expr), "string(/steward/users/invitation[%d]/@email)", i);
		snprintf(e, sizeof(e), "%s", xs(c, expr));
		users_page(c, "?status=invited&q=-page");
		snprintf(expr, sizeof(expr), "/steward/users/invitation[@email='%s']", e);
		REQUIRE(xpath_count(c->r.doc, expr) == 0, "%s is on both pages", e);
		users_page(c, "?status=invited&q=-page&page=2");
	}
	REQUIRE(users_page(c, NULL) == 200 && xpath_count(c->r.doc, "/steward/users/*") == 50,
	    "the whole list's first page has %d rows", xpath_count(c->r.doc, "/steward/users/*"));
	get(c, "/settings/users?status=invited&q=-page");
	REQUIRE(body_has(c, "rel=\"next\""), "the HTML page has no Next link");
done:
	buf_free(&b);
	cl_free(c);
	t_end();
	/* the page's invitations go: they would crowd later lists */
	sq("UPDATE invitation i JOIN account a ON a.id = i.account_id SET revoked_at ="
	    " UTC_TIMESTAMP(6) WHERE a.public_id = '%s' AND i.email LIKE '%%-page%%'", UC.id);
}

/* ------------------------------------------------------- 3. bulk invite */

static void
test_bulk_invite(void)
{
	struct client	*c = NULL;
	struct snap	 s = { 0 };
	char		 list[1024], *text = NULL;
	int		 n;

	t_begin("bulk invite: 3 new addresses (commas, newline, \"Name <addr>\", a duplicate, a member) -> 303, "
	    "3 multipart mails, 3 invitations, members skipped and named");
	REQUIRE((c = signed_in(&V_admin)) != NULL, "sign-in failed");
	REQUIRE(users_page(c, NULL) == 200, "page: %ld", c->r.status);
	snprintf(list, sizeof(list), "Ann Example <%s>, %s\n%s; %s,%s", addr("b1"),
	    addr("b2"), addr("B3"), addr("b1"), V_member.email);
	snap_take(&s);
	bulk(c, list, "member", "Welcome aboard!\nSee you soon.");
	REQUIRE(c->r.status == 303, "answered %ld (%s)", c->r.status, xs(c, "string(/steward/errors)"));
	REQUIRE(strcmp(c->r.location, "/api/settings/users") == 0, "Location %s", c->r.location);
	n = mail_new(&s, g_tag, &text);
	REQUIRE(n == 3, "%d mails", n);
	REQUIRE(strstr(text, "multipart/alternative") && strstr(text, "text/html") &&
	    strstr(text, "text/plain"), "the mail is not multipart text + HTML");
	REQUIRE(strstr(text, "> Welcome aboard!\r\n> See you soon.") != NULL,
	    "the message is not quoted in the text part");
	REQUIRE(inv_of(&UC, addr("b1"))[0] && inv_of(&UC, addr("b2"))[0] &&
	    inv_of(&UC, addr("b3"))[0], "the invitations are not stored (lower-cased)");
	REQUIRE(!inv_of(&UC, V_member.email)[0], "an invitation for a member");
	REQUIRE(audit_count(&UC, "invite.send", addr("b2")) == 1, "no audit row");
	REQUIRE(users_page(c, NULL) == 200, "page: %ld", c->r.status);
	REQUIRE(strstr(xs(c, "string(/steward/flash)"), "3 people") &&
	    strstr(xs(c, "string(/steward/flash)"), V_member.email),
	    "flash \"%s\"", xs(c, "string(/steward/flash)"));
	REQUIRE(xpath_count(c->r.doc, "/steward/users/invitation[@status='invited']") >= 3,
	    "the invitations are not listed");
done:
	free(text);
	snap_free(&s);
	cl_free(c);
	t_end();
}

static void
test_bulk_invite_bad(void)
{
	static const struct {
		const char	*name, *emails, *role, *message;
		long		 status;
		const char	*field;
	} rows[] = {
		{ "empty list", "", "member", "", 422, "emails" },
		{ "only separators", " ,\n; ", "member", "", 422, "emails" },
		{ "51 addresses", "@51", "member", "", 422, "emails" },
		{ "one invalid among valid", "@GOOD,not-an-email", "member", "", 422, "emails" },
		{ "two @", "@GOOD,a@b@example.com", "member", "", 422, "emails" },
		{ "255+ character address", "@LONG", "member", "", 422, "emails" },
		{ "control character %01", "@RAW%01", "member", "", 400, NULL },
		{ "invalid UTF-8 %C3%28", "@RAW%C3%28", "member", "", 400, NULL },
		{ "invalid UTF-8 %FF", "@RAW%FF", "member", "", 400, NULL },
		{ "unknown role owner", "@GOOD", "owner", "", 422, "role" },
		{ "role in upper case", "@GOOD", "ADMIN", "", 422, "role" },
		{ "empty role", "@GOOD", "", "", 422, "role" },
		{ "1001-character message", "@GOOD", "member", "@BIGMSG", 422, "message" },
		{ "message with a bidi override", "@GOOD", "member", "hi \xe2\x80\xae there", 422, "message" },
		{ "message with %07", "@GOOD", "member", "@RAWMSG", 400, NULL },
		{ "only members", "@MEMBERS", "member", "", 422, "emails" },
		{ "field over 8 KiB", "@HUGE", "member", "", 413, NULL },
	};
	struct client	*c = NULL;
	struct buf	 b = { 0 }, body = { 0 };
	char		 name[200], one[160], *esc, *big;
	struct snap	 s = { 0 };
	const char	*em, *msg;
	size_t		 i;
	int		 k, raw;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		snprintf(name, sizeof(name), "bulk invite: bad input (%s) -> %ld%s%s, no mail, no invitation",
		    rows[i].name, rows[i].status, rows[i].field ? " naming " : "",
		    rows[i].field ? rows[i].field : "");
		t_begin(name);
		if (c == NULL)
			REQUIRE((c = signed_in(&V_admin)) != NULL, "sign-in failed");
		users_page(c, NULL);
		buf_clear(&b);
		em = rows[i].emails;
		raw = strncmp(em, "@RAW", 4) == 0;
		if (strcmp(em, "@51") == 0) {
			for (k = 0; k < 51; k++) {
				snprintf(one, sizeof(one), "%s%s", k ? "," : "", addr("many"));
				one[strlen(one) - 12] = (char)('a' + k % 26);
				one[strlen(one) - 13] = (char)('a' + k / 26);
				buf_str(&b, one);
			}
		} else if (strncmp(em, "@GOOD", 5) == 0) {
			buf_str(&b, addr("badrow"));
			buf_str(&b, em + 5);
		} else if (strcmp(em, "@LONG") == 0) {
			big = repeat('l', 250);
			buf_str(&b, big);
			buf_str(&b, "@example.com");
			free(big);
		} else if (strcmp(em, "@MEMBERS") == 0) {
			buf_str(&b, V_member.email);
			buf_str(&b, ",");
			buf_str(&b, V_agent.email);
		} else if (strcmp(em, "@HUGE") == 0) {
			big = repeat('h', 9000);
			buf_str(&b, big);
			free(big);
		} else if (raw) {
			buf_str(&b, "itest-");
			buf_str(&b, g_tag);
			buf_str(&b, "-raw");
			buf_str(&b, em + 4);
			buf_str(&b, "@example.com");
		} else
			buf_str(&b, em);
		msg = rows[i].message;
		buf_clear(&body);
		buf_str(&body, "emails=");
		if (raw)
			buf_str(&body, b.p);
		else {
			esc = curl_easy_escape(c->h, b.p ? b.p : "", 0);
			buf_str(&body, esc);
			curl_free(esc);
		}
		buf_str(&body, "&role=");
		buf_str(&body, rows[i].role);
		buf_str(&body, "&message=");
		if (strcmp(msg, "@RAWMSG") == 0)
			buf_str(&body, "bell%07");
		else {
			big = strcmp(msg, "@BIGMSG") == 0 ? repeat('m', 1001) : xstrdup(msg);
			esc = curl_easy_escape(c->h, big, 0);
			buf_str(&body, esc);
			curl_free(esc);
			free(big);
		}
		buf_str(&body, "&csrf=");
		buf_str(&body, c->csrf);
		snap_take(&s);
		post_raw(c, "/api/settings/users/invite", body.p, NULL);
		ck(c->r.status == rows[i].status, "answered %ld", c->r.status);
		if (rows[i].field != NULL) {
			snprintf(one, sizeof(one), "/steward/errors/error[@field='%s']", rows[i].field);
			ck(xpath_count(c->r.doc, one) >= 1, "no error naming %s (errors: %s)",
			    rows[i].field, xs(c, "string(/steward/errors)"));
			ck(xpath_count(c->r.doc, "/steward/invite") == 1 &&
			    (rows[i].status != 422 || strcmp(rows[i].emails, "@51") == 0 ||
			    strcmp(xs(c, "string(/steward/invite/@emails)"), b.p ? b.p : "") == 0),
			    "the form does not keep what was typed (\"%.60s\")",
			    xs(c, "string(/steward/invite/@emails)"));
		}
		if (strcmp(em, "@GOOD,not-an-email") == 0)
			ck(xpath_count(c->r.doc, "/steward/invite/result[@outcome='refused']") == 1 &&
			    xpath_count(c->r.doc, "/steward/invite/result[@outcome='ready']") == 1,
			    "per-address results missing");
		if (c->r.status == 400)
			ck(xpath_count(c->r.doc, "/steward/error-page[@status='400']") == 1, "no 400 page");
		ck(mail_new(&s, g_tag, NULL) == 0, "a mail was sent");
		ck(!inv_of(&UC, addr("badrow"))[0], "an invitation was stored");
		snap_free(&s);
		t_end();
		continue;
done:
		t_end();
	}
	t_begin("bulk invite: the HTML form's 422 keeps the addresses, shows one result per address");
	if (c != NULL) {
		users_page(c, NULL);
		snprintf(one, sizeof(one), "%s, not-an-address", addr("html1"));
		post(c, "/settings/users/invite", "emails", one, "role", "agent", "csrf", c->csrf, NULL);
		ck(c->r.status == 422 && strncmp(c->r.ctype, "text/html", 9) == 0,
		    "answered %ld %s", c->r.status, c->r.ctype);
		ck(body_has(c, "not-an-address") && body_has(c, "Enter an address like name@example.com."),
		    "the refused address and the reason are not shown");
		ck(body_has(c, "aria-invalid=\"true\""), "the field is not marked invalid");
	}
	t_end();
	buf_free(&b);
	buf_free(&body);
	cl_free(c);
}

static void
test_invite_roles_table(void)
{
	static const struct {
		struct user	*u;
		const char	*role;
		long		 status;
	} rows[] = {
		{ &V_admin, "admin", 303 }, { &V_creator, "creator", 303 },
		{ &V_creator, "admin", 403 }, { &V_member, "agent", 403 },
		{ &V_agent, "agent", 403 },
	};
	struct client	*c;
	char		 name[200], email[128];
	struct snap	 s = { 0 };
	size_t		 i;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		snprintf(name, sizeof(name), "bulk invite: %s invites as %s -> %ld%s",
		    rows[i].u->role, rows[i].role, rows[i].status,
		    rows[i].status == 403 ? ", no mail, no invitation" : "");
		t_begin(name);
		if ((c = signed_in(rows[i].u)) == NULL) {
			t_end();
			continue;
		}
		load_settings(c);
		snprintf(email, sizeof(email), "itest-%s-rt%zu@example.com", g_tag, i);
		snap_take(&s);
		post(c, "/api/settings/users/invite", "emails", email, "role", rows[i].role,
		    "csrf", c->csrf, NULL);
		ck(c->r.status == rows[i].status, "answered %ld", c->r.status);
		ck((mail_new(&s, email, NULL) == 1) == (rows[i].status == 303), "mail count wrong");
		ck((inv_of(&UC, email)[0] != '\0') == (rows[i].status == 303), "invitation stored wrongly");
		snap_free(&s);
		cl_free(c);
		t_end();
	}
}

static void
test_invite_domains(void)
{
	struct client	*c = NULL;
	struct snap	 s = { 0 };
	char		 list[512];
	const char	*org = UC.org;

	t_begin("bulk invite: the organization's invite domains refuse other addresses with a clear reason; allowed ones pass");
	REQUIRE(sql("SELECT 1", NULL, 0) == 0, "the mariadb client does not run");
	sq("UPDATE organization SET invite_domains = 'allowed.example, @Other.example' WHERE id = %s", org);
	REQUIRE((c = signed_in(&V_admin)) != NULL, "sign-in failed");
	users_page(c, NULL);
	snprintf(list, sizeof(list), "itest-%s-d1@allowed.example, itest-%s-d2@example.com", g_tag, g_tag);
	snap_take(&s);
	bulk(c, list, "member", NULL);
	ck(c->r.status == 422, "answered %ld", c->r.status);
	ck(strstr(xs(c, "string(/steward/invite/result[@outcome='refused'])"), "allowed.example") != NULL,
	    "the reason does not name the allowed domains: \"%s\"",
	    xs(c, "string(/steward/invite/result[@outcome='refused'])"));
	ck(mail_new(&s, g_tag, NULL) == 0, "a mail was sent");
	snap_free(&s);
	snprintf(list, sizeof(list), "itest-%s-d1@allowed.example, itest-%s-d3@OTHER.example", g_tag, g_tag);
	snap_take(&s);
	users_page(c, NULL);
	bulk(c, list, "member", NULL);
	ck(c->r.status == 303, "allowed domains answered %ld (%s)", c->r.status,
	    xs(c, "string(/steward/errors)"));
	ck(mail_new(&s, g_tag, NULL) == 2, "not 2 mails");
	snap_free(&s);
done:
	sq("UPDATE organization SET invite_domains = '' WHERE id = %s", org);
	cl_free(c);
	t_end();
}

/* ------------------------------------------ 4. resend, revoke, link */

static void
test_resend_revoke_link(void)
{
	struct client	*c = NULL, *anon = cl_new("anon");
	char		 tok[44], tok2[44], id[32], link[512], path[128];
	struct snap	 s = { 0 };
	char		*text = NULL;
	const char	*email = addr("rr1");

	t_begin("invitations: copy link shows the mailed link (audited); resend mails a new one and kills the old; revoke kills it (410)");
	REQUIRE((c = signed_in(&V_admin)) != NULL, "sign-in failed");
	users_page(c, NULL);
	REQUIRE(invite_token_of(c, email, "agent", tok), "invite failed: %ld", c->r.status);
	snprintf(id, sizeof(id), "%s", inv_of(&UC, email));
	REQUIRE(id[0], "no invitation row");
	users_page(c, NULL);
	post(c, "/api/settings/users/invitations/link", "invitation", id, "csrf", c->csrf, NULL);
	REQUIRE(c->r.status == 200, "link answered %ld", c->r.status);
	snprintf(link, sizeof(link), "%s", xs(c, "string(/steward/link/@href)"));
	REQUIRE(strstr(link, tok) != NULL, "copied link %s is not the mailed one (%s)", link, tok);
	REQUIRE(audit_count(&UC, "invite.link", email) == 1, "copy link not audited");
	REQUIRE(accept_get(anon, tok) == 200, "the link does not open: %ld", anon->r.status);
	snap_take(&s);
	users_page(c, NULL);
	post(c, "/api/settings/users/invitations/resend", "invitation", id, "csrf", c->csrf, NULL);
	REQUIRE(c->r.status == 303, "resend answered %ld", c->r.status);
	REQUIRE(mail_new(&s, email, &text) == 1 && link_token(text, tok2), "no new mail");
	REQUIRE(strcmp(tok, tok2) != 0, "resend mailed the same token");
	REQUIRE(accept_get(anon, tok) == 404, "the old link answers %ld after resend", anon->r.status);
	REQUIRE(accept_get(anon, tok2) == 200, "the new link answers %ld", anon->r.status);
	REQUIRE(audit_count(&UC, "invite.resend", email) == 1, "resend not audited");
	users_page(c, NULL);
	post(c, "/api/settings/users/invitations/revoke", "invitation", id, "csrf", c->csrf, NULL);
	REQUIRE(c->r.status == 303, "revoke answered %ld", c->r.status);
	REQUIRE(accept_get(anon, tok2) == 410, "a revoked link answers %ld", anon->r.status);
	REQUIRE(strcmp(xs(anon, "string(/steward/invitation/@state)"), "revoked") == 0, "state not revoked");
	get(anon, "/invitations/accept?token=x");
	REQUIRE(anon->r.status == 404 && body_has(anon, "not valid"), "HTML dead link: %ld", anon->r.status);
	snprintf(path, sizeof(path), "/invitations/accept?token=%s", tok2);
	get(anon, path);
	REQUIRE(anon->r.status == 410 && body_has(anon, "withdrawn"), "HTML revoked link: %ld", anon->r.status);
	users_page(c, NULL);
	post(c, "/api/settings/users/invitations/revoke", "invitation", id, "csrf", c->csrf, NULL);
	REQUIRE(c->r.status == 404, "revoking twice answered %ld", c->r.status);
	REQUIRE(audit_count(&UC, "invite.revoke", email) == 1, "revoke not audited once");
done:
	free(text);
	snap_free(&s);
	cl_free(c);
	cl_free(anon);
	t_end();
}

static void
test_invitation_actions_bad(void)
{
	static const char *paths[] = {
		"/settings/users/invitations/resend", "/settings/users/invitations/revoke",
		"/settings/users/invitations/link",
	};
	static const struct {
		const char	*name, *id;
		long		 status;
	} ids[] = {
		{ "missing id", NULL, 422 }, { "empty id", "", 422 }, { "id abc", "abc", 422 },
		{ "id -1", "-1", 422 }, { "id 0", "0", 422 }, { "20-digit id", "99999999999999999999", 422 },
		{ "unknown id", "999999999", 404 }, { "another account's invitation", "@FOREIGN", 404 },
		{ "an accepted invitation", "@USED", 404 },
	};
	struct client	*c = NULL, *w = NULL;
	char		 name[200], foreign[32], before[256], tok[44];
	size_t		 i, j;

	t_begin("invitations: fixtures (an invitation in account D, an accepted one in C)");
	c = signed_in(&V_admin);
	w = signed_in(&W_admin);
	if (c && w) {
		users_page(w, NULL);
		ck(invite_token_of(w, addr("foreign1"), "member", tok), "invite in D failed");
		snprintf(foreign, sizeof(foreign), "%s", inv_of(&UD, addr("foreign1")));
	}
	t_end();
	if (!c || !w)
		goto out;
	for (i = 0; i < sizeof(paths) / sizeof(paths[0]); i++)
		for (j = 0; j < sizeof(ids) / sizeof(ids[0]); j++) {
			snprintf(name, sizeof(name), "invitations: POST %s with %s -> %ld, nothing changed",
			    paths[i], ids[j].name, ids[j].status);
			t_begin(name);
			snprintf(before, sizeof(before), "%s", sq("SELECT CONCAT(token_hash, expires_at,"
			    " COALESCE(revoked_at, '-')) FROM invitation WHERE id = %s", foreign));
			users_page(c, NULL);
			snprintf(tok, sizeof(tok), "%s", sq("SELECT MIN(id) FROM invitation WHERE"
			    " accepted_at IS NOT NULL AND account_id = (SELECT id FROM account WHERE"
			    " public_id = '%s')", UC.id));
			if (ids[j].id == NULL)
				post(c, paths[i], "csrf", c->csrf, NULL);
			else
				post(c, paths[i], "invitation", strcmp(ids[j].id, "@FOREIGN") == 0 ?
				    foreign : strcmp(ids[j].id, "@USED") == 0 ? (tok[0] ? tok : "1") :
				    ids[j].id, "csrf", c->csrf, NULL);
			ck(c->r.status == ids[j].status, "answered %ld", c->r.status);
			ck(strcmp(before, sq("SELECT CONCAT(token_hash, expires_at, COALESCE(revoked_at,"
			    " '-')) FROM invitation WHERE id = %s", foreign)) == 0,
			    "the foreign invitation changed");
			ck(!body_has(c, addr("foreign1")), "the foreign address is shown");
			t_end();
		}
out:
	cl_free(c);
	cl_free(w);
}

static void
test_invitation_expired(void)
{
	struct client	*c = NULL, *anon = cl_new("anon");
	char		 tok[44], id[32];
	const char	*email = addr("exp1");

	t_begin("invitations: an expired invitation (expiry moved back in the database) -> 410 page, listed as expired, "
	    "copy link refused (422), resend revives it");
	REQUIRE((c = signed_in(&V_admin)) != NULL, "sign-in failed");
	users_page(c, NULL);
	REQUIRE(invite_token_of(c, email, "member", tok), "invite failed");
	snprintf(id, sizeof(id), "%s", inv_of(&UC, email));
	sq("UPDATE invitation SET expires_at = UTC_TIMESTAMP(6) - INTERVAL 1 SECOND WHERE id = %s", id);
	REQUIRE(accept_get(anon, tok) == 410, "answered %ld", anon->r.status);
	REQUIRE(strcmp(xs(anon, "string(/steward/invitation/@state)"), "expired") == 0, "state %s",
	    xs(anon, "string(/steward/invitation/@state)"));
	REQUIRE(xpath_count(anon->r.doc, "/steward/invitation/@token") == 0, "a dead page repeats the token");
	get(anon, "/invitations/accept?token=x");
	REQUIRE(users_page(c, "?status=expired") == 200, "list: %ld", c->r.status);
	REQUIRE(xpath_count(c->r.doc, "/steward/users/invitation[@status='expired']") >= 1, "not listed as expired");
	post(c, "/api/settings/users/invitations/link", "invitation", id, "csrf", c->csrf, NULL);
	REQUIRE(c->r.status == 422, "copy link of an expired one answered %ld", c->r.status);
	REQUIRE(xpath_count(c->r.doc, "/steward/link") == 0, "a link was shown");
	users_page(c, NULL);
	post(c, "/api/settings/users/invitations/resend", "invitation", id, "csrf", c->csrf, NULL);
	REQUIRE(c->r.status == 303, "resend answered %ld", c->r.status);
	REQUIRE(atoi(sq("SELECT expires_at > UTC_TIMESTAMP(6) + INTERVAL 6 DAY FROM invitation WHERE id = %s", id)) == 1,
	    "resend did not give 7 more days");
done:
	cl_free(c);
	cl_free(anon);
	t_end();
}

/* ------------------------------------------------------- 5. accept */

static void
test_accept_new(void)
{
	static const struct {
		const char	*name, *pname, *pw;
		long		 status;
		const char	*field;
	} bad[] = {
		{ "empty name", "", "Long enough password 1", 422, "name" },
		{ "spaces-only name", "   ", "Long enough password 1", 422, "name" },
		{ "101-character name", "@LONG", "Long enough password 1", 422, "name" },
		{ "name with a bidi override", "Eve \xe2\x80\xae", "Long enough password 1", 422, "name" },
		{ "empty password", "Nia New", "", 422, "password" },
		{ "11-character password", "Nia New", "short pass1", 422, "password" },
		{ "password containing the email name", "Nia New", "@EMAILPW", 422, "password" },
		{ "257-character password", "Nia New", "@LONGPW", 422, "password" },
	};
	struct client	*c = NULL, *anon = cl_new("anon"), *again = cl_new("again");
	char		 tok[44], name[200], pw[400], *big;
	const char	*email = addr("new1");
	size_t		 i;

	t_begin("accept: fixture invitation for a new person");
	if ((c = signed_in(&V_admin)) != NULL) {
		users_page(c, NULL);
		ck(invite_token_of(c, email, "creator", tok), "invite failed: %ld", c->r.status);
	}
	if (!t_end())
		goto out;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(name, sizeof(name), "accept: new person, %s -> %ld naming %s, no login made, name kept, password never echoed",
		    bad[i].name, bad[i].status, bad[i].field);
		t_begin(name);
		ck(accept_get(anon, tok) == 200, "GET answered %ld", anon->r.status);
		ck(strcmp(xs(anon, "string(/steward/invitation/@mode)"), "new") == 0, "mode %s",
		    xs(anon, "string(/steward/invitation/@mode)"));
		big = strcmp(bad[i].pname, "@LONG") == 0 ? repeat('n', 101) : xstrdup(bad[i].pname);
		if (strcmp(bad[i].pw, "@EMAILPW") == 0)
			snprintf(pw, sizeof(pw), "My itest-%s-new1 password", g_tag);
		else if (strcmp(bad[i].pw, "@LONGPW") == 0) {
			memset(pw, 'p', 257);
			pw[257] = '\0';
		} else
			snprintf(pw, sizeof(pw), "%s", bad[i].pw);
		post(anon, "/api/invitations/accept", "token", tok, "csrf", anon->csrf, "name", big,
		    "password", pw, NULL);
		ck(anon->r.status == bad[i].status, "answered %ld", anon->r.status);
		snprintf(name, sizeof(name), "/steward/errors/error[@field='%s']", bad[i].field);
		ck(xpath_count(anon->r.doc, name) == 1, "no error naming %s", bad[i].field);
		ck(pw[0] == '\0' || !body_has(anon, pw), "the password is echoed");
		ck(!uid_of(email)[0], "a login was made");
		ck(!sets_cookie(anon, "stw_session"), "a session was started");
		if (bad[i].pname[0] != '@' && bad[i].pname[0] != '\0' && strcmp(bad[i].field, "password") == 0)
			ck(strcmp(xs(anon, "string(/steward/invitation/@name)"), bad[i].pname) == 0,
			    "the name is not kept");
		free(big);
		t_end();
	}
	t_begin("accept: POST without csrf, or with another browser's -> 403, no login");
	accept_get(anon, tok);
	post(anon, "/api/invitations/accept", "token", tok, "name", "Nia New", "password",
	    "Long enough password 1", NULL);
	ck(anon->r.status == 403, "without csrf: %ld", anon->r.status);
	accept_get(again, tok);
	post(anon, "/api/invitations/accept", "token", tok, "csrf", again->csrf, "name", "Nia New",
	    "password", "Long enough password 1", NULL);
	ck(anon->r.status == 403, "another browser's csrf: %ld", anon->r.status);
	ck(!uid_of(email)[0], "a login was made");
	t_end();

	t_begin("accept: new person with name and a good password -> 303 /settings, signed in with the invited role, link dead (410), audited");
	accept_get(anon, tok);
	post(anon, "/api/invitations/accept", "token", tok, "csrf", anon->csrf, "name",
	    "Nia Zo\xc3\xab New", "password", "Long enough password 1", NULL);
	REQUIRE(anon->r.status == 303, "answered %ld (%s)", anon->r.status, xs(anon, "string(/steward/errors)"));
	REQUIRE(strcmp(anon->r.location, "/api/settings") == 0, "Location %s", anon->r.location);
	REQUIRE(sets_cookie(anon, "stw_session"), "no session");
	REQUIRE(load_settings(anon) == 200, "settings: %ld", anon->r.status);
	REQUIRE(strcmp(xs(anon, "string(/steward/me/@email)"), email) == 0 &&
	    strcmp(xs(anon, "string(/steward/me/@role)"), "creator") == 0 &&
	    strcmp(xs(anon, "string(/steward/account/@id)"), UC.id) == 0,
	    "signed in as %s (%s) in %s", xs(anon, "string(/steward/me/@email)"),
	    xs(anon, "string(/steward/me/@role)"), xs(anon, "string(/steward/account/@id)"));
	REQUIRE(strcmp(role_of(&UC, email), "3") == 0, "membership role %s", role_of(&UC, email));
	REQUIRE(audit_count(&UC, "invite.accept", email) == 1, "not audited");
	REQUIRE(accept_get(again, tok) == 410 &&
	    strcmp(xs(again, "string(/steward/invitation/@state)"), "used") == 0,
	    "the used link answers %ld", again->r.status);
	cl_free(again);
	again = cl_new("again");
	REQUIRE(signin(again, email, "Long enough password 1") == 303, "the new login cannot sign in");
done:
	t_end();
out:
	cl_free(c);
	cl_free(anon);
	cl_free(again);
}

static void
test_accept_existing(void)
{
	struct client	*c = NULL, *anon = cl_new("anon"), *other = NULL;
	char		 tok[44], wrong[128];

	t_begin("accept: an existing login (Admin of D) invited to C: wrong password 422 and nothing; right password joins "
	    "as member; the switcher lists both accounts");
	REQUIRE((c = signed_in(&V_admin)) != NULL, "sign-in failed");
	users_page(c, NULL);
	REQUIRE(invite_token_of(c, W_admin.email, "member", tok), "invite failed: %ld", c->r.status);
	REQUIRE(accept_get(anon, tok) == 200, "GET: %ld", anon->r.status);
	REQUIRE(strcmp(xs(anon, "string(/steward/invitation/@mode)"), "existing") == 0, "mode %s",
	    xs(anon, "string(/steward/invitation/@mode)"));
	snprintf(wrong, sizeof(wrong), "%sx", W_admin.password);
	post(anon, "/api/invitations/accept", "token", tok, "csrf", anon->csrf, "password", wrong, NULL);
	REQUIRE(anon->r.status == 422, "wrong password answered %ld", anon->r.status);
	REQUIRE(!role_of(&UC, W_admin.email)[0], "joined with a wrong password");
	REQUIRE(!sets_cookie(anon, "stw_session"), "a session with a wrong password");
	unlock(W_admin.email);
	post(anon, "/api/invitations/accept", "token", tok, "csrf", anon->csrf, "password",
	    W_admin.password, NULL);
	REQUIRE(anon->r.status == 303, "right password answered %ld (%s)", anon->r.status,
	    xs(anon, "string(/steward/errors)"));
	REQUIRE(strcmp(role_of(&UC, W_admin.email), "2") == 0, "role in C: %s", role_of(&UC, W_admin.email));
	REQUIRE(strcmp(role_of(&UD, W_admin.email), "4") == 0, "role in D changed: %s", role_of(&UD, W_admin.email));
	REQUIRE(load_settings(anon) == 200, "settings: %ld", anon->r.status);
	REQUIRE(xpath_count(anon->r.doc, "/steward/accounts/account") == 2, "the switcher lists %d accounts",
	    xpath_count(anon->r.doc, "/steward/accounts/account"));
	REQUIRE(strcmp(xs(anon, "string(/steward/account/@id)"), UC.id) == 0 &&
	    strcmp(xs(anon, "string(/steward/me/@role)"), "member") == 0, "not in C as member");
	/* the role in each account is its own */
	post(anon, "/api/settings/account", "account", UD.id, "csrf", anon->csrf, NULL);
	REQUIRE(anon->r.status == 303, "switch answered %ld", anon->r.status);
	REQUIRE(load_settings(anon) == 200 && strcmp(xs(anon, "string(/steward/me/@role)"), "admin") == 0,
	    "in D the role is %s", xs(anon, "string(/steward/me/@role)"));
	REQUIRE(users_page(anon, NULL) == 200, "D's users page: %ld", anon->r.status);
	REQUIRE(!body_has(anon, V_member.email), "D's users page lists a member of C");
done:
	unlock(W_admin.email);
	cl_free(c);
	cl_free(anon);
	cl_free(other);
	t_end();
}

static void
test_accept_signed_in(void)
{
	struct client	*c = NULL, *me = NULL, *other = NULL;
	char		 tok[44];

	t_begin("accept: signed in as the invitee -> one Join button, 303 into the account; signed in as someone else -> 403, nothing");
	REQUIRE((c = signed_in(&W_admin)) != NULL, "sign-in failed");
	users_page(c, NULL);
	REQUIRE(invite_token_of(c, W_member.email, "agent", tok) == 0 ||
	    c->r.status == 422, "W_member is a member of D already: %ld", c->r.status);
	REQUIRE((me = signed_in(&V_member)) != NULL, "sign-in failed");
	REQUIRE(invite_token_of(c, V_member.email, "creator", tok), "invite of C's member into D failed: %ld",
	    c->r.status);
	REQUIRE((other = signed_in(&V_agent)) != NULL, "sign-in failed");
	REQUIRE(accept_get(other, tok) == 200 &&
	    strcmp(xs(other, "string(/steward/invitation/@mode)"), "other") == 0, "other: mode %s",
	    xs(other, "string(/steward/invitation/@mode)"));
	post(other, "/api/invitations/accept", "token", tok, "csrf", other->csrf, NULL);
	REQUIRE(other->r.status == 403, "someone else answered %ld", other->r.status);
	REQUIRE(!role_of(&UD, V_agent.email)[0] && !role_of(&UD, V_member.email)[0], "someone joined");
	REQUIRE(accept_get(me, tok) == 200 &&
	    strcmp(xs(me, "string(/steward/invitation/@mode)"), "join") == 0, "mode %s",
	    xs(me, "string(/steward/invitation/@mode)"));
	post(me, "/api/invitations/accept", "token", tok, "csrf", me->csrf, NULL);
	REQUIRE(me->r.status == 303, "join answered %ld", me->r.status);
	REQUIRE(strcmp(role_of(&UD, V_member.email), "3") == 0, "role in D: %s", role_of(&UD, V_member.email));
	REQUIRE(load_settings(me) == 200 && strcmp(xs(me, "string(/steward/account/@id)"), UD.id) == 0,
	    "after joining the session is in %s", xs(me, "string(/steward/account/@id)"));
done:
	cl_free(c);
	cl_free(me);
	cl_free(other);
	t_end();
}

static void
test_accept_bad_tokens(void)
{
	static const char *toks[] = {
		"", "x", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
		"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA!", "%3Cscript%3E",
		"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
	};
	struct client	*c = cl_new("anon");
	char		 path[256], name[200];
	size_t		 i;

	for (i = 0; i < sizeof(toks) / sizeof(toks[0]); i++) {
		snprintf(name, sizeof(name), "accept: token \"%.20s\" -> 404 page (GET and POST), never 500", toks[i]);
		t_begin(name);
		snprintf(path, sizeof(path), "/api/invitations/accept?token=%s", toks[i]);
		get(c, path);
		ck(c->r.status == 404 && strcmp(xs(c, "string(/steward/invitation/@state)"), "invalid") == 0,
		    "GET answered %ld", c->r.status);
		xpath_str(c->r.doc, "/steward/csrf", c->csrf, sizeof(c->csrf));
		post(c, "/api/invitations/accept", "token", toks[i], "csrf", c->csrf, "name", "X",
		    "password", "Long enough password 1", NULL);
		ck(c->r.status == 404, "POST answered %ld", c->r.status);
		get(c, path + 4);
		ck(c->r.status == 404 && strncmp(c->r.ctype, "text/html", 9) == 0 &&
		    !body_has(c, "<script>"), "HTML answered %ld %s", c->r.status, c->r.ctype);
		t_end();
	}
	t_begin("accept: no token at all -> 404; invalid UTF-8 in the token -> 400");
	ck(get(c, "/api/invitations/accept") == 404, "no token: %ld", c->r.status);
	ck(get(c, "/api/invitations/accept?token=%C3%28") == 400, "bad UTF-8: %ld", c->r.status);
	t_end();
	cl_free(c);
}

/* --------------------------------------------- 6. roles and removal */

/* POST path with user=id as c; returns the status. */
static long
post_user(struct client *c, const char *path, const char *id, const char *role)
{
	users_page(c, NULL);
	if (c->r.status != 200)
		load_settings(c);
	if (role != NULL)
		return post(c, path, "user", id, "role", role, "csrf", c->csrf, NULL);
	return post(c, path, "user", id, "csrf", c->csrf, NULL);
}

static void
test_role_change(void)
{
	struct client	*c = NULL, *v = NULL;
	char		 id[32];

	t_begin("roles: Admin makes a Member a Creator -> 303 + flash, stored, audited; the member's next page shows the new role");
	REQUIRE((c = signed_in(&V_admin)) != NULL, "sign-in failed");
	REQUIRE((v = signed_in(&V_victim)) != NULL, "victim sign-in failed");
	snprintf(id, sizeof(id), "%s", uid_of(V_victim.email));
	REQUIRE(post_user(c, "/api/settings/users/role", id, "creator") == 303, "answered %ld", c->r.status);
	REQUIRE(strcmp(role_of(&UC, V_victim.email), "3") == 0, "role is %s", role_of(&UC, V_victim.email));
	REQUIRE(audit_count(&UC, "member.role", V_victim.email) == 1, "not audited");
	REQUIRE(users_page(c, NULL) == 200 && strstr(xs(c, "string(/steward/flash)"), "Creator"),
	    "flash \"%s\"", xs(c, "string(/steward/flash)"));
	REQUIRE(load_settings(v) == 200 && strcmp(xs(v, "string(/steward/me/@role)"), "creator") == 0,
	    "the member still sees role %s", xs(v, "string(/steward/me/@role)"));
	REQUIRE(post_user(c, "/api/settings/users/role", id, "member") == 303, "back: %ld", c->r.status);
	REQUIRE(strcmp(role_of(&UC, V_victim.email), "2") == 0, "role is %s", role_of(&UC, V_victim.email));
done:
	cl_free(c);
	cl_free(v);
	t_end();
}

static void
test_role_change_bad(void)
{
	static const struct {
		const char	*name, *user, *role;
		long		 status;
		const char	*field;
	} rows[] = {
		{ "unknown role owner", "@VICTIM", "owner", 422, "role" },
		{ "role Admin (wrong case)", "@VICTIM", "Admin", 422, "role" },
		{ "empty role", "@VICTIM", "", 422, "role" },
		{ "missing role", "@VICTIM", NULL, 422, "role" },
		{ "user abc", "abc", "creator", 422, "user" },
		{ "user 0", "0", "creator", 422, "user" },
		{ "user -5", "-5", "creator", 422, "user" },
		{ "user 1e3", "1e3", "creator", 422, "user" },
		{ "empty user", "", "creator", 422, "user" },
		{ "unknown user", "999999999", "creator", 404, NULL },
		{ "a member of another account", "@FOREIGN", "creator", 404, NULL },
		{ "role with %00", "@VICTIM", "@RAW%00", 400, NULL },
		{ "role with invalid UTF-8", "@VICTIM", "@RAW%FF", 400, NULL },
	};
	struct client	*c = NULL;
	char		 name[200], victim[32], foreign[32], body[512];
	const char	*uid;
	size_t		 i;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		snprintf(name, sizeof(name), "roles: change with %s -> %ld%s%s, nothing changed",
		    rows[i].name, rows[i].status, rows[i].field ? " naming " : "",
		    rows[i].field ? rows[i].field : "");
		t_begin(name);
		if (c == NULL)
			REQUIRE((c = signed_in(&V_admin)) != NULL, "sign-in failed");
		snprintf(victim, sizeof(victim), "%s", uid_of(V_victim.email));
		snprintf(foreign, sizeof(foreign), "%s", uid_of(W_member.email));
		uid = strcmp(rows[i].user, "@VICTIM") == 0 ? victim :
		    strcmp(rows[i].user, "@FOREIGN") == 0 ? foreign : rows[i].user;
		users_page(c, NULL);
		if (rows[i].role != NULL && strncmp(rows[i].role, "@RAW", 4) == 0) {
			snprintf(body, sizeof(body), "user=%s&role=%s&csrf=%s", uid, rows[i].role + 4, c->csrf);
			post_raw(c, "/api/settings/users/role", body, NULL);
		} else if (rows[i].role == NULL)
			post(c, "/api/settings/users/role", "user", uid, "csrf", c->csrf, NULL);
		else
			post(c, "/api/settings/users/role", "user", uid, "role", rows[i].role, "csrf",
			    c->csrf, NULL);
		ck(c->r.status == rows[i].status, "answered %ld", c->r.status);
		if (rows[i].field) {
			snprintf(body, sizeof(body), "/steward/errors/error[@field='%s']", rows[i].field);
			ck(xpath_count(c->r.doc, body) == 1, "no error naming %s", rows[i].field);
		}
		ck(strcmp(role_of(&UC, V_victim.email), "2") == 0, "the victim's role is now %s",
		    role_of(&UC, V_victim.email));
		ck(strcmp(role_of(&UD, W_member.email), "2") == 0, "the foreign member's role is now %s",
		    role_of(&UD, W_member.email));
		ck(!role_of(&UC, W_member.email)[0], "the foreign member joined C");
done:
		t_end();
	}
	cl_free(c);
}

static void
test_last_admin(void)
{
	struct client	*a = NULL, *b = NULL;
	char		 ida[32], idb[32];

	t_begin("roles: the last Admin cannot be demoted (422) or removed; with two Admins one may demote the other; "
	    "an Admin who demotes themselves gets a new session token");
	REQUIRE((a = signed_in(&V_admin)) != NULL, "sign-in failed");
	REQUIRE((b = signed_in(&V_admin2)) != NULL, "sign-in failed");
	snprintf(ida, sizeof(ida), "%s", uid_of(V_admin.email));
	snprintf(idb, sizeof(idb), "%s", uid_of(V_admin2.email));
	REQUIRE(post_user(b, "/api/settings/users/role", idb, "creator") == 303, "self-demotion answered %ld",
	    b->r.status);
	REQUIRE(sets_cookie(b, "stw_session"), "no new session token after the own role changed");
	REQUIRE(strcmp(role_of(&UC, V_admin2.email), "3") == 0, "role %s", role_of(&UC, V_admin2.email));
	REQUIRE(strcmp(b->r.location, "/api/settings/users") == 0, "Location %s", b->r.location);
	REQUIRE(users_page(b, NULL) == 200 && strcmp(xs(b, "string(/steward/me/@role)"), "creator") == 0,
	    "still %s", xs(b, "string(/steward/me/@role)"));
	REQUIRE(users_page(a, NULL) == 200 && strcmp(xs(a, "string(/steward/users/@admins)"), "1") == 0,
	    "admins=%s", xs(a, "string(/steward/users/@admins)"));
	REQUIRE(post_user(a, "/api/settings/users/role", ida, "member") == 422, "last Admin demoted: %ld",
	    a->r.status);
	REQUIRE(strstr(xs(a, "string(/steward/errors/error)"), "last Admin") != NULL, "error \"%s\"",
	    xs(a, "string(/steward/errors/error)"));
	REQUIRE(strcmp(role_of(&UC, V_admin.email), "4") == 0, "the last Admin's role is %s",
	    role_of(&UC, V_admin.email));
	REQUIRE(post_user(a, "/api/settings/users/remove", ida, NULL) == 422, "self-removal: %ld", a->r.status);
	REQUIRE(strcmp(role_of(&UC, V_admin.email), "4") == 0, "the last Admin was removed");
	REQUIRE(post_user(a, "/api/settings/users/role", idb, "admin") == 303, "promotion: %ld", a->r.status);
	REQUIRE(strcmp(role_of(&UC, V_admin2.email), "4") == 0, "role %s", role_of(&UC, V_admin2.email));
	cl_free(b);
	REQUIRE((b = signed_in(&V_admin2)) != NULL, "sign-in failed");
	REQUIRE(post_user(b, "/api/settings/users/role", ida, "creator") == 303, "demoting the other Admin: %ld",
	    b->r.status);
	REQUIRE(post_user(b, "/api/settings/users/role", ida, "admin") == 303, "and back: %ld", b->r.status);
done:
	cl_free(a);
	cl_free(b);
	t_end();
}

static void
test_remove(void)
{
	struct client	*c = NULL, *v = NULL, *v2 = NULL;
	char		 id[32], foreign[32], before[64];
	struct user	 gone = { .role = "agent" };

	t_begin("remove: a removed member's sessions in the account end at once (401), membership and sessions gone, audited; "
	    "another account's member -> 404, nothing");
	REQUIRE(make_user(&gone, "ugone", &UC) == 0, "fixture failed");
	REQUIRE((c = signed_in(&V_admin)) != NULL, "sign-in failed");
	REQUIRE((v = signed_in(&gone)) != NULL && (v2 = signed_in(&gone)) != NULL, "sign-in failed");
	snprintf(id, sizeof(id), "%s", uid_of(gone.email));
	REQUIRE(atoi(sq("SELECT COUNT(*) FROM session WHERE user_id = %s", id)) == 2, "not two sessions");
	snprintf(foreign, sizeof(foreign), "%s", uid_of(W_member.email));
	snprintf(before, sizeof(before), "%s", sq("SELECT COUNT(*) FROM membership WHERE user_id = %s", foreign));
	REQUIRE(post_user(c, "/api/settings/users/remove", foreign, NULL) == 404, "foreign id: %ld", c->r.status);
	REQUIRE(strcmp(before, sq("SELECT COUNT(*) FROM membership WHERE user_id = %s", foreign)) == 0,
	    "the foreign membership changed");
	REQUIRE(post_user(c, "/api/settings/users/remove", "abc", NULL) == 422, "id abc: %ld", c->r.status);
	REQUIRE(post_user(c, "/api/settings/users/remove", id, NULL) == 303, "answered %ld", c->r.status);
	REQUIRE(!role_of(&UC, gone.email)[0], "still a member");
	REQUIRE(atoi(sq("SELECT COUNT(*) FROM session WHERE user_id = %s", id)) == 0, "sessions left");
	REQUIRE(get(v, "/api/settings") == 401 && get(v2, "/api/settings") == 401,
	    "the removed member's sessions still work (%ld)", v->r.status);
	REQUIRE(audit_count(&UC, "member.remove", gone.email) == 1, "not audited");
	REQUIRE(post_user(c, "/api/settings/users/remove", id, NULL) == 404, "removing twice: %ld", c->r.status);
	REQUIRE(signin(v, gone.email, gone.password) == 422, "the removed member still signs in (%ld)", v->r.status);
done:
	cl_free(c);
	cl_free(v);
	cl_free(v2);
	t_end();
}

/* Every cell of DESIGN §4 for the actions of this part: refused roles
 * get 403 and nothing changes. */
static void
test_role_cells(void)
{
	static const struct {
		const char	*path;
		const char	*field;		/* user or invitation */
		const char	*who;		/* admin creator member agent: y/n */
	} acts[] = {
		{ "/settings/users/role", "user", "ynnn" },
		{ "/settings/users/remove", "user", "ynnn" },
		{ "/settings/users/invitations/revoke", "invitation", "ynnn" },
		{ "/settings/users/invitations/resend", "invitation", "yynn" },
		{ "/settings/users/invitations/link", "invitation", "yynn" },
		{ "/settings/users/invite", "emails", "yynn" },
	};
	static const struct {
		const char	*path;
		const char	*who;
	} gets[] = {
		{ "/settings/users", "yynn" }, { "/settings/users.csv", "yynn" },
		{ "/settings/audit-log", "ynnn" }, { "/settings/audit-log.csv", "ynnn" },
	};
	struct client	*c[4] = { NULL }, *adm = NULL;
	char		 name[300], inv[32], victim[32], tok[44], before[512], path[256];
	size_t		 i, k;
	const char	*state = "SELECT CONCAT(COALESCE(GROUP_CONCAT(m.role ORDER BY m.user_id), ''), '|',"
	    " (SELECT CONCAT(HEX(token_hash), expires_at, COALESCE(revoked_at, '-')) FROM invitation"
	    " WHERE id = %s), '|', (SELECT COUNT(*) FROM invitation WHERE account_id = m.account_id))"
	    " FROM membership m WHERE m.account_id = (SELECT id FROM account WHERE public_id = '%s')";

	t_begin("role table: fixtures (an invitation as member, one client per role)");
	adm = signed_in(&V_admin);
	for (k = 0; k < 4; k++)
		c[k] = signed_in(V_roles[k]);
	if (adm != NULL) {
		users_page(adm, NULL);
		ck(invite_token_of(adm, addr("cell1"), "member", tok), "invite failed");
	}
	snprintf(inv, sizeof(inv), "%s", inv_of(&UC, addr("cell1")));
	snprintf(victim, sizeof(victim), "%s", uid_of(V_victim.email));
	if (!t_end() || !c[0] || !c[1] || !c[2] || !c[3])
		goto out;
	for (i = 0; i < sizeof(acts) / sizeof(acts[0]); i++)
		for (k = 1; k < 4; k++) {
			if (acts[i].who[k] == 'y')
				continue;
			snprintf(name, sizeof(name), "role table: %s POST %s -> 403 (HTML and /api), nothing changed, no mail",
			    V_roles[k]->role, acts[i].path);
			t_begin(name);
			snprintf(before, sizeof(before), "%s", sq(state, inv, UC.id));
			for (int html = 0; html < 2; html++) {
				struct snap s;

				load_settings(c[k]);
				snprintf(path, sizeof(path), "%s%s", html ? "" : "/api", acts[i].path);
				snap_take(&s);
				post(c[k], path, acts[i].field, strcmp(acts[i].field, "user") == 0 ? victim :
				    strcmp(acts[i].field, "emails") == 0 ? addr("cellnew") : inv,
				    "role", "agent", "csrf", c[k]->csrf, NULL);
				ck(c[k]->r.status == 403, "%s answered %ld", path, c[k]->r.status);
				ck(mail_new(&s, g_tag, NULL) == 0, "a mail was sent");
				snap_free(&s);
			}
			ck(strcmp(before, sq(state, inv, UC.id)) == 0, "state changed: %s -> %s", before,
			    sq(state, inv, UC.id));
			t_end();
		}
	for (i = 0; i < sizeof(gets) / sizeof(gets[0]); i++)
		for (k = 0; k < 4; k++) {
			snprintf(name, sizeof(name), "role table: %s GET %s -> %s", V_roles[k]->role,
			    gets[i].path, gets[i].who[k] == 'y' ? "200" : "403");
			t_begin(name);
			snprintf(path, sizeof(path), "/api%s", gets[i].path);
			get(c[k], path);
			ck(c[k]->r.status == (gets[i].who[k] == 'y' ? 200 : 403), "answered %ld", c[k]->r.status);
			t_end();
		}
	t_begin("role table: a Creator cannot resend or copy the link of an Admin invitation (403), and sees them not grantable");
	if (adm != NULL) {
		users_page(adm, NULL);
		ck(invite_token_of(adm, addr("celladm"), "admin", tok), "admin invite failed");
		snprintf(inv, sizeof(inv), "%s", inv_of(&UC, addr("celladm")));
		snprintf(before, sizeof(before), "%s", sq("SELECT HEX(token_hash) FROM invitation WHERE id = %s", inv));
		users_page(c[1], NULL);
		snprintf(path, sizeof(path), "/steward/users/invitation[@id='%s']/@grantable", inv);
		ck(strcmp(xs(c[1], path), "no") == 0, "grantable=\"%s\" for a Creator", xs(c[1], path));
		post(c[1], "/api/settings/users/invitations/resend", "invitation", inv, "csrf", c[1]->csrf, NULL);
		ck(c[1]->r.status == 403, "resend answered %ld", c[1]->r.status);
		users_page(c[1], NULL);
		post(c[1], "/api/settings/users/invitations/link", "invitation", inv, "csrf", c[1]->csrf, NULL);
		ck(c[1]->r.status == 403 && !body_has(c[1], "token="), "link answered %ld", c[1]->r.status);
		ck(strcmp(before, sq("SELECT HEX(token_hash) FROM invitation WHERE id = %s", inv)) == 0,
		    "the token changed");
	}
	t_end();
out:
	for (k = 0; k < 4; k++)
		cl_free(c[k]);
	cl_free(adm);
}

static void
test_users_csrf(void)
{
	static const char *paths[] = {
		"/api/settings/users/role", "/api/settings/users/remove",
		"/api/settings/users/invitations/revoke", "/api/settings/users/invitations/resend",
		"/api/settings/users/invitations/link", "/api/settings/users/invite",
	};
	struct client	*c = NULL, *other = NULL;
	char		 name[200], victim[32], inv[32], tok[44], before[256];
	size_t		 i;
	int		 m;

	t_begin("csrf (users): fixtures");
	c = signed_in(&V_admin);
	other = signed_in(&V_admin2);
	if (c) {
		users_page(c, NULL);
		ck(invite_token_of(c, addr("csrf1"), "member", tok), "invite failed");
	}
	snprintf(inv, sizeof(inv), "%s", inv_of(&UC, addr("csrf1")));
	snprintf(victim, sizeof(victim), "%s", uid_of(V_victim.email));
	if (!t_end() || !c || !other)
		goto out;
	for (i = 0; i < sizeof(paths) / sizeof(paths[0]); i++)
		for (m = 0; m < 3; m++) {
			snprintf(name, sizeof(name), "csrf (users): POST %s %s -> 403, nothing changed", paths[i],
			    m == 0 ? "without csrf" : m == 1 ? "with a wrong csrf" : "with another session's csrf");
			t_begin(name);
			snprintf(before, sizeof(before), "%s|%s", role_of(&UC, V_victim.email),
			    sq("SELECT CONCAT(HEX(token_hash), COALESCE(revoked_at, '-')) FROM invitation WHERE id = %s", inv));
			users_page(other, NULL);
			if (m == 0)
				post(c, paths[i], "user", victim, "invitation", inv, "role", "agent",
				    "emails", addr("csrfnew"), NULL);
			else
				post(c, paths[i], "user", victim, "invitation", inv, "role", "agent",
				    "emails", addr("csrfnew"), "csrf", m == 1 ?
				    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" : other->csrf, NULL);
			ck(c->r.status == 403, "answered %ld", c->r.status);
			snprintf(name, sizeof(name), "%s|%s", role_of(&UC, V_victim.email),
			    sq("SELECT CONCAT(HEX(token_hash), COALESCE(revoked_at, '-')) FROM invitation WHERE id = %s", inv));
			ck(strcmp(before, name) == 0, "state changed: %s -> %s", before, name);
			ck(!inv_of(&UC, addr("csrfnew"))[0], "an invitation was made");
			t_end();
		}
out:
	cl_free(c);
	cl_free(other);
}

/* ------------------------------------------------------------ 7. CSV */

struct hdrs {
	struct buf	 b;
};

static size_t
on_hdr_all(char *p, size_t sz, size_t n, void *arg)
{
	buf_add(&((struct hdrs *)arg)->b, p, sz * n);
	return sz * n;
}

/* GET path with c's cookies; every header into h, the body into body. */
static long
get_raw(struct client *c, const char *path, struct hdrs *h, struct buf *body)
{
	char	 url[4096];
	long	 st = 0;

	snprintf(url, sizeof(url), "%s%s", g_url, path);
	curl_easy_setopt(c->h, CURLOPT_URL, url);
	curl_easy_setopt(c->h, CURLOPT_HTTPGET, 1L);
	curl_easy_setopt(c->h, CURLOPT_HEADERFUNCTION, on_hdr_all);
	curl_easy_setopt(c->h, CURLOPT_HEADERDATA, h);
	curl_easy_setopt(c->h, CURLOPT_WRITEDATA, body);
	if (curl_easy_perform(c->h) == CURLE_OK)
		curl_easy_getinfo(c->h, CURLINFO_RESPONSE_CODE, &st);
	curl_easy_setopt(c->h, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(c->h, CURLOPT_HEADERDATA, &c->r);
	curl_easy_setopt(c->h, CURLOPT_WRITEDATA, &c->r.body);
	return st;
}

/*
 * An RFC 4180 parser: the next field of *p into f (unquoted, quotes
 * undoubled); *eol set at the record's end.  Returns 0 at the end, -1 on
 * malformed input (a bare CR or LF, a quote inside an unquoted field).
 */
static int
csv_next(const char **p, struct buf *f, int *eol)
{
	const char	*s = *p;

	buf_clear(f);
	buf_add(f, "", 0);
	*eol = 0;
	if (*s == '\0')
		return 0;
	if (*s == '"') {
		for (s++; ; s++) {
			if (*s == '\0')
				return -1;
			if (*s == '"' && s[1] == '"') {
				buf_add(f, "\"", 1);
				s++;
			} else if (*s == '"') {
				s++;
				break;
			} else
				buf_add(f, s, 1);
		}
	} else
		for (; *s && *s != ',' && *s != '\r' && *s != '\n'; s++) {
			if (*s == '"')
				return -1;
			buf_add(f, s, 1);
		}
	if (*s == ',')
		s++;
	else if (s[0] == '\r' && s[1] == '\n')
		s += 2, *eol = 1;
	else if (*s == '\0')
		*eol = 1;
	else
		return -1;
	*p = s;
	return 1;
}

/* Parses a whole CSV text into rows x cols cells (caller frees each). */
static int
csv_parse(const char *text, char *cells[][9], int maxrows, int cols, int *rows)
{
	struct buf	 f = { 0 };
	const char	*p = text;
	int		 r = 0, col = 0, rc, eol;

	while ((rc = csv_next(&p, &f, &eol)) == 1) {
		if (r >= maxrows || col >= cols) {
			buf_free(&f);
			return -1;
		}
		cells[r][col++] = xstrdup(f.p);
		if (eol) {
			if (col != cols) {
				buf_free(&f);
				return -1;
			}
			r++;
			col = 0;
		}
	}
	buf_free(&f);
	*rows = r;
	return rc == 0 && col == 0 ? 0 : -1;
}

static void
test_users_csv(void)
{
	static char	*cells[200][9];
	struct client	*c = NULL;
	struct hdrs	 h = { { 0 } };
	struct buf	 body = { 0 };
	struct user	 odd = { .role = "agent" };
	char		 out[256];
	int		 rows = 0, i, found = 0, n;

	t_begin("CSV: /settings/users.csv is text/csv, an attachment, RFC 4180 with CRLF, parses back to the list; "
	    "formula-like names neutralised, quotes doubled");
	snprintf(odd.email, sizeof(odd.email), "itest-%s-odd@example.com", g_tag);
	snprintf(odd.password, sizeof(odd.password), "Quiet harbour %s odd one", g_tag);
	REQUIRE(admin_run(odd.password, out, sizeof(out), "user-add", odd.email, "agent", "--account",
	    UC.id, "--name", "=HYPERLINK(\"http://x\",\"y\"), \"Q\"", NULL) == 0, "user-add failed: %s", out);
	REQUIRE((c = signed_in(&V_admin)) != NULL, "sign-in failed");
	REQUIRE(users_page(c, "?status=active") == 200, "page: %ld", c->r.status);
	n = xpath_count(c->r.doc, "/steward/users/member");
	REQUIRE(get_raw(c, "/settings/users.csv?status=active&sort=email", &h, &body) == 200,
	    "GET answered non-200");
	REQUIRE(h.b.p && strcasestr(h.b.p, "Content-Type: text/csv") != NULL, "no text/csv: %s", h.b.p);
	REQUIRE(strcasestr(h.b.p, "Content-Disposition: attachment; filename=\"members.csv\"") != NULL,
	    "no attachment header: %s", h.b.p);
	REQUIRE(strcasestr(h.b.p, "Cache-Control: no-store") != NULL, "no no-store: %s", h.b.p);
	REQUIRE(body.p && strncmp(body.p, "\"Name\",\"Email\"", 14) == 0, "header row: %.80s", body.p);
	REQUIRE(csv_parse(body.p, cells, 200, 9, &rows) == 0, "not RFC 4180 CSV: %.200s", body.p);
	REQUIRE(rows == n + 1, "%d records for %d members", rows, n);
	for (i = 1; i < rows; i++) {
		if (strcmp(cells[i][1], odd.email) == 0) {
			found = 1;
			ck(strcmp(cells[i][0], "'=HYPERLINK(\"http://x\",\"y\"), \"Q\"") == 0,
			    "name cell is %s", cells[i][0]);
			ck(strcmp(cells[i][2], "agent") == 0 && strcmp(cells[i][3], "active") == 0,
			    "role/status %s %s", cells[i][2], cells[i][3]);
			ck(strlen(cells[i][6]) == 25 && cells[i][6][10] == 'T', "member since %s", cells[i][6]);
		}
		ck(strchr(cells[i][1], '@') != NULL, "row %d email %s", i, cells[i][1]);
	}
	REQUIRE(found, "the odd member is not in the CSV");
	REQUIRE(users_page(c, "?status=active&sort=email") == 200, "page: %ld", c->r.status);
	for (i = 1; i < rows; i++) {	/* the same rows in the same order as the list */
		char	 expr[100];

		snprintf(expr, sizeof(expr), "string(/steward/users/member[%d]/@email)", i);
		ck(strcmp(cells[i][1], xs(c, expr)) == 0, "row %d is %s, the list says %s", i,
		    cells[i][1], xs(c, expr));
	}
done:
	for (i = 0; i < rows; i++)
		for (n = 0; n < 9; n++)
			free(cells[i][n]);
	buf_free(&h.b);
	buf_free(&body);
	cl_free(c);
	t_end();

	t_begin("CSV: the /api twin is the XML (page users-csv, schema-valid); a Member gets 403 and no member data");
	c = signed_in(&V_admin);
	if (c) {
		ck(get(c, "/api/settings/users.csv") == 200 &&
		    strcmp(xs(c, "string(/steward/@page)"), "users-csv") == 0, "api: %ld", c->r.status);
		cl_free(c);
	}
	c = signed_in(&V_member);
	if (c) {
		memset(&h, 0, sizeof(h));
		memset(&body, 0, sizeof(body));
		ck(get_raw(c, "/settings/users.csv", &h, &body) == 403, "member: not 403");
		ck(body.p == NULL || strstr(body.p, V_admin.email) == NULL, "the 403 lists members");
		buf_free(&h.b);
		buf_free(&body);
		cl_free(c);
	}
	t_end();
}

/* --------------------------------------------------------- 8. audit */

static void
test_audit_log(void)
{
	struct client	*c = NULL, *f = cl_new("fail");
	char		 today[16], q[256], bad[80];

	t_begin("audit log: newest first with actor, action, target, address, local time; filters by action prefix, actor "
	    "and date; a member's failed sign-in shows; CSV of the filter");
	snprintf(bad, sizeof(bad), "%s-wrong", V_agent.password);
	signin(f, V_agent.email, bad);
	unlock(V_agent.email);
	REQUIRE((c = signed_in(&V_admin)) != NULL, "sign-in failed");
	REQUIRE(get(c, "/api/settings/audit-log") == 200, "answered %ld", c->r.status);
	REQUIRE(xpath_count(c->r.doc, "/steward/audit/entry") == 50, "%d entries on page 1",
	    xpath_count(c->r.doc, "/steward/audit/entry"));
	REQUIRE(strcmp(xs(c, "string(/steward/audit/@next)"), "yes") == 0, "no page 2");
	snprintf(today, sizeof(today), "%.10s", xs(c, "string(/steward/audit/entry[1]/@time)"));
	REQUIRE(strlen(today) == 10, "time %s", xs(c, "string(/steward/audit/entry[1]/@time)"));
	REQUIRE(strstr(xs(c, "string(/steward/audit/entry[1]/@time)"), "+01:00") ||
	    strstr(xs(c, "string(/steward/audit/entry[1]/@time)"), "+02:00"),
	    "time not in Europe/Berlin: %s", xs(c, "string(/steward/audit/entry[1]/@time)"));
	REQUIRE(get(c, "/api/settings/audit-log?action=invite") == 200, "action=invite: %ld", c->r.status);
	REQUIRE(xpath_count(c->r.doc, "/steward/audit/entry") > 0 &&
	    xpath_count(c->r.doc, "/steward/audit/entry[not(starts-with(@action, 'invite.'))]") == 0,
	    "action=invite lists other actions");
	REQUIRE(xpath_count(c->r.doc, "/steward/audit/option[@value='invite' and @group='yes']") == 1,
	    "no invite group option");
	REQUIRE(get(c, "/api/settings/audit-log?action=login.failed") == 200, "login.failed: %ld", c->r.status);
	snprintf(q, sizeof(q), "/steward/audit/entry[@actor-email='%s']", V_agent.email);
	REQUIRE(xpath_count(c->r.doc, q) >= 1, "the member's failed sign-in is not shown");
	snprintf(q, sizeof(q), "/api/settings/audit-log?actor=ucreator&from=%s&to=%s", today, today);
	REQUIRE(get(c, q) == 200, "actor+dates: %ld", c->r.status);
	REQUIRE(xpath_count(c->r.doc, "/steward/audit/entry") > 0 &&
	    xpath_count(c->r.doc, "/steward/audit/entry[not(contains(@actor-email, 'ucreator'))]") == 0,
	    "actor filter");
	REQUIRE(get(c, "/api/settings/audit-log?from=2000-01-01&to=2000-01-02") == 200 &&
	    xpath_count(c->r.doc, "/steward/audit/entry") == 0, "entries in 2000");
	REQUIRE(get(c, "/api/settings/audit-log?page=2") == 200 &&
	    xpath_count(c->r.doc, "/steward/audit/entry") > 0, "page 2 empty");
	REQUIRE(get(c, "/settings/audit-log") == 200 && strncmp(c->r.ctype, "text/html", 9) == 0,
	    "HTML: %ld", c->r.status);
	REQUIRE(get(c, "/settings/audit-log.csv?action=invite") == 200 && strncmp(c->r.ctype, "text/csv", 8) == 0,
	    "CSV: %ld %s", c->r.status, c->r.ctype);
	REQUIRE(c->r.body.p && strncmp(c->r.body.p, "\"Time\",", 7) == 0 && body_has(c, "\"invite.send\"") &&
	    !body_has(c, "\"login\""), "CSV body: %.100s", c->r.body.p);
done:
	cl_free(c);
	cl_free(f);
	t_end();
}

static void
test_audit_log_bad(void)
{
	static const struct {
		const char	*q, *field;
		long		 status;
	} rows[] = {
		{ "?from=2026-02-30", "from", 422 }, { "?from=2026-13-01", "from", 422 },
		{ "?from=26-01-01", "from", 422 }, { "?to=yesterday", "to", 422 },
		{ "?from=2026-03-02&to=2026-03-01", "to", 422 },
		{ "?action=LOGIN", "action", 422 }, { "?action=login%25", "action", 422 },
		{ "?action=a_b", "action", 422 }, { "?page=0", "page", 422 },
		{ "?actor=%01", NULL, 400 }, { "?actor=%FF", NULL, 400 },
		{ "?actor=@LONG", "actor", 422 },
		{ "?actor=%27%20OR%201%3D1%20--", NULL, 200 },
	};
	struct client	*c = NULL;
	char		 name[200], q[512], *big = repeat('a', 101);
	size_t		 i;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		snprintf(name, sizeof(name), "audit log: bad filter %s -> %ld%s%s", rows[i].q, rows[i].status,
		    rows[i].field ? " naming " : "", rows[i].field ? rows[i].field : "");
		t_begin(name);
		if (c == NULL)
			REQUIRE((c = signed_in(&V_admin)) != NULL, "sign-in failed");
		if (strcmp(rows[i].q, "?actor=@LONG") == 0)
			snprintf(q, sizeof(q), "/api/settings/audit-log?actor=%s", big);
		else
			snprintf(q, sizeof(q), "/api/settings/audit-log%s", rows[i].q);
		get(c, q);
		REQUIRE(c->r.status == rows[i].status, "answered %ld", c->r.status);
		if (rows[i].field) {
			snprintf(q, sizeof(q), "/steward/errors/error[@field='%s']", rows[i].field);
			REQUIRE(xpath_count(c->r.doc, q) == 1, "no error naming %s", rows[i].field);
		}
		if (rows[i].status == 200)
			REQUIRE(xpath_count(c->r.doc, "/steward/audit/entry") == 0, "the injection matched rows");
done:
		t_end();
	}
	free(big);
	cl_free(c);
}

static void
test_audit_cross(void)
{
	struct client	*w = NULL;

	t_begin("audit log: the Admin of D sees nothing of C (no C member, no C target)");
	REQUIRE((w = signed_in(&W_admin)) != NULL, "sign-in failed");
	REQUIRE(get(w, "/api/settings/audit-log?page=1") == 200, "answered %ld", w->r.status);
	REQUIRE(!body_has(w, V_victim.email), "C's member %s in D's audit log", V_victim.email);
	REQUIRE(!body_has(w, V_creator.email), "C's member %s in D's audit log", V_creator.email);
	{
		char	 expr[200];

		/* (the switcher lists C: the Admin of D joined it earlier) */
		snprintf(expr, sizeof(expr), "/steward/audit/entry[contains(@target, '%s')]", UC.id);
		REQUIRE(xpath_count(w->r.doc, expr) == 0, "C's Account ID in D's audit log");
	}
	REQUIRE(get(w, "/api/settings/users") == 200 && !body_has(w, V_creator.email),
	    "C's member in D's users page");
done:
	cl_free(w);
	t_end();
}

/* ------------------------------------------------------- 9. hostile */

static void
test_users_hostile(void)
{
	struct client	*c = NULL;
	char		 name[200], list[512];
	size_t		 i;

	for (i = 0; i < sizeof(hostile) / sizeof(hostile[0]); i++) {
		snprintf(name, sizeof(name), "hostile #%zu: bulk invite emails, role, message; list q; audit actor (HTML and /api)",
		    i + 1);
		t_begin(name);
		if (c == NULL && (c = signed_in(&V_admin)) == NULL) {
			t_end();
			continue;
		}
		users_page(c, NULL);
		snprintf(list, sizeof(list), "%s, %s", addr("hostile"), hostile[i]);
		bulk(c, list, "member", hostile[i]);
		hostile_answer(c, 0);
		ck(c->r.status == 422 || c->r.status == 400, "bulk answered %ld", c->r.status);
		post(c, "/settings/users/invite", "emails", list, "role", hostile[i], "message",
		    hostile[i], "csrf", c->csrf, NULL);
		hostile_answer(c, 1);
		ck(!inv_of(&UC, addr("hostile"))[0], "an invitation was stored");
		char *e = curl_easy_escape(c->h, hostile[i], 0);
		snprintf(list, sizeof(list), "/api/settings/users?q=%s", e);
		get(c, list);
		hostile_answer(c, 0);
		snprintf(list, sizeof(list), "/settings/audit-log?actor=%s&action=%s", e, e);
		get(c, list);
		hostile_answer(c, 1);
		snprintf(list, sizeof(list), "/invitations/accept?token=%s", e);
		get(c, list);
		hostile_answer(c, 1);
		curl_free(e);
		t_end();
	}
	cl_free(c);
}

/* -------------------------------------------------------- 10. SMTP */

/*
 * Mail through real SMTP: a python3-aiosmtpd sink on a free loopback port
 * (writing a Maildir), steward-admin mail-test with STEWARD_SMTP_URL
 * pointing at it, then the delivered message is checked.
 */
static void
test_smtp_sink(void)
{
	char		 dir[PATH_MAX + 64], url[64], out[512], path[PATH_MAX * 2], *text = NULL;
	char		 to[160];
	pid_t		 pid = -1;
	int		 port = 0, fd, i, st;
	DIR		*d = NULL;
	struct dirent	*e;
	struct sockaddr_in sa;
	socklen_t	 sl = sizeof(sa);

	t_begin("mail: delivered over SMTP to a local aiosmtpd sink: RFC 5322 headers, RFC 2047 subject and name, "
	    "multipart/alternative with text and HTML");
	snprintf(dir, sizeof(dir), "%s/tmp/smtp-%s", g_var, g_tag);
	/* a free port: bind 0, read it, close */
	fd = socket(AF_INET, SOCK_STREAM, 0);
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	REQUIRE(fd >= 0 && bind(fd, (struct sockaddr *)&sa, sizeof(sa)) == 0 &&
	    getsockname(fd, (struct sockaddr *)&sa, &sl) == 0, "no free port");
	port = ntohs(sa.sin_port);
	close(fd);
	snprintf(url, sizeof(url), "127.0.0.1:%d", port);
	fflush(stdout);
	if ((pid = fork()) == 0) {
		int devnull = open("/dev/null", O_RDWR);

		dup2(devnull, 0);
		dup2(devnull, 1);
		dup2(devnull, 2);
		/* Debian's python3-aiosmtpd is for the system python */
		execl("/usr/bin/python3", "python3", "-m", "aiosmtpd", "-n", "-l", url,
		    "-c", "aiosmtpd.handlers.Mailbox", dir, (char *)NULL);
		execlp("python3", "python3", "-m", "aiosmtpd", "-n", "-l", url, "-c",
		    "aiosmtpd.handlers.Mailbox", dir, (char *)NULL);
		_exit(127);
	}
	REQUIRE(pid > 0, "fork failed");
	for (i = 0; i < 100; i++) {		/* up to 10 s for the sink */
		fd = socket(AF_INET, SOCK_STREAM, 0);
		st = connect(fd, (struct sockaddr *)&sa, sizeof(sa));
		close(fd);
		if (st == 0)
			break;
		usleep(100000);
		if (waitpid(pid, &st, WNOHANG) == pid) {
			pid = -1;
			REQUIRE(0, "the sink exited (is python3-aiosmtpd installed? ./steward deps)");
		}
	}
	REQUIRE(i < 100, "the sink does not listen on %s", url);
	snprintf(url, sizeof(url), "smtp://127.0.0.1:%d", port);
	snprintf(to, sizeof(to), "itest-%s-smtp@example.com", g_tag);
	setenv("STEWARD_SMTP_URL", url, 1);
	st = admin_run(NULL, out, sizeof(out), "mail-test", to, "--name", "Zo\xc3\xab Lindqvist", NULL);
	unsetenv("STEWARD_SMTP_URL");
	REQUIRE(st == 0, "steward-admin mail-test exited %d: %s", st, out);
	for (i = 0; i < 50 && text == NULL; i++) {
		snprintf(path, sizeof(path), "%s/new", dir);
		if ((d = opendir(path)) != NULL) {
			while ((e = readdir(d)) != NULL && text == NULL)
				if (e->d_name[0] != '.') {
					snprintf(path, sizeof(path), "%s/new/%s", dir, e->d_name);
					text = read_all(path);
				}
			closedir(d);
		}
		if (text == NULL)
			usleep(100000);
	}
	REQUIRE(text != NULL, "nothing arrived in %s/new", dir);
	snprintf(path, sizeof(path), "<%s>", to);
	REQUIRE(strstr(text, path) != NULL, "not addressed to %s", to);
	REQUIRE(strstr(text, "To: =?UTF-8?B?") != NULL, "the name is not RFC 2047 encoded");
	REQUIRE(strstr(text, "Subject: =?UTF-8?B?") != NULL, "the subject is not RFC 2047 encoded");
	REQUIRE(strstr(text, "Message-ID: <") && strstr(text, "Date: ") && strstr(text, "MIME-Version: 1.0"),
	    "RFC 5322 headers missing");
	REQUIRE(strstr(text, "multipart/alternative; boundary=") != NULL, "not multipart/alternative");
	REQUIRE(strstr(text, "Content-Type: text/plain; charset=utf-8") &&
	    strstr(text, "Content-Type: text/html; charset=utf-8"), "text and HTML parts missing");
done:
	free(text);
	if (pid > 0) {
		kill(pid, SIGTERM);
		waitpid(pid, NULL, 0);
	}
	t_end();
}

/* The users part's tests, in order. */
static void
part_users(void)
{
	t_begin("users: fixtures (accounts C and D, users of every role) and the mariadb client");
	ck(users_setup() == 0, "fixtures could not be made");
	ck(sql("SELECT 1", NULL, 0) == 0, "the mariadb client does not reach %s", db_sock);
	if (!t_end())
		return;
	test_users_page_roles();
	test_users_overview_links();
	test_users_filters();
	test_users_filters_bad();
	test_locked_two_step();
	test_bulk_invite();
	test_bulk_invite_bad();
	test_invite_roles_table();
	test_invite_domains();
	test_resend_revoke_link();
	test_invitation_expired();
	test_accept_new();
	test_accept_existing();
	test_accept_signed_in();
	test_invitation_actions_bad();
	test_accept_bad_tokens();
	test_role_change();
	test_role_change_bad();
	test_last_admin();
	test_remove();
	test_role_cells();
	test_users_csrf();
	test_users_paging();
	test_users_csv();
	test_audit_log();
	test_audit_log_bad();
	test_audit_cross();
	test_users_hostile();
	test_smtp_sink();
}
