/*
 * Tests of the overview's credentials (/settings) and the passcode pages
 * (/settings/credentials/reveal, …/rotate): the overview lists the pages
 * built and offers Rotate to Admins only; the eye icon reveals the
 * passcode to an Admin (audited, never cached) and to nobody else; the
 * rotation asks for a confirmation, refuses bad input and other roles
 * (each checked to change nothing), and replaces the passcode.
 */

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

/* X's passcode: the state a refused rotation must leave as it was. */
static void
snap_passcode(struct client *adm, struct buf *b)
{
	char	 pc[64];

	(void)adm;
	buf_clear(b);
	passcode_of(X.id, pc, sizeof(pc));
	buf_str(b, pc);
}

/* ---------------------------------------------------------- overview */

static void
test_overview(void)
{
	struct client	*a = NULL, *m = NULL;

	t_begin("account: the overview offers Billing, Account Timezone and Organization to an Admin; Rotate link for Admins only");
	REQUIRE((a = signed_in(&UX_admin)) != NULL, "sign-in failed");
	REQUIRE(xpath_count(a->r.doc, "/steward/can[@billing='yes' and @timezone='yes' and @organization='yes']") == 1,
	    "billing, timezone or organization is not offered");
	REQUIRE(get(a, "/settings") == 200 && body_has(a, "href=\"/settings/timezone\"") &&
	    body_has(a, "href=\"/settings/organization\""),
	    "the Admin's overview links neither Account Timezone nor Organization");
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

/* ------------------------------------------------------------ reveal */

static void
test_reveal_admin(void)
{
	struct client	*c = NULL;

	t_begin("reveal: Admin POST -> 200, revealed=yes, passcode equals passcode-show, no-store; the next GET hides it again");
	REQUIRE((c = signed_in(&U_admin)) != NULL, "sign-in failed");
	REQUIRE(!body_has(c, A.passcode), "GET /api/settings holds the passcode");
	REQUIRE(strcmp(xs(c, "string(/steward/credentials/@revealed)"), "no") == 0,
	    "credentials/@revealed is \"%s\" before the reveal", xs(c, "string(/steward/credentials/@revealed)"));
	post(c, "/api/settings/credentials/reveal", "csrf", c->csrf, NULL);
	REQUIRE(c->r.status == 200, "answered %ld", c->r.status);
	REQUIRE(strcmp(xs(c, "string(/steward/credentials/@revealed)"), "yes") == 0,
	    "credentials/@revealed is \"%s\"", xs(c, "string(/steward/credentials/@revealed)"));
	REQUIRE(strcmp(xs(c, "string(/steward/credentials/passcode)"), A.passcode) == 0,
	    "passcode \"%s\", passcode-show says \"%s\"", xs(c, "string(/steward/credentials/passcode)"), A.passcode);
	REQUIRE(strstr(c->r.cache, "no-store") != NULL, "Cache-Control \"%s\"", c->r.cache);
	post(c, "/settings/credentials/reveal", "csrf", c->csrf, NULL);
	REQUIRE(c->r.status == 200, "HTML reveal answered %ld", c->r.status);
	REQUIRE(strncmp(c->r.ctype, "text/html", 9) == 0, "HTML reveal Content-Type %s", c->r.ctype);
	REQUIRE(body_has(c, A.passcode), "the HTML page does not show the passcode");
	REQUIRE(strstr(c->r.cache, "no-store") != NULL, "HTML reveal Cache-Control \"%s\"", c->r.cache);
	REQUIRE(load_settings(c) == 200 && !body_has(c, A.passcode),
	    "the next GET /api/settings still holds the passcode");
	REQUIRE(get(c, "/settings") == 200 && !body_has(c, A.passcode),
	    "the next GET /settings still shows the passcode");
done:
	cl_free(c);
	t_end();
}

static void
test_reveal_other(struct user *u)
{
	struct client	*c = NULL;
	char		 name[200];

	snprintf(name, sizeof(name), "reveal: %s POST -> 403, no passcode in any body, revealed=no",
	    u->role);
	t_begin(name);
	REQUIRE((c = signed_in(u)) != NULL, "sign-in failed");
	REQUIRE(!body_has(c, A.passcode), "GET /api/settings holds the passcode");
	REQUIRE(strcmp(xs(c, "string(/steward/credentials/@revealed)"), "no") == 0,
	    "credentials/@revealed is \"%s\"", xs(c, "string(/steward/credentials/@revealed)"));
	post(c, "/api/settings/credentials/reveal", "csrf", c->csrf, NULL);
	REQUIRE(c->r.status == 403, "answered %ld", c->r.status);
	REQUIRE(!body_has(c, A.passcode), "the 403 body holds the passcode");
	REQUIRE(xpath_count(c->r.doc, "/steward/credentials/passcode") == 0, "a <passcode> element");
	post(c, "/settings/credentials/reveal", "csrf", c->csrf, NULL);
	REQUIRE(c->r.status == 403, "HTML path answered %ld", c->r.status);
	REQUIRE(!body_has(c, A.passcode), "the HTML 403 page holds the passcode");
	REQUIRE(get(c, "/settings") == 200 && !body_has(c, A.passcode),
	    "GET /settings shows the passcode");
done:
	cl_free(c);
	t_end();
}

/* ------------------------------------------------------------ rotate */

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

/* The credentials group's tests, in order. */
static void
part_credentials(void)
{
	static const char *const actions[] = { "passcode.reveal", "passcode.rotate" };

	if (!account_ready())
		return;
	test_overview();
	test_reveal_admin();
	test_reveal_other(&U_creator);
	test_reveal_other(&U_member);
	test_reveal_other(&U_agent);
	test_rotate();
	audit_rows("audit: the reveal and the rotation left their audit_log rows (read from a mariadb-dump)",
	    actions, 2);
}
