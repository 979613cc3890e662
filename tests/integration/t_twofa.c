/*
 * Tests of 2-step verification: the set-up, the second step of signing
 * in (/login/verify), new recovery codes, turning it off, an Admin's
 * reset (/settings/users/2fa-reset) and steward-admin's, and the
 * organization's requirement.  Uses t_profile_fixtures.c.
 */

/* ------------------------------------------ 1. 2-step verification */

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

/* ------------------------------------------------- 2. Admin's reset */

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

/* ------------------------------------- 3. the organization requires */

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

/* The 2-step verification tests, in order (each of the first three goes
 * on with the login T1 the one before left). */
static void
part_twofa(void)
{
	if (!pf_group_setup("twofa"))
		return;
	test_pf_twofa_enable();
	test_pf_verify();
	test_pf_twofa_manage();
	test_pf_admin_reset();
	test_pf_enroll();
}
