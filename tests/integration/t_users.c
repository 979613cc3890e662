/*
 * Tests of the Users page (/settings/users): the list (roles, filters,
 * paging, locked and 2-step states), role changes and the last-Admin
 * rule, removal and its sessions, every cell of the role table for the
 * actions of the Users page and its invitations, CSRF, the CSV export,
 * hostile input.  Included by itest.c.
 *
 * The fixtures and helpers at the top are shared with t_invitations.c
 * and t_audit_log.c, included after this file.  State is checked after
 * every refused change with the mariadb client (the stack's own database
 * credentials from STEWARD_CONF).
 */

/* The fixtures: account C with one user per role, a spare Admin and a
 * member to change, account D with an Admin and a member. */
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

/* Accounts C and D and their users (made with steward-admin). */
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


/*
 * The fixtures shared by the Users page, invitations and audit log
 * groups, made once by whichever of them runs first, with a check that
 * the mariadb client reaches the stack.  Returns 1 when they are there.
 */
static int
users_fixtures(void)
{
	static int	 state;		/* 0 not yet, 1 made, -1 failed */

	if (state != 0)
		return state == 1;
	t_begin("users: fixtures (accounts C and D, users of every role) and the mariadb client");
	ck(users_setup() == 0, "fixtures could not be made");
	ck(sql("SELECT 1", NULL, 0) == 0, "the mariadb client does not reach %s", db_sock);
	state = t_end() ? 1 : -1;
	return state == 1;
}


/* ------------------------------------------------------------ the page */

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
			ck(!body_has(c, "/settings/users/role") && !body_has(c, "/settings/users/remove"),
			    "the list without an open row carries action forms");
			ck(body_has(c, "name=\"member\"") == (rows[i].manage[0] == 'y'),
			    "rows open for %s: %s", rows[i].u->role, body_has(c, "name=\"member\"") ? "yes" : "no");
			snprintf(name, sizeof(name), "/settings/users?member=%s", uid_of(V_member.email));
			get(c, name);
			ck(c->r.status == 200 && body_has(c, "/settings/users/role") == (rows[i].manage[0] == 'y'),
			    "the open row's role form %s for %s", rows[i].manage[0] == 'y' ? "missing" : "shown",
			    rows[i].u->role);
			ck(body_has(c, "/settings/users/remove") == (rows[i].manage[0] == 'y'),
			    "the open row's remove form shown/hidden wrongly for %s", rows[i].u->role);
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

	t_begin("users page: the overview offers Users and Audit Log to an Admin");
	REQUIRE((c = signed_in(&V_admin)) != NULL, "sign-in failed");
	REQUIRE(strcmp(xs(c, "string(/steward/can/@users)"), "yes") == 0,
	    "users not offered");
	REQUIRE(strcmp(xs(c, "string(/steward/can/@audit-log)"), "yes") == 0,
	    "audit-log not offered");
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
	char		 expr[300], tok[44], id[24];

	t_begin("users list: locked and 2-step states come from the user row; Reset 2-step verification is offered to an Admin "
	    "only; a 2-step login must sign in before it accepts an invitation (sign-in mode, POST 403)");
	snprintf(id, sizeof(id), "%s", uid_of(V_agent.email));	/* sq's buffer is reused */
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
	REQUIRE(!body_has(a, "action=\"/settings/users/2fa-reset\"") && body_has(a, "Locked"),
	    "the Admin's list lacks the Locked badge, or carries a reset form with no row open");
	snprintf(expr, sizeof(expr), "/settings/users?status=locked&member=%s", id);
	get(a, expr);
	REQUIRE(body_has(a, "action=\"/settings/users/2fa-reset\"") &&
	    body_has(a, "Reset 2-step verification") &&
	    body_has(a, "name=\"back\" value=\"/settings/users?status=locked&amp;page=1\""),
	    "the open row lacks the reset form, or its way back to the filtered list");
	REQUIRE((cr = signed_in(&V_creator)) != NULL, "sign-in failed");
	get(cr, expr);
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

/* ----------------------------------------------- list: filters, paging */

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
	REQUIRE(strcmp(xs(c, "string(/steward/pager/@next)"), "yes") == 0, "no next page");
	REQUIRE(xpath_count(c->r.doc, "/steward/pager/keep") == 2 &&
	    xpath_count(c->r.doc, "/steward/pager/keep[@name='status' and @value='invited']") == 1 &&
	    xpath_count(c->r.doc, "/steward/pager/keep[@name='q' and @value='-page']") == 1,
	    "the pager does not keep the filter (%d keep)", xpath_count(c->r.doc, "/steward/pager/keep"));
	REQUIRE(users_page(c, "?status=invited&q=-page&page=2") == 200, "page 2: %ld", c->r.status);
	n2 = xpath_count(c->r.doc, "/steward/users/invitation");
	REQUIRE(n2 == 6, "page 2 has %d invitations", n2);
	REQUIRE(strcmp(xs(c, "string(/steward/pager/@next)"), "no") == 0 &&
	    strcmp(xs(c, "string(/steward/pager/@page)"), "2") == 0, "a page 3");
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
	REQUIRE(body_has(c, "rel=\"next\" href=\"/settings/users?q=-page&amp;status=invited&amp;page=2\""),
	    "the HTML page has no Next link keeping the filter");
	{	/* a lean list: no per-row form, token or menu */
		const char	*p;
		int		 tokens = 0, opens = 0;

		for (p = c->r.body.p; p != NULL && (p = strstr(p, "name=\"csrf\"")) != NULL; p++)
			tokens++;
		for (p = c->r.body.p; p != NULL && (p = strstr(p, "form=\"f-open\" name=\"invitation\"")) != NULL; p++)
			opens++;
		REQUIRE(tokens == 2, "%d CSRF tokens on a page of 50 rows (sign-out and invite: 2)", tokens);
		REQUIRE(opens == 50 && !body_has(c, "<details class=\"menu row-menu"),
		    "%d rows open through the one GET form, or rows carry menus", opens);
		REQUIRE(body_has(c, "<form id=\"f-open\" method=\"get\" action=\"/settings/users\" hidden=\"hidden\">"
		    "<input type=\"hidden\" name=\"q\" value=\"-page\">"
		    "<input type=\"hidden\" name=\"status\" value=\"invited\"></form>"),
		    "the open form does not keep the filter");
	}
done:
	buf_free(&b);
	cl_free(c);
	t_end();
	/* the page's invitations go: they would crowd later lists */
	sq("UPDATE invitation i JOIN account a ON a.id = i.account_id SET revoked_at ="
	    " UTC_TIMESTAMP(6) WHERE a.public_id = '%s' AND i.email LIKE '%%-page%%'", UC.id);
}

/* --------------------------------------------------- roles and removal */

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

/* Every cell of DESIGN §4 for the actions of these pages: refused roles
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

/* ----------------------------------------------------------------- CSV */

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

/* ------------------------------------------------------------- hostile */

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


/* The Users page's tests, in order. */
static void
part_users(void)
{
	if (!users_fixtures())
		return;
	test_users_page_roles();
	test_users_overview_links();
	test_users_filters();
	test_users_filters_bad();
	test_locked_two_step();
	test_role_change();
	test_role_change_bad();
	test_last_admin();
	test_remove();
	test_role_cells();
	test_users_csrf();
	test_users_paging();
	test_users_csv();
	test_users_hostile();
}
