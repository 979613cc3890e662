/*
 * Tests of passkeys (issue 17) without a browser: the options documents,
 * and every new POST given hostile input — no CSRF token, another
 * person's passkey, a passkey that does not exist, names too long, not
 * UTF-8 or with control characters, answers that are not WebAuthn at all,
 * a challenge replayed — each answered clearly with nothing changed (read
 * back with the mariadb client).  The passkeys these tests need are rows
 * made with SQL (their keys are never used: every refusal here comes
 * before a signature); a real registration and sign-in are the browser
 * tests' (tests/browser/t_passkeys.mjs, chromium's virtual
 * authenticator).  The 2-step reset removes passkeys.  Uses
 * t_profile_fixtures.c.
 */

/* A passkey row for the user with email: its id ("" on failure). */
static const char *
pk_row(const char *email, const char *cred_hex, const char *name)
{
	static char	 id[32];

	if (pf_sql(NULL, 0, "INSERT INTO passkey (user_id, cred_id, public_key, "
	    "alg, aaguid, name) SELECT id, UNHEX('%s'), UNHEX('a0'), -7, "
	    "UNHEX(REPEAT('00', 16)), '%s' FROM user WHERE email = '%s'",
	    cred_hex, name, email) != 0)
		return "";
	snprintf(id, sizeof(id), "%s", pf_sqlv("SELECT p.id FROM passkey p JOIN "
	    "user u ON u.id = p.user_id WHERE u.email = '%s' AND p.cred_id = "
	    "UNHEX('%s')", email, cred_hex));
	return id;
}

/* How many passkeys the user with email has. */
static int
pk_count(const char *email)
{
	return atoi(pf_sqlv("SELECT COUNT(*) FROM passkey p JOIN user u ON "
	    "u.id = p.user_id WHERE u.email = '%s'", email));
}

/* The name of passkey id. */
static const char *
pk_name(const char *id)
{
	return pf_sqlv("SELECT name FROM passkey WHERE id = %s", id);
}

/* base64url (no padding) of the n bytes at s, into out. */
static void
b64n(const char *s, size_t n, char *out, size_t outlen)
{
	static const char	 al[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 i, o = 0;
	unsigned long		 v;

	for (i = 0; i < n && o + 5 < outlen; i += 3) {
		v = (unsigned long)p[i] << 16 | (i + 1 < n ? p[i + 1] << 8 : 0) |
		    (i + 2 < n ? p[i + 2] : 0);
		out[o++] = al[v >> 18 & 63];
		out[o++] = al[v >> 12 & 63];
		if (i + 1 < n)
			out[o++] = al[v >> 6 & 63];
		if (i + 2 < n)
			out[o++] = al[v & 63];
	}
	out[o] = '\0';
}

/* base64url (no padding) of the string s, into out. */
static void
b64u(const char *s, char *out, size_t outlen)
{
	b64n(s, strlen(s), out, outlen);
}

/*
 * A credential id of this run: 4 bytes of byte b, then the run tag's
 * 4 bytes (hex), as hex (for SQL) and base64url (as a browser posts it).
 */
static void
pk_cred(unsigned b, char hex[17], char b64[16])
{
	char		 raw[8];
	unsigned	 i, v;

	snprintf(hex, 17, "%02x%02x%02x%02x%.8s", b, b, b, b, g_tag);
	for (i = 0; i < 8; i++) {
		sscanf(hex + 2 * i, "%2x", &v);
		raw[i] = (char)v;
	}
	b64n(raw, 8, b64, 16);
}

/* ------------------------------------------------ 1. the options */

static void
test_pk_options(void)
{
	struct client	*c = NULL, *anon = cl_new("pk-anon");
	struct user	*u;
	char		 host[256];

	t_begin("passkeys: options for adding (a fresh 32-byte challenge, the relying party of the request's origin, the person; bound to the session) and for signing in (user verification required, no credentials listed); none without the CSRF token (403)");
	REQUIRE((u = pf_user("member", "pk-opt", &PA)) != NULL, "user");
	REQUIRE((c = signed_in(u)) != NULL, "sign-in");
	post(c, "/api/settings/profile/passkeys/options", NULL);
	REQUIRE(c->r.status == 403, "no CSRF: %ld", c->r.status);
	post(c, "/api/settings/profile/passkeys/options", "csrf", c->csrf, NULL);
	REQUIRE(c->r.status == 200, "options: %ld", c->r.status);
	REQUIRE(strlen(xs(c, "string(/steward/passkey-options/@challenge)")) == 43,
	    "challenge \"%s\" is not 32 bytes", xs(c, "string(/steward/passkey-options/@challenge)"));
	snprintf(host, sizeof(host), "%s", g_host);
	host[strcspn(host, ":")] = '\0';
	REQUIRE(strcmp(xs(c, "string(/steward/passkey-options/@rp-id)"), host) == 0,
	    "rp-id \"%s\", not %s", xs(c, "string(/steward/passkey-options/@rp-id)"), host);
	REQUIRE(strcmp(xs(c, "string(/steward/passkey-options/@user-name)"), u->email) == 0,
	    "user-name");
	REQUIRE(strcmp(xs(c, "string(/steward/passkey-options/@purpose)"), "add") == 0, "purpose");
	REQUIRE(atoi(pf_sqlv("SELECT COUNT(*) FROM webauthn_challenge WHERE purpose = 1 AND "
	    "expires_at BETWEEN UTC_TIMESTAMP(6) + INTERVAL 290 SECOND AND "
	    "UTC_TIMESTAMP(6) + INTERVAL 300 SECOND")) >= 1, "no challenge stored for 5 minutes");
	REQUIRE(load_login_csrf(anon), "login csrf");
	post(anon, "/api/login/passkey/options", NULL);
	REQUIRE(anon->r.status == 403, "sign-in options without CSRF: %ld", anon->r.status);
	post(anon, "/api/login/passkey/options", "csrf", anon->csrf, NULL);
	REQUIRE(anon->r.status == 200, "sign-in options: %ld", anon->r.status);
	REQUIRE(strcmp(xs(anon, "string(/steward/passkey-options/@uv)"), "required") == 0,
	    "user verification must be required without a password");
	REQUIRE(xpath_count(anon->r.doc, "/steward/passkey-options/credential") == 0,
	    "sign-in options list credentials");
	post(anon, "/api/login/verify/passkey/options", "csrf", anon->csrf, NULL);
	REQUIRE(anon->r.status == 303, "second-step options without a password: %ld",
	    anon->r.status);
done:
	if (c != NULL)
		cl_free(c);
	cl_free(anon);
	t_end();
}

/* ------------------------------------------------- 2. adding refused */

static void
test_pk_add_refused(void)
{
	struct client	*c = NULL;
	struct user	*u;
	char		*longname = repeat('k', 65), json[1024], cd[1400];
	const char	*bad_utf8 = "Key \xff\xfe", *ctl = "Key\x01one";
	int		 audits0;

	t_begin("passkeys: adding refused with nothing stored: no CSRF (403); a name empty or of 65 characters (the name's error), not UTF-8 or with a control character (400); no answer from the browser; client data that is not WebAuthn; the wrong challenge; the same answer twice (the challenge was used)");
	REQUIRE((u = pf_user("member", "pk-add", &PA)) != NULL, "user");
	REQUIRE((c = signed_in(u)) != NULL, "sign-in");
	audits0 = audits_all(u->email);
	post(c, "/api/settings/profile/passkeys/add", "name", "Laptop", NULL);
	REQUIRE(c->r.status == 403, "no CSRF: %ld", c->r.status);
	post(c, "/api/settings/profile/passkeys/add", "csrf", c->csrf, "name", "", NULL);
	REQUIRE(c->r.status == 422 && strcmp(xs(c, "string(/steward/errors/error/@field)"), "name") == 0,
	    "empty name: %ld", c->r.status);
	REQUIRE(strcmp(xs(c, "string(/steward/profile/@form)"), "passkey-add") == 0, "form");
	post(c, "/api/settings/profile/passkeys/add", "csrf", c->csrf, "name", longname, NULL);
	REQUIRE(c->r.status == 422 && strcmp(xs(c, "string(/steward/errors/error/@field)"), "name") == 0,
	    "65 characters: %ld", c->r.status);
	post(c, "/api/settings/profile/passkeys/add", "csrf", c->csrf, "name", bad_utf8, NULL);
	REQUIRE(c->r.status == 422 || c->r.status == 400, "not UTF-8: %ld", c->r.status);
	post(c, "/api/settings/profile/passkeys/add", "csrf", c->csrf, "name", ctl, NULL);
	REQUIRE(c->r.status == 400, "control character (refused for any field): %ld", c->r.status);
	post(c, "/api/settings/profile/passkeys/add", "csrf", c->csrf, "name", "Laptop",
	    "client_data", "", "attestation", "", NULL);
	REQUIRE(c->r.status == 422 && strstr(xs(c, "string(/steward/errors/error)"),
	    "did not make a passkey") != NULL, "no answer: %ld \"%s\"", c->r.status,
	    xs(c, "string(/steward/errors/error)"));
	REQUIRE(strcmp(xs(c, "string(/steward/passkey-form/@name)"), "Laptop") == 0,
	    "the name typed is not kept");

	post(c, "/api/settings/profile/passkeys/options", "csrf", c->csrf, NULL);
	post(c, "/api/settings/profile/passkeys/add", "csrf", c->csrf, "name", "Laptop",
	    "client_data", "not*base64", "attestation", "oA", NULL);
	REQUIRE(c->r.status == 422 && strstr(xs(c, "string(/steward/errors/error)"),
	    "client data") != NULL, "garbage: %ld \"%s\"", c->r.status,
	    xs(c, "string(/steward/errors/error)"));

	post(c, "/api/settings/profile/passkeys/options", "csrf", c->csrf, NULL);
	snprintf(json, sizeof(json), "{\"type\":\"webauthn.create\",\"challenge\":"
	    "\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\",\"origin\":\"%s\"}", g_origin);
	b64u(json, cd, sizeof(cd));
	post(c, "/api/settings/profile/passkeys/add", "csrf", c->csrf, "name", "Laptop",
	    "client_data", cd, "attestation", "oA", NULL);
	REQUIRE(c->r.status == 422 && strstr(xs(c, "string(/steward/errors/error)"),
	    "challenge is not the one issued") != NULL, "wrong challenge: %ld \"%s\"",
	    c->r.status, xs(c, "string(/steward/errors/error)"));
	post(c, "/api/settings/profile/passkeys/add", "csrf", c->csrf, "name", "Laptop",
	    "client_data", cd, "attestation", "oA", NULL);
	REQUIRE(c->r.status == 422 && strstr(xs(c, "string(/steward/errors/error)"),
	    "expired or was used already") != NULL, "replayed: %ld \"%s\"", c->r.status,
	    xs(c, "string(/steward/errors/error)"));
	REQUIRE(pk_count(u->email) == 0, "a passkey was stored");
	REQUIRE(audits_all(u->email) == audits0, "refusals were audited as changes");
done:
	free(longname);
	if (c != NULL)
		cl_free(c);
	t_end();
}

/* --------------------------------------------- 3. rename and remove */

static void
test_pk_manage(void)
{
	struct client	*c = NULL;
	struct user	*u, *v;
	char		 own[32], foreign[32], h1[17], h2[17], b[16];
	char		*longname = repeat('n', 65);

	t_begin("passkeys: rename and remove: another person's passkey or none (404, unchanged), no CSRF (403), a bad name (422, unchanged), a wrong password (422, kept); then renamed and removed, each audited");
	REQUIRE((u = pf_user("member", "pk-man", &PA)) != NULL, "user");
	REQUIRE((v = pf_user("admin", "pk-other", &PB)) != NULL, "other user");
	pk_cred(0xa1, h1, b);
	pk_cred(0xb2, h2, b);
	snprintf(own, sizeof(own), "%s", pk_row(u->email, h1, "Desk key"));
	snprintf(foreign, sizeof(foreign), "%s", pk_row(v->email, h2, "Their key"));
	REQUIRE(own[0] != '\0' && foreign[0] != '\0', "passkey rows");
	REQUIRE((c = signed_in(u)) != NULL, "sign-in");
	REQUIRE(pf_load(c, "/api/settings/profile") == 200, "profile");
	REQUIRE(xpath_count(c->r.doc, "/steward/passkeys/passkey[@name = 'Desk key' and @kind = 'Passkey' and @alg = 'ES256']") == 1,
	    "the profile does not list the passkey");

	post(c, "/api/settings/profile/passkeys/rename", "csrf", c->csrf, "passkey", foreign, "name", "Mine now", NULL);
	REQUIRE(c->r.status == 404, "another's rename: %ld", c->r.status);
	post(c, "/api/settings/profile/passkeys/rename", "csrf", c->csrf, "passkey", "999999999", "name", "X", NULL);
	REQUIRE(c->r.status == 404, "none: %ld", c->r.status);
	post(c, "/api/settings/profile/passkeys/rename", "csrf", c->csrf, "passkey", "x1", "name", "X", NULL);
	REQUIRE(c->r.status == 404, "not an id: %ld", c->r.status);
	post(c, "/api/settings/profile/passkeys/rename", "passkey", own, "name", "No token", NULL);
	REQUIRE(c->r.status == 403, "no CSRF: %ld", c->r.status);
	post(c, "/api/settings/profile/passkeys/rename", "csrf", c->csrf, "passkey", own, "name", longname, NULL);
	REQUIRE(c->r.status == 422 && strcmp(xs(c, "string(/steward/passkey-form/@passkey)"), own) == 0,
	    "long name: %ld", c->r.status);
	post(c, "/api/settings/profile/passkeys/rename", "csrf", c->csrf, "passkey", own, "name", "Bad \xc3", NULL);
	REQUIRE(c->r.status == 422 || c->r.status == 400, "not UTF-8: %ld", c->r.status);
	REQUIRE(strcmp(pk_name(own), "Desk key") == 0 && strcmp(pk_name(foreign), "Their key") == 0,
	    "a refused rename changed a name");

	post(c, "/api/settings/profile/passkeys/remove", "csrf", c->csrf, "passkey", foreign, "password", u->password, NULL);
	REQUIRE(c->r.status == 404, "another's remove: %ld", c->r.status);
	post(c, "/api/settings/profile/passkeys/remove", "passkey", own, "password", u->password, NULL);
	REQUIRE(c->r.status == 403, "no CSRF: %ld", c->r.status);
	post(c, "/api/settings/profile/passkeys/remove", "csrf", c->csrf, "passkey", own, "password", "wrong password here", NULL);
	REQUIRE(c->r.status == 422 && strcmp(xs(c, "string(/steward/errors/error/@field)"), "password") == 0,
	    "wrong password: %ld", c->r.status);
	post(c, "/api/settings/profile/passkeys/remove", "csrf", c->csrf, "passkey", own, NULL);
	REQUIRE(c->r.status == 422, "no password: %ld", c->r.status);
	REQUIRE(pk_count(u->email) == 1 && pk_count(v->email) == 1, "a refused remove removed one");
	REQUIRE(audits(u->email, "passkey.rename") + audits(u->email, "passkey.remove") == 0,
	    "refusals audited as changes");

	post(c, "/api/settings/profile/passkeys/rename", "csrf", c->csrf, "passkey", own, "name", "Kitchen key", NULL);
	REQUIRE(c->r.status == 303 && strcmp(pk_name(own), "Kitchen key") == 0, "rename: %ld", c->r.status);
	REQUIRE(audits(u->email, "passkey.rename") == 1, "rename not audited");
	unlock(u->email);
	post(c, "/api/settings/profile/passkeys/remove", "csrf", c->csrf, "passkey", own, "password", u->password, NULL);
	REQUIRE(c->r.status == 303 && pk_count(u->email) == 0, "remove: %ld", c->r.status);
	REQUIRE(audits(u->email, "passkey.remove") == 1, "remove not audited");
	REQUIRE(pk_count(v->email) == 1, "the other person's passkey went too");
done:
	free(longname);
	if (c != NULL)
		cl_free(c);
	t_end();
}

/* ------------------------------------------------ 4. signing in */

static void
test_pk_signin_refused(void)
{
	struct client	*c = cl_new("pk-signin"), *foreign = cl_new("pk-origin");
	struct user	*u;
	char		 cred[16], hex[17];

	t_begin("passkeys: signing in refused, one answer, no session: no CSRF (403); no challenge asked; not WebAuthn at all; a registered credential with a forged answer; a foreign Origin (403)");
	REQUIRE((u = pf_user("member", "pk-in", &PA)) != NULL, "user");
	pk_cred(0xc3, hex, cred);
	REQUIRE(pk_row(u->email, hex, "Key")[0] != '\0', "passkey row");
	REQUIRE(load_login_csrf(c), "login csrf");
	post(c, "/api/login/passkey", "credential", cred, NULL);
	REQUIRE(c->r.status == 403, "no CSRF: %ld", c->r.status);
	post(c, "/api/login/passkey", "csrf", c->csrf, "credential", cred, "client_data", "e30",
	    "authenticator_data", "AAAA", "signature", "AAAA", NULL);
	REQUIRE(c->r.status == 422 && strstr(xs(c, "string(/steward/errors/error)"),
	    "That passkey did not sign you in") != NULL, "no challenge: %ld", c->r.status);
	REQUIRE(!sets_cookie(c, "stw_session"), "a session cookie was set");
	post(c, "/api/login/passkey/options", "csrf", c->csrf, NULL);
	post(c, "/api/login/passkey", "csrf", c->csrf, "credential", "%%%", "client_data", "***",
	    "authenticator_data", "", "signature", "", NULL);
	REQUIRE(c->r.status == 422 && strstr(xs(c, "string(/steward/errors/error)"),
	    "That passkey did not sign you in") != NULL, "garbage: %ld", c->r.status);
	post(c, "/api/login/passkey/options", "csrf", c->csrf, NULL);
	post(c, "/api/login/passkey", "csrf", c->csrf, "credential", cred, "client_data", "e30",
	    "authenticator_data", "AAAA", "signature", "AAAA", NULL);
	REQUIRE(c->r.status == 422 && strstr(xs(c, "string(/steward/errors/error)"),
	    "That passkey did not sign you in") != NULL, "forged: %ld", c->r.status);
	REQUIRE(!sets_cookie(c, "stw_session"), "a session cookie was set");
	post(c, "/api/login/passkey", "csrf", c->csrf, "credential", cred, "client_data", "\x01", NULL);
	REQUIRE(c->r.status == 400, "a control character: %ld", c->r.status);
	REQUIRE(load_settings(c) != 200, "signed in after refusals");
	REQUIRE(atoi(pf_sqlv("SELECT COUNT(*) FROM audit_log WHERE action = 'login.passkey.failed' "
	    "AND created_at > UTC_TIMESTAMP(6) - INTERVAL 1 MINUTE")) >= 3, "refusals not audited");

	REQUIRE(load_login_csrf(foreign), "login csrf");
	foreign->origin = "http://localhost:1";
	post(foreign, "/api/login/passkey/options", "csrf", foreign->csrf, NULL);
	REQUIRE(foreign->r.status == 403, "another port's Origin: %ld", foreign->r.status);
	foreign->origin = "http://evil.example";
	post(foreign, "/api/login", "csrf", foreign->csrf, "email", u->email, "password", u->password, NULL);
	REQUIRE(foreign->r.status == 403, "a foreign Origin: %ld", foreign->r.status);
done:
	cl_free(c);
	cl_free(foreign);
	t_end();
}

/* --------------------------------- 5. the second step, and the reset */

static void
test_pk_step(void)
{
	struct client	*c = cl_new("pk-step");
	struct user	*u, *v;
	char		 cred[16], mine[16], h1[17], h2[17], out[512];
	int		 failed0;

	t_begin("passkeys: in an organization requiring 2-step, a password with a passkey on file leads to /login/verify offering only the passkey; another person's credential there is refused and counted; the 2-step reset removes the passkeys (passkey.reset audited)");
	REQUIRE((u = pf_user("member", "pk-step", &PC)) != NULL, "user");
	REQUIRE((v = pf_user("member", "pk-step-other", &PA)) != NULL, "other user");
	pk_cred(0xd4, h1, mine);
	pk_cred(0xe5, h2, cred);
	REQUIRE(pk_row(u->email, h1, "Phone")[0] != '\0', "passkey row");
	REQUIRE(pk_row(v->email, h2, "Theirs")[0] != '\0', "other passkey row");
	REQUIRE(pf_password_step(c, u->email, u->password, NULL) == 303 &&
	    strstr(c->r.location, "/login/verify") != NULL, "password: %ld to %s",
	    c->r.status, c->r.location);
	REQUIRE(pf_load(c, "/api/login/verify") == 200, "verify: %ld", c->r.status);
	REQUIRE(strcmp(xs(c, "string(/steward/verify/@totp)"), "no") == 0 &&
	    strcmp(xs(c, "string(/steward/verify/@passkey)"), "yes") == 0, "verify offers");
	post(c, "/api/login/verify/passkey/options", "csrf", c->csrf, NULL);
	REQUIRE(c->r.status == 200 && xpath_count(c->r.doc, "/steward/passkey-options/credential") == 1,
	    "step options: %ld", c->r.status);
	REQUIRE(strcmp(xs(c, "string(/steward/passkey-options/credential/@id)"), mine) == 0,
	    "step options allow \"%s\"", xs(c, "string(/steward/passkey-options/credential/@id)"));
	failed0 = audits(u->email, "login.verify.failed");
	post(c, "/api/login/verify/passkey", "csrf", c->csrf, "credential", cred, "client_data", "e30",
	    "authenticator_data", "AAAA", "signature", "AAAA", NULL);
	REQUIRE(c->r.status == 422 && strstr(xs(c, "string(/steward/errors/error)"),
	    "not registered here") != NULL, "another's credential: %ld \"%s\"", c->r.status,
	    xs(c, "string(/steward/errors/error)"));
	REQUIRE(audits(u->email, "login.verify.failed") == failed0 + 1, "not counted");
	REQUIRE(load_settings(c) != 200, "signed in by another's credential");

	REQUIRE(admin_run(NULL, out, sizeof(out), "user-reset-2fa", u->email, NULL) == 0,
	    "user-reset-2fa: %s", out);
	REQUIRE(pk_count(u->email) == 0, "the reset left the passkeys");
	REQUIRE(atoi(pf_sqlv("SELECT COUNT(*) FROM audit_log WHERE action = 'passkey.reset' "
	    "AND target LIKE '%s%%'", u->email)) == 1, "passkey.reset not audited");
	REQUIRE(pk_count(v->email) == 1, "the reset removed someone else's passkey");
done:
	cl_free(c);
	t_end();
}

/*
 * The Users page counts a passkey as 2-step, as the reset and the
 * organization's rule do: a member with a passkey and no TOTP is offered
 * the reset; once reset, no longer.
 */
static void
test_pk_users_list(void)
{
	struct client	*c = NULL;
	struct user	*a, *w;
	char		 h[17], b[16], expr[512], out[512];

	t_begin("passkeys: the Users page shows a member with only a passkey as having 2-step (two-step=yes) and offers the reset; after it, two-step=no");
	REQUIRE((a = pf_user("admin", "pk-list-admin", &PA)) != NULL, "admin");
	REQUIRE((w = pf_user("member", "pk-list-member", &PA)) != NULL, "member");
	pk_cred(0xf6, h, b);
	REQUIRE(pk_row(w->email, h, "Key")[0] != '\0', "passkey row");
	REQUIRE((c = signed_in(a)) != NULL, "the admin signs in");
	snprintf(expr, sizeof(expr), "/steward/users/member[@email='%s' and @two-step='yes']",
	    w->email);
	REQUIRE(pf_load(c, "/api/settings/users") == 200 && xpath_count(c->r.doc, expr) == 1,
	    "the passkey-only member is not shown with 2-step: %ld", c->r.status);
	REQUIRE(admin_run(NULL, out, sizeof(out), "user-reset-2fa", w->email,
	    NULL) == 0, "user-reset-2fa: %s", out);
	snprintf(expr, sizeof(expr), "/steward/users/member[@email='%s' and @two-step='yes']",
	    w->email);
	REQUIRE(pf_load(c, "/api/settings/users") == 200 && xpath_count(c->r.doc, expr) == 0,
	    "still shown with 2-step after the reset");
done:
	cl_free(c);
	t_end();
}

static void
part_passkeys(void)
{
	if (!pf_group_setup("passkeys"))
		return;
	test_pk_options();
	test_pk_add_refused();
	test_pk_manage();
	test_pk_signin_refused();
	test_pk_step();
	test_pk_users_list();
}
