/*
 * Tests of the foundation: sign-in, sessions, CSRF, the overview, reveal,
 * invite, roles, limits, hostile input, cross-account isolation.
 * Included by itest.c.
 */

/* ----------------------------------------------------- 1. sign-in */

static void
test_login_good(void)
{
	struct client	*c = cl_new("login");
	char		 v[256], attrs[512];

	t_begin("login: good credentials -> 303 /settings, session cookie HttpOnly SameSite=Lax Path=/, me and role shown");
	REQUIRE(load_login_csrf(c), "GET /api/login gave no csrf (HTTP %ld)", c->r.status);
	post(c, "/login", "email", U_admin.email, "password", U_admin.password,
	    "csrf", c->csrf, NULL);
	REQUIRE(c->r.status == 303, "POST /login answered %ld, not 303", c->r.status);
	REQUIRE(strcmp(c->r.location, "/settings") == 0,
	    "Location \"%s\", not /settings", c->r.location);
	REQUIRE(set_cookie(c, "stw_session", v, sizeof(v), attrs, sizeof(attrs)),
	    "no stw_session cookie set (Set-Cookie: %s)", c->r.cookies.p ? c->r.cookies.p : "");
	REQUIRE(strlen(v) == 43, "session token \"%s\" is not 43 characters", v);
	REQUIRE(strstr(attrs, "HttpOnly") != NULL, "session cookie not HttpOnly: %s", attrs);
	REQUIRE(strstr(attrs, "SameSite=Lax") != NULL, "session cookie not SameSite=Lax: %s", attrs);
	REQUIRE(strstr(attrs, "Path=/") != NULL, "session cookie without Path=/: %s", attrs);
	REQUIRE(load_settings(c) == 200, "GET /api/settings after sign-in: %ld", c->r.status);
	REQUIRE(strcmp(xs(c, "string(/steward/me/@email)"), U_admin.email) == 0,
	    "me/@email is \"%s\"", xs(c, "string(/steward/me/@email)"));
	REQUIRE(strcmp(xs(c, "string(/steward/me/@role)"), "admin") == 0,
	    "me/@role is \"%s\"", xs(c, "string(/steward/me/@role)"));
	REQUIRE(strcmp(xs(c, "string(/steward/account/@id)"), A.id) == 0,
	    "account/@id is \"%s\", not %s", xs(c, "string(/steward/account/@id)"), A.id);
done:
	cl_free(c);
	t_end();
}

static char	 wrong_text[512];

static void
test_login_wrong_password(void)
{
	struct client	*c = cl_new("wrong");
	char		 pw[80];

	t_begin("login: wrong password -> 422, error, no session cookie");
	snprintf(pw, sizeof(pw), "%sx", U_creator.password);
	REQUIRE(signin(c, U_creator.email, pw) == 422, "POST /api/login answered %ld", c->r.status);
	REQUIRE(!sets_cookie(c, "stw_session"), "a stw_session cookie was set");
	xpath_str(c->r.doc, "string(/steward/errors/error)", wrong_text, sizeof(wrong_text));
	REQUIRE(wrong_text[0] != '\0', "no /steward/errors/error");
	REQUIRE(get(c, "/api/settings") == 401, "afterwards /api/settings answered %ld", c->r.status);
done:
	cl_free(c);
	unlock(U_creator.email);
	t_end();
}

static void
test_login_unknown_email(void)
{
	struct client	*c = cl_new("unknown");
	char		 email[128], txt[512];

	t_begin("login: unknown email -> same status and error text as a wrong password (no enumeration)");
	snprintf(email, sizeof(email), "itest-%s-nobody@example.com", g_tag);
	REQUIRE(signin(c, email, "Some long password 1") == 422, "POST /api/login answered %ld", c->r.status);
	REQUIRE(!sets_cookie(c, "stw_session"), "a stw_session cookie was set");
	xpath_str(c->r.doc, "string(/steward/errors/error)", txt, sizeof(txt));
	REQUIRE(strcmp(txt, wrong_text) == 0,
	    "error \"%s\" differs from the wrong-password error \"%s\"", txt, wrong_text);
	REQUIRE(xpath_count(c->r.doc, "/steward/errors/error[@field]") == 0,
	    "the error names a field (%s), telling which one was wrong",
	    xs(c, "string(/steward/errors/error/@field)"));
done:
	cl_free(c);
	unlock(email);
	t_end();
}

static void
test_login_bad_inputs(void)
{
	static const struct {
		const char	*name, *email, *pw, *field;	/* field "": no field */
	} rows[] = {
		{ "empty email", "", "x", "email" },
		{ "invalid email", "not-an-email", "Some long password 1", "email" },
		{ "empty password", "@USER", "", "password" },
		{ "2 KB password", "@USER", NULL, "" },
	};
	char		 name[160], *big = repeat('p', 2048);
	size_t		 i;
	struct client	*c;
	const char	*email, *pw;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		snprintf(name, sizeof(name), "login: %s -> 422%s%s%s", rows[i].name,
		    rows[i].field[0] ? " naming field '" : " (not 500)",
		    rows[i].field, rows[i].field[0] ? "'" : "");
		t_begin(name);
		c = cl_new("bad");
		email = strcmp(rows[i].email, "@USER") == 0 ? U_member.email : rows[i].email;
		pw = rows[i].pw ? rows[i].pw : big;
		REQUIRE(signin(c, email, pw) == 422, "POST /api/login answered %ld", c->r.status);
		REQUIRE(!sets_cookie(c, "stw_session"), "a stw_session cookie was set");
		REQUIRE(xpath_count(c->r.doc, "/steward/errors/error") > 0, "no errors/error");
		if (rows[i].field[0])
			REQUIRE(strcmp(xs(c, "string(/steward/errors/error/@field)"), rows[i].field) == 0,
			    "errors/error/@field is \"%s\"", xs(c, "string(/steward/errors/error/@field)"));
done:
		cl_free(c);
		unlock(U_member.email);
		t_end();
	}
	free(big);
}

static void
test_login_throttle(void)
{
	struct client	*c = cl_new("throttle");
	char		 pw[80];
	int		 i;
	long		 st;

	t_begin("login: repeated failures -> 429 with Retry-After > 0, right password refused while throttled, unlock lifts it");
	unlock(U_throttle.email);
	snprintf(pw, sizeof(pw), "%s-wrong", U_throttle.password);
	REQUIRE(load_login_csrf(c), "GET /api/login: %ld", c->r.status);
	for (i = 0; i < 8; i++) {
		st = post(c, "/api/login", "email", U_throttle.email, "password",
		    pw, "csrf", c->csrf, NULL);
		if (st == 429)
			break;
		REQUIRE(st == 422, "failure %d answered %ld", i + 1, st);
	}
	REQUIRE(st == 429, "still %ld after %d wrong passwords", st, i);
	REQUIRE(i >= 3, "throttled after only %d failures (3 are free)", i);
	REQUIRE(atoi(c->r.retry) > 0, "Retry-After is \"%s\"", c->r.retry);
	REQUIRE(xpath_count(c->r.doc, "/steward/errors/error") == 1, "429 page has no error");
	st = post(c, "/api/login", "email", U_throttle.email, "password",
	    U_throttle.password, "csrf", c->csrf, NULL);
	REQUIRE(st == 429, "the right password while throttled answered %ld", st);
	REQUIRE(!sets_cookie(c, "stw_session"), "the throttled sign-in set a session cookie");
	REQUIRE(atoi(c->r.retry) > 0, "Retry-After is \"%s\"", c->r.retry);
	unlock(U_throttle.email);
	st = post(c, "/api/login", "email", U_throttle.email, "password",
	    U_throttle.password, "csrf", c->csrf, NULL);
	REQUIRE(st == 303, "after user-unlock the right password answered %ld", st);
done:
	cl_free(c);
	unlock(U_throttle.email);
	t_end();
}

static void
test_login_next(void)
{
	static const struct {
		const char	*next, *expect;
	} rows[] = {
		{ "/settings?from=itest", "/settings?from=itest" },
		{ "//evil.example.com", "/settings" },
		{ "https://evil.example.com", "/settings" },
		{ "/\\evil", "/settings" },
		{ "/\\/evil.example.com", "/settings" },
		{ "http:/evil.example.com", "/settings" },
		{ " //evil.example.com", "/settings" },
	};
	char		 name[200], q[256], *e;
	size_t		 i;
	struct client	*c;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		snprintf(name, sizeof(name), "login: next=%s -> Location %s",
		    rows[i].next, rows[i].expect);
		t_begin(name);
		c = cl_new("next");
		e = curl_easy_escape(c->h, rows[i].next, 0);
		snprintf(q, sizeof(q), "/api/login?next=%s", e);
		curl_free(e);
		REQUIRE(get(c, q) == 200, "GET %s: %ld", q, c->r.status);
		REQUIRE(strcmp(xs(c, "string(/steward/login/@next)"), rows[i].expect) == 0,
		    "login/@next is \"%s\"", xs(c, "string(/steward/login/@next)"));
		xpath_str(c->r.doc, "/steward/csrf", c->csrf, sizeof(c->csrf));
		post(c, "/login", "email", U_member.email, "password",
		    U_member.password, "csrf", c->csrf, "next", rows[i].next, NULL);
		REQUIRE(c->r.status == 303, "POST /login answered %ld", c->r.status);
		REQUIRE(strcmp(c->r.location, rows[i].expect) == 0,
		    "Location \"%s\"", c->r.location);
done:
		cl_free(c);
		t_end();
	}
}

/* ----------------------------------------------------- 2. sign-out */

static void
test_logout(void)
{
	struct client	*c = NULL, *replay = cl_new("replay");
	char		 old[256], v[256], attrs[256];

	t_begin("logout: 303 /login, cookie deleted, the old session cookie replayed -> 401 (/api) and 303 /login?next=/settings");
	REQUIRE((c = signed_in(&U_agent)) != NULL, "sign-in failed");
	jar_cookie(c, "stw_session", old, sizeof(old));
	REQUIRE(strlen(old) == 43, "no session cookie in the jar (\"%s\")", old);
	post(c, "/logout", "csrf", c->csrf, NULL);
	REQUIRE(c->r.status == 303, "POST /logout answered %ld", c->r.status);
	REQUIRE(strcmp(c->r.location, "/login") == 0, "Location \"%s\"", c->r.location);
	REQUIRE(set_cookie(c, "stw_session", v, sizeof(v), attrs, sizeof(attrs)) &&
	    v[0] == '\0', "stw_session not deleted (Set-Cookie: %s)", c->r.cookies.p ? c->r.cookies.p : "");
	REQUIRE(get(c, "/api/settings") == 401, "same browser: /api/settings answered %ld", c->r.status);
	cl_set_cookie(replay, "stw_session", old);
	REQUIRE(get(replay, "/api/settings") == 401,
	    "replayed cookie: /api/settings answered %ld", replay->r.status);
	REQUIRE(xpath_count(replay->r.doc, "/steward/me") == 0, "replayed cookie: <me> present");
	REQUIRE(get(replay, "/settings") == 303, "replayed cookie: /settings answered %ld", replay->r.status);
	REQUIRE(strcmp(replay->r.location, "/login?next=/settings") == 0,
	    "replayed cookie: Location \"%s\"", replay->r.location);
	post(replay, "/api/settings/credentials/reveal", "csrf", c->csrf, NULL);
	REQUIRE(replay->r.status == 401 || replay->r.status == 403,
	    "replayed cookie: reveal answered %ld", replay->r.status);
done:
	cl_free(c);
	cl_free(replay);
	t_end();
}

/* ---------------------------------------------------------- 3. CSRF */

enum tokmode { TOK_NONE, TOK_WRONG, TOK_OTHER, TOK_PRE };

static void
test_csrf(void)
{
	static const char *paths[] = {
		"/settings/users/invite", "/settings/credentials/reveal", "/logout",
	};
	static const struct {
		enum tokmode	 mode;
		const char	*name;
	} modes[] = {
		{ TOK_NONE, "without csrf" },
		{ TOK_WRONG, "with a wrong csrf" },
		{ TOK_OTHER, "with another session's csrf" },
		{ TOK_PRE, "with a signed-out (pre-session) csrf" },
	};
	struct client	*adm = NULL, *other = NULL, *anon = cl_new("anon");
	char		 name[200], wrong[64], email[128], api[128];
	size_t		 i, j;
	int		 k;
	struct snap	 s;
	const char	*tok;

	t_begin("csrf: fixtures (admin and creator signed in)");
	adm = signed_in(&U_admin);
	other = signed_in(&U_creator);
	ck(load_login_csrf(anon), "GET /api/login: %ld", anon->r.status);
	ck(adm && other && strcmp(adm->csrf, other->csrf) != 0,
	    "two sessions share one CSRF token");
	if (!t_end())
		goto out;
	memset(wrong, 'A', 43);
	wrong[43] = '\0';
	for (i = 0; i < sizeof(paths) / sizeof(paths[0]); i++)
		for (j = 0; j < sizeof(modes) / sizeof(modes[0]); j++)
			for (k = 0; k < 2; k++) {
				snprintf(api, sizeof(api), "%s%s", k ? "" : "/api", paths[i]);
				snprintf(name, sizeof(name), "csrf: POST %s %s -> 403, nothing changed",
				    api, modes[j].name);
				t_begin(name);
				snprintf(email, sizeof(email), "itest-%s-csrf%zu%zu%d@example.com",
				    g_tag, i, j, k);
				tok = modes[j].mode == TOK_NONE ? NULL :
				    modes[j].mode == TOK_WRONG ? wrong :
				    modes[j].mode == TOK_OTHER ? other->csrf : anon->csrf;
				snap_take(&s);
				if (tok == NULL)
					post(adm, api, "email", email, "role", "member", NULL);
				else
					post(adm, api, "email", email, "role", "member",
					    "csrf", tok, NULL);
				ck(adm->r.status == 403, "answered %ld", adm->r.status);
				ck(mail_new(&s, email, NULL) == 0, "an invitation mail was sent");
				ck(!body_has(adm, A.passcode), "the passcode is in the body");
				ck(!sets_cookie(adm, "stw_session") &&
				    !set_cookie(adm, "stw_session", NULL, 0, NULL, 0),
				    "the session cookie was touched");
				if (!k)
					ck(xpath_count(adm->r.doc, "/steward/error-page[@status='403']") == 1,
					    "no 403 error-page");
				else
					ck(strncmp(adm->r.ctype, "text/html", 9) == 0,
					    "HTML path gave Content-Type %s", adm->r.ctype);
				snap_free(&s);
				ck(get(adm, "/api/settings") == 200, "session no longer valid afterwards (%ld)",
				    adm->r.status);
				ck(strcmp(xs(adm, "string(/steward/credentials/@revealed)"), "no") == 0,
				    "credentials revealed afterwards");
				t_end();
			}
out:
	cl_free(adm);
	cl_free(other);
	cl_free(anon);
}

static void
test_csrf_login_nopre(void)
{
	struct client	*a = cl_new("a"), *b = cl_new("b");

	t_begin("csrf: POST /login without the pre-session cookie -> 403, no session");
	REQUIRE(load_login_csrf(a), "GET /api/login: %ld", a->r.status);
	post(b, "/api/login", "email", U_member.email, "password",
	    U_member.password, "csrf", a->csrf, NULL);
	REQUIRE(b->r.status == 403, "answered %ld", b->r.status);
	REQUIRE(!sets_cookie(b, "stw_session"), "a session cookie was set");
done:
	cl_free(a);
	cl_free(b);
	t_end();
}

static void
test_csrf_login_otherpre(void)
{
	struct client	*a = cl_new("a"), *b = cl_new("b");

	t_begin("csrf: POST /login with another browser's pre-session token -> 403");
	REQUIRE(load_login_csrf(a), "GET /api/login: %ld", a->r.status);
	REQUIRE(load_login_csrf(b), "GET /api/login: %ld", b->r.status);
	REQUIRE(strcmp(a->csrf, b->csrf) != 0, "two browsers got the same token");
	post(b, "/api/login", "email", U_member.email, "password",
	    U_member.password, "csrf", a->csrf, NULL);
	REQUIRE(b->r.status == 403, "answered %ld", b->r.status);
	REQUIRE(!sets_cookie(b, "stw_session"), "a session cookie was set");
done:
	cl_free(a);
	cl_free(b);
	t_end();
}

static void
test_csrf_login_origin(void)
{
	struct client	*b = cl_new("b");

	t_begin("csrf: POST /login with a cross-site Origin and a valid token -> 403; same-site Origin -> 303");
	REQUIRE(load_login_csrf(b), "GET /api/login: %ld", b->r.status);
	b->origin = "https://evil.example.com";
	post(b, "/api/login", "email", U_member.email, "password",
	    U_member.password, "csrf", b->csrf, NULL);
	REQUIRE(b->r.status == 403, "answered %ld", b->r.status);
	REQUIRE(!sets_cookie(b, "stw_session"), "a session cookie was set");
	b->origin = g_origin;
	post(b, "/api/login", "email", U_member.email, "password",
	    U_member.password, "csrf", b->csrf, NULL);
	REQUIRE(b->r.status == 303, "the same with Origin %s answered %ld", g_origin, b->r.status);
done:
	cl_free(b);
	t_end();
}

static void
test_csrf_origin(void)
{
	static const char *origins[] = {
		"https://evil.example.com", "null", "http://127.0.0.1:8080.evil.example.com",
	};
	struct client	*adm = NULL;
	char		 email[128], name[200];
	struct snap	 s;
	size_t		 i;

	for (i = 0; i < sizeof(origins) / sizeof(origins[0]); i++) {
		snprintf(name, sizeof(name), "csrf: Origin: %s with a valid token -> 403 on invite and reveal",
		    origins[i]);
		t_begin(name);
		if (adm == NULL)
			REQUIRE((adm = signed_in(&U_admin)) != NULL, "sign-in failed");
		snprintf(email, sizeof(email), "itest-%s-origin%zu@example.com", g_tag, i);
		adm->origin = origins[i];
		snap_take(&s);
		post(adm, "/api/settings/users/invite", "email", email, "role",
		    "member", "csrf", adm->csrf, NULL);
		ck(adm->r.status == 403, "invite answered %ld", adm->r.status);
		ck(mail_new(&s, email, NULL) == 0, "an invitation mail was sent");
		snap_free(&s);
		post(adm, "/api/settings/credentials/reveal", "csrf", adm->csrf, NULL);
		ck(adm->r.status == 403, "reveal answered %ld", adm->r.status);
		ck(!body_has(adm, A.passcode), "the passcode is in the body");
		adm->origin = NULL;
done:
		t_end();
	}
	cl_free(adm);
}

static void
test_csrf_origin_same(void)
{
	struct client	*adm = NULL;

	t_begin("csrf: same-site Origin with a valid token is accepted (reveal 200)");
	REQUIRE((adm = signed_in(&U_admin)) != NULL, "sign-in failed");
	adm->origin = g_origin;
	post(adm, "/api/settings/credentials/reveal", "csrf", adm->csrf, NULL);
	REQUIRE(adm->r.status == 200, "reveal with Origin %s answered %ld", g_origin, adm->r.status);
done:
	cl_free(adm);
	t_end();
}

/* --------------------------------------------------------- 4. cache */

static void
test_no_store(void)
{
	static const char *paths[] = { "/settings", "/api/settings", "/login", "/api/login" };
	struct client	*c = NULL;
	size_t		 i;

	t_begin("cache: Cache-Control no-store on signed-in pages (HTML and /api) and the login page");
	REQUIRE((c = signed_in(&U_member)) != NULL, "sign-in failed");
	for (i = 0; i < 2; i++) {
		get(c, paths[i]);
		REQUIRE(c->r.status == 200 && strstr(c->r.cache, "no-store") != NULL,
		    "GET %s: %ld, Cache-Control \"%s\"", paths[i], c->r.status, c->r.cache);
	}
	cl_free(c);
	c = cl_new("anon");
	for (i = 2; i < 4; i++) {
		get(c, paths[i]);
		REQUIRE(c->r.status == 200 && strstr(c->r.cache, "no-store") != NULL,
		    "GET %s: %ld, Cache-Control \"%s\"", paths[i], c->r.status, c->r.cache);
	}
done:
	cl_free(c);
	t_end();
}

/* -------------------------------------------------------- 5. invite */

/* Checks one mail for the invitation link; 1 when it is there. */
static int
mail_has_link(const char *text, const char *email)
{
	char		 to[200];
	const char	*p;
	size_t		 n = 0;

	snprintf(to, sizeof(to), "To: <%s>", email);
	if (strstr(text, to) == NULL)
		return ck(0, "mail is not addressed \"%s\"", to);
	if ((p = strstr(text, "/invitations/accept?token=")) == NULL)
		return ck(0, "mail holds no /invitations/accept?token= link");
	p += strlen("/invitations/accept?token=");
	while ((p[n] >= 'A' && p[n] <= 'Z') || (p[n] >= 'a' && p[n] <= 'z') ||
	    (p[n] >= '0' && p[n] <= '9') || p[n] == '-' || p[n] == '_')
		n++;
	return ck(n == 43 && (p[n] == '\r' || p[n] == '\n' || p[n] == '\0'),
	    "token in the link is %zu characters, not 43", n);
}

/* One invite that must succeed: 303 /settings, the mail, the flash. */
static void
invite_ok(struct client *c, const char *email, const char *role,
    const char *expect_to)
{
	struct snap	 s;
	char		*text = NULL;
	int		 n;

	snap_take(&s);
	post(c, "/settings/users/invite", "email", email, "role", role, "csrf",
	    c->csrf, NULL);
	REQUIRE(c->r.status == 303, "answered %ld", c->r.status);
	REQUIRE(strcmp(c->r.location, "/settings") == 0, "Location \"%s\"", c->r.location);
	REQUIRE(sets_cookie(c, "stw_flash"), "no flash cookie set");
	n = mail_new(&s, expect_to, &text);
	REQUIRE(n == 1, "%d new mails mention %s", n, expect_to);
	REQUIRE(mail_has_link(text, expect_to), "bad mail");
	REQUIRE(get(c, "/api/settings") == 200, "GET /api/settings: %ld", c->r.status);
	REQUIRE(xpath_count(c->r.doc, "/steward/flash[@kind='ok']") == 1,
	    "no flash[@kind='ok'] after the redirect");
	REQUIRE(strstr(xs(c, "string(/steward/flash)"), expect_to) != NULL,
	    "the flash \"%s\" does not name %s", xs(c, "string(/steward/flash)"), expect_to);
	REQUIRE(get(c, "/api/settings") == 200 &&
	    xpath_count(c->r.doc, "/steward/flash") == 0, "the flash is shown twice");
done:
	free(text);
	snap_free(&s);
}

static void
test_invite_roles(void)
{
	static const struct {
		struct user	*who;
		const char	*role;
		int		 ok;
	} rows[] = {
		{ &U_admin, "admin", 1 },	{ &U_admin, "creator", 1 },
		{ &U_admin, "member", 1 },	{ &U_admin, "agent", 1 },
		{ &U_creator, "creator", 1 },	{ &U_creator, "member", 1 },
		{ &U_creator, "agent", 1 },	{ &U_creator, "admin", 0 },
		{ &U_member, "member", 0 },	{ &U_member, "agent", 0 },
		{ &U_agent, "agent", 0 },	{ &U_agent, "member", 0 },
	};
	struct client	*c[4] = { NULL };
	char		 name[200], email[128];
	struct snap	 s;
	size_t		 i, k;

	for (i = 0; i < 4; i++)
		c[i] = NULL;
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		snprintf(name, sizeof(name), "invite: %s invites as %s -> %s",
		    rows[i].who->role, rows[i].role,
		    rows[i].ok ? "303 /settings, mail with a 43-char token link, ok flash" :
		    "403, no mail");
		t_begin(name);
		for (k = 0; k < 4 && U_roles[k] != rows[i].who; k++)
			;
		if (c[k] == NULL)
			REQUIRE((c[k] = signed_in(rows[i].who)) != NULL, "sign-in failed");
		snprintf(email, sizeof(email), "itest-%s-inv-%s-%s@example.com",
		    g_tag, rows[i].who->role, rows[i].role);
		if (rows[i].ok)
			invite_ok(c[k], email, rows[i].role, email);
		else {
			snap_take(&s);
			post(c[k], "/api/settings/users/invite", "email", email,
			    "role", rows[i].role, "csrf", c[k]->csrf, NULL);
			ck(c[k]->r.status == 403, "answered %ld", c[k]->r.status);
			ck(mail_new(&s, email, NULL) == 0, "a mail was sent");
			snap_free(&s);
		}
done:
		t_end();
	}
	for (i = 0; i < 4; i++)
		cl_free(c[i]);
}

static void
test_invite_hidden(void)
{
	size_t		 i;
	struct client	*c;
	char		 name[200];

	for (i = 2; i < 4; i++) {
		snprintf(name, sizeof(name), "invite: %s sees no invite box (no <invite>, can/@invite='no')",
		    U_roles[i]->role);
		t_begin(name);
		c = signed_in(U_roles[i]);
		if (c != NULL) {
			ck(xpath_count(c->r.doc, "/steward/invite") == 0, "<invite> present");
			ck(strcmp(xs(c, "string(/steward/can/@invite)"), "no") == 0,
			    "can/@invite is \"%s\"", xs(c, "string(/steward/can/@invite)"));
			get(c, "/settings");
			ck(c->r.status == 200 && !body_has(c, "/settings/users/invite"),
			    "the HTML page has a form posting to /settings/users/invite");
		}
		cl_free(c);
		t_end();
	}
}

static void
test_invite_bad(void)
{
	/*
	 * body: the urlencoded email (TAG is replaced with the run tag);
	 * status 0 means "400 or 422 with field email" (control characters
	 * may be refused by the decoder or by the validator).
	 */
	static const struct {
		const char	*name, *email, *role;
		int		 status;
		const char	*field;
	} rows[] = {
		{ "empty email", "", "member", 422, "email" },
		{ "spaces only", "%20%20%20", "member", 422, "email" },
		{ "not-an-email", "not-an-email-TAG", "member", 422, "email" },
		{ "255+ character email", "@LONG", "member", 422, "email" },
		{ "email with %01", "itest-TAG-c%01a@example.com", "member", 0, "email" },
		{ "email with %0A", "itest-TAG-c%0Ab@example.com", "member", 0, "email" },
		{ "email with %0D%0ABcc:", "itest-TAG-c@example.com%0D%0ABcc:%20x@example.com", "member", 0, "email" },
		{ "email with invalid UTF-8 %C3%28", "itest-TAG-%C3%28@example.com", "member", 400, NULL },
		{ "email with invalid UTF-8 %FF", "itest-TAG-%FF@example.com", "member", 400, NULL },
		{ "two @", "itest-TAG-x@y@example.com", "member", 422, "email" },
		{ "role owner", "itest-TAG-r1@example.com", "owner", 422, "role" },
		{ "role Admin (wrong case)", "itest-TAG-r2@example.com", "Admin", 422, "role" },
		{ "empty role", "itest-TAG-r3@example.com", "", 422, "role" },
		{ "missing role", "itest-TAG-r4@example.com", NULL, 422, "role" },
		{ "invalid email and unknown role together", "not-an-email-TAG", "owner", 422, "email" },
		{ "existing member's email", "@MEMBER", "agent", 422, "email" },
		{ "existing member's email in upper case", "@MEMBERUC", "agent", 422, "email" },
	};
	struct client	*c = NULL;
	struct buf	 body = { 0 }, em = { 0 };
	char		 name[200], *long_local, *p, *q;
	const char	*e;
	struct snap	 s;
	size_t		 i;
	int		 n;

	long_local = repeat('a', 250);
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		snprintf(name, sizeof(name), "invite: bad input (%s) -> %s%s%s, no mail",
		    rows[i].name, rows[i].status == 0 ? "400/422" :
		    rows[i].status == 400 ? "400" : "422", rows[i].field ? " naming " : "",
		    rows[i].field ? rows[i].field : "");
		t_begin(name);
		if (c == NULL)
			REQUIRE((c = signed_in(&U_admin)) != NULL, "sign-in failed");
		buf_clear(&em);
		e = rows[i].email;
		if (strcmp(e, "@LONG") == 0) {
			buf_str(&em, long_local);
			buf_str(&em, "-TAG@example.com");
		} else if (strcmp(e, "@MEMBER") == 0)
			buf_str(&em, U_member.email);
		else if (strcmp(e, "@MEMBERUC") == 0) {
			buf_str(&em, U_member.email);
			for (p = em.p; *p; p++)
				if (*p >= 'a' && *p <= 'z')
					*p = (char)(*p - 'a' + 'A');
		} else
			buf_str(&em, e);
		/* the run tag into the address, so a mail would be found */
		if (em.p != NULL && (p = strstr(em.p, "TAG")) != NULL &&
		    strcmp(e, "@MEMBERUC") != 0) {
			q = xstrdup(p + 3);
			em.n = (size_t)(p - em.p);
			buf_str(&em, g_tag);
			buf_str(&em, q);
			free(q);
		}
		buf_clear(&body);
		buf_str(&body, "email=");
		buf_str(&body, em.p ? em.p : "");
		if (rows[i].role != NULL) {
			buf_str(&body, "&role=");
			buf_str(&body, rows[i].role);
		}
		buf_str(&body, "&csrf=");
		buf_str(&body, c->csrf);
		snap_take(&s);
		post_raw(c, "/api/settings/users/invite", body.p, NULL);
		if (rows[i].status == 0)
			ck(c->r.status == 400 || c->r.status == 422, "answered %ld", c->r.status);
		else
			ck(c->r.status == rows[i].status, "answered %ld", c->r.status);
		if (c->r.status == 422 && rows[i].field != NULL)
			ck(xpath_count(c->r.doc, "/steward/errors/error") > 0 &&
			    strcmp(xs(c, "string(/steward/errors/error/@field)"), rows[i].field) == 0,
			    "errors/error/@field is \"%s\" (error \"%s\")",
			    xs(c, "string(/steward/errors/error/@field)"),
			    xs(c, "string(/steward/errors/error)"));
		if (c->r.status == 400)
			ck(xpath_count(c->r.doc, "/steward/error-page[@status='400']") == 1,
			    "no 400 error-page");
		n = mail_new(&s, g_tag, NULL);
		snap_free(&s);
		ck(n == 0, "%d mail(s) sent", n);
		ck(load_settings(c) == 200, "the session does not survive (%ld)", c->r.status);
done:
		t_end();
	}
	cl_free(c);
	free(long_local);
	buf_free(&body);
	buf_free(&em);
}

static void
test_invite_normalise(void)
{
	struct client	*c = NULL;
	char		 raw[160], want[160];

	t_begin("invite: upper case and surrounding spaces in the email are normalised (mail to the lower-case address)");
	REQUIRE((c = signed_in(&U_admin)) != NULL, "sign-in failed");
	snprintf(raw, sizeof(raw), "  ITEST-%s-Norm@Example.COM \t", g_tag);
	snprintf(want, sizeof(want), "itest-%s-norm@example.com", g_tag);
	invite_ok(c, raw, "agent", want);
done:
	cl_free(c);
	t_end();
}

/* --------------------------------------------------------- 6. roles */

static void
test_roles_can(void)
{
	/* DESIGN §4, per role admin, creator, member, agent ('y'/'n'). */
	static const struct {
		const char	*attr, *who;
	} table[] = {
		{ "reveal", "ynnn" },		{ "rotate", "ynnn" },
		{ "invite", "yynn" },		{ "manage-users", "ynnn" },
		{ "billing", "ynnn" },		{ "audit-log", "ynnn" },
		{ "organization", "yyyn" },	{ "organization-edit", "ynnn" },
		{ "timezone", "yyyy" },		{ "timezone-edit", "ynnn" },
		{ "events", "yyyn" },		{ "user-properties", "yyyn" },
		{ "csv-uploads", "yynn" },	{ "reports", "yyyn" },
		{ "downloads", "yyyy" },	{ "profile", "yyyy" },
		{ "password", "yyyy" },
	};
	static const char *grants[4][4] = {
		{ "admin", "creator", "member", "agent" },
		{ "creator", "member", "agent", NULL },
		{ NULL }, { NULL },
	};
	struct client	*c;
	char		 name[200], expr[200];
	const char	*v;
	size_t		 i, k, n;

	for (i = 0; i < 4; i++) {
		snprintf(name, sizeof(name), "roles: %s: <can> matches DESIGN §4, invite lists only grantable roles, Account ID and region shown",
		    U_roles[i]->role);
		t_begin(name);
		if ((c = signed_in(U_roles[i])) == NULL) {
			t_end();
			continue;
		}
		for (k = 0; k < sizeof(table) / sizeof(table[0]); k++) {
			snprintf(expr, sizeof(expr), "string(/steward/can/@%s)", table[k].attr);
			v = xs(c, expr);
			ck(strcmp(v, table[k].who[i] == 'y' ? "yes" : "no") == 0,
			    "can/@%s is \"%s\"", table[k].attr, v);
		}
		for (n = 0; n < 4 && grants[i][n] != NULL; n++) {
			snprintf(expr, sizeof(expr), "/steward/invite/role[@value='%s']", grants[i][n]);
			ck(xpath_count(c->r.doc, expr) == 1, "invite does not offer %s", grants[i][n]);
		}
		ck(xpath_count(c->r.doc, "/steward/invite/role") == (int)n,
		    "invite offers %d roles, not %zu", xpath_count(c->r.doc, "/steward/invite/role"), n);
		ck(n > 0 || xpath_count(c->r.doc, "/steward/invite") == 0, "an <invite> element");
		ck(strcmp(xs(c, "string(/steward/me/@role)"), U_roles[i]->role) == 0,
		    "me/@role is \"%s\"", xs(c, "string(/steward/me/@role)"));
		ck(strcmp(xs(c, "string(/steward/account/@id)"), A.id) == 0,
		    "account/@id is \"%s\"", xs(c, "string(/steward/account/@id)"));
		ck(strcmp(xs(c, "string(/steward/account/@region)"), "eu1") == 0,
		    "account/@region is \"%s\"", xs(c, "string(/steward/account/@region)"));
		cl_free(c);
		t_end();
	}
}

/* -------------------------------------------------------- 7. limits */

struct errcase {
	const char	*name;
	const char	*path;		/* without /api */
	int		 post;		/* 0 GET, 1 POST body */
	int		 status;
};

/* The same request to /api+path (XML) and path (HTML): status and type. */
static void
error_case(struct client *c, const char *name, const char *path,
    const char *body, const char *ctype, int status)
{
	char	 tname[300], api[8192], expr[64];
	int	 k;

	snprintf(tname, sizeof(tname), "limits: %s -> %d, XML error page valid, HTML rendered", name, status);
	t_begin(tname);
	for (k = 0; k < 2; k++) {
		snprintf(api, sizeof(api), "%s%s", k == 0 ? "/api" : "", path);
		cl_request(c, api, body, ctype);
		REQUIRE(c->r.status == status, "%s answered %ld", c->r.what, c->r.status);
		if (k == 0) {
			snprintf(expr, sizeof(expr), "/steward/error-page[@status='%d']", status);
			REQUIRE(xpath_count(c->r.doc, expr) == 1, "%s: no %s", c->r.what, expr);
			REQUIRE(strcmp(xs(c, "string(/steward/@page)"), "error") == 0,
			    "%s: page is \"%s\"", c->r.what, xs(c, "string(/steward/@page)"));
		} else {
			REQUIRE(strncmp(c->r.ctype, "text/html", 9) == 0,
			    "%s: Content-Type \"%s\", not text/html", c->r.what, c->r.ctype);
			REQUIRE(body_has(c, "<html"), "%s: no <html> in the body", c->r.what);
		}
	}
done:
	t_end();
}

static void
test_limits(void)
{
	struct client	*c = cl_new("limits");
	struct buf	 b = { 0 };
	char		*big, path[2048], tmp[32];
	int		 i;

	/* a valid form just over 64 KiB */
	buf_str(&b, "email=x%40example.com&password=");
	big = repeat('a', 65536);
	buf_str(&b, big);
	free(big);
	error_case(c, "body > 64 KiB (POST /login)", "/login", b.p, NULL, 413);
	buf_clear(&b);
	for (i = 0; i < 65; i++) {
		snprintf(tmp, sizeof(tmp), "%sf%d=1", i ? "&" : "", i);
		buf_str(&b, tmp);
	}
	error_case(c, "65 fields (POST /login)", "/login", b.p, NULL, 413);
	buf_clear(&b);
	buf_str(&b, "f=");
	big = repeat('b', 8193);
	buf_str(&b, big);
	free(big);
	error_case(c, "one field > 8 KiB (POST /login)", "/login", b.p, NULL, 413);
	error_case(c, "multipart/form-data body (POST /login)", "/login",
	    "--XyZ\r\nContent-Disposition: form-data; name=\"email\"\r\n\r\na@b.co\r\n--XyZ--\r\n",
	    "multipart/form-data; boundary=XyZ", 415);
	error_case(c, "text/plain body (POST /login)", "/login",
	    "email=a%40example.com&password=x", "text/plain", 415);
	error_case(c, "unknown path", "/no/such/page", NULL, NULL, 404);
	error_case(c, "unknown path with an encoded space", "/no%20such", NULL, NULL, 404);
	error_case(c, "unknown path with non-ASCII UTF-8", "/caf%C3%A9", NULL, NULL, 404);
	error_case(c, "GET on POST-only /logout", "/logout", NULL, NULL, 405);
	error_case(c, "GET on POST-only /settings/credentials/reveal",
	    "/settings/credentials/reveal", NULL, NULL, 405);
	error_case(c, "GET on POST-only /settings/users/invite",
	    "/settings/users/invite", NULL, NULL, 405);
	error_case(c, "POST on GET-only /healthz", "/healthz", "a=1", NULL, 405);
	error_case(c, "path with a control character %01", "/x%01y", NULL, NULL, 400);
	error_case(c, "path with invalid UTF-8 %FF", "/x%FFy", NULL, NULL, 400);
	error_case(c, "query with invalid UTF-8 (GET /login?next=%C3%28)", "/login?next=%C3%28", NULL, NULL, 400);
	error_case(c, "query with a control character (GET /login?next=%01)", "/login?next=%01", NULL, NULL, 400);
	memset(path, 'p', sizeof(path));
	path[0] = '/';
	path[1100] = '\0';
	error_case(c, "path longer than 1024 bytes", path, NULL, NULL, 414);
	error_case(c, "signed-out POST /settings/users/invite", "/settings/users/invite",
	    "email=a%40example.com&role=member", NULL, 401);

	cl_free(c);
	buf_free(&b);
}

static void
test_limits_signed_in(void)
{
	struct client	*s = NULL;

	t_begin("limits: signed-in error pages keep the envelope and validate (404 as admin)");
	REQUIRE((s = signed_in(&U_admin)) != NULL, "sign-in failed");
	REQUIRE(get(s, "/api/no/such/page") == 404, "answered %ld", s->r.status);
	REQUIRE(xpath_count(s->r.doc, "/steward/me") == 1, "no <me> on a signed-in 404");
	REQUIRE(get(s, "/no/such/page") == 404 && strncmp(s->r.ctype, "text/html", 9) == 0,
	    "HTML 404: %ld %s", s->r.status, s->r.ctype);
done:
	cl_free(s);
	t_end();
}

static void
test_health(void)
{
	struct client	*c = cl_new("health");

	t_begin("limits: /healthz -> 200, health/@database='up'; / -> 303 /settings");
	REQUIRE(get(c, "/api/healthz") == 200, "GET /api/healthz answered %ld", c->r.status);
	REQUIRE(strcmp(xs(c, "string(/steward/health/@database)"), "up") == 0,
	    "health/@database is \"%s\"", xs(c, "string(/steward/health/@database)"));
	REQUIRE(get(c, "/healthz") == 200 && strncmp(c->r.ctype, "text/html", 9) == 0,
	    "GET /healthz: %ld %s", c->r.status, c->r.ctype);
	REQUIRE(get(c, "/") == 303 && strcmp(c->r.location, "/settings") == 0,
	    "GET /: %ld Location \"%s\"", c->r.status, c->r.location);
done:
	cl_free(c);
	t_end();
}

/* ------------------------------------------------------- 8. hostile */

static const char *hostile[] = {
	"<script>alert(1)</script>",
	"\"><img src=x onerror=alert(1)>",
	"]]>",
	"&#0;",
	"<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>",
	"\xe2\x80\xae" "moc.elpmaxe@live",		/* U+202E right-to-left override */
	"'\"><svg/onload=alert(1)>&amp;&lt;",
	"\xef\xbb\xbf\xe2\x80\x8b\xf0\x9f\x98\x80 =?UTF-8?B?PHNjcmlwdD4=?=",
};

/* What a hostile answer must never be. */
static void
hostile_answer(struct client *c, int html)
{
	ck(c->r.status > 0 && c->r.status < 500, "%s answered %ld", c->r.what, c->r.status);
	ck(!body_has(c, "root:x:"), "%s shows /etc/passwd", c->r.what);
	ck(!body_has(c, "<script>alert(1)"), "%s reflects <script>alert(1) unescaped", c->r.what);
	ck(!body_has(c, "<img src=x"), "%s reflects <img src=x unescaped", c->r.what);
	ck(!body_has(c, "<svg/onload"), "%s reflects <svg/onload unescaped", c->r.what);
	ck(!body_has(c, "<!ENTITY"), "%s reflects <!ENTITY unescaped", c->r.what);
	if (html) {
		if (c->r.status != 303)
			ck(strncmp(c->r.ctype, "text/html", 9) == 0,
			    "%s: Content-Type \"%s\"", c->r.what, c->r.ctype);
	} else
		ck(c->r.doc != NULL, "%s: no XML document", c->r.what);
}

static void
test_hostile(void)
{
	struct client	*anon = NULL, *adm = NULL, *c = NULL;
	char		 name[300], q[1024], email[128], shown[64], *e;
	struct snap	 s;
	size_t		 i, k;
	int		 html;
	const char	*h;

	for (i = 0; i < sizeof(hostile) / sizeof(hostile[0]); i++) {
		h = hostile[i];
		snprintf(shown, sizeof(shown), "#%zu %.30s", i + 1, h);
		for (e = shown; *e; e++)
			if (*e == '\n')
				*e = ' ';

		snprintf(name, sizeof(name), "hostile %s: GET /login?next=, POST /login email, password, next (HTML and /api)", shown);
		t_begin(name);
		anon = cl_new("anon");
		snprintf(email, sizeof(email), "itest-%s-hostile%zu@example.com", g_tag, i);
		for (html = 0; html < 2; html++) {
			e = curl_easy_escape(anon->h, h, 0);
			snprintf(q, sizeof(q), "%s/login?next=%s", html ? "" : "/api", e);
			curl_free(e);
			get(anon, q);
			hostile_answer(anon, html);
			if (!html) {
				ck(anon->r.status == 200, "%s answered %ld", q, anon->r.status);
				ck(strcmp(xs(anon, "string(/steward/login/@next)"), "/settings") == 0,
				    "login/@next is \"%s\"", xs(anon, "string(/steward/login/@next)"));
				xpath_str(anon->r.doc, "/steward/csrf", anon->csrf, sizeof(anon->csrf));
			}
			snprintf(q, sizeof(q), "%s/login", html ? "" : "/api");
			/* hostile email */
			post(anon, q, "email", h, "password", "Some long password 1",
			    "csrf", anon->csrf, "next", h, NULL);
			hostile_answer(anon, html);
			ck(anon->r.status == 422, "%s (email) answered %ld", q, anon->r.status);
			/* hostile password for an unknown address */
			post(anon, q, "email", email, "password", h, "csrf",
			    anon->csrf, "next", h, NULL);
			hostile_answer(anon, html);
			ck(anon->r.status == 422, "%s (password) answered %ld", q, anon->r.status);
			/* hostile next with the right password */
			post(anon, q, "email", U_member.email, "password",
			    U_member.password, "csrf", anon->csrf, "next", h, NULL);
			hostile_answer(anon, html);
			ck(anon->r.status == 303, "%s (next) answered %ld", q, anon->r.status);
			ck(strcmp(anon->r.location, html ? "/settings" : "/api/settings") == 0,
			    "%s (next): Location \"%s\"", q, anon->r.location);
			cl_free(anon);
			anon = cl_new("anon");
			if (!load_login_csrf(anon))
				ck(0, "GET /api/login: %ld", anon->r.status);
		}
		cl_free(anon);
		anon = NULL;
		unlock(email);
		t_end();

		snprintf(name, sizeof(name), "hostile %s: POST /settings/users/invite, one field at a time: email, role, back, csrf (HTML and /api)", shown);
		t_begin(name);
		if (adm == NULL && (adm = signed_in(&U_admin)) == NULL) {
			t_end();
			continue;
		}
		for (html = 0; html < 2; html++) {
			snprintf(q, sizeof(q), "%s/settings/users/invite", html ? "" : "/api");
			for (k = 0; k < 4; k++) {
				snprintf(email, sizeof(email), "itest-%s-h%zu-%d%zu@example.com",
				    g_tag, i, html, k);
				snap_take(&s);
				switch (k) {
				case 0:
					post(adm, q, "email", h, "role", "member", "csrf", adm->csrf, NULL);
					ck(adm->r.status == 422, "%s (email) answered %ld", q, adm->r.status);
					break;
				case 1:
					post(adm, q, "email", email, "role", h, "csrf", adm->csrf, NULL);
					ck(adm->r.status == 422, "%s (role) answered %ld", q, adm->r.status);
					ck(mail_new(&s, email, NULL) == 0, "%s (role): a mail was sent", q);
					break;
				case 2:
					post(adm, q, "email", email, "role", "agent", "csrf",
					    adm->csrf, "back", h, NULL);
					ck(adm->r.status == 303 && strcmp(adm->r.location,
					    html ? "/settings" : "/api/settings") == 0,
					    "%s (back) answered %ld Location \"%s\"", q,
					    adm->r.status, adm->r.location);
					break;
				case 3:
					post(adm, q, "email", email, "role", "agent", "csrf", h, NULL);
					ck(adm->r.status == 403, "%s (csrf) answered %ld", q, adm->r.status);
					ck(mail_new(&s, email, NULL) == 0, "%s (csrf): a mail was sent", q);
					break;
				}
				snap_free(&s);
				hostile_answer(adm, html);
			}
			if (!html)
				get(adm, "/api/settings");	/* eat the flash */
		}
		t_end();

		snprintf(name, sizeof(name), "hostile %s: POST /settings/users/invite with every field hostile at once -> 422, valid XML, no mail (HTML and /api)", shown);
		t_begin(name);
		for (html = 0; html < 2; html++) {
			snprintf(q, sizeof(q), "%s/settings/users/invite", html ? "" : "/api");
			snap_take(&s);
			post(adm, q, "email", h, "role", h, "csrf", adm->csrf,
			    "back", h, "name", h, NULL);
			ck(adm->r.status == 422, "%s answered %ld", q, adm->r.status);
			ck(mail_new(&s, g_tag, NULL) == 0, "%s: a mail was sent", q);
			snap_free(&s);
			hostile_answer(adm, html);
		}
		t_end();
	}
	cl_free(adm);

	t_begin("hostile: a signed-in page with a hostile query string (GET /settings?x=<script>) is not a 500 and reflects nothing");
	REQUIRE((c = signed_in(&U_member)) != NULL, "sign-in failed");
	e = curl_easy_escape(c->h, hostile[0], 0);
	snprintf(q, sizeof(q), "/settings?next=%s&x=%s", e, e);
	get(c, q);
	hostile_answer(c, 1);
	snprintf(q, sizeof(q), "/api/settings?next=%s&x=%s", e, e);
	curl_free(e);
	get(c, q);
	hostile_answer(c, 0);
done:
	cl_free(c);
	t_end();
}

/* ----------------------------------------------------- 9. sessions */

/* A random, well-formed, unknown session token. */
static void
random_token(char out[44])
{
	unsigned char	 rnd[43];
	int		 fd, i;

	fd = open("/dev/urandom", O_RDONLY);
	if (fd < 0 || read(fd, rnd, sizeof(rnd)) != (ssize_t)sizeof(rnd))
		memset(rnd, 7, sizeof(rnd));
	if (fd >= 0)
		close(fd);
	for (i = 0; i < 43; i++)
		out[i] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"[rnd[i] & 63];
	out[43] = '\0';
}

static void
test_signed_out(void)
{
	struct client	*c = cl_new("anon");

	t_begin("sessions: signed out GET /settings -> 303 /login?next=/settings; /api/settings -> 401");
	REQUIRE(get(c, "/settings") == 303, "GET /settings answered %ld", c->r.status);
	REQUIRE(strcmp(c->r.location, "/login?next=/settings") == 0, "Location \"%s\"", c->r.location);
	REQUIRE(get(c, "/api/settings") == 401, "GET /api/settings answered %ld", c->r.status);
	REQUIRE(xpath_count(c->r.doc, "/steward/error-page[@status='401']") == 1, "no 401 error-page");
	REQUIRE(xpath_count(c->r.doc, "/steward/me") == 0, "<me> present");
done:
	cl_free(c);
	t_end();
}

static void
test_forged(void)
{
	struct client	*c = cl_new("anon");
	char		 forged[44];

	t_begin("sessions: a forged stw_session (random 43 chars) is treated as signed out");
	random_token(forged);
	cl_set_cookie(c, "stw_session", forged);
	REQUIRE(get(c, "/api/settings") == 401, "GET /api/settings answered %ld", c->r.status);
	REQUIRE(xpath_count(c->r.doc, "/steward/me") == 0, "<me> present");
	REQUIRE(get(c, "/settings") == 303 && strcmp(c->r.location, "/login?next=/settings") == 0,
	    "GET /settings answered %ld Location \"%s\"", c->r.status, c->r.location);
	REQUIRE(get(c, "/api/login") == 200, "GET /api/login answered %ld", c->r.status);
	REQUIRE(xpath_count(c->r.doc, "/steward/me") == 0, "login page shows <me>");
done:
	cl_free(c);
	t_end();
}

static void
test_fixation(void)
{
	struct client	*c = cl_new("anon"), *replay = cl_new("replay");
	char		 forged[44], v[256];

	t_begin("sessions: a stw_session planted before sign-in is not reused (session fixation)");
	random_token(forged);
	cl_set_cookie(c, "stw_session", forged);
	REQUIRE(load_login_csrf(c), "GET /api/login answered %ld", c->r.status);
	post(c, "/api/login", "email", U_creator.email, "password",
	    U_creator.password, "csrf", c->csrf, NULL);
	REQUIRE(c->r.status == 303, "sign-in answered %ld", c->r.status);
	REQUIRE(set_cookie(c, "stw_session", v, sizeof(v), NULL, 0),
	    "no new stw_session cookie set");
	REQUIRE(strcmp(v, forged) != 0, "the planted session token was kept");
	REQUIRE(strlen(v) == 43, "new token \"%s\"", v);
	cl_set_cookie(replay, "stw_session", forged);
	REQUIRE(get(replay, "/api/settings") == 401, "the planted token is signed in (%ld)", replay->r.status);
done:
	cl_free(c);
	cl_free(replay);
	t_end();
}

static void
test_relogin(void)
{
	struct client	*m = NULL, *replay = cl_new("replay");
	char		 old[256], v[256];

	t_begin("sessions: signing in again over a live session issues a new token and ends the old one");
	REQUIRE((m = signed_in(&U_member)) != NULL, "sign-in failed");
	jar_cookie(m, "stw_session", old, sizeof(old));
	REQUIRE(strlen(old) == 43, "no session in the jar");
	post(m, "/api/login", "email", U_agent.email, "password",
	    U_agent.password, "csrf", m->csrf, NULL);
	REQUIRE(m->r.status == 303, "second sign-in answered %ld", m->r.status);
	REQUIRE(set_cookie(m, "stw_session", v, sizeof(v), NULL, 0) && strlen(v) == 43,
	    "no new session cookie");
	REQUIRE(strcmp(v, old) != 0, "the session token was not rotated");
	REQUIRE(get(m, "/api/settings") == 200 &&
	    strcmp(xs(m, "string(/steward/me/@email)"), U_agent.email) == 0,
	    "signed in as \"%s\"", xs(m, "string(/steward/me/@email)"));
	cl_set_cookie(replay, "stw_session", old);
	REQUIRE(get(replay, "/api/settings") == 401, "the old token still works (%ld)", replay->r.status);
done:
	cl_free(m);
	cl_free(replay);
	t_end();
}

static void
test_bad_cookies(void)
{
	static const char *bad[] = {
		"abc", "%00%00", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
		"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA!",
	};
	struct client	*c = NULL;
	size_t		 j;

	t_begin("sessions: malformed session cookies -> signed out (401), never 500");
	for (j = 0; j < sizeof(bad) / sizeof(bad[0]); j++) {
		cl_free(c);
		c = cl_new("replay");
		cl_set_cookie(c, "stw_session", bad[j]);
		get(c, "/api/settings");
		REQUIRE(c->r.status == 401, "stw_session=%s: %ld", bad[j], c->r.status);
	}
done:
	cl_free(c);
	t_end();
}

/* ------------------------------------------------- 10. cross-account */

static void
no_secret_of(struct client *c, const struct account *other)
{
	ck(!body_has(c, other->id), "%s shows the other account's ID %s", c->r.what, other->id);
	ck(!body_has(c, other->passcode), "%s shows the other account's passcode", c->r.what);
}

static void
test_cross_b(void)
{
	static const char *paths[] = {
		"/api/settings", "/settings", "/api/login", "/api/healthz",
		"/api/no/such", "/api/settings/credentials/reveal",
	};
	struct client	*b = NULL;
	size_t		 i;
	char		 q[256], *e;

	t_begin("cross-account: Admin of account B never sees account A's ID or passcode");
	REQUIRE(strcmp(A.id, B.id) != 0 && strcmp(A.passcode, B.passcode) != 0,
	    "the two accounts share an ID or passcode");
	REQUIRE((b = signed_in(&U_badmin)) != NULL, "sign-in failed");
	REQUIRE(strcmp(xs(b, "string(/steward/account/@id)"), B.id) == 0,
	    "account/@id is \"%s\", not B's %s", xs(b, "string(/steward/account/@id)"), B.id);
	REQUIRE(xpath_count(b->r.doc, "/steward/accounts/account") == 1,
	    "the switcher lists %d accounts", xpath_count(b->r.doc, "/steward/accounts/account"));
	for (i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		get(b, paths[i]);
		no_secret_of(b, &A);
	}
	post(b, "/api/settings/credentials/reveal", "csrf", b->csrf, NULL);
	REQUIRE(b->r.status == 200, "B's reveal answered %ld", b->r.status);
	REQUIRE(strcmp(xs(b, "string(/steward/credentials/passcode)"), B.passcode) == 0,
	    "B's reveal shows \"%s\", not B's passcode", xs(b, "string(/steward/credentials/passcode)"));
	no_secret_of(b, &A);
	e = curl_easy_escape(b->h, A.id, 0);
	snprintf(q, sizeof(q), "/api/settings?account=%s", e);
	curl_free(e);
	get(b, q);
	no_secret_of(b, &A);
	post(b, "/api/settings/credentials/reveal", "csrf", b->csrf, "account", A.id, NULL);
	no_secret_of(b, &A);
	REQUIRE(strcmp(xs(b, "string(/steward/credentials/passcode)"), B.passcode) == 0,
	    "reveal with account=A shows \"%s\"", xs(b, "string(/steward/credentials/passcode)"));
done:
	cl_free(b);
	t_end();
}

static void
test_cross_a(void)
{
	struct client	*a = NULL;

	t_begin("cross-account: Admin of account A never sees account B's ID or passcode");
	REQUIRE((a = signed_in(&U_admin)) != NULL, "sign-in failed");
	no_secret_of(a, &B);
	post(a, "/api/settings/credentials/reveal", "csrf", a->csrf, NULL);
	REQUIRE(a->r.status == 200, "A's reveal answered %ld", a->r.status);
	no_secret_of(a, &B);
	REQUIRE(xpath_count(a->r.doc, "/steward/accounts/account") == 1,
	    "the switcher lists %d accounts", xpath_count(a->r.doc, "/steward/accounts/account"));
done:
	cl_free(a);
	t_end();
}


/* HEAD answers like GET (nginx drops the body): never a 500 from the filter. */
static void
test_head(void)
{
	static const struct {
		const char	*path;
		long		 status;
	} cases[] = {
		{ "/login", 200 }, { "/api/login", 200 }, { "/healthz", 200 },
		{ "/settings", 303 }, { "/api/settings", 401 }, { "/no-such", 404 },
	};
	char	 url[1024];
	CURL	*h;
	long	 st;
	size_t	 i;

	t_begin("HEAD answers with the status of GET on HTML and XML paths");
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		if ((h = curl_easy_init()) == NULL)
			break;
		snprintf(url, sizeof(url), "%s%s", g_url, cases[i].path);
		curl_easy_setopt(h, CURLOPT_URL, url);
		curl_easy_setopt(h, CURLOPT_NOBODY, 1L);
		st = curl_easy_perform(h) == CURLE_OK ? 0 : -1;
		if (st == 0)
			curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &st);
		curl_easy_cleanup(h);
		ck(st == cases[i].status, "HEAD %s: %ld, want %ld", cases[i].path,
		    st, cases[i].status);
	}
	t_end();
}

/* The foundation's tests, in order. */
static void
part_core(void)
{
	test_login_good();
	test_login_wrong_password();
	test_login_unknown_email();
	test_login_bad_inputs();
	test_login_throttle();
	test_login_next();
	test_logout();
	test_csrf();
	test_csrf_login_nopre();
	test_csrf_login_otherpre();
	test_csrf_login_origin();
	test_csrf_origin();
	test_csrf_origin_same();
	test_no_store();
	test_invite_roles();
	test_invite_hidden();
	test_invite_bad();
	test_invite_normalise();
	test_roles_can();
	test_limits();
	test_limits_signed_in();
	test_health();
	test_head();
	test_hostile();
	test_signed_out();
	test_forged();
	test_fixation();
	test_relogin();
	test_bad_cookies();
	test_cross_b();
	test_cross_a();
}
