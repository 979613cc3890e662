/*
 * Tests of the password pages: the rules of a new password and the
 * change (/settings/password), the reset by mail (/password/forgot,
 * /password/reset).  Every refusal is checked for its clear error and
 * for nothing having changed.  Uses t_profile_fixtures.c.
 */

/* ------------------------------------------------------ 1. change */

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

/* ------------------------------------------------ 2. forgot / reset */

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

/* The password pages' tests, in order. */
static void
part_password(void)
{
	if (!pf_group_setup("password"))
		return;
	test_pf_password_rules();
	test_pf_password_change();
	test_pf_forgot();
	test_pf_forgot_bad();
	test_pf_reset();
}
