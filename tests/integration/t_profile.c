/*
 * Tests of the profile page and its forms: the page, the details,
 * sessions, the sign-in email change (/settings/profile/email and the
 * link, /email/confirm), CSRF on every form of the profile, password and
 * 2-step pages, and hostile input in all their fields.  Every refusal is
 * checked for its clear error and for nothing having changed, by reading
 * the database and the pages.  Uses t_profile_fixtures.c.
 */

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
	    "/steward/can[@profile='yes' and @password='yes']") == 1,
	    "the overview does not offer profile and password");
	REQUIRE(get(c, "/settings") == 200 && body_has(c, "href=\"/settings/profile\"") &&
	    body_has(c, "href=\"/settings/password\""),
	    "the overview does not link profile and password");
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

	t_begin("sessions: 22 sessions: page 1 lists 20 with <pager page=1 per-page=20 next=yes> and the HTML Next link to ?page=2#sessions (the card); page 2 lists 2 with next=no, a Previous link to ?page=1#sessions and the sign-out-others button; old page/more attributes gone");
	for (i = 0; i < 21; i++)
		REQUIRE(pf_sql(NULL, 0, "INSERT INTO session (token_hash, user_id, account_id, ip,"
		    " user_agent, stage, expires_at) SELECT UNHEX(SHA2(UUID(), 256)), user_id,"
		    " account_id, ip, user_agent, stage, expires_at FROM session WHERE user_id ="
		    " (SELECT id FROM user WHERE email = '%s') LIMIT 1", u->email) == 0, "insert");
	REQUIRE(pf_load(a, "/api/settings/profile") == 200, "GET: %ld", a->r.status);
	ck(xpath_count(a->r.doc, "/steward/sessions/session") == 20, "%d sessions on page 1",
	    xpath_count(a->r.doc, "/steward/sessions/session"));
	ck(xpath_count(a->r.doc, "/steward/sessions/pager[@path='/settings/profile' and @page='1'"
	    " and @per-page='20' and @next='yes' and not(@total) and not(keep)]") == 1, "pager of page 1");
	ck(xpath_count(a->r.doc, "/steward/sessions[@page or @more]") == 0, "old attributes");
	get(a, "/settings/profile");
	ck(body_has(a, "rel=\"next\" href=\"/settings/profile?page=2#sessions\"") &&
	    !body_has(a, "rel=\"prev\""), "HTML pager of page 1");
	REQUIRE(pf_load(a, "/api/settings/profile?page=2") == 200, "GET page 2: %ld", a->r.status);
	ck(xpath_count(a->r.doc, "/steward/sessions/session") == 2, "%d sessions on page 2",
	    xpath_count(a->r.doc, "/steward/sessions/session"));
	ck(xpath_count(a->r.doc, "/steward/sessions/pager[@page='2' and @next='no']") == 1, "pager of page 2");
	get(a, "/settings/profile?page=2");
	ck(body_has(a, "rel=\"prev\" href=\"/settings/profile?page=1#sessions\"") &&
	    !body_has(a, "rel=\"next\"") && body_has(a, "Sign out all other sessions"), "HTML pager of page 2");
	pf_load(a, "/api/settings/profile");
	post(a, "/api/settings/profile/sessions/end-others", "csrf", a->csrf, NULL);
	REQUIRE(a->r.status == 303, "end-others answered %ld", a->r.status);
	REQUIRE(pf_load(a, "/api/settings/profile") == 200 &&
	    xpath_count(a->r.doc, "/steward/sessions/session") == 1 &&
	    xpath_count(a->r.doc, "/steward/sessions/pager[@page='1' and @next='no']") == 1, "one session left");
	get(a, "/settings/profile");
	ck(!body_has(a, "class=\"pager\"") && !body_has(a, "Sign out all other sessions"),
	    "a list of one page has no pager and no sign-out-others");
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

/* --------------------------------------------------- 5. email change */

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

/* ------------------------------------------------------- 6. hostile */

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

/* The profile page's tests, in order. */
static void
part_profile(void)
{
	if (!pf_group_setup("profile"))
		return;
	test_pf_page();
	test_pf_details();
	test_pf_details_bad();
	test_pf_csrf();
	test_pf_sessions();
	test_pf_email();
	test_pf_hostile();
}
