/*
 * API tokens (issue 16): the profile page's tokens card (create, shown
 * once, list, revoke, every bad input), and "Authorization: Bearer stw_…"
 * on /api: every scope against every endpoint group, the owner's role
 * bounding the token at once (demoted, removed), revoked and expired
 * tokens, tokens refused on HTML paths and on the auth and token pages,
 * hostile headers, POST without CSRF, last use, throttling.  State is
 * read with the mariadb client (pf_sqlv, t_profile_fixtures.c).
 * Its own organization, so no other group's fixtures matter.
 */
#include <stdatomic.h>

static struct account	 TK;
static struct user	 TK_admin = { .role = "admin" }, TK_admin2 = { .role = "admin" },
			 TK_creator = { .role = "creator" }, TK_member = { .role = "member" },
			 TK_agent = { .role = "agent" };

/* The Authorization header line of token tok (static; one at a time). */
static const char *
tk_auth(const char *tok)
{
	static char	 line[8300];

	snprintf(line, sizeof(line), "Authorization: Bearer %s", tok);
	return line;
}

/* A client with no cookie that sends token tok (NULL: header line hdr). */
static struct client *
tk_client(const char *tok, const char *hdr)
{
	struct client	*c = cl_new("token");

	c->hdr[0] = tok != NULL ? xstrdup(tk_auth(tok)) : hdr;
	return c;
}

/* Frees a client made by tk_client() with a token. */
static void
tk_free(struct client *c, int owned)
{
	if (c != NULL && owned)
		free((char *)c->hdr[0]);
	cl_free(c);
}

/*
 * POSTs the token form as c (signed in, CSRF loaded): name, expires and
 * the space-separated scopes (each one "scope" field).  Returns the
 * status; on 200 the token is copied into out.
 */
static long
tk_post_create(struct client *c, const char *name, const char *expires,
    const char *scopes, char *out, size_t outlen)
{
	struct buf	 b = { 0 };
	char		 sc[256], *p, *save = NULL;
	long		 st;

	form_add(c, &b, "csrf", c->csrf);
	form_add(c, &b, "name", name);
	form_add(c, &b, "expires", expires);
	snprintf(sc, sizeof(sc), "%s", scopes);
	for (p = strtok_r(sc, " ", &save); p != NULL; p = strtok_r(NULL, " ", &save))
		form_add(c, &b, "scope", p);
	st = post_raw(c, "/api/settings/profile/tokens", b.p ? b.p : "", NULL);
	buf_free(&b);
	if (out != NULL && outlen > 0) {
		out[0] = '\0';
		if (st == 200)
			snprintf(out, outlen, "%s", xs(c, "/steward/api-token-new"));
	}
	return st;
}

/* A new token of the user c is signed in as (empty on failure, recorded). */
static void
tk_make(struct client *c, const char *name, const char *scopes, char *out,
    size_t outlen)
{
	long	 st = tk_post_create(c, name, "30", scopes, out, outlen);

	ck(st == 200 && strncmp(out, "stw_", 4) == 0,
	    "creating token %s (%s) answered %ld", name, scopes, st);
}

/* How many api_token rows the account TK has. */
static long
tk_count(void)
{
	return atol(pf_sqlv("SELECT COUNT(*) FROM api_token t JOIN account a"
	    " ON a.id = t.account_id WHERE a.public_id = '%s'", TK.id));
}

/* The user id of u, as text (static). */
static const char *
tk_uid(const struct user *u)
{
	static char	 id[32];

	snprintf(id, sizeof(id), "%s", pf_sqlv("SELECT id FROM user WHERE"
	    " email = '%s'", u->email));
	return id;
}

/* GET path with token tok; the status. */
static long
tk_get(const char *tok, const char *path)
{
	struct client	*c = tk_client(tok, NULL);
	long		 st = get(c, path);

	tk_free(c, 1);
	return st;
}

static int
tk_setup(void)
{
	static int	 made, ok;

	if (made)
		return ok;
	made = 1;
	ok = make_account(&TK, "tokens") == 0 &&
	    make_user(&TK_admin, "tk-admin", &TK) == 0 &&
	    make_user(&TK_admin2, "tk-admin2", &TK) == 0 &&
	    make_user(&TK_creator, "tk-creator", &TK) == 0 &&
	    make_user(&TK_member, "tk-member", &TK) == 0 &&
	    make_user(&TK_agent, "tk-agent", &TK) == 0;
	return ok;
}

/* ------------------------------------------------------------ the card */

static void
t_tokens_create(void)
{
	struct client	*c = NULL, *m = NULL, *k = NULL;
	char		 tok[128], again[128], *long_name;
	long		 n0, st;
	size_t		 i;
	static const struct {
		const char	*name, *expires, *scopes, *field;
	} bad[] = {
		{ "", "30", "read", "name" },
		{ "   ", "30", "read", "name" },
		{ "two\nlines", "30", "read", "name" },
		{ "tab\there", "30", "read", "name" },
		{ "ok", "", "read", "expires" },
		{ "ok", "7", "read", "expires" },
		{ "ok", "30days", "read", "expires" },
		{ "ok", "30", "", "scope" },
		{ "ok", "30", "write", "scope" },
		{ "ok", "30", "read READ", "scope" },
	};

	t_begin("tokens.create: token form refuses every bad input (422, nothing stored); a token is shown once, stored hashed, listed, audited");
	REQUIRE(tk_setup(), "fixtures");
	REQUIRE((c = signed_in(&TK_admin)) != NULL, "sign-in");
	REQUIRE(get(c, "/api/settings/profile") == 200, "profile %ld", c->r.status);
	ck(xpath_count(c->r.doc, "/steward/api-tokens/token-form/scope") == 5,
	    "an Admin is offered the five scopes");
	ck(xpath_count(c->r.doc, "/steward/api-tokens/token-form/expiry[@value='never']") == 1,
	    "an Admin is offered 'never'");
	n0 = tk_count();
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		st = tk_post_create(c, bad[i].name, bad[i].expires, bad[i].scopes,
		    NULL, 0);
		ck(st == 422, "bad[%zu] answered %ld, not 422", i, st);
		if (st == 422) {
			ck(xpath_count(c->r.doc, "/steward/errors/error") >= 1,
			    "bad[%zu]: no error", i);
			ck(strcmp(xs(c, "/steward/profile/@form"), "token") == 0,
			    "bad[%zu]: the token form is not named", i);
			ck(strcmp(xs(c, "/steward/errors/error/@field"), bad[i].field) == 0,
			    "bad[%zu]: error on \"%s\", not %s", i,
			    xs(c, "/steward/errors/error/@field"), bad[i].field);
			ck(xpath_count(c->r.doc, "/steward/api-token-new") == 0,
			    "bad[%zu] shows a token", i);
		}
	}
	long_name = repeat('n', 81);
	ck(tk_post_create(c, long_name, "30", "read", NULL, 0) == 422,
	    "an 81-character name answered %ld", c->r.status);
	free(long_name);
	/* invalid UTF-8 and control characters are refused before any handler */
	{
		struct buf	 b = { 0 };

		form_add(c, &b, "csrf", c->csrf);
		buf_str(&b, "&name=%FF%FE&expires=30&scope=read");
		st = post_raw(c, "/api/settings/profile/tokens", b.p, NULL);
		ck(st == 400 || st == 422, "invalid UTF-8 name answered %ld", st);
		buf_clear(&b);
		form_add(c, &b, "csrf", c->csrf);
		buf_str(&b, "&name=a%01b&expires=30&scope=read");
		st = post_raw(c, "/api/settings/profile/tokens", b.p, NULL);
		ck(st == 400 || st == 422, "a control character answered %ld", st);
		buf_free(&b);
	}
	/* no CSRF */
	ck(post(c, "/api/settings/profile/tokens", "name", "x", "expires", "30",
	    "scope", "read", NULL) == 403, "no CSRF answered %ld", c->r.status);
	ck(tk_count() == n0, "refused forms stored %ld tokens", tk_count() - n0);

	/* a Member: only read, never "never", nothing above the role */
	REQUIRE((m = signed_in(&TK_member)) != NULL, "member sign-in");
	REQUIRE(get(m, "/api/settings/profile") == 200, "member profile");
	ck(xpath_count(m->r.doc, "/steward/api-tokens/token-form/scope") == 1 &&
	    strcmp(xs(m, "/steward/api-tokens/token-form/scope/@name"), "read") == 0,
	    "a Member is offered only read");
	ck(xpath_count(m->r.doc, "/steward/api-tokens/token-form/expiry[@value='never']") == 0,
	    "a Member is offered 'never'");
	ck(tk_post_create(m, "m", "never", "read", NULL, 0) == 422,
	    "a Member's never-expiring token answered %ld", m->r.status);
	ck(tk_post_create(m, "m", "30", "read users:write", NULL, 0) == 422 &&
	    strstr(xs(m, "/steward/errors/error"), "users:write") != NULL,
	    "a Member's users:write answered %ld", m->r.status);
	ck(tk_post_create(m, "m", "30", "billing:read", NULL, 0) == 422,
	    "a Member's billing:read answered %ld", m->r.status);
	ck(tk_post_create(m, "m", "30", "scim", NULL, 0) == 422,
	    "a Member's scim answered %ld", m->r.status);
	ck(tk_count() == n0, "a Member's refused forms stored tokens");

	/* created: shown once, hashed, listed, audited */
	REQUIRE(tk_post_create(c, "Nightly <export> & co", "never", "read users:write",
	    tok, sizeof(tok)) == 200, "create answered %ld", c->r.status);
	ck(strlen(tok) == 58 && strncmp(tok, "stw_", 4) == 0, "token \"%s\"", tok);
	ck(strcmp(xs(c, "/steward/api-token-new/@scopes"), "read users:write") == 0,
	    "new token's scopes \"%s\"", xs(c, "/steward/api-token-new/@scopes"));
	ck(tk_count() == n0 + 1, "one row stored");
	ck(atol(pf_sqlv("SELECT COUNT(*) FROM api_token WHERE public_id = '%.10s'"
	    " AND secret_hash = UNHEX(SHA2('%s', 256)) AND expires_at IS NULL"
	    " AND scopes = 3", tok + 4, tok + 15)) == 1,
	    "the row holds the public id, the secret's SHA-256, no expiry, scopes 3");
	ck(atol(pf_sqlv("SELECT COUNT(*) FROM api_token WHERE"
	    " CAST(secret_hash AS CHAR) LIKE '%%%s%%'", tok + 15)) == 0,
	    "the secret is stored in clear");
	ck(atol(pf_sqlv("SELECT COUNT(*) FROM audit_log WHERE action = 'token.create'"
	    " AND target LIKE 'Nightly <export> & co (stw_%.10s%%' AND target NOT LIKE '%%%s%%'",
	    tok + 4, tok + 15)) == 1, "token.create audited without the secret");
	REQUIRE(get(c, "/api/settings/profile") == 200, "profile again");
	ck(strstr(c->r.body.p, tok + 15) == NULL, "the secret is shown again");
	ck(xpath_count(c->r.doc, "/steward/api-token-new") == 0, "api-token-new again");
	snprintf(again, sizeof(again), "/steward/api-tokens/api-token[@prefix='stw_%.10s']", tok + 4);
	ck(xpath_count(c->r.doc, again) == 1, "the token is not listed");
	ck(tk_get(tok, "/api/settings") == 200, "the new token does not work");
	ck(get(c, "/settings/profile") == 200 && body_has(c, "API tokens") &&
	    body_has(c, "Nightly &lt;export&gt; &amp; co"), "the HTML card");

	/* with the token itself: token management is refused */
	k = tk_client(tok, NULL);
	ck(post(k, "/api/settings/profile/tokens", "name", "x", "expires", "30",
	    "scope", "read", NULL) == 403, "a token creating a token answered %ld",
	    k->r.status);
	ck(tk_count() == n0 + 1, "a token created a token");
done:
	tk_free(k, 1);
	cl_free(m);
	cl_free(c);
	t_end();
}

/* ------------------------------------------------- scope × endpoint */

/* The endpoint groups: one request each, the scope it needs ("" never). */
struct tk_ep {
	const char	*what, *path, *need;
	const char	*form[6];	/* POST fields (NULL: GET) */
};

static const struct tk_ep tk_eps[] = {
	{ "overview", "/api/settings", "read", { NULL } },
	{ "users list", "/api/settings/users", "read", { NULL } },
	{ "audit log", "/api/settings/audit-log", "read", { NULL } },
	{ "events", "/api/settings/events", "read", { NULL } },
	{ "labels", "/api/settings/labels", "read", { NULL } },
	{ "downloads", "/api/settings/downloads", "read", { NULL } },
	{ "organization", "/api/settings/organization", "read", { NULL } },
	{ "billing", "/api/settings/billing", "billing:read", { NULL } },
	{ "invite", "/api/settings/users/invite", "users:write",
	    { "emails", "@INVITE@", "role", "member", NULL } },
	{ "label save", "/api/settings/labels/save", "data:write",
	    { "name", "@LABEL@", "color", "gray", NULL } },
	{ "reveal passcode", "/api/settings/credentials/reveal", "", { "x", "y", NULL } },
	{ "timezone edit", "/api/settings/timezone", "", { "timezone", "UTC", NULL } },
	{ "organization edit", "/api/settings/organization", "", { "name", "x", NULL } },
};

/* Sends endpoint e with client k (a fresh address or name per call). */
static long
tk_send(struct client *k, const struct tk_ep *e, int n)
{
	char	 v[128];
	int	 i;

	if (e->form[0] == NULL)
		return get(k, e->path);
	{
		struct buf	 b = { 0 };
		long		 st;

		for (i = 0; e->form[i] != NULL; i += 2) {
			if (strcmp(e->form[i + 1], "@INVITE@") == 0)
				snprintf(v, sizeof(v), "itest-%s-tkinv%d@example.com", g_tag, n);
			else if (strcmp(e->form[i + 1], "@LABEL@") == 0)
				snprintf(v, sizeof(v), "tk-label-%d", n);
			else
				snprintf(v, sizeof(v), "%s", e->form[i + 1]);
			form_add(k, &b, e->form[i], v);
		}
		st = post_raw(k, e->path, b.p, NULL);
		buf_free(&b);
		return st;
	}
}

static void
t_tokens_scopes(void)
{
	static const char *const scopes[] = { "read", "users:write", "data:write",
	    "billing:read", "scim" };
	struct client	*c = NULL, *k;
	char		 tok[5][128];
	size_t		 s, e;
	long		 st;
	int		 n = 0, allowed;

	t_begin("tokens.scopes: every scope × every endpoint group: allowed exactly where the scope is the one needed (200), else 403 insufficient_scope / not here");
	REQUIRE(tk_setup(), "fixtures");
	REQUIRE((c = signed_in(&TK_admin)) != NULL, "sign-in");
	for (s = 0; s < 5; s++)
		tk_make(c, scopes[s], scopes[s], tok[s], sizeof(tok[s]));
	REQUIRE(!t_bad, "tokens made");
	for (s = 0; s < 5; s++)
		for (e = 0; e < sizeof(tk_eps) / sizeof(tk_eps[0]); e++) {
			k = tk_client(tok[s], NULL);
			st = tk_send(k, &tk_eps[e], n++);
			allowed = strcmp(scopes[s], tk_eps[e].need) == 0;
			ck(allowed ? st == 200 : st == 403,
			    "%s token on %s answered %ld", scopes[s], tk_eps[e].what, st);
			if (!allowed && tk_eps[e].need[0] != '\0')
				ck(strstr(k->r.www_auth, "insufficient_scope") != NULL,
				    "%s on %s: WWW-Authenticate \"%s\"", scopes[s],
				    tk_eps[e].what, k->r.www_auth);
			if (allowed && tk_eps[e].form[0] != NULL)
				ck(strcmp(xs(k, "/steward/@page"), "redirect") == 0 &&
				    strcmp(xs(k, "/steward/flash/@kind"), "ok") == 0 &&
				    k->r.location[0] == '\0',
				    "%s answered no XML result, or a redirect", tk_eps[e].what);
			tk_free(k, 1);
		}
	/* what the allowed writes did, and what the refused ones did not */
	ck(atol(pf_sqlv("SELECT COUNT(*) FROM invitation i JOIN account a ON"
	    " a.id = i.account_id WHERE a.public_id = '%s' AND i.email LIKE"
	    " 'itest-%s-tkinv%%'", TK.id, g_tag)) == 1, "invitations made by tokens");
	ck(atol(pf_sqlv("SELECT COUNT(*) FROM label l JOIN account a ON"
	    " a.id = l.account_id WHERE a.public_id = '%s' AND l.name LIKE 'tk-label-%%'",
	    TK.id)) == 1, "labels made by tokens");
	ck(strcmp(pf_sqlv("SELECT a.timezone FROM account a WHERE a.public_id = '%s'",
	    TK.id), "Europe/Berlin") == 0, "a token changed the time zone");
	/* a 422 is a 422 with a token too */
	k = tk_client(tok[1], NULL);
	ck(post(k, "/api/settings/users/invite", "emails", "not an address",
	    "role", "member", NULL) == 422 && xpath_count(k->r.doc, "/steward/errors/error") >= 1,
	    "a bad invitation by token answered %ld", k->r.status);
	tk_free(k, 1);
done:
	cl_free(c);
	t_end();
}

/* ------------------------------------------- the owner's role, now */

static void
t_tokens_owner(void)
{
	struct client	*a2 = NULL, *cr = NULL;
	char		 tok[128], tok2[128], uid[32];

	t_begin("tokens.owner: a demoted owner's token shrinks at once (role and scopes), grows back with the role; a removed owner's token stops and goes");
	REQUIRE(tk_setup(), "fixtures");
	REQUIRE((cr = signed_in(&TK_creator)) != NULL, "creator sign-in");
	REQUIRE(get(cr, "/api/settings/profile") == 200, "creator profile");
	ck(xpath_count(cr->r.doc, "/steward/api-tokens/token-form/scope") == 3,
	    "a Creator is offered read, users:write, data:write");
	ck(tk_post_create(cr, "c", "30", "read billing:read", NULL, 0) == 422,
	    "a Creator's billing:read answered %ld", cr->r.status);
	tk_make(cr, "creator's", "read users:write data:write", tok, sizeof(tok));
	tk_make(cr, "creator's writer", "users:write", tok2, sizeof(tok2));
	REQUIRE(tok[0] != '\0' && tok2[0] != '\0', "tokens");
	snprintf(uid, sizeof(uid), "%s", tk_uid(&TK_creator));
	ck(tk_get(tok, "/api/settings/users") == 200, "creator token on users");
	ck(tk_get(tok, "/api/settings/events") == 200, "creator token on events");
	ck(tk_get(tok, "/api/settings/audit-log") == 403, "creator token on the audit log (Admin only)");

	REQUIRE((a2 = signed_in(&TK_admin2)) != NULL, "admin2 sign-in");
	REQUIRE(post(a2, "/api/settings/users/role", "csrf", a2->csrf, "user", uid,
	    "role", "member", NULL) == 303, "demote to member: %ld", a2->r.status);
	ck(tk_get(tok, "/api/settings/users") == 403, "a Member's token on users");
	ck(tk_get(tok2, "/api/settings") == 401,
	    "a token left with no scope its owner's role allows answered %ld",
	    tk_get(tok2, "/api/settings"));
	{
		struct client	*k = tk_client(tok, NULL);

		ck(post(k, "/api/settings/labels/save", "name", "tk-demoted", "color", "gray",
		    NULL) == 403, "a demoted token saved a label: %ld", k->r.status);
		tk_free(k, 1);
	}
	ck(tk_get(tok, "/api/settings/events") == 200, "a Member's token on events");
	REQUIRE(post(a2, "/api/settings/users/role", "csrf", a2->csrf, "user", uid,
	    "role", "agent", NULL) == 303, "demote to agent");
	ck(tk_get(tok, "/api/settings/events") == 403, "an Agent's token on events");
	ck(tk_get(tok, "/api/settings") == 200, "an Agent's token on the overview");
	REQUIRE(post(a2, "/api/settings/users/role", "csrf", a2->csrf, "user", uid,
	    "role", "creator", NULL) == 303, "back to creator");
	ck(tk_get(tok, "/api/settings/users") == 200, "the token back with the role");
	ck(tk_get(tok2, "/api/settings") == 403, "a users:write token on the overview");

	REQUIRE(post(a2, "/api/settings/users/remove", "csrf", a2->csrf, "user", uid,
	    NULL) == 303, "remove: %ld", a2->r.status);
	ck(tk_get(tok, "/api/settings") == 401, "a removed owner's token answered %ld",
	    tk_get(tok, "/api/settings"));
	ck(atol(pf_sqlv("SELECT COUNT(*) FROM api_token WHERE public_id = '%.10s'",
	    tok + 4)) == 0, "a removed owner's token row is left");
done:
	cl_free(cr);
	cl_free(a2);
	t_end();
}

/* ------------------------------------------------ revoked, expired */

static void
t_tokens_revoke(void)
{
	struct client	*c = NULL, *m = NULL, *k = NULL;
	char		 mine[128], theirs[128], other[128], id[32], body1[512], body2[512];

	t_begin("tokens.revoke: revoked and expired tokens answer 401 like unknown ones (same body); only the owner or an Admin revokes (404 otherwise); audited");
	REQUIRE(tk_setup(), "fixtures");
	REQUIRE((c = signed_in(&TK_admin)) != NULL, "sign-in");
	REQUIRE((m = signed_in(&TK_member)) != NULL, "member sign-in");
	tk_make(c, "to revoke", "read", mine, sizeof(mine));
	tk_make(m, "member's", "read", theirs, sizeof(theirs));
	tk_make(m, "member's other", "read", other, sizeof(other));
	REQUIRE(!t_bad, "tokens");
	/* a Member cannot revoke the Admin's token, nor see it */
	REQUIRE(get(m, "/api/settings/profile") == 200, "member profile");
	ck(strcmp(xs(m, "/steward/api-tokens/@all"), "no") == 0 &&
	    xpath_count(m->r.doc, "/steward/api-tokens/api-token[@mine='no']") == 0,
	    "a Member sees others' tokens");
	snprintf(id, sizeof(id), "%s", pf_sqlv("SELECT id FROM api_token WHERE"
	    " public_id = '%.10s'", mine + 4));
	ck(post(m, "/api/settings/profile/tokens/revoke", "csrf", m->csrf, "token", id,
	    NULL) == 404, "a Member revoking the Admin's token: %ld", m->r.status);
	ck(post(m, "/api/settings/profile/tokens/revoke", "csrf", m->csrf, "token", "abc",
	    NULL) == 404, "a malformed id: %ld", m->r.status);
	ck(post(m, "/api/settings/profile/tokens/revoke", "csrf", m->csrf, "token",
	    "99999999999", NULL) == 404, "an unknown id: %ld", m->r.status);
	ck(post(m, "/api/settings/profile/tokens/revoke", "token", id, NULL) == 403,
	    "no CSRF: %ld", m->r.status);
	ck(tk_get(mine, "/api/settings") == 200, "the Admin's token after refusals");
	/* the Admin sees every token and revokes the Member's */
	REQUIRE(get(c, "/api/settings/profile") == 200, "admin profile");
	ck(strcmp(xs(c, "/steward/api-tokens/@all"), "yes") == 0 &&
	    xpath_count(c->r.doc, "/steward/api-tokens/api-token[@mine='no']") >= 2,
	    "an Admin does not see the Member's tokens");
	snprintf(id, sizeof(id), "%s", pf_sqlv("SELECT id FROM api_token WHERE"
	    " public_id = '%.10s'", theirs + 4));
	ck(post(c, "/api/settings/profile/tokens/revoke", "csrf", c->csrf, "token", id,
	    NULL) == 303, "an Admin revoking a Member's token: %ld", c->r.status);
	ck(tk_get(theirs, "/api/settings") == 401, "a revoked token works");
	ck(post(c, "/api/settings/profile/tokens/revoke", "csrf", c->csrf, "token", id,
	    NULL) == 404, "revoking twice: %ld", c->r.status);
	ck(atol(pf_sqlv("SELECT COUNT(*) FROM audit_log WHERE action = 'token.revoke'"
	    " AND target LIKE 'member''s (stw_%.10s%%) of %s'", theirs + 4,
	    TK_member.email)) == 1, "token.revoke not audited");
	/* the owner revokes their own */
	snprintf(id, sizeof(id), "%s", pf_sqlv("SELECT id FROM api_token WHERE"
	    " public_id = '%.10s'", mine + 4));
	ck(post(c, "/api/settings/profile/tokens/revoke", "csrf", c->csrf, "token", id,
	    NULL) == 303, "revoking one's own: %ld", c->r.status);

	/* expired: 401, and listed as expired */
	pf_sqlv("UPDATE api_token SET expires_at = UTC_TIMESTAMP(6) - INTERVAL 1 SECOND"
	    " WHERE public_id = '%.10s'", other + 4);
	ck(tk_get(other, "/api/settings") == 401, "an expired token works");
	REQUIRE(get(m, "/api/settings/profile") == 200, "member profile");
	snprintf(body1, sizeof(body1), "/steward/api-tokens/api-token[@prefix='stw_%.10s']/@expired",
	    other + 4);
	ck(strcmp(xs(m, body1), "yes") == 0, "an expired token is not marked");

	/* revoked, expired and unknown tokens: the same answer */
	k = tk_client(theirs, NULL);
	get(k, "/api/settings");
	snprintf(body1, sizeof(body1), "%.*s", (int)k->r.body.n, k->r.body.p);
	tk_free(k, 1);
	other[20] = other[20] == 'A' ? 'B' : 'A';	/* well-formed, unknown */
	k = tk_client(other, NULL);
	get(k, "/api/settings");
	snprintf(body2, sizeof(body2), "%.*s", (int)k->r.body.n, k->r.body.p);
	ck(k->r.status == 401 && strcmp(body1, body2) == 0,
	    "unknown and revoked tokens answer differently");
	ck(strstr(k->r.www_auth, "Bearer") == k->r.www_auth, "WWW-Authenticate \"%s\"",
	    k->r.www_auth);
	tk_free(k, 1);
	k = NULL;
done:
	tk_free(k, 1);
	cl_free(m);
	cl_free(c);
	t_end();
}

/* ---------------------------------------- where tokens never work */

static void
t_tokens_nowhere(void)
{
	static const struct {
		const char	*path;
		int		 post;
		long		 want;
	} eps[] = {
		{ "/settings", 0, 401 },		/* HTML paths */
		{ "/settings/users", 0, 401 },
		{ "/settings/users/invite", 1, 401 },
		{ "/api/login", 0, 403 },		/* auth pages */
		{ "/api/login", 1, 403 },
		{ "/api/logout", 1, 403 },
		{ "/api/login/verify", 0, 403 },
		{ "/api/password/forgot", 0, 403 },
		{ "/api/password/reset", 0, 403 },
		{ "/api/settings/password", 0, 403 },
		{ "/api/settings/password", 1, 403 },
		{ "/api/settings/profile", 0, 403 },
		{ "/api/settings/profile", 1, 403 },
		{ "/api/settings/profile/2fa", 0, 403 },
		{ "/api/settings/profile/2fa/start", 1, 403 },
		{ "/api/settings/profile/sessions/end-others", 1, 403 },
		{ "/api/settings/profile/tokens", 1, 403 },
		{ "/api/settings/profile/tokens/revoke", 1, 403 },
		{ "/api/settings/users/2fa-reset", 1, 403 },
		{ "/api/settings/account", 1, 403 },
		{ "/api/settings/credentials/rotate", 0, 403 },
		{ "/api/settings/no-such-page", 0, 404 },
	};
	struct client	*c = NULL, *k;
	char		 tok[128];
	size_t		 i;
	long		 st, sessions = 0;

	t_begin("tokens.nowhere: a valid all-scope token is refused on HTML paths (401) and on sign-in, password, 2-step, profile and token routes (403); nothing changes");
	REQUIRE(tk_setup(), "fixtures");
	REQUIRE((c = signed_in(&TK_admin2)) != NULL, "sign-in");
	tk_make(c, "everything", "read users:write data:write billing:read scim", tok, sizeof(tok));
	REQUIRE(tok[0] != '\0', "token");
	sessions = atol(pf_sqlv("SELECT COUNT(*) FROM session s JOIN user u"
	    " ON u.id = s.user_id WHERE u.email = '%s'", TK_admin2.email));
	for (i = 0; i < sizeof(eps) / sizeof(eps[0]); i++) {
		k = tk_client(tok, NULL);
		st = eps[i].post ? post(k, eps[i].path, "user", tk_uid(&TK_member),
		    "confirm", "yes", "email", TK_member.email, NULL) : get(k, eps[i].path);
		ck(st == eps[i].want, "%s %s answered %ld, not %ld",
		    eps[i].post ? "POST" : "GET", eps[i].path, st, eps[i].want);
		ck(strstr(k->r.cookies.p ? k->r.cookies.p : "", "stw_session=") == NULL ||
		    strstr(k->r.cookies.p, "stw_session=;") != NULL,
		    "%s gave a token a session", eps[i].path);
		tk_free(k, 1);
	}
	ck(sessions >= 1 && atol(pf_sqlv("SELECT COUNT(*) FROM session s JOIN user u"
	    " ON u.id = s.user_id WHERE u.email = '%s'", TK_admin2.email)) == sessions,
	    "a token ended or made sessions");
done:
	cl_free(c);
	t_end();
}

/* ------------------------------------------------- hostile headers */

/* The status of path (a GET, or a POST of body) with the header lines of
 * hdrs (NULL-terminated), outside the harness (its answer need not be
 * XML: nginx answers some refusals itself). */
static long
tk_raw(const char *path, const char *body, const char *const hdrs[])
{
	CURL			*h = curl_easy_init();
	struct curl_slist	*l = NULL;
	struct buf		 out = { 0 };
	char			 url[1024];
	long			 st = 0;
	size_t			 i;

	if (h == NULL)
		return 0;
	snprintf(url, sizeof(url), "%s%s", g_url, path);
	for (i = 0; hdrs[i] != NULL; i++)
		l = curl_slist_append(l, hdrs[i]);
	curl_easy_setopt(h, CURLOPT_URL, url);
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, l);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, &out);
	curl_easy_setopt(h, CURLOPT_TIMEOUT, 30L);
	if (body != NULL)
		curl_easy_setopt(h, CURLOPT_POSTFIELDS, body);
	if (curl_easy_perform(h) == CURLE_OK)
		curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &st);
	curl_slist_free_all(l);
	curl_easy_cleanup(h);
	buf_free(&out);
	return st;
}

static void
t_tokens_headers(void)
{
	static const char *const hdrs[] = {
		"Authorization;",			/* empty */
		"Authorization: Bearer",
		"Authorization: Bearer ",
		"Authorization: Basic dXNlcjpwYXNz",
		"Authorization: Token @TOK@",
		"Authorization: Bearer sk_@PUB@",
		"Authorization: Bearer @TOK@x",
		"Authorization: Bearer @TOK@ @TOK@",
		"Authorization: Bearer @TOK@,Bearer @TOK@",
		"Authorization: Bearer @CTL@",
		"Authorization: Bearer @UTF@",
		"Authorization: Bearer @LONG@",
		"Authorization: Bearer\t@TOK@",
		"Authorization: Bearer stw_",
	};
	struct client	*c = NULL, *k;
	char		 tok[128], line[9000], v[8300], *longv;
	size_t		 i;
	long		 st;

	t_begin("tokens.headers: hostile Authorization headers (empty, bare scheme, other schemes and prefixes, too long, control characters, invalid UTF-8, two headers) answer 401 (nginx: 400), never the page");
	REQUIRE(tk_setup(), "fixtures");
	REQUIRE((c = signed_in(&TK_admin)) != NULL, "sign-in");
	tk_make(c, "hostile", "read", tok, sizeof(tok));
	REQUIRE(tok[0] != '\0', "token");
	longv = repeat('A', 8000);
	for (i = 0; i < sizeof(hdrs) / sizeof(hdrs[0]); i++) {
		const char	*h = hdrs[i], *at;

		line[0] = '\0';
		while ((at = strchr(h, '@')) != NULL) {
			const char	*end = strchr(at + 1, '@');

			strncat(line, h, (size_t)(at - h));
			if (strncmp(at, "@TOK@", 5) == 0)
				strcat(line, tok);
			else if (strncmp(at, "@PUB@", 5) == 0)
				strcat(line, tok + 4);
			else if (strncmp(at, "@CTL@", 5) == 0) {
				snprintf(v, sizeof(v), "%s", tok);
				v[30] = '\x01';
				strcat(line, v);
			} else if (strncmp(at, "@UTF@", 5) == 0) {
				snprintf(v, sizeof(v), "%s", tok);
				v[30] = '\xff';
				strcat(line, v);
			} else if (strncmp(at, "@LONG@", 6) == 0) {
				snprintf(v, sizeof(v), "%s%s", tok, longv);
				strcat(line, v);
			}
			h = end + 1;
		}
		strcat(line, h);
		k = tk_client(NULL, line);
		st = get(k, "/api/settings");
		ck(st == 401 || st == 400, "header %zu answered %ld", i, st);
		if (st == 401)
			ck(strncmp(k->r.www_auth, "Bearer", 6) == 0,
			    "header %zu: WWW-Authenticate \"%s\"", i, k->r.www_auth);
		cl_free(k);
	}
	free(longv);
	/* two headers, each alone valid (nginx refuses them with its own 400
	 * page, so not through the harness's XML checks) */
	{
		char		 a1[8300], idh[80], pch[120];
		const char	*two[] = { a1, a1, NULL }, *one[] = { a1, NULL };
		const char	*up[] = { "Authorization: Basic dXNlcjpwYXNz",
		    "Content-Type: application/json", idh, pch, NULL };

		snprintf(a1, sizeof(a1), "%s", tk_auth(tok));
		st = tk_raw("/api/settings", NULL, two);
		ck(st == 401 || st == 400, "two Authorization headers answered %ld", st);
		ck(tk_raw("/api/settings", NULL, one) == 200, "the raw request itself fails");
		/* a proxy's Basic header does not disturb the ingestion API */
		snprintf(idh, sizeof(idh), "X-Account-Id: %s", TK.id);
		snprintf(pch, sizeof(pch), "X-Account-Passcode: %s", TK.passcode);
		ck(tk_raw("/api/1/upload", "{\"d\":[{\"identity\":\"tk1\","
		    "\"evtName\":\"tk.event\",\"evtData\":{}}]}", up) == 200,
		    "the ingestion API with a Basic header answered %ld",
		    tk_raw("/api/1/upload", "[]", up));
	}
	/* the scheme is case-insensitive (RFC 7235) */
	snprintf(line, sizeof(line), "Authorization: bearer %s", tok);
	k = tk_client(NULL, line);
	ck(get(k, "/api/settings") == 200, "\"bearer\" answered %ld", k->r.status);
	cl_free(k);
	/* a cookie session alongside a bad token: the token decides */
	c->hdr[0] = "Authorization: Bearer stw_";
	ck(get(c, "/api/settings") == 401, "a session with a bad token answered %ld",
	    c->r.status);
	c->hdr[0] = NULL;
	ck(get(c, "/api/settings") == 200, "the session alone answered %ld", c->r.status);
	/* a Basic header on an HTML page (a proxy's) is left alone */
	c->hdr[0] = "Authorization: Basic dXNlcjpwYXNz";
	ck(get(c, "/settings") == 200, "Basic on a page answered %ld", c->r.status);
	c->hdr[0] = NULL;
done:
	cl_free(c);
	t_end();
}

/* --------------------------------------- CSRF, last use, throttle */

static void
t_tokens_csrf(void)
{
	struct client	*c = NULL, *k = NULL, *anon = NULL;
	char		 tok[128];
	long		 before;

	t_begin("tokens.csrf: a POST without CSRF is accepted with a token (200 + XML result) and refused without (403 session, 401 nobody)");
	REQUIRE(tk_setup(), "fixtures");
	REQUIRE((c = signed_in(&TK_admin)) != NULL, "sign-in");
	tk_make(c, "csrf", "data:write", tok, sizeof(tok));
	REQUIRE(tok[0] != '\0', "token");
	before = atol(pf_sqlv("SELECT COUNT(*) FROM label l JOIN account a ON"
	    " a.id = l.account_id WHERE a.public_id = '%s'", TK.id));
	ck(post(c, "/api/settings/labels/save", "name", "tk-csrf-1", "color", "gray",
	    NULL) == 403, "a session without CSRF: %ld", c->r.status);
	anon = cl_new("anon");
	ck(post(anon, "/api/settings/labels/save", "name", "tk-csrf-2", "color", "gray",
	    NULL) == 401, "nobody without CSRF: %ld", anon->r.status);
	ck(strncmp(anon->r.www_auth, "Bearer", 6) == 0, "a 401 without WWW-Authenticate");
	ck(atol(pf_sqlv("SELECT COUNT(*) FROM label l JOIN account a ON"
	    " a.id = l.account_id WHERE a.public_id = '%s'", TK.id)) == before,
	    "refused POSTs stored a label");
	k = tk_client(tok, NULL);
	k->origin = "https://evil.example";
	ck(post(k, "/api/settings/labels/save", "name", "tk-csrf-3", "color", "gray",
	    NULL) == 200, "a token without CSRF: %ld", k->r.status);
	ck(strcmp(xs(k, "/steward/redirect/@href"), "/api/settings/labels") == 0,
	    "the result names \"%s\"", xs(k, "/steward/redirect/@href"));
	ck(atol(pf_sqlv("SELECT COUNT(*) FROM label l JOIN account a ON"
	    " a.id = l.account_id WHERE a.public_id = '%s'", TK.id)) == before + 1,
	    "the token's POST stored no label");
	ck(k->r.cookies.n == 0, "a token's answer sets cookies: %s", k->r.cookies.p);
	/* last use: time and address written */
	ck(strcmp(pf_sqlv("SELECT last_used_ip FROM api_token WHERE public_id = '%.10s'"
	    " AND last_used_at IS NOT NULL", tok + 4), "127.0.0.1") == 0,
	    "last use not recorded");
	REQUIRE(get(c, "/api/settings/profile") == 200, "profile");
	{
		char	 q[160];

		snprintf(q, sizeof(q), "/steward/api-tokens/api-token[@prefix='stw_%.10s']/@last-ip",
		    tok + 4);
		ck(strcmp(xs(c, q), "127.0.0.1") == 0, "last use not listed");
	}
done:
	tk_free(k, 1);
	cl_free(anon);
	cl_free(c);
	t_end();
}

#define TK_RACERS	16	/* requests in flight at once: both workers get some */
#define TK_RACE_MAX	200	/* requests a racer sends at most */

/* A racer of the throttle test: its own handle, what it was answered. */
struct tk_racer {
	struct client		*c;
	struct curl_slist	*h;
	int			 ok, refused, other;
};

static atomic_int	 tk_race_over;	/* a racer was answered 429 */

/* A thread: GETs /api/settings/timezone with the racer's token until
 * any racer is answered 429, counting the answers. */
static void *
tk_race(void *arg)
{
	struct tk_racer	*r = arg;
	long		 st;
	int		 i;

	for (i = 0; i < TK_RACE_MAX && !atomic_load(&tk_race_over); i++) {
		resp_reset(&r->c->r);
		st = 0;
		if (curl_easy_perform(r->c->h) == CURLE_OK)
			curl_easy_getinfo(r->c->h, CURLINFO_RESPONSE_CODE, &st);
		if (st == 200)
			r->ok++;
		else if (st == 429) {
			r->refused++;
			atomic_store(&tk_race_over, 1);
		} else
			r->other++;
	}
	return NULL;
}

/* Sends token tok's requests from TK_RACERS threads at once until one is
 * refused; the answers' counts added into ok, refused and other. */
static void
tk_race_run(const char *tok, int *ok, int *refused, int *other)
{
	struct tk_racer	 r[TK_RACERS];
	pthread_t	 t[TK_RACERS];
	char		 url[sizeof(g_url) + 32];
	int		 i, n;

	memset(r, 0, sizeof(r));
	atomic_store(&tk_race_over, 0);
	snprintf(url, sizeof(url), "%s/api/settings/timezone", g_url);
	for (i = 0; i < TK_RACERS; i++) {
		r[i].c = cl_new("racer");
		r[i].h = curl_slist_append(NULL, tk_auth(tok));
		curl_easy_setopt(r[i].c->h, CURLOPT_URL, url);
		curl_easy_setopt(r[i].c->h, CURLOPT_HTTPHEADER, r[i].h);
	}
	for (n = 0; n < TK_RACERS; n++)
		if (pthread_create(&t[n], NULL, tk_race, &r[n]) != 0)
			break;
	for (i = 0; i < n; i++)
		pthread_join(t[i], NULL);
	for (i = 0; i < TK_RACERS; i++) {
		*ok += r[i].ok;
		*refused += r[i].refused;
		*other += r[i].other + (i >= n);
		curl_slist_free_all(r[i].h);
		cl_free(r[i].c);
	}
}

static void
t_tokens_throttle(void)
{
	struct client	*c = NULL, *k = NULL;
	char		 tok[128], tok2[128];
	int		 ok = 0, refused = 0, other = 0;
	time_t		 minute;

	t_begin("tokens.throttle: a token past its requests a minute (counted once for all the host's workers, requests in flight at once) answers 429 with Retry-After; another token still works");
	REQUIRE(tk_setup(), "fixtures");
	REQUIRE((c = signed_in(&TK_agent)) != NULL, "sign-in");
	tk_make(c, "busy", "read", tok, sizeof(tok));
	tk_make(c, "calm", "read", tok2, sizeof(tok2));
	REQUIRE(!t_bad, "tokens");
	/* the default api_token_rate is 600 a minute, whichever worker nginx
	 * hands a request to; a minute boundary inside the run allows at
	 * most twice that */
	minute = time(NULL) / 60;
	tk_race_run(tok, &ok, &refused, &other);
	ck(other == 0, "%d requests answered neither 200 nor 429", other);
	if (time(NULL) / 60 == minute)
		ck(refused >= 1 && ok == 600, "%d answered, %d refused in one minute", ok, refused);
	else
		ck(refused >= 1 && ok >= 600 && ok <= 1200, "%d answered, %d refused across a minute", ok, refused);
	k = tk_client(tok, NULL);
	if (get(k, "/api/settings/timezone") == 429)
		ck(atoi(k->r.retry) >= 1 && atoi(k->r.retry) <= 60, "Retry-After \"%s\"", k->r.retry);
	else
		ck(time(NULL) / 60 != minute, "the token answered %ld within its minute", k->r.status);
	ck(tk_get(tok2, "/api/settings/timezone") == 200, "another token throttled");
done:
	tk_free(k, 1);
	cl_free(c);
	t_end();
}

static void
t_tokens_admin(void)
{
	char	 out[512];
	long	 n0;

	t_begin("tokens.admin: steward-admin token-create prints a working token within the role's scopes; refuses the rest (exit 1, nothing stored); audited");
	REQUIRE(tk_setup(), "fixtures");
	n0 = tk_count();
	ck(admin_run(NULL, out, sizeof(out), "token-create", TK_member.email,
	    "--account", TK.id, "--name", "cli", "--scopes", "read,users:write",
	    NULL) == 1, "a Member's users:write token made");
	ck(admin_run(NULL, out, sizeof(out), "token-create", TK_member.email,
	    "--account", TK.id, "--name", "cli", "--scopes", "read", "--expires",
	    "never", NULL) == 1, "a Member's never-expiring token made");
	ck(admin_run(NULL, out, sizeof(out), "token-create", TK_member.email,
	    "--account", TK.id, "--name", "cli", "--scopes", "reed", NULL) == 1,
	    "an unknown scope taken");
	ck(admin_run(NULL, out, sizeof(out), "token-create", TK_member.email,
	    "--account", TK.id, "--name", "", "--scopes", "read", NULL) == 1,
	    "an empty name taken");
	ck(admin_run(NULL, out, sizeof(out), "token-create", "nobody@example.com",
	    "--account", TK.id, "--name", "cli", "--scopes", "read", NULL) == 1,
	    "a stranger's token made");
	ck(tk_count() == n0, "refused commands stored tokens");
	REQUIRE(admin_run(NULL, out, sizeof(out), "token-create", TK_member.email,
	    "--account", TK.id, "--name", "cli", "--scopes", "read", "--expires",
	    "30", NULL) == 0, "token-create failed: %s", out);
	out[strcspn(out, "\n")] = '\0';
	ck(strlen(out) == 58 && strncmp(out, "stw_", 4) == 0, "printed \"%s\"", out);
	ck(tk_get(out, "/api/settings/events") == 200, "the printed token does not work");
	ck(atol(pf_sqlv("SELECT COUNT(*) FROM audit_log WHERE action = 'token.create'"
	    " AND ip = 'cli' AND target LIKE 'cli (stw_%.10s%%'", out + 4)) == 1,
	    "token-create not audited");
done:
	t_end();
}

static void
part_tokens(void)
{
	t_tokens_create();
	t_tokens_scopes();
	t_tokens_owner();
	t_tokens_revoke();
	t_tokens_nowhere();
	t_tokens_headers();
	t_tokens_csrf();
	t_tokens_throttle();
	t_tokens_admin();
}
