/*
 * Tests of signing in that the sign-in tests of t_core.c leave out: the
 * lock-out of a login whose failures reach the cap.  (The second step,
 * /login/verify, is tested with 2-step verification in t_twofa.c.)  Uses
 * t_profile_fixtures.c.
 */

/* ------------------------------------------------------- 1. lock-out */

static void
test_pf_lockout(void)
{
	struct user	*u = pf_user("member", "pf-lock", &PA);
	struct client	*c = cl_new("lock");
	struct snap	 s = { 0 };
	char		 wrong[80], out[256];

	t_begin("lock-out: the failure that brings the delay to its cap sets locked_until, audits user.locked and mails the user once; steward-admin user-unlock clears it");
	REQUIRE(u != NULL, "user");
	unlock(u->email);
	snprintf(wrong, sizeof(wrong), "%s-wrong", u->password);
	REQUIRE(signin(c, u->email, wrong) == 422, "first failure");
	REQUIRE(pf_sql(NULL, 0, "UPDATE throttle SET failures = 12, next_at = UTC_TIMESTAMP(6) WHERE "
	    "scope = 1 AND key_hash = UNHEX(SHA2(CONCAT('email:', '%s'), 256))", u->email) == 0, "sql");
	(void)pf_sql(NULL, 0, "DELETE FROM throttle WHERE scope = 2");
	snap_take(&s);
	REQUIRE(signin(c, u->email, wrong) == 422, "13th failure answered %ld", c->r.status);
	REQUIRE(mail_to(&s, u->email, "failed attempts", NULL) == 1, "no lock-out notice");
	REQUIRE(strcmp(pf_sqlv("SELECT locked_until > UTC_TIMESTAMP(6) FROM user WHERE email = '%s'",
	    u->email), "1") == 0, "locked_until not set");
	REQUIRE(audits(u->email, "user.locked") == 1, "not audited");
	REQUIRE(signin(c, u->email, u->password) == 429, "the right password while locked: %ld",
	    c->r.status);
	REQUIRE(admin_run(NULL, out, sizeof(out), "user-unlock", u->email, "--ip", "127.0.0.1",
	    NULL) == 0, "user-unlock");
	REQUIRE(strcmp(pf_sqlv("SELECT COALESCE(locked_until, 'none') FROM user WHERE email = '%s'",
	    u->email), "none") == 0, "locked_until not cleared");
	cl_free(c);
	c = cl_new("lock2");
	REQUIRE(signin(c, u->email, u->password) == 303, "sign-in after unlock: %ld", c->r.status);
done:
	snap_free(&s);
	cl_free(c);
	t_end();
}

/* The sign-in tests, in order. */
static void
part_login(void)
{
	if (!pf_group_setup("login"))
		return;
	test_pf_lockout();
}
