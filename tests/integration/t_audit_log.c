/*
 * Tests of the audit log (/settings/audit-log and its CSV): order, time
 * zone, filters (action prefix, actor, dates, pages), failed sign-ins of
 * members, bad filters, and another account's view.  Included by itest.c
 * after t_users.c, whose fixtures and helpers they use; they read the
 * activity of the Users page and invitation groups (page 1 full, a
 * Creator's invitations), made here when those groups did not run.
 */

/* Rows of a page of the audit log (AUDIT_PER_PAGE). */
#define AUDIT_PAGE_ROWS	50

/* ------------------------------------------------------- the audit log */

/*
 * When the invitation group did not run before (itest audit-log alone),
 * account C's log lacks a page of rows or its Creator's: 50 invitations
 * by its Admin and one by its Creator make them (revoked again, not to
 * crowd the Users page).
 */
static void
audit_activity(void)
{
	struct client	*a = NULL, *c = NULL;
	struct buf	 b = { 0 };
	char		 one[128];
	int		 i;

	if (atoi(sq("SELECT COUNT(*) > %d AND SUM(u.email = '%s') > 0 FROM audit_log l"
	    " JOIN account a ON a.id = l.account_id LEFT JOIN user u ON u.id = l.actor_id"
	    " WHERE a.public_id = '%s'", AUDIT_PAGE_ROWS, V_creator.email, UC.id)) == 1)
		return;
	t_begin("audit log: fixtures (the activity of the invitation group, which did not run)");
	REQUIRE((a = signed_in(&V_admin)) != NULL && (c = signed_in(&V_creator)) != NULL, "sign-in failed");
	for (i = 0; i < AUDIT_PAGE_ROWS; i++) {
		snprintf(one, sizeof(one), "%sitest-%s-log%02d@example.com", i ? "," : "", g_tag, i);
		buf_str(&b, one);
	}
	users_page(a, NULL);
	REQUIRE(bulk(a, b.p, "agent", NULL) == 303, "the Admin's invite answered %ld", a->r.status);
	users_page(c, NULL);
	REQUIRE(bulk(c, addr("logc"), "member", NULL) == 303, "the Creator's invite answered %ld",
	    c->r.status);
done:
	sq("UPDATE invitation i JOIN account a ON a.id = i.account_id SET revoked_at ="
	    " UTC_TIMESTAMP(6) WHERE a.public_id = '%s' AND i.email LIKE '%%-log%%'", UC.id);
	buf_free(&b);
	cl_free(a);
	cl_free(c);
	t_end();
}

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
	REQUIRE(strcmp(xs(c, "string(/steward/pager/@next)"), "yes") == 0 &&
	    strcmp(xs(c, "string(/steward/pager/@page)"), "1") == 0 &&
	    strcmp(xs(c, "string(/steward/pager/@path)"), "/settings/audit-log") == 0, "no page 2 in <pager>");
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
	REQUIRE(get(c, "/api/settings/audit-log?action=login&from=2000-01-01&page=1") == 200 &&
	    xpath_count(c->r.doc, "/steward/pager/keep") == 2 &&
	    xpath_count(c->r.doc, "/steward/pager/keep[@name='action' and @value='login']") == 1 &&
	    xpath_count(c->r.doc, "/steward/pager/keep[@name='from' and @value='2000-01-01']") == 1,
	    "the pager does not keep the filter (%d keep)", xpath_count(c->r.doc, "/steward/pager/keep"));
	REQUIRE(get(c, "/api/settings/audit-log?action=login&from=2000-02-31") == 422 &&
	    xpath_count(c->r.doc, "/steward/pager/keep[@name='from']") == 0,
	    "the pager keeps a refused date: %ld", c->r.status);
	REQUIRE(get(c, "/settings/audit-log?action=invite") == 200 &&
	    body_has(c, "href=\"/settings/audit-log?action=invite&amp;page=2\"") && body_has(c, "rel=\"next\""),
	    "the HTML Next link does not keep the filter");
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


/* The audit log's tests, in order. */
static void
part_audit_log(void)
{
	if (!users_fixtures())
		return;
	audit_activity();
	test_audit_log();
	test_audit_log_bad();
	test_audit_cross();
}
